#pragma once
// A one-slot, latest-wins hand-over of view snapshots from the worker to the GUI. The worker
// signals only when the slot goes from empty to full, so a slow GUI skips frames instead of
// piling up queued events (back-pressure).
#include "labs/LabViews.h"

#include <QMutex>
#include <QtGlobal>

class ViewMailbox {
public:
    // Returns true when the slot was empty (the caller should notify the GUI).
    bool put(quint64 runId, reglab::LabViews views);
    // Empties the slot; false when there was nothing.
    bool take(quint64* runId, reglab::LabViews* views);
    bool isFull() const;

private:
    mutable QMutex m_mutex;
    bool m_full = false;
    quint64 m_runId = 0;
    reglab::LabViews m_views;
};
