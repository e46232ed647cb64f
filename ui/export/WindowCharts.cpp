#include "export/WindowCharts.h"

#include "charts/ChartPanel.h"
#include "charts/HeatmapWidget.h"
#include "charts/LayerChart.h"
#include "charts/LineChart.h"
#include "charts/WeightCharts.h"
#include "export/ChartExporter.h"

#include <QDir>
#include <QObject>

QString exportWindowCharts(const QString& dir, const ChartPanel& charts, HeatmapWidget& heatmap,
                           WeightCharts& weights)
{
    if (!QDir().mkpath(dir))
        return QObject::tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(dir));
    const QDir d(dir);
    const ChartExporter::Format formats[] = {ChartExporter::Format::Png, ChartExporter::Format::Svg,
                                             ChartExporter::Format::Pdf};
    auto save = [&](const QString& stem, QSize size, const QString& title, const ChartExporter::PaintFn& paint,
                    const QString& csv) -> QString {
        for (auto f : formats) {
            const QString err = ChartExporter::exportImage(d.filePath(stem + QLatin1Char('.') + ChartExporter::suffix(f)),
                                                           f, size, title, paint);
            if (!err.isEmpty())
                return err;
        }
        return csv.isEmpty() ? QString() : ChartExporter::writeText(d.filePath(stem + QStringLiteral(".csv")), csv);
    };
    for (LineChart* c : charts.charts())
        if (QString err = save(c->group(), c->chartSize(), c->title(),
                               [c](QPainter* p, const QRectF& r) { c->paintTo(p, r); }, c->toCsv());
            !err.isEmpty())
            return err;
    if (QString err = save(QStringLiteral("boundary"), heatmap.size(), heatmap.title(),
                           [&heatmap](QPainter* p, const QRectF& r) { heatmap.paintTo(p, r); },
                           heatmap.hasGrid() ? heatmap.toCsv() : QString());
        !err.isEmpty())
        return err;
    // The weight charts of labs that have them (the shown layer).
    for (LayerChart* c : weights.charts())
        if (c->count() > 0)
            if (QString err = save(WeightCharts::fileName(c), c->chartSize(), c->title(),
                                   [c](QPainter* p, const QRectF& r) { c->paintTo(p, r); }, c->toCsv());
                !err.isEmpty())
                return err;
    return {};
}
