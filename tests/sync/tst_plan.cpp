// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan.h"
#include "syncformat.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTest>

using namespace gw;

Q_DECLARE_METATYPE(gw::Workspace)
Q_DECLARE_METATYPE(gw::ObservedState)
Q_DECLARE_METATYPE(gw::PlanOptions)

namespace {

Environment sandboxEnvironment()
{
    Environment environment;
    environment.name = QStringLiteral("sandbox");
    environment.gatewayUrl = QStringLiteral("http://127.0.0.1:5555");
    environment.ioTenantUrl = QStringLiteral("http://127.0.0.1:5556/");
    return environment;
}

Alias basicAlias(const QString &name, const QString &user)
{
    Alias alias;
    alias.name = name;
    alias.technicalUser = user;
    alias.password = SecretRef{QStringLiteral("alias/") + name};
    return alias;
}

GatewayProxy proxy(const QString &name, const QString &alias, const QStringList &scopes = {QStringLiteral("a:read")})
{
    GatewayProxy p;
    p.name = name;
    p.project = QStringLiteral("Orders");
    p.integration = name;
    p.inbound.scopes = scopes;
    p.outbound.alias = alias;
    p.outbound.kind = alias.isEmpty() ? OutboundAuth::Kind::None : OutboundAuth::Kind::Alias;
    return p;
}

Workspace workspace(const QList<Alias> &aliases, const QList<GatewayProxy> &proxies)
{
    Workspace w;
    w.name = QStringLiteral("test");
    w.environments << sandboxEnvironment();
    IoProject orders{QStringLiteral("Orders"), QStringLiteral("fl-1"), QStringLiteral("internal"), {}};
    for (const GatewayProxy &p : proxies)
        orders.integrations << Integration{p.integration, Integration::Kind::FlowService,
                                           QStringLiteral("/run/") + p.integration};
    w.projects << orders;
    w.aliases = aliases;
    w.proxies = proxies;
    return w;
}

/// What a pull of a gateway configured exactly like `w` would observe.
ObservedState observedFrom(const Workspace &w)
{
    ObservedState state;
    state.environment = QStringLiteral("sandbox");
    int id = 0;
    for (const Alias &alias : w.aliases) {
        ObservedAlias observed;
        observed.id = QStringLiteral("alias-%1").arg(++id);
        observed.gatewayType = SyncFormat::aliasTypeGatewayName(alias.type);
        observed.alias = alias;
        observed.alias.password = {};
        observed.passwordDigest = QCryptographicHash::hash("pw", QCryptographicHash::Sha256);
        state.aliases << observed;
    }
    for (GatewayProxy p : w.proxies) {
        ObservedProxy observed;
        observed.apiId = QStringLiteral("api-%1").arg(++id);
        observed.policyId = QStringLiteral("policy-%1").arg(id);
        p.routingEndpoint = resolvedRoutingEndpoint(w, w.environments.first(), p);
        p.project.clear();
        p.integration.clear();
        observed.proxy = p;
        if (p.inbound.kind != InboundAuth::Kind::None)
            observed.inboundActionId = QStringLiteral("inbound-%1").arg(id);
        observed.routingActionId = QStringLiteral("routing-%1").arg(id);
        if (p.outbound.kind == OutboundAuth::Kind::Alias)
            observed.outboundActionId = QStringLiteral("outbound-%1").arg(id);
        state.proxies << observed;
    }
    return state;
}

QStringList signature(const Plan &plan)
{
    QStringList lines;
    for (const PlanStep &step : plan.steps) {
        QString line = PlanStep::actionName(step.action) + QLatin1Char(' ') + step.target;
        switch (step.role) {
        case PlanStep::Role::None:
            break;
        case PlanStep::Role::Inbound:
            line += QStringLiteral(" inbound");
            break;
        case PlanStep::Role::Routing:
            line += QStringLiteral(" routing");
            break;
        case PlanStep::Role::Outbound:
            line += QStringLiteral(" outbound");
            break;
        }
        lines << line;
    }
    return lines;
}

} // namespace

