#include "data/EscapeMaps.h"

#include "data/CsvText.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace reglab {

// Embedded by core/CMakeLists.txt (reglab_embed).
extern const unsigned char kEscapeRegnCsv[];
extern const std::size_t kEscapeRegnCsvSize;
extern const unsigned char kEscapeLyCov555Csv[];
extern const std::size_t kEscapeLyCov555CsvSize;
extern const unsigned char kRbdSitesCsv[];
extern const std::size_t kRbdSitesCsvSize;

namespace {

std::string_view embedded(const unsigned char* bytes, std::size_t size)
{
    return {reinterpret_cast<const char*>(bytes), size};
}

// The columns named in `wanted`, by their index in the header line; "" when all are there.
std::string findColumns(const std::vector<std::string_view>& header, const std::vector<const char*>& wanted,
                        std::vector<size_t>* at)
{
    at->clear();
    for (const char* w : wanted) {
        const auto it = std::find(header.begin(), header.end(), std::string_view(w));
        if (it == header.end())
            return std::string("has no column '") + w + "'";
        at->push_back(size_t(it - header.begin()));
    }
    return {};
}

std::string readInt(std::string_view field, int lo, int hi, int* out)
{
    double v = 0;
    if (csvtext::parseNumber(field, v) != csvtext::Num::Ok || v != std::floor(v) || v < lo || v > hi)
        return "has " + csvtext::quoted(field) + " where a whole number " + std::to_string(lo) + ".."
            + std::to_string(hi) + " belongs";
    *out = int(v);
    return {};
}

// Runs `row` on every line after the header; stops at the first error, which names the line.
template<class Row>
std::string eachRow(std::string_view text, const std::string& source, const std::vector<const char*>& columns,
                    Row row)
{
    LineReader reader(text);
    std::string_view line;
    std::vector<std::string_view> fields;
    std::vector<size_t> at;
    if (!reader.next(&line))
        return source + " is empty.";
    csvtext::stripBom(line, 1);
    csvtext::splitFields(csvtext::trim(line), fields);
    const size_t width = fields.size();
    if (std::string e = findColumns(fields, columns, &at); !e.empty())
        return source + " " + e + ".";
    while (reader.next(&line)) {
        line = csvtext::trim(line);
        if (line.empty())
            continue;
        csvtext::splitFields(line, fields);
        if (fields.size() != width)
            return csvtext::atLine(source, reader.lineNumber(),
                                   "has " + std::to_string(fields.size()) + " fields, not " + std::to_string(width));
        std::vector<std::string_view> wanted;
        for (size_t i : at)
            wanted.push_back(fields[i]);
        if (std::string e = row(wanted); !e.empty())
            return csvtext::atLine(source, reader.lineNumber(), e);
    }
    return {};
}

} // namespace

int aminoAcidIndex(char c)
{
    const char* p = std::strchr(kAminoAcids, c);
    return c != '\0' && p ? int(p - kAminoAcids) : -1;
}

std::vector<double> EscapeMap::siteTotals() const
{
    std::vector<double> escape;
    for (const EscapeMutation& m : mutations)
        escape.push_back(m.escape);
    return siteTotals(escape);
}

std::vector<double> EscapeMap::siteTotals(const std::vector<double>& perMutation) const
{
    std::vector<double> t(sites.size(), 0.0);
    for (size_t i = 0; i < mutations.size(); ++i)
        t[size_t(mutations[i].site)] += perMutation[i];
    return t;
}

const std::vector<std::string>& escapeMapNames()
{
    static const std::vector<std::string> names = {"REGN10987", "REGN10933", "LY-CoV016", "LY-CoV555",
                                                   "REGN10933 + REGN10987", "LY-CoV555 + LY-CoV016", "synthetic"};
    return names;
}

std::string parseRbdSites(std::string_view text, std::vector<EscapeSite>* sites)
{
    sites->clear();
    return eachRow(text, "RBD_sites.csv", {"site_SARS2", "amino_acid_SARS2", "RSA_unbound"},
                   [&](const std::vector<std::string_view>& f) -> std::string {
                       EscapeSite s;
                       if (std::string e = readInt(f[0], 1, 100000, &s.position); !e.empty())
                           return e;
                       if (f[1].size() != 1 || aminoAcidIndex(f[1][0]) < 0)
                           return "has " + csvtext::quoted(f[1]) + " where a one-letter amino acid belongs";
                       s.wildtype = f[1][0];
                       // Sites the structure does not resolve are flexible ends: exposed.
                       if (f[2] != "NA" && (csvtext::parseNumber(f[2], s.rsa) != csvtext::Num::Ok || s.rsa < 0))
                           return "has " + csvtext::quoted(f[2]) + " where a solvent accessibility belongs";
                       s.surface = s.rsa >= kSurfaceRsa;
                       if (!sites->empty() && s.position <= sites->back().position)
                           return "lists site " + std::to_string(s.position) + " out of order";
                       sites->push_back(s);
                       return {};
                   });
}

