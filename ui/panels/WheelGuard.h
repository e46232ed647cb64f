#pragma once
// Keeps the mouse wheel for scrolling: over a spin box, combo box or slider that does not
// have the keyboard focus, the wheel scrolls the panel instead of changing the value (five
// wheel clicks over the optimizer box must not switch Adam to AdamW and reset a long run).
// A control takes the wheel once it has focus (a click or Tab), and the wheel never gives
// focus by itself.
#include <QObject>

class QAbstractScrollArea;
class QWidget;

class WheelGuard : public QObject {
    Q_OBJECT
public:
    explicit WheelGuard(QAbstractScrollArea* area);
    // Guards every value control under root (spin boxes, combo boxes, sliders).
    void guard(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAbstractScrollArea* m_area;
};
