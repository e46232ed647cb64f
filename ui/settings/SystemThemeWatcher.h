#pragma once
// The "System" theme while the app runs: Qt 6.4 has no colour-scheme-changed signal, but
// the platform sends QEvent::ThemeChange to every window when its theme (light or dark)
// changes, and may reset an application palette that was not fully ours
// (ApplicationPaletteChange). Watching the application for both, this asks Theme to read
// the platform's palette again, once per burst of events (a queued call), never for the
// events Theme's own palette causes.
#include <QObject>

class SystemThemeWatcher : public QObject {
    Q_OBJECT
public:
    // Installs itself as an event filter on the application.
    explicit SystemThemeWatcher(QObject* parent = nullptr);
    ~SystemThemeWatcher() override;

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void schedule();

    bool m_pending = false;
};
