#include "charts/ChartStyle.h"

#include "charts/ChartPalette.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLogValueAxis>

#include <algorithm>
#include <cmath>

ChartStyle* ChartStyle::instance()
{
    static ChartStyle* style = new ChartStyle(); // lives as long as the process
    return style;
}

void ChartStyle::setDark(bool on)
{
    if (on == m_dark)
        return;
    m_dark = on;
    emit changed();
}

void ChartStyle::setColourBlindSafe(bool on)
{
    if (on == m_colourBlind)
        return;
    m_colourBlind = on;
    emit changed();
}

void ChartStyle::setFontScale(double scale)
{
    scale = std::isfinite(scale) ? std::clamp(scale, 0.5, 4.0) : 1.0;
    if (scale == m_fontScale)
        return;
    m_fontScale = scale;
    emit changed();
}

void ChartStyle::setLineScale(double scale)
{
    scale = std::isfinite(scale) ? std::clamp(scale, 0.5, 4.0) : 1.0;
    if (scale == m_lineScale)
        return;
    m_lineScale = scale;
    emit changed();
}

void ChartStyle::styleAxis(QAbstractAxis* axis)
{
    axis->setLabelsFont(ChartPalette::axisLabelFont());
    axis->setTitleFont(ChartPalette::axisTitleFont());
    axis->setLabelsColor(ChartPalette::textColor());
    axis->setTitleBrush(ChartPalette::textColor());
    axis->setGridLineColor(ChartPalette::gridColor());
    axis->setMinorGridLineColor(ChartPalette::minorGridColor());
    axis->setLinePenColor(ChartPalette::markerColor());
}

QChart* ChartStyle::newChart()
{
    auto* chart = new QChart();
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 24, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    return chart;
}

void ChartStyle::styleChart(QChart* chart)
{
    chart->setBackgroundBrush(ChartPalette::background());
    chart->setBackgroundPen(Qt::NoPen);
    chart->setTitleFont(ChartPalette::titleFont());
    chart->setTitleBrush(ChartPalette::textColor());
    chart->legend()->setFont(ChartPalette::legendFont());
    chart->legend()->setLabelColor(ChartPalette::textColor());
    const auto axes = chart->axes();
    for (QAbstractAxis* a : axes)
        styleAxis(a);
}

ChartStyle::LightColours::LightColours() : m_wasDark(instance()->dark())
{
    if (!instance()->exportWindowColours())
        instance()->setDark(false);
}

ChartStyle::LightColours::~LightColours() { instance()->setDark(m_wasDark); }
