#include "charts/ProfilePicture.h"
#include "export/ChartExporter.h"

#include "charts/ChartPalette.h"
#include "charts/HoverReadout.h"
#include "charts/NiceScale.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {
constexpr double kPad = 6, kTick = 4;

// A legend swatch's width and the gap after it, following the legend's font (zoom).
double swatchOf(const QFontMetricsF& fm) { return std::round(fm.height() * 0.8); }
double gapOf(const QFontMetricsF& fm) { return std::round(fm.height() * 0.25); }

bool finite(float v) { return std::isfinite(v); }

QString tickText(double v, double tick)
{
    if (std::abs(v) < tick * 1e-6)
        v = 0;
    return QString::number(v, 'g', 4);
}

// A legend entry: a box (a kind's bars), a line (truth) or a triangle (marks).
struct LegendItem {
    enum Shape { Box, Line, Triangle } shape;
    QColor color;
    QString text;
};

// Where each item starts, flowing into lines of `width`; returns the number of lines.
int flow(const std::vector<LegendItem>& items, const QFontMetricsF& fm, double width, std::vector<QPointF>* at)
{
    double x = 0;
    int line = 0;
    for (const auto& item : items) {
        const double w = swatchOf(fm) + gapOf(fm) + fm.horizontalAdvance(item.text) + 3 * gapOf(fm);
        if (x > 0 && x + w > width) {
            x = 0;
            ++line;
        }
        if (at)
            at->push_back(QPointF(x, line));
        x += w;
    }
    return items.empty() ? 0 : line + 1;
}

QPolygonF triangleIn(const QRectF& r)
{
    return QPolygonF({r.topLeft(), r.topRight(), QPointF(r.center().x(), r.bottom())});
}

bool anyMarked(const reglab::ProfileView& v)
{
    return std::any_of(v.marked.begin(), v.marked.end(), [](uint8_t m) { return m != 0; });
}

QString orDefault(const std::string& text, const QString& fallback)
{
    return text.empty() ? fallback : QString::fromStdString(text);
}

// Kind 0 and 1 (buried, surface) in the train blue and val orange of the palette in use.
QColor colorOf(int kind)
{
    return kind == 0 ? ChartPalette::train() : kind == 1 ? ChartPalette::val() : ChartPalette::classColor(kind);
}

QString nameOf(const reglab::ProfileView& v, int kind)
{
    return size_t(kind) < v.kindNames.size() ? QString::fromStdString(v.kindNames[size_t(kind)])
                                             : ProfilePicture::tr("kind %1").arg(kind);
}

std::vector<LegendItem> legendOf(const reglab::ProfileView& v)
{
    std::vector<LegendItem> items;
    size_t kinds = v.kindNames.size();
    for (int k : v.kind)
        kinds = std::max(kinds, size_t(std::max(0, k)) + 1);
    const QString value = QString::fromStdString(v.valueLabel);
    for (size_t k = 0; k < kinds; ++k)
        items.push_back({LegendItem::Box, colorOf(int(k)),
                         value.isEmpty() ? nameOf(v, int(k)) : value + QStringLiteral(", ") + nameOf(v, int(k))});
    if (!v.truth.empty())
        items.push_back({LegendItem::Line, ChartPalette::textColor(), orDefault(v.truthLabel, ProfilePicture::tr("truth"))});
    if (anyMarked(v))
        items.push_back({LegendItem::Triangle, ChartPalette::textColor(), orDefault(v.markLabel, ProfilePicture::tr("marked"))});
    return items;
}
} // namespace

ProfilePicture::ProfilePicture(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(240, 160);
}

