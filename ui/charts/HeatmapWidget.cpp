#include "charts/HeatmapWidget.h"
#include "export/ChartExporter.h"

#include "charts/ChartPalette.h"
#include "charts/NetworkPicture.h"
#include "charts/NiceScale.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace {
QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

bool isTrain(const reglab::PointSetView& p) { return p.id.find("val") == std::string::npos; }
} // namespace

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

double HeatmapWidget::classStrength(double p, int numClasses)
{
    const double chance = numClasses > 1 ? 1.0 / numClasses : 0.5;
    const double t = std::isfinite(p) ? (p - chance) / (1.0 - chance) : 0.0;
    return 0.12 + 0.58 * std::clamp(t, 0.0, 1.0);
}

QRgb HeatmapWidget::viridis(double t)
{
    static const std::array<QColor, 5> stops = {QColor(0x44, 0x01, 0x54), QColor(0x3b, 0x52, 0x8b),
                                                QColor(0x21, 0x91, 0x8c), QColor(0x5e, 0xc9, 0x62),
                                                QColor(0xfd, 0xe7, 0x25)};
    t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    const double s = t * (stops.size() - 1);
    const size_t i = std::min(stops.size() - 2, size_t(s));
    return mix(stops[i], stops[i + 1], s - double(i)).rgb();
}

void HeatmapWidget::clear()
{
    m_hasGrid = false;
    m_grid = {};
    m_points.clear();
    m_meshes.clear();
    m_caption.clear();
    m_image = QImage();
    update();
}

void HeatmapWidget::setView(const reglab::GridView* grid, const std::vector<reglab::PointSetView>& points, int64_t step,
                            const std::vector<reglab::MeshView>& meshes, const std::string& caption)
{
    m_step = step;
    m_points = points;
    m_meshes = meshes;
    m_caption = QString::fromStdString(caption);
    m_hasGrid = grid && grid->width > 0 && grid->height > 0
        && grid->value.size() == size_t(grid->width) * size_t(grid->height);
    if (m_hasGrid)
        m_grid = *grid;
    else
        m_grid = {};
    buildImage();
    update();
}

void HeatmapWidget::buildImage()
{
    if (!m_hasGrid) {
        m_image = QImage();
        return;
    }
    const auto& g = m_grid;
    m_image = QImage(g.width, g.height, QImage::Format_RGB32);
    const bool classes = g.cls.size() == g.value.size() && g.numClasses > 0;
    if (g.centered) { // 0 white, +-(the largest |target|, else |value|) full blue / orange
        double m = 0;
        for (const auto& s : m_points)
            for (float v : s.value)
                m = std::isfinite(v) ? std::max(m, double(std::abs(v))) : m;
        for (size_t i = 0; i < g.value.size() && m == 0; ++i)
            m = std::isfinite(g.value[i]) ? std::max(m, double(std::abs(g.value[i]))) : m;
        m_vMax = m > 1e-12 ? m : 1.0;
        m_vMin = -m_vMax;
    } else if (!classes) {
        m_vMin = 1e300;
        m_vMax = -1e300;
        for (float v : g.value)
            if (std::isfinite(v)) {
                m_vMin = std::min(m_vMin, double(v));
                m_vMax = std::max(m_vMax, double(v));
            }
        if (m_vMin > m_vMax)
            m_vMin = 0.0, m_vMax = 1.0;
        if (m_vMax - m_vMin < 1e-12)
            m_vMax = m_vMin + 1.0;
    }
    const QColor white(Qt::white);
    for (int r = 0; r < g.height; ++r) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
        for (int c = 0; c < g.width; ++c) {
            const size_t i = size_t(r) * size_t(g.width) + size_t(c);
            const float v = g.value[i];
            if (classes) {
                const QColor base = ChartPalette::classColor(g.cls[i]);
                line[c] = mix(white, base, m_discretize ? 0.55 : classStrength(v, g.numClasses)).rgb();
            } else {
                line[c] = !std::isfinite(v) ? qRgb(200, 200, 200)
                    : g.centered            ? NetworkPicture::divergingColor(v / m_vMax)
                                            : viridis((v - m_vMin) / (m_vMax - m_vMin));
            }
        }
    }
}

bool HeatmapWidget::hasArrows() const
{
    return std::any_of(m_points.begin(), m_points.end(), [](const auto& s) { return !s.dx.empty(); });
}

