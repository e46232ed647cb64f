#pragma once
// C = A op(B) for the products of a small MLP's step, with the elementwise work that
// follows each product (bias and activation, a mask) done on each block of C while it is
// still in L1. A is column-major with contiguous columns (a weight, or a batch stored one
// sample per column); B is read one entry at a time, so op(B) = B or B^T cost the same.
// A 64x64 by 64x256 product runs in ~20 us on one core, where Eigen's general GEMM spends
// ~28: it packs both operands and zeroes C on every call, a large part of a product this
// small.
//
// The epilogue is called once per block of one column: epi(i0, rows, j, acc) with
// acc[0 .. rows) = C(i0 .. i0 + rows, j); it stores them where they belong. Each entry of
// C is one sum in k order, so results do not depend on blocking, threads or where the
// operands live. float on AVX-512 uses the kernel below; anything else Eigen's product.
#include "Types.h"

#include <algorithm>
#include <type_traits>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace reglab {

template <typename S> using MatRef = Eigen::Ref<const Mat<S>, 0, Eigen::OuterStride<>>;

namespace smallgemm {

#if defined(__AVX512F__)
// One MR*16 x NR block of C: MR vectors of A's column k times NR broadcasts of B(k, j),
// summed over k. The last vector of the block is masked (`last`) for a row count not a
// multiple of 16. B(k, j) is at B[k * sk + j * sj].
template <int MR, int NR, typename Epi>
inline void block(Index K, const float* A, Index lda, const float* B, Index sk, Index sj, Index i0, Index j0,
                  Index rows, __mmask16 last, Epi& epi)
{
    // The small loops are unrolled before GCC decides where c[][] lives: it must be registers.
    __m512 c[MR][NR];
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
        for (int q = 0; q < NR; ++q)
            c[r][q] = _mm512_setzero_ps();
    for (Index k = 0; k < K; ++k) {
        const float* ak = A + k * lda;
        __m512 a[MR];
#pragma GCC unroll 8
        for (int r = 0; r < MR; ++r)
            a[r] = r == MR - 1 ? _mm512_maskz_loadu_ps(last, ak + 16 * r) : _mm512_loadu_ps(ak + 16 * r);
        const float* bk = B + k * sk;
#pragma GCC unroll 8
        for (int q = 0; q < NR; ++q) {
            const __m512 b = _mm512_set1_ps(bk[q * sj]);
#pragma GCC unroll 8
            for (int r = 0; r < MR; ++r)
                c[r][q] = _mm512_fmadd_ps(a[r], b, c[r][q]);
        }
    }
    // All accumulators out first, in a loop the compiler unrolls: with the epilogue's calls in
    // the same loop GCC keeps c[][] in memory and stores it on every k.
    alignas(64) float acc[NR][MR * 16];
#pragma GCC unroll 8
    for (int q = 0; q < NR; ++q)
#pragma GCC unroll 8
        for (int r = 0; r < MR; ++r)
            _mm512_store_ps(acc[q] + 16 * r, c[r][q]);
    for (int q = 0; q < NR; ++q)
        epi(i0, rows, j0 + q, static_cast<const float*>(acc[q]));
}

// All rows of C for the NR columns starting at j0: 64-row blocks, then one block of the rest.
template <int NR, typename Epi>
inline void columns(Index M, Index K, const float* A, Index lda, const float* B, Index sk, Index sj, Index j0,
                    Epi& epi)
{
    const float* b = B + j0 * sj;
    Index i = 0;
    for (; i + 64 <= M; i += 64)
        block<4, NR>(K, A + i, lda, b, sk, sj, i, j0, 64, __mmask16(0xFFFF), epi);
    const Index rest = M - i;
    if (rest == 0)
        return;
    const int tail = int(rest % 16);
    const __mmask16 last = tail == 0 ? __mmask16(0xFFFF) : __mmask16((1u << tail) - 1);
    switch ((rest + 15) / 16) {
    case 1: block<1, NR>(K, A + i, lda, b, sk, sj, i, j0, rest, last, epi); break;
    case 2: block<2, NR>(K, A + i, lda, b, sk, sj, i, j0, rest, last, epi); break;
    case 3: block<3, NR>(K, A + i, lda, b, sk, sj, i, j0, rest, last, epi); break;
    default: block<4, NR>(K, A + i, lda, b, sk, sj, i, j0, rest, last, epi); break;
    }
}
#endif

#if defined(__AVX512F__)
// thinRows for float: M dot products per column of B, 16 lanes of k at a time; at: A^T,
// (K, M) contiguous.
template <int M, typename Epi>
inline void thinRowsAvx(Index K, const float* at, const MatRef<float>& B, Epi& epi)
{
    const int tail = int(K % 16);
    const __mmask16 last = tail == 0 ? __mmask16(0xFFFF) : __mmask16((1u << tail) - 1);
    alignas(64) float acc[M];
    for (Index j = 0; j < B.cols(); ++j) {
        const float* b = B.col(j).data();
        __m512 sum[M];
#pragma GCC unroll 4
        for (int r = 0; r < M; ++r)
            sum[r] = _mm512_setzero_ps();
        for (Index k = 0; k < K; k += 16) {
            const __mmask16 m = k + 16 <= K ? __mmask16(0xFFFF) : last;
            const __m512 bv = _mm512_maskz_loadu_ps(m, b + k);
#pragma GCC unroll 4
            for (int r = 0; r < M; ++r)
                sum[r] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, at + r * K + k), bv, sum[r]);
        }
#pragma GCC unroll 4
        for (int r = 0; r < M; ++r)
            acc[r] = _mm512_reduce_add_ps(sum[r]);
        epi(Index(0), Index(M), j, static_cast<const float*>(acc));
    }
}
#endif

