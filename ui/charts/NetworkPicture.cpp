#include "charts/NetworkPicture.h"
#include "export/ChartExporter.h"

#include <QContextMenuEvent>

#include "charts/ChartPalette.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace {
constexpr double kTitleHeight = 24, kHeaderHeight = 18, kFooterHeight = 18;
constexpr double kMaxNode = 64;
const QColor kPositive(0x08, 0x77, 0xbd); // Playground's blue
const QColor kNegative(0xf5, 0x93, 0x22); // Playground's orange

QImage imageOf(const reglab::NetworkNode& n, int side)
{
    QImage img(side, side, QImage::Format_RGB32);
    if (int(n.map.size()) != side * side) {
        img.fill(Qt::white);
        return img;
    }
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            QRgb rgb = NetworkPicture::divergingColor(n.map[size_t(r * side + c)] / n.scale);
            if (n.dead) { // grey, pale
                const int g = 200 + qGray(rgb) / 5;
                rgb = qRgb(g, g, g);
            }
            img.setPixel(c, r, rgb);
        }
    return img;
}
} // namespace

NetworkPicture::NetworkPicture(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(240, 160);
    setToolTip(QString());
}

QRgb NetworkPicture::divergingColor(double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0);
    const QColor& to = t >= 0 ? kPositive : kNegative;
    const double a = std::abs(t);
    auto mix = [a](int c) { return int(std::lround(255.0 + (c - 255.0) * a)); };
    return qRgb(mix(to.red()), mix(to.green()), mix(to.blue()));
}

void NetworkPicture::setView(const reglab::NetworkView* view, int64_t step)
{
    m_view = view ? *view : reglab::NetworkView();
    m_step = step;
    m_images.clear();
    for (const auto& layer : m_view.layers) {
        m_images.emplace_back();
        for (const auto& n : layer.nodes)
            m_images.back().push_back(imageOf(n, m_view.side));
    }
    if (m_hover.first >= int(m_view.layers.size())
        || (m_hover.first >= 0 && m_hover.second >= int(m_view.layers[size_t(m_hover.first)].nodes.size())))
        m_hover = {-1, -1};
    update();
}

int NetworkPicture::heightForWidth(int width) const
{
    // Square, or taller when a column of many nodes needs it (nodes of 28 px at least).
    size_t most = 1;
    for (const auto& layer : m_view.layers)
        most = std::max(most, layer.nodes.size());
    const double tall = kTitleHeight + kHeaderHeight + kFooterHeight + double(most) * 1.25 * 28;
    return std::max({200, width, int(tall)});
}

NetworkPicture::Layout NetworkPicture::layoutIn(const QRectF& target) const
{
    Layout l;
    const size_t columns = m_view.layers.size();
    if (columns == 0)
        return l;
    size_t most = 1;
    for (const auto& layer : m_view.layers)
        most = std::max(most, layer.nodes.size());
    const QRectF area(target.left(), target.top() + kTitleHeight + kHeaderHeight, target.width(),
                      target.height() - kTitleHeight - kHeaderHeight - kFooterHeight);
    const double colW = area.width() / double(columns);
    l.node = std::max(4.0, std::min({colW * 0.42, area.height() / (double(most) * 1.25), kMaxNode}));
    const double gap = l.node * 0.25;
    for (size_t i = 0; i < columns; ++i) {
        const size_t n = m_view.layers[i].nodes.size();
        const double total = double(n) * l.node + double(n > 0 ? n - 1 : 0) * gap;
        const double x = area.left() + colW * (double(i) + 0.5) - l.node / 2;
        double y = area.center().y() - total / 2;
        l.rects.emplace_back();
        for (size_t k = 0; k < n; ++k, y += l.node + gap)
            l.rects.back().push_back(QRectF(x, y, l.node, l.node));
    }
    return l;
}

QRectF NetworkPicture::nodeRect(int layer, int node) const
{
    const Layout l = layoutIn(QRectF(rect()));
    if (layer < 0 || layer >= int(l.rects.size()) || node < 0 || node >= int(l.rects[size_t(layer)].size()))
        return {};
    return l.rects[size_t(layer)][size_t(node)];
}

void NetworkPicture::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    paintTo(&p, QRectF(rect()));
}

void NetworkPicture::paintLinks(QPainter* p, const Layout& l) const
{
    float most = 0;
    for (const auto& layer : m_view.layers)
        for (float w : layer.weightsIn)
            most = std::max(most, std::abs(w));
    if (most <= 0)
        return;
    for (size_t i = 1; i < m_view.layers.size(); ++i) {
        const auto& w = m_view.layers[i].weightsIn;
        const size_t from = l.rects[i - 1].size(), to = l.rects[i].size();
        if (w.size() != from * to)
            continue;
        for (size_t t = 0; t < to; ++t)
            for (size_t f = 0; f < from; ++f) {
                const float v = w[t * from + f];
                const double rel = std::abs(v) / most;
                QColor c = v >= 0 ? kPositive : kNegative;
                c.setAlphaF(0.15 + 0.75 * rel);
                p->setPen(QPen(c, 0.4 + 3.6 * rel));
                const QPointF a(l.rects[i - 1][f].right(), l.rects[i - 1][f].center().y());
                const QPointF b(l.rects[i][t].left(), l.rects[i][t].center().y());
                QPainterPath path(a);
                const double dx = (b.x() - a.x()) / 2;
                path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
                p->drawPath(path);
            }
    }
}