void HeatmapWidget::setShowArrows(bool on)
{
    m_showArrows = on;
    update();
}

void HeatmapWidget::setShowMesh(bool on)
{
    m_showMesh = on;
    update();
}

void HeatmapWidget::setShowValidation(bool on)
{
    m_showVal = on;
    update();
}

void HeatmapWidget::setDiscretize(bool on)
{
    m_discretize = on;
    buildImage();
    update();
}

void HeatmapWidget::paintMeshes(QPainter* p, const std::function<QPointF(double, double)>& map) const
{
    p->setBrush(Qt::NoBrush);
    for (const auto& m : m_meshes) {
        const bool polyline = m.rows == 1; // a separating line, over a light boundary map
        if (m.rows < 1 || m.cols < 2 || (!polyline && (m.rows < 2 || !m_showMesh)) || m.x.size() != size_t(m.rows) * size_t(m.cols)
            || m.y.size() != m.x.size())
            continue;
        // Light lines over the dark heatmap: the noise square's rows and columns, through G.
        QPen pen = polyline ? QPen(QColor(20, 20, 20), 2.2) : QPen(QColor(255, 255, 255, 150), 1.1);
        if (m.dashed)
            pen.setStyle(Qt::DashLine);
        p->setPen(pen);
        const int stride = std::max(1, m.stride);
        auto line = [&](int n, auto index) {
            QPainterPath path;
            bool open = false;
            for (int k = 0; k < n; ++k) {
                const size_t i = index(k);
                if (!std::isfinite(m.x[i]) || !std::isfinite(m.y[i])) {
                    open = false;
                    continue;
                }
                const QPointF q = map(m.x[i], m.y[i]);
                open ? path.lineTo(q) : path.moveTo(q);
                open = true;
            }
            p->drawPath(path);
        };
        for (int r = 0; r < m.rows; r += stride)
            line(m.cols, [&](int c) { return size_t(r) * size_t(m.cols) + size_t(c); });
        for (int c = 0; c < m.cols && !polyline; c += stride)
            line(m.rows, [&](int r) { return size_t(r) * size_t(m.cols) + size_t(c); });
    }
}

void HeatmapWidget::paintArrows(QPainter* p, const std::function<QPointF(double, double)>& map, double length) const
{
    // Lengths are relative: the 90th percentile of the magnitudes gets `length` pixels, and
    // no arrow is longer than twice that, so one steep spot does not hide the rest.
    std::vector<double> mags;
    for (const auto& s : m_points)
        for (size_t i = 0; i < s.dx.size() && i < s.dy.size(); ++i)
            if (std::isfinite(s.dx[i]) && std::isfinite(s.dy[i]))
                mags.push_back(std::hypot(double(s.dx[i]), double(s.dy[i])));
    if (mags.empty())
        return;
    const auto k = mags.begin() + std::ptrdiff_t(mags.size() * 9 / 10);
    std::nth_element(mags.begin(), k, mags.end());
    if (!(*k > 0))
        return;
    const double scale = length / *k;
    p->setPen(QPen(QColor(255, 255, 255, 190), 1.0));
    for (const auto& s : m_points)
        for (size_t i = 0; i < s.dx.size() && i < s.dy.size() && i < s.x.size() && i < s.y.size(); ++i) {
            if (!std::isfinite(s.dx[i]) || !std::isfinite(s.dy[i]) || !std::isfinite(s.x[i]) || !std::isfinite(s.y[i]))
                continue;
            const QPointF from = map(s.x[i], s.y[i]);
            // Screen direction: y grows downwards.
            QPointF d(double(s.dx[i]) * scale, -double(s.dy[i]) * scale);
            const double len = std::hypot(d.x(), d.y());
            if (len < 1.0)
                continue;
            if (len > 2 * length)
                d *= 2 * length / len;
            const QPointF to = from + d;
            p->drawLine(from, to);
            if (len < 6.0)
                continue; // too short for a head to read
            const QPointF u = d / std::hypot(d.x(), d.y()), n(-u.y(), u.x());
            const double h = std::min(4.0, 0.4 * len);
            p->drawLine(to, to - h * u + 0.6 * h * n);
            p->drawLine(to, to - h * u - 0.6 * h * n);
        }
}

