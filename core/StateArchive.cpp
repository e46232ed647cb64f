#include "StateArchive.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace reglab {

StateArchive::StateArchive() : m_reading(false) {}
StateArchive::StateArchive(std::string bytes) : m_reading(true), m_bytes(std::move(bytes)) {}

void StateArchive::fail(const std::string& what) const
{
    throw std::invalid_argument("the saved training state does not fit this run: " + what);
}

void StateArchive::raw(void* data, size_t n)
{
    if (!m_reading) {
        m_bytes.append(static_cast<const char*>(data), n);
        return;
    }
    if (n > m_bytes.size() - m_pos)
        fail("it ends too early (a truncated file?)");
    if (n > 0)
        std::memcpy(data, m_bytes.data() + m_pos, n);
    m_pos += n;
}

void StateArchive::tag(Tag t)
{
    uint8_t v = t;
    raw(&v, 1);
    if (m_reading && v != t)
        fail("its fields are not those of this lab (byte " + std::to_string(m_pos - 1) + ")");
}

uint64_t StateArchive::count(uint64_t v, uint64_t bytesEach)
{
    raw(&v, sizeof v);
    if (m_reading && bytesEach > 0 && v > (m_bytes.size() - m_pos) / bytesEach)
        fail("a list is longer than the file");
    return v;
}

void StateArchive::io(bool& v)
{
    tag(TBool);
    uint8_t b = v ? 1 : 0;
    raw(&b, 1);
    if (m_reading && b > 1)
        fail("a yes/no field holds " + std::to_string(b));
    v = b == 1;
}

void StateArchive::io(int& v)
{
    tag(TInt);
    int64_t w = v;
    raw(&w, sizeof w);
    if (m_reading && (w < INT32_MIN || w > INT32_MAX))
        fail("a counter is out of range");
    v = int(w);
}

void StateArchive::io(int64_t& v)
{
    tag(TI64);
    raw(&v, sizeof v);
}

void StateArchive::io(uint64_t& v)
{
    tag(TU64);
    raw(&v, sizeof v);
}

void StateArchive::io(double& v)
{
    tag(TDouble);
    raw(&v, sizeof v);
}

void StateArchive::io(std::string& v)
{
    tag(TString);
    const uint64_t n = count(v.size(), 1);
    if (m_reading)
        v.assign(m_bytes, m_pos, size_t(n));
    else
        raw(v.data(), v.size());
    if (m_reading)
        m_pos += size_t(n);
}

void StateArchive::io(Rng& rng)
{
    tag(TRng);
    std::array<uint64_t, 4> w = rng.words();
    raw(w.data(), sizeof w);
    if (m_reading) {
        if (w == std::array<uint64_t, 4>{})
            fail("a random stream is all zeros");
        rng.setWords(w);
    }
}

void StateArchive::permutation(std::vector<int>& order)
{
    tag(TPerm);
    const size_t n = order.size();
    uint64_t len = count(n, sizeof(int32_t));
    if (m_reading && len != n)
        fail("an order over " + std::to_string(len) + " items where this data set has " + std::to_string(n));
    std::vector<char> seen(m_reading ? n : 0, 0);
    for (int& i : order) {
        int32_t w = i;
        raw(&w, sizeof w);
        if (m_reading) {
            if (w < 0 || size_t(w) >= n || seen[size_t(w)])
                fail("an order of the data is not a permutation");
            seen[size_t(w)] = 1;
            i = w;
        }
    }
}

void StateArchive::index(size_t& v, size_t max)
{
    uint64_t w = v;
    io(w);
    v = size_t(w);
    if (m_reading && v > max)
        fail("a position " + std::to_string(v) + " is past " + std::to_string(max));
}

void StateArchive::finish() const
{
    if (m_reading && m_pos != m_bytes.size())
        fail(std::to_string(m_bytes.size() - m_pos) + " bytes are left over");
}

} // namespace reglab
