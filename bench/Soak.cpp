#include "Soak.h"

#include "JsonLine.h"
#include "Rng.h"
#include "labs/LabRegistry.h"
#include "session/SessionData.h"
#include "session/TrainingSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cmath>
#include <fstream>
#include <unistd.h>

namespace {
double residentMb()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}
} // namespace

std::string runSoak(int argc, char** argv, int64_t steps, double maxSeconds, double slackMb, bool* ok)
{
    QCoreApplication app(argc, argv);
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    TrainingSession session(std::move(lab));
    session.setSpeed(0);
    reglab::Rng rng(2026);
    int64_t total = 0, last = 0, actions = 0, resets = 0, twins = 0, rollbacks = 0, batches = 0, views = 0;
    bool finite = true, twin = false;
    double rss10 = -1, rssEnd = 0;
    QElapsedTimer clock, sinceProgress;
    clock.start();
    sinceProgress.start();

    QObject::connect(&session, &TrainingSession::metricsArrived, [&](const MetricBatch& b) {
        ++batches;
        // Steps made since the last batch (a reset or rollback starts the count again).
        total += b.step >= last ? b.step - last : b.step;
        if (b.step != last)
            sinceProgress.restart();
        last = b.step;
        if (!b.rows.empty()) {
            finite = true;
            for (double v : b.rows.back().values)
                finite = finite && !std::isinf(v); // NaN marks "not measured" (a column of the twin)
        }
        if (rss10 < 0 && total >= steps / 10)
            rss10 = residentMb();
    });
    QObject::connect(&session, &TrainingSession::viewsArrived, [&](const reglab::LabViews&) { ++views; });
    QObject::connect(&session, &TrainingSession::diverged, [&] { session.rollback(); session.play(); });

    QTimer driver;
    QObject::connect(&driver, &QTimer::timeout, [&] {
        if (total >= steps || clock.elapsed() > maxSeconds * 1000 || sinceProgress.elapsed() > 30000) {
            app.quit();
            return;
        }
        ++actions;
        const double u = rng.uniform();
        if (u < 0.40) {
            const char* ids[] = {"lr", "l2", "dropout", "batch_size"};
            const std::string id = ids[rng.below(4)];
            const double v = id == "lr" ? std::pow(10.0, rng.uniform(-4, -1.5))
                : id == "l2"            ? rng.uniform(0, 0.01)
                : id == "dropout"       ? rng.uniform(0, 0.5)
                                        : double(8 << rng.below(5));
            session.set(id, reglab::ParamValue::ofNumber(v));
        } else if (u < 0.42) {
            session.reset(1 + rng.below(1000));
            ++resets;
        } else if (u < 0.44) {
            twin = !twin;
            session.setTwin(twin ? std::vector<std::pair<std::string, std::string>>{{"l2", "0.001"}}
                                 : std::vector<std::pair<std::string, std::string>>{});
            ++twins;
        } else if (u < 0.45) {
            session.rollback();
            ++rollbacks;
        }
        if (!session.isPlaying())
            session.play();
    });
    driver.start(20);
    session.play();
    app.exec();
    session.pause();
    rssEnd = residentMb();

    const bool moving = sinceProgress.elapsed() <= 30000;
    const double growth = rss10 < 0 ? 0.0 : rssEnd - rss10;
    *ok = moving && finite && growth <= slackMb && total > 0;
    JsonLine j;
    j.add("workload", "soak");
    j.add("steps", double(total));
    j.add("seconds", clock.elapsed() / 1000.0);
    j.add("actions", double(actions));
    j.add("resets", double(resets));
    j.add("twin_toggles", double(twins));
    j.add("rollbacks", double(rollbacks));
    j.add("batches", double(batches));
    j.add("views", double(views));
    j.add("rss_mb_at_10pct", rss10);
    j.add("rss_mb_end", rssEnd);
    j.add("rss_growth_mb", growth);
    j.add("finite", finite ? 1.0 : 0.0);
    j.add("moving", moving ? 1.0 : 0.0);
    j.add("ok", *ok ? 1.0 : 0.0);
    return j.str();
}
