#include "export/WindowCharts.h"

#include "charts/ChartPanel.h"
#include "charts/AttentionPicture.h"
#include "charts/HeatmapWidget.h"
#include "charts/NetworkPicture.h"
#include "charts/PicturesArea.h"
#include "charts/CartPolePicture.h"
#include "charts/ProfilePicture.h"
#include "charts/ValidationPicture.h"
#include "charts/LayerChart.h"
#include "charts/LineChart.h"
#include "charts/WeightCharts.h"
#include "export/ChartExporter.h"

#include <QDir>
#include <QObject>

QString exportWindowCharts(const QString& dir, const ChartPanel& charts, const PicturesArea& pictures,
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
    // Each picture the lab has, the twin's beside (painted at its on-screen size, or its
    // preferred one while hidden behind another tab).
    auto sizeOf = [](const QWidget* w) { return w->isVisible() && w->width() > 50 ? w->size() : w->sizeHint(); };
    for (auto [h, stem] : {std::pair{pictures.heatmap(), QStringLiteral("boundary")},
                           std::pair{pictures.twinHeatmap(), QStringLiteral("twin_boundary")}})
        if (h->hasPicture())
            if (QString err = save(stem, sizeOf(h), h->title(), [h = h](QPainter* p, const QRectF& r) { h->paintTo(p, r); },
                                   h->hasGrid() ? h->toCsv() : QString());
                !err.isEmpty())
                return err;
    for (auto [n, stem] : {std::pair{pictures.network(), QStringLiteral("network")},
                           std::pair{pictures.twinNetwork(), QStringLiteral("twin_network")}})
        if (n->hasNetwork())
            if (QString err = save(stem, sizeOf(n), stem, [n = n](QPainter* p, const QRectF& r) { n->paintTo(p, r); }, {});
                !err.isEmpty())
                return err;
    if (const AttentionPicture* a = pictures.attention(); a->hasMaps())
        if (QString err = save(QStringLiteral("attention"), sizeOf(a), QStringLiteral("attention"),
                               [a](QPainter* p, const QRectF& r) { a->paintTo(p, r); }, {});
            !err.isEmpty())
            return err;
    for (auto [v, stem] : {std::pair{pictures.validation(), QStringLiteral("validation")},
                           std::pair{pictures.twinValidation(), QStringLiteral("twin_validation")}})
        if (v->hasPicture())
            if (QString err = save(stem, sizeOf(v), stem, [v = v](QPainter* p, const QRectF& r) { v->paintTo(p, r); }, {});
                !err.isEmpty())
                return err;
    for (auto [pr, stem] : {std::pair{pictures.profile(), QStringLiteral("profile")},
                            std::pair{pictures.twinProfile(), QStringLiteral("twin_profile")}})
        if (pr->hasProfile())
            if (QString err = save(stem, sizeOf(pr), pr->title(),
                                   [pr = pr](QPainter* p, const QRectF& r) { pr->paintTo(p, r); }, pr->toCsv());
                !err.isEmpty())
                return err;
    for (auto [c, stem] : {std::pair{pictures.cartPole(), QStringLiteral("cartpole")},
                           std::pair{pictures.twinCartPole(), QStringLiteral("twin_cartpole")}})
        if (c->hasEpisode())
            if (QString err = save(stem, sizeOf(c), c->title(),
                                   [c = c](QPainter* p, const QRectF& r) { c->paintTo(p, r); }, c->toCsv());
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
