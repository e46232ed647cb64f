// The margin lab (implicit bias, L11): the exact hard-margin SVM against a brute-force
// search over directions and its KKT conditions; the logistic loss's gradient against
// finite differences; and the asymptotics of Soudry et al. 2018 on the figure-1 set:
// loss x t -> 1 / (2 step), |w| / ln t rising toward |w_svm|, the angle to the SVM
// direction falling decade after decade, for GD and SGD. Rows are log-spaced.
#include "LabRun.h"
#include "data/MarginSets.h"
#include "labs/margin/HardMarginSvm.h"
#include "labs/margin/MarginLab.h"

#include <QtTest>

#include <cmath>

using namespace reglab;

namespace {

// max over unit directions u of min_i y_i u.x_i, by scanning angles (then refined).
double bruteForceMargin(const MatD& x, const std::vector<double>& y)
{
    auto margin = [&](double a) {
        double m = 1e300;
        for (Index i = 0; i < x.rows(); ++i)
            m = std::min(m, y[size_t(i)] * (std::cos(a) * x(i, 0) + std::sin(a) * x(i, 1)));
        return m;
    };
    double best = -1e300, at = 0;
    for (int k = 0; k < 200000; ++k) {
        const double a = 2 * M_PI * k / 200000;
        if (const double m = margin(a); m > best) {
            best = m;
            at = a;
        }
    }
    for (double h = 2 * M_PI / 200000; h > 1e-12; h /= 2)
        for (double a : {at - h, at + h})
            if (const double m = margin(a); m > best) {
                best = m;
                at = a;
            }
    return best;
}

double column(const std::vector<MetricRow>& rows, const Lab& lab, const char* id, int64_t step)
{
    return labrun::valueAt(rows, labrun::column(lab, id), step);
}

} // namespace

class TestMargin : public QObject {
    Q_OBJECT
private slots:
    void svmIsExact()
    {
        const MarginSet fig = MarginSet::named("figure1");
        const auto svm = HardMarginSvm::solve(fig.x, fig.y);
        QVERIFY(svm);
        QVERIFY(std::abs(svm->w.x() - 0.5) < 1e-12 && std::abs(svm->w.y() - 0.5) < 1e-12);
        QVERIFY(std::abs(svm->margin - std::sqrt(2.0)) < 1e-12); // 1 / |(0.5, 0.5)|
        // Random separable sets: the margin matches a search over all directions, the
        // constraints hold with equality at the support vectors, w = sum alpha y x, alpha >= 0.
        Rng rng(5);
        int solved = 0;
        for (int trial = 0; trial < 40; ++trial) {
            const double a = rng.uniform(0, 2 * M_PI);
            const Eigen::Vector2d u(std::cos(a), std::sin(a));
            MatD x(12, 2);
            std::vector<double> y;
            for (Index i = 0; i < 12; ++i) {
                x(i, 0) = rng.uniform(-3, 3);
                x(i, 1) = rng.uniform(-3, 3);
                const double s = u.dot(Eigen::Vector2d(x(i, 0), x(i, 1)));
                if (std::abs(s) < 0.1)
                    x.row(i) += 0.3 * (s >= 0 ? 1 : -1) * u.transpose();
                y.push_back(u.dot(Eigen::Vector2d(x(i, 0), x(i, 1))) > 0 ? 1.0 : -1.0);
            }
            const auto s = HardMarginSvm::solve(x, y);
            QVERIFY(s);
            ++solved;
            QVERIFY2(std::abs(s->margin - bruteForceMargin(x, y)) < 1e-7, qPrintable(QString::number(trial)));
            Eigen::Vector2d w = Eigen::Vector2d::Zero();
            for (size_t k = 0; k < s->support.size(); ++k) {
                const Index i = s->support[k];
                QVERIFY(s->alpha[k] >= 0);
                QVERIFY(std::abs(y[size_t(i)] * s->w.dot(Eigen::Vector2d(x(i, 0), x(i, 1))) - 1) < 1e-9);
                w += s->alpha[k] * y[size_t(i)] * Eigen::Vector2d(x(i, 0), x(i, 1));
            }
            QVERIFY((w - s->w).norm() < 1e-9);
        }
        QCOMPARE(solved, 40);
        // No line through the origin separates these.
        MatD bad(2, 2);
        bad << 1, 1, 2, 2;
        QVERIFY(!HardMarginSvm::solve(bad, {1.0, -1.0}));
    }

