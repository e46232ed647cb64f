#include "charts/CartPolePicture.h"

#include "charts/ChartPalette.h"
#include "export/ChartExporter.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace {
constexpr double kFrameSeconds = 0.02; // CartPole's tau
constexpr int kTickMs = 40;            // two frames a tick: real time
constexpr int kHoldTicks = 25;         // a second on the last frame before replaying
constexpr double kPoleM = 1.0;         // the pole's full length (twice Gymnasium's half-length)
constexpr double kCartW = 0.5, kCartH = 0.3;
constexpr double kMarginM = 0.6;        // track shown beyond each limit
constexpr double kStripShare = 0.36;    // of the height below the title
constexpr int kMaxFrames = 500;         // CartPole-v1's time limit: the strip's time axis
} // namespace

CartPolePicture::CartPolePicture(QWidget* parent) : QWidget(parent)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, &CartPolePicture::advance);
    setToolTip(tr("The current greedy policy balancing from a random start, in real time. Below: the cart's position "
                  "and the pole's angle over the episode, each divided by its limit (2.4 m, 12°): the episode ends "
                  "where a curve leaves ±1, or at 500 steps."));
}

void CartPolePicture::setView(const reglab::CartPoleView* view, int64_t step)
{
    m_view = view ? *view : reglab::CartPoleView{};
    m_step = step;
    m_frame = std::clamp(m_frame, 0, std::max(0, int(m_view.x.size()) - 1));
    if (isVisible() && m_view.x.size() > 1 && !m_timer->isActive())
        m_timer->start();
    update();
}

QString CartPolePicture::title() const
{
    return QString::fromStdString(m_view.title.empty() ? std::string("Cart-pole") : m_view.title);
}

void CartPolePicture::setFrame(int frame)
{
    m_frame = std::clamp(frame, 0, std::max(0, int(m_view.x.size()) - 1));
    update();
}

bool CartPolePicture::playing() const { return m_timer->isActive(); }

void CartPolePicture::advance()
{
    const int last = int(m_view.x.size()) - 1;
    if (last <= 0)
        return;
    if (m_frame >= last) {
        if (m_hold-- > 0)
            return;
        m_frame = 0;
    } else {
        m_frame = std::min(last, m_frame + int(std::lround(kTickMs / 1000.0 / kFrameSeconds)));
        m_hold = kHoldTicks;
    }
    update();
}

void CartPolePicture::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_view.x.size() > 1)
        m_timer->start();
}

void CartPolePicture::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer->stop(); // no repaints nobody sees
}

int CartPolePicture::heightForWidth(int width) const { return int(std::clamp(width * 0.68, 240.0, 520.0)); }

namespace {
struct Bands {
    QRectF title, body, note;
};
Bands bandsIn(const QRectF& t)
{
    const double line = QFontMetricsF(ChartPalette::titleFont()).height() + 6;
    const double noteLine = QFontMetricsF(ChartPalette::legendFont()).height() + 4;
    Bands b;
    b.title = QRectF(t.left(), t.top(), t.width(), line);
    b.note = QRectF(t.left(), t.bottom() - noteLine, t.width(), noteLine);
    b.body = QRectF(t.left(), b.title.bottom(), t.width(), b.note.top() - b.title.bottom());
    return b;
}
} // namespace

QRectF CartPolePicture::sceneRect(const QRectF& target) const
{
    const QRectF body = bandsIn(target).body;
    return QRectF(body.left(), body.top(), body.width(), body.height() * (1 - kStripShare));
}

QRectF CartPolePicture::stripRect(const QRectF& target) const
{
    const QRectF body = bandsIn(target).body;
    const double h = body.height() * kStripShare;
    return QRectF(body.left(), body.bottom() - h, body.width(), h);
}

CartPolePicture::Scene CartPolePicture::sceneIn(const QRectF& target) const
{
    Scene s;
    s.area = sceneRect(target).adjusted(8, 4, -8, -4);
    const double spanM = 2 * (m_view.xLimit + kMarginM);
    // The whole track fits the width, the cart and the upright pole the height.
    s.scale = std::min(s.area.width() / spanM, s.area.height() / (kPoleM + kCartH + 0.35));
    s.centreX = s.area.center().x();
    s.trackY = s.area.bottom() - 0.12 * s.scale;
    return s;
}

QRectF CartPolePicture::cartRect(const QRectF& target) const
{
    if (!hasEpisode())
        return {};
    const Scene s = sceneIn(target);
    const double x = m_view.x[size_t(m_frame)];
    return QRectF(s.at(x - kCartW / 2, kCartH), s.at(x + kCartW / 2, 0));
}

