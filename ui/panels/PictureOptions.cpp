#include "panels/PictureOptions.h"

#include "charts/HeatmapWidget.h"
#include "data/CsvPoints.h"
#include "panels/PointEditBar.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>

#include <algorithm>

PictureOptions::PictureOptions(HeatmapWidget* main, HeatmapWidget* twin, QWidget* parent)
    : QWidget(parent), m_main(main), m_twin(twin)
{
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(8, 0, 8, 0);
    rows->setSpacing(2);
    auto* row = new QHBoxLayout;
    rows->addLayout(row);
    m_arrows = new QCheckBox(tr("Arrows"), this);
    m_arrows->setObjectName(QStringLiteral("arrowsCheck"));
    m_arrows->setChecked(true);
    m_arrows->setToolTip(tr("On each generated sample, the way the generator's next update pushes it (minus the "
                            "gradient of its loss); longer where the push is stronger"));
    m_mesh = new QCheckBox(tr("Noise grid"), this);
    m_mesh->setObjectName(QStringLiteral("meshCheck"));
    m_mesh->setToolTip(tr("A square grid of the generator's noise input, drawn where the generator maps it: how it "
                          "stretches and folds its input onto the target"));
    for (QCheckBox* c : {m_arrows, m_mesh})
        connect(c, &QCheckBox::toggled, this, [this] {
            for (HeatmapWidget* h : {m_main, m_twin}) {
                h->setShowArrows(m_arrows->isChecked());
                h->setShowMesh(m_mesh->isChecked());
            }
        });
    m_validation = new QCheckBox(tr("Validation data"), this);
    m_validation->setObjectName(QStringLiteral("validationCheck"));
    m_validation->setChecked(true);
    m_validation->setToolTip(tr("Draw the validation points (diamonds) over the picture, or only the training points"));
    m_discretize = new QCheckBox(tr("Discretize"), this);
    m_discretize->setObjectName(QStringLiteral("discretizeCheck"));
    m_discretize->setToolTip(tr("Each cell in its predicted class's colour, without the shading that shows how sure "
                                "the network is"));
    for (QCheckBox* c : {m_validation, m_discretize})
        connect(c, &QCheckBox::toggled, this, [this] {
            for (HeatmapWidget* h : {m_main, m_twin}) {
                h->setShowValidation(m_validation->isChecked());
                h->setDiscretize(m_discretize->isChecked());
            }
        });
    m_draw = new QPushButton(tr("Draw target..."), this);
    m_draw->setObjectName(QStringLiteral("drawTargetButton"));
    m_draw->setToolTip(tr("Draw the distribution the generator must learn: click and drag on the picture, then Use"));
    connect(m_draw, &QPushButton::clicked, this, [this] {
        setDrawing(true);
        emit drawingStarted();
    });
    m_use = new QPushButton(tr("Use"), this);
    m_use->setObjectName(QStringLiteral("useDrawingButton"));
    m_use->setToolTip(tr("Train on the drawn points (target 'drawn'; the run starts again)"));
    m_use->setEnabled(false);
    connect(m_use, &QPushButton::clicked, this, &PictureOptions::saveDrawing);
    m_clear = new QPushButton(tr("Clear"), this);
    connect(m_clear, &QPushButton::clicked, m_main, &HeatmapWidget::clearDrawn);
    m_cancel = new QPushButton(tr("Cancel"), this);
    connect(m_cancel, &QPushButton::clicked, this, &PictureOptions::cancelDrawing);
    connect(m_main, &HeatmapWidget::drawnChanged, this, [this](int n) { m_use->setEnabled(n > 0); });

    auto* show = new QLabel(tr("Show:"), this);
    show->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // first to go in a narrow dock
    row->addWidget(show);
    row->addWidget(m_arrows);
    row->addWidget(m_mesh);
    row->addWidget(m_validation);
    row->addWidget(m_discretize);
    row->addStretch(1);
    m_pointEdit = new PointEditBar(main, this); // its own row: the first is full at the dock's width
    rows->addWidget(m_pointEdit);
    for (QPushButton* b : {m_draw, m_use, m_clear, m_cancel})
        row->addWidget(b);
    setDrawing(false);
}

void PictureOptions::setLab(const LabDescription& lab)
{
    const reglab::ParamSpec* target = lab.findParam("target");
    m_canDraw = target && std::find(target->choices.begin(), target->choices.end(), "drawn") != target->choices.end()
        && lab.findParam("target_file");
    if (!m_canDraw)
        cancelDrawing();
    m_pointEdit->setLab(lab);
    updateVisibility();
}

void PictureOptions::saveDrawing()
{
    // What `reglab run gan --set target=drawn --set target_file=...` reads too.
    const std::vector<QPointF>& points = m_main->drawnPoints();
    reglab::MatF m(reglab::Index(points.size()), 2);
    for (size_t i = 0; i < points.size(); ++i) {
        m(reglab::Index(i), 0) = float(points[i].x());
        m(reglab::Index(i), 1) = float(points[i].y());
    }
    setDrawing(false);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drawn");
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/target-%1.csv")
                                   .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss-zzz")));
    std::string why;
    if (!reglab::writeCsvPoints(m, path.toStdString(), &why))
        emit failed(tr("Cannot keep the drawing: %1").arg(QString::fromStdString(why)));
    else
        emit targetDrawn(path, int(m.rows()));
}

void PictureOptions::viewsChanged() { updateVisibility(); }

void PictureOptions::cancelDrawing()
{
    if (m_main->isDrawing())
        setDrawing(false);
}

void PictureOptions::setDrawing(bool on)
{
    if (on)
        m_main->clearDrawn();
    m_main->setDrawing(on);
    updateVisibility();
}

void PictureOptions::updateVisibility()
{
    const bool drawing = m_main->isDrawing();
    m_arrows->setVisible(!drawing && m_main->hasArrows());
    m_mesh->setVisible(!drawing && m_main->hasMesh());
    const bool boundary = m_main->isClassBoundary(), values = m_main->isValueMap();
    m_validation->setVisible(boundary || values);
    m_discretize->setVisible(boundary);
    m_draw->setVisible(m_canDraw && !drawing);
    m_pointEdit->setEditable(!values);
    for (QPushButton* b : {m_use, m_clear, m_cancel})
        b->setVisible(drawing);
    setVisible(m_canDraw || m_main->hasArrows() || m_main->hasMesh() || boundary || values
               || m_pointEdit->isVisibleTo(this));
}
