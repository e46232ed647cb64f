#pragma once
// Everything the app remembers between sessions, typed, with every key in one place.
// Built on an injected QSettings so tests never touch the user's configuration.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class QSettings;

class AppSettings {
public:
    using ParamValues = std::vector<std::pair<std::string, std::string>>; // id -> ParamSpec::toText

    // settings == nullptr: the platform's user settings for RegLab (owned here).
    explicit AppSettings(QSettings* settings = nullptr);
    ~AppSettings();
    AppSettings(const AppSettings&) = delete;
    AppSettings& operator=(const AppSettings&) = delete;

    QString lastLab() const;
    void setLastLab(const QString& id);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& g);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& s);

    ParamValues paramValues(const QString& lab) const;
    // Replaces the saved values of that lab.
    void setParamValues(const QString& lab, const ParamValues& values);

    // Steps per second, 0 = full speed. A first run is paced so that pressing Play shows the
    // net learning step by step (the first thousand steps are the interesting ones).
    static constexpr double kDefaultSpeed = 1000.0;
    double speed() const;
    void setSpeed(double stepsPerSecond);
    bool logScale() const; // loss chart y axis (default off)
    void setLogScale(bool on);
    bool networkPicture() const; // the pictures dock shows the network, not the boundary (default off)
    void setNetworkPicture(bool on);
    double smoothing() const; // EMA weight in [0, 0.999] (default 0.6, as TensorBoard)
    void setSmoothing(double weight);
    // The line charts' view (ChartPanel's header row): groups hidden by the chart picker,
    // "follow the last N steps" (0: all), log step axis, outlier-robust y range (default on).
    QStringList hiddenCharts() const;
    void setHiddenCharts(const QStringList& groups);
    qint64 followSteps() const;
    void setFollowSteps(qint64 n);
    bool logSteps() const;
    void setLogSteps(bool on);
    bool ignoreOutliers() const;
    void setIgnoreOutliers(bool on);
    // The parameter panel's groups as the user left them: title -> folded.
    std::map<QString, bool> foldedGroups() const;
    void setFoldedGroups(const std::map<QString, bool>& folded);
    quint64 seed() const; // default 1
    void setSeed(quint64 seed);

    // The View menu (PresentationMode): theme "system" (default), "light" or "dark"; the
    // colour-blind-safe palette (default off); exports in the window's colours (default off); the font zoom factor (default 1, kept in
    // [kMinZoom, kMaxZoom]); the docks and toolbars presentation mode hides, by object
    // name (default: the parameters and the lesson picker).
    static constexpr double kMinZoom = 0.6, kMaxZoom = 3.0;
    QString theme() const;
    void setTheme(const QString& name);
    bool colourBlindPalette() const;
    void setColourBlindPalette(bool on);
    bool exportWindowColours() const; // exports in the window's theme (default off: white)
    void setExportWindowColours(bool on);
    double zoom() const;
    void setZoom(double factor);
    QStringList presentationHidden() const;
    void setPresentationHidden(const QStringList& objectNames);

    void sync();
    QSettings* qsettings() const { return m_settings; }

private:
    QSettings* m_settings;
    std::unique_ptr<QSettings> m_owned;
};
