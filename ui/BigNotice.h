#pragma once
// A big notice over the charts for the moments a class must not miss (a reset, a lesson's
// scheduled change): large text on a dark band for a few seconds, then gone. Not a
// status-bar line, which nobody at the back of a room can read; not a dialog, which would
// stop the run.
#include <QLabel>

class QTimer;

class BigNotice : public QLabel {
    Q_OBJECT
public:
    static constexpr int kShowMs = 2500;
    explicit BigNotice(QWidget* parent);
    // Shows `text` centred near the top of the parent, replacing any notice shown.
    void notify(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();
    QTimer* m_timer = nullptr;
};
