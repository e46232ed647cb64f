#pragma once
// A titled section of the parameter panel that folds to its title with one click (the arrow
// says which way), so the regularization controls are on screen without scrolling on a
// 900-pixel screen once Data, Features or Network are folded.
#include <QWidget>

class QToolButton;

class CollapsibleGroup : public QWidget {
    Q_OBJECT
public:
    explicit CollapsibleGroup(const QString& title, QWidget* parent = nullptr);

    QWidget* body() const { return m_body; } // the controls go here
    QToolButton* header() const { return m_header; }
    QString title() const;
    bool isCollapsed() const;
    void setCollapsed(bool collapsed);

signals:
    void collapsedChanged(bool collapsed);

private:
    QToolButton* m_header = nullptr;
    QWidget* m_body = nullptr;
};
