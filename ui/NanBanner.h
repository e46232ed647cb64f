#pragma once
// The "training diverged" banner (DESIGN section 9): says which step and which value went
// NaN/Inf, and offers to roll back to the last finite checkpoint. A banner, not a modal
// dialog, so the charts stay readable and nothing blocks.
#include <QFrame>

class QLabel;
class QPushButton;

class NanBanner : public QFrame {
    Q_OBJECT
public:
    explicit NanBanner(QWidget* parent = nullptr);
    // rollbackStep < 0: no checkpoint, only Dismiss is offered.
    void showDivergence(const QString& message, qint64 step, qint64 rollbackStep);
    QString text() const;
    QPushButton* rollbackButton() const { return m_rollback; }
    QPushButton* dismissButton() const { return m_dismiss; }
    qint64 rollbackStep() const { return m_rollbackStep; }

signals:
    void rollbackRequested(qint64 step);
    void dismissed();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_rollback = nullptr;
    QPushButton* m_dismiss = nullptr;
    qint64 m_rollbackStep = -1;
};
