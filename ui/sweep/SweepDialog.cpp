#include "sweep/SweepDialog.h"

#include "charts/SweepChart.h"
#include "export/ChartExporter.h"
#include "run/Frontier.h"
#include "run/SweepCsv.h"
#include "settings/TextTone.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

using reglab::ParamSpec;
using reglab::ParamType;
using reglab::Sweep;
using reglab::SweepPoint;

SweepDialog::SweepDialog(const LabDescription& lab, QWidget* parent) : QDialog(parent), m_lab(lab)
{
    setWindowTitle(tr("Sweep %1").arg(QString::fromStdString(lab.title)));
    setObjectName(QStringLiteral("sweepDialog"));

    m_param = new QComboBox(this);
    m_param->setToolTip(tr("The parameter to sweep; every other one keeps its value in the window"));
    for (size_t i = 0; i < lab.params.size(); ++i) {
        const ParamSpec& p = lab.params[i];
        if (p.type == ParamType::Path || p.type == ParamType::Points)
            continue;
        m_param->addItem(QString::fromStdString(p.label + " (" + p.id + ")"), QString::fromStdString(p.id));
    }
    m_values = new QLineEdit(this);
    m_values->setToolTip(tr("Values separated by commas, or a range LO:HI:N (even steps) or LO:HI:Nlog (log steps)"));
    m_seeds = new QSpinBox(this);
    m_seeds->setRange(1, 50);
    m_seeds->setToolTip(tr("Trainings per value, with seeds %1, %2, ...; the line is their median").arg(lab.seed).arg(lab.seed + 1));
    m_steps = new QSpinBox(this);
    m_steps->setRange(1, 1000000);
    m_steps->setSingleStep(100);
    m_steps->setValue(int(std::min<int64_t>(lab.defaultSteps, 1000000)));
    m_steps->setToolTip(tr("Training steps of every point; the chart shows the metric after the last one"));
    m_metric = new QComboBox(this);
    m_metric->setToolTip(tr("The final metric charted against the parameter"));
    m_by = new QComboBox(this);
    m_by->setToolTip(tr("One curve per value of this parameter: every value above is trained for each"));
    m_by->addItem(tr("(one curve)"), QString());
    for (int i = 0; i < m_param->count(); ++i)
        m_by->addItem(m_param->itemText(i), m_param->itemData(i));
    m_curves = new QLineEdit(this);
    m_curves->setToolTip(tr("The values of the curves' parameter, separated by commas"));
    m_curves->setEnabled(false);
    m_x = new QComboBox(this);
    m_x->setToolTip(tr("The x axis: the swept parameter, or a second final metric (a trade-off frontier: each "
                       "curve joins its values' medians in the order swept)"));
    m_logX = new QCheckBox(tr("Log x"), this);
    m_logY = new QCheckBox(tr("Log y"), this);
    const size_t mainMetrics = lab.hasTwin() ? lab.mainMetricCount : lab.metrics.size();
    listMetrics(std::vector<reglab::MetricSpec>(lab.metrics.begin(), lab.metrics.begin() + long(mainMetrics)));

    auto* form = new QFormLayout();
    form->addRow(tr("&Parameter:"), m_param);
    form->addRow(tr("&Values:"), m_values);
    auto* curvesRow = new QHBoxLayout();
    curvesRow->addWidget(m_by);
    curvesRow->addWidget(m_curves, 1);
    curvesRow->addSpacing(12);
    curvesRow->addWidget(new QLabel(tr("X axis:"), this));
    curvesRow->addWidget(m_x);
    form->addRow(tr("Curves by:"), curvesRow);
    auto* row = new QHBoxLayout();
    row->addWidget(new QLabel(tr("Seeds:"), this));
    row->addWidget(m_seeds);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Steps:"), this));
    row->addWidget(m_steps);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Metric:"), this));
    row->addWidget(m_metric, 1);
    row->addSpacing(12);
    row->addWidget(m_logX);
    row->addWidget(m_logY);
    form->addRow(row);

    m_run = new QPushButton(tr("&Run"), this);
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_saveCsv = new QPushButton(tr("Save &CSV..."), this);
    auto* close = new QPushButton(tr("Close"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    auto* buttons = new QHBoxLayout();
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_saveCsv);
    buttons->addWidget(close);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_chart = new SweepChart(this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_chart, 1);
    resize(960, 760);

    connect(m_param, &QComboBox::currentIndexChanged, this, [this] { onParamChosen(); });
    connect(m_run, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancel(); });
    connect(close, &QPushButton::clicked, this, &SweepDialog::reject);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { redraw(true); });
    connect(m_by, &QComboBox::currentIndexChanged, this, [this] { onByChosen(); });
    connect(m_x, &QComboBox::currentIndexChanged, this, [this] {
        m_logX->setVisible(m_x->currentData().toString().isEmpty()); // a metric's x axis is linear
        redraw(true);
    });
    connect(m_logX, &QCheckBox::toggled, this, [this] { redraw(true); });
    connect(m_logY, &QCheckBox::toggled, this, [this] { redraw(true); });
    const QString name = QStringLiteral("sweep");
    connect(m_saveCsv, &QPushButton::clicked, this, [this, name] { ChartExporter::saveCsvInteractively(this, name, csv()); });
    connect(m_chart, &SweepChart::exportDataRequested, this,
            [this, name] { ChartExporter::saveCsvInteractively(this, name, csv()); });
    connect(m_chart, &SweepChart::exportImageRequested, this, [this, name] {
        ChartExporter::saveImageInteractively(this, name, m_chart->chartSize(), m_chart->currentSetup().title,
                                              [this](QPainter* p, const QRectF& r) { m_chart->paintTo(p, r); });
    });
    const int l2 = m_param->findData(QStringLiteral("l2"));
    m_param->setCurrentIndex(std::max(0, l2));
    onParamChosen();
    updateButtons();
    showStatus(tr("Every value trains this lab with the window's current parameters, one training per seed; "
                  "Run fills the chart in as they finish."));
}

