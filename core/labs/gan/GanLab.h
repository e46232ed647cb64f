#pragma once
// The `gan` lab: an MLP generator learns a 2D distribution against an MLP discriminator,
// with the losses and regularizers that keep the game stable (issue "GAN lab", DESIGN
// section 4): minimax, non-saturating, WGAN-GP, hinge; R1; spectral norm on D. One step is
// one generator update after `d_steps` discriminator updates (in slow motion, one of them;
// `train` may freeze either network).
#include "Rng.h"
#include "data/CsvPoints.h"
#include "data/GanTarget.h"
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "labs/PathFile.h"
#include "labs/gan/GanObjective.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"
#include "regularizers/SpectralNorm.h"

#include <memory>

namespace reglab {

class GanLab : public Lab, public ExportableLab {
public:
    GanLab();
    ~GanLab() override;

    std::string id() const override { return "gan"; }
    std::string title() const override { return "GAN"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    // The ring of 8 takes WGAN-GP about 5000 generator steps at the default learning rates.
    int64_t defaultSteps() const override { return 6000; }

    std::vector<NamedTensor> tensors() const override;
    const DataSplit* data() const override { return nullptr; }
    // What the generator learns, as built at the last reset; for a drawn target its points
    // (target().points()), e.g. for a GUI to show and edit them.
    const GanTarget& target() const { return m_target; }

protected:
    std::string checkValue(const std::string& id, const ParamValue& v) override;
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    void applyLiveParams();
    MatF noise(Index n, Rng& rng) const;
    bool hasModes() const;
    // What the last step did, for the picture (slow motion, or one network frozen).
    std::string stepCaption(const std::string& train, int dSteps) const;
    MeshView noiseMesh() const;

    GanTarget m_target;
    PathFile<MatF> m_targetFile{loadCsvPoints}; // target_file's points, for target = drawn
    Sequential<float> m_g, m_d;
    std::unique_ptr<GanObjective<float>> m_objective;
    std::unique_ptr<Optimizer<float>> m_optG, m_optD;
    SpectralNorm<float> m_spectral;
    Rng m_rng;
    MatF m_evalZ, m_evalReal; // fixed at reset: the metrics are functions of the weights
    double m_lastD = 0, m_lastG = 0;
    int m_phase = 0;        // slow motion: D updates done in the current cycle
    std::string m_caption;  // what the last step did (views' caption)
    // evaluation is const, but the input gradients need the tape
    mutable std::unique_ptr<GanObjective<float>> m_probe;
};

} // namespace reglab
