#pragma once
// The weights of each layer over training, drawn like TensorBoard's distributions: nested
// bands between the percentiles min-max, 7-93, 16-84 and 31-69 in one colour of rising
// opacity, and the median as a line; x = step, y = weight value. Fed the views the weight
// histogram gets (HistogramView::percentiles); each layer keeps a bounded PercentileHistory,
// so memory stays flat however long a run goes. A view of an earlier step than the last one
// (a NaN rollback) drops the samples after it, truncateAfter() does the same, and a new run
// forgets the runs before it: the chart never shows a future that was undone.
//
// A twin's layer (id twin_<id>) is drawn over it: its median dashed and its 16-84 band as a
// dashed outline, with a legend entry like the histogram's.
#include "charts/LayerChart.h"
#include "charts/NiceScale.h"
#include "charts/PercentileHistory.h"
#include "labs/LabViews.h"

#include <QList>
#include <QPointF>

#include <map>
#include <string>
#include <vector>

class QAreaSeries;
class QCategoryAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

class DistributionChart : public LayerChart {
    Q_OBJECT
public:
    static constexpr int kBands = 4; // min-max, 7-93, 16-84, 31-69: percentile b and its mirror

    explicit DistributionChart(QWidget* parent = nullptr, int capacity = PercentileHistory::kDefaultCapacity);
    ~DistributionChart() override;

    // run: the id of the run the views come from (TrainingSession::runId()).
    void setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step, quint64 run = 0);
    // A new run (a reset, another lab, a twin added or dropped) with id `run` started:
    // everything of the runs before it goes. The run's first view may have come already
    // (the worker's views can overtake its runStarted): that one stays.
    void startRun(quint64 run);
    void clear();
    // A rollback to `step`: the samples after it go.
    void truncateAfter(int64_t step);

    int count() const override { return int(m_layers.size()); } // layers with percentiles
    bool showsTwin() const { return twinHistory() != nullptr; }
    // The kept samples of a layer by id ("layer0", a twin's "twin_layer0"); null when unknown.
    const PercentileHistory* history(const std::string& id) const;
    // What the series show (tests): the median line, this run's or the twin's.
    QList<QPointF> medianPoints(bool twin = false) const;
    bool legendShown() const;

    // step,min,p7,p16,p31,p50,p69,p84,p93,max of the shown layer; with a twin, a run column first.
    QString toCsv() const override;
    QString title() const override;

protected:
    void showEvent(QShowEvent* event) override;
    void showCurrent() override;
    void prepareExport() override;
    void restyle() override;

private:
    std::string currentId() const;
    const PercentileHistory* twinHistory() const; // of the shown layer
    // Pushes the shown layer to the series when it changed: at once when visible, else when
    // shown or exported (a hidden tab costs nothing).
    void refresh(bool evenHidden = false);
    // Fits the axes to the data and to the plot's size.
    void updateAxes();

    int m_capacity;
    std::vector<std::string> m_layers;                  // the main run's layer ids, in view order
    std::map<std::string, PercentileHistory> m_history; // by id, the twin's layers too
    std::map<std::string, QString> m_twinNames;         // legend entry by twin layer id
    std::map<std::string, QString> m_titles;            // by main layer id
    std::map<std::string, QString> m_valueLabels;       // the value axis' title, by main layer id
    bool m_dirty = false;
    quint64 m_run = 0;       // the run of the last views
    int64_t m_runFrom = 0;   // the step of that run's first view

    QLabel* m_key = nullptr;
    QAreaSeries* m_bands[kBands] = {};
    QLineSeries* m_median = nullptr;
    QLineSeries* m_twinMedian = nullptr;
    QLineSeries* m_twinBand = nullptr; // the twin's 16-84 band as one outline
    QCategoryAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    NiceRange m_xRange, m_yRange;
    double m_lastStep = 0.0;
    double m_yLo = 1.0, m_yHi = -1.0; // the shown values (lo > hi: none)
};
