#include "panels/ParamPanel.h"
#include "settings/TextTone.h"

#include "panels/CollapsibleGroup.h"
#include "panels/FieldExit.h"
#include "panels/FloatParamControl.h"
#include "panels/ParamIntSpinBox.h"
#include "panels/PathParamControl.h"
#include "panels/RangeNote.h"
#include "panels/WheelGuard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
QString tooltipOf(const reglab::ParamSpec& spec)
{
    QString tip = QString::fromStdString(spec.tooltip);
    const QString when = spec.live ? QObject::tr("Applies at the next step, without restarting.")
                                   : QObject::tr("Changing it restarts training (new network).");
    const QString allowed = QString::fromStdString(spec.allowedText());
    return QStringLiteral("<p>%1</p><p><i>%2</i><br>Allowed: %3.</p>")
        .arg(tip.toHtmlEscaped(), when, allowed.toHtmlEscaped());
}

// Groups folded until the user opens them: rarely changed, and long.
const QStringList kFoldedAtFirst = {QStringLiteral("Features"), QStringLiteral("Run")};

int clampToInt(double v)
{
    return int(std::clamp(v, double(std::numeric_limits<int>::min()), double(std::numeric_limits<int>::max())));
}
} // namespace

ParamPanel::ParamPanel(QWidget* parent) : QScrollArea(parent)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_wheelGuard = new WheelGuard(this);
    m_fieldExit = new FieldExit(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ParamPanel::flush);
}

void ParamPanel::setLab(const LabDescription& lab)
{
    m_debounce->stop();
    m_pending.clear();
    m_controls.clear();
    m_labels.clear();
    m_notes.clear();
    m_specs = lab.params;
    m_content = new QWidget();
    auto* column = new QVBoxLayout(m_content);
    column->setContentsMargins(4, 4, 4, 4);
    column->setSpacing(6);

    // Groups in order of first appearance.
    std::vector<std::string> groups;
    for (const auto& s : lab.params)
        if (std::find(groups.begin(), groups.end(), s.group) == groups.end())
            groups.push_back(s.group);
    bool anyReset = false;
    for (const auto& g : groups) {
        const QString title = QString::fromStdString(g.empty() ? "Parameters" : g);
        auto* group = new CollapsibleGroup(title, m_content);
        const auto folded = m_folded.find(title);
        group->setCollapsed(folded != m_folded.end() ? folded->second : kFoldedAtFirst.contains(title));
        connect(group, &CollapsibleGroup::collapsedChanged, this, [this, title](bool f) { m_folded[title] = f; });
        QWidget* box = group->body();
        auto* form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::WrapLongRows); // a narrow panel puts sliders under their label
        form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        form->setContentsMargins(6, 4, 6, 4);
        form->setHorizontalSpacing(6);
        form->setVerticalSpacing(6);
        for (size_t i = 0; i < lab.params.size(); ++i) {
            const auto& spec = lab.params[i];
            if (spec.group != g)
                continue;
            const reglab::ParamValue v = i < lab.values.size() ? lab.values[i] : spec.defaultValue;
            QWidget* control = makeControl(spec, v);
            QFont normal = control->font();
            normal.setBold(false);
            control->setFont(normal);
            QString text = QString::fromStdString(spec.label.empty() ? spec.id : spec.label);
            if (!spec.live) {
                text += QStringLiteral(" \u21bb"); // restarts training
                anyReset = true;
            }
            auto* label = new QLabel(text, box);
            label->setFont(normal);
            label->setToolTip(tooltipOf(spec));
            label->setBuddy(control);
            form->addRow(label, control);
            m_controls[spec.id] = control;
            m_labels[spec.id] = label;
            addRangeNote(spec, control, form);
        }
        column->addWidget(group);
    }
    if (anyReset) {
        auto* note = new QLabel(tr("\u21bb restarts training when changed"), m_content);
        TextTone::apply(note, TextTone::Tone::Hint);
        column->addWidget(note);
    }
    column->addStretch(1);
    m_wheelGuard->guard(m_content);
    m_fieldExit->guard(m_content);
    setWidget(m_content); // deletes the previous content
    updateEnabled();
}

