#pragma once
// Secondary text (hints, notes) and warnings that stay readable in the light and the dark
// theme: the colour comes from the current palette (a hint is the text colour blended
// 40% toward the background; a warning is a dark orange on light, a light one on dark),
// and follows it when the theme changes. Style-sheet greys such as #666 did not (2.5:1 on
// the dark window).
#include <QColor>
#include <QObject>
#include <QPalette>

class QWidget;

class TextTone : public QObject {
    Q_OBJECT
public:
    enum class Tone { Hint, Warning };
    // Colours `label` (any widget that draws with WindowText) from now on.
    static void apply(QWidget* label, Tone tone);
    static QColor colour(const QPalette& palette, Tone tone);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    TextTone(QWidget* label, Tone tone);
    void update();

    QWidget* m_label;
    Tone m_tone;
    bool m_updating = false;
};