void HeatmapWidget::paintCaption(QPainter* p, const QRectF& plot) const
{
    if (m_caption.isEmpty())
        return;
    QFont f = ChartPalette::legendFont();
    f.setBold(true);
    p->setFont(f);
    const QRectF room = plot.adjusted(6, 6, -6, -6);
    QRectF box = QFontMetricsF(f).boundingRect(room, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_caption);
    box.adjust(-5, -3, 5, 3);
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(255, 255, 255, 225));
    p->drawRoundedRect(box, 4, 4);
    p->setPen(ChartPalette::textColor());
    p->drawText(room, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_caption);
}

void HeatmapWidget::setDrawing(bool on)
{
    m_drawing = on;
    setCursor(on ? Qt::CrossCursor : m_editing ? Qt::PointingHandCursor : Qt::ArrowCursor);
    update();
}

void HeatmapWidget::clearDrawn()
{
    m_drawn.clear();
    emit drawnChanged(0);
    update();
}

void HeatmapWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && !m_drawing && m_editing && m_plotRect.contains(event->position())) {
        emit pointClicked(toData(event->position()), (m_domain[1] - m_domain[0]) / std::max(1.0, m_plotRect.width()),
                          event->modifiers());
        return;
    }
    if (!m_drawing || event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    addDrawnPoint(event->position());
}

void HeatmapWidget::setPoints(const std::vector<reglab::PointSetView>& points)
{
    m_points = points;
    update();
}

void HeatmapWidget::setEditingPoints(bool on)
{
    m_editing = on;
    if (!m_drawing)
        setCursor(on ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

QPointF HeatmapWidget::widgetPosOf(QPointF data) const
{
    return {m_plotRect.left() + (data.x() - m_domain[0]) / (m_domain[1] - m_domain[0]) * m_plotRect.width(),
            m_plotRect.top() + (m_domain[3] - data.y()) / (m_domain[3] - m_domain[2]) * m_plotRect.height()};
}

QPointF HeatmapWidget::toData(const QPointF& pos) const
{
    return {m_domain[0] + (pos.x() - m_plotRect.left()) / m_plotRect.width() * (m_domain[1] - m_domain[0]),
            m_domain[3] - (pos.y() - m_plotRect.top()) / m_plotRect.height() * (m_domain[3] - m_domain[2])};
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_drawing || !(event->buttons() & Qt::LeftButton))
        return QWidget::mouseMoveEvent(event);
    // A stroke leaves a point every few pixels, as a pen would, however fast it moves.
    const QPointF at = event->position();
    const QPointF step = at - m_lastDrawnAt;
    const double len = std::hypot(step.x(), step.y());
    const int n = int(len / 4.0);
    for (int k = 1; k <= n; ++k)
        addDrawnPoint(m_lastDrawnAt + step * (4.0 * k / len));
}

void HeatmapWidget::addDrawnPoint(const QPointF& pos)
{
    if (!m_plotRect.contains(pos) || m_drawn.size() >= 100000)
        return;
    m_drawn.push_back(toData(pos));
    m_lastDrawnAt = pos;
    emit drawnChanged(int(m_drawn.size()));
    update();
}

void HeatmapWidget::paintCanvas(QPainter* p, const QRectF& plot, const std::function<QPointF(double, double)>& map) const
{
    p->fillRect(plot, QColor(0xfa, 0xfa, 0xfa));
    p->setPen(QPen(QColor(0x88, 0x88, 0x88), 1));
    p->setBrush(Qt::NoBrush);
    p->drawRect(plot);
    p->setPen(QPen(ChartPalette::gridColor(), 1));
    for (int k = 1; k < 8; ++k) {
        p->drawLine(QPointF(plot.left() + plot.width() * k / 8, plot.top()), QPointF(plot.left() + plot.width() * k / 8, plot.bottom()));
        p->drawLine(QPointF(plot.left(), plot.top() + plot.height() * k / 8), QPointF(plot.right(), plot.top() + plot.height() * k / 8));
    }
    p->setPen(Qt::NoPen);
    p->setBrush(ChartPalette::classColor(0));
    for (const QPointF& q : m_drawn)
        p->drawEllipse(map(q.x(), q.y()), 3.0, 3.0);
    QFont f = ChartPalette::legendFont();
    p->setFont(f);
    p->setPen(ChartPalette::textColor());
    p->drawText(plot.adjusted(8, 6, -8, -6), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                m_drawn.empty() ? tr("Click and drag to draw where the real samples should be")
                                : tr("%n point(s) drawn", "", int(m_drawn.size())));
}

bool HeatmapWidget::hasPicture() const
{
    return m_hasGrid || std::any_of(m_points.begin(), m_points.end(), [](const auto& s) { return !s.x.empty(); });
}

int HeatmapWidget::heightForWidth(int width) const
{
    const QFontMetricsF tfm(ChartPalette::titleFont()), lfm(ChartPalette::axisLabelFont()),
        gfm(ChartPalette::legendFont());
    const double axisW = lfm.horizontalAdvance(QStringLiteral("-0.00")) + 10;
    // The plot keeps the grid's aspect ratio (moons are wider than tall).
    const double aspect = m_hasGrid && m_grid.yMax > m_grid.yMin && m_grid.xMax > m_grid.xMin
        ? (m_grid.xMax - m_grid.xMin) / (m_grid.yMax - m_grid.yMin)
        : 1.0;
    const double plot = std::max(100.0, width - axisW - 12) / std::clamp(aspect, 0.25, 4.0);
    return int(std::ceil(4 + tfm.height() + 4 + 6 + plot + lfm.height() + 6 + gfm.height() + 10 + 12));
}

QString HeatmapWidget::baseTitle() const
{
    return m_hasGrid && !m_grid.title.empty() ? QString::fromStdString(m_grid.title) : tr("Decision boundary");
}

QString HeatmapWidget::title() const
{
    return tr("%1 (step %2)").arg(baseTitle()).arg(m_step);
}

void HeatmapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintTo(&p, QRectF(rect()));
}

