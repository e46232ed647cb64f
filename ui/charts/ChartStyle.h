#pragma once
// The look every chart and picture shares, changeable while the window is open: light or
// dark colours, the colour-blind-safe palette, and the scale of fonts and lines (zoom,
// presentation mode). ChartPalette reads it; charts restyle themselves on changed().
#include <QObject>

class QAbstractAxis;
class QChart;

class ChartStyle : public QObject {
    Q_OBJECT
public:
    static ChartStyle* instance(); // GUI thread only

    bool dark() const { return m_dark; }
    void setDark(bool on);
    bool colourBlindSafe() const { return m_colourBlind; }
    void setColourBlindSafe(bool on);
    double fontScale() const { return m_fontScale; } // 1 = the palette's sizes
    void setFontScale(double scale);
    double lineScale() const { return m_lineScale; } // 1 = the charts' own pen widths
    void setLineScale(double scale);
    // Exports and copied images: dark text on white (default), or the window's colours.
    bool exportWindowColours() const { return m_exportWindowColours; }
    void setExportWindowColours(bool on) { m_exportWindowColours = on; }

    // A new chart as every chart of the window starts: square corners, no animation, a
    // tight layout with room on the right for the last x label, the legend hidden.
    static QChart* newChart();
    // Background, title, legend and every axis of `chart` in the current look.
    static void styleChart(QChart* chart);
    static void styleAxis(QAbstractAxis* axis);

    // Exports keep a white background: while one of these lives, the colours are light
    // (unless exportWindowColours()).
    class LightColours {
    public:
        LightColours();
        ~LightColours();
        LightColours(const LightColours&) = delete;
        LightColours& operator=(const LightColours&) = delete;

    private:
        bool m_wasDark;
    };

signals:
    void changed();

private:
    ChartStyle() = default;
    bool m_dark = false;
    bool m_exportWindowColours = false;
    bool m_colourBlind = false;
    double m_fontScale = 1.0;
    double m_lineScale = 1.0;
};
