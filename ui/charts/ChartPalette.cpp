#include "charts/ChartPalette.h"

#include "charts/ChartStyle.h"

#include <QFontMetricsF>

#include <algorithm>
#include <array>

namespace {
bool dark() { return ChartStyle::instance()->dark(); }
bool okabeIto() { return ChartStyle::instance()->colourBlindSafe(); }
} // namespace

// Okabe-Ito: blue and vermillion on white; on a dark background the lighter sky blue and
// orange of the same set keep their contrast. Twins get lighter shades (checked apart
// under simulated deuteranopia and protanopia by tst_theme).
QColor ChartPalette::train()
{
    if (okabeIto())
        return dark() ? QColor(0x56, 0xb4, 0xe9) : QColor(0x00, 0x72, 0xb2);
    return dark() ? QColor(0x4e, 0x9d, 0xe0) : QColor(0x1f, 0x77, 0xb4);
}
QColor ChartPalette::val()
{
    if (okabeIto())
        return dark() ? QColor(0xe6, 0x9f, 0x00) : QColor(0xd5, 0x5e, 0x00);
    return dark() ? QColor(0xff, 0x99, 0x33) : QColor(0xff, 0x7f, 0x0e);
}
QColor ChartPalette::twinColor(const QColor& main)
{
    if (!okabeIto())
        return main;
    if (main == train())
        return dark() ? QColor(0xb3, 0xdd, 0xf5) : QColor(0x56, 0xb4, 0xe9);
    if (main == val())
        return dark() ? QColor(0xf7, 0xcf, 0x77) : QColor(0xe6, 0x9f, 0x00);
    return main;
}
QColor ChartPalette::markerColor() { return dark() ? QColor(0xaa, 0xaa, 0xaa) : QColor(0x55, 0x55, 0x55); }
QColor ChartPalette::gridColor() { return dark() ? QColor(0x44, 0x46, 0x4b) : QColor(0xdd, 0xdd, 0xdd); }
QColor ChartPalette::minorGridColor() { return dark() ? QColor(0x32, 0x34, 0x38) : QColor(0xf0, 0xf0, 0xf0); }
QColor ChartPalette::textColor() { return dark() ? QColor(0xe8, 0xe8, 0xe8) : QColor(0x22, 0x22, 0x22); }
QColor ChartPalette::mutedTextColor() { return dark() ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x55, 0x55, 0x55); }
QColor ChartPalette::background() { return dark() ? QColor(0x20, 0x21, 0x24) : QColor(Qt::white); }

QColor ChartPalette::faint(const QColor& c)
{
    const QColor b = background();
    auto mix = [](double x, double y) { return float(0.3 * x + 0.7 * y); };
    return QColor::fromRgbF(mix(c.redF(), b.redF()), mix(c.greenF(), b.greenF()), mix(c.blueF(), b.blueF()));
}

QString ChartPalette::stripStyleSheet()
{
    // The font size too: a style-sheeted label no longer follows its window's font.
    return QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; font-size: %4pt; }")
        .arg(faint(gridColor()).name(), textColor().name(), gridColor().name())
        .arg(legendFont().pointSizeF());
}

double ChartPalette::lineWidth(double width) { return width * ChartStyle::instance()->lineScale(); }

QColor ChartPalette::metricColor(const std::string& id, int otherIndex)
{
    auto starts = [&](const char* p) { return id.rfind(p, 0) == 0; };
    if (starts("train"))
        return train();
    if (starts("val"))
        return val();
    // tab10 without its blue and orange, which mean train and val.
    static const std::array<QColor, 8> others = {QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                                 QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                                 QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                                 QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    return others[size_t(std::max(0, otherIndex)) % others.size()];
}

QColor ChartPalette::referenceColor() { return markerColor(); }

QColor ChartPalette::classColor(int k)
{
    static const std::array<QColor, 7> tol = {QColor(0x44, 0x77, 0xaa), QColor(0xee, 0x66, 0x77),
                                              QColor(0x22, 0x88, 0x33), QColor(0xcc, 0xbb, 0x44),
                                              QColor(0x66, 0xcc, 0xee), QColor(0xaa, 0x33, 0x77),
                                              QColor(0x77, 0x77, 0x77)};
    if (k < 0)
        return QColor(0x99, 0x99, 0x99);
    if (size_t(k) < tol.size())
        return tol[size_t(k)];
    // More classes (digits): spread hues evenly past the fixed set.
    return QColor::fromHsv((k * 47) % 360, 160, 200);
}

static QFont sized(int points, bool bold = false)
{
    QFont f;
    f.setPointSizeF(points * ChartStyle::instance()->fontScale());
    f.setBold(bold);
    return f;
}

QFont ChartPalette::titleFont() { return sized(14, true); }
QFont ChartPalette::axisLabelFont() { return sized(11); }
QFont ChartPalette::axisTitleFont() { return sized(11); }
QFont ChartPalette::legendFont() { return sized(12); }
QFont ChartPalette::markerFont() { return sized(10); }

QString ChartPalette::groupTitle(const QString& group)
{
    if (group == QLatin1String("loss"))
        return QStringLiteral("Loss");
    if (group == QLatin1String("accuracy"))
        return QStringLiteral("Accuracy");
    if (group == QLatin1String("weights"))
        return QStringLiteral("Weight norm");
    if (group == QLatin1String("lr"))
        return QStringLiteral("Learning rate");
    if (group == QLatin1String("units"))
        return QStringLiteral("Dead ReLU units");
    if (group == QLatin1String("confidence"))
        return QStringLiteral("Confidence");
    if (group == QLatin1String("calibration"))
        return QStringLiteral("Calibration error");
    if (group == QLatin1String("lipschitz"))
        return QStringLiteral("Lipschitz bound");
    if (group == QLatin1String("modes"))
        return QStringLiteral("Modes covered");
    if (group == QLatin1String("quality"))
        return QStringLiteral("Sample quality");
    if (group == QLatin1String("mode_kl"))
        return QStringLiteral("Mode KL");
    if (group == QLatin1String("distance"))
        return QStringLiteral("Distance to the target");
    if (group == QLatin1String("grad_norm"))
        return QStringLiteral("Discriminator steepness");
    if (group == QLatin1String("ablation"))
        return QStringLiteral("Branch removed");
    if (group == QLatin1String("effective_lr"))
        return QStringLiteral("Effective learning rate");
    if (group == QLatin1String("entropy"))
        return QStringLiteral("Attention entropy");
    if (group == QLatin1String("cue"))
        return QStringLiteral("Attention on the cue");
    QString t = group;
    t.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!t.isEmpty())
        t[0] = t[0].toUpper();
    return t;
}

void ChartPalette::fitTitle(QFont* font, QString* text, double room)
{
    auto fits = [&] { return QFontMetricsF(*font).horizontalAdvance(*text) <= room; };
    while (font->pointSizeF() > 9.0 && !fits())
        font->setPointSizeF(font->pointSizeF() - 0.5);
    if (!fits())
        *text = QFontMetricsF(*font).elidedText(*text, Qt::ElideRight, room);
}
