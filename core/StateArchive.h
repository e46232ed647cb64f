#pragma once
// The training state of a lab (weights, optimizer moments, random streams, counters) as
// bytes, for session files that continue where they stopped. One function per state says
// what it holds, for both directions (`a.io(x)` writes x, or reads into it), so the
// writer and the reader cannot drift apart.
//
// Reading never trusts the bytes: every field carries a type tag, a matrix read into a
// non-empty one must have its shape, counts are bounded by the bytes left, and a
// mismatch throws std::invalid_argument with one sentence. Little-endian floats, exact.
#include "Rng.h"
#include "Types.h"

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace reglab {

class StateArchive {
public:
    StateArchive();                                // writes
    explicit StateArchive(std::string bytes);      // reads `bytes`
    bool reading() const { return m_reading; }
    const std::string& bytes() const { return m_bytes; }

    void io(bool& v);
    void io(int& v);
    void io(int64_t& v);
    void io(uint64_t& v);
    void io(double& v);
    void io(std::string& v);
    void io(Rng& rng);
    template <typename S> void io(Mat<S>& m);
    template <typename S> void io(ColVec<S>& v);
    // A vector of matrices read into a non-empty one must have its count (and shapes).
    template <typename S> void io(std::vector<Mat<S>>& list);
    template <typename S> void io(std::vector<ColVec<S>>& list);
    template <typename S> void io(std::vector<S>& list);
    // An order over `n` items: reading requires a permutation of 0..n-1 (n = its size now).
    void permutation(std::vector<int>& order);
    // A position in [0, max].
    void index(size_t& v, size_t max);

    // Reading: throws unless every byte was used.
    void finish() const;

private:
    enum Tag : uint8_t { TBool = 1, TInt, TI64, TU64, TDouble, TString, TRng, TMat, TList, TPerm };
    void tag(Tag t);
    void raw(void* data, size_t n);
    uint64_t count(uint64_t v, uint64_t bytesEach); // a length, bounded by what is left
    [[noreturn]] void fail(const std::string& what) const;
    template <typename M> void anyMatrix(M& m);
    template <typename M> void matrices(std::vector<M>& list);

    bool m_reading;
    std::string m_bytes;
    size_t m_pos = 0;
};

template <typename M> void StateArchive::anyMatrix(M& m)
{
    using S = typename M::Scalar;
    tag(TMat);
    uint8_t width = sizeof(S);
    raw(&width, 1);
    int64_t rows = m.rows(), cols = m.cols();
    raw(&rows, sizeof rows);
    raw(&cols, sizeof cols);
    if (m_reading) {
        if (width != sizeof(S))
            fail("a matrix holds numbers of another precision");
        if (rows < 0 || cols < 0 || (M::ColsAtCompileTime == 1 && cols != 1))
            fail("a matrix has an impossible shape");
        if (m.size() > 0 && (rows != m.rows() || cols != m.cols()))
            fail("a " + std::to_string(rows) + "x" + std::to_string(cols) + " matrix does not fit the "
                 + std::to_string(m.rows()) + "x" + std::to_string(m.cols()) + " one of this network");
        if (rows > 0 && uint64_t(cols) > (m_bytes.size() - m_pos) / sizeof(S) / uint64_t(rows))
            fail("a matrix is longer than the file");
        m.resize(rows, cols);
    }
    raw(m.data(), size_t(m.size()) * sizeof(S));
}

template <typename S> void StateArchive::io(Mat<S>& m) { anyMatrix(m); }
template <typename S> void StateArchive::io(ColVec<S>& v) { anyMatrix(v); }

template <typename M> void StateArchive::matrices(std::vector<M>& list)
{
    tag(TList);
    uint64_t n = count(list.size(), 1 + 1 + 16);
    if (m_reading && !list.empty() && n != list.size())
        fail("it holds " + std::to_string(n) + " matrices where this network has " + std::to_string(list.size()));
    list.resize(size_t(n));
    for (auto& m : list)
        anyMatrix(m);
}

template <typename S> void StateArchive::io(std::vector<Mat<S>>& list) { matrices(list); }
template <typename S> void StateArchive::io(std::vector<ColVec<S>>& list) { matrices(list); }

template <typename S> void StateArchive::io(std::vector<S>& list)
{
    static_assert(std::is_arithmetic_v<S>);
    tag(TList);
    uint64_t n = count(list.size(), sizeof(S));
    if (m_reading && !list.empty() && n != list.size())
        fail("a list has " + std::to_string(n) + " numbers where " + std::to_string(list.size()) + " belong");
    list.resize(size_t(n));
    raw(list.data(), list.size() * sizeof(S));
}

} // namespace reglab
