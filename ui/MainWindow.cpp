#include "MainWindow.h"

#include "DockShare.h"
#include "NanBanner.h"
#include "ToolBarFit.h"
#include "PresentationMode.h"
#include "charts/ChartPanel.h"
#include "charts/AttentionPicture.h"
#include "charts/HeatmapWidget.h"
#include "charts/WeightCharts.h"
#include "export/ExportMenus.h"
#include "export/WindowCharts.h"
#include "labs/ExportableLab.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonController.h"
#include "panels/DatasetMenu.h"
#include "panels/FieldExit.h"
#include "panels/ParamIntSpinBox.h"
#include "panels/PictureOptions.h"
#include "panels/PointEditBar.h"
#include "session/SessionFiles.h"
#include "BigNotice.h"
#include "export/RunCsvLog.h"
#include "HelpMenu.h"
#include "sweep/SweepMenu.h"
#include "charts/ChartOptionsRow.h"
#include "session/SubStepActions.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"
#include "settings/StartupLab.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QDir>
#include <QVBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

namespace {
// The speed menu: 0 = full speed.
const double kSpeeds[] = {0, 10000, 3000, 1000, 300, 100, 30, 10, 3, 1};
const double kSlowMotionSpeed = 1; // one of kSpeeds
// The data set param, its choice that reads a file, and the param that names the file.
const char* kDatasetParam = DatasetMenu::kParam;

QString speedText(double s)
{
    return s <= 0 ? QObject::tr("Full speed") : QObject::tr("%1 steps/s").arg(QLocale().toString(int(s)));
}
} // namespace

MainWindow::MainWindow(AppSettings* settings, std::unique_ptr<reglab::Lab> lab,
                       const std::vector<reglab::MetricRow>& history, LabFactory factory, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_factory(std::move(factory))
{
    if (!m_factory)
        m_factory = [](const std::string& id) { return reglab::createLab(id); };
    setWindowTitle(tr("RegLab"));
    setObjectName(QStringLiteral("RegLabMainWindow"));
    // A projector in a lit room: everything a size up.
    QFont f = font();
    f.setPointSizeF(std::max(f.pointSizeF(), 11.0));
    setFont(f);

    // The lab: the one given, else the last used one with its saved values.
    const bool given = lab != nullptr;
    const bool firstStart = m_settings->lastLab().isEmpty();
    QString startupMessage;
    if (!lab)
        lab = startupLab(*m_settings, m_factory, &startupMessage);
    // Read once, before the lab moves to the worker thread.
    reglab::LabViews firstViews;
    std::vector<reglab::MetricRow> rows = history;
    int64_t bestStep = -1; // a lab handed over after early stopping fired
    if (lab && lab->finished())
        if (const auto* e = dynamic_cast<const reglab::ExportableLab*>(lab.get()))
            bestStep = e->earlyStopBestStep();
    if (lab) {
        try {
            firstViews = lab->views();
        } catch (const std::exception& e) {
            startupMessage = tr("Drawing the views failed: %1").arg(QString::fromUtf8(e.what()));
        }
        firstViews.step = lab->stepCount();
        if (rows.empty())
            rows.push_back(lab->initialRow());
    }

    m_charts = new ChartPanel(this);
    m_csvLog = std::make_unique<RunCsvLog>();
    m_banner = new NanBanner(this);
    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(4, 4, 4, 4);
    column->setSpacing(6);
    column->addWidget(m_banner);
    setCentralWidget(central);
    m_notice = new BigNotice(central);

    buildActions();
    m_chartOptions = new ChartOptionsRow(m_logAction, m_charts, m_settings, this);
    column->addWidget(m_chartOptions);
    column->addWidget(m_charts->inScrollArea(central), 1);
    buildToolBar();
    buildDocks();
    buildStatusBar();
    m_files = new SessionFiles(this, m_settings, [this] { return m_session.get(); }); // File, then Lessons
    m_files->setHistory([this](size_t maxBytes) { return m_csvLog->text(maxBytes); });
    m_files->menu()->addSeparator();
    m_files->menu()->addActions({m_exportAction, makeWindowScreenshotAction(this)});
    m_files->menu()->addSeparator();
    m_files->menu()->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close); // saves, as closing does
    connect(m_files, &SessionFiles::failed, this, [this](const QString& m) { statusBar()->showMessage(m, 15000); });
    connect(m_files, &SessionFiles::saved, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Saved %1").arg(path), 8000); });
    connect(m_files, &SessionFiles::opened, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Opened %1: replaying it to its last step").arg(path), 8000);
    });
    m_lessons = new LessonController(this, [this] { return m_session.get(); });
    new PresentationMode(this, m_settings); // the View menu: F11, zoom, theme; after every dock exists
    addSweepMenu(this, [this] { return m_session.get(); }); // Run > Sweep...
    new HelpMenu(this); // last in the menu bar
    m_toolBar->addAction(m_lessons->compareAction());
    new ToolBarFit(m_toolBar); // Export and the seed stay on screen in a narrow window
    // The lesson picker greets a first start; later the dock is where the user left it.
    m_lessons->dock()->setVisible(firstStart);

    m_charts->setSmoothing(m_settings->smoothing());
    m_charts->setLogScale(m_settings->logScale());
    m_charts->setSettings(m_settings); // the charts' view choices (header row)

    if (!lab) {
        auto* none = new QLabel(tr("No labs are available in this build."), central);
        none->setAlignment(Qt::AlignCenter);
        column->addWidget(none);
        for (QAction* a : {m_playAction, m_stepAction, m_resetAction, m_exportAction})
            a->setEnabled(false);
    } else {
        m_session = std::make_unique<TrainingSession>(std::move(lab), m_factory);
        m_subSteps->setSession(m_session.get());
        m_session->setSpeed(m_settings->speed());
        applyLab(m_session->lab());
        m_charts->addRows(rows);
        m_csvLog->start(m_session->lab().metrics);
        m_csvLog->add(rows);
        m_charts->addEvents(m_session->lab().events);
        if (bestStep >= 0)
            markBestStep(bestStep, m_session->stepCount());
        onViews(firstViews);
        connectSession();
        if (!given)
            m_seedSpin->setValue(int(std::min<quint64>(m_settings->seed(), 999999)));
        else
            m_seedSpin->setValue(int(std::min<uint64_t>(m_session->lab().seed, 999999)));
    }

    resize(1440, 900);
    if (!given) {
        restoreGeometry(m_settings->windowGeometry());
        m_restoredState = restoreState(m_settings->windowState());
    }
    updateStatus();
    if (!startupMessage.isEmpty())
        statusBar()->showMessage(startupMessage, 15000);
}

