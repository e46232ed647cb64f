#pragma once
// The decision boundary (or any GridView) painted as an image, with the data points on top
// (STYLE-ANCHORS: a plain QWidget, not Qt Charts). For classifiers each cell takes its
// predicted class's colour, lighter where the net is unsure; for a plain scalar grid the
// value goes through a viridis-like colour map with a colour bar, or for a centred one
// (a regressor's output) Playground's orange-white-blue around 0, its points coloured alike. Train points are filled
// circles, val points diamonds with a dark outline; a legend says which is which.
#include "labs/LabViews.h"

#include <QImage>
#include <QWidget>

#include <algorithm>

#include <functional>
#include <vector>

class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    // grid may be null (no grid view: e.g. the digits set); points are drawn either way
    // if they are 2D.
    void setView(const reglab::GridView* grid, const std::vector<reglab::PointSetView>& points, int64_t step,
                 const std::vector<reglab::MeshView>& meshes = {}, const std::string& caption = {});
    // Overlays a view may carry (GAN: arrows on the generated samples, the warped noise
    // grid), each shown or hidden by the user.
    bool hasArrows() const;
    bool hasMesh() const // a grid the "Noise grid" box shows (separating lines always show)
    {
        return std::any_of(m_meshes.begin(), m_meshes.end(), [](const reglab::MeshView& m) { return m.rows >= 2; });
    }
    void setShowArrows(bool on);
    void setShowMesh(bool on);
    bool showArrows() const { return m_showArrows; }
    bool showMesh() const { return m_showMesh; }
    // Playground's toggles for a class boundary: the validation points shown or hidden, and
    // each cell in its class's colour at one strength instead of shaded by confidence.
    bool isClassBoundary() const { return m_hasGrid && m_grid.numClasses > 0 && m_grid.cls.size() == m_grid.value.size(); }
    bool isValueMap() const { return m_hasGrid && m_grid.centered; } // a regressor's output
    void setShowValidation(bool on);
    void setDiscretize(bool on);
    bool showValidation() const { return m_showVal; }
    bool discretize() const { return m_discretize; }
    QString caption() const { return m_caption; }
    const std::vector<reglab::PointSetView>& points() const { return m_points; }
    // The user edited the data points: shown at once, until the lab's next view has them.
    void setPoints(const std::vector<reglab::PointSetView>& points);

    // Editing data points (ConvNetJS classify2d): while on, a left click on the plot emits
    // pointClicked with the data coordinates, the data units of one pixel and the keys held.
    void setEditingPoints(bool on);
    bool isEditingPoints() const { return m_editing; }
    // Where data point (x, y) was painted last, in widget pixels.
    QPointF widgetPosOf(QPointF data) const;

    // Drawing a target (GAN Lab's "draw your own"): while on, the picture is a blank canvas
    // over the same domain and click-and-drag adds points there, in data coordinates.
    void setDrawing(bool on);
    bool isDrawing() const { return m_drawing; }
    const std::vector<QPointF>& drawnPoints() const { return m_drawn; }
    void clearDrawn();
    void clear();
    bool hasGrid() const { return !m_image.isNull(); }
    // A grid or 2D points to draw (else only a note is shown).
    bool hasPicture() const;
    const QImage& image() const { return m_image; }
    QString title() const;     // "Decision boundary (step 3000)"
    QString baseTitle() const; // without the step

    // One paint function for screen and export.
    void paintTo(QPainter* painter, const QRectF& target) const;
    QSize sizeHint() const override { return QSize(420, 460); }
    // Title + square plot + axis labels + legend.
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSizeHint() const override { return QSize(240, 80); }
    // Cell classes and values as CSV (x,y,class,value).
    QString toCsv() const;

    // Confidence p of the predicted class among k classes -> how much colour (0..1).
    static double classStrength(double p, int numClasses);
    static QRgb viridis(double t);

signals:
    void drawnChanged(int count);
    void pointClicked(QPointF at, double unitsPerPixel, Qt::KeyboardModifiers modifiers);
    void exportImageRequested(HeatmapWidget* w);
    void exportDataRequested(HeatmapWidget* w);

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void buildImage();
    void paintMeshes(QPainter* p, const std::function<QPointF(double, double)>& map) const;
    void paintArrows(QPainter* p, const std::function<QPointF(double, double)>& map, double length) const;
    void paintCaption(QPainter* p, const QRectF& plot) const;
    void paintCanvas(QPainter* p, const QRectF& plot, const std::function<QPointF(double, double)>& map) const;

    reglab::GridView m_grid;
    bool m_hasGrid = false;
    std::vector<reglab::PointSetView> m_points;
    std::vector<reglab::MeshView> m_meshes;
    QString m_caption;
    bool m_showArrows = true, m_showMesh = false;
    bool m_showVal = true, m_discretize = false;
    bool m_drawing = false;
    bool m_editing = false;
    std::vector<QPointF> m_drawn;
    QPointF m_lastDrawnAt; // widget position of the last point added by a drag
    // Where the last paint put the plot and which domain it showed (for the mouse).
    mutable QRectF m_plotRect;
    mutable double m_domain[4] = {0, 1, 0, 1}; // x0, x1, y0, y1
    void addDrawnPoint(const QPointF& widgetPos);
    QPointF toData(const QPointF& widgetPos) const;
    int64_t m_step = 0;
    QImage m_image;
    double m_vMin = 0.0, m_vMax = 1.0; // plain grids: colour-bar range
};
