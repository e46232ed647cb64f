#include "export/ChartExporter.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QScreen>
#include <QSvgGenerator>

#include <cmath>

namespace {
// Fonts are sized in points and laid out at the screen's DPI; painting on a device with
// another DPI would scale text but not geometry. Every device gets the same DPI.
int layoutDpi()
{
    const QScreen* s = QGuiApplication::primaryScreen();
    const double dpi = s ? s->logicalDotsPerInch() : 96.0;
    return std::isfinite(dpi) && dpi > 10 ? int(std::lround(dpi)) : 96;
}

QString checkedDir(const QString& path)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return QStringLiteral("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
    return {};
}
} // namespace

std::optional<ChartExporter::Format> ChartExporter::formatFromName(const QString& name)
{
    QString n = name.trimmed().toLower();
    if (n.startsWith(QLatin1Char('.')))
        n.remove(0, 1);
    if (n == QLatin1String("png"))
        return Format::Png;
    if (n == QLatin1String("svg"))
        return Format::Svg;
    if (n == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

QString ChartExporter::suffix(Format f)
{
    switch (f) {
    case Format::Png:
        return QStringLiteral("png");
    case Format::Svg:
        return QStringLiteral("svg");
    case Format::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QImage ChartExporter::renderImage(QSize size, const PaintFn& paint, double scale)
{
    scale = std::isfinite(scale) && scale >= 1.0 ? std::min(scale, 8.0) : 1.0;
    QImage img(QSize(int(std::lround(size.width() * scale)), int(std::lround(size.height() * scale))),
               QImage::Format_ARGB32_Premultiplied);
    if (img.isNull())
        return img;
    const int dpi = layoutDpi();
    img.setDevicePixelRatio(scale);
    img.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
    img.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
    {
        const ChartStyle::LightColours light; // copied images too: dark text on white
        img.fill(ChartPalette::background()); // slides want an opaque background
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        paint(&p, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    return img;
}

void ChartExporter::copyImage(QSize size, const PaintFn& paint)
{
    QImage img = renderImage(size, paint, 2.0);
    img.setDevicePixelRatio(1.0); // pasted into slides at its pixel size: sharp at 2x
    QGuiApplication::clipboard()->setImage(img);
}

QString ChartExporter::exportImage(const QString& path, Format format, QSize size, const QString& title,
                                   const PaintFn& paint, double pngScale)
{
    if (size.width() < 16 || size.height() < 16)
        return QStringLiteral("The image size %1x%2 is too small.").arg(size.width()).arg(size.height());
    if (QString err = checkedDir(path); !err.isEmpty())
        return err;
    const QRectF rect(QPointF(0, 0), QSizeF(size));
    const int dpi = layoutDpi();
    // Slides and papers want dark text on white, whatever the window's theme.
    const ChartStyle::LightColours light;
    switch (format) {
    case Format::Png: {
        const QImage img = renderImage(size, paint, pngScale);
        if (img.isNull())
            return QStringLiteral("Not enough memory for a %1x%2 image at %3x.").arg(size.width()).arg(size.height()).arg(pngScale);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !img.save(&file, "PNG") || !file.commit())
            return QStringLiteral("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    case Format::Svg: {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(dpi);
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Exported by RegLab"));
        QPainter p;
        if (!p.begin(&svg))
            return QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(path));
        p.fillRect(rect, Qt::white);
        paint(&p, rect);
        p.end();
        return QFileInfo(path).size() > 0 ? QString() : QStringLiteral("Could not write %1.").arg(path);
    }
    case Format::Pdf: {
        QPdfWriter pdf(path);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("RegLab"));
        pdf.setResolution(dpi);
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 25.4 / dpi, size.height() * 25.4 / dpi), QPageSize::Millimeter));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf))
            return QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(path));
        // The page may round to whole device units: fit the drawing to it.
        const QRectF page(0, 0, pdf.width(), pdf.height());
        p.scale(page.width() / rect.width(), page.height() / rect.height());
        p.fillRect(rect, Qt::white);
        paint(&p, rect);
        p.end();
        return QFileInfo(path).size() > 0 ? QString() : QStringLiteral("Could not write %1.").arg(path);
    }
    }
    return QStringLiteral("Unknown image format.");
}

QString ChartExporter::writeText(const QString& path, const QString& text)
{
    if (QString err = checkedDir(path); !err.isEmpty())
        return err;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return QStringLiteral("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

void ChartExporter::saveImageInteractively(QWidget* parent, const QString& baseName, QSize size,
                                           const QString& title, const PaintFn& paint)
{
    // The PNG scale is picked with the file type: 2x is sharp on slides, 4x in print.
    const QString png = QObject::tr("PNG image, 2x for slides (*.png)"), png1 = QObject::tr("PNG image, 1x (*.png)"),
                  png4 = QObject::tr("PNG image, 4x for print (*.png)"), svg = QObject::tr("SVG vector image (*.svg)"),
                  pdf = QObject::tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export image"), baseName + QStringLiteral(".png"),
                                                QStringList{png, png1, png4, svg, pdf}.join(QStringLiteral(";;")),
                                                &filter);
    if (path.isEmpty())
        return;
    auto format = formatFromName(QFileInfo(path).suffix());
    if (!format) {
        // No (known) suffix typed: take the chosen filter's and append it.
        format = filter == svg ? Format::Svg : filter == pdf ? Format::Pdf : Format::Png;
        path += QLatin1Char('.') + suffix(*format);
    }
    const double scale = filter == png1 ? 1.0 : filter == png4 ? 4.0 : 2.0;
    const QString err = exportImage(path, *format, size, title, paint, scale);
    if (!err.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Export failed"), err);
}

void ChartExporter::saveCsvInteractively(QWidget* parent, const QString& baseName, const QString& csv)
{
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export data"), baseName + QStringLiteral(".csv"),
                                                QObject::tr("CSV table (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    const QString err = writeText(path, csv);
    if (!err.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Export failed"), err);
}

void ChartExporter::execPictureMenu(QWidget* owner, const QPoint& globalPos, const QString& name, const PaintFn& paint)
{
    QMenu menu(owner);
    QAction* save = menu.addAction(QObject::tr("Export image (PNG, SVG, PDF)..."));
    QAction* copy = menu.addAction(QObject::tr("Copy image"));
    QAction* chosen = menu.exec(globalPos);
    if (chosen == save)
        saveImageInteractively(owner, name, owner->size(), name, paint);
    else if (chosen == copy)
        copyImage(owner->size(), paint);
}
