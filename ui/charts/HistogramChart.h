#pragma once
// Weight histograms (LabViews::histograms): one layer at a time, picked in a combo box,
// drawn as a filled step line (one path item, cheap to update at a few Hz). A twin's
// histogram of the same layer (id twin_<id>) is drawn over it as a dashed outline, on the
// same axes, so the two distributions compare at a glance.
#include "charts/LayerChart.h"
#include "labs/LabViews.h"

#include <vector>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

class HistogramChart : public LayerChart {
    Q_OBJECT
public:
    explicit HistogramChart(QWidget* parent = nullptr);
    ~HistogramChart() override;

    void setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step);
    void clear();
    int count() const override { return int(m_histograms.size()); }
    bool showsTwin() const;

    // bin_lo,bin_hi,count of the shown layer; with a twin: run,bin_lo,bin_hi,count.
    QString toCsv() const override;
    QString title() const override;

protected:
    void showCurrent() override;
    void resizeEvent(QResizeEvent* event) override;
    void restyle() override;

private:
    const reglab::HistogramView* twinOf(int index) const;
    // As many ticks as fit whole at this size: Qt Charts elides labels that do not ("-...").
    int xTicks() const;
    int yTicks() const;

    std::vector<reglab::HistogramView> m_histograms, m_twins;
    int64_t m_step = 0;
    QLineSeries* m_upper = nullptr;
    QAreaSeries* m_area = nullptr;
    QLineSeries* m_twinLine = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    double m_yMax = 0.0; // sticky, so the axis does not jump at every frame
};
