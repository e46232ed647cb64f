#include "export/SweepImages.h"

#include "charts/SweepChart.h"
#include "SizeHintWarningFilter.h"
#include "export/ChartExporter.h"

#include <QApplication>
#include <QDir>

namespace {
const QSize kChartSize(1200, 700); // as the run's charts; PNGs at twice this
} // namespace

QString writeSweepImages(const reglab::Sweep& sweep, int metric, int xMetric, bool logX, bool logY, const QString& dir,
                         const QStringList& formats, QStringList* written)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return QStringLiteral("Chart export needs a QApplication (Qt Charts draws with widgets).");
    if (metric < 0 || size_t(metric) >= sweep.metrics().size())
        return QStringLiteral("The sweep has no such metric to chart.");
    const SizeHintWarningFilter quiet;
    SweepChart chart;
    chart.setup(SweepChartSetup::of(sweep, metric, logX, logY, xMetric));
    chart.setPoints(sweep.points(), metric);
    chart.setAttribute(Qt::WA_DontShowOnScreen);
    chart.resize(kChartSize);
    chart.show();
    QCoreApplication::processEvents();
    for (const QString& f : formats) {
        const auto fmt = ChartExporter::formatFromName(f);
        if (!fmt)
            return QStringLiteral("Unknown chart format '%1': use png, svg or pdf.").arg(f);
        const QString path = QDir(dir).filePath(QStringLiteral("sweep.") + ChartExporter::suffix(*fmt));
        const QString err = ChartExporter::exportImage(path, *fmt, chart.chartSize(), chart.currentSetup().title,
                                                       [&](QPainter* p, const QRectF& r) { chart.paintTo(p, r); });
        if (!err.isEmpty())
            return err;
        if (written)
            written->append(path);
    }
    return {};
}
