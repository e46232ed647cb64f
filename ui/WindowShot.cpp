#include "WindowShot.h"

#include "MainWindow.h"
#include "SizeHintWarningFilter.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QTemporaryDir>

QString renderWindowShot(std::unique_ptr<reglab::Lab> lab, const std::vector<reglab::MetricRow>& history,
                         const QString& pngPath, QSize size)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return QStringLiteral("Window shots need a QApplication.");
    if (!lab)
        return QStringLiteral("There is no lab to show.");
    if (size.width() < 320 || size.height() < 240)
        return QStringLiteral("The shot size %1x%2 is too small (at least 320x240).").arg(size.width()).arg(size.height());
    if (!QFileInfo(pngPath).absoluteDir().exists())
        return QStringLiteral("The folder %1 does not exist.").arg(QDir::toNativeSeparators(QFileInfo(pngPath).absolutePath()));

    // Default settings, never the user's: every shot looks the same.
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return QStringLiteral("Could not create a temporary folder for the shot's settings.");
    QSettings qs(tmp.filePath(QStringLiteral("shot.ini")), QSettings::IniFormat);
    AppSettings settings(&qs);
    const SizeHintWarningFilter quiet;
    MainWindow window(&settings, std::move(lab), history);
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(size);
    window.show();
    // Let the layout settle, then draw the charts at their final size.
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::processEvents();
        window.refreshNow();
    }
    QCoreApplication::processEvents();
    const QPixmap shot = window.grab();
    if (shot.isNull())
        return QStringLiteral("Rendering the window failed.");
    if (!shot.save(pngPath, "PNG"))
        return QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(pngPath));
    return {};
}