SweepDialog::~SweepDialog() { stopWorker(); }

QString SweepDialog::suggestedValues(const ParamSpec& spec)
{
    std::vector<std::string> v;
    switch (spec.type) {
    case ParamType::Bool:
        v = {"false", "true"};
        break;
    case ParamType::Choice:
        v = spec.choices;
        break;
    case ParamType::Float:
        if (spec.logScale || (spec.min > 0 && spec.max >= 100 * spec.min)) {
            const double lo = spec.min > 0 ? spec.min : spec.max * 1e-5;
            const int decades = int(std::lround(std::log10(spec.max / lo)));
            v = Sweep::logRange(std::max(lo, spec.max / std::pow(10.0, std::min(decades, 8))), spec.max,
                                std::clamp(decades + 1, 2, 9));
        } else {
            for (int i = 0; i < 5; ++i) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.4g", spec.min + (spec.max - spec.min) * i / 4.0);
                v.push_back(buf);
            }
        }
        break;
    case ParamType::Int: {
        const bool wide = spec.min >= 1 && spec.max >= 100 * spec.min;
        for (int i = 0; i < 6; ++i) {
            const double t = i / 5.0;
            const double x = wide ? spec.min * std::pow(spec.max / spec.min, t) : spec.min + (spec.max - spec.min) * t;
            const std::string s = std::to_string(std::llround(x));
            if (std::find(v.begin(), v.end(), s) == v.end())
                v.push_back(s);
        }
        break;
    }
    default:
        break;
    }
    QStringList out;
    for (const std::string& s : v)
        out << QString::fromStdString(s);
    return out.join(QStringLiteral(", "));
}

void SweepDialog::onParamChosen()
{
    const ParamSpec* spec = m_lab.findParam(m_param->currentData().toString().toStdString());
    if (!spec)
        return;
    m_values->setText(suggestedValues(*spec));
    const bool numeric = spec->type == ParamType::Float || spec->type == ParamType::Int;
    m_logX->setEnabled(numeric);
    m_logX->setChecked(numeric && (spec->logScale || (spec->min > 0 && spec->max >= 100 * spec->min)));
}

void SweepDialog::onByChosen()
{
    const ParamSpec* spec = m_lab.findParam(m_by->currentData().toString().toStdString());
    m_curves->setEnabled(spec != nullptr);
    m_curves->setText(spec ? suggestedValues(*spec) : QString());
}

QString SweepDialog::startFrontier(const reglab::Lesson& lesson)
{
    if (!lesson.frontier || lesson.lab != m_lab.id)
        return tr("This lesson has no frontier on this lab.");
    const reglab::LessonFrontier& f = *lesson.frontier;
    if (isRunning())
        return tr("A sweep is running; cancel it first.");
    auto pick = [](QComboBox* box, const std::string& id) {
        const int i = box->findData(QString::fromStdString(id));
        if (i >= 0)
            box->setCurrentIndex(i);
        return i >= 0;
    };
    const size_t mainMetrics = m_lab.hasTwin() ? m_lab.mainMetricCount : m_lab.metrics.size();
    listMetrics(std::vector<reglab::MetricSpec>(m_lab.metrics.begin(), m_lab.metrics.begin() + long(mainMetrics)));
    if (!pick(m_param, f.param) || !pick(m_by, f.by) || !pick(m_x, f.x) || !pick(m_metric, f.y)) {
        const QString text = tr("This lab has no parameter or metric the lesson's frontier names.");
        showStatus(text, true);
        return text;
    }
    m_values->setText(QString::fromStdString(f.values));
    QStringList curves;
    for (const std::string& c : f.curves)
        curves << QString::fromStdString(c);
    m_curves->setText(curves.join(QStringLiteral(", ")));
    m_seeds->setValue(f.seeds);
    m_steps->setValue(int(std::min<int64_t>(lesson.steps, m_steps->maximum())));
    const QString err = startFrom(lesson.plan()); // the lesson's preset, whatever the window shows now
    if (err.isEmpty())
        m_frontier = f; // start() clears it; this sweep is the lesson's
    return err;
}

