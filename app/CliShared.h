#pragma once
// What the headless verbs (Cli.cpp, SweepCommand.cpp) share: the one-line messages, the
// stop flag of Ctrl-C, the offscreen QApplication for rendering, and lab/lesson names.
#include <QApplication>
#include <QCommandLineParser>
#include <QStringList>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace reglab::cli {

// Ctrl-C / kill during training: set by the signal handler that catchStopSignals()
// installs; trainings stop at the next step boundary, then clean up.
extern std::atomic<bool> g_stop;
void catchStopSignals();

// One line "reglab: message" on stderr (control characters escaped, length capped);
// returns code.
int fail(int code, const std::string& message);
void warn(const std::string& message);
std::string str(const QString& s);
// A saved session rather than a lab or lesson id: FILE.reglab or a run's DIR/session.json.
bool isSessionPath(const std::string& target);
// "unknown lab 'x' (available: ...; lessons: ...; see: reglab list)".
std::string unknownLab(const std::string& id);
// Headless rendering needs a QApplication but never a screen: offscreen unless the user
// chose a platform. Create it only after all input is checked and training is done.
std::unique_ptr<QApplication> makeRenderApp();
// --seed S and --threads T, when given, into *seed and *threads (else left as they are).
// "" or one sentence.
std::string parseSeedAndThreads(const QCommandLineParser& p, uint64_t* seed, int* threads);
// --format LIST (it needs --out): png, svg, pdf, each once; png when not given. "" or one
// sentence.
std::string parseFormats(const QCommandLineParser& p, bool hasOut, QStringList* formats);
// "%.4g".
std::string shortNumber(double v);

} // namespace reglab::cli
