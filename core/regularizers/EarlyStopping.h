#pragma once
#include <cstdint>
#include <limits>

namespace reglab {

// Early stopping on the validation loss: remembers the best step, counts evaluations
// without improvement, and says when patience has run out. The lab keeps a copy of the
// weights at the best step and restores it when stop() fires.
class EarlyStopping {
public:
    int patience = 20;        // evaluations without a new best before stopping
    double minDelta = 0.0;    // an improvement must beat the best by more than this

    void reset();
    // Records a validation loss measured at `step`. Returns true if it is a new best.
    bool observe(double valLoss, int64_t step);
    bool shouldStop() const { return m_badEvals >= patience; }
    int64_t bestStep() const { return m_bestStep; }
    double bestLoss() const { return m_best; }
    int evalsSinceBest() const { return m_badEvals; }
    // Writes or reads what it has seen (a StateArchive), for saved sessions.
    template <typename Archive> void archive(Archive& a)
    {
        a.io(m_best);
        a.io(m_bestStep);
        a.io(m_badEvals);
    }

private:
    double m_best = std::numeric_limits<double>::infinity();
    int64_t m_bestStep = -1;
    int m_badEvals = 0;
};

} // namespace reglab
