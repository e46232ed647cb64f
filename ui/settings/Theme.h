#pragma once
// Light and dark: the application palette (every widget) and ChartStyle (charts and
// pictures) together. "System" follows the platform's palette: Qt 6.4 has no colour-scheme
// query, so a window colour darker than mid-grey means dark. The palette is read at start
// and again when the platform's theme changes (SystemThemeWatcher calls followPlatform()).
#include <QPalette>
#include <QString>

#include <functional>

class Theme {
public:
    enum class Mode { System, Light, Dark };

    static Mode fromName(const QString& name); // "system", "light", "dark"; else System
    static QString name(Mode mode);
    // Whether the platform's own palette is dark (read before any palette of ours, and
    // again by followPlatform()).
    static bool systemIsDark();
    // Sets the application palette and ChartStyle's colours; true when the result is dark.
    static bool apply(Mode mode);
    static QPalette darkPalette();
    static QPalette lightPalette();

    // The mode apply() last set (System before any).
    static Mode current();
    // True while apply() or followPlatform() sets the application palette (its own
    // ApplicationPaletteChange events are not the platform's).
    static bool applying();
    // The application palette as apply() left it.
    static QPalette applied();
    // The platform's theme changed: in System mode its palette is read again and applied;
    // Light and Dark stay as they are. Returns true when it applied.
    static bool followPlatform();
    // Where followPlatform() reads the platform's palette: by default the application
    // palette reset to the platform's (apply() sets ours again right after). Tests stand
    // in a fake system here; an empty function restores the default.
    static void setPlatformSource(std::function<QPalette()> source);

private:
    static QPalette& platformPalette();
};
