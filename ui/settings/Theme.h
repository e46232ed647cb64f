#pragma once
// Light and dark: the application palette (every widget) and ChartStyle (charts and
// pictures) together. "System" follows the platform's palette as the app found it: Qt 6.4
// has no colour-scheme query, so a window colour darker than mid-grey means dark.
#include <QPalette>
#include <QString>

class Theme {
public:
    enum class Mode { System, Light, Dark };

    static Mode fromName(const QString& name); // "system", "light", "dark"; else System
    static QString name(Mode mode);
    // Whether the platform's own palette is dark (read once, before any palette of ours).
    static bool systemIsDark();
    // Sets the application palette and ChartStyle's colours; true when the result is dark.
    static bool apply(Mode mode);
    static QPalette darkPalette();
    static QPalette lightPalette();

private:
    static const QPalette& platformPalette();
};