std::string parseEscapeCsv(std::string_view text, const std::string& condition, EscapeMap* map)
{
    map->name = condition;
    map->mutations.clear();
    std::vector<int> seen(map->sites.size() * kAminoAcidCount, 0);
    const std::string error = eachRow(
        text, "the escape data", {"condition", "site", "wildtype", "mutation", "mut_escape"},
        [&](const std::vector<std::string_view>& f) -> std::string {
            if (f[0] != condition)
                return {};
            int position = 0;
            if (std::string e = readInt(f[1], 1, 100000, &position); !e.empty())
                return e;
            const auto it = std::lower_bound(map->sites.begin(), map->sites.end(), position,
                                             [](const EscapeSite& s, int p) { return s.position < p; });
            if (it == map->sites.end() || it->position != position)
                return "names site " + std::to_string(position) + ", which is not in the RBD";
            EscapeMutation m;
            m.site = int(it - map->sites.begin());
            if (f[2].size() != 1 || f[2][0] != it->wildtype)
                return "gives wild type " + csvtext::quoted(f[2]) + " at site " + std::to_string(position)
                    + ", which is " + std::string(1, it->wildtype);
            m.aa = f[3].size() == 1 ? aminoAcidIndex(f[3][0]) : -1;
            if (m.aa < 0 || kAminoAcids[m.aa] == it->wildtype)
                return "has " + csvtext::quoted(f[3]) + " where a mutant amino acid belongs";
            if (csvtext::parseNumber(f[4], m.escape) != csvtext::Num::Ok || !(m.escape >= 0 && m.escape <= 1))
                return "has " + csvtext::quoted(f[4]) + " where an escape fraction 0..1 belongs";
            if (seen[size_t(m.site) * kAminoAcidCount + size_t(m.aa)]++)
                return "repeats the mutation " + std::string(1, it->wildtype) + std::to_string(position)
                    + kAminoAcids[m.aa];
            map->mutations.push_back(m);
            return {};
        });
    if (error.empty() && map->mutations.empty())
        return "The escape data has no rows for '" + condition + "'.";
    return error;
}

EscapeMap makeSyntheticEscape(const std::vector<EscapeSite>& sites, Rng& rng)
{
    EscapeMap map;
    map.name = "synthetic";
    map.sites = sites;
    const int count = int(sites.size());
    std::vector<double> effect(sites.size(), 0.0);
    std::vector<int> surface;
    for (int i = 0; i < count; ++i)
        if (sites[size_t(i)].surface)
            surface.push_back(i);
    if (surface.empty())
        throw std::invalid_argument("makeSyntheticEscape: no surface sites");
    const int patches = 1 + int(rng.below(3));
    for (int p = 0; p < patches; ++p) {
        // The surface sites nearest a random surface site along the sequence.
        const int centre = surface[rng.below(uint32_t(surface.size()))];
        std::vector<int> near = surface;
        std::stable_sort(near.begin(), near.end(), [&](int a, int b) { return std::abs(a - centre) < std::abs(b - centre); });
        near.resize(std::min(near.size(), size_t(5 + rng.below(6))));
        for (int s : near)
            effect[size_t(s)] = std::max(effect[size_t(s)], rng.uniform(0.3, 1.0));
        // Buried sites inside the patch's span escape a little (they shape the epitope).
        const auto [lo, hi] = std::minmax_element(near.begin(), near.end());
        for (int s = *lo; s <= *hi; ++s)
            if (!sites[size_t(s)].surface)
                effect[size_t(s)] = std::max(effect[size_t(s)], 0.25 * rng.uniform(0.3, 1.0));
    }
    double aaFactor[kAminoAcidCount];
    for (double& f : aaFactor)
        f = rng.uniform(0.2, 1.0);
    for (int s = 0; s < count; ++s)
        for (int a = 0; a < kAminoAcidCount; ++a) {
            const bool measured = rng.bernoulli(0.5); // drawn for every pair: the draws stay aligned
            const double noise = std::abs(rng.normal()) * 0.01;
            if (!measured || kAminoAcids[a] == sites[size_t(s)].wildtype)
                continue;
            const double e = effect[size_t(s)] * aaFactor[a] + noise;
            map.mutations.push_back({s, a, std::min(1.0, e)});
        }
    return map;
}

EscapeMap loadEscapeMap(const std::string& name, uint64_t seed)
{
    const auto& names = escapeMapNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw std::invalid_argument("No escape map is called '" + name + "'.");
    EscapeMap map;
    std::string error = parseRbdSites(embedded(kRbdSitesCsv, kRbdSitesCsvSize), &map.sites);
    if (error.empty() && name == "synthetic") {
        Rng rng(seed);
        return makeSyntheticEscape(map.sites, rng);
    }
    if (error.empty()) {
        const bool ly555 = name.rfind("LY-CoV555", 0) == 0;
        error = ly555 ? parseEscapeCsv(embedded(kEscapeLyCov555Csv, kEscapeLyCov555CsvSize), name, &map)
                      : parseEscapeCsv(embedded(kEscapeRegnCsv, kEscapeRegnCsvSize), name, &map);
    }
    // Only a broken build gets here: the files are fixed and checked by the tests.
    if (!error.empty())
        throw std::runtime_error("The embedded escape data is corrupt: " + error);
    return map;
}

} // namespace reglab