void ProfilePicture::setView(const reglab::ProfileView* view, int64_t step)
{
    m_view = view ? *view : reglab::ProfileView();
    m_step = step;
    // Every vector one entry per position: pad the optional ones, drop a truth of another size.
    const size_t n = m_view.position.size();
    m_view.value.resize(n, std::nanf(""));
    if (!m_view.truth.empty())
        m_view.truth.resize(n, std::nanf(""));
    m_view.kind.resize(n, 0);
    m_view.marked.resize(n, 0);
    m_lo = m_hi = 0;
    for (size_t i = 0; i < n; ++i)
        for (float v : {m_view.value[i], m_view.truth.empty() ? 0.0f : m_view.truth[i]})
            if (finite(v)) {
                m_lo = std::min(m_lo, v);
                m_hi = std::max(m_hi, v);
            }
    m_posLo = n ? *std::min_element(m_view.position.begin(), m_view.position.end()) : 0;
    m_posHi = n ? *std::max_element(m_view.position.begin(), m_view.position.end()) : 0;
    if (m_hover >= int(n))
        m_hover = -1;
    update();
}

QString ProfilePicture::title() const
{
    return QString::fromStdString(m_view.title.empty() ? std::string("Profile") : m_view.title);
}

double ProfilePicture::Layout::xAt(double position) const { return plot.left() + (position - xLo) * slot; }

double ProfilePicture::Layout::yAt(double value) const
{
    return plot.bottom() - (value - yLo) / (yHi - yLo) * plot.height();
}

ProfilePicture::Layout ProfilePicture::layoutIn(const QRectF& target) const
{
    Layout l;
    const QFontMetricsF titleFm(ChartPalette::titleFont()), axisFm(ChartPalette::axisLabelFont()),
        legendFm(ChartPalette::legendFont());
    double y = target.top() + 2;
    l.title = QRectF(target.left(), y, target.width(), titleFm.height() + 4);
    y = l.title.bottom();
    if (!m_view.note.empty()) {
        l.note = QRectF(target.left() + kPad, y, target.width() - 2 * kPad, axisFm.height() + 2);
        y = l.note.bottom();
    }
    const int lines = flow(legendOf(m_view), legendFm, target.width() - 2 * kPad, nullptr);
    l.legend = QRectF(target.left() + kPad, y + 2, target.width() - 2 * kPad, (legendFm.height() + 4) * lines);
    y = l.legend.bottom() + 2;
    const bool anyMark = anyMarked(m_view);
    const double markH = anyMark ? std::max(7.0, axisFm.height() * 0.6) : 0;
    const double bottom = target.bottom() - kTick - axisFm.height() - 4;
    const double plotTop = y + markH + (anyMark ? 3 : 0);
    const double plotH = std::max(10.0, bottom - plotTop);
    const int maxTicks = std::clamp(int(plotH / (axisFm.height() * 2.2)), 2, 6);
    const NiceRange yr = NiceScale::linear(m_lo, m_hi, maxTicks, 0.04);
    l.yLo = yr.lo;
    l.yHi = yr.hi;
    l.yTick = yr.tick;
    for (int t = 0; t < yr.tickCount; ++t)
        l.yLabelWidth = std::max(l.yLabelWidth, axisFm.horizontalAdvance(tickText(yr.lo + t * yr.tick, yr.tick)));
    const double left = target.left() + kPad + l.yLabelWidth + kTick + 3;
    // Half the widest position label may reach past the plot's right end.
    const double right = target.right() - std::max(kPad + 4, axisFm.horizontalAdvance(QString::number(m_posHi)) / 2 + 2);
    l.plot = QRectF(left, plotTop, std::max(10.0, right - left), plotH);
    l.marks = QRectF(l.plot.left(), plotTop - markH - 3, l.plot.width(), markH);
    l.xLo = m_posLo - 0.5;
    l.xHi = m_posHi + 0.5;
    l.slot = l.plot.width() / (l.xHi - l.xLo);
    // Position ticks every 1, 2, 5, 10, 20, 50, ... positions: the first that leaves room
    // between two labels.
    const double labelW = std::max(axisFm.horizontalAdvance(QString::number(m_posLo)),
                                   axisFm.horizontalAdvance(QString::number(m_posHi)));
    const double room = labelW + std::max(8.0, 0.4 * labelW);
    for (int step = 1;; step *= 10) {
        for (int m : {1, 2, 5})
            if (double(step * m) * l.slot >= room || step * m > 1000000) {
                l.xTick = step * m;
                return l;
            }
    }
}

