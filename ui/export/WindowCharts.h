#pragma once
// "Export all" of the main window: every chart and picture it shows (line charts, the
// boundary or output, the network, the attention maps, the validation images and confusion
// matrix, a profile, each twin's beside, the weight charts), into one folder, as PNG, SVG and PDF, plus
// the data behind each chart as CSV.
#include <QString>

class ChartPanel;
class PicturesArea;
class WeightCharts;

// Creates dir if needed. Returns "" on success, else one clear sentence.
QString exportWindowCharts(const QString& dir, const ChartPanel& charts, const PicturesArea& pictures,
                           WeightCharts& weights);
