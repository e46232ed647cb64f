#pragma once
// The attention lab's picture: for one validation sequence, each head's attention matrix
// (query rows x key columns, the tokens written along both axes; bright = much weight), the
// run's prediction, and a layer x head table of mean attention entropies. A twin run's maps
// sit beside the main run's. The user picks the sequence and one head (or all heads).
// Fed with the grids of LabViews whose ids are "attention/<sequence>/<head>" and
// "head_entropy" (twin copies prefixed "twin_").
#include "labs/LabViews.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QSpinBox;

class AttentionPicture : public QWidget {
    Q_OBJECT
public:
    explicit AttentionPicture(QWidget* parent = nullptr);

    // Takes the attention grids of views (other grids are ignored).
    void setViews(const reglab::LabViews& views);
    bool hasMaps() const { return !m_main.maps.empty(); }
    bool hasTwin() const { return !m_twin.maps.empty(); }
    int sequenceCount() const { return m_sequences; }
    int headCount() const { return m_heads; }
    // 0-based; the head -1 shows every head.
    void select(int sequence, int head);
    int sequence() const;
    int head() const;

    void paintTo(QPainter* p, const QRectF& target) const;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return QSize(420, 460); }

private:
    struct Run {
        std::vector<std::vector<reglab::GridView>> maps; // [sequence][head]
        reglab::GridView entropy;
        QString label;
    };
    void paintEvent(QPaintEvent*) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    // One run's maps for the current sequence in `area`; returns the height used.
    double paintRun(QPainter* p, const Run& run, const QRectF& area) const;
    void paintMap(QPainter* p, const reglab::GridView& g, const QRectF& cellArea, bool labels) const;
    void paintEntropy(QPainter* p, const reglab::GridView& g, const QRectF& area) const;
    void updateControls();
    void saveImage();

    Run m_main, m_twin;
    int m_sequences = 0, m_heads = 0;
    int64_t m_step = 0;
    QSpinBox* m_sequenceBox = nullptr;
    QComboBox* m_headBox = nullptr;
    QWidget* m_controls = nullptr;
};
