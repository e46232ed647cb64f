#include "charts/ChartPalette.h"

#include <QFontMetricsF>

#include <algorithm>
#include <array>

QColor ChartPalette::train() { return QColor(0x1f, 0x77, 0xb4); }
QColor ChartPalette::val() { return QColor(0xff, 0x7f, 0x0e); }
QColor ChartPalette::markerColor() { return QColor(0x55, 0x55, 0x55); }
QColor ChartPalette::gridColor() { return QColor(0xdd, 0xdd, 0xdd); }
QColor ChartPalette::textColor() { return QColor(0x22, 0x22, 0x22); }

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

QColor ChartPalette::referenceColor() { return QColor(0x55, 0x55, 0x55); }

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
    f.setPointSize(points);
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
