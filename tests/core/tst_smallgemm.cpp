// gemmWithEpilogue (nn/SmallGemm.h) against Eigen's product, in float (the AVX-512 kernel
// where the machine has it) and double: every shape class of its blocking (1-4 rows, the
// dot-product path; row counts around the 16- and 64-row blocks; column counts around the
// 6-column blocks; thin inner dimensions), B and B^T, operands that are blocks of larger
// matrices; and the same bits at any thread count.
#include "Parallel.h"
#include "Rng.h"
#include "nn/SmallGemm.h"

#include <QtTest>

using namespace reglab;

namespace {
template <typename S> Mat<S> randomMat(Index r, Index c, Rng& rng)
{
    Mat<S> m(r, c);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = S(rng.uniform(-1, 1));
    return m;
}

// C through the epilogue, which must see every entry exactly once.
template <typename S> Mat<S> product(const MatRef<S>& A, const MatRef<S>& W, bool t)
{
    const Index n = t ? W.rows() : W.cols();
    Mat<S> c = Mat<S>::Constant(A.rows(), n, S(1e30));
    Mat<int> seen = Mat<int>::Zero(A.rows(), n);
    gemmWithEpilogue<S>(A, W, t, [&](Index i0, Index rows, Index j, const S* acc) {
        for (Index i = 0; i < rows; ++i) {
            c(i0 + i, j) = acc[i];
            ++seen(i0 + i, j);
        }
    });
    if ((seen.array() != 1).any())
        c(0, 0) = std::numeric_limits<S>::quiet_NaN();
    return c;
}

template <typename S> void checkShapes(double tol)
{
    Rng rng(4);
    for (Index m : {1, 2, 4, 5, 16, 17, 63, 64, 65, 100, 256, 769})
        for (Index n : {1, 2, 6, 7, 10, 13, 64})
            for (Index k : {1, 2, 64}) {
                const Mat<S> big = randomMat<S>(m + 3, k, rng);
                const auto A = big.middleRows(1, m); // a block: leading dimension m + 3
                const Mat<S> bigW = randomMat<S>(k + 2, n + 1, rng);
                const Mat<S> W = bigW.block(1, 1, k, n), Wt = W.transpose();
                const Mat<S> expected = A * W;
                const Mat<S> got = product<S>(A, bigW.block(1, 1, k, n), false), gotT = product<S>(A, Wt, true);
                const double scale = std::max<double>(1.0, double(expected.cwiseAbs().maxCoeff()));
                QVERIFY2(double((got - expected).cwiseAbs().maxCoeff()) <= tol * scale,
                         qPrintable(QStringLiteral("W: m %1 n %2 k %3").arg(m).arg(n).arg(k)));
                QVERIFY2(double((gotT - expected).cwiseAbs().maxCoeff()) <= tol * scale,
                         qPrintable(QStringLiteral("W^T: m %1 n %2 k %3").arg(m).arg(n).arg(k)));
            }
}
} // namespace

class TestSmallGemm : public QObject {
    Q_OBJECT
private slots:
    void matchesEigenFloat() { checkShapes<float>(1e-5); }
    void matchesEigenDouble() { checkShapes<double>(1e-12); }

    // No threads inside, and each entry one dot product in k order: the same bits whatever
    // the thread count and whether A is a block.
    void deterministic()
    {
        Rng rng(9);
        const MatF A = randomMat<float>(300, 64, rng), W = randomMat<float>(64, 64, rng);
        setNumThreads(1);
        const MatF one = product<float>(A, W, false);
        setNumThreads(2);
        const MatF two = product<float>(A, W, false);
        QVERIFY(one == two);
        const MatF bigger = (MatF(302, 64) << MatF::Zero(1, 64), A, MatF::Zero(1, 64)).finished();
        QVERIFY(product<float>(bigger.middleRows(1, 300), W, false) == one);
    }
};

QTEST_GUILESS_MAIN(TestSmallGemm)
#include "tst_smallgemm.moc"