MainWindow::~MainWindow()
{
    // The session (and its thread) goes first: no signal may reach half-destroyed widgets.
    m_session.reset();
}

uint64_t MainWindow::seed() const { return uint64_t(std::max(1, m_seedSpin->value())); }

QSlider* MainWindow::smoothingSlider() const { return m_chartOptions->slider(); }

QComboBox* MainWindow::datasetCombo() const { return m_dataset->combo(); }

void MainWindow::setCsvFileChooser(std::function<QString()> choose) { m_dataset->setFileChooser(std::move(choose)); }

void MainWindow::buildActions()
{
    m_playAction = new QAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("Play"), this);
    m_playAction->setShortcut(QKeySequence(Qt::Key_Space));
    m_playAction->setToolTip(tr("Train continuously (Space)"));
    connect(m_playAction, &QAction::triggered, this, [this] {
        if (m_session) {
            m_banner->hide();
            m_session->togglePlay();
        }
    });

    m_stepAction = new QAction(QIcon(QStringLiteral(":/icons/step.svg")), tr("Step"), this);
    m_stepAction->setShortcut(QKeySequence(Qt::Key_S));
    m_stepAction->setToolTip(tr("One training step (S)"));
    connect(m_stepAction, &QAction::triggered, this, [this] {
        if (m_session)
            m_session->step(1);
    });

    m_resetAction = new QAction(QIcon(QStringLiteral(":/icons/reset.svg")), tr("Reset"), this);
    m_resetAction->setShortcut(QKeySequence(Qt::Key_R));
    m_resetAction->setToolTip(tr("New network from the seed, back to step 0 (R)"));
    connect(m_resetAction, &QAction::triggered, this, [this] {
        if (!m_session)
            return;
        m_session->reset(seed());
        statusBar()->showMessage(tr("Reset with seed %1").arg(seed()), 4000);
        m_notice->notify(tr("Reset: step 0, seed %1").arg(seed()));
    });

    m_logAction = new QAction(tr("Log scale (loss)"), this);
    m_logAction->setCheckable(true);
    m_logAction->setChecked(m_settings->logScale());
    m_logAction->setShortcut(QKeySequence(Qt::Key_L));
    m_logAction->setToolTip(tr("Logarithmic y axis on the loss chart (L)"));
    connect(m_logAction, &QAction::toggled, this, [this](bool on) { m_charts->setLogScale(on); });

    m_exportAction = new QAction(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export..."), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Save every chart as PNG, SVG and PDF, and its data as CSV, into a folder (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportAllInteractively);
    addActions({m_playAction, m_stepAction, m_resetAction, m_logAction, m_exportAction});

    m_subSteps = new SubStepActions(this);
    addActions({m_subSteps->stepDAction(), m_subSteps->stepGAction(), m_subSteps->slowMotionAction()});
    connect(m_subSteps, &SubStepActions::paramEdited, this,
            [this](const std::string& id, const reglab::ParamValue& v) { editParams({{id, v}}); });
}

