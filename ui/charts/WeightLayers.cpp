#include "charts/WeightLayers.h"

#include <QObject>

namespace WeightLayers {

namespace {
const std::string kTwinPrefix = "twin_";
}

bool isTwin(const std::string& id) { return id.rfind(kTwinPrefix, 0) == 0; }

std::string twinId(const std::string& id) { return kTwinPrefix + id; }

void split(const std::vector<reglab::HistogramView>& all, std::vector<reglab::HistogramView>* mains,
           std::vector<reglab::HistogramView>* twins)
{
    mains->clear();
    twins->clear();
    for (const auto& h : all)
        (isTwin(h.id) ? twins : mains)->push_back(h);
}

const reglab::HistogramView* twinOf(const std::string& id, const std::vector<reglab::HistogramView>& twins)
{
    const std::string want = twinId(id);
    for (const auto& t : twins)
        if (t.id == want)
            return &t;
    return nullptr;
}

QString title(const reglab::HistogramView& h) { return QString::fromStdString(h.title.empty() ? h.id : h.title); }

QString twinName(const std::string& twinTitle)
{
    const QString name = QString::fromStdString(twinTitle);
    const qsizetype open = name.lastIndexOf(QStringLiteral("(twin: "));
    return open >= 0 ? name.mid(open + 1).chopped(1) : QObject::tr("twin");
}

} // namespace WeightLayers
