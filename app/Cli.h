#pragma once
// The headless verbs of DESIGN section 7: list, describe, run, shot.
// Exit codes: 0 done, 1 a failure while writing results, 2 bad input (one line on stderr,
// nothing written), 3 training diverged (results up to that point are still written),
// 130 interrupted by SIGINT/SIGTERM (nothing written).
#include <QStringList>

namespace reglab::cli {

enum ExitCode { Ok = 0, Failure = 1, BadInput = 2, Diverged = 3, Interrupted = 130 };

// args: the whole command line, program name first. No QApplication may exist yet:
// run/shot create one (offscreen unless QT_QPA_PLATFORM says otherwise) only to render.
int run(const QStringList& args);

} // namespace reglab::cli
