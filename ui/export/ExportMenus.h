#pragma once
// The right-click "Export image / Export data" of every chart and picture of the window,
// wired to ChartExporter's file dialogs.
class ChartPanel;
class HeatmapWidget;
class WeightCharts;
class QWidget;

void connectExportMenus(QWidget* window, ChartPanel* charts, HeatmapWidget* boundary, HeatmapWidget* twinBoundary,
                        WeightCharts* weights);
