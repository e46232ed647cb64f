#pragma once
// A value per position along a sequence (reglab::ProfileView: per-site coefficients along
// a protein): a bar at each position coloured by its kind (train blue and val orange of
// ChartPalette, so the light, dark and colour-blind palettes apply), the reference `truth`
// as a line on the same scale, a triangle above each marked position, position ticks below,
// value ticks on the left, a zero line, a legend, the title and the note. Hovering a bar
// shows its position, value, truth and kind (HoverReadout).
#include "labs/LabViews.h"

#include <QWidget>

class ProfilePicture : public QWidget {
    Q_OBJECT
public:
    explicit ProfilePicture(QWidget* parent = nullptr);

    // view may be null (no profile: the picture says so).
    void setView(const reglab::ProfileView* view, int64_t step);
    bool hasProfile() const { return !m_view.position.empty(); }
    const reglab::ProfileView& view() const { return m_view; }
    QString title() const;

    // Where things sit for the widget's current size: the plot area, the bar of entry i
    // (empty for a non-finite value or no such entry), the mark of entry i (empty unless
    // marked).
    QRectF plotRect() const;
    QRectF barRect(int i) const;
    QRectF markRect(int i) const;
    // The entry under the mouse; -1 when none.
    int hovered() const { return m_hover; }

    // "position,value,truth,kind,marked" and one row per position.
    QString toCsv() const;

    void paintTo(QPainter* p, const QRectF& target) const;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return QSize(560, 300); }
    QSize minimumSizeHint() const override { return QSize(240, 160); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override; // export or copy the picture
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    struct Layout {
        QRectF title, note, legend, marks, plot;
        double yLo = 0, yHi = 1, yTick = 0.2;
        double xLo = 0, xHi = 1; // positions at the plot's left and right edges
        int xTick = 10;          // positions between two labelled ticks
        double yLabelWidth = 0;
        double slot = 1;         // pixels per position
        double xAt(double position) const;
        double yAt(double value) const;
    };
    Layout layoutIn(const QRectF& target) const;
    QRectF barIn(const Layout& l, size_t i) const;
    QRectF markIn(const Layout& l, size_t i) const;
    void paintAxes(QPainter* p, const Layout& l) const;
    void paintLegend(QPainter* p, const Layout& l) const;
    void paintReadout(QPainter* p, const Layout& l, const QRectF& target) const;

    reglab::ProfileView m_view;
    int64_t m_step = 0;
    float m_lo = 0, m_hi = 0; // the finite range of values and truth, 0 included
    int m_posLo = 0, m_posHi = 0;
    int m_hover = -1;
};
