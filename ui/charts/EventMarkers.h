#pragma once
// Live parameter changes drawn on a curve chart: a dashed vertical line at the step and the
// change ("L2 0 → 0.001") near the top of the plot. Shared by the on-screen view
// (drawForeground) and every export, so slides show exactly what the class saw.
#include "labs/ParamEvent.h"

#include <QRectF>
#include <QString>

#include <functional>

#include <vector>

class QPainter;

class EventMarkers {
public:
    // plotArea: where [x0, x1] is drawn, in the painter's coordinates. Labels stack in up to
    // three rows; a label that fits nowhere is left out (its line stays).
    // toAxis maps a step to the axis' coordinate (log10 on a log step axis); none: identity.
    static void paint(QPainter* painter, const QRectF& plotArea, double x0, double x1,
                      const std::vector<reglab::ParamEvent>& events,
                      const std::function<double(double)>& toAxis = {});
    static QString displayLabel(const reglab::ParamEvent& event);
};