void MainWindow::buildToolBar()
{
    auto* bar = m_toolBar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(26, 26));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto label = [this](const QString& text) {
        auto* l = new QLabel(text, this);
        l->setContentsMargins(8, 0, 4, 0);
        return l;
    };

    m_labCombo = new QComboBox(this);
    m_labCombo->setObjectName(QStringLiteral("labCombo"));
    m_labCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_labCombo->setToolTip(tr("The experiment to run"));
    for (const auto& info : reglab::availableLabs())
        m_labCombo->addItem(QString::fromStdString(info.title), QString::fromStdString(info.id));
    connect(m_labCombo, &QComboBox::activated, this, &MainWindow::onLabChosen);
    bar->addWidget(label(tr("Lab")));
    bar->addWidget(m_labCombo);

    m_dataset = new DatasetMenu(bar, label(tr("Data set")), this,
                                [this]() -> const LabDescription& { return m_session->lab(); });
    connect(m_dataset, &DatasetMenu::edited, this,
            [this](const std::string& id, const reglab::ParamValue& v) { editParams({{id, v}}); });
    bar->addSeparator();

    bar->addAction(m_playAction);
    bar->addAction(m_stepAction);
    bar->addAction(m_subSteps->stepDAction());
    bar->addAction(m_subSteps->stepGAction());
    bar->addAction(m_subSteps->slowMotionAction());
    bar->addAction(m_resetAction);
    bar->addSeparator();

    m_speedCombo = new QComboBox(this);
    m_speedCombo->setObjectName(QStringLiteral("speedCombo"));
    m_speedCombo->setToolTip(tr("Full speed, or slowed down so a class can follow"));
    for (double s : kSpeeds)
        m_speedCombo->addItem(speedText(s), s);
    {
        const double saved = m_settings->speed();
        int best = 0;
        for (int i = 0; i < m_speedCombo->count(); ++i)
            if (std::abs(m_speedCombo->itemData(i).toDouble() - saved)
                < std::abs(m_speedCombo->itemData(best).toDouble() - saved))
                best = i;
        m_speedCombo->setCurrentIndex(best);
    }
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
        const double s = m_speedCombo->itemData(i).toDouble();
        if (m_session)
            m_session->setSpeed(s);
        m_settings->setSpeed(s);
    });
    bar->addWidget(label(tr("Speed")));
    bar->addWidget(m_speedCombo);
    m_subSteps->setSpeedBox(m_speedCombo, kSlowMotionSpeed);

    auto* seedSpin = new ParamIntSpinBox(1, 999999, this);
    connect(seedSpin, &ParamIntSpinBox::clamped, this,
            [this](double, const QString& note) { statusBar()->showMessage(tr("Seed: %1").arg(note), 8000); });
    m_seedSpin = seedSpin;
    m_seedSpin->setObjectName(QStringLiteral("seedSpin"));
    m_seedSpin->setValue(1);
    m_seedSpin->setToolTip(tr("Random seed used by Reset: same seed, same run"));
    bar->addWidget(label(tr("Seed")));
    bar->addWidget(m_seedSpin);
    bar->addSeparator();

    bar->addSeparator();
    bar->addAction(m_exportAction);
    (new FieldExit(this))->guard(bar); // the seed: Enter gives Space, S and R back
}

