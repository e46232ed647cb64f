#include "labs/classify/ClassifyViews.h"

#include "nn/ActivationLayer.h"
#include "nn/BranchBlock.h"
#include "nn/Linear.h"
#include "Parallel.h"

#include <algorithm>
#include <cmath>

namespace reglab {

namespace {

constexpr Index kPassChunk = 1024; // rows a forward at a time: bounded memory on big sets

// The top-level layers whose outputs are hidden units: activations before the last Linear.
std::vector<bool> hiddenLayers(const Sequential<float>& net)
{
    size_t lastLinear = 0;
    for (size_t i = 0; i < net.size(); ++i)
        if (dynamic_cast<const Linear<float>*>(&net.layer(i)))
            lastLinear = i;
    std::vector<bool> hidden(net.size(), false);
    for (size_t i = 0; i < lastLinear; ++i)
        hidden[i] = dynamic_cast<const ActivationLayer<float>*>(&net.layer(i)) != nullptr;
    return hidden;
}

NetworkNode nodeOf(std::string label, const MatF& values, Index column)
{
    NetworkNode n;
    n.label = std::move(label);
    n.map.resize(size_t(values.rows()));
    float scale = 0;
    for (Index r = 0; r < values.rows(); ++r) {
        n.map[size_t(r)] = values(r, column);
        scale = std::max(scale, std::abs(values(r, column)));
    }
    n.scale = scale > 0 ? scale : 1.0f;
    return n;
}

// W (in, out) of `linear` restricted to the shown nodes: [to * from + from].
std::vector<float> linksOf(const Linear<float>& linear, size_t fromShown, size_t toShown)
{
    const MatF& w = linear.weight().value;
    std::vector<float> out(fromShown * toShown);
    for (size_t t = 0; t < toShown; ++t)
        for (size_t f = 0; f < fromShown; ++f)
            out[t * fromShown + f] = w(Index(f), Index(t));
    return out;
}

} // namespace

void validationPass(const Sequential<float>& net, const MatF& x, std::vector<int>* predicted,
                    std::vector<std::vector<uint8_t>>* alive)
{
    const std::vector<bool> hidden = hiddenLayers(net);
    if (predicted)
        predicted->assign(size_t(x.rows()), 0);
    if (alive)
        alive->clear();
    MatF out, scratch;
    for (Index begin = 0; begin < x.rows(); begin += kPassChunk) {
        const Index rows = std::min(kPassChunk, x.rows() - begin);
        out = x.middleRows(begin, rows);
        size_t h = 0;
        for (size_t i = 0; i < net.size(); ++i) {
            net.layer(i).infer(out, scratch);
            std::swap(out, scratch);
            if (!hidden[i] || !alive)
                continue;
            if (alive->size() <= h)
                alive->emplace_back(size_t(out.cols()), uint8_t(0));
            auto& a = (*alive)[h++];
            for (Index u = 0; u < out.cols(); ++u)
                if (!a[size_t(u)] && out.col(u).cwiseAbs().maxCoeff() > 0.0f)
                    a[size_t(u)] = 1;
        }
        if (predicted)
            for (Index r = 0; r < rows; ++r) {
                Index arg;
                out.row(r).maxCoeff(&arg);
                (*predicted)[size_t(begin + r)] = int(arg);
            }
    }
}

GridView makePlaneGrid(const Sequential<float>& net, const DataSplit& points, const FeatureMap& features, int side,
                       bool regression)
{
    GridView g;
    g.id = regression ? "output" : "boundary";
    g.title = regression ? "Output" : "Decision boundary";
    g.centered = regression; // Playground's blue-white-orange around 0
    const MatF& all = points.train.x;
    const MatF& val = points.val.x;
    // In double: a CSV whose features span +-2e38 overflows a float span to inf.
    const double x0 = std::min(all.col(0).minCoeff(), val.col(0).minCoeff());
    const double x1 = std::max(all.col(0).maxCoeff(), val.col(0).maxCoeff());
    const double y0 = std::min(all.col(1).minCoeff(), val.col(1).minCoeff());
    const double y1 = std::max(all.col(1).maxCoeff(), val.col(1).maxCoeff());
    const double padX = 0.1 * std::max(1e-3, x1 - x0), padY = 0.1 * std::max(1e-3, y1 - y0);
    g.xMin = x0 - padX;
    g.xMax = x1 + padX;
    g.yMin = y0 - padY;
    g.yMax = y1 + padY;
    g.width = g.height = side;
    g.numClasses = regression ? 0 : int(net.parameters().back()->value.cols());
    g.value.resize(size_t(side * side));
    if (!regression)
        g.cls.resize(size_t(side * side));
    const double cost = 2.0 * double(net.parameterCount()) * side;
    parallelFor(side, 1, cost, [&](int64_t r0, int64_t r1) {
        MatF pts(side, 2), out, scratch;
        for (int64_t r = r0; r < r1; ++r) {
            const double y = g.yMax - (double(r) + 0.5) / side * (g.yMax - g.yMin);
            for (int c = 0; c < side; ++c) {
                pts(c, 0) = float(g.xMin + (c + 0.5) / side * (g.xMax - g.xMin));
                pts(c, 1) = float(y);
            }
            net.infer(features.isIdentity() ? pts : features.apply(pts), out, scratch);
            for (int c = 0; c < side; ++c) {
                const size_t k = size_t(r * side + c);
                if (regression) {
                    g.value[k] = out(c, 0);
                    continue;
                }
                Index arg;
                const float m = out.row(c).maxCoeff(&arg);
                const float z = (out.row(c).array() - m).exp().sum();
                g.cls[k] = int16_t(arg);
                g.value[k] = 1.0f / z; // softmax probability of the predicted class
            }
        }
    });
    return g;
}

NetworkView makeNetworkView(const Sequential<float>& net, const GridView& domain, int side,
                            const std::vector<std::vector<uint8_t>>& alive,
                            const FeatureMap& features, int maxUnits)
{
    NetworkView v;
    v.id = "network";
    v.title = "Network";
    v.side = side;
    v.xMin = domain.xMin;
    v.xMax = domain.xMax;
    v.yMin = domain.yMin;
    v.yMax = domain.yMax;
    const Index cells = Index(side) * side;
    MatF plane(cells, 2), scratch;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            plane(r * side + c, 0) = float(v.xMin + (c + 0.5) / side * (v.xMax - v.xMin));
            plane(r * side + c, 1) = float(v.yMax - (r + 0.5) / side * (v.yMax - v.yMin));
        }
    MatF out = features.isIdentity() ? plane : features.apply(plane); // what the net is fed
    const std::vector<std::string> names = features.names();
    NetworkLayer input;
    input.title = "input";
    input.units = int(out.cols());
    for (Index f = 0; f < out.cols(); ++f)
        input.nodes.push_back(nodeOf(names[size_t(f)], out, f));
    v.layers.push_back(std::move(input));

