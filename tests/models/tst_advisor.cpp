// SPDX-License-Identifier: GPL-3.0-or-later
// The technical-user advisor on workspaces built for each question: the demo (mixed mapping, a native
// 401, excess and mixed-sensitivity roles, a per-API split), all-internal projects (shared wins), many
// sensitive projects (by sensitivity wins), one project, a missing role, an alias of an unknown user,
// anonymous and protected APIs in one project; figures, reasons, the strategies applied and the live
// comparison.
#include "advisor.h"
#include "examples.h"
#include "syncformat.h"
#include "workspacefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gw;
using namespace Qt::StringLiterals;
using Kind = Advisor::StrategyOption::Kind;

namespace {

Workspace demo()
{
    const WorkspaceReadResult read = WorkspaceFile::read(Examples::demoWorkspacePath());
    return *read.workspace;
}

/// `projects` as "Name:sensitivity", one proxy per project, all behind one shared user.
Workspace sharedWorkspace(const QStringList &projects)
{
    Workspace w;
    w.name = u"t"_s;
    w.environments = {Environment{}};
    w.environments[0].name = u"dev"_s;
    TechnicalUser shared{u"svc-all"_s, {}, {}};
    Alias alias;
    alias.name = u"io-all-basic"_s;
    alias.technicalUser = shared.name;
    alias.password.key = u"alias/io-all-basic"_s;
    for (const QString &spec : projects) {
        IoProject project;
        project.name = spec.section(u':', 0, 0);
        project.sensitivity = spec.section(u':', 1);
        project.integrations = {
            Integration{u"run"_s + project.name, Integration::Kind::FlowService,
                        u"/integration/rest/external/integration/run/development/run"_s + project.name}};
        w.projects << project;
        shared.projects << project.name;
        GatewayProxy proxy;
        proxy.name = project.name + u"Api"_s;
        proxy.project = project.name;
        proxy.integration = u"run"_s + project.name;
        proxy.outbound.alias = alias.name;
        w.proxies << proxy;
    }
    w.technicalUsers = {shared};
    w.aliases = {alias};
    return w;
}

QStringList problemCodes(const Advisor::Analysis &analysis)
{
    QStringList codes;
    for (const Advisor::Problem &p : analysis.problems)
        codes << p.code() + u' ' + (p.proxy.isEmpty() ? (p.user.isEmpty() ? p.project : p.user) : p.proxy);
    return codes;
}

} // namespace

class TestAdvisor : public QObject
{
    Q_OBJECT
private slots:
    void demoBlastRadius()
    {
        const Advisor::Analysis a = Advisor::analyze(demo(), u"sandbox"_s);
        const Advisor::UserExposure *shared = a.user(u"svc-gateway-shared"_s);
        QVERIFY(shared);
        QCOMPARE(shared->projects, (QStringList{u"Orders"_s, u"Customers"_s, u"Invoicing"_s}));
        QCOMPARE(shared->integrations.size(), 7); // cancelInvoice has no proxy, but a leak reaches it
        QCOMPARE(shared->proxiesReached.size(), 6);
        QCOMPARE(shared->proxiesUsing, QStringList{u"OrdersList/1.0"_s});
        QCOMPARE(shared->excessProjects, (QStringList{u"Customers"_s, u"Invoicing"_s}));
        QCOMPARE(shared->sensitivities, (QStringList{u"internal"_s, u"confidential"_s, u"restricted"_s}));
        QCOMPARE(shared->leakWeight, 4 + 8 + 2);
        QVERIFY2(shared->leakText.contains(u"3 projects"_s), qPrintable(shared->leakText));
        QVERIFY(shared->leakText.contains(u"confidential or restricted: Orders and Customers"_s));
        const Advisor::UserExposure *orders = a.user(u"svc-orders"_s);
        QCOMPARE(orders->proxiesUsing, (QStringList{u"OrdersCreate/1.0"_s, u"OrdersStatus/1.0"_s}));
        QVERIFY(orders->lockOutText.contains(u"OrdersCreate/1.0 and OrdersStatus/1.0"_s));
        QVERIFY(orders->attributionText.contains(u"one of 2 proxies"_s));
        QVERIFY(a.user(u"svc-invoicing"_s)->proxiesUsing.isEmpty());
    }

