// The README's set-up on a fresh machine: scripts/setup.sh installs the packages of
// scripts/packages.txt with --no-install-recommends, so a package the build needs but the
// list lacks is only present on a machine where someone installed it by hand (a CI on that
// machine stays green while a fresh clone fails at configure). This suite checks the
// configured build against the list: every CMake package it found (the *_DIR entries of
// CMakeCache.txt, Qt modules included) must come from a listed Debian package.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

namespace {

// Package names of a list file: one or more per line, '#' starts a comment.
QSet<QString> readList(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return {};
    }
    QSet<QString> out;
    while (!f.atEnd()) {
        QString line = QString::fromUtf8(f.readLine());
        line = line.left(line.indexOf(QLatin1Char('#')) < 0 ? line.size() : line.indexOf(QLatin1Char('#')));
        for (const QString& p : line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
            out.insert(p);
    }
    return out;
}

QString run(const QString& exe, const QStringList& args, int* code)
{
    QProcess p;
    p.start(exe, args);
    p.waitForFinished(60000);
    *code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The Debian package that owns a file ("" when none does).
QString ownerOf(const QString& file)
{
    int code = 0;
    const QString out = run(QStringLiteral("dpkg"), {QStringLiteral("-S"), file}, &code);
    if (code != 0)
        return {};
    // "libqt6opengl6-dev:amd64: /usr/lib/.../Qt6OpenGLConfig.cmake"
    return out.section(QLatin1Char(':'), 0, 0).section(QLatin1Char(','), 0, 0).trimmed();
}

// Name -> config file of every package CMake found, from CMakeCache.txt.
QMap<QString, QString> foundPackages(const QString& cachePath, QString* error)
{
    QFile f(cachePath);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read %1 (configure first)").arg(cachePath);
        return {};
    }
    const QRegularExpression entry(QStringLiteral("^([A-Za-z0-9_]+)_DIR:(?:PATH|INTERNAL)=(/.+)$"));
    QMap<QString, QString> out;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        const auto m = entry.match(line);
        if (!m.hasMatch())
            continue;
        const QString name = m.captured(1), dir = m.captured(2);
        for (const QString& file : {name + QStringLiteral("Config.cmake"), name.toLower() + QStringLiteral("-config.cmake")})
            if (QFileInfo::exists(dir + QLatin1Char('/') + file)) {
                out.insert(name, dir + QLatin1Char('/') + file);
                break;
            }
    }
    return out;
}

} // namespace

class TestSetup : public QObject {
    Q_OBJECT

    const QString m_source = QStringLiteral(REGLAB_SOURCE_DIR);

private slots:
    void everyPackageTheBuildFoundIsInTheSetupList()
    {
        QString error;
        const QSet<QString> listed = readList(m_source + QStringLiteral("/scripts/packages.txt"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto found = foundPackages(QStringLiteral(REGLAB_BINARY_DIR "/CMakeCache.txt"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The build uses at least Eigen and the Qt modules; an empty parse would prove nothing.
        QVERIFY2(found.contains(QStringLiteral("Eigen3")) && found.contains(QStringLiteral("Qt6Charts"))
                     && found.contains(QStringLiteral("Qt6OpenGL")),
                 qPrintable(QStringList(found.keys()).join(QLatin1Char(' '))));
        QStringList missing;
        for (auto it = found.cbegin(); it != found.cend(); ++it) {
            const QString owner = ownerOf(it.value());
            if (owner.isEmpty())
                continue; // built from source or installed by hand outside dpkg: not ours to list
            if (!listed.contains(owner))
                missing << QStringLiteral("%1 (%2, for %3)").arg(owner, it.value(), it.key());
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("scripts/packages.txt lacks: ") + missing.join(QStringLiteral("; "))));
    }

    void everyListedPackageExistsAndIsInstalled()
    {
        // A misspelt name would make set-up fail on a fresh machine (apt-get refuses it).
        for (const QString& list : {QStringLiteral("packages.txt"), QStringLiteral("packages-test.txt")}) {
            QString error;
            const QSet<QString> names = readList(m_source + QStringLiteral("/scripts/") + list, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(!names.isEmpty());
            for (const QString& p : names) {
                int code = 0;
                const QString status = run(QStringLiteral("dpkg-query"),
                                           {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), p}, &code);
                QVERIFY2(code == 0 && status.contains(QStringLiteral("install ok installed")),
                         qPrintable(QStringLiteral("%1 of %2 is not installed").arg(p, list)));
            }
        }
    }

    void setupInstallsWithoutRecommendsFromTheList()
    {
        // The check above is only worth something if set-up really installs from the list
        // the way a fresh machine would.
        QFile f(m_source + QStringLiteral("/scripts/setup.sh"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("scripts/packages.txt")));
        QVERIFY(text.contains(QStringLiteral("--no-install-recommends")));
        QFile t(m_source + QStringLiteral("/scripts/test.sh"));
        QVERIFY(t.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(t.readAll()).contains(QStringLiteral("packages-test.txt")));
    }
};

QTEST_GUILESS_MAIN(TestSetup)
#include "tst_setup.moc"
