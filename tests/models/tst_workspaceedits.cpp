// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossreferences.h"
#include "examples.h"
#include "workspaceedits.h"
#include "workspacefile.h"
#include "workspacevalidator.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace gw {

class TestWorkspaceEdits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void editsKeepTheDemoValid_data();
    void editsKeepTheDemoValid();

private:
    Workspace m_demo;
};

void TestWorkspaceEdits::initTestCase()
{
    const WorkspaceReadResult result = WorkspaceFile::read(Examples::demoWorkspacePath());
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    m_demo = *result.workspace;
    QVERIFY(WorkspaceValidator::validate(m_demo).isEmpty());
}

void TestWorkspaceEdits::editsKeepTheDemoValid_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("expected");

    QTest::newRow("delete a used alias: its proxies lose outbound auth")
        << u"removeAlias io-orders-basic"_s << u"outbound OrdersStatus"_s << u"none"_s;
    QTest::newRow("delete a technical user: its alias goes too")
        << u"removeTechnicalUser svc-customers"_s << u"alias io-customers-basic"_s << u"missing"_s;
    QTest::newRow("delete a technical user: proxies lose outbound auth")
        << u"removeTechnicalUser svc-customers"_s << u"outbound CustomersLookup"_s << u"none"_s;
    QTest::newRow("delete a project: its proxies go too")
        << u"removeProject Orders"_s << u"proxy OrdersCreate"_s << u"missing"_s;
    QTest::newRow("delete a project: users lose access")
        << u"removeProject Orders"_s << u"projects svc-gateway-shared"_s << u"Customers,Invoicing"_s;
    QTest::newRow("rename an alias: proxies follow")
        << u"renameAlias io-orders-basic io-orders-v2"_s << u"outbound OrdersCreate"_s << u"io-orders-v2"_s;
    QTest::newRow("rename a technical user: aliases follow")
        << u"renameTechnicalUser svc-orders svc-orders-2"_s << u"user io-orders-basic"_s << u"svc-orders-2"_s;
    QTest::newRow("rename a project: proxies follow")
        << u"renameProject Orders Sales"_s << u"project OrdersList"_s << u"Sales"_s;
    QTest::newRow("rename a project: users follow")
        << u"renameProject Orders Sales"_s << u"projects svc-orders"_s << u"Sales"_s;
}

void TestWorkspaceEdits::editsKeepTheDemoValid()
{
    QFETCH(QString, edit);
    QFETCH(QString, check);
    QFETCH(QString, expected);
    const QStringList e = edit.split(u' ');
    Workspace w;
    if (e[0] == u"removeAlias"_s) {
        w = WorkspaceEdits::removeAlias(m_demo, e[1]);
    } else if (e[0] == u"removeTechnicalUser"_s) {
        w = WorkspaceEdits::removeTechnicalUser(m_demo, e[1]);
    } else if (e[0] == u"removeProject"_s) {
        w = WorkspaceEdits::removeProject(m_demo, e[1]);
    } else if (e[0] == u"renameAlias"_s) {
        const qsizetype row = std::find_if(m_demo.aliases.cbegin(), m_demo.aliases.cend(),
                                           [&](const Alias &a) { return a.name == e[1]; }) -
                              m_demo.aliases.cbegin();
        Alias alias = m_demo.aliases.at(row);
        alias.name = e[2];
        w = WorkspaceEdits::putAlias(m_demo, row, alias);
    } else if (e[0] == u"renameTechnicalUser"_s) {
        const qsizetype row = std::find_if(m_demo.technicalUsers.cbegin(), m_demo.technicalUsers.cend(),
                                           [&](const TechnicalUser &u) { return u.name == e[1]; }) -
                              m_demo.technicalUsers.cbegin();
        TechnicalUser user = m_demo.technicalUsers.at(row);
        user.name = e[2];
        w = WorkspaceEdits::putTechnicalUser(m_demo, row, user);
    } else {
        const qsizetype row = std::find_if(m_demo.projects.cbegin(), m_demo.projects.cend(),
                                           [&](const IoProject &p) { return p.name == e[1]; }) -
                              m_demo.projects.cbegin();
        IoProject project = m_demo.projects.at(row);
        project.name = e[2];
        w = WorkspaceEdits::putProject(m_demo, row, project);
    }
    QCOMPARE(WorkspaceError::join(WorkspaceValidator::validate(w)), QString());

    const QStringList c = check.split(u' ');
    QString actual = u"missing"_s;
    if (c[0] == u"outbound"_s || c[0] == u"proxy"_s || c[0] == u"project"_s) {
        for (const GatewayProxy &p : w.proxies) {
            if (p.name != c[1])
                continue;
            if (c[0] == u"outbound"_s)
                actual = p.outbound.kind == OutboundAuth::Kind::None ? u"none"_s : p.outbound.alias;
            else if (c[0] == u"project"_s)
                actual = p.project;
            else
                actual = u"present"_s;
        }
    } else if (c[0] == u"alias"_s || c[0] == u"user"_s) {
        if (const Alias *a = w.alias(c[1]))
            actual = c[0] == u"user"_s ? a->technicalUser : u"present"_s;
    } else if (c[0] == u"projects"_s) {
        if (const TechnicalUser *u = w.technicalUser(c[1]))
            actual = u->projects.join(u',');
    }
    QCOMPARE(actual, expected);
}

} // namespace gw

QTEST_GUILESS_MAIN(gw::TestWorkspaceEdits)
#include "tst_workspaceedits.moc"