QRectF ProfilePicture::barIn(const Layout& l, size_t i) const
{
    const float v = m_view.value[i];
    if (!finite(v))
        return {};
    const double w = l.slot >= 3 ? l.slot * 0.78 : std::max(1.0, l.slot - 0.5);
    const double x = l.xAt(m_view.position[i]) - w / 2;
    const double y0 = l.yAt(0), y1 = l.yAt(v);
    return QRectF(QPointF(x, std::min(y0, y1)), QPointF(x + w, std::max(y0, y1)));
}

QRectF ProfilePicture::markIn(const Layout& l, size_t i) const
{
    if (!m_view.marked[i] || l.marks.height() <= 0)
        return {};
    const double h = l.marks.height(), w = std::max(h * 1.1, std::min(h * 1.4, l.slot));
    return QRectF(l.xAt(m_view.position[i]) - w / 2, l.marks.top(), w, h);
}

QRectF ProfilePicture::plotRect() const { return layoutIn(QRectF(rect())).plot; }

QRectF ProfilePicture::barRect(int i) const
{
    if (i < 0 || size_t(i) >= m_view.position.size())
        return {};
    return barIn(layoutIn(QRectF(rect())), size_t(i));
}

QRectF ProfilePicture::markRect(int i) const
{
    if (i < 0 || size_t(i) >= m_view.position.size())
        return {};
    return markIn(layoutIn(QRectF(rect())), size_t(i));
}

int ProfilePicture::heightForWidth(int width) const
{
    const Layout l = layoutIn(QRectF(0, 0, width, 1000));
    const double chrome = l.plot.top() + (1000 - l.plot.bottom());
    return int(std::clamp(width * 0.4, 150.0, 320.0) + chrome);
}

void ProfilePicture::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    paintTo(&p, QRectF(rect()));
}

void ProfilePicture::paintTo(QPainter* p, const QRectF& target) const
{
    p->save();
    p->fillRect(target, ChartPalette::background());
    const Layout l = layoutIn(target);
    QFont titleFont = ChartPalette::titleFont();
    QString text = title();
    if (hasProfile())
        text += tr(" (step %1)").arg(m_step);
    ChartPalette::fitTitle(&titleFont, &text, target.width() - 8);
    p->setFont(titleFont);
    p->setPen(ChartPalette::textColor());
    p->drawText(l.title, Qt::AlignCenter, text);
    if (!hasProfile()) {
        p->setFont(ChartPalette::axisLabelFont());
        p->drawText(target, Qt::AlignCenter, tr("No profile yet."));
        p->restore();
        return;
    }
    if (!m_view.note.empty()) {
        p->setFont(ChartPalette::axisLabelFont());
        p->setPen(ChartPalette::mutedTextColor());
        p->drawText(l.note, Qt::AlignCenter,
                    p->fontMetrics().elidedText(QString::fromStdString(m_view.note), Qt::ElideRight, int(l.note.width())));
    }
    paintLegend(p, l);
    paintAxes(p, l);
    // Bars without antialiasing: crisp edges, and cheap for a few hundred of them.
    p->setRenderHint(QPainter::Antialiasing, false);
    p->setClipRect(l.plot.adjusted(0, -1, 0, 1));
    for (size_t i = 0; i < m_view.position.size(); ++i) {
        const QRectF r = barIn(l, i);
        if (r.height() > 0)
            p->fillRect(r, colorOf(m_view.kind[i]));
    }
    p->setRenderHint(QPainter::Antialiasing, true);
    // The zero line over the bars' feet.
    p->setPen(QPen(ChartPalette::markerColor(), ChartPalette::lineWidth(1.0)));
    p->drawLine(QPointF(l.plot.left(), l.yAt(0)), QPointF(l.plot.right(), l.yAt(0)));
    if (!m_view.truth.empty()) {
        QPainterPath path;
        bool open = false;
        for (size_t i = 0; i < m_view.position.size(); ++i) {
            const float t = m_view.truth[i];
            if (!finite(t)) {
                open = false;
                continue;
            }
            const QPointF at(l.xAt(m_view.position[i]), l.yAt(t));
            open ? path.lineTo(at) : path.moveTo(at);
            open = true;
        }
        p->setPen(QPen(ChartPalette::textColor(), ChartPalette::lineWidth(1.6), Qt::SolidLine, Qt::RoundCap,
                       Qt::RoundJoin));
        p->setBrush(Qt::NoBrush);
        p->drawPath(path);
    }
    p->setClipping(false);
    p->setPen(Qt::NoPen);
    p->setBrush(ChartPalette::textColor());
    for (size_t i = 0; i < m_view.position.size(); ++i)
        if (const QRectF r = markIn(l, i); !r.isEmpty())
            p->drawPolygon(triangleIn(r));
    paintReadout(p, l, target);
    p->restore();
}

