#include "export/ChartImages.h"

// Placeholder until the UI work lands: reports that chart export is not built yet.
QString writeChartImages(const std::vector<reglab::MetricSpec>&, const std::vector<reglab::MetricRow>&,
                         const std::vector<reglab::ParamEvent>&, const QString&, const QStringList&,
                         QStringList*)
{
    return QStringLiteral("chart export is not implemented yet");
}
