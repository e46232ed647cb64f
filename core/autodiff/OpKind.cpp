#include "autodiff/OpKind.h"

namespace reglab {

const char* opName(OpKind op)
{
    switch (op) {
    case OpKind::Leaf: return "leaf";
    case OpKind::Add: return "add";
    case OpKind::Sub: return "sub";
    case OpKind::Mul: return "mul";
    case OpKind::Div: return "div";
    case OpKind::DivSafe: return "divSafe";
    case OpKind::Neg: return "neg";
    case OpKind::Scale: return "scale";
    case OpKind::AddScalar: return "addScalar";
    case OpKind::ScaleByVar: return "scaleByVar";
    case OpKind::MatMul: return "matmul";
    case OpKind::Transpose: return "transpose";
    case OpKind::AddRow: return "addRow";
    case OpKind::AddCol: return "addCol";
    case OpKind::BroadcastRows: return "broadcastRows";
    case OpKind::BroadcastCols: return "broadcastCols";
    case OpKind::Fill: return "fill";
    case OpKind::Sum: return "sum";
    case OpKind::SumRows: return "sumRows";
    case OpKind::SumCols: return "sumCols";
    case OpKind::Square: return "square";
    case OpKind::Sqrt: return "sqrt";
    case OpKind::Exp: return "exp";
    case OpKind::Log: return "log";
    case OpKind::Tanh: return "tanh";
    case OpKind::Sigmoid: return "sigmoid";
    case OpKind::Softplus: return "softplus";
    case OpKind::Relu: return "relu";
    case OpKind::LeakyRelu: return "leakyRelu";
    case OpKind::Abs: return "abs";
    case OpKind::SoftmaxRows: return "softmaxRows";
    case OpKind::LogSoftmaxRows: return "logSoftmaxRows";
    case OpKind::SoftmaxCrossEntropy: return "softmaxCrossEntropy";
    case OpKind::BceWithLogits: return "bceWithLogits";
    case OpKind::MeanSquaredError: return "meanSquaredError";
    case OpKind::GatherRows: return "gatherRows";
    case OpKind::ScatterAddRows: return "scatterAddRows";
    case OpKind::BlockMatMul: return "blockMatmul";
    case OpKind::Slice: return "slice";
    case OpKind::Pad: return "pad";
    }
    return "unknown";
}

} // namespace reglab
