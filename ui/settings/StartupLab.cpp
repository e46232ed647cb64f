#include "settings/StartupLab.h"

#include "labs/LabRegistry.h"
#include "settings/AppSettings.h"

#include <QObject>

#include <exception>

std::unique_ptr<reglab::Lab> startupLab(const AppSettings& settings, const LabFactory& factory, QString* message)
{
    std::unique_ptr<reglab::Lab> lab;
    const std::string last = settings.lastLab().toStdString();
    if (!last.empty())
        lab = factory(last);
    if (!lab)
        for (const auto& info : reglab::availableLabs())
            if ((lab = factory(info.id)))
                break;
    if (!lab)
        return nullptr;
    for (const auto& [id, text] : settings.paramValues(QString::fromStdString(lab->id())))
        if (lab->findParam(id))
            lab->setText(id, text); // a value that no longer fits keeps the default
    try {
        lab->reset(settings.seed());
    } catch (const std::exception& e) {
        // Saved values that no longer make a lab (a CSV file that is gone): defaults.
        *message = QObject::tr("The saved settings could not be used (%1); starting with the defaults.")
                       .arg(QString::fromUtf8(e.what()));
        lab = factory(lab->id());
        if (lab)
            lab->reset(settings.seed());
    }
    return lab;
}
