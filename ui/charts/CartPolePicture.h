#pragma once
// A cart-pole episode (reglab::CartPoleView: the `dqn` lab's greedy policy) played in time:
// the track with the cart's limits, the cart with an arrow for its push, the pole, the
// wedge of angles it may lean before the episode ends, and the path of the pole's tip.
// Below, the whole episode as two curves scaled to their limits (cart position / 2.4 m,
// pole angle / 12 degrees; the episode ends where one leaves [-1, 1]) with a cursor at the
// frame shown, so a still picture (an export, a screenshot) tells the episode too.
// The frames advance in real time (0.02 s each) while the picture is shown, then loop.
#include "labs/LabViews.h"

#include <QWidget>

class QTimer;

class CartPolePicture : public QWidget {
    Q_OBJECT
public:
    explicit CartPolePicture(QWidget* parent = nullptr);

    // view may be null (no episode: the picture says so). The frame shown stays where it
    // was (clamped), so a policy that changes several times a second still plays on.
    void setView(const reglab::CartPoleView* view, int64_t step);
    bool hasEpisode() const { return !m_view.x.empty(); }
    const reglab::CartPoleView& view() const { return m_view; }
    QString title() const;
    int frame() const { return m_frame; }
    void setFrame(int frame);
    bool playing() const;

    // Where things sit for a target rectangle: the scene (track, cart, pole) and the strip
    // of curves; the cart's rectangle and the pole's tip at the frame shown.
    QRectF sceneRect(const QRectF& target) const;
    QRectF stripRect(const QRectF& target) const;
    QRectF cartRect(const QRectF& target) const;
    QPointF poleTip(const QRectF& target) const;

    // "step,x,theta,action" and one row per frame.
    QString toCsv() const;

    void paintTo(QPainter* p, const QRectF& target) const;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return QSize(560, 360); }
    QSize minimumSizeHint() const override { return QSize(260, 200); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override; // export or copy the picture
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct Scene {
        QRectF area;
        double scale = 1; // pixels per metre
        double trackY = 0, centreX = 0;
        QPointF at(double x, double heightM) const { return {centreX + x * scale, trackY - heightM * scale}; }
    };
    Scene sceneIn(const QRectF& target) const;
    void paintScene(QPainter* p, const Scene& s) const;
    void paintStrip(QPainter* p, const QRectF& r) const;
    void advance();

    reglab::CartPoleView m_view;
    int64_t m_step = 0;
    int m_frame = 0;
    int m_hold = 0; // ticks left at the last frame before the loop starts again
    QTimer* m_timer = nullptr;
};
