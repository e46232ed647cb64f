#include "charts/ChartOptionsRow.h"
#include "settings/TextTone.h"

#include "charts/ChartPanel.h"
#include "settings/AppSettings.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <cmath>

ChartOptionsRow::ChartOptionsRow(QAction* logAction, ChartPanel* charts, AppSettings* settings, QWidget* parent)
    : QWidget(parent), m_charts(charts), m_settings(settings)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(8);
    auto* log = new QToolButton(this);
    log->setDefaultAction(logAction);
    log->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("smoothingSlider"));
    m_slider->setRange(0, 999);
    m_slider->setMinimumWidth(60); // 160 when there is room; less on a small screen
    m_slider->setMaximumWidth(160);
    m_slider->setToolTip(
        tr("Smoothing of the curves (debiased moving average, as in TensorBoard). The raw curve stays faint."));
    m_slider->setValue(int(std::lround(m_settings->smoothing() * 1000.0)));
    m_label = new QLabel(this);
    m_label->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("0.000")) + 6);
    m_label->setText(QString::number(m_slider->value() / 1000.0, 'f', 2));
    connect(m_slider, &QSlider::valueChanged, this, &ChartOptionsRow::setSmoothingFromSlider);
    auto* smoothing = new QLabel(tr("Smoothing"), this);
    smoothing->setToolTip(m_slider->toolTip());
    auto* hint = new QLabel(tr("Right-click a chart to export it"), this);
    hint->setObjectName(QStringLiteral("exportHint"));
    TextTone::apply(hint, TextTone::Tone::Hint);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // first to go on a small screen
    layout->addWidget(hint);
    layout->addStretch(1);
    layout->addWidget(log);
    layout->addSpacing(12);
    layout->addWidget(smoothing);
    layout->addWidget(m_slider);
    layout->addWidget(m_label);
}

void ChartOptionsRow::setSmoothingFromSlider(int position)
{
    const double w = position / 1000.0;
    m_label->setText(QString::number(w, 'f', position % 10 ? 3 : 2));
    m_charts->setSmoothing(w);
    m_settings->setSmoothing(w);
}