void MainWindow::buildDocks()
{
    m_params = new ParamPanel(this);
    connect(m_params, &ParamPanel::valuesEdited, this, &MainWindow::onParamsEdited);
    connect(m_params, &ParamPanel::noted, this, [this](const QString& note) { statusBar()->showMessage(note, 8000); });
    m_params->setFoldedGroups(m_settings->foldedGroups());
    m_paramDock = new QDockWidget(tr("Parameters"), this);
    m_paramDock->setObjectName(QStringLiteral("parametersDock"));
    m_paramDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_paramDock->setWidget(m_params);
    m_params->setMinimumWidth(250); // with the pictures' 270 and the charts', fits in 1024 px
    addDockWidget(Qt::LeftDockWidgetArea, m_paramDock);

    m_pictures = new PicturesArea(this);
    m_pictures->setShowNetwork(m_settings->networkPicture());
    connect(m_pictures, &PicturesArea::showNetworkChanged, this, [this](bool on) { m_settings->setNetworkPicture(on); });
    connectPictureOptions();
    m_viewsDock = new QDockWidget(tr("Pictures"), this);
    m_viewsDock->setObjectName(QStringLiteral("picturesDock"));
    m_viewsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_viewsDock->setWidget(m_pictures);
    m_pictures->setMinimumWidth(270);
    addDockWidget(Qt::RightDockWidgetArea, m_viewsDock);
    resizeDocks({m_paramDock, m_viewsDock}, {350, 440}, Qt::Horizontal);
    new DockShare(this, {m_paramDock, m_viewsDock}, {0.24, 0.27}); // their share again when the window grows

    connectExportMenus(this, m_charts, heatmap(), twinHeatmap(), weightCharts());
}

void MainWindow::connectPictureOptions()
{
    PictureOptions* options = m_pictures->options();
    connect(options, &PictureOptions::drawingStarted, this, [this] {
        if (m_session)
            m_session->pause();
    });
    connect(options, &PictureOptions::targetDrawn, this, [this](const QString& path, int count) {
        const reglab::ParamValue target = reglab::ParamValue::ofChoice("drawn"), file{0.0, path.toStdString()};
        editParams({{"target", target}, {"target_file", file}});
        statusBar()->showMessage(tr("Training on your drawing (%n point(s), saved as %1)", "", count).arg(path), 10000);
    });
    connect(options, &PictureOptions::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    PointEditBar* points = options->pointEdit();
    points->setLabSource([this]() -> const LabDescription& { return m_session->lab(); });
    connect(points, &PointEditBar::edited, this, &MainWindow::editParams);
    connect(points, &PointEditBar::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(points, &PointEditBar::exported, this, [this](const QString& path, int count) {
        statusBar()->showMessage(tr("Exported %n point(s) to %1", "", count).arg(path), 10000);
    });
}

void MainWindow::buildStatusBar()
{
    m_labLabel = new QLabel(this);
    m_stepLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_stepLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("Step 10,000,000")) + 10);
    m_rateLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("100,000 steps/s")) + 10);
    QFont bold = m_stepLabel->font();
    bold.setBold(true);
    m_stepLabel->setFont(bold);
    statusBar()->addPermanentWidget(m_labLabel);
    statusBar()->addPermanentWidget(m_stepLabel);
    statusBar()->addPermanentWidget(m_rateLabel);
}