void HeatmapWidget::paintTo(QPainter* p, const QRectF& target) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->fillRect(target, ChartPalette::background());
    const QFont titleFont = ChartPalette::titleFont();
    const QFont labelFont = ChartPalette::axisLabelFont();
    const QFont legendFont = ChartPalette::legendFont();
    const QFontMetricsF tfm(titleFont), lfm(labelFont), gfm(legendFont);

    // Title on top, legend at the bottom, axis labels left and below the square plot.
    p->setPen(ChartPalette::textColor());
    // A narrow dock: a smaller title, then one without its step (the status bar has it),
    // then an elided one, rather than one cut at both ends.
    const double room = target.width() - 8;
    QFont fitted = titleFont;
    QString shown = title();
    ChartPalette::fitTitle(&fitted, &shown, room);
    if (shown != title()) {
        fitted = titleFont;
        shown = baseTitle();
        ChartPalette::fitTitle(&fitted, &shown, room);
    }
    p->setFont(fitted);
    const QRectF titleRect(target.left(), target.top() + 4, target.width(), tfm.height() + 4);
    p->drawText(titleRect, Qt::AlignCenter, shown);

    const bool classes = m_hasGrid && m_grid.cls.size() == m_grid.value.size() && m_grid.numClasses > 0;
    const bool plain = m_hasGrid && !classes;
    std::set<int> labels;
    for (const auto& ps : m_points)
        labels.insert(ps.label.begin(), ps.label.end());
    if (classes)
        for (int k = 0; k < m_grid.numClasses; ++k)
            labels.insert(k);

    const double legendH = gfm.height() + 10;
    const double axisW = lfm.horizontalAdvance(QStringLiteral("-0.00")) + 10;
    const double axisH = lfm.height() + 6;
    // The bar and its labels (a centred one's lower label is negative: room for its sign).
    const double barW = !plain ? 0.0 : m_grid.centered ? 36.0 + lfm.horizontalAdvance(QStringLiteral("-0.000")) : 60.0;
    QRectF area(target.left() + axisW, titleRect.bottom() + 6, target.width() - axisW - 12 - barW,
                target.bottom() - titleRect.bottom() - 6 - axisH - legendH - 6);

    const bool have2d = hasPicture();
    if (!have2d || area.width() < 40 || area.height() < 40) {
        p->setFont(legendFont);
        p->setPen(QColor(0x66, 0x66, 0x66));
        p->drawText(target.adjusted(10, titleRect.height() + 4, -10, -4), Qt::AlignCenter | Qt::TextWordWrap,
                    tr("No 2D picture for this data set"));
        p->restore();
        return;
    }

    // The domain: the grid's, else the points' bounding box.
    double x0 = m_grid.xMin, x1 = m_grid.xMax, y0 = m_grid.yMin, y1 = m_grid.yMax;
    if (!m_hasGrid) {
        x0 = y0 = 1e300;
        x1 = y1 = -1e300;
        for (const auto& s : m_points)
            for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
                if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]))
                    continue;
                x0 = std::min(x0, double(s.x[i]));
                x1 = std::max(x1, double(s.x[i]));
                y0 = std::min(y0, double(s.y[i]));
                y1 = std::max(y1, double(s.y[i]));
            }
        const NiceRange xr = NiceScale::linear(x0, x1, 5, 0.05), yr = NiceScale::linear(y0, y1, 5, 0.05);
        x0 = xr.lo, x1 = xr.hi, y0 = yr.lo, y1 = yr.hi;
    }
    if (!(x1 > x0))
        x1 = x0 + 1;
    if (!(y1 > y0))
        y1 = y0 + 1;
    // A domain beyond double range (features near the float limit, NaN from a broken view)
    // has no geometry to paint: say so instead of handing QPainter inf or NaN rectangles.
    if (!std::isfinite(x0) || !std::isfinite(x1) || !std::isfinite(y0) || !std::isfinite(y1)
        || !std::isfinite(x1 - x0) || !std::isfinite(y1 - y0) || !(x1 > x0) || !(y1 > y0)) {
        p->setFont(legendFont);
        p->setPen(QColor(0x66, 0x66, 0x66));
        p->drawText(target.adjusted(10, titleRect.height() + 4, -10, -4), Qt::AlignCenter | Qt::TextWordWrap,
                    tr("The data's range is too large to draw"));
        p->restore();
        return;
    }
    // Keep the data's aspect ratio (a circle stays round), within reason (a 1e-30 thin
    // strip would be an empty picture).
    const double aspect = std::clamp((x1 - x0) / (y1 - y0), 1e-2, 1e2);
    QRectF plot = area;
    if (area.width() / area.height() > aspect)
        plot.setWidth(area.height() * aspect);
    else
        plot.setHeight(area.width() / aspect);
    plot.moveCenter(QPointF(area.center().x(), area.top() + plot.height() / 2));

    m_plotRect = plot;
    m_domain[0] = x0, m_domain[1] = x1, m_domain[2] = y0, m_domain[3] = y1;
    if (m_drawing) {
        paintCanvas(p, plot, [&](double x, double y) {
            return QPointF(plot.left() + (x - x0) / (x1 - x0) * plot.width(), plot.top() + (y1 - y) / (y1 - y0) * plot.height());
        });
        p->restore();
        return;
    }
    if (!m_image.isNull()) {
        p->save();
        p->setRenderHint(QPainter::SmoothPixmapTransform, false); // crisp cells
        p->drawImage(plot, m_image);
        p->restore();
    }
    p->setPen(QPen(QColor(0x88, 0x88, 0x88), 1));
    p->setBrush(Qt::NoBrush);
    p->drawRect(plot);

    // Ticks.
    p->setFont(labelFont);
    p->setPen(ChartPalette::textColor());
    // As many ticks as their labels leave room for (large fonts on a projector, a narrow dock).
    const int xTicks = std::clamp(int(plot.width() / (lfm.horizontalAdvance(QStringLiteral("-0.5")) + 8)), 2, 5);
    const int yTicks = std::clamp(int(plot.height() / (lfm.height() * 1.4)), 2, 5);
    const NiceRange xt = NiceScale::linear(x0, x1, xTicks, 0.0), yt = NiceScale::linear(y0, y1, yTicks, 0.0);
    auto mapX = [&](double x) { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); };
    auto mapY = [&](double y) { return plot.top() + (y1 - y) / (y1 - y0) * plot.height(); };
    // At most a few dozen ticks, whatever the tick arithmetic does at extreme magnitudes.
    int ticks = 0;
    for (double v = xt.lo; v <= x1 + 1e-9 && xt.tick > 0 && ticks < 40; v += xt.tick, ++ticks) {
        if (v < x0 - 1e-9)
            continue;
        if (std::abs(v) < xt.tick * 1e-9)
            v = 0.0; // a tick summed up from far below zero lands on 1e-17, not 0
        const double px = mapX(v);
        p->drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 4));
        p->drawText(QRectF(px - 30, plot.bottom() + 4, 60, lfm.height()), Qt::AlignHCenter | Qt::AlignTop,
                    QString::number(v, 'g', 3));
    }
    ticks = 0;
    for (double v = yt.lo; v <= y1 + 1e-9 && yt.tick > 0 && ticks < 40; v += yt.tick, ++ticks) {
        if (v < y0 - 1e-9)
            continue;
        if (std::abs(v) < yt.tick * 1e-9)
            v = 0.0;
        const double py = mapY(v);
        p->drawLine(QPointF(plot.left() - 4, py), QPointF(plot.left(), py));
        p->drawText(QRectF(plot.left() - axisW, py - lfm.height() / 2, axisW - 6, lfm.height()),
                    Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'g', 3));
    }

    // Points: train first, val on top.
    auto drawMarker = [&](bool train, const QPointF& c, const QColor& color, double r, bool valued = false) {
        if (train) {
            // A value near 0 is white: a grey rim keeps it apart from the white around 0.
            p->setPen(QPen(valued ? QColor(0x55, 0x55, 0x55) : QColor(Qt::white), valued ? 0.9 : 1.2));
            p->setBrush(color);
            p->drawEllipse(c, r, r);
        } else {
            QPainterPath d;
            const double s = r * 1.35;
            d.moveTo(c.x(), c.y() - s);
            d.lineTo(c.x() + s, c.y());
            d.lineTo(c.x(), c.y() + s);
            d.lineTo(c.x() - s, c.y());
            d.closeSubpath();
            p->setPen(QPen(QColor(0x11, 0x11, 0x11), valued ? 1.0 : 1.6)); // thinner over a value map's colours
            p->setBrush(color);
            p->drawPath(d);
        }
    };
    const double r = std::clamp(plot.width() / 110.0, 3.0, 6.0);
    p->save();
    p->setClipRect(plot.adjusted(-r, -r, r, r));
    const auto map = [&](double x, double y) { return QPointF(mapX(x), mapY(y)); };
    paintMeshes(p, map); // separating lines always, grids when m_showMesh
    if (m_showArrows) // under the samples, which stay visible at their tails
        paintArrows(p, map, 0.07 * plot.width());
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& s : m_points) {
            const bool train = isTrain(s);
            if ((pass == 0) != train || (!train && !m_showVal))
                continue;
            for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
                if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]))
                    continue;
                const int k = i < s.label.size() ? s.label[i] : -1;
                const bool valued = m_grid.centered && i < s.value.size(); // on the grid's scale
                const QColor color = valued ? QColor(NetworkPicture::divergingColor(s.value[i] / m_vMax))
                                            : ChartPalette::classColor(k);
                drawMarker(train, QPointF(mapX(s.x[i]), mapY(s.y[i])), color, r, valued);
            }
        }
    p->restore();
    paintCaption(p, plot);

    // Legend: marker shapes for train/val, colours for classes.
    p->setFont(legendFont);
    double lx = target.left() + 10;
    // Right under the axis labels, so legend and picture read as one block.
    const double ly = std::min(target.bottom() - legendH / 2 - 2, plot.bottom() + axisH + legendH / 2 + 4);
    bool hasTrain = false, hasVal = false;
    for (const auto& s : m_points)
        (isTrain(s) ? hasTrain : hasVal) |= !s.x.empty();
    // Over a plain heatmap, point sets of one label each (GAN: real, generated) are named by
    // their titles, not as train/val classes.
    const bool setLegend = plain && !m_points.empty() && std::all_of(m_points.begin(), m_points.end(), [](const auto& s) {
        return !s.label.empty() && !s.title.empty()
            && std::all_of(s.label.begin(), s.label.end(), [&](int l) { return l == s.label.front(); });
    });
    if (setLegend) {
        hasTrain = hasVal = false;
        labels.clear();
    }
    const bool classLegend = !labels.empty() && labels.size() <= 10;
    // A narrow dock (twin beside main): "0 1" instead of "class 0 class 1", tighter gaps.
    auto classText = [&](int k, bool compact) { return compact ? QString::number(k) : tr("class %1").arg(k); };
    auto legendWidth = [&](bool compact) {
        const double gap = compact ? 8 : 16;
        double w = (hasTrain ? 16 + gfm.horizontalAdvance(tr("train")) + gap : 0) +
                   (hasVal ? 16 + gfm.horizontalAdvance(tr("val")) + gap : 0);
        if (classLegend)
            for (int k : labels)
                w += 18 + gfm.horizontalAdvance(classText(k, compact)) + gap;
        return w;
    };
    const bool compact = legendWidth(false) > target.width() - 14;
    const double gap = compact ? 8 : 16;
    auto legendText = [&](const QString& t) {
        p->setPen(ChartPalette::textColor());
        p->drawText(QPointF(lx, ly + gfm.ascent() / 2 - 1), t);
        lx += gfm.horizontalAdvance(t) + gap;
    };
    if (hasTrain) {
        drawMarker(true, QPointF(lx + 6, ly), QColor(0x66, 0x66, 0x66), 5.5);
        lx += 16;
        legendText(tr("train"));
    }
    if (hasVal) {
        drawMarker(false, QPointF(lx + 6, ly), QColor(0x66, 0x66, 0x66), 5.5);
        lx += 16;
        legendText(tr("val"));
    }
    if (setLegend)
        for (const auto& set : m_points) {
            p->setPen(Qt::NoPen);
            p->setBrush(ChartPalette::classColor(set.label.front()));
            p->drawEllipse(QPointF(lx + 6, ly), 5.5, 5.5);
            lx += 16;
            legendText(QString::fromStdString(set.title));
        }
    if (classLegend) {
        for (int k : labels) {
            p->setPen(Qt::NoPen);
            p->setBrush(ChartPalette::classColor(k));
            p->drawRect(QRectF(lx, ly - 7, 14, 14));
            lx += 18;
            legendText(classText(k, compact));
            if (lx > target.right() - 30)
                break;
        }
    }

    // Colour bar for plain grids.
    if (plain) {
        const QRectF bar(plot.right() + 14, plot.top(), 16, plot.height());
        for (int i = 0; i < int(bar.height()); ++i) {
            const double t = 1.0 - i / bar.height();
            p->setPen(QColor(m_grid.centered ? NetworkPicture::divergingColor(2 * t - 1) : viridis(t)));
            p->drawLine(QPointF(bar.left(), bar.top() + i), QPointF(bar.right(), bar.top() + i));
        }
        p->setPen(ChartPalette::textColor());
        p->setFont(labelFont);
        p->drawText(QPointF(bar.right() + 4, bar.top() + lfm.ascent()), QString::number(m_vMax, 'g', 3));
        p->drawText(QPointF(bar.right() + 4, bar.bottom()), QString::number(m_vMin, 'g', 3));
    }
    p->restore();
}

