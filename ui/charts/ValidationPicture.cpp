#include "charts/ValidationPicture.h"
#include "export/ChartExporter.h"

#include <QContextMenuEvent>

#include "charts/ChartPalette.h"

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
constexpr double kTitleHeight = 22;
constexpr int kImageColumns = 6;

QString className(const std::vector<std::string>& names, int k)
{
    return size_t(k) < names.size() ? QString::fromStdString(names[size_t(k)]) : QString::number(k);
}
} // namespace

ValidationPicture::ValidationPicture(QWidget* parent) : QWidget(parent) { setMinimumSize(240, 160); }

void ValidationPicture::setViews(const reglab::ImagesView* images, const reglab::GridView* confusion, int64_t step)
{
    m_images = images ? *images : reglab::ImagesView();
    m_confusion = confusion ? *confusion : reglab::GridView();
    m_step = step;
    update();
}

int ValidationPicture::heightForWidth(int width) const { return hasImages() ? width * 3 / 2 : width; }

void ValidationPicture::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    paintTo(&p, QRectF(rect()));
}

void ValidationPicture::paintTo(QPainter* p, const QRectF& target) const
{
    p->save();
    p->fillRect(target, ChartPalette::background());
    p->setPen(ChartPalette::textColor());
    if (!hasPicture()) {
        p->drawText(target, Qt::AlignCenter, tr("No validation pictures yet."));
        p->restore();
        return;
    }
    if (hasImages()) {
        const double imagesH = hasMatrix() ? target.height() * 0.45 : target.height();
        paintImages(p, QRectF(target.left(), target.top(), target.width(), imagesH));
        if (hasMatrix())
            paintMatrix(p, QRectF(target.left(), target.top() + imagesH, target.width(), target.height() - imagesH));
    } else {
        paintMatrix(p, target);
    }
    p->restore();
}

void ValidationPicture::paintImages(QPainter* p, const QRectF& area) const
{
    QFont title = ChartPalette::titleFont();
    QString text = tr("%1 (step %2)").arg(QString::fromStdString(m_images.title)).arg(m_step);
    ChartPalette::fitTitle(&title, &text, area.width() - 8);
    p->setFont(title);
    p->setPen(ChartPalette::textColor());
    p->drawText(QRectF(area.left(), area.top(), area.width(), kTitleHeight), Qt::AlignCenter, text);
    const int n = m_images.count(), rows = (n + kImageColumns - 1) / kImageColumns;
    const double labelH = 14;
    const double cellW = area.width() / kImageColumns;
    const double cellH = (area.height() - kTitleHeight) / std::max(1, rows);
    const double side = std::max(4.0, std::min(cellW - 6, cellH - labelH - 4));
    QFont small = ChartPalette::axisLabelFont();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    p->setFont(small);
    const int w = m_images.width, h = m_images.height;
    for (int i = 0; i < n; ++i) {
        QImage img(w, h, QImage::Format_RGB32);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const float v = std::clamp(m_images.pixels[size_t((i * h + y) * w + x)], 0.0f, 1.0f);
                const int g = 255 - int(std::lround(v * 255));
                img.setPixel(x, y, qRgb(g, g, g));
            }
        const double cx = area.left() + cellW * (i % kImageColumns + 0.5);
        const double top = area.top() + kTitleHeight + cellH * (i / kImageColumns);
        const QRectF r(cx - side / 2, top + 2, side, side);
        p->drawImage(r, img);
        const bool wrong = m_images.predicted[size_t(i)] != m_images.label[size_t(i)];
        p->setPen(wrong ? QPen(QColor(0xcc, 0x33, 0x11), 2.5) : QPen(QColor(170, 170, 170), 1));
        p->setBrush(Qt::NoBrush);
        p->drawRect(r);
        const QString label = wrong ? tr("%1, true %2")
                                          .arg(className(m_images.classNames, m_images.predicted[size_t(i)]),
                                               className(m_images.classNames, m_images.label[size_t(i)]))
                                    : className(m_images.classNames, m_images.predicted[size_t(i)]);
        p->setPen(wrong ? QColor(0xcc, 0x33, 0x11) : ChartPalette::textColor());
        p->drawText(QRectF(cx - cellW / 2, r.bottom() + 1, cellW, labelH), Qt::AlignCenter, label);
    }
}

