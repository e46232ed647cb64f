// The GUI under load: what a user feels while the trainer runs flat out on a 2-core
// machine. A probe thread posts an event to the GUI thread every 5 ms, stamped with the
// time it was posted; the delay until the GUI thread runs it is the latency a click or a
// key press would see. Chart repaints are counted with an event filter on the chart views.
#include "GuiLoad.h"

#include "JsonLine.h"
#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/LineChart.h"
#include "Parallel.h"
#include "labs/LabRegistry.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QChartView>
#include <QElapsedTimer>
#include <QEvent>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace {

// Counts the paints of every chart's viewport, on the application: the charts are made
// again when a twin starts, so a filter on the first ones would stop counting.
class PaintCounter : public QObject {
public:
    int paints = 0;
    std::map<QObject*, int> charts; // paints of every chart viewport painted at least once

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && watched->parent() && qobject_cast<QChartView*>(watched->parent())) {
            ++paints;
            ++charts[watched];
        }
        return QObject::eventFilter(watched, event);
    }
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

} // namespace

std::string runGuiLoad(int argc, char** argv, double seconds, int threads,
                       const std::vector<std::pair<std::string, std::string>>& sets,
                       const std::vector<std::pair<std::string, std::string>>& twin)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    reglab::setNumThreads(threads);

    QTemporaryDir dir; // never the user's settings
    QSettings qs(dir.filePath("bench.ini"), QSettings::IniFormat);
    AppSettings settings(&qs);
    auto lab = reglab::createLab("classify");
    for (const auto& [k, v] : sets)
        if (const std::string err = lab->setText(k, v); !err.empty())
            return "{\"error\": \"" + err + "\"}";
    lab->reset(1);
    MainWindow window(&settings, std::move(lab));
    window.resize(1440, 900);
    window.show();

    PaintCounter counter;
    app.installEventFilter(&counter);

    QElapsedTimer clock;
    clock.start();
    std::vector<double> delaysMs;
    std::mutex mutex;
    std::atomic<bool> probing{true};
    QObject receiver;
    std::thread probe([&] {
        while (probing) {
            const qint64 postedNs = clock.nsecsElapsed();
            QMetaObject::invokeMethod(&receiver, [&, postedNs] {
                const double ms = double(clock.nsecsElapsed() - postedNs) / 1e6;
                std::lock_guard<std::mutex> lock(mutex);
                delaysMs.push_back(ms);
            }, Qt::QueuedConnection);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });

    TrainingSession* session = window.session();
    int viewsSeen = 0;
    QObject::connect(session, &TrainingSession::viewsArrived, &receiver, [&] { ++viewsSeen; });
    session->setSpeed(0); // full speed: the worst case for the GUI
    if (!twin.empty())
        session->setTwin(twin);
    const int64_t step0 = session->stepCount();
    session->play();
    const qint64 start = clock.elapsed();
    QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    app.exec();
    const double elapsed = double(clock.elapsed() - start) / 1000.0;
    const int64_t steps = session->stepCount() - step0;
    session->pause();
    app.removeEventFilter(&counter);
    // The charts a user sees: in the window, not scrolled out of the chart panel's view (they
    // wait until they show), and with curves that change (a constant learning rate is not
    // repainted: under one redraw a second). The charts made before a twin started are gone.
    const ChartPanel* panel = window.findChild<ChartPanel*>();
    int charts = 0, paints = 0;
    std::string perChart; // "title rate, ...": which charts redraw how often
    for (QChartView* v : window.findChildren<QChartView*>()) {
        const auto it = counter.charts.find(v->viewport());
        if (it == counter.charts.end())
            continue;
        QString title = v->chart()->title();
        bool seen = true; // the pictures dock's charts are always in view
        for (QWidget* w = v; w; w = w->parentWidget())
            if (auto* line = qobject_cast<LineChart*>(w)) {
                title = title.isEmpty() ? line->title() : title;
                seen = !panel || panel->inView(line);
                break;
            }
        const bool changing = double(it->second) / elapsed >= 1.0;
        if (seen && changing) {
            ++charts;
            paints += it->second;
        }
        perChart += (perChart.empty() ? "" : ", ") + title.left(24).toStdString() + " "
            + QString::number(double(it->second) / elapsed, 'f', 1).toStdString() + (seen ? "" : " (out of view)");
    }
    probing = false;
    probe.join();

    std::vector<double> d;
    {
        std::lock_guard<std::mutex> lock(mutex);
        d = delaysMs;
    }
    JsonLine j;
    j.add("workload", "GUI-load").add("impl", "reglab").add("threads", threads).add("seconds", elapsed);
    j.add("twin", twin.empty() ? 0 : 1);
    j.add("training_steps", int(steps)).add("steps_per_s", double(steps) / elapsed);
    j.add("latency_samples", int(d.size())).add("latency_p50_ms", percentile(d, 0.5));
    j.add("latency_p99_ms", percentile(d, 0.99)).add("latency_max_ms", percentile(d, 1.0));
    j.add("charts", charts).add("views_per_s", double(viewsSeen) / elapsed);
    j.add("chart_redraws_per_s", charts == 0 ? 0.0 : double(paints) / double(charts) / elapsed);
    j.add("per_chart", perChart);
    return j.str();
}
