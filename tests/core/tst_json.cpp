// The file formats of the headless run code (core/run): JSON, CSV and .npy, byte for byte.
#include "run/CsvWriter.h"
#include "run/Json.h"
#include "run/NpyWriter.h"

#include "RunTestHelpers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

using namespace reglab;
using namespace reglab::runtest;

namespace {

const char* const kCompact =
    "{\"name\":\"spiral\",\"n\":5000,\"lr\":0.1,\"bad\":null,\"on\":true,\"list\":[1,null,\"x\\\"y\\n\"],\"empty\":{}}";
const char* const kPretty = "{\n"
    "  \"name\": \"spiral\",\n"
    "  \"n\": 5000,\n"
    "  \"lr\": 0.1,\n"
    "  \"bad\": null,\n"
    "  \"on\": true,\n"
    "  \"list\": [\n"
    "    1,\n"
    "    null,\n"
    "    \"x\\\"y\\n\"\n"
    "  ],\n"
    "  \"empty\": {}\n"
    "}\n"
    "";

} // namespace

class TestJson : public QObject {
    Q_OBJECT

private slots:
    // ---- Json ----
    void jsonDump()
    {
        Json j = Json::object();
        j.set("name", "spiral");
        j.set("n", 5000);
        j.set("lr", 0.1);
        j.set("bad", std::nan(""));
        j.set("on", true);
        Json a = Json::array();
        a.push(1);
        a.push(Json());
        a.push("x\"y\n");
        j.set("list", a);
        j.set("empty", Json::object());
        QCOMPARE(j.dump(false), std::string(kCompact));
        QCOMPARE(j.dump(true), std::string(kPretty));
        // set() replaces in place.
        j.set("n", 1);
        QCOMPARE(j.members()[1].first, std::string("n"));
        QCOMPARE(j.find("n")->toNumber(), 1.0);
    }

    void jsonNumbers()
    {
        QCOMPARE(QString::fromStdString(Json::numberText(0.1)), QStringLiteral("0.1"));
        QCOMPARE(QString::fromStdString(Json::numberText(1e-5)), QStringLiteral("1e-05"));
        QCOMPARE(QString::fromStdString(Json::numberText(-0.0)), QStringLiteral("0"));
        QCOMPARE(QString::fromStdString(Json::numberText(std::numeric_limits<double>::infinity())), QStringLiteral("null"));
        // Every double reads back bit for bit.
        for (double v : {1.0 / 3.0, 2.5e-300, 1.7976931348623157e308, -123456.789, 9007199254740992.0, 5e-324}) {
            std::string err;
            const auto j = Json::parse(Json::numberText(v), &err);
            QVERIFY2(j, err.c_str());
            QVERIFY(sameBits(j->toNumber(), v));
        }
    }

    void jsonRoundTrip()
    {
        Json j = Json::object();
        j.set("text", std::string("tab\t back\\slash \x01 caf\xc3\xa9 /"));
        Json nested = Json::array();
        for (int i = 0; i < 4; ++i) {
            Json o = Json::object();
            o.set("i", i);
            o.set("x", 1.0 / (i + 1));
            o.set("ok", i % 2 == 0);
            nested.push(o);
        }
        j.set("nested", nested);
        j.set("nothing", Json());
        for (bool pretty : {true, false}) {
            std::string err;
            const auto back = Json::parse(j.dump(pretty), &err);
            QVERIFY2(back, err.c_str());
            QVERIFY(*back == j);
        }
        // Escapes, including a surrogate pair, decode to UTF-8.
        std::string err;
        const auto u = Json::parse("[\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\r\"]", &err);
        QVERIFY2(u, err.c_str());
        QCOMPARE(u->at(0).toString(), std::string("\xc3\xa9\xf0\x9f\x98\x80/\b\f\r"));
        // Whitespace around the value is fine.
        QVERIFY(Json::parse(" \r\n\t{ } \n", &err));
    }

