#include "panels/CollapsibleGroup.h"

#include <QFrame>
#include <QToolButton>
#include <QVBoxLayout>

CollapsibleGroup::CollapsibleGroup(const QString& title, QWidget* parent) : QWidget(parent)
{
    m_header = new QToolButton(this);
    m_header->setObjectName(QStringLiteral("groupHeader"));
    m_header->setText(title);
    m_header->setCheckable(true);
    m_header->setChecked(true); // checked: open
    m_header->setAutoRaise(true);
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setArrowType(Qt::DownArrow);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_header->setToolTip(tr("Click to fold or unfold %1").arg(title));
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    m_body = frame;
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(m_header);
    column->addWidget(m_body);
    connect(m_header, &QToolButton::toggled, this, [this](bool open) {
        m_header->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_body->setVisible(open);
        emit collapsedChanged(!open);
    });
}

QString CollapsibleGroup::title() const { return m_header->text(); }

bool CollapsibleGroup::isCollapsed() const { return !m_header->isChecked(); }

void CollapsibleGroup::setCollapsed(bool collapsed) { m_header->setChecked(!collapsed); }
