#include "settings/TextTone.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

TextTone::TextTone(QWidget* label, Tone tone) : QObject(label), m_label(label), m_tone(tone)
{
    label->installEventFilter(this);
    update();
}

void TextTone::apply(QWidget* label, Tone tone) { new TextTone(label, tone); }

QColor TextTone::colour(const QPalette& palette, Tone tone)
{
    const QColor text = palette.color(QPalette::WindowText), back = palette.color(QPalette::Window);
    const bool dark = back.lightnessF() < 0.5;
    if (tone == Tone::Warning)
        return dark ? QColor(0xff, 0xb3, 0x66) : QColor(0x9a, 0x4c, 0x00);
    auto mix = [](double a, double b) { return int(a * 0.6 + b * 0.4 + 0.5); };
    return QColor(mix(text.red(), back.red()), mix(text.green(), back.green()), mix(text.blue(), back.blue()));
}

void TextTone::update()
{
    m_updating = true;
    QPalette p = m_label->palette();
    const QPalette app = QApplication::palette(m_label);
    p.setColor(QPalette::WindowText, colour(app, m_tone));
    p.setColor(QPalette::Window, app.color(QPalette::Window));
    m_label->setPalette(p);
    m_updating = false;
}

bool TextTone::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_label && !m_updating
        && (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange))
        update();
    return false;
}
