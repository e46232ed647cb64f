#include "NanBanner.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

NanBanner::NanBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("nanBanner"));
    setStyleSheet(QStringLiteral("#nanBanner { background: #fdecea; border: 2px solid #d32f2f; border-radius: 6px; }"
                                 "#nanBanner QLabel { color: #7f1d1d; }"));
    auto* icon = new QLabel(QStringLiteral("\u26a0"), this);
    QFont big = icon->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    icon->setFont(big);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_rollback = new QPushButton(QIcon(QStringLiteral(":/icons/rollback.svg")), QString(), this);
    m_dismiss = new QPushButton(tr("Dismiss"), this);
    m_rollback->setDefault(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(12);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_rollback);
    layout->addWidget(m_dismiss);
    connect(m_rollback, &QPushButton::clicked, this, [this] {
        hide();
        emit rollbackRequested(m_rollbackStep);
    });
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        hide();
        emit dismissed();
    });
    hide();
}

void NanBanner::showDivergence(const QString& message, qint64 step, qint64 rollbackStep)
{
    m_rollbackStep = rollbackStep;
    const QLocale loc;
    QString what = message.toHtmlEscaped();
    if (!what.isEmpty())
        what[0] = what[0].toUpper();
    if (!what.contains(QString::number(step)))
        what += tr(" (step %1)").arg(loc.toString(step));
    m_text->setText(tr("<b>Training diverged.</b> %1. Paused; try a smaller learning rate.").arg(what));
    m_rollback->setVisible(rollbackStep >= 0);
    m_rollback->setText(tr("Roll back to step %1").arg(loc.toString(rollbackStep)));
    show();
}

QString NanBanner::text() const { return m_text->text(); }
