#include "lessons/LessonPanel.h"

#include "lessons/LessonLibrary.h"
#include "run/Json.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent)
{
    m_picker = new QComboBox(this);
    // As wide as the dock, not as the longest title (that held the window at 1300 px).
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_picker->setMinimumContentsLength(8);
    for (const reglab::Lesson& l : reglab::LessonLibrary::instance().lessons())
        m_picker->addItem(QStringLiteral("%1  %2").arg(QString::fromStdString(l.id), QString::fromStdString(l.title)),
                          QString::fromStdString(l.id));
    auto* open = new QPushButton(tr("Open"), this);
    open->setToolTip(tr("Set up the lesson: its preset, its twin and its scheduled changes. Press Play to run it."));
    connect(open, &QPushButton::clicked, this, [this] { emit openRequested(m_picker->currentData().toString()); });
    m_text = new QTextBrowser(this);
    m_text->setOpenLinks(false);
    m_frontier = new QPushButton(tr("Draw the frontier..."), this);
    m_frontier->setObjectName(QStringLiteral("frontierButton"));
    m_frontier->setToolTip(tr("Sweep the lesson's parameter for each of its curves and chart one final metric against "
                              "the other, with the frontier claim's verdict (the trainings run beside this one)"));
    m_frontier->hide();
    connect(m_frontier, &QPushButton::clicked, this, &LessonPanel::frontierRequested);
    auto* row = new QHBoxLayout;
    row->addWidget(m_picker, 1);
    row->addWidget(open);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(row);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_frontier);
    render();
}

void LessonPanel::showLesson(const reglab::Lesson* lesson)
{
    m_lesson.reset();
    if (lesson)
        m_lesson = *lesson;
    m_verdictHtml.clear();
    if (lesson) {
        const int i = m_picker->findData(QString::fromStdString(lesson->id));
        if (i >= 0)
            m_picker->setCurrentIndex(i);
    }
    render();
}

void LessonPanel::showVerdict(const std::string& verdictJson)
{
    std::string error;
    const auto v = reglab::Json::parse(verdictJson, &error);
    if (!v || !v->isObject())
        return;
    const bool holds = v->find("holds") && v->find("holds")->toBool();
    QString html = QStringLiteral("<h3 style='color:%1'>%2</h3><ul>")
                       .arg(holds ? QStringLiteral("#1a7f37") : QStringLiteral("#b42318"),
                            holds ? tr("The claim held") : tr("The claim did not hold on this run"));
    if (const reglab::Json* checks = v->find("checks"))
        for (const reglab::Json& c : checks->items()) {
            auto num = [&](const char* key) {
                const reglab::Json* n = c.find(key);
                return n && n->isNumber() ? QString::number(n->toNumber(), 'g', 4) : QStringLiteral("n/a");
            };
            html += QStringLiteral("<li>%1 %2: %3 %4 %5</li>")
                        .arg(c.find("holds") && c.find("holds")->toBool() ? QStringLiteral("&#10003;") : QStringLiteral("&#10007;"),
                             QString::fromStdString(c.find("against") ? c.find("against")->toString() : std::string()).toHtmlEscaped(),
                             num("value"), QString::fromStdString(c.find("op") ? c.find("op")->toString() : std::string()).toHtmlEscaped(),
                             num("other"));
        }
    html += QStringLiteral("</ul>");
    m_verdictHtml = html;
    render();
}

QString LessonPanel::text() const { return m_text->toPlainText(); }

void LessonPanel::render()
{
    m_frontier->setVisible(m_lesson && m_lesson->frontier);
    if (!m_lesson) {
        m_text->setHtml(tr("<p>Each lesson is a claim about regularization from the textbooks, set up so you can "
                           "watch it happen: a run and its twin, the same network with one switch changed, side by "
                           "side. Pick one above and press <b>Open</b>, then <b>Play</b>.</p><p>When the run reaches "
                           "its last step, this panel says whether the claim held, with the numbers compared.</p>"));
        return;
    }
    const reglab::Lesson& l = *m_lesson;
    auto esc = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); };
    // The verdict, once there is one, comes first: it is what the class waits for.
    QString html = QStringLiteral("<h2>%1 %2</h2>").arg(esc(l.id), esc(l.title)) + m_verdictHtml
        + QStringLiteral("<p>%1</p>").arg(esc(l.text));
    const reglab::RunPlan plan = l.plan();
    if (l.hasTwin())
        html += tr("<p><b>Twin</b> (dashed curves): %1</p>").arg(esc(plan.twinLabel()));
    if (!l.at.empty() || !l.twinAt.empty()) {
        html += tr("<p><b>Scheduled changes</b></p><ul>");
        for (const reglab::ParamChange& c : l.at)
            html += tr("<li>after step %1: %2 = %3</li>").arg(c.step).arg(esc(c.param), esc(c.value));
        for (const reglab::ParamChange& c : l.twinAt)
            html += tr("<li>twin, after step %1: %2 = %3</li>").arg(c.step).arg(esc(c.param), esc(c.value));
        html += QStringLiteral("</ul>");
    }
    html += tr("<p><b>Claim</b>: %1 (judged at step %2 of seed %3).</p>").arg(esc(l.claim.text)).arg(l.steps).arg(l.seed);
    if (m_verdictHtml.isEmpty())
        html += tr("<p><i>The verdict appears above when the run reaches step %1.</i></p>").arg(l.steps);
    if (const auto& f = l.frontier) {
        QStringList curves;
        for (const std::string& c : f->curves)
            curves << esc(c);
        html += tr("<p><b>Frontier</b>: %1. <i>Draw the frontier</i> sweeps %2 over %3 for %4 = %5 (%6 seeds each) "
                   "and charts final %7 against %8.</p>")
                    .arg(esc(f->text), esc(f->param), esc(f->values), esc(f->by), curves.join(QStringLiteral(", ")))
                    .arg(f->seeds)
                    .arg(esc(f->y), esc(f->x));
    }
    m_text->setHtml(html);
}
