// SPDX-License-Identifier: GPL-3.0-or-later
// The adoption planner on hand-made observed states: what is mapped, what is left unmanaged and why,
// the selection patterns, and the round trip (planning the adopted workspace against the same state
// reports no change).
#include "adoption.h"
#include "plan.h"
#include "workspacevalidator.h"

#include <QTest>

using namespace gw;

namespace {

Environment environment()
{
    Environment env;
    env.name = QStringLiteral("prod");
    env.gatewayUrl = QStringLiteral("https://gateway.example.com");
    env.ioTenantUrl = QStringLiteral("https://acme.int-aws-us.webmethods.io");
    return env;
}

ObservedAlias httpAlias(const QString &name, const QString &user)
{
    ObservedAlias alias;
    alias.id = name + QStringLiteral("-id");
    alias.gatewayType = QStringLiteral("httpTransportSecurityAlias");
    alias.alias.name = name;
    alias.alias.type = Alias::Type::HttpTransportSecurity;
    alias.alias.description = QStringLiteral("Basic credentials of ") + user;
    alias.alias.technicalUser = user;
    alias.passwordDigest = QByteArray(32, 'x');
    return alias;
}

ObservedAction action(const QString &id, const QString &stage, const QString &templateKey, const QString &name)
{
    return ObservedAction{id, stage, templateKey, name, {}};
}

ObservedProxy proxy(const QString &name, const QString &endpoint, const QString &alias, const QStringList &scopes)
{
    ObservedProxy observed;
    observed.apiId = name + QStringLiteral("-api");
    observed.policyId = name + QStringLiteral("-policy");
    observed.proxy.name = name;
    observed.proxy.version = QStringLiteral("1.0");
    observed.proxy.description = name + QStringLiteral(" on .io");
    observed.proxy.inbound = InboundAuth{InboundAuth::Kind::OAuth2Token, scopes};
    observed.proxy.routingEndpoint = endpoint;
    observed.proxy.outbound =
        alias.isEmpty() ? OutboundAuth{OutboundAuth::Kind::None, {}} : OutboundAuth{OutboundAuth::Kind::Alias, alias};
    observed.inboundActionId = name + QStringLiteral("-in");
    observed.routingActionId = name + QStringLiteral("-route");
    observed.actions << action(observed.inboundActionId, QStringLiteral("IAM"), QStringLiteral("evaluatePolicy"),
                               QStringLiteral("Identify & Authorize Application"))
                     << action(observed.routingActionId, QStringLiteral("routing"),
                               QStringLiteral("straightThroughRouting"), QStringLiteral("Straight Through Routing"));
    if (!alias.isEmpty()) {
        observed.outboundActionId = name + QStringLiteral("-out");
        observed.actions << action(observed.outboundActionId, QStringLiteral("routing"),
                                   QStringLiteral("outboundTransportAuthentication"),
                                   QStringLiteral("Outbound Auth - Transport"));
    }
    return observed;
}

const QString Flow = QStringLiteral("/integration/rest/external/integration/run/development/");

ObservedState observedState()
{
    ObservedState state;
    state.environment = QStringLiteral("prod");
    ObservedAlias tenantUrl;
    tenantUrl.id = QStringLiteral("t-id");
    tenantUrl.gatewayType = QStringLiteral("simple");
    tenantUrl.alias.name = QStringLiteral("io-tenant-url");
    tenantUrl.alias.type = Alias::Type::Simple;
    tenantUrl.alias.value = QStringLiteral("https://acme.int-aws-us.webmethods.io");
    ObservedAlias kerberos;
    kerberos.id = QStringLiteral("k-id");
    kerberos.gatewayType = QStringLiteral("httpTransportSecurityAlias");
    kerberos.managedType = false;
    kerberos.alias.name = QStringLiteral("legacy-kerberos");
    kerberos.raw = QJsonObject{{QStringLiteral("authType"), QStringLiteral("KERBEROS")}};
    state.aliases << httpAlias(QStringLiteral("io-orders-basic"), QStringLiteral("svc-orders")) << tenantUrl
                  << kerberos;
    std::sort(state.aliases.begin(), state.aliases.end(),
              [](const ObservedAlias &a, const ObservedAlias &b) { return a.alias.name < b.alias.name; });

    // Routed through the tenant alias, with a throttle the console does not model.
    ObservedProxy create =
        proxy(QStringLiteral("OrdersCreate"),
              QStringLiteral("${io-tenant-url}") + Flow + QStringLiteral("createOrder/${sys:resource_path}"),
              QStringLiteral("io-orders-basic"), {QStringLiteral("orders:write")});
    create.actions << action(QStringLiteral("thr"), QStringLiteral("LMT"), QStringLiteral("throttle"),
                             QStringLiteral("Traffic Optimization"));
    create.tags = {QStringLiteral("orders")};
    // Routed to the tenant URL itself.
    ObservedProxy list =
        proxy(QStringLiteral("OrdersList"),
              QStringLiteral("https://acme.int-aws-us.webmethods.io") + Flow + QStringLiteral("listOrders"),
              QStringLiteral("io-orders-basic"), {QStringLiteral("orders:read")});
    list.tags = {QStringLiteral("orders")};
    // Identified by API key: not mapped faithfully.
    ObservedProxy keyed = proxy(QStringLiteral("Partners"), QStringLiteral("https://partners.example.com/api"), {}, {});
    keyed.notes << QStringLiteral("Identify & Authorize identifies by apiKey, which the console does not manage");
    // Uses an alias the console does not manage.
    ObservedProxy legacy = proxy(QStringLiteral("Legacy"), QStringLiteral("https://legacy.example.com/soap"),
                                 QStringLiteral("legacy-kerberos"), {});
    // Routed somewhere the tenant does not list.
    ObservedProxy elsewhere =
        proxy(QStringLiteral("Weather"), QStringLiteral("https://weather.example.com/v1/forecast"), {},
              {QStringLiteral("weather:read")});
    state.proxies << legacy << create << list << keyed << elsewhere;
    std::sort(state.proxies.begin(), state.proxies.end(),
              [](const ObservedProxy &a, const ObservedProxy &b) { return a.key() < b.key(); });
    return state;
}

TenantInventory tenant()
{
    TenantInventory inventory;
    inventory.tenantUrl = QStringLiteral("https://acme.int-aws-us.webmethods.io");
    inventory.projects << IoProject{QStringLiteral("Orders"),
                                    QStringLiteral("fl-orders"),
                                    {},
                                    {Integration{QStringLiteral("createOrder"), Integration::Kind::FlowService,
                                                 Flow + QStringLiteral("createOrder")},
                                     Integration{QStringLiteral("listOrders"), Integration::Kind::FlowService,
                                                 Flow + QStringLiteral("listOrders")}}};
    inventory.rolesRead = true;
    inventory.userProjects.insert(QStringLiteral("svc-orders"), {QStringLiteral("Orders"), QStringLiteral("Gone")});
    return inventory;
}

Workspace base()
{
    Workspace workspace;
    workspace.name = QStringLiteral("adopted");
    workspace.environments << environment();
    return workspace;
}

AdoptionRequest everything(const ObservedState &state, bool withTenant = true)
{
    AdoptionRequest request;
    for (const AdoptionCandidate &candidate : adoptionCandidates(base(), state))
        (candidate.kind == AdoptionCandidate::Kind::Proxy ? request.proxies : request.aliases).insert(candidate.name);
    if (withTenant)
        request.tenant = tenant();
    return request;
}

const AdoptionLine *lineFor(const AdoptionReport &report, AdoptionLine::Kind kind, const QString &name)
{
    for (const AdoptionLine &line : report.lines) {
        if (line.kind == kind && line.name == name)
            return &line;
    }
    return nullptr;
}

} // namespace

