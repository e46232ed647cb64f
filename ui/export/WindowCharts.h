#pragma once
// "Export all" of the main window: every chart and picture it shows, into one folder, as
// PNG, SVG and PDF, plus the data behind each as CSV.
#include <QString>

class ChartPanel;
class HeatmapWidget;
class WeightCharts;

// Creates dir if needed. Returns "" on success, else one clear sentence.
QString exportWindowCharts(const QString& dir, const ChartPanel& charts, HeatmapWidget& heatmap,
                           WeightCharts& weights);