    void demoProblemsAndRecommendation()
    {
        const Advisor::Analysis a = Advisor::analyze(demo(), u"sandbox"_s);
        QCOMPARE(problemCodes(a),
                 (QStringList{u"no-outbound-auth InvoicesIssue/1.0"_s, u"excess-privilege svc-gateway-shared"_s,
                              u"mixed-sensitivity svc-gateway-shared"_s, u"excess-privilege svc-invoicing"_s,
                              u"project-split svc-orders"_s}));
        const Advisor::Problem &split = a.problems.last();
        QCOMPARE(split.project, u"Orders"_s);
        QVERIFY(split.fix.contains(u"splitting the project"_s));
        QVERIFY(a.problems.first().fix.contains(u"io-invoicing-basic"_s));
        QVERIFY(a.hasProblems());

        QCOMPARE(a.recommendation.strategy, Kind::PerProject);
        QVERIFY(!a.recommendation.currentMatches);
        const QString reasons = a.recommendation.reasons.join(u'\n');
        QVERIFY2(reasons.contains(u"A leak of svc-gateway-shared, the shared user, would reach 3 projects, 2 of them "
                                  u"confidential or restricted (Orders and Customers); per project it reaches 1 "
                                  u"project."_s),
                 qPrintable(reasons));
        QVERIFY(reasons.contains(u"stops all 6 proxies at once; per project it stops at most 3"_s));
        QVERIFY(reasons.contains(u"InvoicesIssue/1.0"_s));

        const Advisor::Figures &current = a.strategy(Kind::Current)->figures;
        QCOMPARE(current.users, 4);
        QCOMPARE(current.unboundProxies, 1);
        QCOMPARE(current.mixedSensitivityUsers, 1);
        const Advisor::Figures &shared = a.strategy(Kind::Shared)->figures;
        QCOMPARE(shared.users, 1);
        QCOMPARE(shared.newUsers, 0); // svc-gateway-shared already grants exactly the three projects
        QCOMPARE(shared.worstLockOutProxies, 6);
        QCOMPARE(shared.logIdentities, 1);
        const Advisor::Figures &perProject = a.strategy(Kind::PerProject)->figures;
        QCOMPARE(perProject.users, 3);
        QCOMPARE(perProject.worstLeakProjects, 1);
        QCOMPARE(perProject.worstLockOutProxies, 3);
        QCOMPARE(perProject.keychainSecrets, 3);
        QVERIFY(qAbs(perProject.rotationsPerYear - 3 * 365.0 / 90) < 1e-9);

        const QJsonObject json = a.toJson();
        QCOMPARE(json.value(u"recommendation").toObject().value(u"strategy").toString(), u"perProject"_s);
        QCOMPARE(json.value(u"users").toArray().size(), 4);
        QCOMPARE(json.value(u"ok").toBool(), false);
    }

    void recommendation_data()
    {
        QTest::addColumn<QStringList>("projects");
        QTest::addColumn<int>("strategy");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("currentMatches");
        QTest::newRow("all internal: shared")
            << QStringList{u"A:internal"_s, u"B:public"_s, u"C:internal"_s} << int(Kind::Shared)
            << u"None of the 3 projects behind the proxies is confidential or restricted"_s << true;
        QTest::newRow("one project: shared")
            << QStringList{u"A:restricted"_s} << int(Kind::Shared) << u"Only one project sits behind"_s << true;
        QTest::newRow("unset counts as internal")
            << QStringList{u"A"_s, u"B"_s} << int(Kind::Shared) << u"counted as internal"_s << true;
        QTest::newRow("a confidential project: per project")
            << QStringList{u"A:internal"_s, u"B:confidential"_s} << int(Kind::PerProject)
            << u"A leak of svc-all, the shared user, would reach 2 projects, 1 of them confidential or restricted (B)"_s
            << false;
        QStringList many;
        for (int i = 0; i < 14; ++i)
            many << u"P%1:%2"_s.arg(i).arg(i % 2 ? u"confidential"_s : u"internal"_s);
        QTest::newRow("14 projects: by sensitivity")
            << many << int(Kind::BySensitivity) << u"per project would mean 14 users"_s << false;
    }
    void recommendation()
    {
        QFETCH(QStringList, projects);
        QFETCH(int, strategy);
        QFETCH(QString, reason);
        QFETCH(bool, currentMatches);
        const Advisor::Analysis a = Advisor::analyze(sharedWorkspace(projects), u"dev"_s);
        QCOMPARE(int(a.recommendation.strategy), strategy);
        QCOMPARE(a.recommendation.currentMatches, currentMatches);
        const QString reasons = a.recommendation.reasons.join(u'\n');
        QVERIFY2(reasons.contains(reason), qPrintable(reasons));
    }

