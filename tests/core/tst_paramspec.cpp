// ParamSpec: what users type on the command line and in session files.
#include "labs/ParamSpec.h"

#include <QtTest>
#include <clocale>

using namespace reglab;

namespace {
ParamSpec floatSpec()
{
    ParamSpec p;
    p.id = "lr";
    p.type = ParamType::Float;
    p.min = 1e-5;
    p.max = 10;
    return p;
}
} // namespace

class TestParamSpec : public QObject {
    Q_OBJECT
private slots:
    void numbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::newRow("plain") << "0.001" << true << 0.001;
        QTest::newRow("exponent") << "1e-3" << true << 0.001;
        QTest::newRow("plus") << "+2.5" << true << 2.5;
        QTest::newRow("upper bound") << "10" << true << 10.0;
        QTest::newRow("too big") << "10.5" << false << 0.0;
        QTest::newRow("negative") << "-1" << false << 0.0;
        QTest::newRow("word") << "fast" << false << 0.0;
        QTest::newRow("trailing junk") << "0.1x" << false << 0.0;
        QTest::newRow("comma decimal") << "0,1" << false << 0.0;
        QTest::newRow("space") << " 0.1" << false << 0.0;
        QTest::newRow("nan") << "nan" << false << 0.0;
        QTest::newRow("inf") << "inf" << false << 0.0;
        QTest::newRow("empty") << "" << false << 0.0;
    }
    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(double, value);
        std::string err;
        const auto v = floatSpec().parse(text.toStdString(), &err);
        QCOMPARE(bool(v), ok);
        if (ok)
            QCOMPARE(v->number, value);
        else
            QVERIFY2(err.find("'lr'") != std::string::npos, err.c_str()); // names the parameter
    }

    void intsBoolsChoices()
    {
        ParamSpec i = floatSpec();
        i.type = ParamType::Int;
        i.min = 1;
        i.max = 8;
        std::string err;
        QVERIFY(i.parse("3", &err));
        QVERIFY(!i.parse("2.5", &err));
        QVERIFY(err.find("whole number") != std::string::npos);

        ParamSpec b = floatSpec();
        b.type = ParamType::Bool;
        for (const char* t : {"true", "on", "1", "yes", "TRUE"})
            QCOMPARE(b.parse(t, &err)->number, 1.0);
        for (const char* t : {"false", "off", "0", "no"})
            QCOMPARE(b.parse(t, &err)->number, 0.0);
        QVERIFY(!b.parse("maybe", &err));

        ParamSpec c = floatSpec();
        c.type = ParamType::Choice;
        c.choices = {"spiral", "moons"};
        QCOMPARE(c.parse("moons", &err)->text, std::string("moons"));
        QVERIFY(!c.parse("mnist", &err));
        QVERIFY(err.find("one of: spiral, moons") != std::string::npos);
    }

    void textRoundTripsExactly()
    {
        const ParamSpec p = floatSpec();
        for (double v : {0.1, 1e-5, 3.0, 0.0123456789012345, 7.0 / 3.0}) {
            std::string err;
            const auto back = p.parse(p.toText(ParamValue::ofNumber(v)), &err);
            QVERIFY(back);
            QCOMPARE(back->number, v); // bit for bit
        }
        QCOMPARE(p.format(ParamValue::ofNumber(0.001)), std::string("0.001"));
    }

    void independentOfTheCLocale()
    {
        // Whatever locale Qt or the user sets, "0.5" means one half.
        const char* old = std::setlocale(LC_NUMERIC, nullptr);
        const std::string saved = old ? old : "C";
        for (const char* loc : {"de_DE.UTF-8", "fr_FR.UTF-8", "C"}) {
            std::setlocale(LC_NUMERIC, loc); // may fail if not installed: then C stays
            std::string err;
            QCOMPARE(floatSpec().parse("0.5", &err)->number, 0.5);
        }
        std::setlocale(LC_NUMERIC, saved.c_str());
    }

    void enabledWhenSaysWhyNot()
    {
        ParamSpec optimizer;
        optimizer.id = "optimizer";
        optimizer.label = "Optimizer";
        optimizer.type = ParamType::Choice;
        optimizer.choices = {"sgd", "adam", "adamw"};
        ParamSpec momentum = floatSpec();
        momentum.enabledWhen = {"optimizer", {"sgd"}};
        QCOMPARE(momentum.disabledReason(optimizer, ParamValue::ofChoice("sgd")), std::string());
        QCOMPARE(momentum.disabledReason(optimizer, ParamValue::ofChoice("adam")),
                 std::string("Used only when Optimizer is sgd (now adam)."));
        ParamSpec early;
        early.id = "early_stopping";
        early.label = "Early stopping";
        early.type = ParamType::Bool;
        ParamSpec patience = floatSpec();
        patience.enabledWhen = {"early_stopping", {"true"}};
        QCOMPARE(patience.disabledReason(early, ParamValue::ofNumber(1)), std::string());
        QCOMPARE(patience.disabledReason(early, ParamValue::ofNumber(0)),
                 std::string("Used only when Early stopping is on."));
        // No condition, or another parameter: always enabled.
        QCOMPARE(floatSpec().disabledReason(early, ParamValue::ofNumber(0)), std::string());
        QCOMPARE(momentum.disabledReason(early, ParamValue::ofNumber(0)), std::string());
    }
};

QTEST_GUILESS_MAIN(TestParamSpec)
#include "tst_paramspec.moc"
