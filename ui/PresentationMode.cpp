#include "PresentationMode.h"

#include "charts/ChartStyle.h"
#include "settings/AppSettings.h"
#include "settings/SystemThemeWatcher.h"
#include "settings/Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QToolBar>

#include <algorithm>
#include <cmath>

PresentationMode::PresentationMode(QMainWindow* window, AppSettings* settings)
    : QObject(window), m_window(window), m_settings(settings), m_baseFont(window->font())
{
    m_hidden = m_settings->presentationHidden();
    m_zoom = m_settings->zoom();
    buildMenu();
    Theme::apply(Theme::fromName(m_settings->theme()));
    new SystemThemeWatcher(this); // "System" follows the platform while the app runs
    ChartStyle::instance()->setColourBlindSafe(m_settings->colourBlindPalette());
    ChartStyle::instance()->setExportWindowColours(m_settings->exportWindowColours());
    applyScale();
    // The pictures paint with ChartPalette's colours and fonts: repaint them when it changes.
    connect(ChartStyle::instance(), &ChartStyle::changed, m_window, [w = m_window] {
        for (QWidget* c : w->findChildren<QWidget*>())
            c->update();
    });
    // Closing while presenting: the window saves its layout with every panel back.
    m_window->installEventFilter(this);
}

std::vector<QWidget*> PresentationMode::panels() const
{
    std::vector<QWidget*> out;
    for (QDockWidget* d : m_window->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        if (!d->objectName().isEmpty())
            out.push_back(d);
    for (QToolBar* t : m_window->findChildren<QToolBar*>(QString(), Qt::FindDirectChildrenOnly))
        if (!t->objectName().isEmpty())
            out.push_back(t);
    return out;
}

void PresentationMode::buildMenu()
{
    m_menu = m_window->menuBar()->addMenu(tr("&View"));
    m_toggle = m_menu->addAction(tr("&Presentation mode"));
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::Key_F11));
    m_toggle->setToolTip(tr("Full screen, larger text and lines, chosen panels hidden (F11; Escape leaves)"));
    connect(m_toggle, &QAction::toggled, this, &PresentationMode::setActive);
    m_leave = new QAction(tr("Leave presentation mode"), m_window);
    m_leave->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leave->setEnabled(false); // Escape belongs to fields and dialogs otherwise
    connect(m_leave, &QAction::triggered, this, [this] { setActive(false); });
    // Window actions, not only menu ones: shortcuts work with the menu bar hidden too.
    m_window->addAction(m_toggle);
    m_window->addAction(m_leave);

    QMenu* hide = m_menu->addMenu(tr("&Hide while presenting"));
    for (QWidget* w : panels()) {
        const QString title = w->windowTitle().isEmpty() ? w->objectName() : w->windowTitle();
        QAction* a = hide->addAction(title);
        a->setCheckable(true);
        a->setChecked(m_hidden.contains(w->objectName()));
        const QString name = w->objectName();
        connect(a, &QAction::toggled, this, [this, name](bool on) { setPanelHidden(name, on); });
    }
    m_menu->addSeparator();

    QAction* in = m_menu->addAction(tr("Zoom &in"));
    in->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(in, &QAction::triggered, this, &PresentationMode::zoomIn);
    QAction* out = m_menu->addAction(tr("Zoom &out"));
    out->setShortcut(QKeySequence::ZoomOut);
    connect(out, &QAction::triggered, this, &PresentationMode::zoomOut);
    QAction* reset = m_menu->addAction(tr("&Reset zoom"));
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(reset, &QAction::triggered, this, [this] { setZoom(1.0); });
    m_window->addActions({in, out, reset});
    m_menu->addSeparator();

    QMenu* theme = m_menu->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(theme);
    const QString current = m_settings->theme();
    const std::pair<QString, QString> themes[] = {
        {QStringLiteral("system"), tr("&System")}, {QStringLiteral("light"), tr("&Light")}, {QStringLiteral("dark"), tr("&Dark")}};
    for (const auto& [id, text] : themes) {
        QAction* a = theme->addAction(text);
        a->setCheckable(true);
        a->setChecked(id == current);
        a->setData(id);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id = id] { setTheme(id); });
    }
    QAction* cb = m_menu->addAction(tr("&Colour-blind-safe palette"));
    cb->setCheckable(true);
    cb->setChecked(m_settings->colourBlindPalette());
    cb->setToolTip(tr("Okabe-Ito colours: train, validation and the twin stay apart with any colour vision"));
    connect(cb, &QAction::toggled, this, &PresentationMode::setColourBlindSafe);
    QAction* ex = m_menu->addAction(tr("&Export in Window Colours"));
    ex->setCheckable(true);
    ex->setChecked(m_settings->exportWindowColours());
    ex->setObjectName(QStringLiteral("exportWindowColoursAction"));
    ex->setToolTip(tr("Exported and copied images in the window's theme (light text on dark with the dark theme); "
                      "off: dark text on white, for slides and print"));
    connect(ex, &QAction::toggled, this, [this](bool on) {
        m_settings->setExportWindowColours(on);
        ChartStyle::instance()->setExportWindowColours(on);
    });
}

