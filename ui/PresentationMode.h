#pragma once
// The View menu: presentation mode (F11; F11 or Escape leave it) for a projector: full
// screen, fonts and chart lines larger, the docks and toolbars the teacher picked hidden
// (restored after); font zoom (Ctrl++, Ctrl+-, Ctrl+0) in and out of it; the theme
// (System, Light, Dark) and the colour-blind-safe palette. All remembered in AppSettings.
// The window's own actions (Space, S, R) stay attached to it, so they work throughout.
#include <QFont>
#include <QObject>
#include <QStringList>

#include <vector>

class AppSettings;
class QAction;
class QMainWindow;
class QMenu;
class QWidget;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    // In presentation mode fonts grow by this over the zoom, chart lines by kLineScale.
    static constexpr double kFontScale = 1.4, kLineScale = 1.8;
    static constexpr double kZoomStep = 1.15;

    // Adds the View menu to window's menu bar and applies the saved theme, palette and zoom.
    // The docks and toolbars listed for hiding are those the window has now.
    PresentationMode(QMainWindow* window, AppSettings* settings);

    bool isActive() const { return m_active; }
    void setActive(bool on);
    double zoom() const { return m_zoom; }
    void setZoom(double factor); // clamped to AppSettings' range
    void zoomIn();
    void zoomOut();
    void setTheme(const QString& name); // "system", "light", "dark"
    void setColourBlindSafe(bool on);
    // Docks and toolbars (by object name) hidden while presenting.
    QStringList hiddenPanels() const { return m_hidden; }
    void setPanelHidden(const QString& objectName, bool hidden);

    QMenu* menu() const { return m_menu; }
    QAction* toggleAction() const { return m_toggle; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildMenu();
    void applyScale();
    std::vector<QWidget*> panels() const; // docks and toolbars with an object name

    QMainWindow* m_window;
    AppSettings* m_settings;
    QFont m_baseFont; // the window's font at zoom 1, outside presentation mode
    double m_zoom = 1.0;
    bool m_active = false;
    Qt::WindowStates m_stateBefore;
    std::vector<QWidget*> m_hiddenByUs; // restored when presentation mode ends
    QStringList m_hidden;
    QMenu* m_menu = nullptr;
    QAction* m_toggle = nullptr;
    QAction* m_leave = nullptr; // Escape, enabled only while presenting
};