void ProfilePicture::paintAxes(QPainter* p, const Layout& l) const
{
    const QFont font = ChartPalette::axisLabelFont();
    const QFontMetricsF fm(font);
    p->setFont(font);
    const QPen grid(ChartPalette::gridColor(), 1.0), tick(ChartPalette::markerColor(), 1.0);
    // Value ticks: a grid line across the plot and the label on the left.
    const int ticks = int(std::lround((l.yHi - l.yLo) / l.yTick)) + 1;
    for (int t = 0; t < ticks; ++t) {
        const double v = l.yLo + t * l.yTick, y = l.yAt(v);
        p->setPen(grid);
        p->drawLine(QPointF(l.plot.left(), y), QPointF(l.plot.right(), y));
        p->setPen(tick);
        p->drawLine(QPointF(l.plot.left() - kTick, y), QPointF(l.plot.left(), y));
        p->setPen(ChartPalette::textColor());
        p->drawText(QRectF(l.plot.left() - kTick - 3 - l.yLabelWidth - 4, y - fm.height() / 2, l.yLabelWidth + 4,
                           fm.height()),
                    Qt::AlignRight | Qt::AlignVCenter, tickText(v, l.yTick));
    }
    // Position ticks at multiples of xTick.
    p->setPen(tick);
    p->drawLine(l.plot.bottomLeft(), l.plot.bottomRight());
    p->drawLine(l.plot.bottomLeft(), l.plot.topLeft());
    // Unlabelled ticks between: every 10 between labels every 20 or 50, and so on.
    const int minor = std::max(1, l.xTick / (QString::number(l.xTick).startsWith(QLatin1Char('2')) ? 2 : 5));
    if (minor < l.xTick && minor * l.slot >= 4)
        for (int pos = int(std::ceil(double(m_posLo) / minor)) * minor; pos <= m_posHi; pos += minor)
            p->drawLine(QPointF(l.xAt(pos), l.plot.bottom()), QPointF(l.xAt(pos), l.plot.bottom() + kTick / 2));
    const int first = int(std::ceil(double(m_posLo) / l.xTick)) * l.xTick;
    for (int pos = first; pos <= m_posHi; pos += l.xTick) {
        const double x = l.xAt(pos);
        p->setPen(tick);
        p->drawLine(QPointF(x, l.plot.bottom()), QPointF(x, l.plot.bottom() + kTick));
        p->setPen(ChartPalette::textColor());
        const QString s = QString::number(pos);
        const double w = fm.horizontalAdvance(s) + 4;
        p->drawText(QRectF(x - w / 2, l.plot.bottom() + kTick + 1, w, fm.height()), Qt::AlignCenter, s);
    }
}

