#pragma once
// Every picture export (PNG, SVG, PDF) goes through one paint function (LabPlot's
// exportPaint idea): the caller passes how to paint into a rectangle, the exporter only
// picks the paint device. Data (CSV) is saved atomically.
#include <QImage>
#include <QPoint>
#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QPainter;
class QWidget;

class ChartExporter {
public:
    enum class Format { Png, Svg, Pdf };
    using PaintFn = std::function<void(QPainter*, const QRectF&)>;

    // "png", "svg", "pdf" (any case, with or without a dot); nullopt otherwise.
    static std::optional<Format> formatFromName(const QString& name);
    static QString suffix(Format f);

    // Paints into `path` at `size` logical pixels (PNG at pngScale x that, for sharp slides).
    // Returns "" on success, else one clear sentence.
    static QString exportImage(const QString& path, Format format, QSize size, const QString& title,
                               const PaintFn& paint, double pngScale = 2.0);
    // The picture as pixels on white, at `scale` x `size` (1 to 8); null without memory.
    static QImage renderImage(QSize size, const PaintFn& paint, double scale);
    // "Copy image": the picture at 2x on the clipboard, through the same paint function.
    static void copyImage(QSize size, const PaintFn& paint);
    // A picture's right-click menu: Export image (the dialog above) and Copy image, for
    // the widget's current size; `name` is the file name offered.
    static void execPictureMenu(QWidget* owner, const QPoint& globalPos, const QString& name, const PaintFn& paint);
    // Writes text through QSaveFile (no half-written file on failure).
    static QString writeText(const QString& path, const QString& text);

    // Save dialogs for the GUI: ask for a file, pick the format from the suffix or the
    // chosen filter, then export. Silent when the user cancels; errors go to a message box.
    static void saveImageInteractively(QWidget* parent, const QString& baseName, QSize size, const QString& title,
                                       const PaintFn& paint);
    static void saveCsvInteractively(QWidget* parent, const QString& baseName, const QString& csv);
};
