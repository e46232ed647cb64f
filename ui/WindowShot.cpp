#include "WindowShot.h"

// Placeholder until the UI work lands.
QString renderWindowShot(std::unique_ptr<reglab::Lab>, const std::vector<reglab::MetricRow>&, const QString&, QSize)
{
    return QStringLiteral("window shots are not implemented yet");
}
