#include "run/NpyWriter.h"

#include <cstdint>
#include <cstring>
#include <fstream>

namespace reglab {

std::string NpyWriter::header(Index rows, Index cols, bool vector)
{
    const std::string shape = vector ? "(" + std::to_string(cols) + ",)"
                                     : "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")";
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // 6 magic + 2 version + 2 length bytes precede the dict; pad so that total % 64 == 0.
    const size_t prefix = 10;
    size_t total = prefix + dict.size() + 1; // + '\n'
    const size_t padded = (total + 63) / 64 * 64;
    dict.append(padded - total, ' ');
    dict += '\n';
    const auto len = static_cast<uint16_t>(dict.size());
    std::string out("\x93NUMPY\x01\x00", 8);
    out += char(len & 0xFF);
    out += char(len >> 8);
    out += dict;
    return out;
}

std::string NpyWriter::encode(const MatF& m, bool vector)
{
    vector = vector && m.rows() == 1;
    std::string out = header(m.rows(), m.cols(), vector);
    const size_t start = out.size();
    out.resize(start + size_t(m.rows()) * size_t(m.cols()) * 4);
    char* p = out.data() + start;
    // Eigen stores column-major; .npy C order wants row after row.
    for (Index r = 0; r < m.rows(); ++r)
        for (Index c = 0; c < m.cols(); ++c) {
            uint32_t bits;
            const float v = m(r, c);
            std::memcpy(&bits, &v, 4);
            // Little-endian regardless of the machine.
            p[0] = char(bits & 0xFF);
            p[1] = char((bits >> 8) & 0xFF);
            p[2] = char((bits >> 16) & 0xFF);
            p[3] = char(bits >> 24);
            p += 4;
        }
    return out;
}

std::string NpyWriter::write(const std::string& path, const MatF& m, bool vector)
{
    const std::string bytes = encode(m, vector);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f)
        return "cannot create '" + path + "'";
    f.write(bytes.data(), std::streamsize(bytes.size()));
    f.close();
    if (!f)
        return "cannot write '" + path + "' (disk full?)";
    return {};
}

} // namespace reglab
