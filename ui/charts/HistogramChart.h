#pragma once
// Weight histograms (LabViews::histograms): one layer at a time, picked in a combo box,
// drawn as a filled step line (one path item, cheap to update at a few Hz). A twin's
// histogram of the same layer (id twin_<id>) is drawn over it as a dashed outline, on the
// same axes, so the two distributions compare at a glance.
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
    int count() const { return int(m_histograms.size()); } // layers (the twin's are not counted)
    bool showsTwin() const;
    int currentIndex() const;
    void setCurrentIndex(int i);
    QComboBox* picker() const { return m_picker; }
    ChartView* view() const { return m_view; }

    void paintTo(QPainter* painter, const QRectF& target);
    QSize chartSize() const;
    // bin_lo,bin_hi,count of the shown layer; with a twin: run,bin_lo,bin_hi,count.
    QString toCsv() const;
    QString title() const;

signals:
    void exportImageRequested(HistogramChart* chart);
    void exportDataRequested(HistogramChart* chart);

private:
    void showCurrent();
    void showMenu(const QPoint& pos);

    const reglab::HistogramView* twinOf(int index) const;

    std::vector<reglab::HistogramView> m_histograms, m_twins;
    int64_t m_step = 0;
    QComboBox* m_picker = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_stepLabel = nullptr;
    ChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QLineSeries* m_upper = nullptr;
    QAreaSeries* m_area = nullptr;
    QLineSeries* m_twinLine = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    double m_yMax = 0.0; // sticky, so the axis does not jump at every frame
};
