#pragma once
// TensorFlow Playground's network view: the inputs, every hidden unit and the outputs as
// small maps over the input plane, in one column per layer, joined by links whose width
// follows |w| and whose colour its sign (blue positive, orange negative). Dead units (0 for
// every validation input) are greyed. Hovering a node shows its map enlarged.
#include "labs/LabViews.h"

#include <QImage>
#include <QWidget>

#include <vector>

class NetworkPicture : public QWidget {
    Q_OBJECT
public:
    explicit NetworkPicture(QWidget* parent = nullptr);

    // view may be null (no network: the picture says so).
    void setView(const reglab::NetworkView* view, int64_t step);
    bool hasNetwork() const { return !m_view.layers.empty(); }
    const reglab::NetworkView& view() const { return m_view; }

    // Where the node `node` of column `layer` sits in the widget (for the last size painted
    // at; empty when there is no such node).
    QRectF nodeRect(int layer, int node) const;
    // The node under the mouse, layer and node index; {-1, -1} when none.
    std::pair<int, int> hovered() const { return m_hover; }

    void paintTo(QPainter* p, const QRectF& target) const;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return QSize(420, 440); }
    QSize minimumSizeHint() const override { return QSize(240, 160); }

    // Playground's colours: value / scale in [-1, 1] from orange through white to blue.
    static QRgb divergingColor(double t);

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override; // export or copy the picture
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    struct Layout {
        double node = 0; // side of a node's square
        std::vector<std::vector<QRectF>> rects; // [layer][node]
    };
    Layout layoutIn(const QRectF& target) const;
    void paintLinks(QPainter* p, const Layout& l) const;
    void paintEnlarged(QPainter* p, const QRectF& target, const QRectF& at) const;

    reglab::NetworkView m_view;
    std::vector<std::vector<QImage>> m_images; // [layer][node]
    int64_t m_step = 0;
    std::pair<int, int> m_hover{-1, -1};
};
