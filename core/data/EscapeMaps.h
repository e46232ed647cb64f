#pragma once
// Deep mutational scanning escape maps of the SARS-CoV-2 receptor-binding domain (sites
// 331-531), vendored from the Bloom lab (resources/data/README.md): per mutation, how much it
// lets the virus escape an antibody (mut_escape, 0..1), and per site its relative solvent
// accessibility in PDB 6M0J. Also a synthetic map faithful to them, whose truth is known.
#include "Rng.h"

#include <string>
#include <string_view>
#include <vector>

namespace reglab {

// The 20 amino acids in the order the features use.
inline constexpr char kAminoAcids[] = "ACDEFGHIKLMNPQRSTVWY";
inline constexpr int kAminoAcidCount = 20;
// The index of a one-letter amino acid code in kAminoAcids, -1 for another character.
int aminoAcidIndex(char c);

struct EscapeSite {
    int position = 0;    // the SARS-CoV-2 spike numbering (331..531)
    char wildtype = '?'; // the one-letter amino acid of the wild type
    double rsa = 1;      // relative solvent accessibility of the unbound RBD (1 where unresolved)
    bool surface = true; // rsa >= kSurfaceRsa
};
inline constexpr double kSurfaceRsa = 0.25;

struct EscapeMutation {
    int site = 0; // index into EscapeMap::sites
    int aa = 0;   // the mutant amino acid, index into kAminoAcids
    double escape = 0;
};

struct EscapeMap {
    std::string name; // the antibody, or "synthetic"
    std::vector<EscapeSite> sites;
    std::vector<EscapeMutation> mutations;
    // The sum of the mutations' escape at each site (the data's site_total_escape).
    std::vector<double> siteTotals() const;
    // The same sums of any value per mutation (in mutations' order): a fit's predictions.
    std::vector<double> siteTotals(const std::vector<double>& perMutation) const;
};

// The antibodies of the vendored data, in menu order, then "synthetic".
const std::vector<std::string>& escapeMapNames();

// The map of `name` (escapeMapNames()); throws std::invalid_argument for another name, and
// std::runtime_error if the embedded data is corrupt. `seed` only matters for "synthetic".
EscapeMap loadEscapeMap(const std::string& name, uint64_t seed);

// The readers behind it, for any text in the same formats. "" and the result filled on
// success, else one sentence naming the line and what is wrong.
std::string parseRbdSites(std::string_view text, std::vector<EscapeSite>* sites);
std::string parseEscapeCsv(std::string_view text, const std::string& condition, EscapeMap* map);

// A map like the measured ones with a known truth: the real sites, about half of the 19
// mutations of each, and 1-3 epitope patches of 5-10 surface sites nearby in sequence whose
// mutations escape (more for some amino acids than others); buried sites in a patch's span
// escape a quarter as much; the rest is a small measurement floor.
EscapeMap makeSyntheticEscape(const std::vector<EscapeSite>& sites, Rng& rng);

} // namespace reglab