void PresentationMode::setActive(bool on)
{
    if (on == m_active)
        return;
    m_active = on;
    m_toggle->setChecked(on);
    m_leave->setEnabled(on);
    if (on) {
        m_stateBefore = m_window->windowState();
        for (QWidget* w : panels())
            if (m_hidden.contains(w->objectName()) && w->isVisible()) {
                w->hide();
                m_hiddenByUs.push_back(w);
            }
        m_window->setWindowState(m_stateBefore | Qt::WindowFullScreen);
    } else {
        m_window->setWindowState(m_stateBefore & ~Qt::WindowFullScreen);
        for (QWidget* w : m_hiddenByUs)
            w->show();
        m_hiddenByUs.clear();
    }
    applyScale();
}

void PresentationMode::setZoom(double factor)
{
    if (!std::isfinite(factor))
        factor = 1.0;
    // Whole steps of kZoomStep land back on 1 exactly, however often one zooms in and out.
    const double steps = std::round(std::log(factor) / std::log(kZoomStep));
    factor = std::abs(std::log(factor) / std::log(kZoomStep) - steps) < 1e-6 ? std::pow(kZoomStep, steps) : factor;
    m_zoom = std::clamp(factor, AppSettings::kMinZoom, AppSettings::kMaxZoom);
    m_settings->setZoom(m_zoom);
    applyScale();
}

void PresentationMode::zoomIn() { setZoom(m_zoom * kZoomStep); }
void PresentationMode::zoomOut() { setZoom(m_zoom / kZoomStep); }

void PresentationMode::setTheme(const QString& name)
{
    m_settings->setTheme(Theme::name(Theme::fromName(name)));
    Theme::apply(Theme::fromName(name));
    for (QAction* a : m_menu->findChildren<QAction*>())
        if (a->isCheckable() && a->data().toString() == name)
            a->setChecked(true);
}

void PresentationMode::setColourBlindSafe(bool on)
{
    m_settings->setColourBlindPalette(on);
    ChartStyle::instance()->setColourBlindSafe(on);
}

void PresentationMode::setPanelHidden(const QString& objectName, bool hidden)
{
    m_hidden.removeAll(objectName);
    if (hidden)
        m_hidden << objectName;
    m_settings->setPresentationHidden(m_hidden);
}

void PresentationMode::applyScale()
{
    const double scale = m_zoom * (m_active ? kFontScale : 1.0);
    const double before = m_window->font().pointSizeF();
    QFont f = m_baseFont;
    f.setPointSizeF(m_baseFont.pointSizeF() * scale);
    m_window->setFont(f);
    ChartStyle::instance()->setFontScale(scale);
    ChartStyle::instance()->setLineScale(m_active ? kLineScale : 1.0);
    // Widgets with a font of their own (a bold step count, style-sheeted notes) do not
    // inherit the window's: keep each at its first measured ratio to it.
    const char* kRatio = "reglabFontRatio";
    // Guarded: a font change may make a widget delete others on the spot.
    const QList<QWidget*> children = m_window->findChildren<QWidget*>();
    std::vector<QPointer<QWidget>> guarded(children.begin(), children.end());
    for (const QPointer<QWidget>& c : guarded) {
        if (!c || !c->testAttribute(Qt::WA_SetFont) || c->isWindow() || c->font().pointSizeF() <= 0)
            continue;
        QFont own = c->font();
        if (!c->property(kRatio).isValid())
            c->setProperty(kRatio, own.pointSizeF() / before);
        own.setPointSizeF(c->property(kRatio).toDouble() * f.pointSizeF());
        c->setFont(own);
    }
    // Menus are windows of their own: fonts do not reach them by inheritance.
    for (QMenu* m : m_window->menuBar()->findChildren<QMenu*>())
        m->setFont(f);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Close)
        setActive(false);
    return QObject::eventFilter(watched, event);
}
