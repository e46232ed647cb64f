#include "CliShared.h"
#include "MessageText.h"

#include "labs/LabRegistry.h"
#include "lessons/LessonLibrary.h"
#include "run/RunPlan.h"

#include <QApplication>

#include <clocale>
#include <csignal>
#include <cstdio>

namespace reglab::cli {

// Ctrl-C / kill during training: stop at the next step boundary, then clean up, so an
// interrupted run leaves no temp folder behind. (A lock-free atomic store is all a signal
// handler may do.)
std::atomic<bool> g_stop{false};

namespace {
extern "C" void onStopSignal(int) { g_stop.store(true); }

} // namespace
void catchStopSignals()
{
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

// One line on stderr, prefixed like every message of the tool. Whatever a message quotes,
// it stays one line (control characters escaped, length capped).
int fail(int code, const std::string& message)
{
    const std::string line = "reglab: " + oneLine(message) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    return code;
}

void warn(const std::string& message) { fail(0, "warning: " + message); }

std::string str(const QString& s) { return s.toStdString(); }

bool isSessionPath(const std::string& target)
{
    // FILE.reglab, or a run's DIR/session.json (no lab or lesson id ends like these).
    auto endsWith = [&](const std::string& tail) {
        return target.size() > tail.size() && target.compare(target.size() - tail.size(), tail.size(), tail) == 0;
    };
    return endsWith(".reglab") || endsWith(".json");
}

namespace {
std::string labNames()
{
    std::string names;
    for (const LabInfo& l : availableLabs())
        names += (names.empty() ? "" : ", ") + l.id;
    return names.empty() ? std::string("none") : names;
}

std::string lessonNames()
{
    std::string names;
    for (const Lesson& l : LessonLibrary::instance().lessons())
        names += (names.empty() ? "" : ", ") + l.id;
    return names.empty() ? std::string("none") : names;
}

} // namespace

std::string unknownLab(const std::string& id)
{
    if (Lesson::looksLikeId(id))
        return "unknown lesson '" + id + "' (available: " + lessonNames() + "; see: reglab list)";
    return "unknown lab '" + shownValue(id) + "' (available: " + labNames() + "; lessons: " + lessonNames()
        + "; see: reglab list)";
}

// Headless rendering needs a QApplication but never a screen: offscreen unless the user
// chose a platform. Created only after all input is checked and training is done.
std::unique_ptr<QApplication> makeRenderApp()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "reglab";
    static char* argv[] = {name, nullptr};
    // Headless rendering needs no per-user runtime folder; Qt's warning about a missing
    // XDG_RUNTIME_DIR (usual in containers and CI) would only be noise on stderr.
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
        if (msg.contains(QLatin1String("XDG_RUNTIME_DIR")))
            return;
        if (previous)
            previous(type, ctx, msg);
    });
    auto app = std::make_unique<QApplication>(argc, argv);
    std::setlocale(LC_NUMERIC, "C"); // Qt adopts the user's locale; our number I/O is "C"
    return app;
}

std::string shortNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string parseSeedAndThreads(const QCommandLineParser& p, uint64_t* seed, int* threads)
{
    int64_t n = 0;
    if (p.isSet("seed")) {
        if (auto e = RunPlan::parseInteger(str(p.value("seed")), "--seed", 0, int64_t(RunPlan::kMaxSeed), &n); !e.empty())
            return e;
        *seed = uint64_t(n);
    }
    if (p.isSet("threads")) {
        if (auto e = RunPlan::parseInteger(str(p.value("threads")), "--threads", 1, 256, &n); !e.empty())
            return e;
        *threads = int(n);
    }
    return {};
}

std::string parseFormats(const QCommandLineParser& p, bool hasOut, QStringList* formats)
{
    formats->clear();
    if (!p.isSet("format")) {
        *formats << QStringLiteral("png");
        return {};
    }
    if (!hasOut)
        return "--format needs --out DIR (the folder the chart files go into)";
    for (const QString& f : p.values("format").join(',').split(',')) {
        const QString name = f.trimmed().toLower();
        if (name.isEmpty())
            continue;
        if (name != "png" && name != "svg" && name != "pdf")
            return "--format: unknown image format '" + shownValue(str(f.trimmed())) + "' (use png, svg or pdf)";
        if (!formats->contains(name))
            *formats << name;
    }
    if (formats->isEmpty())
        return "--format needs at least one of png, svg, pdf";
    return {};
}

} // namespace reglab::cli