void ProfilePicture::paintLegend(QPainter* p, const Layout& l) const
{
    const std::vector<LegendItem> items = legendOf(m_view);
    const QFont font = ChartPalette::legendFont();
    const QFontMetricsF fm(font);
    std::vector<QPointF> at;
    const int lines = flow(items, fm, l.legend.width(), &at);
    // Centre each line: its width is where the next line starts, or the last item's end.
    std::vector<double> lineW(size_t(std::max(lines, 0)), 0.0);
    for (size_t i = 0; i < items.size(); ++i)
        lineW[size_t(at[i].y())] = at[i].x() + swatchOf(fm) + gapOf(fm) + fm.horizontalAdvance(items[i].text);
    p->setFont(font);
    const double swW = swatchOf(fm), swH = std::round(fm.height() * 0.55), gap = gapOf(fm);
    const double lineH = fm.height() + 4;
    for (size_t i = 0; i < items.size(); ++i) {
        const double x = l.legend.left() + (l.legend.width() - lineW[size_t(at[i].y())]) / 2 + at[i].x();
        const double y = l.legend.top() + at[i].y() * lineH, cy = y + lineH / 2;
        const QRectF sw(x, cy - swH / 2, swW, swH);
        switch (items[i].shape) {
        case LegendItem::Box:
            p->fillRect(sw, items[i].color);
            break;
        case LegendItem::Line:
            p->setPen(QPen(items[i].color, ChartPalette::lineWidth(1.6)));
            p->drawLine(QPointF(sw.left(), cy), QPointF(sw.right(), cy));
            break;
        case LegendItem::Triangle:
            p->setPen(Qt::NoPen);
            p->setBrush(items[i].color);
            p->drawPolygon(triangleIn(QRectF(sw.center().x() - swH * 0.6, sw.top(), swH * 1.2, swH)));
            break;
        }
        p->setPen(ChartPalette::textColor());
        p->drawText(QRectF(x + swW + gap, y, fm.horizontalAdvance(items[i].text) + 2, lineH),
                    Qt::AlignLeft | Qt::AlignVCenter, items[i].text);
    }
}

void ProfilePicture::paintReadout(QPainter* p, const Layout& l, const QRectF& target) const
{
    if (m_hover < 0 || size_t(m_hover) >= m_view.position.size())
        return;
    const size_t i = size_t(m_hover);
    HoverReadout r;
    r.valid = true;
    r.heading = tr("position %1").arg(m_view.position[i]);
    if (m_view.marked[i])
        r.heading += QStringLiteral(", ") + orDefault(m_view.markLabel, tr("marked"));
    const QString value = orDefault(m_view.valueLabel, tr("value"));
    r.rows.push_back({value + QStringLiteral(" (") + nameOf(m_view, m_view.kind[i]) + QLatin1Char(')'),
                      colorOf(m_view.kind[i]), false, double(m_view.value[i]), 0.0, false});
    if (!m_view.truth.empty())
        r.rows.push_back({orDefault(m_view.truthLabel, tr("truth")), ChartPalette::textColor(), false,
                          double(m_view.truth[i]), 0.0, false});
    r.paint(p, l.plot, target, l.xAt(m_view.position[i]));
}

void ProfilePicture::mouseMoveEvent(QMouseEvent* event)
{
    const Layout l = layoutIn(QRectF(rect()));
    const QPointF at = event->position();
    int hit = -1;
    if (hasProfile() && at.x() >= l.plot.left() && at.x() <= l.plot.right() && at.y() >= l.marks.top() - 2
        && at.y() <= l.plot.bottom()) {
        const double pos = l.xLo + (at.x() - l.plot.left()) / l.slot;
        double best = 0.75; // within the bar's slot (and a little beside a narrow one)
        for (size_t i = 0; i < m_view.position.size(); ++i)
            if (const double d = std::abs(m_view.position[i] - pos); d < best) {
                best = d;
                hit = int(i);
            }
    }
    if (hit != m_hover) {
        m_hover = hit;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void ProfilePicture::leaveEvent(QEvent* event)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

QString ProfilePicture::toCsv() const
{
    QString out = QStringLiteral("position,value,truth,kind,marked\n");
    auto num = [](float v) { return std::isfinite(v) ? QString::number(double(v), 'g', 8) : QString(); };
    for (size_t i = 0; i < m_view.position.size(); ++i)
        out += QStringLiteral("%1,%2,%3,%4,%5\n")
                   .arg(m_view.position[i])
                   .arg(num(m_view.value[i]), m_view.truth.empty() ? QString() : num(m_view.truth[i]),
                        nameOf(m_view, m_view.kind[i]))
                   .arg(int(m_view.marked[i]));
    return out;
}

void ProfilePicture::contextMenuEvent(QContextMenuEvent* event)
{
    ChartExporter::execPictureMenu(this, event->globalPos(), QString::fromStdString(m_view.id.empty() ? "profile" : m_view.id),
                                   [this](QPainter* p, const QRectF& r) { paintTo(p, r); });
}
