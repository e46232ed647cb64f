#pragma once
// Help > Keyboard Shortcuts (built from the window's own actions, so it never goes stale)
// and Help > About (version, licence, the data's attribution).
#include <QObject>
#include <QString>

class QAction;
class QMainWindow;

class HelpMenu : public QObject {
    Q_OBJECT
public:
    explicit HelpMenu(QMainWindow* window);

    QAction* shortcutsAction() const { return m_shortcuts; }
    QAction* aboutAction() const { return m_about; }
    // The shortcuts table as HTML: one row per action of the window that has a shortcut.
    QString shortcutsHtml() const;
    static QString aboutHtml();

private:
    QMainWindow* m_window;
    QAction* m_shortcuts = nullptr;
    QAction* m_about = nullptr;
};
