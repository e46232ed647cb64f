#include "export/ExportMenus.h"

#include "charts/ChartPanel.h"
#include "charts/HeatmapWidget.h"
#include "charts/LayerChart.h"
#include "charts/LineChart.h"
#include "charts/WeightCharts.h"
#include "export/ChartExporter.h"

#include <QAction>
#include <QMainWindow>
#include <QPainter>

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
    // The weight charts, under the file names "Export all" gives them too.
    for (LayerChart* chart : weights->charts()) {
        const QString name = WeightCharts::fileName(chart);
        QObject::connect(chart, &LayerChart::exportImageRequested, window, [=](LayerChart* c) {
            exportImage(name, c->chartSize(), c->title(), [c](QPainter* p, const QRectF& r) { c->paintTo(p, r); });
        });
        QObject::connect(chart, &LayerChart::exportDataRequested, window,
                         [window, name](LayerChart* c) { ChartExporter::saveCsvInteractively(window, name, c->toCsv()); });
    }
}

QAction* makeWindowScreenshotAction(QMainWindow* window)
{
    auto* shot = new QAction(QObject::tr("Save Window Screenshot..."), window);
    shot->setObjectName(QStringLiteral("windowScreenshotAction"));
    shot->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    shot->setToolTip(QObject::tr("The whole window as an image for slides (Ctrl+Shift+P)"));
    QObject::connect(shot, &QAction::triggered, window, [window] {
        for (ChartPanel* panel : window->findChildren<ChartPanel*>())
            panel->settle(); // curves streaming in paint without antialiasing
        ChartExporter::saveImageInteractively(window, QStringLiteral("reglab-window"), window->size(),
                                              window->windowTitle(), [window](QPainter* p, const QRectF&) {
                                                  window->render(p, QPoint(), QRegion(), QWidget::DrawChildren);
                                              });
    });
    window->addAction(shot); // the shortcut works wherever the focus is
    return shot;
}
