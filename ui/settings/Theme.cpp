#include "settings/Theme.h"

#include "charts/ChartStyle.h"

#include <QApplication>
#include <QStyle>

namespace {
Theme::Mode g_mode = Theme::Mode::System;
bool g_applying = false;
QPalette g_applied;
std::function<QPalette()> g_source;

// Sets the flag for the lifetime of a scope (no recursion through palette events).
struct Applying {
    bool was = g_applying;
    Applying() { g_applying = true; }
    ~Applying() { g_applying = was; }
};
} // namespace

Theme::Mode Theme::fromName(const QString& name)
{
    if (name == QLatin1String("light"))
        return Mode::Light;
    if (name == QLatin1String("dark"))
        return Mode::Dark;
    return Mode::System;
}

QString Theme::name(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

QPalette& Theme::platformPalette()
{
    static QPalette platform = QApplication::palette(); // before apply() changes it
    return platform;
}

Theme::Mode Theme::current() { return g_mode; }
bool Theme::applying() { return g_applying; }
QPalette Theme::applied() { return g_applied; }
void Theme::setPlatformSource(std::function<QPalette()> source) { g_source = std::move(source); }

bool Theme::followPlatform()
{
    if (g_mode != Mode::System || g_applying)
        return false;
    const Applying guard;
    platformPalette(); // the first read stays the one from before any palette of ours
    if (g_source) {
        platformPalette() = g_source();
    } else {
        // A palette without resolved roles resets the application's to the platform
        // theme's (and the style's); apply() below sets ours again.
        QApplication::setPalette(QPalette());
        platformPalette() = QApplication::palette();
    }
    apply(Mode::System);
    return true;
}

bool Theme::systemIsDark() { return platformPalette().color(QPalette::Window).lightnessF() < 0.5; }

QPalette Theme::lightPalette()
{
    // The platform's palette when it is light; the style's own otherwise.
    if (!systemIsDark())
        return platformPalette();
    return QApplication::style()->standardPalette();
}

QPalette Theme::darkPalette()
{
    QPalette p;
    // Fields (Base) clearly darker than the window, so check boxes and fields stand out.
    const QColor window(0x36, 0x39, 0x3f), base(0x1f, 0x20, 0x23), text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2c, 0x30));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x42, 0x45, 0x4c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x66, 0x66));
    p.setColor(QPalette::Light, QColor(0x55, 0x58, 0x5f));
    p.setColor(QPalette::Midlight, QColor(0x4a, 0x4d, 0x53));
    p.setColor(QPalette::Mid, QColor(0x70, 0x73, 0x7a));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1e));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    // Disabled controls: dimmer text, so greyed-out knobs still look greyed out.
    const QColor off(0x80, 0x80, 0x80);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, off);
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x3a, 0x3d, 0x42));
    return p;
}

bool Theme::apply(Mode mode)
{
    platformPalette(); // remember it before the first change
    const Applying guard;
    g_mode = mode;
    const bool dark = mode == Mode::Dark || (mode == Mode::System && systemIsDark());
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
    g_applied = QApplication::palette();
    ChartStyle::instance()->setDark(dark);
    return dark;
}