void MainWindow::connectSession()
{
    TrainingSession* s = m_session.get();
    // The lesson first: the window then puts its claim's charts first.
    connect(s, &TrainingSession::runStarted, m_lessons, &LessonController::onRunStarted);
    connect(s, &TrainingSession::runStarted, this, &MainWindow::onRunStarted);
    connect(s, &TrainingSession::metricsArrived, this, &MainWindow::onMetrics);
    connect(s, &TrainingSession::metricsArrived, m_lessons, &LessonController::onMetrics);
    connect(s, &TrainingSession::viewsArrived, this, &MainWindow::onViews);
    connect(s, &TrainingSession::playingChanged, this, &MainWindow::updatePlay);
    connect(s, &TrainingSession::diverged, this, &MainWindow::onDiverged);
    connect(s, &TrainingSession::rolledBack, this, [this](const LabDescription& lab) {
        showValues(lab); // a rollback before the lab's own task switch takes it back
        m_charts->truncateAfter(lab.step);
        weightCharts()->truncateAfter(lab.step);
        m_csvLog->truncateAfter(lab.step);
        statusBar()->showMessage(tr("Rolled back to step %1").arg(QLocale().toString(qlonglong(lab.step))), 6000);
        updateStatus();
    });
    connect(s, &TrainingSession::errorOccurred, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
        // A lab switch that failed leaves the old lab running: show that one again.
        const int i = m_labCombo->findData(QString::fromStdString(m_session->lab().id));
        if (i >= 0)
            m_labCombo->setCurrentIndex(i);
    });
    connect(s, &TrainingSession::paramRejected, this,
            [this](const std::string& id, const reglab::ParamValue& current, const QString& message) {
                m_params->setValue(id, current);
                if (id == kDatasetParam)
                    m_dataset->show(current.text);
                statusBar()->showMessage(message, 10000);
            });
    connect(m_banner, &NanBanner::rollbackRequested, this, [this](qint64) {
        if (m_session)
            m_session->rollback();
    });
}

void MainWindow::showValues(const LabDescription& lab)
{
    // Only what the run changed itself: an edit the user just made may still be on its way.
    for (size_t i = 0; i < lab.params.size() && i < lab.values.size(); ++i)
        if (m_labChanged.count(lab.params[i].id))
            m_params->setValue(lab.params[i].id, lab.values[i]);
}

void MainWindow::applyLab(const LabDescription& lab)
{
    m_labChanged.clear();
    m_params->setLab(lab);
    const QString id = QString::fromStdString(lab.id);
    int i = m_labCombo->findData(id);
    if (i < 0) {
        m_labCombo->addItem(QString::fromStdString(lab.title), id);
        i = m_labCombo->count() - 1;
    }
    m_labCombo->setCurrentIndex(i);
    m_labCombo->setToolTip(QString::fromStdString(lab.description));

    m_dataset->setLab(lab);
    m_charts->setMetrics(lab.metrics);
    m_charts->setLogScale(m_logAction->isChecked());
    m_subSteps->syncWith(lab);
    m_pictures->options()->setLab(lab);
    setWindowTitle(tr("RegLab: %1").arg(QString::fromStdString(lab.title)));
}

void MainWindow::onRunStarted(const LabDescription& lab, bool labReplaced)
{
    if (labReplaced) {
        applyLab(lab);
        statusBar()->showMessage(tr("Lab: %1").arg(QString::fromStdString(lab.title)), 4000);
    } else {
        m_charts->setMetrics(lab.metrics); // rebuilt when the metrics changed, else cleared
        showValues(lab); // a reset undoes the lab's own changes (continual's task switch)
    }
    m_charts->addRows({lab.initialRow});
    m_charts->addEvents(lab.events);
    m_csvLog->start(lab.metrics);
    m_csvLog->add({lab.initialRow});
    weightCharts()->startRun(m_session->runId());
    m_charts->setFirstMetrics(m_lessons->claimMetrics()); // a lesson's claim in view
    m_markedBestStep = -1;
    m_finishedHint.clear();
    updatePlay(m_session->isPlaying());
    m_banner->hide();
    updateStatus();
}

