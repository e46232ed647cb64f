#pragma once
// Weight histograms (LabViews::histograms): one layer at a time, picked in a combo box,
// drawn as a filled step line (one path item, cheap to update at a few Hz).
#include "labs/LabViews.h"

#include <QWidget>

#include <vector>

class ChartView;
class QAreaSeries;
class QChart;
class QComboBox;
class QLabel;
class QLineSeries;
class QPainter;
class QValueAxis;

class HistogramChart : public QWidget {
    Q_OBJECT
public:
    explicit HistogramChart(QWidget* parent = nullptr);
    ~HistogramChart() override;

    void setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step);
    void clear();
    int count() const { return int(m_histograms.size()); }
    int currentIndex() const;
    void setCurrentIndex(int i);
    QComboBox* picker() const { return m_picker; }
    ChartView* view() const { return m_view; }

    void paintTo(QPainter* painter, const QRectF& target);
    QSize chartSize() const;
    QString toCsv() const; // bin_lo,bin_hi,count of the shown layer
    QString title() const;

signals:
    void exportImageRequested(HistogramChart* chart);
    void exportDataRequested(HistogramChart* chart);

private:
    void showCurrent();
    void showMenu(const QPoint& pos);

    std::vector<reglab::HistogramView> m_histograms;
    int64_t m_step = 0;
    QComboBox* m_picker = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_stepLabel = nullptr;
    ChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QLineSeries* m_upper = nullptr;
    QAreaSeries* m_area = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    double m_yMax = 0.0; // sticky, so the axis does not jump at every frame
};
