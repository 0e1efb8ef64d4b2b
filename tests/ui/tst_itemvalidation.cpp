// SPDX-License-Identifier: GPL-3.0-or-later
// The dialogs word the workspace validator's problems with their own labels, not the file's field names.
#include "dialogs/itemvalidation.h"
#include "examples.h"
#include "workspacefile.h"

#include <QLabel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

class TestItemValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void problemsUseTheDialogsLabels()
    {
        const WorkspaceReadResult demo = WorkspaceFile::read(Examples::demoWorkspacePath());
        QVERIFY(demo.workspace);
        Workspace w = *demo.workspace;
        QVERIFY(ItemValidation::firstProblemAt(w, u"/proxies/0"_s).isEmpty());

        w.proxies[0].inbound.scopes = {u"orders:read"_s, u"bad\"scope"_s};
        QLabel scopes(u"&Scopes:"_s);
        QCOMPARE(ItemValidation::labelText(&scopes), u"Scopes"_s);
        const QString worded = ItemValidation::firstProblemAt(
            w, u"/proxies/0"_s, {{u"inboundAuth"_s, u"Inbound auth"_s}, {u"inboundAuth/scopes"_s, u"Scopes"_s}});
        QVERIFY2(worded.startsWith(u"Scopes (item 2): "_s), qPrintable(worded));
        // Without a label the path in the file stays, so that nothing is lost.
        QVERIFY(ItemValidation::firstProblemAt(w, u"/proxies/0"_s).startsWith(u"inboundAuth/scopes/1: "_s));

        w.projects[0].integrations[0].path = u"no-slash"_s;
        const QString path =
            ItemValidation::firstProblemAt(w, u"/projects/0"_s, {{u"integrations"_s, u"Integrations"_s}});
        QVERIFY2(path.startsWith(u"Integrations (row 1, path): "_s), qPrintable(path));
    }
};

QTEST_MAIN(TestItemValidation)
#include "tst_itemvalidation.moc"