class TestAdoption : public QObject
{
    Q_OBJECT
private slots:
    void mapsWhatItCanAndSaysWhyNot()
    {
        const ObservedState state = observedState();
        const AdoptionResult result = adopt(base(), QStringLiteral("prod"), state, everything(state));
        QVERIFY2(WorkspaceValidator::validate(result.workspace).isEmpty(),
                 qPrintable(WorkspaceError::join(WorkspaceValidator::validate(result.workspace))));

        const GatewayProxy *create = result.workspace.proxy(QStringLiteral("OrdersCreate"), QStringLiteral("1.0"));
        QVERIFY(create);
        QCOMPARE(create->project, QStringLiteral("Orders"));
        QCOMPARE(create->integration, QStringLiteral("createOrder"));
        QCOMPARE(create->inbound.scopes, QStringList{QStringLiteral("orders:write")});
        QCOMPARE(create->outbound.alias, QStringLiteral("io-orders-basic"));
        const AdoptionLine *createLine =
            lineFor(result.report, AdoptionLine::Kind::Proxy, QStringLiteral("OrdersCreate/1.0"));
        QVERIFY(createLine);
        QVERIFY2(createLine->detail.contains(QLatin1String("not managed: Traffic Optimization (throttle)")),
                 qPrintable(createLine->detail));

        // Routed to exactly the tenant URL + the integration's path: the workspace keeps no endpoint.
        const GatewayProxy *list = result.workspace.proxy(QStringLiteral("OrdersList"), QStringLiteral("1.0"));
        QVERIFY(list);
        QCOMPARE(list->integration, QStringLiteral("listOrders"));
        QVERIFY(list->routingEndpoint.isEmpty());

        const AdoptionLine *keyed = lineFor(result.report, AdoptionLine::Kind::Proxy, QStringLiteral("Partners/1.0"));
        QVERIFY(keyed);
        QCOMPARE(keyed->outcome, AdoptionLine::Outcome::Unmanaged);
        QVERIFY(keyed->detail.contains(QLatin1String("apiKey")));
        QVERIFY(!result.workspace.proxy(QStringLiteral("Partners"), QStringLiteral("1.0")));

        const AdoptionLine *kerberos =
            lineFor(result.report, AdoptionLine::Kind::Alias, QStringLiteral("legacy-kerberos"));
        QVERIFY(kerberos);
        QCOMPARE(kerberos->outcome, AdoptionLine::Outcome::Unmanaged);
        QVERIFY2(kerberos->detail.contains(QLatin1String("KERBEROS")), qPrintable(kerberos->detail));
        const AdoptionLine *legacy = lineFor(result.report, AdoptionLine::Kind::Proxy, QStringLiteral("Legacy/1.0"));
        QVERIFY(legacy);
        QCOMPARE(legacy->outcome, AdoptionLine::Outcome::Unmanaged);
        QVERIFY(legacy->detail.contains(QLatin1String("legacy-kerberos")));

        // Pointing at nothing the tenant lists: kept under Unassigned and named.
        const GatewayProxy *weather = result.workspace.proxy(QStringLiteral("Weather"), QStringLiteral("1.0"));
        QVERIFY(weather);
        QCOMPARE(weather->project, QStringLiteral("Unassigned"));
        QCOMPARE(result.report.unknownTargets,
                 QStringList{QStringLiteral("Weather/1.0 -> https://weather.example.com/v1/forecast")});

        // Users and secrets: the user's projects from the tenant roles (projects that exist only), the
        // password only as a keychain reference.
        const TechnicalUser *user = result.workspace.technicalUser(QStringLiteral("svc-orders"));
        QVERIFY(user);
        QCOMPARE(user->projects, QStringList{QStringLiteral("Orders")});
        QCOMPARE(result.workspace.alias(QStringLiteral("io-orders-basic"))->password.key,
                 QStringLiteral("alias/io-orders-basic"));
        QCOMPARE(result.report.secretsToSet, QStringList{QStringLiteral("alias/io-orders-basic")});
        QCOMPARE(result.workspace.alias(QStringLiteral("io-tenant-url"))->value, QStringLiteral("{{ioTenantUrl}}"));
    }

