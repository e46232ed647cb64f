#pragma once
// The `cae` lab (issue 14, L13): a contractive autoencoder (Rifai et al. 2011) on noisy
// points of a curve in R^2 or R^10. The penalty λ·||J_f(x)||_F² makes the encoder
// insensitive to moves of its input, and the reconstruction keeps it sensitive only along
// the curve: off-manifold points are pulled back onto it. Optional denoising corruption,
// to compare. The picture is the encoder's sensitivity over the curve's plane, with the
// clean curve and noisy test points arrowed to their reconstructions.
#include "Rng.h"
#include "autodiff/Tape.h"
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "labs/cae/ContractiveAe.h"
#include "labs/cae/Manifold.h"
#include "optim/Adam.h"

#include <memory>
#include <optional>

namespace reglab {

class CaeLab : public Lab, public ExportableLab {
public:
    CaeLab();
    ~CaeLab() override;

    std::string id() const override { return "cae"; }
    std::string title() const override { return "Contractive autoencoder"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override { return 2000; }

    std::vector<NamedTensor> tensors() const override;
    const DataSplit* data() const override { return &m_split; }

    // Mean h(1 − h) below this: the units saturate (the penalty's cheapest way out).
    static constexpr double kSaturated = 0.03;

    // For the tests.
    ContractiveAe& model() { return m_ae; }
    const ManifoldPoints& validation() const { return m_val; }
    const MatD& trainInputs() const { return m_train; }
    const Manifold& manifold() const { return *m_manifold; }

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    double testNoise() const;

    std::optional<Manifold> m_manifold;
    MatD m_train;          // noisy training inputs (and targets)
    ManifoldPoints m_val;  // clean validation points
    MatD m_offManifold;    // validation points plus fixed noise: the test points
    DataSplit m_split;     // for export
    ContractiveAe m_ae;
    std::unique_ptr<Adam<double>> m_opt;
    Tape<double> m_tape;
    Rng m_corruptRng;
    MatD m_input;          // this step's (corrupted) inputs
};

} // namespace reglab
