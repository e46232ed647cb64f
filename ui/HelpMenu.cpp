#include "HelpMenu.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>

#include <algorithm>
#include <vector>

HelpMenu::HelpMenu(QMainWindow* window) : QObject(window), m_window(window)
{
    QMenu* menu = window->menuBar()->addMenu(tr("&Help"));
    m_shortcuts = menu->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), shortcutsHtml(), QMessageBox::Close, m_window);
        box.setTextFormat(Qt::RichText);
        box.exec();
    });
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    m_shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    m_about = menu->addAction(tr("&About RegLab"), this, [this] {
        QMessageBox::about(m_window, tr("About RegLab"), aboutHtml());
    });
    m_about->setObjectName(QStringLiteral("aboutAction"));
}

QString HelpMenu::shortcutsHtml() const
{
    struct Row {
        QString keys, what;
    };
    std::vector<Row> rows;
    QSet<QString> seen;
    for (QAction* a : m_window->findChildren<QAction*>()) {
        const QList<QKeySequence> keys = a->shortcuts();
        if (keys.isEmpty() || a->text().isEmpty())
            continue;
        QStringList shown;
        for (const QKeySequence& k : keys)
            shown << k.toString(QKeySequence::NativeText).toHtmlEscaped();
        const QString what = QString(a->text()).remove(QLatin1Char('&')).remove(QStringLiteral("...")).toHtmlEscaped();
        if (seen.contains(shown.join(QString()) + what))
            continue;
        seen.insert(shown.join(QString()) + what);
        rows.push_back({shown.join(QStringLiteral(", ")), what});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.what < b.what; });
    QString html = QStringLiteral("<table cellspacing=6>");
    for (const Row& r : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(r.keys, r.what);
    html += QStringLiteral("</table><p>Enter or Escape in a field gives the keys back to the window.<br>"
                           "On a chart: drag to zoom, double-click to reset, right-click for its menu.</p>");
    return html;
}

QString HelpMenu::aboutHtml()
{
    return tr("<h3>RegLab %1</h3>"
              "<p>A laboratory for regularization in deep learning: switch regularizers on and off while a "
              "network trains and watch what they do, beside a twin run.</p>"
              "<p>Copyright the RegLab authors. RegLab is free software under the GNU General Public License, "
              "version 3 or (at your option) any later version (GPL-3.0-or-later); it comes with no warranty. "
              "It uses Qt %2 (GPL-3.0 for Qt Charts) and Eigen (MPL-2.0).</p>"
              "<p>The 8x8 digits are the UCI \"Optical Recognition of Handwritten Digits\" test set by "
              "E. Alpaydin and C. Kaynak (1998), under CC BY 4.0, https://doi.org/10.24432/C50P49.</p>"
              "<p>The escape maps are from Starr et al. (2021), Science 371:850, through the Bloom lab's "
              "SARS2_RBD_Ab_escape_maps (GPL-3.0); the sites' solvent accessibility is from the Bloom lab's "
              "SARS-CoV-2-RBD_DMS (BSD-3-Clause, Copyright (c) 2020 Tyler N. Starr, Allison J. Greaney and "
              "Jesse D. Bloom).</p>")
        .arg(QApplication::applicationVersion().isEmpty() ? QStringLiteral(REGLAB_VERSION_TEXT)
                                                           : QApplication::applicationVersion(),
             QString::fromLatin1(qVersion()));
}
