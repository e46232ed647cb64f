#include "charts/PicturesArea.h"

#include "charts/AttentionPicture.h"
#include "charts/CartPolePicture.h"
#include "charts/HeatmapWidget.h"
#include "charts/NetworkPicture.h"
#include "charts/ProfilePicture.h"
#include "charts/TwinPictures.h"
#include "charts/ValidationPicture.h"
#include "charts/WeightCharts.h"
#include "panels/PictureOptions.h"

#include <QLabel>
#include <QSplitter>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>

namespace {
// The twin's network goes beside the main one only when each gets at least this width.
constexpr int kMinNetworkWidth = 300;

template <typename T> const T* byId(const std::vector<T>& views, const std::string& id)
{
    const auto it = std::find_if(views.begin(), views.end(), [&](const T& v) { return v.id == id; });
    return it == views.end() ? nullptr : &*it;
}

// The lab's profile: the first without the twin_ prefix.
const reglab::ProfileView* mainProfile(const std::vector<reglab::ProfileView>& profiles)
{
    for (const auto& p : profiles)
        if (p.id.rfind("twin_", 0) != 0)
            return &p;
    return nullptr;
}
} // namespace

PicturesArea::PicturesArea(QWidget* parent) : QWidget(parent)
{
    m_heatmap = new HeatmapWidget(this);
    m_twinHeatmap = new HeatmapWidget(this); // the twin's boundary, beside the main one
    m_twinHeatmap->hide();
    m_attention = new AttentionPicture(this); // the attention lab's maps, instead of a plane
    m_attention->hide();
    m_network = new NetworkPicture(this);
    m_network->setObjectName(QStringLiteral("networkPicture"));
    m_twinNetwork = new NetworkPicture(this);
    m_validation = new ValidationPicture(this); // data that is not a plane
    m_twinValidation = new ValidationPicture(this);
    m_pictures = new QSplitter(Qt::Horizontal, this);
    for (QWidget* w : std::initializer_list<QWidget*>{m_heatmap, m_twinHeatmap, m_attention, m_network,
                                                      m_twinNetwork, m_validation, m_twinValidation}) {
        m_pictures->addWidget(w);
        w->hide();
    }
    // A profile is wide (a bar per position): the twin's goes below it, not beside.
    m_profile = new ProfilePicture(this);
    m_profile->setObjectName(QStringLiteral("profilePicture"));
    m_twinProfile = new ProfilePicture(this);
    m_twinProfile->setObjectName(QStringLiteral("twinProfilePicture"));
    m_profiles = new QSplitter(Qt::Vertical, this);
    m_profiles->addWidget(m_profile);
    m_profiles->addWidget(m_twinProfile);
    m_profiles->setChildrenCollapsible(false);
    m_twinProfile->hide();
    m_pictures->addWidget(m_profiles);
    m_profiles->hide();
    // A cart-pole episode (the dqn lab's policy) is wide too: the twin's below it.
    m_cartPole = new CartPolePicture(this);
    m_cartPole->setObjectName(QStringLiteral("cartPolePicture"));
    m_twinCartPole = new CartPolePicture(this);
    m_twinCartPole->setObjectName(QStringLiteral("twinCartPolePicture"));
    m_cartPoles = new QSplitter(Qt::Vertical, this);
    m_cartPoles->addWidget(m_cartPole);
    m_cartPoles->addWidget(m_twinCartPole);
    m_cartPoles->setChildrenCollapsible(false);
    m_twinCartPole->hide();
    m_pictures->addWidget(m_cartPoles);
    m_cartPoles->hide();
    m_weights = new WeightCharts(this);

    auto* top = new QWidget(this);
    auto* layout = new QVBoxLayout(top);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_options = new PictureOptions(m_heatmap, m_twinHeatmap, top);
    layout->addWidget(m_options);
    m_switch = new QTabBar(top);
    m_switch->setObjectName(QStringLiteral("planeSwitch"));
    m_switch->addTab(tr("Boundary"));
    m_switch->addTab(tr("Network"));
    m_switch->setToolTip(tr("The decision boundary, or the network: every unit's output over the input plane "
                            "(blue positive, orange negative), links by weight. Hover a unit to enlarge it."));
    m_switch->setDrawBase(false);
    m_switch->hide();
    connect(m_switch, &QTabBar::currentChanged, this, [this](int i) { setShowNetwork(i == 1); });
    layout->addWidget(m_switch);
    layout->addWidget(m_pictures, 1);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setObjectName(QStringLiteral("picturesSplitter"));
    m_split->addWidget(top);
    m_split->addWidget(m_weights);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    // A lab that draws nothing besides its charts (double descent) says so instead of an empty frame.
    m_nothing = new QLabel(tr("This lab draws no pictures: its story is in the charts."), this);
    m_nothing->setObjectName(QStringLiteral("noPictures"));
    m_nothing->setAlignment(Qt::AlignCenter);
    m_nothing->setWordWrap(true);
    m_nothing->hide();
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_split);
    outer->addWidget(m_nothing);
    m_heatmap->show();
}