QPointF CartPolePicture::poleTip(const QRectF& target) const
{
    if (!hasEpisode())
        return {};
    const Scene s = sceneIn(target);
    const double x = m_view.x[size_t(m_frame)], th = m_view.theta[size_t(m_frame)];
    // theta > 0 leans right (Gymnasium's convention): the tip at (x + L sin θ, L cos θ).
    return s.at(x + kPoleM * std::sin(th), kCartH + kPoleM * std::cos(th));
}

void CartPolePicture::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    paintTo(&p, QRectF(rect()));
}

void CartPolePicture::paintTo(QPainter* p, const QRectF& target) const
{
    p->save();
    p->fillRect(target, ChartPalette::background());
    const Bands b = bandsIn(target);
    QFont titleFont = ChartPalette::titleFont();
    QString title = this->title();
    ChartPalette::fitTitle(&titleFont, &title, b.title.width() - 8);
    p->setFont(titleFont);
    p->setPen(ChartPalette::textColor());
    p->drawText(b.title.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, title);
    if (!hasEpisode()) {
        p->setPen(ChartPalette::mutedTextColor());
        p->drawText(b.body, Qt::AlignCenter, tr("No episode yet"));
        p->restore();
        return;
    }
    p->setFont(ChartPalette::legendFont());
    p->drawText(b.title.adjusted(4, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter,
                tr("t = %1 s, step %2 of %3").arg(m_frame * kFrameSeconds, 0, 'f', 2).arg(m_frame)
                    .arg(int(m_view.x.size()) - 1));
    paintScene(p, sceneIn(target));
    paintStrip(p, stripRect(target));
    p->setPen(ChartPalette::mutedTextColor());
    p->drawText(b.note.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                QString::fromStdString(m_view.note));
    p->restore();
}

void CartPolePicture::paintScene(QPainter* p, const Scene& s) const
{
    const QColor text = ChartPalette::textColor(), ref = ChartPalette::referenceColor();
    const double lim = m_view.xLimit;
    // Track, and the cart's limits (dashed): past them the episode ends.
    p->setPen(QPen(ChartPalette::gridColor(), 2));
    p->drawLine(s.at(-lim - kMarginM, 0), s.at(lim + kMarginM, 0));
    p->setPen(QPen(ref, 1.5, Qt::DashLine));
    for (double side : {-lim, lim})
        p->drawLine(s.at(side, -0.1), s.at(side, kCartH + kPoleM));

    const size_t f = size_t(m_frame);
    const double x = m_view.x[f], th = m_view.theta[f];
    const QPointF pivot = s.at(x, kCartH);
    // The angles the pole may lean before the episode ends: a faint wedge at the pivot.
    QPainterPath wedge;
    wedge.moveTo(pivot);
    const double r = kPoleM * s.scale * 1.05, deg = m_view.thetaLimit * 180 / M_PI;
    wedge.arcTo(QRectF(pivot.x() - r, pivot.y() - r, 2 * r, 2 * r), 90 - deg, 2 * deg);
    wedge.closeSubpath();
    p->fillPath(wedge, ChartPalette::faint(ChartPalette::val()));
    // The path of the pole's tip over the whole episode.
    QPainterPath trail;
    for (size_t i = 0; i < m_view.x.size(); ++i) {
        const QPointF tip = s.at(m_view.x[i] + kPoleM * std::sin(m_view.theta[i]), kCartH + kPoleM * std::cos(m_view.theta[i]));
        i == 0 ? trail.moveTo(tip) : trail.lineTo(tip);
    }
    p->setPen(QPen(ChartPalette::faint(ChartPalette::train()), 1.2));
    p->drawPath(trail);
    // The cart, its push, the pole.
    const QRectF cart(s.at(x - kCartW / 2, kCartH), s.at(x + kCartW / 2, 0));
    p->setPen(QPen(text, 1.2));
    p->setBrush(ChartPalette::train());
    p->drawRoundedRect(cart, 3, 3);
    if (f < m_view.action.size()) {
        const double dir = m_view.action[f] == 1 ? 1 : -1;
        const QPointF from(dir > 0 ? cart.right() + 4 : cart.left() - 4, cart.center().y());
        const QPointF to = from + QPointF(dir * 0.3 * s.scale, 0);
        p->setPen(QPen(ref, 2.5));
        p->drawLine(from, to);
        p->setBrush(ref);
        QPolygonF head;
        head << to + QPointF(dir * 6, 0) << to + QPointF(0, -5) << to + QPointF(0, 5);
        p->drawPolygon(head);
    }
    const QPointF tip = s.at(x + kPoleM * std::sin(th), kCartH + kPoleM * std::cos(th));
    p->setPen(QPen(ChartPalette::val(), std::max(4.0, 0.06 * s.scale), Qt::SolidLine, Qt::RoundCap));
    p->drawLine(pivot, tip);
    p->setPen(QPen(text, 1));
    p->setBrush(ChartPalette::background());
    p->drawEllipse(pivot, 3.5, 3.5);
    p->setBrush(Qt::NoBrush);
    // The limits' labels last, over the wedge and the trail.
    p->setFont(ChartPalette::axisLabelFont());
    p->setPen(ChartPalette::mutedTextColor());
    p->drawText(s.at(-lim, kCartH + kPoleM) + QPointF(4, 12), QStringLiteral("−2.4 m"));
    const QString right = QStringLiteral("2.4 m");
    p->drawText(s.at(lim, kCartH + kPoleM) + QPointF(-QFontMetricsF(p->font()).horizontalAdvance(right) - 4, 12),
                right);
}

void CartPolePicture::paintStrip(QPainter* p, const QRectF& r) const
{
    const QFontMetricsF fm(ChartPalette::axisLabelFont());
    const double half = fm.horizontalAdvance(QStringLiteral("10 s")) / 2 + 4; // room for the last tick label
    const QRectF plot = r.adjusted(fm.horizontalAdvance(QStringLiteral("−1")) + 10, fm.height() + 4, -half,
                                   -fm.height() - 4);
    auto xAt = [&](double frame) { return plot.left() + plot.width() * frame / kMaxFrames; };
    auto yAt = [&](double v) { return plot.center().y() - v / 1.25 * plot.height() / 2; };
    p->setFont(ChartPalette::axisLabelFont());
    // The limits (±1: the episode ends beyond) and zero.
    p->setPen(QPen(ChartPalette::referenceColor(), 1, Qt::DashLine));
    for (double v : {-1.0, 1.0})
        p->drawLine(QPointF(plot.left(), yAt(v)), QPointF(plot.right(), yAt(v)));
    p->setPen(QPen(ChartPalette::gridColor(), 1));
    p->drawLine(QPointF(plot.left(), yAt(0)), QPointF(plot.right(), yAt(0)));
    p->setPen(ChartPalette::mutedTextColor());
    for (double v : {-1.0, 0.0, 1.0})
        p->drawText(QRectF(r.left(), yAt(v) - fm.height() / 2, plot.left() - r.left() - 4, fm.height()),
                    Qt::AlignRight | Qt::AlignVCenter, v < 0 ? QStringLiteral("−1") : QString::number(v));
    for (int sec = 0; sec <= 10; sec += 2)
        p->drawText(QRectF(xAt(sec / kFrameSeconds) - 20, plot.bottom() + 2, 40, fm.height()), Qt::AlignCenter,
                    QStringLiteral("%1 s").arg(sec));
    // The two curves, each over its limit.
    const struct {
        const std::vector<float>* v;
        double limit;
        QColor colour;
        QString label;
    } curves[] = {{&m_view.x, m_view.xLimit, ChartPalette::train(), tr("cart x / 2.4 m")},
                  {&m_view.theta, m_view.thetaLimit, ChartPalette::val(), tr("pole angle / 12°")}};
    double legendX = plot.left();
    for (const auto& c : curves) {
        QPainterPath path;
        for (size_t i = 0; i < c.v->size(); ++i) {
            const QPointF q(xAt(double(i)), yAt(std::clamp((*c.v)[i] / c.limit, -1.25, 1.25)));
            i == 0 ? path.moveTo(q) : path.lineTo(q);
        }
        p->setPen(QPen(c.colour, 1.6));
        p->drawPath(path);
        p->fillRect(QRectF(legendX, r.top() + fm.height() / 2 - 1, 14, 3), c.colour);
        p->setPen(ChartPalette::textColor());
        p->drawText(QPointF(legendX + 18, r.top() + fm.ascent()), c.label);
        legendX += 18 + fm.horizontalAdvance(c.label) + 16;
    }
    // Where the picture above is.
    p->setPen(QPen(ChartPalette::textColor(), 1, Qt::DotLine));
    p->drawLine(QPointF(xAt(m_frame), plot.top()), QPointF(xAt(m_frame), plot.bottom()));
}

QString CartPolePicture::toCsv() const
{
    QString csv = QStringLiteral("step,x,theta,action\n");
    for (size_t i = 0; i < m_view.x.size(); ++i)
        csv += QStringLiteral("%1,%2,%3,%4\n").arg(i).arg(double(m_view.x[i]), 0, 'g', 9)
                   .arg(double(m_view.theta[i]), 0, 'g', 9)
                   .arg(i < m_view.action.size() ? QString::number(m_view.action[i]) : QString());
    return csv;
}

void CartPolePicture::contextMenuEvent(QContextMenuEvent* event)
{
    ChartExporter::execPictureMenu(this, event->globalPos(), QString::fromStdString(m_view.id.empty() ? "cartpole" : m_view.id),
                                   [this](QPainter* p, const QRectF& r) { paintTo(p, r); });
}