class TestPlan : public QObject
{
    Q_OBJECT
private slots:
    void ordering_data();
    void ordering();
    void matchingGatewayHasNoSteps();
    void readableDiffMasksSecrets();
    void jsonListsStepsInOrder();
    void unknownEnvironment();
    void routingEndpointResolution();
    void duplicatesOnTheGatewayAreConflictsLeftAlone();
};

void TestPlan::ordering_data()
{
    QTest::addColumn<Workspace>("desired");
    QTest::addColumn<ObservedState>("observed");
    QTest::addColumn<PlanOptions>("options");
    QTest::addColumn<QStringList>("expected");

    const Alias orders = basicAlias(QStringLiteral("io-orders"), QStringLiteral("svc-orders"));
    const Alias shared = basicAlias(QStringLiteral("io-shared"), QStringLiteral("svc-shared"));
    const Workspace full = workspace({shared, orders}, {proxy(QStringLiteral("B"), QStringLiteral("io-orders")),
                                                        proxy(QStringLiteral("A"), QStringLiteral("io-shared"))});

    QTest::newRow("empty gateway: aliases first, then each API created, its actions, its policy, activated")
        << full << ObservedState{} << PlanOptions{}
        << QStringList{QStringLiteral("create-alias io-orders"),
                       QStringLiteral("create-alias io-shared"),
                       QStringLiteral("create-api A/1.0"),
                       QStringLiteral("create-policy-action A/1.0 inbound"),
                       QStringLiteral("update-policy-action A/1.0 routing"),
                       QStringLiteral("create-policy-action A/1.0 outbound"),
                       QStringLiteral("update-policy A/1.0"),
                       QStringLiteral("activate-api A/1.0"),
                       QStringLiteral("create-api B/1.0"),
                       QStringLiteral("create-policy-action B/1.0 inbound"),
                       QStringLiteral("update-policy-action B/1.0 routing"),
                       QStringLiteral("create-policy-action B/1.0 outbound"),
                       QStringLiteral("update-policy B/1.0"),
                       QStringLiteral("activate-api B/1.0")};

    {
        Workspace before = full;
        before.proxies[0].outbound = {OutboundAuth::Kind::None, {}};
        QTest::newRow("outbound auth added to an active API: deactivate, create, link, reactivate")
            << full << observedFrom(before) << PlanOptions{}
            << QStringList{QStringLiteral("deactivate-api B/1.0"),
                           QStringLiteral("create-policy-action B/1.0 outbound"), QStringLiteral("update-policy B/1.0"),
                           QStringLiteral("activate-api B/1.0")};
        QTest::newRow("outbound auth added without the deactivation wrapper when the gateway allows it")
            << full << observedFrom(before) << PlanOptions{false, false, {}}
            << QStringList{QStringLiteral("create-policy-action B/1.0 outbound"),
                           QStringLiteral("update-policy B/1.0")};
        QTest::newRow("outbound auth removed: only the policy changes")
            << before << observedFrom(full) << PlanOptions{}
            << QStringList{QStringLiteral("deactivate-api B/1.0"), QStringLiteral("update-policy B/1.0"),
                           QStringLiteral("activate-api B/1.0")};
    }
    {
        Workspace changed = full;
        changed.proxies[1].routingEndpoint = QStringLiteral("https://elsewhere.example/${sys:resource_path}");
        changed.proxies[1].inbound.scopes = QStringList{QStringLiteral("a:write")};
        QTest::newRow("routing and scopes changed: both actions updated in place inside the wrapper")
            << changed << observedFrom(full) << PlanOptions{}
            << QStringList{QStringLiteral("deactivate-api A/1.0"), QStringLiteral("update-policy-action A/1.0 inbound"),
                           QStringLiteral("update-policy-action A/1.0 routing"), QStringLiteral("activate-api A/1.0")};
    }
    {
        Workspace changed = full;
        changed.proxies[0].outbound.alias = QStringLiteral("io-new");
        changed.aliases << basicAlias(QStringLiteral("io-new"), QStringLiteral("svc-new"));
        QTest::newRow("alias switched to a new one: the alias exists before the action names it")
            << changed << observedFrom(full) << PlanOptions{}
            << QStringList{QStringLiteral("create-alias io-new"), QStringLiteral("deactivate-api B/1.0"),
                           QStringLiteral("update-policy-action B/1.0 outbound"), QStringLiteral("activate-api B/1.0")};
    }
    {
        Workspace inactive = full;
        inactive.proxies[0].active = false;
        QTest::newRow("inactive API activated, nothing else")
            << full << observedFrom(inactive) << PlanOptions{} << QStringList{QStringLiteral("activate-api B/1.0")};
        QTest::newRow("active API deactivated when the workspace says inactive")
            << inactive << observedFrom(full) << PlanOptions{} << QStringList{QStringLiteral("deactivate-api B/1.0")};
    }
    {
        Workspace changed = full;
        changed.aliases[0].technicalUser = QStringLiteral("svc-other");
        QTest::newRow("alias user changed: alias updated, proxies untouched")
            << changed << observedFrom(full) << PlanOptions{} << QStringList{QStringLiteral("update-alias io-shared")};
        PlanOptions digests;
        digests.aliasPasswordDigests.insert(QStringLiteral("io-orders"),
                                            QCryptographicHash::hash("new", QCryptographicHash::Sha256));
        QTest::newRow("alias password changed (digest differs): alias updated")
            << full << observedFrom(full) << digests << QStringList{QStringLiteral("update-alias io-orders")};
        PlanOptions same;
        same.aliasPasswordDigests.insert(QStringLiteral("io-orders"),
                                         QCryptographicHash::hash("pw", QCryptographicHash::Sha256));
        QTest::newRow("alias password unchanged (same digest): nothing to do")
            << full << observedFrom(full) << same << QStringList{};
    }
    {
        Workspace more = full;
        more.aliases << basicAlias(QStringLiteral("io-legacy"), QStringLiteral("svc-legacy"));
        more.proxies << proxy(QStringLiteral("Legacy"), QStringLiteral("io-legacy"));
        Workspace less = full;
        less.aliases << basicAlias(QStringLiteral("io-unused"), QStringLiteral("svc-unused"));
        QTest::newRow("unmanaged API and alias on the gateway are left alone by default")
            << full << observedFrom(more) << PlanOptions{} << QStringList{};
        ObservedState gateway = observedFrom(more);
        gateway.aliases += observedFrom(less).aliases.mid(2);
        QTest::newRow("unmanaged alias deleted last when asked, unless an unmanaged API names it")
            << full << gateway << PlanOptions{true, true, {}} << QStringList{QStringLiteral("delete-alias io-unused")};
    }
    {
        Workspace changed = full;
        changed.aliases.prepend(basicAlias(QStringLiteral("io-zeta"), QStringLiteral("svc-z")));
        changed.proxies[0].outbound.alias = QStringLiteral("io-zeta");
        Workspace withObsolete = full;
        withObsolete.aliases << basicAlias(QStringLiteral("io-aaa-obsolete"), QStringLiteral("svc-x"));
        PlanOptions prune;
        prune.deleteUnmanagedAliases = true;
        QTest::newRow("deletions come after the proxies stop naming the alias")
            << changed << observedFrom(withObsolete) << prune
            << QStringList{QStringLiteral("create-alias io-zeta"), QStringLiteral("deactivate-api B/1.0"),
                           QStringLiteral("update-policy-action B/1.0 outbound"), QStringLiteral("activate-api B/1.0"),
                           QStringLiteral("delete-alias io-aaa-obsolete")};
    }
}

