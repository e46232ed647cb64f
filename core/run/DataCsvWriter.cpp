#include "run/DataCsvWriter.h"

#include "run/CsvWriter.h"

#include <fstream>

namespace reglab {

void DataCsvWriter::write(std::ostream& out, const Dataset& data)
{
    CsvWriter csv(out);
    std::vector<std::string> header;
    const bool named = data.featureNames.size() == size_t(data.features());
    for (Index c = 0; c < data.features(); ++c)
        header.push_back(named ? data.featureNames[size_t(c)] : "x" + std::to_string(c));
    header.push_back("label");
    csv.writeHeader(header);
    std::string line;
    for (Index r = 0; r < data.size(); ++r) {
        line.clear();
        for (Index c = 0; c < data.features(); ++c) {
            line += CsvWriter::number(data.x(r, c)); // shortest text of the float: "0.3", not "0.30000001"
            line += ',';
        }
        line += std::to_string(r < Index(data.y.size()) ? data.y[size_t(r)] : -1);
        out << line << '\n';
    }
}

std::string DataCsvWriter::write(const std::string& path, const Dataset& data)
{
    std::ofstream f(path, std::ios::trunc);
    if (!f)
        return "cannot create '" + path + "'";
    write(f, data);
    f.close();
    if (!f)
        return "cannot write '" + path + "' (disk full?)";
    return {};
}

} // namespace reglab
