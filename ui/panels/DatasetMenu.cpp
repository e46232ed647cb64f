#include "panels/DatasetMenu.h"

#include "data/CsvDataset.h"
#include "data/RegressionSets.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QIcon>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QToolBar>

#include <algorithm>

namespace {
const char *kCsvChoice = "csv", *kCsvFileParam = "csv_file";
} // namespace

DatasetMenu::DatasetMenu(QToolBar* bar, QWidget* label, QWidget* window, std::function<const LabDescription&()> lab)
    : QObject(window), m_window(window), m_lab(std::move(lab))
{
    m_combo = new QComboBox(window);
    m_combo->setObjectName(QStringLiteral("datasetCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_combo, &QComboBox::activated, this,
            [this](int i) { emit edited(kParam, reglab::ParamValue::ofChoice(m_combo->itemData(i).toString().toStdString())); });
    m_choose = [window] {
        return QFileDialog::getOpenFileName(window, tr("Choose a CSV data set"), QString(),
                                            tr("CSV files (*.csv);;All files (*)"));
    };
    m_labelAction = bar->addWidget(label);
    m_comboAction = bar->addWidget(m_combo);
    m_regenerate = bar->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Regenerate"));
    m_regenerate->setObjectName(QStringLiteral("regenerateAction"));
    m_regenerate->setToolTip(tr("A new random draw of the same data set (and of its train/validation split); the "
                                "run starts again"));
    connect(m_regenerate, &QAction::triggered, this, [this] {
        const LabDescription& lab = m_lab();
        const int i = lab.paramIndex(kDrawParam);
        if (i >= 0)
            emit edited(kDrawParam, reglab::ParamValue::ofNumber(lab.values[size_t(i)].number + 1));
    });
}

void DatasetMenu::setLab(const LabDescription& lab)
{
    const reglab::ParamSpec* ds = lab.findParam(kParam);
    const bool hasDataset = ds && ds->type == reglab::ParamType::Choice;
    {
        QSignalBlocker block(m_combo);
        m_combo->clear();
        if (hasDataset) {
            for (const auto& c : ds->choices) {
                // Regression sets last, apart, named as Playground names them ("plane (regression)").
                const bool reg = reglab::isRegressionSet(c);
                if (reg && m_combo->findText(QStringLiteral("(regression)"), Qt::MatchEndsWith) < 0)
                    m_combo->insertSeparator(m_combo->count());
                m_combo->addItem(reg ? tr("%1 (regression)").arg(QString::fromStdString(c.substr(4)))
                                     : QString::fromStdString(c),
                                 QString::fromStdString(c));
            }
            m_combo->setToolTip(QString::fromStdString(ds->tooltip));
        }
    }
    if (hasDataset)
        show(lab.values[size_t(lab.paramIndex(kParam))].text);
    m_labelAction->setVisible(hasDataset);
    m_comboAction->setVisible(hasDataset);
    m_regenerate->setVisible(lab.paramIndex(kDrawParam) >= 0);
}

void DatasetMenu::show(const std::string& choice)
{
    QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(QString::fromStdString(choice))));
}

bool DatasetMenu::resolveCsvChoice(const LabDescription& lab, ParamPanel::Changes& changes, ParamPanel* panel,
                                   QString* message)
{
    // Choosing the data set "csv" without a file would leave the toolbar on csv, the old run
    // showing and every reset failing: ask for the file, or keep the data set as it was.
    auto ds = std::find_if(changes.begin(), changes.end(),
                           [](const auto& c) { return c.first == kParam && c.second.text == kCsvChoice; });
    const int fileIndex = lab.paramIndex(kCsvFileParam);
    if (ds == changes.end() || fileIndex < 0)
        return false;
    auto file = std::find_if(changes.begin(), changes.end(), [](const auto& c) { return c.first == kCsvFileParam; });
    if (!(file != changes.end() ? file->second.text : lab.values[size_t(fileIndex)].text).empty())
        return false;
    QString chosen = m_choose ? m_choose() : QString();
    std::string why;
    if (!chosen.isEmpty() && !reglab::loadCsvDataset(chosen.toStdString(), &why)) {
        QMessageBox::warning(m_window, tr("Cannot use this file"), QString::fromStdString(why));
        chosen.clear();
    }
    const reglab::ParamValue old = lab.values[size_t(lab.paramIndex(kParam))];
    if (chosen.isEmpty()) {
        changes.erase(ds);
        panel->setValue(kParam, old);
        show(old.text);
        *message = tr("No CSV file chosen: the data set stays %1").arg(QString::fromStdString(old.text));
        return true;
    }
    const reglab::ParamValue path = reglab::ParamValue::ofChoice(chosen.toStdString());
    panel->setValue(kCsvFileParam, path);
    if (file != changes.end())
        file->second = path;
    else
        changes.insert(ds, {kCsvFileParam, path}); // the file first, so the reset finds it
    return true;
}