// Few rows of C (an output layer, an input gradient): each entry as one dot product of a
// row of A (copied out once) and a contiguous column of B; the blocks above would fill one
// lane in 16.
template <typename S, typename Epi>
void thinRows(const MatRef<S>& A, const MatRef<S>& B, Epi& epi)
{
    constexpr Index kMax = 4;
    const Index M = A.rows(), K = A.cols();
    Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, 0, Eigen::Dynamic, kMax> At = A.transpose(); // (K, M)
    S acc[kMax];
#if defined(__AVX512F__)
    if constexpr (std::is_same_v<S, float>) {
        switch (M) {
        case 1: thinRowsAvx<1>(K, At.data(), B, epi); return;
        case 2: thinRowsAvx<2>(K, At.data(), B, epi); return;
        case 3: thinRowsAvx<3>(K, At.data(), B, epi); return;
        default: thinRowsAvx<4>(K, At.data(), B, epi); return;
        }
    }
#endif
    for (Index j = 0; j < B.cols(); ++j) {
        for (Index m = 0; m < M; ++m)
            acc[m] = At.col(m).dot(B.col(j));
        epi(Index(0), M, j, static_cast<const S*>(acc));
    }
}

} // namespace smallgemm

// C = A B (transposeB false; B: (k, n)) or A B^T (true; B: (n, k)), A: (m, k), handed to
// epi block by block (see above). A and B may be blocks of larger matrices.
template <typename S, typename Epi>
void gemmWithEpilogue(const MatRef<S>& A, const MatRef<S>& B, bool transposeB, Epi&& epi)
{
    const Index M = A.rows(), K = A.cols(), N = transposeB ? B.rows() : B.cols();
    if (M <= 4 && !transposeB) {
        smallgemm::thinRows<S>(A, B, epi);
        return;
    }
#if defined(__AVX512F__)
    if constexpr (std::is_same_v<S, float>) {
        const Index ldb = B.outerStride();
        const Index sk = transposeB ? ldb : 1, sj = transposeB ? 1 : ldb;
        const float* a = A.data();
        const Index lda = A.outerStride();
        Index j = 0;
        for (; j + 6 <= N; j += 6)
            smallgemm::columns<6>(M, K, a, lda, B.data(), sk, sj, j, epi);
        switch (N - j) {
        case 0: break;
        case 1: smallgemm::columns<1>(M, K, a, lda, B.data(), sk, sj, j, epi); break;
        case 2: smallgemm::columns<2>(M, K, a, lda, B.data(), sk, sj, j, epi); break;
        case 3: smallgemm::columns<3>(M, K, a, lda, B.data(), sk, sj, j, epi); break;
        case 4: smallgemm::columns<4>(M, K, a, lda, B.data(), sk, sj, j, epi); break;
        default: smallgemm::columns<5>(M, K, a, lda, B.data(), sk, sj, j, epi); break;
        }
        return;
    }
#endif
    Mat<S> c(M, N);
    if (transposeB)
        c.noalias() = A * B.transpose();
    else
        c.noalias() = A * B;
    for (Index j = 0; j < N; ++j)
        epi(Index(0), M, j, static_cast<const S*>(c.col(j).data()));
}

} // namespace reglab
