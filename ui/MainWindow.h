#pragma once
// The RegLab window: toolbar (lab, data set, play/step/reset, speed, seed, chart options,
// export), parameter panel (left dock, built from the lab's ParamSpecs), curve charts
// (centre, built from its MetricSpecs), decision boundary + weight charts (right dock).
// It talks to the lab only through a TrainingSession.
#include "charts/PicturesArea.h"
#include "charts/WeightCharts.h"
#include "panels/ParamPanel.h"
#include "session/SessionData.h"
#include "session/TrainingWorker.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <set>
#include <vector>

class AppSettings;
class ChartPanel;
class DistributionChart;
class AttentionPicture;
class HeatmapWidget;
class HistogramChart;
class NanBanner;
class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QSlider;
class QSpinBox;
class QToolBar;
class LessonController;
class SessionFiles;
class BigNotice;
class RunCsvLog;
class ChartOptionsRow;
class TrainingSession;
class SubStepActions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // settings: not owned, must outlive the window; window layout, speed, chart options and
    // seed are restored from it.
    // lab == nullptr: the last used lab (else the first registered one) with its saved
    //   parameter values, reset with the saved seed.
    // lab != nullptr: that lab as it is (already reset, or trained: `history` then holds
    //   its metric rows so far, initial row first); its views are drawn once right away.
    // factory: makes labs when the user switches lab (default reglab::createLab).
    explicit MainWindow(AppSettings* settings, std::unique_ptr<reglab::Lab> lab = nullptr,
                        const std::vector<reglab::MetricRow>& history = {}, LabFactory factory = {},
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingSession* session() const { return m_session.get(); } // null when no lab exists
    ParamPanel* paramPanel() const { return m_params; }
    ChartPanel* chartPanel() const { return m_charts; }
    PicturesArea* pictures() const { return m_pictures; }
    HeatmapWidget* heatmap() const { return m_pictures->heatmap(); }
    HeatmapWidget* twinHeatmap() const { return m_pictures->twinHeatmap(); }
    AttentionPicture* attentionPicture() const { return m_pictures->attention(); }
    LessonController* lessons() const { return m_lessons; }
    SessionFiles* sessionFiles() const { return m_files; }
    BigNotice* notice() const { return m_notice; }
    WeightCharts* weightCharts() const { return m_pictures->weights(); }
    HistogramChart* histogramChart() const { return m_pictures->weights()->histograms(); }
    DistributionChart* distributionChart() const { return m_pictures->weights()->distributions(); }
    NanBanner* nanBanner() const { return m_banner; }
    QAction* playAction() const { return m_playAction; }
    QAction* stepAction() const { return m_stepAction; }
    QAction* resetAction() const { return m_resetAction; }
    QComboBox* datasetCombo() const;
    QComboBox* speedCombo() const { return m_speedCombo; }
    QSlider* smoothingSlider() const;
    QAction* logScaleAction() const { return m_logAction; }
    SubStepActions* subStepActions() const { return m_subSteps; }

    // Redraws every chart now (screenshots; the timer does it otherwise).
    void refreshNow();
    void saveSettings();
    // Every chart and picture into dir: PNG, SVG, PDF and CSV. "" on success.
    QString exportAll(const QString& dir);
    // How the window asks for a CSV file when the data set "csv" is chosen without one
    // (a file dialog; tests put their own). An empty answer keeps the data set as it was.
    void setCsvFileChooser(std::function<QString()> choose);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildActions();
    void buildToolBar();
    void buildDocks();
    void connectPictureOptions();
    void buildStatusBar();
    void connectSession();
    void applyLab(const LabDescription& lab);
    void showValues(const LabDescription& lab); // the params panel shows the lab's requested values
    void onRunStarted(const LabDescription& lab, bool labReplaced);
    void onMetrics(const MetricBatch& batch);
    void onViews(const reglab::LabViews& views);
    void markBestStep(int64_t bestStep, int64_t step);
    void onParamsEdited(const ParamPanel::Changes& edits);
    // An edit made outside the panel (toolbar, picture, Step D): shown there, then applied.
    void editParams(const ParamPanel::Changes& changes);
    void onDiverged(const QString& message, qint64 step, qint64 rollbackStep);
    void onLabChosen(int index);
    void updatePlay(bool playing);
    void updateStatus();
    void exportAllInteractively();
    uint64_t seed() const;

    AppSettings* m_settings;
    LabFactory m_factory;
    std::unique_ptr<TrainingSession> m_session;

    std::set<std::string> m_labChanged; // params the run changed itself (continual's task, a lesson's schedule)
    ParamPanel* m_params = nullptr;
    ChartPanel* m_charts = nullptr;
    PicturesArea* m_pictures = nullptr; // the pictures dock: boundary or network, weight charts
    LessonController* m_lessons = nullptr;
    SessionFiles* m_files = nullptr;
    BigNotice* m_notice = nullptr;
    std::unique_ptr<RunCsvLog> m_csvLog; // the full-resolution rows, for Export all
    QToolBar* m_toolBar = nullptr;
    NanBanner* m_banner = nullptr;
    int64_t m_markedBestStep = -1; // early stopping's best step, once marked on the charts
    QString m_finishedHint;        // how to go on once the run has finished (Play's tooltip)
    QDockWidget* m_paramDock = nullptr;
    QDockWidget* m_viewsDock = nullptr;

    SubStepActions* m_subSteps = nullptr; // Step D, Step G, Slow motion (GAN)
    QAction* m_playAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_resetAction = nullptr;
    QAction* m_logAction = nullptr;
    QAction* m_exportAction = nullptr;
    QComboBox* m_labCombo = nullptr;
    class DatasetMenu* m_dataset = nullptr; // the toolbar's data set menu
    QComboBox* m_speedCombo = nullptr;
    QSpinBox* m_seedSpin = nullptr;
    ChartOptionsRow* m_chartOptions = nullptr;
    QLabel* m_stepLabel = nullptr;
    QLabel* m_rateLabel = nullptr;
    QLabel* m_labLabel = nullptr;
    bool m_shown = false;
    bool m_restoredState = false;
};
