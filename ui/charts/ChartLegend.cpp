#include "charts/ChartLegend.h"

#include "charts/ChartPalette.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace {
constexpr double kSwatch = 20.0, kSwatchGap = 5.0, kEntryGap = 14.0;
}

QString ChartLegend::label(size_t k, double width) const
{
    // An entry wider than the chart ("twin: optimizer adamw, l2 0, ...") is elided.
    return QFontMetricsF(ChartPalette::legendFont())
        .elidedText(m_entries[k].text, Qt::ElideRight, std::max(20.0, width - kSwatch - kSwatchGap));
}

int ChartLegend::rows(double width, std::vector<QPointF>* positions) const
{
    const QFontMetricsF fm(ChartPalette::legendFont());
    positions->clear();
    int row = 0;
    double x = 0.0;
    for (size_t k = 0; k < m_entries.size(); ++k) {
        const double w = kSwatch + kSwatchGap + fm.horizontalAdvance(label(k, width));
        if (x > 0.0 && x + w > width) {
            ++row;
            x = 0.0;
        }
        positions->push_back(QPointF(x, row));
        x += w + kEntryGap;
    }
    return m_entries.empty() ? 0 : row + 1;
}

void ChartLegend::paint(QPainter* painter, double left0, double top, double avail) const
{
    const QFont lf = ChartPalette::legendFont();
    const QFontMetricsF lfm(lf);
    std::vector<QPointF> pos;
    const int nRows = rows(avail, &pos);
    // Centre each row.
    std::vector<double> rowWidth(size_t(std::max(nRows, 0)), 0.0);
    for (size_t k = 0; k < m_entries.size(); ++k) {
        const double w = kSwatch + kSwatchGap + lfm.horizontalAdvance(label(k, avail));
        rowWidth[size_t(pos[k].y())] = pos[k].x() + w;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(lf);
    for (size_t k = 0; k < m_entries.size(); ++k) {
        const Entry& e = m_entries[k];
        const int row = int(pos[k].y());
        const double left = left0 + (avail - rowWidth[size_t(row)]) / 2.0 + pos[k].x();
        const double cy = top + row * (lfm.height() + 4) + lfm.height() / 2.0;
        QPen pen(e.twin ? ChartPalette::textColor() : e.color, ChartPalette::lineWidth(e.twin ? 2.0 : 3.0));
        pen.setCapStyle(e.twin ? Qt::FlatCap : Qt::RoundCap);
        if (e.twin)
            pen.setDashPattern({2.5, 1.5});
        painter->setPen(pen);
        painter->drawLine(QPointF(left + 2, cy), QPointF(left + kSwatch - 2, cy));
        painter->setPen(ChartPalette::textColor());
        painter->drawText(QPointF(left + kSwatch + kSwatchGap, cy + (lfm.ascent() - lfm.descent()) / 2.0),
                          label(k, avail));
    }
    painter->restore();
}
