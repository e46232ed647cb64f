#pragma once
// What the weight charts (HistogramChart, DistributionChart) share about a lab's
// HistogramViews: which are the twin's (ids twin_<id>, see TrainingWorker::viewsOfBoth),
// how a layer is named, and the layer picker.
#include "labs/LabViews.h"

#include <QString>

#include <string>
#include <vector>

class QComboBox;
class QHBoxLayout;
class QWidget;

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
// Refills `picker` with the layers (title shown, id as data) unless it lists them already,
// keeping the chosen layer by id. True when it refilled.
bool fillPicker(QComboBox* picker, const std::vector<reglab::HistogramView>& layers);
// A combo box for fillPicker, with the label "Layer:", in a row of `parent`'s.
QComboBox* makePicker(QWidget* parent, QHBoxLayout* row);

} // namespace WeightLayers