void ParamPanel::addRangeNote(const reglab::ParamSpec& spec, QWidget* control, QFormLayout* form)
{
    auto* f = qobject_cast<FloatParamControl*>(control);
    auto* i = qobject_cast<ParamIntSpinBox*>(control);
    if (!f && !i)
        return;
    auto* note = new RangeNote(form->parentWidget());
    QFont normal = note->font();
    normal.setBold(false);
    note->setFont(normal);
    form->addRow(note); // under the field, hidden until a value is clamped
    m_notes[spec.id] = note;
    const QString name = QString::fromStdString(spec.label.empty() ? spec.id : spec.label);
    auto clamped = [this, note, name](double bound, const QString& text) {
        note->showClamped(bound, text);
        emit noted(name + QStringLiteral(": ") + text);
    };
    if (f) {
        connect(f, &FloatParamControl::clamped, note, clamped);
        connect(f, &FloatParamControl::valueEdited, note, &RangeNote::valueShown);
    } else {
        connect(i, &ParamIntSpinBox::clamped, note, clamped);
        connect(i, &QSpinBox::valueChanged, note, [note](int v) { note->valueShown(v); });
    }
}

void ParamPanel::updateEnabled()
{
    for (const auto& spec : m_specs) {
        const std::string& by = spec.enabledWhen.param;
        QWidget* w = control(spec.id);
        const auto c = std::find_if(m_specs.begin(), m_specs.end(), [&](const auto& s) { return s.id == by; });
        if (by.empty() || !w || c == m_specs.end())
            continue;
        const QString why = QString::fromStdString(spec.disabledReason(*c, value(by)));
        QString tip = tooltipOf(spec);
        if (!why.isEmpty())
            tip = QStringLiteral("<p><b>%1</b></p>").arg(why.toHtmlEscaped()) + tip;
        w->setEnabled(why.isEmpty());
        w->setToolTip(tip);
        if (QWidget* label = m_labels[spec.id]) {
            label->setEnabled(why.isEmpty());
            label->setToolTip(tip);
        }
    }
}

QWidget* ParamPanel::makeControl(const reglab::ParamSpec& spec, const reglab::ParamValue& v)
{
    const std::string id = spec.id;
    QWidget* w = nullptr;
    switch (spec.type) {
    case reglab::ParamType::Float: {
        auto* c = new FloatParamControl(spec);
        c->setValue(v.number);
        connect(c, &FloatParamControl::valueEdited, this,
                [this, id](double x) { edited(id, reglab::ParamValue::ofNumber(x)); });
        w = c;
        break;
    }
    case reglab::ParamType::Int: {
        auto* c = new ParamIntSpinBox(clampToInt(spec.min), clampToInt(spec.max));
        c->setValue(clampToInt(v.number));
        connect(c, &QSpinBox::valueChanged, this, [this, id](int x) { edited(id, reglab::ParamValue::ofNumber(x)); });
        w = c;
        break;
    }
    case reglab::ParamType::Bool: {
        auto* c = new QCheckBox();
        c->setChecked(v.number != 0.0);
        connect(c, &QCheckBox::toggled, this,
                [this, id](bool on) { edited(id, reglab::ParamValue::ofNumber(on ? 1.0 : 0.0)); });
        w = c;
        break;
    }
    case reglab::ParamType::Choice: {
        auto* c = new QComboBox();
        for (const auto& choice : spec.choices)
            c->addItem(QString::fromStdString(choice), QString::fromStdString(choice));
        c->setCurrentIndex(std::max(0, c->findData(QString::fromStdString(v.text))));
        connect(c, &QComboBox::currentIndexChanged, this, [this, id, c](int) {
            edited(id, reglab::ParamValue::ofChoice(c->currentData().toString().toStdString()));
        });
        w = c;
        break;
    }
    case reglab::ParamType::Path: {
        auto* c = new PathParamControl();
        c->setPath(QString::fromStdString(v.text));
        connect(c, &PathParamControl::pathEdited, this,
                [this, id](const QString& path) { edited(id, reglab::ParamValue::ofChoice(path.toStdString())); });
        w = c;
        break;
    }
    case reglab::ParamType::Points: { // edited on the picture; the panel shows how many
        auto* l = new QLabel(QString::fromStdString(spec.format(v)));
        l->setProperty("pointsText", QString::fromStdString(v.text));
        w = l;
        break;
    }
    }
    if (!w) // a type this panel does not know yet: say so instead of crashing
        w = new QLabel(tr("(not editable here)"));
    w->setObjectName(QString::fromStdString("param_" + id));
    w->setToolTip(tooltipOf(spec));
    w->setProperty("paramId", QString::fromStdString(id));
    return w;
}

