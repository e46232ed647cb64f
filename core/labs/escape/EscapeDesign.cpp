#include "labs/escape/EscapeDesign.h"

namespace reglab {

EscapeDesign::EscapeDesign(const EscapeMap& map) : m_map(map), m_sites(int(map.sites.size())) {}

Eigen::SparseMatrix<double> EscapeDesign::rows(const std::vector<int>& order, int n) const
{
    std::vector<Eigen::Triplet<double>> ones;
    ones.reserve(size_t(n) * 3);
    for (int i = 0; i < n; ++i) {
        const EscapeMutation& m = m_map.mutations[size_t(order[size_t(i)])];
        ones.emplace_back(i, siteColumn(m.site), 1.0);
        ones.emplace_back(i, aminoAcidColumn(m.aa), 1.0);
        ones.emplace_back(i, pairColumn(m.site, m.aa), 1.0);
    }
    Eigen::SparseMatrix<double> x(n, columns());
    x.setFromTriplets(ones.begin(), ones.end());
    return x;
}

Eigen::VectorXd EscapeDesign::targets(const std::vector<int>& order, int n) const
{
    Eigen::VectorXd y(n);
    for (int i = 0; i < n; ++i)
        y[i] = m_map.mutations[size_t(order[size_t(i)])].escape;
    return y;
}

std::vector<int> EscapeDesign::groups() const
{
    std::vector<int> g(static_cast<size_t>(columns()));
    for (int s = 0; s < m_sites; ++s) {
        g[size_t(siteColumn(s))] = s;
        for (int a = 0; a < kAminoAcidCount; ++a)
            g[size_t(pairColumn(s, a))] = s;
    }
    for (int a = 0; a < kAminoAcidCount; ++a)
        g[size_t(aminoAcidColumn(a))] = m_sites + a;
    return g;
}

Eigen::VectorXd EscapeDesign::priorWeights(double buriedRatio) const
{
    Eigen::VectorXd w = Eigen::VectorXd::Ones(columns());
    for (int s = 0; s < m_sites; ++s)
        if (!m_map.sites[size_t(s)].surface) {
            w[siteColumn(s)] = buriedRatio;
            w.segment(pairColumn(s, 0), kAminoAcidCount).setConstant(buriedRatio);
        }
    return w;
}

std::vector<double> EscapeDesign::predict(const Eigen::VectorXd& b, double mu) const
{
    std::vector<double> out;
    out.reserve(m_map.mutations.size());
    for (const EscapeMutation& m : m_map.mutations)
        out.push_back(mu + b[siteColumn(m.site)] + b[aminoAcidColumn(m.aa)] + b[pairColumn(m.site, m.aa)]);
    return out;
}

} // namespace reglab
