#include "panels/PointEditBar.h"

#include "charts/ChartPalette.h"
#include "charts/HeatmapWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace {

constexpr const char* kPointsParam = "drawn_points";
constexpr const char* kDatasetParam = "dataset";
constexpr double kDeleteRadiusPx = 12.0;

std::string valueOf(const std::function<const LabDescription&()>& source, const std::string& id)
{
    if (!source)
        return {};
    const LabDescription& lab = source();
    const int i = lab.paramIndex(id);
    return i < 0 ? std::string() : lab.values[size_t(i)].text;
}

// The picture's points as sets "train" and "val", as the lab draws them.
std::vector<reglab::PointSetView> pointSets(const std::vector<reglab::LabelledPoint>& points)
{
    reglab::PointSetView train{"train", "train", {}, {}, {}, {}, {}, false, {}};
    reglab::PointSetView val{"val", "validation", {}, {}, {}, {}, {}, false, {}};
    for (const auto& p : points) {
        reglab::PointSetView& s = p.val ? val : train;
        s.x.push_back(p.x);
        s.y.push_back(p.y);
        s.label.push_back(p.label);
    }
    return {train, val};
}

} // namespace

PointEditBar::PointEditBar(HeatmapWidget* picture, QWidget* parent) : QWidget(parent), m_picture(picture)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_class = new QComboBox(this);
    m_class->setObjectName(QStringLiteral("newPointClass"));
    m_class->setToolTip(tr("The class of a point added by a click on the boundary picture; shift-click adds one of "
                           "the next class, ctrl-click deletes the nearest point"));
    m_class->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_asVal = new QCheckBox(tr("validation"), this);
    m_asVal->setObjectName(QStringLiteral("newPointValidation"));
    m_asVal->setToolTip(tr("Added points measure generalisation (validation diamonds) instead of training the network"));
    m_export = new QPushButton(tr("CSV..."), this);
    m_export->setObjectName(QStringLiteral("exportPointsButton"));
    m_export->setToolTip(tr("Export the data points as CSV (x1,x2,label): for a spreadsheet, or as the data set 'csv'"));
    connect(m_export, &QPushButton::clicked, this, &PointEditBar::chooseExportFile);
    auto* hint = new QLabel(tr("Click adds"), this);
    hint->setToolTip(tr("Click the boundary picture: a point of this class; shift-click: of the next class; "
                        "ctrl-click: delete the nearest point. The network trains on with them."));
    row->addWidget(hint);
    row->addWidget(m_class);
    row->addWidget(m_asVal);
    row->addStretch(1);
    row->addWidget(m_export);
    connect(m_picture, &HeatmapWidget::pointClicked, this, &PointEditBar::click);
    setVisible(false);
}

void PointEditBar::setLab(const LabDescription& lab)
{
    m_enabled = lab.findParam(kPointsParam) != nullptr;
    m_picture->setEditingPoints(m_enabled);
    setVisible(m_enabled);
    if (!m_enabled)
        return;
    // The classes the running network has (at least two: a drawn set may start empty).
    int classes = 2;
    for (const auto& p : currentPoints())
        classes = std::max(classes, p.label + 1);
    const int keep = m_class->currentIndex();
    m_class->clear();
    for (int c = 0; c < classes; ++c) {
        QPixmap swatch(12, 12);
        swatch.fill(ChartPalette::classColor(c));
        m_class->addItem(QIcon(swatch), tr("class %1").arg(c), c);
    }
    m_class->setCurrentIndex(std::clamp(keep, 0, classes - 1));
}

void PointEditBar::setEditable(bool on)
{
    m_picture->setEditingPoints(m_enabled && on);
    setVisible(m_enabled && on);
}

std::vector<reglab::LabelledPoint> PointEditBar::currentPoints() const
{
    if (valueOf(m_lab, kDatasetParam) == "drawn") {
        if (auto points = reglab::parseLabelledPoints(valueOf(m_lab, kPointsParam), nullptr))
            return *points;
        return {};
    }
    std::vector<reglab::LabelledPoint> out;
    for (const char* id : {"train", "val"})
        for (const auto& set : m_picture->points())
            if (set.id == id && !set.perRun)
                for (size_t i = 0; i < set.x.size() && i < set.y.size() && i < set.label.size(); ++i)
                    out.push_back({set.x[i], set.y[i], set.label[i], set.id == "val"});
    return out;
}

void PointEditBar::click(QPointF at, double unitsPerPixel, Qt::KeyboardModifiers modifiers)
{
    if (!m_enabled)
        return;
    std::vector<reglab::LabelledPoint> points = currentPoints();
    if (modifiers & Qt::ControlModifier) {
        // The nearest point the user can see, within a few pixels.
        const bool valShown = m_picture->showValidation();
        double best = kDeleteRadiusPx * unitsPerPixel;
        int hit = -1;
        for (size_t i = 0; i < points.size(); ++i) {
            if (points[i].val && !valShown)
                continue;
            const double d = std::hypot(points[i].x - at.x(), points[i].y - at.y());
            if (d <= best) {
                best = d;
                hit = int(i);
            }
        }
        if (hit < 0)
            return;
        points.erase(points.begin() + hit);
    } else {
        if (int(points.size()) >= reglab::kMaxLabelledPoints) {
            emit failed(tr("At most %1 points can be drawn").arg(reglab::kMaxLabelledPoints));
            return;
        }
        const int classes = std::max(1, m_class->count());
        int label = std::max(0, m_class->currentData().toInt());
        if (modifiers & Qt::ShiftModifier)
            label = (label + 1) % classes;
        points.push_back({float(at.x()), float(at.y()), label, m_asVal->isChecked()});
    }
    Changes changes{{kPointsParam, reglab::ParamValue::ofChoice(reglab::formatLabelledPoints(points))}};
    if (valueOf(m_lab, kDatasetParam) != "drawn")
        changes.emplace_back(kDatasetParam, reglab::ParamValue::ofChoice("drawn"));
    emit edited(changes);
    // Seen at once, also while paused: the lab shows them from its next view on.
    if (valueOf(m_lab, kPointsParam) == changes.front().second.text)
        m_picture->setPoints(pointSets(points));
}

QString PointEditBar::exportCsv(const QString& path) const
{
    const std::vector<reglab::LabelledPoint> points = currentPoints();
    if (points.empty())
        return tr("There are no points to export");
    QSaveFile file(path);
    const std::string csv = reglab::labelledPointsCsv(points);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv.data(), qint64(csv.size())) != qint64(csv.size())
        || !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

void PointEditBar::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export points"), QStringLiteral("points.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const QString err = exportCsv(path); !err.isEmpty())
        emit failed(err);
    else
        emit exported(path, int(currentPoints().size()));
}