void ParamPanel::setValue(const std::string& id, const reglab::ParamValue& v)
{
    auto it = m_controls.find(id);
    if (it == m_controls.end())
        return;
    QWidget* w = it->second;
    QSignalBlocker block(w);
    if (auto* f = qobject_cast<FloatParamControl*>(w))
        f->setValue(v.number);
    else if (auto* i = qobject_cast<QSpinBox*>(w))
        i->setValue(clampToInt(v.number));
    else if (auto* b = qobject_cast<QCheckBox*>(w))
        b->setChecked(v.number != 0.0);
    else if (auto* c = qobject_cast<QComboBox*>(w))
        c->setCurrentIndex(std::max(0, c->findData(QString::fromStdString(v.text))));
    else if (auto* p = qobject_cast<PathParamControl*>(w))
        p->setPath(QString::fromStdString(v.text));
    else if (auto* l = qobject_cast<QLabel*>(w); l && l->property("pointsText").isValid()) {
        l->setProperty("pointsText", QString::fromStdString(v.text));
        for (const reglab::ParamSpec& spec : m_specs)
            if (spec.id == id)
                l->setText(QString::fromStdString(spec.format(v)));
    }
    if (RangeNote* note = rangeNote(id))
        note->valueShown(v.number);
    updateEnabled();
    // A programmatic value replaces an edit still waiting to be sent.
    m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; }),
                    m_pending.end());
}

reglab::ParamValue ParamPanel::value(const std::string& id) const
{
    auto it = m_controls.find(id);
    if (it == m_controls.end())
        return {};
    QWidget* w = it->second;
    if (auto* f = qobject_cast<FloatParamControl*>(w))
        return reglab::ParamValue::ofNumber(f->value());
    if (auto* i = qobject_cast<QSpinBox*>(w))
        return reglab::ParamValue::ofNumber(i->value());
    if (auto* b = qobject_cast<QCheckBox*>(w))
        return reglab::ParamValue::ofNumber(b->isChecked() ? 1.0 : 0.0);
    if (auto* c = qobject_cast<QComboBox*>(w))
        return reglab::ParamValue::ofChoice(c->currentData().toString().toStdString());
    if (auto* p = qobject_cast<PathParamControl*>(w))
        return reglab::ParamValue::ofChoice(p->path().toStdString());
    if (w->property("pointsText").isValid())
        return reglab::ParamValue::ofChoice(w->property("pointsText").toString().toStdString());
    return {};
}

QWidget* ParamPanel::control(const std::string& id) const
{
    auto it = m_controls.find(id);
    return it == m_controls.end() ? nullptr : it->second;
}

RangeNote* ParamPanel::rangeNote(const std::string& id) const
{
    auto it = m_notes.find(id);
    return it == m_notes.end() ? nullptr : it->second;
}

void ParamPanel::edited(const std::string& id, const reglab::ParamValue& v)
{
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const auto& p) { return p.first == id; });
    if (it != m_pending.end())
        it->second = v;
    else
        m_pending.emplace_back(id, v);
    m_debounce->start(); // restarts: one send after the burst
    updateEnabled();     // SGD chosen: momentum is usable now, not after the debounce
}

void ParamPanel::flush()
{
    m_debounce->stop();
    if (m_pending.empty())
        return;
    Changes changes;
    changes.swap(m_pending);
    emit valuesEdited(changes);
}