QString HeatmapWidget::toCsv() const
{
    QString out = QStringLiteral("x,y,class,value\n");
    if (!m_hasGrid)
        return out;
    const auto& g = m_grid;
    for (int r = 0; r < g.height; ++r)
        for (int c = 0; c < g.width; ++c) {
            const size_t i = size_t(r) * size_t(g.width) + size_t(c);
            const double x = g.xMin + (c + 0.5) * (g.xMax - g.xMin) / g.width;
            const double y = g.yMax - (r + 0.5) * (g.yMax - g.yMin) / g.height;
            out += QStringLiteral("%1,%2,%3,%4\n")
                       .arg(x, 0, 'g', 6)
                       .arg(y, 0, 'g', 6)
                       .arg(i < g.cls.size() ? QString::number(g.cls[i]) : QString())
                       .arg(double(g.value[i]), 0, 'g', 6);
        }
    return out;
}

void HeatmapWidget::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QAction* img = menu.addAction(tr("Export image (PNG, SVG, PDF)..."));
    QAction* csv = menu.addAction(tr("Export data (CSV)..."));
    csv->setEnabled(m_hasGrid);
    QAction* copy = menu.addAction(tr("Copy image"));
    QAction* chosen = menu.exec(event->globalPos());
    if (chosen == copy)
        ChartExporter::copyImage(size(), [this](QPainter* p, const QRectF& r) { paintTo(p, r); });
    if (chosen == img)
        emit exportImageRequested(this);
    else if (chosen == csv)
        emit exportDataRequested(this);
}
