#include "charts/HoverReadout.h"

#include "charts/ChartPalette.h"
#include "charts/StepAxis.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
QString num(double v) { return QString::number(v, 'g', 4); }
constexpr double kSwatch = 14.0, kPad = 5.0;
} // namespace

int HoverReadout::nearest(const QList<QPointF>& pts, double x)
{
    if (pts.isEmpty())
        return -1;
    auto it = std::lower_bound(pts.begin(), pts.end(), x, [](const QPointF& p, double v) { return p.x() < v; });
    if (it == pts.end())
        return int(pts.size()) - 1;
    if (it != pts.begin() && x - std::prev(it)->x() < it->x() - x)
        --it;
    return int(it - pts.begin());
}

QString HoverReadout::text() const
{
    if (!valid)
        return {};
    QStringList lines{heading.isEmpty() ? QStringLiteral("step ") + QString::number(step, 'f', 0) : heading};
    for (const Row& r : rows)
        lines << r.label + QLatin1Char(' ') + num(r.value) + (r.hasRaw ? QStringLiteral(" (raw ") + num(r.raw) + QLatin1Char(')') : QString());
    return lines.join(QLatin1Char('\n'));
}

void HoverReadout::paint(QPainter* painter, const QRectF& plot, const QRectF& bounds, double px) const
{
    if (!valid || px < plot.left() - 0.5 || px > plot.right() + 0.5)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    px = std::floor(px) + 0.5; // a crisp 1-px line
    painter->setPen(QPen(ChartPalette::markerColor(), 1.0));
    painter->drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));

    const QFont font = ChartPalette::legendFont();
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fm(font), bfm(bold);
    const QStringList lines = text().split(QLatin1Char('\n'));
    double w = bfm.horizontalAdvance(lines.value(0));
    for (int i = 1; i < lines.size(); ++i)
        w = std::max(w, kSwatch + 4.0 + fm.horizontalAdvance(lines[i]));
    const double lineH = fm.height() + 2.0;
    const QSizeF size(w + 2 * kPad, lines.size() * lineH + 2 * kPad - 2.0);
    double left = px + 10.0;
    if (left + size.width() > plot.right())
        left = px - 10.0 - size.width(); // near the right edge: on the left of the line
    left = std::max(std::min(left, bounds.right() - size.width()), bounds.left());
    const QRectF box(QPointF(left, plot.top() + 4.0), size);
    painter->setPen(QPen(QColor(0xaa, 0xaa, 0xaa), 1.0));
    QColor fill = ChartPalette::background();
    fill.setAlpha(235);
    painter->setBrush(fill);
    painter->drawRoundedRect(box, 3, 3);

    double y = box.top() + kPad;
    painter->setFont(bold);
    painter->setPen(ChartPalette::textColor());
    painter->drawText(QRectF(box.left() + kPad, y, w, lineH), Qt::AlignLeft | Qt::AlignVCenter, lines.value(0));
    painter->setFont(font);
    for (size_t i = 0; i < rows.size(); ++i) {
        y += lineH;
        QPen pen(rows[i].color, 2.5);
        if (rows[i].dashed)
            pen.setDashPattern({2.0, 1.5});
        painter->setPen(pen);
        const double cy = y + lineH / 2.0;
        painter->drawLine(QPointF(box.left() + kPad, cy), QPointF(box.left() + kPad + kSwatch, cy));
        painter->setPen(ChartPalette::textColor());
        painter->drawText(QRectF(box.left() + kPad + kSwatch + 4.0, y, w, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                          lines.value(int(i) + 1));
    }
    painter->restore();
}