    const std::vector<bool> hidden = hiddenLayers(net);
    const Linear<float>* linear = nullptr; // the one Linear since the last column, else null
    int linears = 0;
    bool opaque = false; // a branch block since the last column: its links are not drawn
    auto addColumn = [&](NetworkLayer layer) {
        if (linear && linears == 1 && !opaque)
            layer.weightsIn = linksOf(*linear, v.layers.back().nodes.size(), layer.nodes.size());
        else
            v.note = "The links through the branch block are not drawn.";
        v.layers.push_back(std::move(layer));
        linear = nullptr;
        linears = 0;
        opaque = false;
    };
    for (size_t i = 0; i < net.size(); ++i) {
        const Layer<float>& l = net.layer(i);
        if (const auto* lin = dynamic_cast<const Linear<float>*>(&l)) {
            linear = lin;
            ++linears;
        }
        if (dynamic_cast<const BranchBlock<float>*>(&l))
            opaque = true;
        l.infer(out, scratch);
        std::swap(out, scratch);
        if (!hidden[i])
            continue;
        const size_t h = v.layers.size() - 1; // this hidden layer's index among the hidden ones
        NetworkLayer layer;
        layer.title = "hidden " + std::to_string(h + 1);
        layer.units = int(out.cols());
        for (Index u = 0; u < out.cols(); ++u) {
            const bool dead = h < alive.size() && size_t(u) < alive[h].size() && !alive[h][size_t(u)];
            layer.deadUnits += dead ? 1 : 0;
            if (u < maxUnits) {
                layer.nodes.push_back(nodeOf("unit " + std::to_string(u + 1), out, u));
                layer.nodes.back().dead = dead;
            }
        }
        addColumn(std::move(layer));
    }
    NetworkLayer output;
    output.title = "output";
    output.units = int(out.cols());
    if (out.cols() == 1) { // a regressor (a classifier has at least two outputs): its value
        output.nodes.push_back(nodeOf("output", out, 0));
        addColumn(std::move(output));
        return v;
    }
    // The outputs: each class's softmax probability.
    MatF prob = out;
    for (Index r = 0; r < prob.rows(); ++r) {
        const float m = prob.row(r).maxCoeff();
        prob.row(r) = (prob.row(r).array() - m).exp();
        prob.row(r) /= prob.row(r).sum();
    }
    for (Index k = 0; k < prob.cols() && k < maxUnits; ++k) {
        output.nodes.push_back(nodeOf("class " + std::to_string(k), prob, k));
        output.nodes.back().scale = 1.0f;
    }
    addColumn(std::move(output));
    return v;
}

GridView makeConfusionMatrix(const std::vector<int>& truth, const std::vector<int>& predicted, int numClasses,
                             const std::vector<std::string>& classNames)
{
    GridView g;
    g.id = "confusion";
    g.title = "Confusion matrix (validation)";
    g.width = g.height = numClasses;
    g.value.assign(size_t(numClasses) * size_t(numClasses), 0.0f);
    for (size_t i = 0; i < truth.size() && i < predicted.size(); ++i)
        if (truth[i] >= 0 && truth[i] < numClasses && predicted[i] >= 0 && predicted[i] < numClasses)
            g.value[size_t(truth[i]) * size_t(numClasses) + size_t(predicted[i])] += 1.0f;
    for (int k = 0; k < numClasses; ++k)
        g.xLabels.push_back(size_t(k) < classNames.size() ? classNames[size_t(k)] : std::to_string(k));
    g.yLabels = g.xLabels;
    g.note = "rows: true class, columns: predicted";
    return g;
}

ImagesView makeImagesView(const Dataset& d, const std::vector<int>& predicted, int count)
{
    ImagesView v;
    v.id = "images";
    v.title = "Validation images";
    const int side = int(std::lround(std::sqrt(double(d.features()))));
    if (side * side != d.features())
        return v;
    v.width = v.height = side;
    v.classNames = d.classNames;
    const Index n = std::min<Index>(count, std::min<Index>(d.size(), Index(predicted.size())));
    for (Index i = 0; i < n; ++i) {
        for (Index p = 0; p < d.features(); ++p)
            v.pixels.push_back(d.x(i, p));
        v.label.push_back(d.y[size_t(i)]);
        v.predicted.push_back(predicted[size_t(i)]);
    }
    return v;
}

} // namespace reglab
