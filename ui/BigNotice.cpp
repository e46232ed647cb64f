#include "BigNotice.h"

#include <QEvent>
#include <QTimer>

BigNotice::BigNotice(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("bigNotice"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setAttribute(Qt::WA_TransparentForMouseEvents); // never in the way of a click on a chart
    setStyleSheet(QStringLiteral("QLabel#bigNotice { background: rgba(20, 30, 45, 215); color: white; "
                                 "border-radius: 10px; padding: 14px 28px; }"));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 2.0);
    f.setBold(true);
    setFont(f);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &QWidget::hide);
    parent->installEventFilter(this); // follows the parent's size
    hide();
}

void BigNotice::notify(const QString& text)
{
    setText(text);
    place();
    show();
    raise();
    m_timer->start(kShowMs);
}

void BigNotice::place()
{
    const QWidget* p = parentWidget();
    const int width = std::min(p->width() - 40, std::max(360, sizeHint().width()));
    const int height = heightForWidth(width) > 0 ? heightForWidth(width) : sizeHint().height();
    setGeometry((p->width() - width) / 2, std::max(8, p->height() / 6), width, height);
}

bool BigNotice::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    return QLabel::eventFilter(watched, event);
}