void NetworkPicture::paintTo(QPainter* p, const QRectF& target) const
{
    p->save();
    p->fillRect(target, ChartPalette::background());
    QFont title = ChartPalette::titleFont();
    QString text = QString::fromStdString(m_view.title.empty() ? "Network" : m_view.title);
    if (hasNetwork())
        text += tr(" (step %1)").arg(m_step);
    ChartPalette::fitTitle(&title, &text, target.width() - 8);
    p->setFont(title);
    p->setPen(ChartPalette::textColor());
    p->drawText(QRectF(target.left(), target.top(), target.width(), kTitleHeight), Qt::AlignCenter, text);
    if (!hasNetwork()) {
        p->drawText(target, Qt::AlignCenter, tr("No network picture for this lab or data set."));
        p->restore();
        return;
    }
    const Layout l = layoutIn(target);
    paintLinks(p, l);
    QFont small = ChartPalette::axisLabelFont();
    p->setFont(small);
    const double colW = target.width() / double(m_view.layers.size());
    QRectF hoveredAt;
    for (size_t i = 0; i < m_view.layers.size(); ++i) {
        const auto& layer = m_view.layers[i];
        p->setPen(ChartPalette::textColor());
        QString head = QString::fromStdString(layer.title);
        if (layer.deadUnits > 0)
            head += tr(", %1 dead").arg(layer.deadUnits);
        const QRectF headRect(target.left() + colW * double(i), target.top() + kTitleHeight, colW, kHeaderHeight);
        p->drawText(headRect, Qt::AlignCenter, p->fontMetrics().elidedText(head, Qt::ElideRight, int(colW) - 2));
        const int hidden = layer.units - int(layer.nodes.size());
        if (hidden > 0)
            p->drawText(QRectF(headRect.left(), target.bottom() - kFooterHeight, colW, kFooterHeight), Qt::AlignCenter,
                        tr("+%1 more").arg(hidden));
        for (size_t k = 0; k < layer.nodes.size(); ++k) {
            const QRectF r = l.rects[i][k];
            p->drawImage(r, m_images[i][k]);
            const bool dead = layer.nodes[k].dead;
            p->setPen(QPen(dead ? QColor(150, 150, 150) : QColor(90, 90, 90), dead ? 1.0 : 0.8,
                           dead ? Qt::DashLine : Qt::SolidLine));
            p->setBrush(Qt::NoBrush);
            p->drawRect(r);
            if (dead) {
                p->drawLine(r.topLeft(), r.bottomRight());
                p->drawLine(r.topRight(), r.bottomLeft());
            }
            if (m_hover == std::make_pair(int(i), int(k)))
                hoveredAt = r;
        }
    }
    if (!m_view.note.empty()) {
        p->setPen(ChartPalette::textColor());
        p->drawText(QRectF(target.left(), target.bottom() - kFooterHeight, target.width(), kFooterHeight),
                    Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(m_view.note));
    }
    if (!hoveredAt.isEmpty())
        paintEnlarged(p, target, hoveredAt);
    p->restore();
}

void NetworkPicture::paintEnlarged(QPainter* p, const QRectF& target, const QRectF& at) const
{
    const auto& layer = m_view.layers[size_t(m_hover.first)];
    const auto& node = layer.nodes[size_t(m_hover.second)];
    const double side = std::max(80.0, std::min(target.width(), target.height()) * 0.45);
    const double textH = 34;
    QRectF box(0, 0, side + 12, side + textH + 10);
    box.moveTop(std::clamp(at.center().y() - box.height() / 2, target.top(), target.bottom() - box.height()));
    const bool right = at.right() + 8 + box.width() <= target.right();
    box.moveLeft(right ? at.right() + 8 : std::max(target.left(), at.left() - 8 - box.width()));
    p->setPen(QPen(QColor(80, 80, 80), 1));
    p->setBrush(QColor(255, 255, 255, 245));
    p->drawRoundedRect(box, 4, 4);
    const QRectF img(box.left() + 6, box.top() + textH, side, side);
    p->drawImage(img, m_images[size_t(m_hover.first)][size_t(m_hover.second)]);
    p->setBrush(Qt::NoBrush);
    p->drawRect(img);
    p->setPen(ChartPalette::textColor());
    QString text = QString::fromStdString(layer.title + ", " + node.label);
    if (node.dead)
        text += tr(" (dead)");
    const QString range = layer.title == "output" ? tr("probability 0 to 1")
                                                  : tr("orange -%1, blue +%1").arg(double(node.scale), 0, 'g', 3);
    p->drawText(QRectF(box.left() + 6, box.top() + 2, side, textH / 2), Qt::AlignLeft | Qt::AlignVCenter, text);
    p->drawText(QRectF(box.left() + 6, box.top() + textH / 2, side, textH / 2), Qt::AlignLeft | Qt::AlignVCenter, range);
}

void NetworkPicture::mouseMoveEvent(QMouseEvent* event)
{
    std::pair<int, int> hit{-1, -1};
    const Layout l = layoutIn(QRectF(rect()));
    for (size_t i = 0; i < l.rects.size() && hit.first < 0; ++i)
        for (size_t k = 0; k < l.rects[i].size(); ++k)
            if (l.rects[i][k].contains(event->position())) {
                hit = {int(i), int(k)};
                break;
            }
    if (hit != m_hover) {
        m_hover = hit;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void NetworkPicture::leaveEvent(QEvent* event)
{
    if (m_hover.first >= 0) {
        m_hover = {-1, -1};
        update();
    }
    QWidget::leaveEvent(event);
}

void NetworkPicture::contextMenuEvent(QContextMenuEvent* event)
{
    ChartExporter::execPictureMenu(this, event->globalPos(), QStringLiteral("network"),
                                   [this](QPainter* p, const QRectF& r) { paintTo(p, r); });
}