    void roundTripPlansNoChange_data()
    {
        QTest::addColumn<bool>("withTenant");
        QTest::newRow("with the tenant") << true;
        QTest::newRow("gateway only") << false;
    }

    void roundTripPlansNoChange()
    {
        QFETCH(bool, withTenant);
        const ObservedState state = observedState();
        const AdoptionResult result = adopt(base(), QStringLiteral("prod"), state, everything(state, withTenant));
        const Plan plan = makePlan(result.workspace, QStringLiteral("prod"), state);
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        QVERIFY2(!plan.hasChanges(), qPrintable(plan.toText()));
    }

    void keepsWhatTheWorkspaceAlreadyHolds()
    {
        const ObservedState state = observedState();
        Workspace workspace = adopt(base(), QStringLiteral("prod"), state, everything(state)).workspace;
        workspace.proxies.first().description = QStringLiteral("edited by hand");
        const AdoptionResult again = adopt(workspace, QStringLiteral("prod"), state, everything(state));
        QCOMPARE(again.workspace.proxies.first().description, QStringLiteral("edited by hand"));
        QCOMPARE(again.workspace.proxies.size(), workspace.proxies.size());
        QCOMPARE(again.report.count(AdoptionLine::Outcome::Adopted), 0);
    }

    void selectionPatterns()
    {
        const QList<AdoptionCandidate> candidates = adoptionCandidates(base(), observedState());
        QStringList byTag, byGlob, byVersion;
        for (const AdoptionCandidate &candidate : candidates) {
            if (matchesSelection(candidate, QStringLiteral("tag:ORDERS")))
                byTag << candidate.name;
            if (matchesSelection(candidate, QStringLiteral("orders*, io-*")))
                byGlob << candidate.name;
            if (matchesSelection(candidate, QStringLiteral("*/1.0")))
                byVersion << candidate.name;
        }
        QCOMPARE(byTag, (QStringList{QStringLiteral("OrdersCreate/1.0"), QStringLiteral("OrdersList/1.0")}));
        QCOMPARE(byGlob, (QStringList{QStringLiteral("OrdersCreate/1.0"), QStringLiteral("OrdersList/1.0"),
                                      QStringLiteral("io-orders-basic"), QStringLiteral("io-tenant-url")}));
        QCOMPARE(byVersion.size(), 5);
    }

    void chosenProxyBringsItsAliases()
    {
        const ObservedState state = observedState();
        AdoptionRequest request;
        request.proxies.insert(QStringLiteral("OrdersCreate/1.0"));
        const AdoptionResult result = adopt(base(), QStringLiteral("prod"), state, request);
        QVERIFY(result.workspace.alias(QStringLiteral("io-orders-basic")));
        QVERIFY(result.workspace.alias(QStringLiteral("io-tenant-url")));
        QVERIFY(!result.workspace.alias(QStringLiteral("legacy-kerberos")));
        QVERIFY(WorkspaceValidator::validate(result.workspace).isEmpty());
        // Without the tenant, the user's projects come from the proxies that use its alias; a proxy whose
        // integration no project lists grants nothing.
        QVERIFY(result.workspace.technicalUser(QStringLiteral("svc-orders"))->projects.isEmpty());
    }

    void unknownEnvironmentIsAnError()
    {
        const AdoptionResult result = adopt(base(), QStringLiteral("nope"), observedState(), {});
        QVERIFY(result.report.error.contains(QLatin1String("no environment \"nope\"")));
    }
};

QTEST_GUILESS_MAIN(TestAdoption)
#include "tst_adoption.moc"
