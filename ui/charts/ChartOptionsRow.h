#pragma once
// The row above the line charts: the log-scale toggle and TensorBoard's smoothing slider
// (remembered in AppSettings). It sits above the charts it changes and keeps the toolbar
// short enough for a 1280-pixel projector.
#include <QWidget>

class AppSettings;
class ChartPanel;
class QAction;
class QLabel;
class QSlider;

class ChartOptionsRow : public QWidget {
    Q_OBJECT
public:
    ChartOptionsRow(QAction* logAction, ChartPanel* charts, AppSettings* settings, QWidget* parent = nullptr);
    QSlider* slider() const { return m_slider; }

private:
    void setSmoothingFromSlider(int position);

    ChartPanel* m_charts;
    AppSettings* m_settings;
    QSlider* m_slider = nullptr;
    QLabel* m_label = nullptr;
};
