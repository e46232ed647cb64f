#include "panels/PathParamControl.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

PathParamControl::PathParamControl(QWidget* parent) : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("no file"));
    m_edit->setClearButtonEnabled(true);
    m_browse = new QPushButton(tr("Browse..."), this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_browse);
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        const QString p = path();
        if (p != m_last) {
            m_last = p;
            emit pathEdited(p);
        }
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString start = path().isEmpty() ? QString() : QFileInfo(path()).absolutePath();
        const QString chosen = QFileDialog::getOpenFileName(this, tr("Choose a file"), start,
                                                            tr("CSV files (*.csv);;All files (*)"));
        if (chosen.isEmpty())
            return;
        m_edit->setText(chosen);
        m_last = chosen;
        emit pathEdited(chosen);
    });
}

QString PathParamControl::path() const { return m_edit->text().trimmed(); }

void PathParamControl::setPath(const QString& path)
{
    const QSignalBlocker block(m_edit);
    m_edit->setText(path);
    m_last = path;
}
