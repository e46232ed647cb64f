#pragma once
// The toolbar's data set menu: it mirrors the lab's "dataset" choice (shown only for labs
// that have one), sees to it that choosing "csv" comes with a file, and offers Regenerate
// (the next "data_draw": a new draw of the same toy set) for labs that have that param.
#include "panels/ParamPanel.h"
#include "session/SessionData.h"

#include <QObject>
#include <QString>

#include <functional>
#include <string>

class QAction;
class QComboBox;
class QToolBar;
class QWidget;

class DatasetMenu : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kParam = "dataset";
    static constexpr const char* kDrawParam = "data_draw";

    // Adds `label`, the menu and Regenerate to `bar`; `window` parents the file dialog's
    // warnings; `lab` gives the lab's current values (for the next draw).
    DatasetMenu(QToolBar* bar, QWidget* label, QWidget* window, std::function<const LabDescription&()> lab);

    QComboBox* combo() const { return m_combo; }
    void setLab(const LabDescription& lab);
    // Shows `choice` without emitting chosen().
    void show(const std::string& choice);
    // How a CSV file is asked for (a file dialog; tests put their own).
    void setFileChooser(std::function<QString()> choose) { m_choose = std::move(choose); }
    // Data set "csv" without a file: asks for one (adds it to `changes`, before the data set,
    // so the reset finds it) or drops the change and shows the old data set again, with
    // *message for the status bar. True when it handled such a change.
    bool resolveCsvChoice(const LabDescription& lab, ParamPanel::Changes& changes, ParamPanel* panel,
                          QString* message);

    QAction* regenerateAction() const { return m_regenerate; }

signals:
    // The user picked a data set, or asked for a new draw: a param edit to apply.
    void edited(const std::string& id, const reglab::ParamValue& value);

private:
    QWidget* m_window;
    QComboBox* m_combo = nullptr;
    QAction* m_labelAction = nullptr;
    QAction* m_comboAction = nullptr;
    QAction* m_regenerate = nullptr;
    std::function<const LabDescription&()> m_lab;
    std::function<QString()> m_choose;
};
