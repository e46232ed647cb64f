#include "export/ExportMenus.h"

#include "charts/ChartPanel.h"
#include "charts/DistributionChart.h"
#include "charts/HeatmapWidget.h"
#include "charts/HistogramChart.h"
#include "charts/LineChart.h"
#include "charts/WeightCharts.h"
#include "export/ChartExporter.h"

namespace {
// A chart with chartSize(), title(), paintTo(), toCsv() and the two export signals, saved
// under `name` (the file name "Export all" gives it too).
template <typename Chart> void connectChart(QWidget* window, Chart* chart, const QString& name)
{
    QObject::connect(chart, &Chart::exportImageRequested, window, [window, name](Chart* c) {
        ChartExporter::saveImageInteractively(window, name, c->chartSize(), c->title(),
                                              [c](QPainter* p, const QRectF& r) { c->paintTo(p, r); });
    });
    QObject::connect(chart, &Chart::exportDataRequested, window,
                     [window, name](Chart* c) { ChartExporter::saveCsvInteractively(window, name, c->toCsv()); });
}
} // namespace

void connectExportMenus(QWidget* window, ChartPanel* charts, HeatmapWidget* boundary, HeatmapWidget* twinBoundary,
                        WeightCharts* weights)
{
    auto exportImage = [window](const QString& name, QSize size, const QString& title, ChartExporter::PaintFn paint) {
        ChartExporter::saveImageInteractively(window, name, size, title, std::move(paint));
    };
    QObject::connect(charts, &ChartPanel::exportImageRequested, window, [=](LineChart* c) {
        exportImage(c->group(), c->chartSize(), c->title(), [c](QPainter* p, const QRectF& r) { c->paintTo(p, r); });
    });
    QObject::connect(charts, &ChartPanel::exportDataRequested, window,
                     [window](LineChart* c) { ChartExporter::saveCsvInteractively(window, c->group(), c->toCsv()); });
    for (auto [widget, name] : {std::pair{boundary, QStringLiteral("boundary")}, std::pair{twinBoundary, QStringLiteral("twin_boundary")}}) {
        QObject::connect(widget, &HeatmapWidget::exportImageRequested, window, [=, name = name](HeatmapWidget* h) {
            exportImage(name, h->size(), h->title(), [h](QPainter* p, const QRectF& r) { h->paintTo(p, r); });
        });
        QObject::connect(widget, &HeatmapWidget::exportDataRequested, window, [window, name = name](HeatmapWidget* h) {
            ChartExporter::saveCsvInteractively(window, name, h->toCsv());
        });
    }
    connectChart(window, weights->histograms(), QLatin1String(WeightCharts::kHistogramsFile));
    connectChart(window, weights->distributions(), QLatin1String(WeightCharts::kDistributionsFile));
}
