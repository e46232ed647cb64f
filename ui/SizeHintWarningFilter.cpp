#include "SizeHintWarningFilter.h"

#include <QString>

#include <cstdio>

namespace {
QtMessageHandler g_previous = nullptr;
int g_depth = 0;

void filter(QtMsgType type, const QMessageLogContext& ctx, const QString& msg)
{
    if (msg.contains(QLatin1String("propagateSizeHints")))
        return;
    if (g_previous)
        g_previous(type, ctx, msg);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, ctx, msg)));
}
} // namespace

SizeHintWarningFilter::SizeHintWarningFilter() : m_previous(qInstallMessageHandler(filter))
{
    if (g_depth++ == 0)
        g_previous = m_previous;
}

SizeHintWarningFilter::~SizeHintWarningFilter()
{
    if (--g_depth == 0) {
        qInstallMessageHandler(m_previous);
        g_previous = nullptr;
    }
}