void MainWindow::onMetrics(const MetricBatch& batch)
{
    m_charts->addRows(batch.rows);
    m_csvLog->add(batch.rows);
    m_charts->addEvents(batch.events);
    QStringList scheduled;
    for (const MetricBatch::ParamUpdate& u : batch.scheduled) {
        m_params->setValue(u.id, u.value); // a lesson's scheduled change, shown as if typed
        m_labChanged.insert(u.id);         // not the user's: a reset shows the lab's value again
        for (const reglab::ParamEvent& e : batch.events)
            if (e.param == u.id && !e.byLab) // the lab's own switch is marked on the charts, not announced
                scheduled << tr("step %1: %2").arg(QLocale().toString(qlonglong(e.step)), QString::fromStdString(e.label));
    }
    if (!scheduled.isEmpty())
        m_notice->notify(scheduled.join(QLatin1Char('\n')));
    const QString hint = !batch.finished ? QString()
        : batch.bestStep >= 0 ? tr("Early stopping finished at step %1: Reset to train again, or switch early stopping off "
                                   "to continue")
                                    .arg(QLocale().toString(qlonglong(batch.step)))
                              : tr("This run finished at step %1: Reset to train again")
                                    .arg(QLocale().toString(qlonglong(batch.step)));
    if (hint != m_finishedHint) {
        m_finishedHint = hint;
        updatePlay(m_session->isPlaying());
    }
    if (batch.finished && batch.bestStep >= 0 && batch.bestStep != m_markedBestStep)
        markBestStep(batch.bestStep, batch.step);
    else if (batch.finished && !batch.playing) {
        statusBar()->showMessage(tr("Training finished at step %1").arg(QLocale().toString(qlonglong(batch.step))), 8000);
    }
    updateStatus();
}

void MainWindow::markBestStep(int64_t bestStep, int64_t step)
{
    // Early stopping: mark the step whose weights are now in the network.
    m_markedBestStep = bestStep;
    reglab::ParamEvent best;
    best.step = bestStep;
    best.label = tr("best val loss: weights restored").toStdString();
    m_charts->addEvents({best});
    statusBar()->showMessage(tr("Early stopping at step %1: the weights of step %2 (lowest validation loss) are "
                                "restored. Reset to train again, or switch early stopping off to continue.")
                                 .arg(QLocale().toString(qlonglong(step)), QLocale().toString(qlonglong(bestStep))),
                             15000);
}

void MainWindow::onViews(const reglab::LabViews& views)
{
    if (m_pictures->setViews(views, m_session->runId()) && m_shown) {
        // The dock takes half the window while the twin is shown, and gives it back after.
        resizeDocks({m_viewsDock}, {m_pictures->preferredWidth(width())}, Qt::Horizontal);
        QTimer::singleShot(0, this, [this] { m_pictures->fit(); });
    }
}

void MainWindow::editParams(const ParamPanel::Changes& changes)
{
    for (const auto& [id, v] : changes)
        m_params->setValue(id, v);
    onParamsEdited(changes);
}

void MainWindow::onParamsEdited(const ParamPanel::Changes& edits)
{
    if (!m_session)
        return;
    ParamPanel::Changes changes = edits;
    if (QString message; m_dataset->resolveCsvChoice(m_session->lab(), changes, m_params, &message) && !message.isEmpty())
        statusBar()->showMessage(message, 8000);
    QStringList restartedBy;
    for (const auto& [id, value] : changes) {
        const LabDescription& lab = m_session->lab();
        const int i = lab.paramIndex(id);
        if (i < 0)
            continue;
        const reglab::ParamSpec spec = lab.params[size_t(i)];
        const reglab::ParamValue old = lab.values[size_t(i)];
        if (old == value && value == lab.asked[size_t(i)]) // choosing what the lab switched to makes it asked
            continue;
        const QString err = m_session->set(id, value);
        if (!err.isEmpty()) {
            m_params->setValue(id, old);
            statusBar()->showMessage(err, 10000);
            continue;
        }
        if (id == kDatasetParam)
            m_dataset->show(value.text);
        if (!spec.live)
            restartedBy << QString::fromStdString(spec.label + " " + spec.format(old) + " \u2192 " + spec.format(value));
    }
    if (!restartedBy.isEmpty()) {
        m_session->reset(seed());
        statusBar()->showMessage(tr("Network changed: reset (%1)").arg(restartedBy.join(QStringLiteral(", "))), 8000);
        m_notice->notify(tr("Reset: %1").arg(restartedBy.join(QStringLiteral(", "))));
    }
}

