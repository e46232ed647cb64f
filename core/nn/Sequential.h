#pragma once
// A chain of layers with its activations kept for backward. Owns its layers.
#include "nn/Activation.h"
#include "nn/Layer.h"

#include <memory>
#include <vector>

namespace reglab {

template <typename S> class Linear;
template <typename S> class Dropout;

template <typename S>
class Sequential {
public:
    void add(std::unique_ptr<Layer<S>> layer);
    size_t size() const { return m_layers.size(); }
    Layer<S>& layer(size_t i) { return *m_layers[i]; }
    const Layer<S>& layer(size_t i) const { return *m_layers[i]; }

    // x: (batch, in) -> returns (batch, out), valid until the next forward.
    const Mat<S>& forward(const Mat<S>& x, bool training, Rng& rng);
    // Backpropagates dL/dout through the last forward; accumulates parameter gradients.
    // Returns dL/dx, computed only when needInputGrad (it is a whole extra matrix product
    // that training does not use); otherwise the returned matrix is empty.
    const Mat<S>& backward(const Mat<S>& dout, bool needInputGrad = false);
    // Evaluation-mode forward with caller-owned scratch: const and thread-safe.
    // x: (batch, in) -> out: (batch, out)
    void infer(const Mat<S>& x, Mat<S>& out, Mat<S>& scratch) const;

    std::vector<Parameter<S>*> parameters();
    std::vector<const Parameter<S>*> parameters() const;
    std::vector<Buffer<S>*> buffers();
    std::vector<const Buffer<S>*> buffers() const;
    // The whole model state, parameters then buffers (checkpoints, early stopping). Restoring
    // throws std::invalid_argument, changing nothing, when the values belong to another network.
    std::vector<Mat<S>> modelValues() const;
    void setModelValues(const std::vector<Mat<S>>& values);
    // Every layer of type L, also inside parallel branches, in order.
    template <typename L> std::vector<L*> layersOf()
    {
        std::vector<L*> out;
        for (auto& l : m_layers)
            l->visit([&out](Layer<S>& x) {
                if (auto* t = dynamic_cast<L*>(&x))
                    out.push_back(t);
            });
        return out;
    }
    std::vector<Linear<S>*> linearLayers() { return layersOf<Linear<S>>(); }
    std::vector<Dropout<S>*> dropoutLayers() { return layersOf<Dropout<S>>(); }
    // Upper bound of the network's Lipschitz constant in evaluation mode: the product of
    // its layers' bounds, given each weight matrix's spectral norm.
    double lipschitzBound(const std::function<double(const Parameter<S>&)>& sigma) const;
    void zeroGrad();
    Index parameterCount() const;

private:
    std::vector<std::unique_ptr<Layer<S>>> m_layers;
    const Mat<S>* m_input = nullptr;
    std::vector<Mat<S>> m_acts;  // m_acts[i] = output of layer i
    std::vector<Mat<S>> m_grads; // ping-pong buffers for backward
};

enum class Init {
    Auto,       // He for ReLU-like activations, Xavier for tanh/sigmoid
    He,         // N(0, 2 / in)
    Xavier,     // U(-a, a), a = sqrt(6 / (in + out))
    Playground, // U(-0.5, 0.5), biases 0.1 (TensorFlow Playground)
    PyTorch     // weights and biases U(-1/sqrt(in), 1/sqrt(in)) (torch.nn.Linear's default)
};

struct MlpConfig {
    Index inputs = 2;
    std::vector<Index> hidden = {8, 8};
    Index outputs = 2;
    Activation activation = Activation::ReLU;
    Activation outputActivation = Activation::Identity;
    double dropout = 0.0; // a Dropout after each hidden activation when > 0 (or always, see below)
    bool alwaysAddDropout = false; // keep Dropout layers even at p = 0, so p can change live
    bool batchNorm = false; // a BatchNorm after each hidden Linear (named "bn0", "bn1", ...)
    // Parallel branches after the hidden layers (a BranchBlock), branch k with branchDepths[k]
    // Linear + activation pairs of the last hidden width (BatchNorm too, when on); their
    // layers are named "branch<k>.layer<j>". Empty: no block.
    std::vector<int> branchDepths;
    Index branchWidth = 0; // units of the branch layers; 0: the last hidden width (or the inputs)
    Init init = Init::Auto;
};

// Linear layers are named "layer0", "layer1", ... in order.
template <typename S> Sequential<S> makeMlp(const MlpConfig& config, Rng& rng);
// Draws a Linear layer's weights (and, for Playground/PyTorch, its biases) by `init`;
// Auto picks He for ReLU-like activations, else Xavier. Used by makeMlp and by labs that
// build their own layers, so every lab initialises the same way.
template <typename S> void initLinear(Linear<S>& layer, Init init, Activation activation, Rng& rng);

} // namespace reglab