void TestPlan::ordering()
{
    QFETCH(Workspace, desired);
    QFETCH(ObservedState, observed);
    QFETCH(PlanOptions, options);
    QFETCH(QStringList, expected);
    const Plan plan = makePlan(desired, QStringLiteral("sandbox"), observed, options);
    QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
    QCOMPARE(signature(plan), expected);
    QCOMPARE(plan.hasChanges(), !expected.isEmpty());
}

void TestPlan::matchingGatewayHasNoSteps()
{
    const Workspace w = workspace({basicAlias(QStringLiteral("io-a"), QStringLiteral("svc-a"))},
                                  {proxy(QStringLiteral("P"), QStringLiteral("io-a"))});
    PlanOptions options;
    options.aliasPasswordDigests.insert(QStringLiteral("io-a"),
                                        QCryptographicHash::hash("pw", QCryptographicHash::Sha256));
    const Plan plan = makePlan(w, QStringLiteral("sandbox"), observedFrom(w), options);
    QVERIFY(!plan.hasChanges());
    QCOMPARE(plan.toText(), QStringLiteral("No changes: the gateway of environment \"sandbox\" (http://127.0.0.1:5555) "
                                           "matches the workspace.\n"));

    // Without the password at hand the plan says what it could not compare, instead of a plain "No changes".
    const Plan blind = makePlan(w, QStringLiteral("sandbox"), observedFrom(w));
    QVERIFY(!blind.hasChanges());
    QCOMPARE(blind.passwordsNotCompared, QStringList{QStringLiteral("io-a")});
    QVERIFY(blind.toText().contains(QStringLiteral("Passwords not compared")));
    QCOMPARE(blind.toJson().value(QStringLiteral("passwordsNotCompared")).toArray().size(), 1);
}

