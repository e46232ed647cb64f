#pragma once
// The legend of a LineChart, painted by us above the plot (QLegend elides labels instead
// of wrapping them): one entry per curve (one for all twin curves, dashed), wrapped in
// centred rows, an entry wider than the chart elided.
#include <QColor>
#include <QPointF>
#include <QString>

#include <vector>

class QPainter;

class ChartLegend {
public:
    struct Entry {
        QString text;
        QColor color;
        bool twin = false;
    };
    void add(const Entry& e) { m_entries.push_back(e); }
    bool isEmpty() const { return m_entries.empty(); }
    // Rows needed for `width` px: (x offset, row) per entry in *positions.
    int rows(double width, std::vector<QPointF>* positions) const;
    // Paints the rows under `top`, centred in [left, left + width].
    void paint(QPainter* painter, double left, double top, double width) const;
    static constexpr double kSide = 6.0; // margin on each side of the rows

private:
    QString label(size_t k, double width) const;
    std::vector<Entry> m_entries;
};
