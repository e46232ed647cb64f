#pragma once
// What the weight charts (HistogramChart, DistributionChart) share: a layer picker with a
// note on its right above one Qt chart, styled alike; a line in place of the chart when the
// lab has no such views; the right-click export menu; and export (paintTo, chartSize) that
// also works for a chart on a tab that is not shown.
#include "labs/LabViews.h"

#include <QString>
#include <QWidget>

#include <vector>

class ChartView;
class QAbstractAxis;
class QChart;
class QComboBox;
class QLabel;
class QPainter;

class LayerChart : public QWidget {
    Q_OBJECT
public:
    ~LayerChart() override;

    QComboBox* picker() const { return m_picker; }
    ChartView* view() const { return m_view; }
    int currentIndex() const;
    void setCurrentIndex(int i);
    // Layers shown (the twin's are not counted); 0: nothing to show or export.
    virtual int count() const = 0;
    // For the exported file's metadata.
    virtual QString title() const = 0;
    // The data of the shown layer.
    virtual QString toCsv() const = 0;

    // One paint path for screen and export.
    void paintTo(QPainter* painter, const QRectF& target);
    QSize chartSize() const;

signals:
    void exportImageRequested(LayerChart* chart);
    void exportDataRequested(LayerChart* chart);

protected:
    // noData: the line shown instead of the chart when the lab has no such views.
    LayerChart(const QString& noData, QWidget* parent);

    QChart* chart() const { return m_chart; }
    static void styleAxis(QAbstractAxis* axis);
    static void setMutedText(QLabel* label); // grey notes, in the theme's grey
    // Lists the layers in the picker (title shown, id as data) unless it lists them already,
    // keeping the chosen layer by id; shows the chart when there are any, else the noData
    // line. True when the list changed.
    bool setLayers(const std::vector<reglab::HistogramView>& layers);
    void setNote(const QString& text); // right of the picker
    void addBelowChart(QWidget* widget);
    // The picked layer changed.
    virtual void showCurrent() = 0;
    // Called by paintTo between laying out a hidden chart and painting it: bring the series
    // and axes up to date for that size.
    virtual void prepareExport() {}
    // Colours, fonts and pens from ChartPalette (again, when ChartStyle changed).
    virtual void restyle();

private:
    QChart* m_chart = nullptr;
    ChartView* m_view = nullptr;
    QComboBox* m_picker = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_noData = nullptr;
};