void TestPlan::readableDiffMasksSecrets()
{
    Workspace w = workspace({basicAlias(QStringLiteral("io-a"), QStringLiteral("svc-a"))},
                            {proxy(QStringLiteral("P"), {}, {QStringLiteral("p:read")})});
    Workspace before = w;
    w.proxies[0].outbound = {OutboundAuth::Kind::Alias, QStringLiteral("io-a")};
    before.aliases.clear();
    const Plan plan = makePlan(w, QStringLiteral("sandbox"), observedFrom(before));
    const QString text = plan.toText();
    QCOMPARE(text,
             QStringLiteral("Plan for environment \"sandbox\" (http://127.0.0.1:5555): 5 steps.\n"
                            "\n"
                            "Aliases\n"
                            "  + io-a\n"
                            "      type:        (none) → HTTP transport security (Basic)\n"
                            "      user:        (none) → svc-a\n"
                            "      password:    (none) → ********\n"
                            "\n"
                            "Proxies\n"
                            "  ~ P/1.0\n"
                            "      outbound:    none → Basic through alias io-a\n"
                            "\n"
                            "Steps\n"
                            "    1. create alias io-a (HTTP transport security (Basic))\n"
                            "    2. deactivate API P/1.0 (callers get an error until a later step activates it again)\n"
                            "    3. create policy action Outbound Auth - Transport "
                            "(outboundTransportAuthentication) for P/1.0: outbound: none → Basic through alias "
                            "io-a\n"
                            "    4. update the policy of P/1.0\n"
                            "    5. activate API P/1.0\n"));
    QVERIFY(!text.contains(QLatin1String("alias/io-a")));
}

void TestPlan::jsonListsStepsInOrder()
{
    const Workspace w = workspace({}, {proxy(QStringLiteral("P"), {})});
    const QJsonObject json = makePlan(w, QStringLiteral("sandbox"), ObservedState{}).toJson();
    QCOMPARE(json.value(QLatin1String("hasChanges")).toBool(), true);
    const QJsonArray steps = json.value(QLatin1String("steps")).toArray();
    QCOMPARE(steps.size(), 5);
    QCOMPARE(steps.at(0).toObject().value(QLatin1String("action")).toString(), QStringLiteral("create-api"));
    QCOMPARE(steps.at(0).toObject().value(QLatin1String("number")).toInt(), 1);
    QCOMPARE(steps.at(4).toObject().value(QLatin1String("action")).toString(), QStringLiteral("activate-api"));
    QCOMPARE(json.value(QLatin1String("diff")).toArray().first().toObject().value(QLatin1String("change")).toString(),
             QStringLiteral("create"));
}

void TestPlan::unknownEnvironment()
{
    const Plan plan = makePlan(workspace({}, {}), QStringLiteral("prod"), ObservedState{});
    QCOMPARE(plan.error, QStringLiteral("The workspace has no environment \"prod\" (it has: sandbox)."));
    QVERIFY(!plan.hasChanges());
}