    void jsonParseErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << "" << "line 1, column 1: expected a value but the text ended";
        QTest::newRow("missing colon") << "{\n  \"a\": 1,\n  \"b\" 2\n}" << "line 3, column 7: expected ':'";
        QTest::newRow("trailing comma") << "[1,2,]" << "line 1, column 6: expected a value, found ']'";
        QTest::newRow("missing comma") << "{\"a\": 1 \"b\": 2}" << "line 1, column 9: expected ',' or '}'";
        QTest::newRow("unclosed array") << "[1, 2" << "line 1, column 6: expected ',' or ']'";
        QTest::newRow("unclosed string") << "\n\"abc" << "line 2, column 5: a string is not closed";
        QTest::newRow("leading zero") << "[01]" << "line 1, column 3: a number must not have leading zeros";
        QTest::newRow("bare point") << "1." << "line 1, column 3: a number needs digits after the decimal point";
        QTest::newRow("NaN literal") << "NaN" << "line 1, column 1: expected a value, found 'N'";
        QTest::newRow("single quotes") << "{'a': 1}" << "line 1, column 2: expected a key in double quotes";
        QTest::newRow("garbage after") << "{} x" << "line 1, column 4: unexpected text after the JSON value";
        QTest::newRow("duplicate key") << "{\"a\": 1, \"a\": 2}" << "line 1, column 10: duplicate key \"a\"";
        QTest::newRow("bad escape") << "\"\\q\"" << "line 1, column 2: unknown escape sequence";
        QTest::newRow("raw newline in string") << "\"a\nb\"" << "line 1, column 3: a control character inside a string";
        QTest::newRow("lone surrogate") << "\"\\udc00\"" << "a \\u low surrogate";
        QTest::newRow("huge number") << "1e999" << "line 1, column 1: the number 1e999 is out of range";
        QTest::newRow("too deep") << QString(1000, '[') << "nesting is deeper than 256 levels";
    }

    void jsonParseErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        std::string err;
        const auto j = Json::parse(text.toStdString(), &err);
        QVERIFY(!j);
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
    }

    void jsonLargeObjectsParseFast()
    {
        // 200,000 keys: duplicate detection by hash, members appended, so this is linear
        // (the old linear search took minutes at 100,000 keys). Generous bound: a quadratic
        // parser needs 2e10 string compares here.
        std::string text = "{";
        for (int i = 0; i < 200000; ++i)
            text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
        text += "}";
        QElapsedTimer t;
        t.start();
        std::string err;
        const auto j = Json::parse(text, &err);
        QVERIFY2(j, err.c_str());
        QCOMPARE(j->size(), size_t(200000));
        QCOMPARE(j->members()[123456].first, std::string("k123456"));
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
        // A duplicate at the end is still found, and named without echoing a huge key.
        const std::string longKey(100000, 'x');
        const auto dup = Json::parse("{\"" + longKey + "\": 1, \"" + longKey + "\": 2}", &err);
        QVERIFY(!dup);
        QVERIFY2(err.size() < 300 && err.find("duplicate key") != std::string::npos, err.c_str());
    }

    // ---- .npy ----
    void npyHeaderBytes()
    {
        const std::string h = NpyWriter::header(3, 4);
        const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }";
        QCOMPARE(int(h.size()), 128); // 10 + dict + padding + '\n', a multiple of 64
        QCOMPARE(h.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
        QCOMPARE(int(uint8_t(h[8])) + 256 * int(uint8_t(h[9])), 118); // header length, little-endian
        QCOMPARE(h.substr(10, dict.size()), dict);
        QCOMPARE(h.substr(10 + dict.size(), 128 - 11 - dict.size()), std::string(128 - 11 - dict.size(), ' '));
        QCOMPARE(h.back(), '\n');

        const std::string v = NpyWriter::header(1, 5, true);
        QVERIFY(v.find("'shape': (5,), }") != std::string::npos);
        QCOMPARE(int(v.size()) % 64, 0);
        // Big shapes push the dict over one 64-byte block; still aligned.
        for (Index rows : {Index(0), Index(7), Index(123456789)}) {
            const std::string big = NpyWriter::header(rows, 987654321);
            QCOMPARE(int(big.size()) % 64, 0);
            QCOMPARE(size_t(uint8_t(big[8]) + 256 * uint8_t(big[9])), big.size() - 10);
        }
    }

    void npyData()
    {
        MatF m(2, 3); // stored column-major; the file must be row-major
        m << 1.f, 2.f, 3.f, -4.5f, 5e-8f, 6e30f;
        const std::string bytes = NpyWriter::encode(m);
        QCOMPARE(int(bytes.size()), 128 + 6 * 4);
        const float expected[6] = {1.f, 2.f, 3.f, -4.5f, 5e-8f, 6e30f};
        for (int i = 0; i < 6; ++i) {
            const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + 128 + 4 * i);
            const uint32_t bits = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
            float f;
            std::memcpy(&f, &bits, 4);
            QCOMPARE(f, expected[i]);
        }
        // A 1-row tensor as a vector; a 2-row one ignores the flag.
        QVERIFY(NpyWriter::encode(MatF::Ones(1, 4), true).find("(4,)") != std::string::npos);
        QVERIFY(NpyWriter::encode(MatF::Ones(2, 4), true).find("(2, 4)") != std::string::npos);

        QTemporaryDir tmp;
        const std::string path = (tmp.path() + "/m.npy").toStdString();
        QCOMPARE(NpyWriter::write(path, m), std::string());
        QCOMPARE(readAll(QString::fromStdString(path)), bytes);
        QVERIFY(!NpyWriter::write(tmp.path().toStdString() + "/no/such/dir/m.npy", m).empty());
    }

    // ---- CSV ----
    void csvFormat()
    {
        std::ostringstream os;
        CsvWriter csv(os);
        csv.writeMetricHeader({{"train_loss", "", "", "", false}, {"val_acc", "", "", "", true}});
        csv.writeMetricRow({0, {1.0 / 3.0, std::nan("")}});
        csv.writeMetricRow({250, {0.1, std::numeric_limits<double>::infinity()}});
        csv.writeMetricRow({500, {-1e-300, 5000.0}});
        QCOMPARE(QString::fromStdString(os.str()),
                 QStringLiteral("step,train_loss,val_acc\n"
                                "0,0.3333333333333333,nan\n"
                                "250,0.1,inf\n"
                                "500,-1e-300,5000\n"));
        QCOMPARE(CsvWriter::field("a,b"), std::string("\"a,b\""));
        QCOMPARE(CsvWriter::field("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvWriter::number(0.3f), std::string("0.3")); // floats print as floats
        QCOMPARE(CsvWriter::number(-std::numeric_limits<double>::infinity()), std::string("-inf"));
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