    void sharedUserToCreateIsNotNamedAsALeak()
    {
        const Workspace perProject =
            Advisor::applyStrategy(sharedWorkspace({u"A:internal"_s, u"B:confidential"_s}), {Kind::PerProject, true})
                .workspace;
        const Advisor::Analysis a = Advisor::analyze(perProject, u"dev"_s);
        QVERIFY(a.recommendation.currentMatches);
        QVERIFY(a.strategy(Kind::Shared)->assignments.constFirst().newUser);
        QVERIFY2(
            a.recommendation.reasons.constFirst().startsWith(u"A leak of one shared user would reach 2 projects"_s),
            qPrintable(a.recommendation.reasons.constFirst()));
    }

    void rotationInterval()
    {
        Advisor::Options options;
        options.rotationIntervalDays = 30;
        const Advisor::Analysis a = Advisor::analyze(demo(), u"sandbox"_s, options);
        QVERIFY(qAbs(a.strategy(Kind::Current)->figures.rotationsPerYear - 4 * 365.0 / 30) < 1e-9);
        QVERIFY(a.toText().contains(u"every 30 days"_s));
    }

    void missingRoleAndUnknownUser()
    {
        Workspace w = sharedWorkspace({u"A:internal"_s, u"B:internal"_s});
        w.technicalUsers[0].projects = {u"A"_s};
        Alias stray;
        stray.name = u"io-stray-basic"_s;
        stray.technicalUser = u"svc-nobody"_s;
        w.aliases << stray;
        const Advisor::Analysis a = Advisor::analyze(w, u"dev"_s);
        QCOMPARE(problemCodes(a), (QStringList{u"missing-role BApi/1.0"_s, u"unknown-user svc-nobody"_s}));
        QVERIFY(a.problems.first().breaksCalls());
        QVERIFY(a.problems.first().message.contains(u"the call answers 401"_s));
        QCOMPARE(a.user(u"svc-all"_s)->missingProjects, QStringList{u"B"_s});
        QVERIFY(!a.user(u"svc-nobody"_s)->known);
    }

    void anonymousBesideProtectedIsASplit()
    {
        Workspace w = sharedWorkspace({u"A:internal"_s});
        GatewayProxy open = w.proxies.first();
        open.name = u"AOpen"_s;
        open.inbound.kind = InboundAuth::Kind::None;
        w.proxies << open;
        const Advisor::Analysis a = Advisor::analyze(w, u"dev"_s);
        QCOMPARE(problemCodes(a), QStringList{u"project-split A"_s});
        QVERIFY(a.problems.first().message.contains(u"AOpen/1.0 of A take calls without a token"_s));
    }

    void applyPerProjectOnDemo()
    {
        const Workspace before = demo();
        const Advisor::StrategyChange change = Advisor::applyStrategy(before, {Kind::PerProject, true});
        QVERIFY(change.changed);
        const Workspace &w = change.workspace;
        QCOMPARE(w.credentialStrategy, CredentialStrategy::PerProject);
        QCOMPARE(w.proxy(u"OrdersList"_s, u"1.0"_s)->outbound.alias, u"io-orders-basic"_s);
        QCOMPARE(w.proxy(u"InvoicesIssue"_s, u"1.0"_s)->outbound.kind, OutboundAuth::Kind::Alias);
        QCOMPARE(w.proxy(u"InvoicesIssue"_s, u"1.0"_s)->outbound.alias, u"io-invoicing-basic"_s);
        QVERIFY(!w.technicalUser(u"svc-gateway-shared"_s));
        QVERIFY(!w.alias(u"io-shared-basic"_s));
        QVERIFY(w.alias(u"io-tenant-url"_s)); // not a credential alias: untouched
        QVERIFY(change.tenantSteps.join(u'\n').contains(u"Deactivate or delete user svc-gateway-shared"_s));
        QVERIFY(change.toText().contains(u"[ ] "_s));

        const Advisor::Analysis after = Advisor::analyze(w, u"sandbox"_s);
        QVERIFY2(after.problems.isEmpty(), qPrintable(problemCodes(after).join(u", ")));
        QVERIFY(after.recommendation.currentMatches);
        QVERIFY(!Advisor::applyStrategy(w, {Kind::PerProject, true}).changed);
    }