void TestPlan::routingEndpointResolution()
{
    const Workspace w = workspace({}, {proxy(QStringLiteral("createOrder"), {})});
    QCOMPARE(resolvedRoutingEndpoint(w, w.environments.first(), w.proxies.first()),
             QStringLiteral("http://127.0.0.1:5556/run/createOrder"));
    GatewayProxy own = w.proxies.first();
    own.routingEndpoint = QStringLiteral("{{ioTenantUrl}}/a/${sys:resource_path}");
    QCOMPARE(resolvedRoutingEndpoint(w, w.environments.first(), own),
             QStringLiteral("http://127.0.0.1:5556/a/${sys:resource_path}"));
}

QTEST_GUILESS_MAIN(TestPlan)
#include "tst_plan.moc"

// Two APIs with one name and version, or two aliases with one name: which one the workspace means cannot be told,
// so neither is changed, deleted or listed as unmanaged; the plan names them with their ids. (Before, the first
// one found was silently taken and the other ignored.)
void TestPlan::duplicatesOnTheGatewayAreConflictsLeftAlone()
{
    const Alias orders = basicAlias(QStringLiteral("io-orders"), QStringLiteral("svc-orders"));
    const Alias shared = basicAlias(QStringLiteral("io-shared"), QStringLiteral("svc-shared"));
    const Workspace full = workspace({shared, orders}, {proxy(QStringLiteral("B"), QStringLiteral("io-orders")),
                                                        proxy(QStringLiteral("A"), QStringLiteral("io-shared"))});
    ObservedState gateway = observedFrom(full);
    ObservedAlias twin = gateway.aliases.at(1);
    twin.id = QStringLiteral("alias-twin");
    twin.alias.technicalUser = QStringLiteral("someone-else");
    gateway.aliases << twin;
    ObservedProxy twinApi = gateway.proxies.at(0);
    twinApi.apiId = QStringLiteral("api-twin");
    twinApi.proxy.inbound.scopes = {QStringLiteral("other:scope")};
    gateway.proxies << twinApi;
    Workspace changed = full;
    for (Alias &alias : changed.aliases)
        alias.technicalUser += QStringLiteral("-new");
    for (GatewayProxy &p : changed.proxies)
        p.inbound.scopes << QStringLiteral("more:scope");
    PlanOptions prune;
    prune.deleteUnmanagedAliases = true;
    const Plan plan = makePlan(changed, QStringLiteral("sandbox"), gateway, prune);
    const QString twinKey = twinApi.key();
    const QString twinAlias = twin.alias.name;
    for (const QString &step : signature(plan)) {
        QVERIFY2(!step.endsWith(QLatin1Char(' ') + twinAlias), qPrintable(step));
        QVERIFY2(!step.contains(QLatin1Char(' ') + twinKey), qPrintable(step));
    }
    // The other alias is updated; the other API deactivated, its inbound action updated, then activated.
    QCOMPARE(signature(plan),
             QStringList({QStringLiteral("update-alias io-shared"), QStringLiteral("deactivate-api A/1.0"),
                          QStringLiteral("update-policy-action A/1.0 inbound"), QStringLiteral("activate-api A/1.0")}));
    QCOMPARE(plan.conflicts.size(), 2);
    QVERIFY2(plan.conflicts.at(0).startsWith(QStringLiteral("API %1: the gateway holds 2 APIs").arg(twinKey)),
             qPrintable(plan.conflicts.at(0)));
    QVERIFY(plan.conflicts.at(0).contains(QLatin1String("api-twin")));
    QVERIFY2(plan.conflicts.at(1).startsWith(QStringLiteral("alias %1: the gateway holds 2 aliases").arg(twinAlias)),
             qPrintable(plan.conflicts.at(1)));
    QVERIFY(plan.toText().contains(QLatin1String("Conflicts, left alone:")));
    QCOMPARE(plan.toJson().value(QLatin1String("conflicts")).toArray().size(), 2);
    QVERIFY(plan.unmanaged.isEmpty());
}
