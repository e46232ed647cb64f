#pragma once
// The features of the escape lab: each mutation is a one-hot of its site (a column per
// site), of its mutant amino acid (20 columns) and of the pair site x amino acid (20 columns
// per site, one per possible mutant). A held-out mutation never shares its pair column with
// a training one, so only the site and amino-acid columns can predict it: site groups are
// what generalize.
#include "data/EscapeMaps.h"

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <vector>

namespace reglab {

class EscapeDesign {
public:
    explicit EscapeDesign(const EscapeMap& map);

    int columns() const { return m_sites + kAminoAcidCount + m_sites * kAminoAcidCount; }
    int siteColumn(int site) const { return site; }
    int aminoAcidColumn(int aa) const { return m_sites + aa; }
    int pairColumn(int site, int aa) const { return m_sites + kAminoAcidCount + site * kAminoAcidCount + aa; }

    // The rows of mutations order[0 .. n) (indices into the map's mutations), n x columns().
    Eigen::SparseMatrix<double> rows(const std::vector<int>& order, int n) const;
    // Their escape values, in the same order.
    Eigen::VectorXd targets(const std::vector<int>& order, int n) const;
    // The group of each column for the group lasso: a site's own column and its pair columns
    // form group `site`; each amino-acid column is a group of its own.
    std::vector<int> groups() const;
    // The structural prior's penalty weight per column: `buriedRatio` on the columns of buried
    // sites (site and pair), 1 elsewhere.
    Eigen::VectorXd priorWeights(double buriedRatio) const;
    // mu + x_i . b for every mutation of the map, in the map's order.
    std::vector<double> predict(const Eigen::VectorXd& b, double mu) const;

private:
    const EscapeMap& m_map;
    int m_sites = 0;
};

} // namespace reglab