    void applyCreatesUsersAndAliasesWithoutPasswords()
    {
        const Workspace before = sharedWorkspace({u"Order Mgmt:confidential"_s, u"B:internal"_s});
        const Advisor::StrategyChange change = Advisor::applyStrategy(before, {Kind::PerProject, true});
        const Workspace &w = change.workspace;
        QVERIFY(w.technicalUser(u"svc-order-mgmt"_s));
        QCOMPARE(w.technicalUser(u"svc-order-mgmt"_s)->projects, QStringList{u"Order Mgmt"_s});
        const Alias *alias = w.alias(u"io-order-mgmt-basic"_s);
        QVERIFY(alias);
        QCOMPARE(alias->technicalUser, u"svc-order-mgmt"_s);
        QCOMPARE(alias->password.key, u"alias/io-order-mgmt-basic"_s);
        QCOMPARE(change.secretsToSet, (QStringList{u"alias/io-order-mgmt-basic"_s, u"alias/io-b-basic"_s}));
        QVERIFY(!w.technicalUser(u"svc-all"_s));
        QVERIFY(change.tenantSteps.join(u'\n').contains(u"Create a role for svc-b with execute (and read) on B"_s));
        // A keychain reference, never a value: the file holds only "keychain:" references.
        const QByteArray file = WorkspaceFile::toJson(w);
        QVERIFY(file.contains("\"passwordRef\": \"keychain:alias/io-b-basic\""));

        const Advisor::StrategyChange keep = Advisor::applyStrategy(before, {Kind::PerProject, false});
        QVERIFY(keep.workspace.technicalUser(u"svc-all"_s));
    }

    void applySharedReusesTheUserThatFits()
    {
        const Advisor::StrategyChange change = Advisor::applyStrategy(demo(), {Kind::Shared, true});
        for (const GatewayProxy &proxy : change.workspace.proxies)
            QCOMPARE(proxy.outbound.alias, u"io-shared-basic"_s);
        QCOMPARE(change.workspace.technicalUsers.size(), 1);
        QCOMPARE(change.workspace.credentialStrategy, CredentialStrategy::Shared);
        QVERIFY(change.secretsToSet.isEmpty());
    }

    void bySensitivityGroups()
    {
        const Advisor::StrategyOption option = Advisor::strategyOption(
            sharedWorkspace({u"A:internal"_s, u"B:restricted"_s, u"C:internal"_s}), Kind::BySensitivity);
        QCOMPARE(option.assignments.size(), 2);
        QCOMPARE(option.assignments.at(0).user, u"svc-gateway-internal"_s);
        QCOMPARE(option.assignments.at(0).projects, (QStringList{u"A"_s, u"C"_s}));
        QCOMPARE(option.assignments.at(1).alias, u"io-restricted-basic"_s);
        QCOMPARE(option.figures.mixedSensitivityUsers, 0);
    }

    void liveComparison_data()
    {
        QTest::addColumn<QStringList>("actual");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("missing");
        QTest::addColumn<QStringList>("excess");
        QTest::newRow("exact") << QStringList{u"Orders"_s} << u"matches"_s << QStringList{} << QStringList{};
        QTest::newRow("missing role") << QStringList{} << u"mismatch"_s << QStringList{u"Orders"_s} << QStringList{};
        QTest::newRow("excess role") << QStringList{u"Orders"_s, u"Customers"_s} << u"mismatch"_s << QStringList{}
                                     << QStringList{u"Customers"_s};
    }
    void liveComparison()
    {
        QFETCH(QStringList, actual);
        QFETCH(QString, status);
        QFETCH(QStringList, missing);
        QFETCH(QStringList, excess);
        const Advisor::Analysis a = Advisor::analyze(demo(), u"sandbox"_s);
        const Advisor::LiveAccess live = Advisor::compareAccess(*a.user(u"svc-orders"_s), actual);
        QCOMPARE(live.code(), status);
        QCOMPARE(live.missing, missing);
        QCOMPARE(live.excess, excess);
        if (!missing.isEmpty())
            QVERIFY(live.message.contains(u"those calls answer 401"_s));
        if (!excess.isEmpty())
            QVERIFY(live.message.contains(u"larger than planned"_s));
    }

    void hostileNamesDoNotBreakTheAnalysis()
    {
        Workspace w = sharedWorkspace({u"A:internal"_s});
        w.proxies[0].project = u"nowhere"_s;
        w.proxies[0].outbound.alias = u"missing"_s;
        w.projects[0].sensitivity = u"TOP SECRET"_s;
        const Advisor::Analysis a = Advisor::analyze(w, u"dev"_s);
        QVERIFY(problemCodes(a).contains(u"unknown-alias nowhere"_s) || problemCodes(a).contains(u"unknown-alias "
                                                                                                 u"AApi/1.0"_s));
        const Advisor::StrategyChange change = Advisor::applyStrategy(w, {Kind::PerProject, true});
        QVERIFY(change.toText().contains(u"left as it is"_s));
    }
};

QTEST_GUILESS_MAIN(TestAdvisor)
#include "tst_advisor.moc"
