#pragma once
// Keeps every toolbar item on screen when the window is narrow (1024 px): instead of letting
// Export and the seed fall into the ">>" overflow menu, the toolbar first drops the text
// beside its icons (the tooltips still name them), then the labels before its boxes ("Lab",
// "Speed": the boxes' tooltips say what they are). It goes back as the window grows.
#include <QObject>
#include <QPointer>
#include <vector>

class QAction;
class QToolBar;

class ToolBarFit : public QObject {
    Q_OBJECT
public:
    explicit ToolBarFit(QToolBar* bar);

    // 0: text beside icons and labels; 1: icons only; 2: icons only, no labels.
    int level() const { return m_level; }
    void refit();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void apply(int level);

    QToolBar* m_bar;
    int m_level = 0;
    bool m_fitting = false;
    bool m_scheduled = false; // a refit is coming in this turn of the event loop
    std::vector<QPointer<QAction>> m_hidden; // labels this has hidden
};
