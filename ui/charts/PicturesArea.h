#pragma once
// The pictures dock's content: the overlay options, a "Boundary | Network" switch, the
// picture of the run (decision boundary, the network, the attention maps, or for data that
// is not a plane the validation images and confusion matrix) with its twin's beside it, and
// the weight charts below. A lab's profile (a value per position along a sequence) is its
// picture too, the twin's below it. Fed with the LabViews of a run and its twin.
#include "labs/LabViews.h"

#include <QWidget>

class AttentionPicture;
class HeatmapWidget;
class NetworkPicture;
class PictureOptions;
class ProfilePicture;
class QLabel;
class QSplitter;
class QTabBar;
class ValidationPicture;
class WeightCharts;
class CartPolePicture;

class PicturesArea : public QWidget {
    Q_OBJECT
public:
    explicit PicturesArea(QWidget* parent = nullptr);

    HeatmapWidget* heatmap() const { return m_heatmap; }
    HeatmapWidget* twinHeatmap() const { return m_twinHeatmap; }
    AttentionPicture* attention() const { return m_attention; }
    NetworkPicture* network() const { return m_network; }
    NetworkPicture* twinNetwork() const { return m_twinNetwork; }
    ValidationPicture* validation() const { return m_validation; }
    ValidationPicture* twinValidation() const { return m_twinValidation; }
    ProfilePicture* profile() const { return m_profile; }
    ProfilePicture* twinProfile() const { return m_twinProfile; }
    CartPolePicture* cartPole() const { return m_cartPole; }
    CartPolePicture* twinCartPole() const { return m_twinCartPole; }
    WeightCharts* weights() const { return m_weights; }
    PictureOptions* options() const { return m_options; }
    QTabBar* planeSwitch() const { return m_switch; }

    // Returns true when a twin's picture came or went (the dock's width should follow).
    bool setViews(const reglab::LabViews& views, quint64 runId);
    // The boundary (or network) shown, not the other.
    void setShowNetwork(bool on);
    bool showsNetwork() const { return m_showNetwork; }
    bool hasTwin() const;
    // The picture gets the height it needs, the weight charts the rest.
    void fit();
    int preferredWidth(int windowWidth) const;

signals:
    void showNetworkChanged(bool on);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateVisibility();
    QWidget* mainPicture() const;

    HeatmapWidget* m_heatmap = nullptr;
    HeatmapWidget* m_twinHeatmap = nullptr;
    AttentionPicture* m_attention = nullptr;
    NetworkPicture* m_network = nullptr;
    NetworkPicture* m_twinNetwork = nullptr;
    ValidationPicture* m_validation = nullptr;
    ValidationPicture* m_twinValidation = nullptr;
    ProfilePicture* m_profile = nullptr;
    ProfilePicture* m_twinProfile = nullptr;
    QSplitter* m_profiles = nullptr; // the profile above the twin's: both as wide as the dock
    CartPolePicture* m_cartPole = nullptr;
    CartPolePicture* m_twinCartPole = nullptr;
    QSplitter* m_cartPoles = nullptr; // the cart-pole above the twin's
    bool m_twinCart = false;
    WeightCharts* m_weights = nullptr;
    PictureOptions* m_options = nullptr;
    QTabBar* m_switch = nullptr;
    QSplitter* m_split = nullptr;
    QLabel* m_nothing = nullptr;
    QSplitter* m_pictures = nullptr;
    bool m_showNetwork = false;
    bool m_twinGrid = false; // the last views carried a twin's boundary
    bool m_twinNet = false, m_twinValid = false, m_twinProf = false;
};
