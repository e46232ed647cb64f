// The escape lab (L18): the vendored escape maps and site table read as published (the
// literature's hotspots come out on top), every malformed line refused with its line number,
// the synthetic map's truth on the surface, the one-hot design, Spearman with ties, and the
// lab's run: finite medians from n = 10, a sites picture, the same numbers at 1 and 2 threads.
#include "LabRun.h"
#include "Parallel.h"
#include "data/EscapeMaps.h"
#include "labs/escape/EscapeDesign.h"
#include "labs/escape/EscapeLab.h"
#include "metrics/Statistics.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace reglab;

namespace {
// The positions of the k sites with the largest total escape.
std::vector<int> topPositions(const EscapeMap& map, int k)
{
    const std::vector<double> t = map.siteTotals();
    std::vector<int> idx(t.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return t[size_t(a)] > t[size_t(b)]; });
    std::vector<int> out;
    for (int i = 0; i < k; ++i)
        out.push_back(map.sites[size_t(idx[size_t(i)])].position);
    return out;
}
bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

const char* kSites = "site_SARS2,amino_acid_SARS2,RSA_unbound\n331,N,NA\n332,I,0.1\n333,T,0.9\n";
} // namespace

class TestEscape : public QObject {
    Q_OBJECT
private slots:
    void vendoredMapsReadAsPublished()
    {
        const EscapeMap regn = loadEscapeMap("REGN10987", 1);
        QCOMPARE(int(regn.sites.size()), 201);
        QCOMPARE(regn.sites.front().position, 331);
        QCOMPARE(regn.sites.back().position, 531);
        QCOMPARE(int(regn.mutations.size()), 1948);
        const int surface = int(std::count_if(regn.sites.begin(), regn.sites.end(),
                                              [](const EscapeSite& s) { return s.surface; }));
        QCOMPARE(surface, 95 + 7); // 95 resolved with RSA >= 0.25, and the 7 unresolved ends
        // The literature's hotspots (issue 13): 444-446 for REGN10987, 417 for LY-CoV016,
        // 484 and 490 for LY-CoV555; 501 is an ACE2 site, no escape hotspot.
        const std::vector<int> top = topPositions(regn, 10);
        QVERIFY(has(top, 444) && has(top, 445) && has(top, 446));
        QVERIFY(has(topPositions(loadEscapeMap("LY-CoV016", 1), 10), 417));
        const std::vector<int> ly555 = topPositions(loadEscapeMap("LY-CoV555", 1), 10);
        QVERIFY(has(ly555, 484) && has(ly555, 490));
        for (const std::string& name : escapeMapNames()) {
            const EscapeMap m = loadEscapeMap(name, 3);
            QVERIFY2(m.mutations.size() > 1500, name.c_str());
            QVERIFY2(!has(topPositions(m, 10), 501) || name == "synthetic", name.c_str());
            for (const EscapeMutation& x : m.mutations)
                QVERIFY(x.escape >= 0 && x.escape <= 1 && kAminoAcids[x.aa] != m.sites[size_t(x.site)].wildtype);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loadEscapeMap("REGN0000", 1));
    }

