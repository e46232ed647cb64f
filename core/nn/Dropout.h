#pragma once
#include "nn/Layer.h"

namespace reglab {

// Inverted dropout: in training each unit is kept with probability 1 - p and scaled by
// 1 / (1 - p), so evaluation needs no rescaling. x: (batch, n) -> y: (batch, n)
template <typename S>
class Dropout : public Layer<S> {
public:
    explicit Dropout(double p = 0.0) : m_p(p) {}
    std::string kind() const override { return "dropout"; }
    void setRate(double p) { m_p = p; }
    double rate() const { return m_p; }
    void forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng) override;
    void infer(const Mat<S>& x, Mat<S>& y) const override { y = x; }
    void backward(const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>* dx) override;
    // The mask of the last training forward (0 or 1/(1-p)); empty when dropout was inactive.
    const Mat<S>& mask() const { return m_mask; }
    // Uses a fixed mask instead of drawing one (gradient checks).
    void setFixedMask(const Mat<S>& mask) { m_fixed = mask; }
    // The mask a training forward draws for rows x cols units at rate p: each entry is
    // 1 / (1 - p) with probability 1 - p, else 0, one rng draw per unit in storage order.
    // Shared with the tape (autodiff/Module), so both engines drop the same units.
    static void drawMask(Index rows, Index cols, double p, Rng& rng, Mat<S>& mask);

private:
    double m_p;
    Mat<S> m_mask, m_fixed;
};

} // namespace reglab