void PicturesArea::setShowNetwork(bool on)
{
    if (on == m_showNetwork)
        return;
    m_showNetwork = on;
    m_switch->setCurrentIndex(on ? 1 : 0);
    updateVisibility();
    fit();
    emit showNetworkChanged(on);
}

bool PicturesArea::hasTwin() const
{
    return m_twinHeatmap->isVisibleTo(this) || m_twinNetwork->isVisibleTo(this) || m_attention->hasTwin()
        || m_twinValidation->isVisibleTo(this) || m_twinProfile->isVisibleTo(this)
        || m_twinCartPole->isVisibleTo(this);
}

bool PicturesArea::setViews(const reglab::LabViews& views, quint64 runId)
{
    const bool hadTwin = m_twinGrid || m_attention->hasTwin() || m_twinValid || m_twinProf || m_twinCart;
    const TwinPictures pictures = TwinPictures::of(views);
    m_attention->setViews(views);
    m_twinGrid = pictures.twin.grid != nullptr;
    m_twinHeatmap->setView(pictures.twin.grid, pictures.twin.points, views.step, pictures.twin.meshes, views.caption);
    m_heatmap->setView(pictures.main.grid, pictures.main.points, views.step, pictures.main.meshes, views.caption);
    m_switch->setTabText(0, m_heatmap->isValueMap() ? tr("Output") : tr("Boundary")); // a regressor has no boundary
    const reglab::NetworkView* twinNet = byId(views.networks, "twin_network");
    m_twinNet = twinNet != nullptr;
    m_network->setView(byId(views.networks, "network"), views.step);
    m_twinNetwork->setView(twinNet, views.step);
    const reglab::GridView* twinConfusion = byId(views.grids, "twin_confusion");
    m_twinValid = twinConfusion != nullptr;
    m_validation->setViews(byId(views.images, "images"), byId(views.grids, "confusion"), views.step);
    m_twinValidation->setViews(byId(views.images, "twin_images"), twinConfusion, views.step);
    const reglab::ProfileView* profile = mainProfile(views.profiles);
    const reglab::ProfileView* twinProfile = profile ? byId(views.profiles, "twin_" + profile->id) : nullptr;
    m_twinProf = twinProfile != nullptr;
    m_profile->setView(profile, views.step);
    m_twinProfile->setView(twinProfile, views.step);
    const reglab::CartPoleView* twinCart = byId(views.cartPoles, "twin_cartpole");
    m_twinCart = twinCart != nullptr;
    m_cartPole->setView(byId(views.cartPoles, "cartpole"), views.step);
    m_twinCartPole->setView(twinCart, views.step);
    m_options->viewsChanged();
    m_weights->setHistograms(views.histograms, views.step, runId);
    // A lab without weights (margin, double descent, escape) gives its pictures the whole height.
    const bool weights = !views.histograms.empty();
    const bool weightsChanged = weights == m_weights->isHidden();
    m_weights->setVisible(weights);
    const QWidget* before = mainPicture();
    updateVisibility();
    if (before != mainPicture() || weightsChanged)
        fit();
    return hadTwin != (m_twinGrid || m_attention->hasTwin() || m_twinValid || m_twinProf || m_twinCart);
}

