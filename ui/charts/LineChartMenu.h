#pragma once
// The right-click menu of a LineChart: export, log y, log step axis, ignore outliers,
// follow the last N steps, reset zoom. Works through LineChart's public API.
#include <QPoint>

class LineChart;

class LineChartMenu {
public:
    static constexpr long long kFollowChoices[] = {0, 100, 1000, 10000}; // 0: all steps
    static void exec(LineChart* chart, const QPoint& globalPos);
};
