#pragma once
// What the weight charts (HistogramChart, DistributionChart) share about a lab's
// HistogramViews: which are the twin's (ids twin_<id>, see TrainingWorker::viewsOfBoth),
// and how a layer is named.
#include "labs/LabViews.h"

#include <QString>

#include <string>
#include <vector>

namespace WeightLayers {

bool isTwin(const std::string& id);
std::string twinId(const std::string& id);
// The main run's layers and the twin's, each in view order.
void split(const std::vector<reglab::HistogramView>& all, std::vector<reglab::HistogramView>* mains,
           std::vector<reglab::HistogramView>* twins);
// The twin's view of layer `id`, or null.
const reglab::HistogramView* twinOf(const std::string& id, const std::vector<reglab::HistogramView>& twins);
// Its title, else its id.
QString title(const reglab::HistogramView& h);
// The legend entry of a twin: "layer 0 weights (twin: dropout 0.5)" -> "twin: dropout 0.5".
QString twinName(const std::string& twinTitle);

} // namespace WeightLayers
