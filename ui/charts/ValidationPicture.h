#pragma once
// The picture for data that is not a plane (digits, a CSV of other than 2 features): a
// grid of validation images each with its predicted and true class (wrong ones marked
// red), when the data are images, above the validation confusion matrix (rows the true
// class, columns the predicted one, counts written in the cells).
#include "labs/LabViews.h"

#include <QWidget>

class ValidationPicture : public QWidget {
    Q_OBJECT
public:
    explicit ValidationPicture(QWidget* parent = nullptr);

    // Either may be null.
    void setViews(const reglab::ImagesView* images, const reglab::GridView* confusion, int64_t step);
    bool hasPicture() const { return hasImages() || hasMatrix(); }
    bool hasImages() const { return m_images.count() > 0; }
    bool hasMatrix() const { return m_confusion.width > 0; }

    void paintTo(QPainter* p, const QRectF& target) const;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return QSize(420, 520); }
    QSize minimumSizeHint() const override { return QSize(240, 160); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override; // export or copy the picture

private:
    void paintImages(QPainter* p, const QRectF& area) const;
    void paintMatrix(QPainter* p, const QRectF& area) const;

    reglab::ImagesView m_images;
    reglab::GridView m_confusion;
    int64_t m_step = 0;
};