    void gradientMatchesFiniteDifferences()
    {
        auto lab = labrun::makeLab("margin", {{"dataset", "off-axis"}});
        auto* m = dynamic_cast<MarginLab*>(lab.get());
        QVERIFY(m);
        Rng rng(2);
        for (int trial = 0; trial < 10; ++trial) {
            const Eigen::Vector2d w(rng.normal() * 3, rng.normal() * 3);
            const Eigen::Vector2d g = m->gradientAt(w);
            for (int k = 0; k < 2; ++k) {
                const double h = 1e-6;
                Eigen::Vector2d a = w, b = w;
                a(k) += h;
                b(k) -= h;
                const double fd = (m->lossAt(a) - m->lossAt(b)) / (2 * h);
                QVERIFY2(std::abs(fd - g(k)) < 1e-7 * (1 + std::abs(g(k))), qPrintable(QString::number(fd - g(k))));
            }
        }
        // One step of gradient descent is exactly w - step * gradient.
        const Eigen::Vector2d w0 = m->weights();
        const Eigen::Vector2d want = w0 - m->stepSize() * m->gradientAt(w0);
        lab->step();
        QVERIFY((m->weights() - want).norm() < 1e-15);
    }

    void soudrysAsymptotics()
    {
        auto lab = labrun::makeLab("margin", {{"dataset", "figure1"}});
        auto* m = dynamic_cast<MarginLab*>(lab.get());
        const std::vector<MetricRow> rows = labrun::run(*lab, 1000000);
        // Log-spaced rows: every step to 10, then 20 a decade.
        QVERIFY2(rows.size() > 100 && rows.size() < 125, qPrintable(QString::number(rows.size())));
        // loss x t -> 1 / (2 step) on this set (its four support vectors pull alike).
        const double limit = 1 / (2 * m->stepSize());
        const double lt = column(rows, *lab, "loss_times_t", 1000000);
        QVERIFY2(std::abs(lt - limit) < 0.01 * limit, qPrintable(QString("%1 vs %2").arg(lt).arg(limit)));
        // |w| / ln t rises toward |w_svm| = 0.7071 (slowly: the rest is O(1 / ln t)).
        double previous = 0;
        for (int64_t t : {100, 1000, 10000, 100000, 1000000}) {
            const double r = column(rows, *lab, "norm_per_log_t", t);
            QVERIFY(r > previous && r < 1 / std::sqrt(2.0));
            previous = r;
        }
        QVERIFY(previous > 0.5);
        // The angle and the margin gap fall at every logged step after the first few.
        double angle = 1e9, gap = 1e9;
        for (const MetricRow& r : rows) {
            if (r.step < 10)
                continue;
            const double a = r.values[size_t(labrun::column(*lab, "angle_gap"))];
            const double g = r.values[size_t(labrun::column(*lab, "margin_gap"))];
            QVERIFY2(a < angle && g < gap, qPrintable(QString::number(r.step)));
            angle = a;
            gap = g;
        }
        QVERIFY(angle < 0.01 && gap < 0.01);
    }

    void sgdTurnsTheSameWayAndIsReproducible()
    {
        auto run = [](uint64_t seed) {
            auto lab = labrun::makeLab("margin", {{"dataset", "off-axis"}, {"optimizer", "sgd"}}, seed);
            return labrun::run(*lab, 100000);
        };
        const auto a = run(3), b = run(3), c = run(4);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            for (size_t k = 0; k < a[i].values.size(); ++k)
                QVERIFY(a[i].values[k] == b[i].values[k] || (std::isnan(a[i].values[k]) && std::isnan(b[i].values[k])));
        auto lab = labrun::makeLab("margin", {});
        const double early = column(a, *lab, "angle_gap", 100), late = column(a, *lab, "angle_gap", 100000);
        QVERIFY2(late < 0.2 * early, qPrintable(QString("%1 -> %2").arg(early).arg(late)));
        QVERIFY(column(c, *lab, "angle_gap", 100000) != late); // another seed, other points drawn
    }
};

QTEST_APPLESS_MAIN(TestMargin)
#include "tst_margin.moc"
