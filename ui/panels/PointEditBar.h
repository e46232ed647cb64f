#pragma once
// Editing the data on the boundary picture (ConvNetJS classify2d), for labs with a
// `drawn_points` param: click adds a point of the chosen class, shift-click one of the next
// class, ctrl-click deletes the nearest point. The first edit of a toy set starts from its
// points and switches the data set to 'drawn' (the run starts again on them); later edits
// join the running data set live, logged as events. The points can be exported as CSV.
#include "data/LabelledPoints.h"
#include "session/SessionData.h"

#include <QPointF>
#include <QWidget>

#include <functional>
#include <string>
#include <utility>
#include <vector>

class HeatmapWidget;
class QCheckBox;
class QComboBox;
class QPushButton;

class PointEditBar : public QWidget {
    Q_OBJECT
public:
    using Changes = std::vector<std::pair<std::string, reglab::ParamValue>>;
    explicit PointEditBar(HeatmapWidget* picture, QWidget* parent = nullptr);
    // Where the lab's current values are read (the GUI's copy, updated as edits are sent).
    void setLabSource(std::function<const LabDescription&()> lab) { m_lab = std::move(lab); }

    // The lab changed: shown (and the picture editable) when it has drawn_points.
    void setLab(const LabDescription& lab);
    // Off while the picture shows values (a regression's targets), which clicks of a class
    // cannot add to.
    void setEditable(bool on);
    // What a click at `at` with `modifiers` does; `unitsPerPixel` sets how near a deleted
    // point must be (a few pixels).
    void click(QPointF at, double unitsPerPixel, Qt::KeyboardModifiers modifiers);
    // The data as the user sees it: the drawn points, or the toy set's before the first edit.
    std::vector<reglab::LabelledPoint> currentPoints() const;
    // Writes currentPoints() as CSV (x1,x2,label), atomically. "" or one sentence.
    QString exportCsv(const QString& path) const;
    QComboBox* classCombo() const { return m_class; }
    QCheckBox* validationCheck() const { return m_asVal; }

signals:
    void edited(const PointEditBar::Changes& changes);
    void failed(const QString& message);
    void exported(const QString& path, int count);

private:
    void chooseExportFile();

    HeatmapWidget* m_picture;
    std::function<const LabDescription&()> m_lab;
    QComboBox* m_class = nullptr;
    QCheckBox* m_asVal = nullptr;
    QPushButton* m_export = nullptr;
    bool m_enabled = false;
};
