#include "export/ChartImages.h"

#include "charts/ChartPanel.h"
#include "charts/LineChart.h"
#include "SizeHintWarningFilter.h"
#include "export/ChartExporter.h"

#include <QApplication>
#include <QDir>
#include <QRegularExpression>

#include <algorithm>
#include <memory>

namespace {
// The size each chart is laid out at; PNGs are rendered at twice this for sharp slides.
const QSize kChartSize(1200, 700);

QString fileStem(const QString& group)
{
    QString s = group;
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    return s.isEmpty() ? QStringLiteral("chart") : s;
}
} // namespace

QString writeChartImages(const std::vector<reglab::MetricSpec>& metrics, const std::vector<reglab::MetricRow>& rows,
                         const std::vector<reglab::ParamEvent>& events, const QString& dir, const QStringList& formats,
                         QStringList* written)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return QStringLiteral("Chart export needs a QApplication (Qt Charts draws with widgets).");
    std::vector<ChartExporter::Format> fmts;
    for (const QString& f : formats) {
        const auto fmt = ChartExporter::formatFromName(f);
        if (!fmt)
            return QStringLiteral("Unknown chart format '%1': use png, svg or pdf.").arg(f);
        if (std::find(fmts.begin(), fmts.end(), *fmt) == fmts.end())
            fmts.push_back(*fmt);
    }
    if (fmts.empty())
        return QStringLiteral("No chart format given: use png, svg or pdf.");
    if (metrics.empty())
        return QStringLiteral("The run has no metrics to chart.");
    if (!QDir().mkpath(dir))
        return QStringLiteral("Could not create the folder %1.").arg(QDir::toNativeSeparators(dir));

    const SizeHintWarningFilter quiet;
    for (const auto& [group, columns] : ChartPanel::groupMetrics(metrics)) {
        // Laid out by a real (never shown on screen) widget, exactly like the window's.
        auto chart = std::make_unique<LineChart>(group, columns);
        chart->setAttribute(Qt::WA_DontShowOnScreen);
        chart->setLogX(chart->prefersLogSteps());
        chart->setLogScale(chart->prefersLogValues());
        chart->resize(kChartSize);
        chart->show();
        QCoreApplication::processEvents();
        for (const auto& r : rows)
            chart->addRow(r);
        chart->addEvents(events);
        chart->refresh(true);
        QCoreApplication::processEvents();
        for (ChartExporter::Format fmt : fmts) {
            const QString path = QDir(dir).filePath(fileStem(group) + QLatin1Char('.') + ChartExporter::suffix(fmt));
            const QString err = ChartExporter::exportImage(path, fmt, chart->chartSize(), chart->title(),
                                                           [&](QPainter* p, const QRectF& r) { chart->paintTo(p, r); });
            if (!err.isEmpty())
                return err;
            if (written)
                written->append(path);
        }
    }
    return {};
}