    void malformedLinesAreRefusedWithTheirLine_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("says");
        const QString head = "condition,site,wildtype,mutation,mut_escape\n";
        QTest::newRow("few fields") << head + "A,331,N\n" << "line 2 has 3 fields";
        QTest::newRow("unknown site") << head + "A,999,N,A,0.1\n" << "site 999";
        QTest::newRow("wrong wild type") << head + "A,332,N,A,0.1\n" << "wild type";
        QTest::newRow("mutant is wild type") << head + "A,331,N,N,0.1\n" << "mutant amino acid";
        QTest::newRow("not an amino acid") << head + "A,331,N,Z,0.1\n" << "mutant amino acid";
        QTest::newRow("escape above 1") << head + "A,331,N,A,1.5\n" << "escape fraction";
        QTest::newRow("escape NaN") << head + "A,331,N,A,nan\n" << "escape fraction";
        QTest::newRow("site not whole") << head + "A,331.5,N,A,0.1\n" << "whole number";
        QTest::newRow("repeated") << head + "A,331,N,A,0.1\nA,331,N,A,0.2\n" << "line 3 repeats the mutation N331A";
        QTest::newRow("no column") << QString("condition,site,wildtype,mutation\nA,331,N,A\n") << "no column 'mut_escape'";
        QTest::newRow("no rows") << head + "B,331,N,A,0.1\n" << "no rows for 'A'";
        QTest::newRow("empty") << QString() << "is empty";
    }
    void malformedLinesAreRefusedWithTheirLine()
    {
        QFETCH(QString, body);
        QFETCH(QString, says);
        EscapeMap map;
        QCOMPARE(parseRbdSites(kSites, &map.sites), std::string());
        QCOMPARE(int(map.sites.size()), 3);
        QVERIFY(map.sites[0].surface && !map.sites[1].surface && map.sites[2].surface);
        const std::string body8 = body.toStdString();
        const std::string error = parseEscapeCsv(body8, "A", &map);
        QVERIFY2(error.find(says.toStdString()) != std::string::npos, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
    }

    void malformedSiteTablesAreRefused()
    {
        std::vector<EscapeSite> sites;
        QVERIFY(parseRbdSites("site_SARS2,amino_acid_SARS2,RSA_unbound\n332,I,0.1\n331,N,0.2\n", &sites)
                    .find("out of order") != std::string::npos);
        QVERIFY(parseRbdSites("site_SARS2,amino_acid_SARS2,RSA_unbound\n331,B,0.1\n", &sites).find("amino acid")
                != std::string::npos);
        QVERIFY(parseRbdSites("site_SARS2,amino_acid_SARS2,RSA_unbound\n331,N,-1\n", &sites).find("accessibility")
                != std::string::npos);
        QVERIFY(parseRbdSites("site,amino_acid_SARS2,RSA_unbound\n331,N,1\n", &sites).find("no column")
                != std::string::npos);
    }

    void syntheticEscapeSitsOnTheSurface()
    {
        const EscapeMap a = loadEscapeMap("synthetic", 5), b = loadEscapeMap("synthetic", 5),
                        c = loadEscapeMap("synthetic", 6);
        QCOMPARE(a.siteTotals(), b.siteTotals());
        QVERIFY(a.siteTotals() != c.siteTotals());
        for (uint64_t seed = 1; seed <= 20; ++seed) {
            const EscapeMap m = loadEscapeMap("synthetic", seed);
            QVERIFY(m.mutations.size() > 1500 && m.mutations.size() < 2300); // about half of 201 x 19
            const std::vector<double> t = m.siteTotals();
            double surface = 0, buried = 0;
            for (size_t s = 0; s < t.size(); ++s)
                (m.sites[s].surface ? surface : buried) += t[s];
            QVERIFY2(surface > 2 * buried, qPrintable(QString::number(seed)));
            // The top site escapes far above the measurement floor.
            QVERIFY(*std::max_element(t.begin(), t.end()) > 1.0);
        }
    }

    void designHasThreeOnesPerRow()
    {
        const EscapeMap map = loadEscapeMap("REGN10987", 1);
        const EscapeDesign design(map);
        QCOMPARE(design.columns(), 201 + 20 + 201 * 20);
        std::vector<int> order(map.mutations.size());
        std::iota(order.begin(), order.end(), 0);
        const Eigen::SparseMatrix<double> x = design.rows(order, 50);
        QCOMPARE(int(x.rows()), 50);
        QCOMPARE(int(x.nonZeros()), 150);
        const Eigen::MatrixXd dense = x;
        for (int i = 0; i < 50; ++i) {
            const EscapeMutation& m = map.mutations[size_t(i)];
            QCOMPARE(dense.row(i).sum(), 3.0);
            QCOMPARE(dense(i, design.siteColumn(m.site)), 1.0);
            QCOMPARE(dense(i, design.aminoAcidColumn(m.aa)), 1.0);
            QCOMPARE(dense(i, design.pairColumn(m.site, m.aa)), 1.0);
        }
        const std::vector<int> g = design.groups();
        QCOMPARE(g[size_t(design.pairColumn(7, 3))], 7);
        QCOMPARE(g[size_t(design.aminoAcidColumn(3))], 201 + 3);
        const Eigen::VectorXd w = design.priorWeights(10);
        int buried = 0;
        for (size_t s = 0; s < map.sites.size(); ++s) {
            const double want = map.sites[s].surface ? 1.0 : 10.0;
            QCOMPARE(w[design.siteColumn(int(s))], want);
            QCOMPARE(w[design.pairColumn(int(s), 19)], want);
            buried += !map.sites[s].surface;
        }
        QCOMPARE(w.sum(), double(design.columns() + 9 * 21 * buried));
        // A prediction sums the three coefficients of the mutation's columns.
        Eigen::VectorXd b = Eigen::VectorXd::Zero(design.columns());
        const EscapeMutation& m0 = map.mutations[0];
        b[design.siteColumn(m0.site)] = 0.5;
        b[design.pairColumn(m0.site, m0.aa)] = 0.25;
        QCOMPARE(design.predict(b, 0.125)[0], 0.875);
    }

    void spearmanAveragesTies()
    {
        QCOMPARE(averageRanks({10, 20, 20, 5}), (std::vector<double>{2, 3.5, 3.5, 1}));
        QCOMPARE(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
        QCOMPARE(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
        // scipy.stats.spearmanr([1,2,3,4,5], [2,1,4,4,5]) = 0.8720815992723809
        QVERIFY(std::abs(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 4, 5}) - 0.8720815992723809) < 1e-12);
        QVERIFY(std::isnan(spearman({1, 1, 1}, {1, 2, 3})));
        QCOMPARE(median({3, 1, NAN, 2}), 2.0);
        QCOMPARE(median({4, 1, 2, 3}), 2.5);
    }

    void runLogsEveryFitFromTenMutations()
    {
        auto lab = labrun::makeLab("escape", {{"n_max", "40"}, {"trials", "3"}}, 2);
        const auto rows = labrun::run(*lab, 1000);
        QVERIFY(lab->finished());
        QCOMPARE(lab->stepCount(), int64_t(40));
        QCOMPARE(rows[1].step, int64_t(10));
        QCOMPARE(rows.back().step, int64_t(40));
        for (const auto& r : rows)
            for (double v : r.values)
                QVERIFY(r.step < 10 ? std::isnan(v) : std::isfinite(v) && v >= -1 && v <= 1);
        const LabViews v = lab->views();
        QCOMPARE(int(v.profiles.size()), 1);
        const ProfileView& p = v.profiles[0];
        QCOMPARE(int(p.position.size()), 201);
        QCOMPARE(std::accumulate(p.marked.begin(), p.marked.end(), 0), 10);
        QVERIFY(std::any_of(p.value.begin(), p.value.end(), [](float x) { return x != 0; }));
        // Each fit's picture is its own.
        QCOMPARE(lab->setText("show", "ridge"), std::string());
        QVERIFY(lab->views().profiles[0].value != p.value);
    }

    void sameNumbersAtAnyThreadCount()
    {
        std::vector<std::vector<MetricRow>> runs;
        for (int threads : {1, 2}) {
            const ThreadShare share(threads);
            auto lab = labrun::makeLab("escape", {{"n_max", "30"}, {"trials", "4"}, {"antibody", "synthetic"}}, 9);
            runs.push_back(labrun::run(*lab, 1000));
        }
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t i = 0; i < runs[0].size(); ++i)
            for (size_t j = 0; j < runs[0][i].values.size(); ++j) {
                const double a = runs[0][i].values[j], b = runs[1][i].values[j];
                QVERIFY((std::isnan(a) && std::isnan(b)) || a == b);
            }
    }
};

QTEST_APPLESS_MAIN(TestEscape)
#include "tst_escape.moc"
