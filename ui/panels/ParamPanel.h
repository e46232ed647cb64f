#pragma once
// The parameter panel, built only from Lab::params() (DESIGN section 3: no lab has
// hand-written controls). One CollapsibleGroup per ParamSpec::group (folded ones stay folded
// when the panel is rebuilt); Float: slider + spin box
// (log slider when logScale), Int: spin box, Bool: check box, Choice: combo box, Path: line
// edit + Browse. Every
// control carries its spec's tooltip. Edits are debounced: a burst of changes (dragging a
// slider) is sent once, ~200 ms after the last one. The wheel scrolls the panel unless the
// control under it has the focus (WheelGuard); Enter or Escape in a field gives the keys back
// to the window (FieldExit). A typed number out of range is clamped with a note under its
// field (RangeNote). A param whose ParamSpec::enabledWhen does not hold is greyed out, its
// tooltip saying why.
#include "session/SessionData.h"

#include <QScrollArea>

#include <map>
#include <string>
#include <utility>
#include <vector>

class FieldExit;
class QTimer;
class QVBoxLayout;
class WheelGuard;

class ParamPanel : public QScrollArea {
    Q_OBJECT
public:
    static constexpr int kDebounceMs = 200;
    using Changes = std::vector<std::pair<std::string, reglab::ParamValue>>;

    explicit ParamPanel(QWidget* parent = nullptr);

    // Rebuilds every control for this lab, showing lab.values.
    void setLab(const LabDescription& lab);
    // Shows a value without reporting it as an edit.
    void setValue(const std::string& id, const reglab::ParamValue& v);
    reglab::ParamValue value(const std::string& id) const;

    QWidget* control(const std::string& id) const;
    // Groups the user folded or opened (title -> folded); others start as the panel decides.
    const std::map<QString, bool>& foldedGroups() const { return m_folded; }
    void setFoldedGroups(const std::map<QString, bool>& folded) { m_folded = folded; }
    // The note under a number field (RangeNote), or null.
    class RangeNote* rangeNote(const std::string& id) const;
    int controlCount() const { return int(m_controls.size()); }
    // Sends pending edits now instead of waiting for the debounce timer.
    void flush();
    bool hasPendingEdits() const { return !m_pending.empty(); }

signals:
    void valuesEdited(const ParamPanel::Changes& changes);
    // A typed value was clamped: "Momentum: Clamped to 0.99 (...)", for the status bar.
    void noted(const QString& message);

private:
    void edited(const std::string& id, const reglab::ParamValue& v);
    QWidget* makeControl(const reglab::ParamSpec& spec, const reglab::ParamValue& v);
    void addRangeNote(const reglab::ParamSpec& spec, QWidget* control, class QFormLayout* form);
    void updateEnabled(); // ParamSpec::enabledWhen, from the values the controls show

    std::vector<reglab::ParamSpec> m_specs;
    std::map<std::string, QWidget*> m_controls;
    std::map<std::string, QWidget*> m_labels;
    std::map<std::string, class RangeNote*> m_notes;
    std::map<QString, bool> m_folded; // group title -> folded, as the user left it
    std::vector<std::pair<std::string, reglab::ParamValue>> m_pending; // in edit order, one per id
    QTimer* m_debounce = nullptr;
    WheelGuard* m_wheelGuard = nullptr;
    FieldExit* m_fieldExit = nullptr;
    QWidget* m_content = nullptr;
};
