#include "charts/EventMarkers.h"

#include "charts/ChartPalette.h"

#include <QFontMetricsF>
#include <QPainter>

#include <array>

QString EventMarkers::displayLabel(const reglab::ParamEvent& event)
{
    QString s = QString::fromStdString(event.label);
    if (s.isEmpty())
        s = QString::fromStdString(event.param + " " + event.oldValue + " -> " + event.newValue);
    s.replace(QStringLiteral("->"), QString(QChar(0x2192)));
    return s;
}

void EventMarkers::paint(QPainter* painter, const QRectF& plotArea, double x0, double x1,
                         const std::vector<reglab::ParamEvent>& events,
                         const std::function<double(double)>& toAxis)
{
    if (events.empty() || !(x1 > x0) || plotArea.width() <= 1.0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(plotArea.adjusted(-1, -1, 1, 1));
    const QFont font = ChartPalette::markerFont();
    painter->setFont(font);
    const QFontMetricsF fm(font);
    const double rowHeight = fm.height() + 4.0;
    constexpr int kRows = 3;
    std::array<double, kRows> rowEnd;
    rowEnd.fill(-1e300);

    QPen line(ChartPalette::markerColor(), 1.5, Qt::DashLine);
    for (const auto& e : events) {
        // The change applies between step and step + 1: draw it at the boundary.
        const double x = toAxis ? toAxis(double(e.step)) : double(e.step);
        if (x < x0 || x > x1)
            continue;
        const double px = plotArea.left() + (x - x0) / (x1 - x0) * plotArea.width();
        painter->setPen(line);
        painter->drawLine(QPointF(px, plotArea.top()), QPointF(px, plotArea.bottom()));

        const QString text = displayLabel(e);
        const double w = fm.horizontalAdvance(text) + 8.0;
        double left = px + 3.0;
        if (left + w > plotArea.right())
            left = px - 3.0 - w; // near the right edge: label on the left of the line
        left = std::max(left, plotArea.left());
        int row = -1;
        for (int r = 0; r < kRows; ++r)
            if (left > rowEnd[size_t(r)] + 4.0) {
                row = r;
                break;
            }
        if (row < 0)
            continue;
        rowEnd[size_t(row)] = left + w;
        const QRectF box(left, plotArea.top() + 3.0 + row * rowHeight, w, fm.height() + 2.0);
        painter->setPen(QPen(ChartPalette::markerColor(), 1.0));
        QColor fill = ChartPalette::background();
        fill.setAlpha(225);
        painter->setBrush(fill);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(ChartPalette::textColor());
        painter->drawText(box, Qt::AlignCenter, text);
    }
    painter->restore();
}
