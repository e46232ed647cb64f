#pragma once
// A file path parameter (ParamType::Path): the path in a line edit plus "Browse...".
// Empty means "no file".
#include <QWidget>

class QLineEdit;
class QPushButton;

class PathParamControl : public QWidget {
    Q_OBJECT
public:
    explicit PathParamControl(QWidget* parent = nullptr);
    QString path() const;
    // Sets without emitting pathEdited.
    void setPath(const QString& path);
    QLineEdit* lineEdit() const { return m_edit; }

signals:
    void pathEdited(const QString& path);

private:
    QLineEdit* m_edit = nullptr;
    QPushButton* m_browse = nullptr;
    QString m_last; // what was last reported, so editingFinished without a change is quiet
};
