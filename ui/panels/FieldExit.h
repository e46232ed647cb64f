#pragma once
// Enter or Escape in a text field (a spin box, a line edit) gives the keyboard back to the
// window, so Space, S and R play, step and reset again right after a value is typed (a
// focused field keeps those keys as text). Enter applies what was typed; Escape puts the
// shown value back and applies nothing, and goes to the field before any window shortcut
// on Escape (leaving presentation mode takes a second Escape).
#include <QObject>

class QWidget;

class FieldExit : public QObject {
    Q_OBJECT
public:
    explicit FieldExit(QObject* parent = nullptr);
    // Watches every spin box and line edit under root (a line edit inside a spin box goes
    // with its spin box), and root itself if it is one.
    void guard(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void watch(QWidget* field);
    static void leave(QWidget* field);
};
