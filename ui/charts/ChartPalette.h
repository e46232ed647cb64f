#pragma once
// Colours and fonts shared by every chart, picked for a projector: train blue, val orange,
// class colours from Paul Tol's colour-blind-safe "bright" set, large type. Colours follow
// ChartStyle's light or dark look and palette; fonts and pen widths its scales.
#include <QColor>
#include <QFont>
#include <QString>

#include <string>

class ChartPalette {
public:
    static QColor train();   // blue
    static QColor val();     // orange
    // A twin's curve: its main curve's colour in the standard palette (told apart by its
    // dashes); in the colour-blind-safe one (Okabe-Ito) a lighter shade of it.
    static QColor twinColor(const QColor& main);
    // train_* blue, val_* orange, others from a fixed list by their order in the chart.
    static QColor metricColor(const std::string& metricId, int otherIndex);
    // A reference level drawn beside the curves (MetricSpec::reference), dotted.
    static QColor referenceColor();
    static QColor classColor(int k);
    static QColor markerColor(); // event markers
    static QColor gridColor();
    static QColor minorGridColor();
    static QColor textColor();
    static QColor mutedTextColor(); // notes beside a chart
    static QColor background();     // of charts and pictures
    // A faint version of c (raw curves under their smoothed ones), opaque for speed.
    static QColor faint(const QColor& c);
    // A pen width of the charts' own scale, times ChartStyle's line scale.
    static double lineWidth(double width);
    // A folded chart's one-line strip (a QLabel): colours and size of the legend's text.
    static QString stripStyleSheet();

    static QFont titleFont();
    static QFont axisLabelFont();
    static QFont axisTitleFont();
    static QFont legendFont();
    static QFont markerFont();
    // A title that fits `room` pixels: the font shrinks a little (not below 9 pt), then the
    // text is elided at its end; never cut at both ends by a centred draw.
    static void fitTitle(QFont* font, QString* text, double room);

    // "loss" -> "Loss", "lr" -> "Learning rate", "weights" -> "Weight norm", other_id -> "Other id".
    static QString groupTitle(const QString& group);
};
