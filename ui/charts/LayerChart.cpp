#include "charts/LayerChart.h"
#include "export/ChartExporter.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/ChartView.h"
#include "charts/WeightLayers.h"

#include <QAbstractAxis>
#include <QChart>
#include <QComboBox>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QSignalBlocker>
#include <QVBoxLayout>

LayerChart::LayerChart(const QString& noData, QWidget* parent) : QWidget(parent)
{
    m_chart = ChartStyle::newChart();
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    m_view = new ChartView(m_chart, this);
    m_view->setMinimumSize(220, 160);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        m_view->execExportMenu(
            pos, [this] { emit exportImageRequested(this); }, [this] { emit exportDataRequested(this); },
            [this] { ChartExporter::copyImage(chartSize(), [this](QPainter* p, const QRectF& r) { paintTo(p, r); }); });
    });

    auto* top = new QHBoxLayout();
    top->setContentsMargins(6, 0, 6, 0);
    m_picker = new QComboBox(this);
    m_picker->setToolTip(tr("Which layer's weights to show"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_picker, &QComboBox::currentIndexChanged, this, [this] { showCurrent(); });
    auto* label = new QLabel(tr("Layer:"), this);
    label->setBuddy(m_picker);
    top->addWidget(label);
    top->addWidget(m_picker);
    top->addStretch(1);
    m_note = new QLabel(this);
    top->addWidget(m_note);
    m_noData = new QLabel(noData, this);
    m_noData->setAlignment(Qt::AlignCenter);
    m_noData->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_noData, 1);
    LayerChart::restyle(); // the subclasses restyle their series at the end of theirs
    connect(ChartStyle::instance(), &ChartStyle::changed, this, [this] { restyle(); });
}

void LayerChart::restyle()
{
    ChartStyle::styleChart(m_chart);
    setMutedText(m_note);
}

LayerChart::~LayerChart() = default;

int LayerChart::currentIndex() const { return m_picker->currentIndex(); }

void LayerChart::setCurrentIndex(int i) { m_picker->setCurrentIndex(i); }

void LayerChart::setMutedText(QLabel* label)
{
    // A palette, not a style sheet: a style-sheeted label stops following the window's font.
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, ChartPalette::mutedTextColor());
    label->setPalette(p);
}

void LayerChart::styleAxis(QAbstractAxis* axis) { ChartStyle::styleAxis(axis); }

bool LayerChart::setLayers(const std::vector<reglab::HistogramView>& layers)
{
    const bool any = !layers.empty();
    m_view->setVisible(any);
    m_picker->setEnabled(any);
    m_noData->setVisible(!any);
    bool same = int(layers.size()) == m_picker->count();
    for (size_t i = 0; same && i < layers.size(); ++i)
        same = m_picker->itemData(int(i)).toString() == QString::fromStdString(layers[i].id);
    if (same)
        return false;
    const QString current = m_picker->currentData().toString();
    QSignalBlocker block(m_picker);
    m_picker->clear();
    for (const auto& h : layers)
        m_picker->addItem(WeightLayers::title(h), QString::fromStdString(h.id));
    const int keep = m_picker->findData(current);
    m_picker->setCurrentIndex(keep >= 0 ? keep : 0);
    return true;
}

void LayerChart::setNote(const QString& text) { m_note->setText(text); }

void LayerChart::addBelowChart(QWidget* widget)
{
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->insertWidget(layout->indexOf(m_view) + 1, widget);
}

QSize LayerChart::chartSize() const
{
    m_view->layOutIfHidden();
    return m_chart->size().toSize();
}

void LayerChart::paintTo(QPainter* painter, const QRectF& target)
{
    m_view->layOutIfHidden();
    prepareExport();
    m_view->layOutIfHidden(); // again, with the labels prepareExport set
    m_chart->scene()->render(painter, target, m_chart->sceneBoundingRect(), Qt::KeepAspectRatio);
}