void MainWindow::onDiverged(const QString& message, qint64 step, qint64 rollbackStep)
{
    m_banner->showDivergence(message, step, rollbackStep);
    statusBar()->showMessage(tr("Training diverged at step %1: paused").arg(QLocale().toString(step)), 10000);
    updateStatus();
}

void MainWindow::onLabChosen(int index)
{
    if (!m_session)
        return;
    const std::string id = m_labCombo->itemData(index).toString().toStdString();
    if (id == m_session->lab().id)
        return;
    saveSettings(); // the current lab's values, for when the user comes back
    m_session->replaceLab(id, seed(), m_settings->paramValues(QString::fromStdString(id)));
    statusBar()->showMessage(tr("Loading %1...").arg(m_labCombo->itemText(index)), 4000);
}

void MainWindow::updatePlay(bool playing)
{
    m_playAction->setText(playing ? tr("Pause") : tr("Play"));
    m_playAction->setIcon(QIcon(playing ? QStringLiteral(":/icons/pause.svg") : QStringLiteral(":/icons/play.svg")));
    m_playAction->setToolTip(playing                     ? tr("Pause training (Space)")
                             : m_finishedHint.isEmpty() ? tr("Train continuously (Space)")
                                                        : m_finishedHint + tr(" (Space)"));
    updateStatus();
}

void MainWindow::updateStatus()
{
    if (!m_session) {
        m_stepLabel->setText(tr("No lab"));
        return;
    }
    const QLocale loc;
    m_stepLabel->setText(tr("Step %1").arg(loc.toString(qlonglong(m_session->stepCount()))));
    if (m_session->isPlaying())
        m_rateLabel->setText(tr("%1 steps/s").arg(loc.toString(qlonglong(std::llround(m_session->stepsPerSecond())))));
    else
        m_rateLabel->setText(tr("paused"));
    m_labLabel->setText(tr("seed %1").arg(m_session->lab().seed));
}

void MainWindow::refreshNow() { m_charts->refreshNow(); }

void MainWindow::saveSettings()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSpeed(m_speedCombo->currentData().toDouble());
    m_settings->setLogScale(m_logAction->isChecked());
    m_settings->setSmoothing(m_chartOptions->slider()->value() / 1000.0);
    m_settings->setSeed(seed());
    m_settings->setFoldedGroups(m_params->foldedGroups());
    if (m_session) {
        const LabDescription& lab = m_session->lab();
        AppSettings::ParamValues values;
        for (size_t i = 0; i < lab.params.size() && i < lab.asked.size(); ++i) // the next launch starts afresh
            values.emplace_back(lab.params[i].id, lab.params[i].toText(lab.asked[i]));
        m_settings->setLastLab(QString::fromStdString(lab.id));
        m_settings->setParamValues(QString::fromStdString(lab.id), values);
    }
    m_settings->sync();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_shown)
        return;
    m_shown = true;
    // The boundary picture is square: give it what it needs and the histogram the rest,
    // once the docks have their first real size.
    QTimer::singleShot(0, this, [this] {
        // Docks in proportion to the window (the settings' saved state wins when there is one).
        if (m_settings->windowState().isEmpty() || !m_restoredState)
            resizeDocks({m_paramDock, m_viewsDock}, {std::max(300, width() * 24 / 100), m_pictures->preferredWidth(width())},
                        Qt::Horizontal);
        // Next turn: the docks' new widths must be laid out before the heights follow them.
        QTimer::singleShot(0, this, [this] { m_pictures->fit(); });
    });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

QString MainWindow::exportAll(const QString& dir)
{
    refreshNow();
    if (QString err = exportWindowCharts(dir, *m_charts, *m_pictures, *weightCharts()); !err.isEmpty())
        return err;
    return m_csvLog->saveTo(QDir(dir).filePath(QStringLiteral("metrics.csv"))); // every row, twin's included
}

void MainWindow::exportAllInteractively()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export all charts into"));
    if (dir.isEmpty())
        return;
    const QString err = exportAll(dir);
    if (!err.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), err);
    else
        statusBar()->showMessage(tr("Charts exported to %1").arg(QDir::toNativeSeparators(dir)), 8000);
}
