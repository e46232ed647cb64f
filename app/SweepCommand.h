#pragma once
// `reglab sweep LAB|LESSON --param k --values v1,v2,... [--seeds N] [--out DIR]` (issue 13):
// one lab trained over a list of values of one param, the final metrics of every (value,
// seed) to sweep.csv and the chosen metric against the param to sweep.png.
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <set>
#include <string>

namespace reglab::cli {

// The options only `sweep` takes (added to the one parser of every verb).
QList<QCommandLineOption> sweepOptions();
// Every option `sweep` takes.
const std::set<std::string>& sweepOptionNames();
// Exit codes as Cli.h says.
int cmdSweep(const QCommandLineParser& p, const std::string& target);

} // namespace reglab::cli
