#include "nn/Linear.h"

#include "Parallel.h"
#include "nn/SmallGemm.h"
#include "nn/Transpose.h"

#include <type_traits>

namespace reglab {

namespace {
// Products are cut into blocks of fixed size, never into one block per thread, so every
// element is computed by the same kernel call at any thread count (bit-identical results).
constexpr Index kRowBlock = 64;
constexpr Index kColBlock = 64;

// float products of at least this many multiply-adds run on SmallGemm's kernel: one sum in
// k order per entry, no packing, ~110 GFLOP/s on a W2 step's shapes where Eigen's GEMM
// reaches ~85. Smaller ones (a playground net's) keep Eigen's product, faster for them.
constexpr double kKernelMinWork = 32768;

template <typename S> bool onKernel(Index m, Index n, Index k)
{
    return std::is_same_v<S, float> && double(m) * double(n) * double(k) >= kKernelMinWork;
}

// C = A op(B), handed to epi(row, rows, col, acc) in blocks, parallel over 64-row blocks
// of A. Each entry is one sum in k order, so the split does not change a bit.
template <typename S, typename Epi> void kernelProduct(const Mat<S>& A, const Mat<S>& B, bool transposeB, Epi epi)
{
    const Index n = transposeB ? B.rows() : B.cols();
    parallelFor(A.rows(), kRowBlock, 2.0 * double(A.cols()) * double(n), [&](int64_t b, int64_t e) {
        gemmWithEpilogue<S>(A.middleRows(b, e - b), B, transposeB,
                            [&](Index i0, Index rows, Index j, const S* acc) { epi(Index(b) + i0, rows, j, acc); });
    });
}

} // namespace

template <typename S>
Linear<S>::Linear(Index in, Index out, const std::string& name)
{
    m_weight.name = name + ".weight";
    m_weight.value = Mat<S>::Zero(in, out);
    m_weight.grad = Mat<S>::Zero(in, out);
    m_bias.name = name + ".bias";
    m_bias.value = Mat<S>::Zero(1, out);
    m_bias.grad = Mat<S>::Zero(1, out);
    m_bias.isBias = true;
}

template <typename S> void Linear<S>::forward(const Mat<S>& x, Mat<S>& y, bool, Rng&) { infer(x, y); }

template <typename S> void Linear<S>::infer(const Mat<S>& x, Mat<S>& y) const
{
    const Mat<S>& W = m_weight.value;
    if (onKernel<S>(x.rows(), W.cols(), W.rows())) {
        y.resize(x.rows(), W.cols());
        const S* bias = m_bias.value.data();
        kernelProduct<S>(x, W, false, [&](Index i0, Index rows, Index j, const S* acc) {
            S* c = y.data() + j * y.rows() + i0;
            for (Index r = 0; r < rows; ++r)
                c[r] = acc[r] + bias[j];
        });
        return;
    }
    if (x.rows() <= kRowBlock) {
        y.noalias() = x * W;
    } else {
        y.resize(x.rows(), W.cols());
        parallelFor(x.rows(), kRowBlock, 2.0 * double(W.size()), [&](int64_t b, int64_t e) {
            y.middleRows(b, e - b).noalias() = x.middleRows(b, e - b) * W;
        });
    }
    y.rowwise() += m_bias.value.row(0);
}

template <typename S> void Linear<S>::backward(const Mat<S>& x, const Mat<S>&, const Mat<S>& dy, Mat<S>* dx)
{
    const Mat<S>& W = m_weight.value;
    Mat<S>& dW = m_weight.grad;
    if (onKernel<S>(dW.rows(), dW.cols(), x.rows())) {
        // dW += x^T dy: the kernel wants x^T with contiguous columns.
        transposeInto(x, m_xT);
        kernelProduct<S>(m_xT, dy, false, [&](Index i0, Index rows, Index j, const S* acc) {
            S* c = dW.data() + j * dW.rows() + i0;
            for (Index r = 0; r < rows; ++r)
                c[r] += acc[r];
        });
    } else if (dW.cols() <= kColBlock) {
        dW.noalias() += x.transpose() * dy;
    } else {
        // By blocks of output columns: each block sums over the batch on its own.
        parallelFor(dW.cols(), kColBlock, 2.0 * double(x.rows() * x.cols()), [&](int64_t b, int64_t e) {
            dW.middleCols(b, e - b).noalias() += x.transpose() * dy.middleCols(b, e - b);
        });
    }
    m_bias.grad += dy.colwise().sum();
    if (!dx)
        return;
    if (onKernel<S>(dy.rows(), W.rows(), W.cols())) {
        dx->resize(dy.rows(), W.rows());
        kernelProduct<S>(dy, W, true, [&](Index i0, Index rows, Index j, const S* acc) {
            S* c = dx->data() + j * dx->rows() + i0;
            for (Index r = 0; r < rows; ++r)
                c[r] = acc[r];
        });
    } else if (dy.rows() <= kRowBlock) {
        dx->noalias() = dy * W.transpose();
    } else {
        dx->resize(dy.rows(), W.rows());
        parallelFor(dy.rows(), kRowBlock, 2.0 * double(W.size()), [&](int64_t b, int64_t e) {
            dx->middleRows(b, e - b).noalias() = dy.middleRows(b, e - b) * W.transpose();
        });
    }
}

template class Linear<float>;
template class Linear<double>;

} // namespace reglab
