#pragma once
// Run > Sweep... (issue 13): sweeps the window's lab, with the window's current params, over
// values of one param and charts a final metric against it as the trainings finish.
// Optionally (issue 14) one curve per value of a second param, and a metric on x instead of
// the param: a trade-off frontier. A lesson's frontier (L16) opens it preset and running,
// and its claim's verdict shows when the last point is in.
//
// The trainings run on their own threads (core/run/Sweep), never on the GUI thread; each
// finished point comes back queued and is drawn at once. Cancel, closing the dialog or
// destroying it stops them at their next step and waits for that (milliseconds). Points of
// a cancelled or replaced sweep are dropped by their run id.
#include "lessons/Lesson.h"
#include "run/Sweep.h"
#include "session/SessionData.h"

#include <QDialog>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class SweepChart;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    // lab: the window's lab as the GUI knows it (its current values and seed are the base).
    explicit SweepDialog(const LabDescription& lab, QWidget* parent = nullptr);
    ~SweepDialog() override;

    // The values a param is swept over when the user picks it: a log range for a log-scale
    // or wide positive range, else a few even steps; every choice; off and on.
    static QString suggestedValues(const reglab::ParamSpec& spec);

    QComboBox* paramCombo() const { return m_param; }
    QLineEdit* valuesEdit() const { return m_values; }
    QSpinBox* seedsSpin() const { return m_seeds; }
    QSpinBox* stepsSpin() const { return m_steps; }
    QComboBox* metricCombo() const { return m_metric; }
    QComboBox* byCombo() const { return m_by; }
    QLineEdit* curvesEdit() const { return m_curves; }
    QComboBox* xCombo() const { return m_x; }
    QCheckBox* logXBox() const { return m_logX; }
    QCheckBox* logYBox() const { return m_logY; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    SweepChart* chart() const { return m_chart; }
    QLabel* statusLabel() const { return m_status; }

    bool isRunning() const { return m_worker.joinable() && !m_done; }
    // The sweep's points so far (done tells which were trained).
    const std::vector<reglab::SweepPoint>& points() const { return m_points; }
    // sweep.csv of the points so far.
    QString csv() const;

    // Checks the form and starts the trainings. "" or the one sentence shown.
    QString start();
    // Fills the form with a lesson's frontier (and its steps) and starts it from the
    // lesson's preset; its claim is judged when every point is in.
    QString startFrontier(const reglab::Lesson& lesson);
    // The frontier claim's verdict once judged: the text shown ("" before).
    QString frontierVerdict() const { return m_verdict; }
    // Stops the trainings (they end at their next step) and waits for them.
    void cancel();

signals:
    void pointArrived(const reglab::SweepPoint& point);
    void sweepFinished(bool interrupted);

protected:
    void reject() override; // Esc and Close: stop first
    void closeEvent(QCloseEvent* event) override;

private:
    void onParamChosen();
    void onByChosen();
    QString startFrom(reglab::RunPlan plan); // with the form's steps
    void judgeFrontier();
    void onPoint(quint64 runId, const reglab::SweepPoint& point);
    void onFinished(quint64 runId, const QString& error);
    void redraw(bool newAxes);
    // The Metric and X axis choices: the sweep's metrics, keeping what was chosen where it can.
    void listMetrics(const std::vector<reglab::MetricSpec>& metrics);
    void stopWorker();
    void updateButtons();
    void showStatus(const QString& text, bool error = false);

    LabDescription m_lab;
    QComboBox* m_param = nullptr;
    QLineEdit* m_values = nullptr;
    QSpinBox* m_seeds = nullptr;
    QSpinBox* m_steps = nullptr;
    QComboBox* m_metric = nullptr;
    QComboBox* m_by = nullptr;
    QLineEdit* m_curves = nullptr;
    QComboBox* m_x = nullptr;
    QCheckBox* m_logX = nullptr;
    QCheckBox* m_logY = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    SweepChart* m_chart = nullptr;

    std::unique_ptr<reglab::Sweep> m_sweep; // the worker's while it runs
    std::vector<reglab::SweepPoint> m_points; // the GUI's copy
    std::vector<reglab::MetricSpec> m_metrics;
    std::string m_sweptParam, m_byParam;
    std::optional<reglab::LessonFrontier> m_frontier; // the lesson's, while its sweep is shown
    QString m_verdict;
    std::thread m_worker;
    std::atomic<bool> m_stop{false};
    bool m_done = true;
    quint64 m_runId = 0;
    int m_finished = 0;
};