void ValidationPicture::paintMatrix(QPainter* p, const QRectF& area) const
{
    const int k = m_confusion.width;
    QFont title = ChartPalette::titleFont();
    QString text = QString::fromStdString(m_confusion.title);
    if (!hasImages())
        text += tr(" (step %1)").arg(m_step);
    ChartPalette::fitTitle(&title, &text, area.width() - 8);
    p->setFont(title);
    p->setPen(ChartPalette::textColor());
    p->drawText(QRectF(area.left(), area.top(), area.width(), kTitleHeight), Qt::AlignCenter, text);
    const double axis = 34, noteH = 18;
    const double room = std::min(area.width() - axis - 8, area.height() - kTitleHeight - axis - noteH);
    const double cell = std::max(4.0, room / k);
    const QRectF grid(area.left() + (area.width() - cell * k + axis) / 2, area.top() + kTitleHeight + axis, cell * k,
                      cell * k);
    float most = 1;
    for (float v : m_confusion.value)
        most = std::max(most, v);
    QFont small = ChartPalette::axisLabelFont();
    small.setPointSizeF(std::clamp(cell * 0.3, 6.0, small.pointSizeF()));
    p->setFont(small);
    for (int r = 0; r < k; ++r)
        for (int c = 0; c < k; ++c) {
            const float v = m_confusion.value[size_t(r * k + c)];
            const double t = std::sqrt(v / most);
            const QColor base = r == c ? QColor(0x08, 0x77, 0xbd) : QColor(0xcc, 0x33, 0x11);
            const QColor fill = QColor::fromRgbF(1 - t * (1 - base.redF()), 1 - t * (1 - base.greenF()),
                                                 1 - t * (1 - base.blueF()));
            const QRectF cellRect(grid.left() + c * cell, grid.top() + r * cell, cell, cell);
            p->fillRect(cellRect, fill);
            p->setPen(QColor(220, 220, 220));
            p->drawRect(cellRect);
            if (v > 0) {
                p->setPen(t > 0.6 ? Qt::white : ChartPalette::textColor());
                p->drawText(cellRect, Qt::AlignCenter, QString::number(int(v)));
            }
        }
    p->setPen(ChartPalette::textColor());
    const auto& names = m_confusion.xLabels;
    for (int c = 0; c < k; ++c) {
        p->drawText(QRectF(grid.left() + c * cell, grid.top() - 16, cell, 16), Qt::AlignCenter, className(names, c));
        p->drawText(QRectF(grid.left() - 22, grid.top() + c * cell, 20, cell), Qt::AlignRight | Qt::AlignVCenter,
                    className(m_confusion.yLabels, c));
    }
    p->drawText(QRectF(grid.left(), grid.top() - axis, grid.width(), 16), Qt::AlignCenter, tr("predicted"));
    p->save();
    p->translate(grid.left() - axis + 4, grid.center().y());
    p->rotate(-90);
    p->drawText(QRectF(-grid.height() / 2, -8, grid.height(), 16), Qt::AlignCenter, tr("true class"));
    p->restore();
    if (!m_confusion.note.empty())
        p->drawText(QRectF(area.left(), grid.bottom() + 2, area.width(), noteH), Qt::AlignCenter,
                    QString::fromStdString(m_confusion.note));
}

void ValidationPicture::contextMenuEvent(QContextMenuEvent* event)
{
    ChartExporter::execPictureMenu(this, event->globalPos(), QStringLiteral("validation"),
                                   [this](QPainter* p, const QRectF& r) { paintTo(p, r); });
}
