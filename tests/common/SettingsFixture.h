#pragma once
// The window's settings in a throw-away INI file, so a UI test starts from defaults and
// leaves the user's settings alone.
#include "settings/AppSettings.h"

#include <QSettings>
#include <QTemporaryDir>

struct Fixture {
    QTemporaryDir dir;
    QSettings qs{dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat};
    AppSettings settings{&qs};
};
