#pragma once
// While alive, drops Qt's "This plugin does not support propagateSizeHints()" warning, which
// the offscreen platform prints every time a window with size limits is shown. Headless
// rendering (`reglab run`, `reglab shot`) shows windows on purpose; stderr stays for real
// problems. Other messages pass through unchanged. Not thread-safe: GUI thread only.
#include <QtGlobal>

class SizeHintWarningFilter {
public:
    SizeHintWarningFilter();
    ~SizeHintWarningFilter();
    SizeHintWarningFilter(const SizeHintWarningFilter&) = delete;
    SizeHintWarningFilter& operator=(const SizeHintWarningFilter&) = delete;

private:
    QtMessageHandler m_previous;
};