QString SweepDialog::start()
{
    reglab::RunPlan plan;
    plan.lab = m_lab.id;
    plan.seed = m_lab.seed;
    for (size_t i = 0; i < m_lab.params.size() && i < m_lab.asked.size(); ++i) // a new run: from the start
        plan.sets.emplace_back(m_lab.params[i].id, m_lab.params[i].toText(m_lab.asked[i]));
    return startFrom(plan);
}

QString SweepDialog::startFrom(reglab::RunPlan plan)
{
    if (isRunning())
        return tr("A sweep is running; cancel it first.");
    stopWorker();
    plan.steps = m_steps->value();
    std::vector<std::string> values, curves;
    auto sweep = std::make_unique<Sweep>();
    const std::string by = m_by->currentData().toString().toStdString();
    std::string err = Sweep::parseValues(m_values->text().toStdString(), &values);
    if (err.empty() && !by.empty()) {
        err = Sweep::parseValues(m_curves->text().toStdString(), &curves);
        if (!err.empty())
            err = "--by: " + err.substr(err.rfind("--values ", 0) == 0 ? 9 : 0);
    }
    if (err.empty())
        err = sweep->prepare(plan, m_param->currentData().toString().toStdString(), values, m_seeds->value(), by,
                             curves);
    if (!err.empty()) {
        // The command line's words ("--values") read as the form's fields here.
        QString text = QString::fromStdString(err);
        text.replace(QStringLiteral("--values"), tr("Values"))
            .replace(QStringLiteral("--param"), tr("Parameter"))
            .replace(QStringLiteral("--by"), tr("Curves by"));
        showStatus(text, true);
        return text;
    }
    m_sweep = std::move(sweep);
    if (std::any_of(m_sweep->points().begin(), m_sweep->points().end(), [](const SweepPoint& p) { return !(p.x > 0); })) {
        const QSignalBlocker block(m_logX); // a value of 0 (or a name) has no place on a log axis
        m_logX->setChecked(false);
    }
    m_points = m_sweep->points();
    m_metrics = m_sweep->metrics();
    listMetrics(m_metrics); // a width sweep may have other weight columns than the lab now
    m_sweptParam = m_sweep->param();
    m_byParam = m_sweep->by();
    m_frontier.reset();
    m_verdict.clear();
    m_finished = 0;
    m_done = false;
    m_stop.store(false);
    const quint64 runId = ++m_runId;
    m_progress->setRange(0, int(m_points.size()));
    m_progress->setValue(0);
    showStatus(tr("Training %1 points...").arg(m_points.size()));
    redraw(true);
    Sweep* s = m_sweep.get();
    m_worker = std::thread([this, s, runId] {
        QString error;
        try {
            s->run([this, runId](const SweepPoint& p) {
                QMetaObject::invokeMethod(this, [this, runId, p] { onPoint(runId, p); }, Qt::QueuedConnection);
            }, &m_stop);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(this, [this, runId, error] { onFinished(runId, error); }, Qt::QueuedConnection);
    });
    updateButtons();
    return {};
}

void SweepDialog::onPoint(quint64 runId, const SweepPoint& point)
{
    if (runId != m_runId || point.index >= m_points.size())
        return; // a cancelled sweep's
    m_points[point.index] = point;
    ++m_finished;
    m_progress->setValue(m_finished);
    redraw(false);
    emit pointArrived(point);
}

void SweepDialog::onFinished(quint64 runId, const QString& error)
{
    if (runId != m_runId)
        return;
    stopWorker();
    if (!error.isEmpty())
        showStatus(tr("The sweep stopped: %1").arg(error), true);
    else if (m_finished < int(m_points.size()))
        showStatus(tr("Cancelled after %1 of %2 points.").arg(m_finished).arg(m_points.size()));
    else if (m_frontier)
        judgeFrontier();
    else
        showStatus(tr("Done: %1 points.").arg(m_finished));
    updateButtons();
    emit sweepFinished(m_finished < int(m_points.size()));
}

void SweepDialog::cancel()
{
    if (!m_worker.joinable())
        return;
    stopWorker();
    ++m_runId; // late points of this sweep are dropped
    showStatus(tr("Cancelled after %1 of %2 points.").arg(m_finished).arg(m_points.size()));
    updateButtons();
    emit sweepFinished(true);
}

void SweepDialog::stopWorker()
{
    m_stop.store(true);
    if (m_worker.joinable())
        m_worker.join();
    m_done = true;
}

void SweepDialog::redraw(bool newAxes)
{
    if (!m_sweep)
        return;
    const int metric = m_sweep->metricIndex(m_metric->currentData().toString().toStdString());
    const QString x = m_x->currentData().toString();
    const int xMetric = x.isEmpty() ? -1 : m_sweep->metricIndex(x.toStdString());
    if (newAxes) {
        const int shown = metric >= 0 ? metric : 0;
        if (shown >= int(m_sweep->metrics().size()))
            return;
        const bool logX = m_logX->isChecked() && m_logX->isEnabled();
        m_chart->setup(SweepChartSetup::of(*m_sweep, shown, logX, m_logY->isChecked(), xMetric));
    }
    m_chart->setPoints(m_points, metric);
}

void SweepDialog::listMetrics(const std::vector<reglab::MetricSpec>& metrics)
{
    const QSignalBlocker blockMetric(m_metric), blockX(m_x);
    const QString metric = m_metric->count() ? m_metric->currentData().toString() : QStringLiteral("val_loss");
    const QString x = m_x->currentData().toString();
    m_metric->clear();
    m_x->clear();
    m_x->addItem(tr("the parameter"), QString());
    for (const reglab::MetricSpec& m : metrics)
        if (!m.reference) {
            m_metric->addItem(QString::fromStdString(m.label), QString::fromStdString(m.id));
            m_x->addItem(QString::fromStdString(m.label), QString::fromStdString(m.id));
        }
    const int kept = m_metric->findData(metric);
    m_metric->setCurrentIndex(kept >= 0 ? kept : std::max(0, m_metric->findData(QStringLiteral("val_loss"))));
    m_x->setCurrentIndex(std::max(0, m_x->findData(x)));
    m_logX->setVisible(m_x->currentData().toString().isEmpty());
}

QString SweepDialog::csv() const
{
    return QString::fromStdString(reglab::sweepCsv(m_sweptParam, m_metrics, m_points, m_byParam));
}

// The lesson's claim on the medians of the points (those sweep.csv holds).
void SweepDialog::judgeFrontier()
{
    const Sweep& s = *m_sweep;
    const int x = s.metricIndex(m_frontier->x), y = s.metricIndex(m_frontier->y);
    if (x < 0 || y < 0)
        return;
    const reglab::Json v = reglab::Frontier::verdict(m_frontier->text, s, x, y, m_frontier->dominant, m_frontier->tolerance);
    const bool holds = v.find("holds")->toBool();
    const QString claim = QString::fromStdString(m_frontier->text);
    QStringList others; // the curves' names as the verdict has them (the param's own texts)
    QString best;
    if (holds) {
        best = QString::fromStdString(v.find("dominating")->find(s.by())->toString());
        for (const reglab::Json& c : v.find("dominated")->items())
            others << QString::fromStdString(c.find(s.by())->toString());
    }
    const QString within = m_frontier->tolerance > 0 ? tr(" within %1").arg(m_frontier->tolerance) : QString();
    QString why = holds ? QString() : QString::fromStdString(v.find("detail")->toString());
    if (!why.isEmpty())
        why[0] = why[0].toUpper(); // a sentence of its own here
    m_verdict = holds ? tr("The frontier claim held: %1. Every %2 point has a %3 point at least as good on both%4, and "
                           "not the other way round (medians of %5 seeds; Save CSV... has every training).")
                            .arg(claim, others.join(QStringLiteral(", ")), best, within)
                            .arg(s.seeds())
                      : tr("The frontier claim did not hold: %1. %2.")
                            .arg(claim, why);
    showStatus(m_verdict, !holds);
}

void SweepDialog::updateButtons()
{
    const bool running = isRunning();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_saveCsv->setEnabled(m_finished > 0);
    for (QWidget* w : std::initializer_list<QWidget*>{m_param, m_values, m_seeds, m_steps, m_by})
        w->setEnabled(!running);
    m_curves->setEnabled(!running && !m_by->currentData().toString().isEmpty());
}

void SweepDialog::showStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, error ? TextTone::colour(palette(), TextTone::Tone::Warning)
                                           : palette().color(QPalette::WindowText));
    m_status->setPalette(p);
}

void SweepDialog::reject()
{
    stopWorker();
    QDialog::reject();
}

void SweepDialog::closeEvent(QCloseEvent* event)
{
    stopWorker();
    QDialog::closeEvent(event);
}
