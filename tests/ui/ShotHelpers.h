#pragma once
// Helpers shared by the UI tests: train a FakeLab headless, check an image is not blank.
#include "FakeLab.h"

#include <QImage>
#include <QSet>

#include <memory>
#include <vector>

namespace fake {

// Trains a FakeLab for `steps` steps, changing L2 live at `changeAt` (0: never), and
// returns it with its metric history (initial row first).
inline std::unique_ptr<FakeLab> trainedLab(int steps, std::vector<reglab::MetricRow>* history, int changeAt = 0,
                                           uint64_t seed = 3)
{
    auto lab = std::make_unique<FakeLab>();
    lab->reset(seed);
    history->push_back(lab->initialRow());
    for (int i = 0; i < steps; ++i) {
        if (changeAt > 0 && i == changeAt)
            lab->set("l2", reglab::ParamValue::ofNumber(0.01));
        auto r = lab->step();
        if (r.logged)
            history->push_back(r.row);
    }
    return lab;
}

// Number of distinct colours in a coarse sample of the image (1 = blank).
inline int distinctColours(const QImage& img)
{
    QSet<QRgb> seen;
    const int stepX = std::max(1, img.width() / 200), stepY = std::max(1, img.height() / 200);
    for (int y = 0; y < img.height(); y += stepY)
        for (int x = 0; x < img.width(); x += stepX)
            seen.insert(img.pixel(x, y));
    return seen.size();
}

} // namespace fake
