#include "charts/AttentionPicture.h"
#include "export/ChartExporter.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/HeatmapWidget.h"

#include <QComboBox>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QDir>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kControlsHeight = 30;
constexpr double kGap = 10;

bool startsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

QFont smallFont(double pt)
{
    QFont f;
    f.setPointSizeF(pt * ChartStyle::instance()->fontScale());
    return f;
}
} // namespace

AttentionPicture::AttentionPicture(QWidget* parent) : QWidget(parent)
{
    m_controls = new QWidget(this);
    auto* row = new QHBoxLayout(m_controls);
    row->setContentsMargins(4, 2, 4, 2);
    row->addWidget(new QLabel(tr("Sequence"), m_controls));
    m_sequenceBox = new QSpinBox(m_controls);
    m_sequenceBox->setToolTip(tr("Which validation sequence the maps show (the same one for the twin)."));
    setToolTip(tr("Each row is a query token, each column a key token: bright where the query puts its attention weight (a row sums to 1)."));
    row->addWidget(m_sequenceBox);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("Head"), m_controls));
    m_headBox = new QComboBox(m_controls);
    m_headBox->setToolTip(tr("Every head of every layer, or one of them, larger."));
    row->addWidget(m_headBox);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    layout->addStretch(1);
    connect(m_sequenceBox, qOverload<int>(&QSpinBox::valueChanged), this, [this] { update(); });
    connect(m_headBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { update(); });
    setMinimumSize(240, 200);
}

void AttentionPicture::setViews(const reglab::LabViews& views)
{
    Run main, twin;
    for (const reglab::GridView& g : views.grids) {
        const bool isTwin = startsWith(g.id, "twin_");
        Run& run = isTwin ? twin : main;
        const std::string id = isTwin ? g.id.substr(5) : g.id;
        if (id == "head_entropy") {
            run.entropy = g;
            if (isTwin)
                run.label = QString::fromStdString(g.title); // "Twin: entropy_bonus 1"
            continue;
        }
        if (!startsWith(id, "attention/"))
            continue;
        const size_t slash = id.find('/', 10);
        if (slash == std::string::npos)
            continue;
        const int s = std::atoi(id.c_str() + 10), h = std::atoi(id.c_str() + slash + 1);
        if (s < 0 || h < 0 || s > 1000 || h > 64)
            continue;
        if (run.maps.size() <= size_t(s))
            run.maps.resize(size_t(s) + 1);
        auto& heads = run.maps[size_t(s)];
        if (heads.size() <= size_t(h))
            heads.resize(size_t(h) + 1);
        heads[size_t(h)] = g;
    }
    if (!main.maps.empty() && main.label.isEmpty())
        main.label = twin.maps.empty() ? QString() : tr("Main run");
    // The twin's titles were replaced by its label; each head is named as in the main run.
    for (size_t s = 0; s < twin.maps.size() && s < main.maps.size(); ++s)
        for (size_t h = 0; h < twin.maps[s].size() && h < main.maps[s].size(); ++h)
            twin.maps[s][h].title = main.maps[s][h].title;
    const bool hadTwin = hasTwin();
    m_main = std::move(main);
    m_twin = std::move(twin);
    m_step = views.step;
    updateControls();
    if (hadTwin != hasTwin())
        updateGeometry();
    update();
}

void AttentionPicture::updateControls()
{
    const int sequences = int(m_main.maps.size());
    const int heads = sequences > 0 ? int(m_main.maps.front().size()) : 0;
    if (sequences != m_sequences) {
        m_sequences = sequences;
        m_sequenceBox->setRange(1, std::max(1, sequences));
        m_sequenceBox->setSuffix(tr(" of %1").arg(sequences));
    }
    if (heads != m_heads) {
        m_heads = heads;
        const QSignalBlocker block(m_headBox);
        m_headBox->clear();
        m_headBox->addItem(tr("All heads"));
        for (int h = 0; h < heads; ++h)
            m_headBox->addItem(QString::fromStdString(m_main.maps.front()[size_t(h)].title));
    }
}

