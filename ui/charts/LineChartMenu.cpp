#include "charts/LineChartMenu.h"

#include "charts/LineChart.h"
#include "charts/StepAxis.h"
#include "export/ChartExporter.h"

#include <QMenu>

void LineChartMenu::exec(LineChart* chart, const QPoint& globalPos)
{
    QMenu menu(chart);
    QAction* img = menu.addAction(LineChart::tr("Export image (PNG, SVG, PDF)..."));
    QAction* csv = menu.addAction(LineChart::tr("Export data (CSV)..."));
    QObject::connect(menu.addAction(LineChart::tr("Copy image")), &QAction::triggered, chart, [chart] {
        ChartExporter::copyImage(chart->chartSize(), [chart](QPainter* p, const QRectF& r) { chart->paintTo(p, r); });
    });
    menu.addSeparator();
    QAction* log = menu.addAction(LineChart::tr("Log scale"));
    log->setCheckable(true);
    log->setChecked(chart->logScale());
    QAction* logX = menu.addAction(LineChart::tr("Log step axis"));
    logX->setCheckable(true);
    logX->setChecked(chart->logX());
    QAction* robust = menu.addAction(LineChart::tr("Ignore outliers in y range"));
    robust->setCheckable(true);
    robust->setChecked(chart->ignoreOutliers());
    QMenu* follow = menu.addMenu(LineChart::tr("Follow last steps"));
    for (long long n : kFollowChoices) {
        QAction* a = follow->addAction(n == 0 ? LineChart::tr("All steps")
                                              : LineChart::tr("Last %1").arg(StepAxis::label(double(n))));
        a->setCheckable(true);
        a->setChecked(chart->followSteps() == n);
        QObject::connect(a, &QAction::triggered, chart, [chart, n] { chart->setFollowSteps(n); });
    }
    QAction* reset = menu.addAction(LineChart::tr("Reset zoom (double-click)"));
    reset->setEnabled(chart->isZoomed());
    QAction* chosen = menu.exec(globalPos);
    if (chosen == img)
        emit chart->exportImageRequested(chart);
    else if (chosen == csv)
        emit chart->exportDataRequested(chart);
    else if (chosen == log) {
        chart->setLogScale(!chart->logScale());
        emit chart->logScaleToggled(chart, chart->logScale());
    } else if (chosen == logX)
        chart->setLogX(!chart->logX());
    else if (chosen == robust)
        chart->setIgnoreOutliers(!chart->ignoreOutliers());
    else if (chosen == reset)
        chart->resetZoom();
}
