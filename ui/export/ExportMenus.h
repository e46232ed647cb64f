#pragma once
// The right-click "Export image / Export data" of every chart and picture of the window,
// wired to ChartExporter's file dialogs.
class ChartPanel;
class HeatmapWidget;
class WeightCharts;
class QWidget;

void connectExportMenus(QWidget* window, ChartPanel* charts, HeatmapWidget* boundary, HeatmapWidget* twinBoundary,
                        WeightCharts* weights);

class QAction;
class QMainWindow;
// "Save window screenshot..." (Ctrl+Shift+P): the whole window as PNG (1x, 2x, 4x), SVG or
// PDF, through the same export dialog as a chart.
QAction* makeWindowScreenshotAction(QMainWindow* window);