void AttentionPicture::select(int sequence, int head)
{
    m_sequenceBox->setValue(sequence + 1);
    m_headBox->setCurrentIndex(std::clamp(head + 1, 0, m_headBox->count() - 1));
}

int AttentionPicture::sequence() const { return std::clamp(m_sequenceBox->value() - 1, 0, std::max(0, m_sequences - 1)); }

int AttentionPicture::head() const { return m_headBox->currentIndex() - 1; }

int AttentionPicture::heightForWidth(int width) const
{
    // As paintRun lays it out: title, run label, square maps two to a row, the note, and
    // the entropy table (a title line and a row per layer under a header row).
    const int runs = hasTwin() ? 2 : 1;
    const int shown = head() >= 0 ? 1 : std::max(1, m_heads);
    const int perRow = std::min(shown, 2);
    const int rows = (shown + perRow - 1) / perRow;
    const double side = std::max(60.0, double(width) / runs / perRow);
    const int layers = std::max(1, m_main.entropy.height);
    return kControlsHeight + 24 + 18 + int(rows * side) + 52 + 20 + (layers + 1) * 22 + 8;
}

void AttentionPicture::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    paintTo(&p, QRectF(0, kControlsHeight, width(), height() - kControlsHeight));
}

void AttentionPicture::paintTo(QPainter* p, const QRectF& target) const
{
    p->fillRect(target, ChartPalette::background());
    if (!hasMaps()) {
        p->setPen(ChartPalette::textColor());
        p->drawText(target, Qt::AlignCenter, tr("No attention maps yet."));
        return;
    }
    p->setPen(ChartPalette::textColor());
    p->setFont(smallFont(10.5));
    const QFontMetricsF tfm(p->font()); // zoomed fonts: the title row grows, the title elides
    const QRectF titleRect(target.left() + 6, target.top() + 2, target.width() - 12, std::max(20.0, tfm.height() + 4));
    p->drawText(titleRect.adjusted(0, 0, -110, 0), Qt::AlignLeft | Qt::AlignVCenter,
                tfm.elidedText(tr("Attention, rows look at columns (step %1)").arg(m_step), Qt::ElideRight,
                               titleRect.width() - 110));
    // The colour scale: attention weights run from 0 to 1 (a row sums to 1).
    const QRectF bar(titleRect.right() - 90, titleRect.top() + 5, 70, 10);
    for (int i = 0; i < 70; ++i)
        p->fillRect(QRectF(bar.left() + i, bar.top(), 1.2, bar.height()), QColor(HeatmapWidget::viridis(i / 69.0)));
    p->setFont(smallFont(8.5));
    p->drawText(QRectF(bar.left() - 14, bar.top() - 3, 12, 16), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    p->drawText(QRectF(bar.right() + 3, bar.top() - 3, 14, 16), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("1"));
    p->setFont(smallFont(10.5));
    const double top = titleRect.bottom() + 4;
    const int runs = hasTwin() ? 2 : 1;
    const double w = target.width() / runs;
    for (int r = 0; r < runs; ++r)
        paintRun(p, r == 0 ? m_main : m_twin, QRectF(target.left() + r * w, top, w, target.bottom() - top));
}

double AttentionPicture::paintRun(QPainter* p, const Run& run, const QRectF& area) const
{
    const int s = std::min(sequence(), int(run.maps.size()) - 1);
    if (s < 0)
        return 0;
    const auto& heads = run.maps[size_t(s)];
    std::vector<int> shown;
    for (int h = 0; h < int(heads.size()); ++h)
        if (head() < 0 || head() == h)
            shown.push_back(h);
    double y = area.top();
    if (!run.label.isEmpty()) {
        p->setFont(smallFont(10));
        p->setPen(ChartPalette::textColor());
        p->drawText(QRectF(area.left() + 6, y, area.width() - 12, 18), Qt::AlignLeft | Qt::AlignVCenter,
                    p->fontMetrics().elidedText(run.label, Qt::ElideRight, int(area.width() - 12)));
        y += 18;
    }
    const int perRow = std::min<int>(int(shown.size()), 2);
    const double side = std::max(60.0, area.width() / std::max(1, perRow));
    for (size_t i = 0; i < shown.size(); ++i) {
        const QRectF cell(area.left() + double(int(i) % perRow) * side, y + double(int(i) / perRow) * side, side, side);
        paintMap(p, heads[size_t(shown[i])], cell.adjusted(2, 2, -2, -2), true);
    }
    y += double((int(shown.size()) + perRow - 1) / perRow) * side;
    if (!heads.empty()) {
        p->setFont(smallFont(9));
        p->setPen(ChartPalette::textColor());
        const QRectF note(area.left() + 6, y + 2, area.width() - 12, 48); // up to 3 lines
        p->drawText(note, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, QString::fromStdString(heads.front().note));
        y = note.bottom() + 2;
    }
    if (!run.entropy.value.empty())
        paintEntropy(p, run.entropy, QRectF(area.left() + 6, y, area.width() - 12, area.bottom() - y));
    return area.height();
}

void AttentionPicture::paintMap(QPainter* p, const reglab::GridView& g, const QRectF& box, bool labels) const
{
    if (g.width <= 0 || g.height <= 0 || g.value.size() != size_t(g.width) * size_t(g.height))
        return;
    p->setFont(smallFont(9));
    const QFontMetricsF fm(p->font());
    const double titleH = fm.height() + 2;
    p->setPen(ChartPalette::textColor());
    p->drawText(QRectF(box.left(), box.top(), box.width(), titleH), Qt::AlignHCenter | Qt::AlignVCenter,
                QString::fromStdString(g.title));
    double labelW = 0;
    for (const auto& t : g.yLabels)
        labelW = std::max(labelW, fm.horizontalAdvance(QString::fromStdString(t)));
    const double gutter = labels ? labelW + 4 : 0;
    const double room = std::min(box.width() - gutter, box.height() - titleH - gutter);
    if (room < 10)
        return;
    const double cw = room / g.width, ch = room / g.height;
    const QRectF plot(box.left() + gutter, box.top() + titleH + gutter, room, room);
    for (int r = 0; r < g.height; ++r)
        for (int c = 0; c < g.width; ++c) {
            const double v = g.value[size_t(r) * size_t(g.width) + size_t(c)];
            p->fillRect(QRectF(plot.left() + c * cw, plot.top() + r * ch, cw + 0.5, ch + 0.5),
                        QColor(HeatmapWidget::viridis(v)));
        }
    if (!labels)
        return;
    // Token names: keys along the top, queries down the left; every other one when crowded.
    QFont f = p->font();
    f.setPointSizeF(std::clamp(ch * 0.62, 5.5, 9.0));
    p->setFont(f);
    const int every = ch < 7 ? 2 : 1;
    for (int i = 0; i < g.height && i < int(g.yLabels.size()); i += every)
        p->drawText(QRectF(box.left(), plot.top() + i * ch, gutter - 3, ch), Qt::AlignRight | Qt::AlignVCenter,
                    QString::fromStdString(g.yLabels[size_t(i)]));
    double widest = 0;
    for (const auto& t : g.xLabels)
        widest = std::max(widest, QFontMetricsF(f).horizontalAdvance(QString::fromStdString(t)));
    const bool upright = widest <= cw - 1; // else written upwards, one per column
    for (int i = 0; i < g.width && i < int(g.xLabels.size()); i += every) {
        if (upright) {
            p->drawText(QRectF(plot.left() + i * cw, plot.top() - ch - 2, cw, ch), Qt::AlignCenter,
                        QString::fromStdString(g.xLabels[size_t(i)]));
            continue;
        }
        p->save();
        p->translate(plot.left() + (i + 0.5) * cw, plot.top() - 3);
        p->rotate(-90);
        p->drawText(QRectF(0, -cw / 2, gutter, cw), Qt::AlignLeft | Qt::AlignVCenter,
                    QString::fromStdString(g.xLabels[size_t(i)]));
        p->restore();
    }
}

void AttentionPicture::paintEntropy(QPainter* p, const reglab::GridView& g, const QRectF& area) const
{
    if (g.width <= 0 || g.height <= 0 || g.value.size() != size_t(g.width) * size_t(g.height) || area.height() < 30)
        return;
    p->setFont(smallFont(9));
    p->setPen(ChartPalette::textColor());
    const QFontMetricsF fm(p->font());
    // The ceiling log T: uniform attention over the T keys of a map.
    const int keys = m_main.maps.empty() || m_main.maps.front().empty() ? 0 : m_main.maps.front().front().width;
    const double ceiling = keys > 1 ? std::log(double(keys)) : 1.0;
    p->drawText(QRectF(area.left(), area.top(), area.width(), fm.height() + 2), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(tr("Entropy per head (nats, max %1)").arg(ceiling, 0, 'f', 2), Qt::ElideRight,
                              area.width()));
    const double top = area.top() + fm.height() + 4;
    const double labelW = std::max(52.0, fm.horizontalAdvance(QStringLiteral("layer 10")) + 6);
    const double cw = std::min(70.0, (area.width() - labelW) / g.width), ch = fm.height() + 6;
    // Colours from 0 (all weight on one token) to log T (uniform), for every run alike, so
    // a twin's spread compares at a glance.
    for (int c = 0; c < g.width && c < int(g.xLabels.size()); ++c)
        p->drawText(QRectF(area.left() + labelW + c * cw, top, cw, ch), Qt::AlignCenter,
                    QString::fromStdString(g.xLabels[size_t(c)]));
    for (int r = 0; r < g.height; ++r) {
        const double y = top + (r + 1) * ch;
        if (r < int(g.yLabels.size()))
            p->drawText(QRectF(area.left(), y, labelW - 4, ch), Qt::AlignRight | Qt::AlignVCenter,
                        QString::fromStdString(g.yLabels[size_t(r)]));
        for (int c = 0; c < g.width; ++c) {
            const double v = g.value[size_t(r) * size_t(g.width) + size_t(c)];
            const QRectF cell(area.left() + labelW + c * cw + 1, y + 1, cw - 2, ch - 2);
            const QColor fill(HeatmapWidget::viridis(ceiling > 0 ? v / ceiling : 0));
            p->fillRect(cell, fill);
            p->setPen(fill.lightnessF() > 0.55 ? Qt::black : Qt::white);
            p->drawText(cell, Qt::AlignCenter, QString::number(v, 'f', 2));
            p->setPen(ChartPalette::textColor());
        }
    }
}

void AttentionPicture::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    QAction* save = menu.addAction(tr("Export image (PNG)..."));
    QAction* copy = menu.addAction(tr("Copy image"));
    QAction* chosen = menu.exec(event->globalPos());
    if (chosen == save)
        saveImage();
    else if (chosen == copy)
        ChartExporter::copyImage(QSize(width(), height() - kControlsHeight),
                                 [this](QPainter* p, const QRectF& r) { paintTo(p, r); });
}

void AttentionPicture::saveImage()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export attention maps"), QStringLiteral("attention.png"),
                                                      tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    // The shared exporter: 2x on white in light colours, written atomically.
    const QString err = ChartExporter::exportImage(path, ChartExporter::Format::Png, QSize(width(), height() - kControlsHeight),
                                                   tr("Attention maps"),
                                                   [this](QPainter* p, const QRectF& r) { paintTo(p, r); }, 2.0);
    if (!err.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), err);
}