void PicturesArea::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateVisibility(); // the twin's network shows when two fit
}

void PicturesArea::updateVisibility()
{
    const bool attention = m_attention->hasMaps();
    const bool plane = !attention && m_heatmap->hasPicture();
    const bool network = plane && m_showNetwork && m_network->hasNetwork();
    const bool profile = !attention && !plane && m_profile->hasProfile();
    const bool cart = !attention && !plane && !profile && m_cartPole->hasEpisode();
    const bool valid = !attention && !plane && !profile && !cart && m_validation->hasPicture();
    m_switch->setVisible(plane && m_network->hasNetwork());
    m_attention->setVisible(attention);
    m_heatmap->setVisible(!attention && !network && !valid && !profile && !cart);
    m_twinHeatmap->setVisible(m_twinGrid && !network && !attention);
    m_network->setVisible(network);
    m_twinNetwork->setVisible(network && m_twinNet && m_pictures->width() >= 2 * kMinNetworkWidth);
    m_validation->setVisible(valid);
    m_twinValidation->setVisible(valid && m_twinValid);
    m_profiles->setVisible(profile);
    m_profile->setVisible(profile);
    m_twinProfile->setVisible(profile && m_twinProf);
    m_cartPoles->setVisible(cart);
    m_cartPole->setVisible(cart);
    m_twinCartPole->setVisible(cart && m_twinCart);
    // Weights but no picture (the rl lab, a CSV of many features): the histograms take it all.
    const bool picture = attention || plane || profile || valid || cart;
    m_split->widget(0)->setVisible(picture || m_weights->isHidden());
    const bool nothing = !picture && m_weights->isHidden();
    m_split->setVisible(!nothing);
    m_nothing->setVisible(nothing);
}

QWidget* PicturesArea::mainPicture() const
{
    for (QWidget* w : std::initializer_list<QWidget*>{m_attention, m_network, m_validation, m_profile, m_cartPole})
        if (w->isVisibleTo(this))
            return w;
    return m_heatmap;
}

int PicturesArea::preferredWidth(int windowWidth) const
{
    // Two pictures side by side (a twin) need about twice the width of one.
    const bool twin = m_twinGrid || m_attention->hasTwin() || m_twinValid;
    if (m_profile->hasProfile() && !twin) // a bar per position (the twin's below): wide, not twice as wide
        return std::max(420, windowWidth * 2 / 5);
    if (m_cartPole->hasEpisode()) // the twin's below, as a profile's
        return std::max(420, windowWidth * 2 / 5);
    return twin ? windowWidth / 2 : std::max(300, windowWidth * 27 / 100);
}

void PicturesArea::fit()
{
    // The picture gets what it needs, the histogram the rest. With no picture at all it
    // shrinks to its one-line note.
    updateVisibility(); // the twin's network follows the width
    const int total = m_split->height();
    if (total <= 0)
        return;
    const QWidget* picture = mainPicture();
    const bool any = picture != m_heatmap || m_heatmap->hasPicture();
    const int extra = m_options->sizeHint().height() * int(m_options->isVisible())
        + m_switch->sizeHint().height() * int(m_switch->isVisible());
    int need = picture->heightForWidth(picture->width());
    if (picture == m_profile && m_twinProfile->isVisibleTo(this))
        need += m_profiles->handleWidth() + m_twinProfile->heightForWidth(m_twinProfile->width());
    if (picture == m_cartPole && m_twinCartPole->isVisibleTo(this))
        need += m_cartPoles->handleWidth() + m_twinCartPole->heightForWidth(m_twinCartPole->width());
    if (m_weights->isHidden()) {
        m_split->setSizes({total, 0});
        return;
    }
    const int want = any ? std::min(need + extra, total * 3 / 4)
                         : std::min(90, total / 3);
    m_split->setSizes({want, total - want});
}
