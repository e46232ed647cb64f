#include "settings/AppSettings.h"

#include <QSettings>

#include <algorithm>
#include <cmath>

namespace {
namespace Key {
const QString lastLab = QStringLiteral("lab/last");
const QString geometry = QStringLiteral("window/geometry");
const QString state = QStringLiteral("window/state");
const QString params = QStringLiteral("params/%1"); // group per lab id
const QString speed = QStringLiteral("run/speed");
const QString seed = QStringLiteral("run/seed");
const QString logScale = QStringLiteral("charts/logScale");
const QString networkPicture = QStringLiteral("pictures/network");
const QString smoothing = QStringLiteral("charts/smoothing");
const QString hidden = QStringLiteral("charts/hidden");
const QString follow = QStringLiteral("charts/followSteps");
const QString logSteps = QStringLiteral("charts/logSteps");
const QString outliers = QStringLiteral("charts/ignoreOutliers");
const QString folded = QStringLiteral("params/folded"); // group title -> folded
const QString theme = QStringLiteral("view/theme");
const QString colourBlind = QStringLiteral("view/colourBlindPalette");
const QString exportWindowColours = QStringLiteral("view/exportWindowColours");
const QString zoom = QStringLiteral("view/zoom");
const QString presentationHidden = QStringLiteral("view/presentationHidden");
} // namespace Key
} // namespace

AppSettings::AppSettings(QSettings* settings) : m_settings(settings)
{
    if (!m_settings) {
        m_owned = std::make_unique<QSettings>(QStringLiteral("RegLab"), QStringLiteral("RegLab"));
        m_settings = m_owned.get();
    }
}

AppSettings::~AppSettings() = default;

QString AppSettings::lastLab() const { return m_settings->value(Key::lastLab).toString(); }
void AppSettings::setLastLab(const QString& id) { m_settings->setValue(Key::lastLab, id); }

QByteArray AppSettings::windowGeometry() const { return m_settings->value(Key::geometry).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray& g) { m_settings->setValue(Key::geometry, g); }
QByteArray AppSettings::windowState() const { return m_settings->value(Key::state).toByteArray(); }
void AppSettings::setWindowState(const QByteArray& s) { m_settings->setValue(Key::state, s); }

AppSettings::ParamValues AppSettings::paramValues(const QString& lab) const
{
    ParamValues out;
    if (lab.isEmpty())
        return out;
    m_settings->beginGroup(Key::params.arg(lab));
    for (const QString& k : m_settings->childKeys())
        out.emplace_back(k.toStdString(), m_settings->value(k).toString().toStdString());
    m_settings->endGroup();
    return out;
}

void AppSettings::setParamValues(const QString& lab, const ParamValues& values)
{
    if (lab.isEmpty())
        return;
    m_settings->remove(Key::params.arg(lab));
    m_settings->beginGroup(Key::params.arg(lab));
    for (const auto& [id, text] : values)
        m_settings->setValue(QString::fromStdString(id), QString::fromStdString(text));
    m_settings->endGroup();
}

double AppSettings::speed() const
{
    bool ok = false;
    const double s = m_settings->value(Key::speed, kDefaultSpeed).toDouble(&ok);
    return ok && std::isfinite(s) && s >= 0.0 ? s : kDefaultSpeed;
}
void AppSettings::setSpeed(double s) { m_settings->setValue(Key::speed, std::isfinite(s) && s > 0.0 ? s : 0.0); }

bool AppSettings::logScale() const { return m_settings->value(Key::logScale, false).toBool(); }
void AppSettings::setLogScale(bool on) { m_settings->setValue(Key::logScale, on); }
std::map<QString, bool> AppSettings::foldedGroups() const
{
    std::map<QString, bool> out;
    const QVariantMap m = m_settings->value(Key::folded).toMap();
    for (auto it = m.begin(); it != m.end(); ++it)
        out[it.key()] = it.value().toBool();
    return out;
}

void AppSettings::setFoldedGroups(const std::map<QString, bool>& folded)
{
    QVariantMap m;
    for (const auto& [title, f] : folded)
        m.insert(title, f);
    m_settings->setValue(Key::folded, m);
}

bool AppSettings::networkPicture() const { return m_settings->value(Key::networkPicture, false).toBool(); }
void AppSettings::setNetworkPicture(bool on) { m_settings->setValue(Key::networkPicture, on); }

double AppSettings::smoothing() const
{
    const double w = m_settings->value(Key::smoothing, 0.6).toDouble();
    return std::isfinite(w) ? std::clamp(w, 0.0, 0.999) : 0.6;
}
void AppSettings::setSmoothing(double w) { m_settings->setValue(Key::smoothing, std::isfinite(w) ? std::clamp(w, 0.0, 0.999) : 0.6); }

QStringList AppSettings::hiddenCharts() const { return m_settings->value(Key::hidden).toStringList(); }
void AppSettings::setHiddenCharts(const QStringList& g) { m_settings->setValue(Key::hidden, g); }
qint64 AppSettings::followSteps() const { return std::max<qint64>(0, m_settings->value(Key::follow, 0).toLongLong()); }
void AppSettings::setFollowSteps(qint64 n) { m_settings->setValue(Key::follow, std::max<qint64>(0, n)); }
bool AppSettings::logSteps() const { return m_settings->value(Key::logSteps, false).toBool(); }
void AppSettings::setLogSteps(bool on) { m_settings->setValue(Key::logSteps, on); }
bool AppSettings::ignoreOutliers() const { return m_settings->value(Key::outliers, true).toBool(); }
void AppSettings::setIgnoreOutliers(bool on) { m_settings->setValue(Key::outliers, on); }

quint64 AppSettings::seed() const
{
    bool ok = false;
    const quint64 s = m_settings->value(Key::seed, 1).toULongLong(&ok);
    return ok ? s : 1;
}
void AppSettings::setSeed(quint64 seed) { m_settings->setValue(Key::seed, seed); }

QString AppSettings::theme() const
{
    const QString t = m_settings->value(Key::theme).toString();
    return t == QLatin1String("light") || t == QLatin1String("dark") ? t : QStringLiteral("system");
}
void AppSettings::setTheme(const QString& name) { m_settings->setValue(Key::theme, name); }
bool AppSettings::colourBlindPalette() const { return m_settings->value(Key::colourBlind, false).toBool(); }
void AppSettings::setColourBlindPalette(bool on) { m_settings->setValue(Key::colourBlind, on); }
bool AppSettings::exportWindowColours() const { return m_settings->value(Key::exportWindowColours, false).toBool(); }
void AppSettings::setExportWindowColours(bool on) { m_settings->setValue(Key::exportWindowColours, on); }
double AppSettings::zoom() const
{
    bool ok = false;
    const double z = m_settings->value(Key::zoom, 1.0).toDouble(&ok);
    return ok && std::isfinite(z) ? std::clamp(z, kMinZoom, kMaxZoom) : 1.0;
}
void AppSettings::setZoom(double factor)
{
    m_settings->setValue(Key::zoom, std::isfinite(factor) ? std::clamp(factor, kMinZoom, kMaxZoom) : 1.0);
}
QStringList AppSettings::presentationHidden() const
{
    if (!m_settings->contains(Key::presentationHidden))
        return {QStringLiteral("parametersDock"), QStringLiteral("lessonDock")};
    return m_settings->value(Key::presentationHidden).toStringList();
}
void AppSettings::setPresentationHidden(const QStringList& objectNames)
{
    m_settings->setValue(Key::presentationHidden, objectNames);
}

void AppSettings::sync() { m_settings->sync(); }
