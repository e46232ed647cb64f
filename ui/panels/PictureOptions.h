#pragma once
// The row above the pictures: what a picture may draw over itself (GAN: the generator's
// arrows, its warped noise grid), and drawing a target by hand (GAN Lab's "draw your own
// distribution"). Each control shows only where the lab's views or params have a use for it.
#include "session/SessionData.h"

#include <QWidget>

class HeatmapWidget;
class PointEditBar;
class QCheckBox;
class QPushButton;

class PictureOptions : public QWidget {
    Q_OBJECT
public:
    PictureOptions(HeatmapWidget* main, HeatmapWidget* twin, QWidget* parent = nullptr);

    // The lab changed: drawing is offered when its "target" param has the choice "drawn".
    void setLab(const LabDescription& lab);
    // New views arrived: the overlay switches follow what the main picture carries.
    void viewsChanged();
    void cancelDrawing();
    // Clicks on the boundary that edit the data (labs with drawn_points).
    PointEditBar* pointEdit() const { return m_pointEdit; }

signals:
    void drawingStarted();
    // The user pressed "Use": the drawing is saved (atomically) as a CSV of points in the
    // app's data folder, at `path`, for the lab's target_file.
    void targetDrawn(const QString& path, int count);
    void failed(const QString& message);

private:
    void setDrawing(bool on);
    void updateVisibility();
    void saveDrawing();

    HeatmapWidget* m_main;
    HeatmapWidget* m_twin;
    QCheckBox* m_arrows = nullptr;
    QCheckBox* m_mesh = nullptr;
    QCheckBox* m_validation = nullptr; // class boundaries: Playground's "Show test data"
    QCheckBox* m_discretize = nullptr; // and "Discretize output"
    QPushButton* m_draw = nullptr;
    QPushButton* m_use = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_cancel = nullptr;
    PointEditBar* m_pointEdit = nullptr;
    bool m_canDraw = false;
};
