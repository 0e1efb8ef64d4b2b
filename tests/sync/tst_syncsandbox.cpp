// SPDX-License-Identifier: GPL-3.0-or-later
// Pull, plan and apply against gatewright-sandbox over real HTTP on 127.0.0.1: idempotence, a
// 50-proxy apply, faults in the middle of an apply (the gateway ends as it began), cancel, and
// the policy actions the console does not model surviving a push.
#include "faultrule.h"
#include "net/admincredentials.h"
#include "sandbox.h"
#include "synctesthelpers.h"

#include <QNetworkAccessManager>

#include <memory>

using namespace gw;
using namespace gw::test;

class TestSyncSandbox : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    QNetworkAccessManager m_network;
    FixedCredentialSource m_credentials{QStringLiteral("manage")};

    void startSandbox(const QString &seed = QStringLiteral("empty"))
    {
        SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = seed;
        options.hangMilliseconds = 4000;
        m_sandbox = std::make_unique<Sandbox>(options);
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
    }
    QString gatewayUrl() const { return m_sandbox->gatewayUrl().toString(); }
    std::unique_ptr<GatewayClient> client(const Workspace &workspace, GatewayClientOptions options = {})
    {
        return std::make_unique<GatewayClient>(&m_network, environmentOf(workspace), &m_credentials, options);
    }
    void addFault(const QString &text)
    {
        QString error;
        const auto rule = FaultRule::parse(text, &error);
        QVERIFY2(rule, qPrintable(error));
        m_sandbox->gateway().faults().add(*rule);
    }
    /// Pulls, plans and applies the workspace; returns the apply result and the pull before it.
    ApplyResult planAndApply(GatewayClient &gateway, const Workspace &workspace, ObservedState *before,
                             int cancelAfterStep = 0)
    {
        const PullResult pulled = pull(gateway);
        if (!pulled.ok())
            qFatal("pull failed: %s", qPrintable(pulled.error));
        *before = *pulled.state;
        const Plan plan = makePlan(workspace, QStringLiteral("sandbox"), *before, digestsOf(demoAliasPasswords()));
        return apply(gateway, plan, *before, demoAliasPasswords(), cancelAfterStep);
    }

private slots:
    void cleanup() { m_sandbox.reset(); }

    void applyThenPlanAgainShowsNothing()
    {
        startSandbox();
        const Workspace workspace = demoWorkspace(gatewayUrl());
        auto gateway = client(workspace);
        ObservedState before;
        const ApplyResult result = planAndApply(*gateway, workspace, &before);
        QVERIFY2(result.outcome == ApplyResult::Outcome::Applied, qPrintable(result.report()));
        QCOMPARE(result.completed, 40);
        QVERIFY(result.report().startsWith(QLatin1String("Applied all 40 steps to environment \"sandbox\".\n")));

        const PullResult after = pull(*gateway);
        QVERIFY2(after.ok(), qPrintable(after.error));
        QCOMPARE(after.state->proxies.size(), 6);
        QCOMPARE(after.state->aliases.size(), 6); // and the gateway's own "local" alias, left alone
        const ObservedProxy *invoices = after.state->findProxy(QStringLiteral("InvoicesIssue"), QStringLiteral("1.0"));
        QVERIFY(invoices);
        QVERIFY(invoices->proxy.active);
        QCOMPARE(invoices->proxy.inbound.scopes, QStringList{QStringLiteral("invoices:write")});
        QCOMPARE(invoices->proxy.outbound.kind, OutboundAuth::Kind::None);
        const ObservedProxy *orders = after.state->findProxy(QStringLiteral("OrdersCreate"), QStringLiteral("1.0"));
        QCOMPARE(orders->proxy.outbound.alias, QStringLiteral("io-orders-basic"));
        QCOMPARE(orders->proxy.routingEndpoint,
                 QStringLiteral("${io-tenant-url}/integration/rest/external/integration/run/development/createOrder/"
                                "${sys:resource_path}"));

        const Plan again =
            makePlan(workspace, QStringLiteral("sandbox"), *after.state, digestsOf(demoAliasPasswords()));
        QVERIFY2(!again.hasChanges(), qPrintable(again.toText()));

        // A changed alias password shows as an update, and only that.
        QHash<QString, QString> changed = demoAliasPasswords();
        changed[QStringLiteral("io-orders-basic")] = QStringLiteral("rotated");
        const Plan rotated = makePlan(workspace, QStringLiteral("sandbox"), *after.state, digestsOf(changed));
        QCOMPARE(rotated.steps.size(), 1);
        QCOMPARE(rotated.steps.first().text(),
                 QStringLiteral("update alias io-orders-basic: password: ******** → ******** (changed)"));
    }

    void fiftyProxyApply()
    {
        startSandbox();
        Workspace workspace = demoWorkspace(gatewayUrl());
        const GatewayProxy model = workspace.proxies.first();
        workspace.proxies.clear();
        for (int i = 0; i < 50; ++i) {
            GatewayProxy proxy = model;
            proxy.name = QStringLiteral("Bulk%1").arg(i, 2, 10, QLatin1Char('0'));
            proxy.inbound.scopes = {QStringLiteral("bulk:%1").arg(i)};
            proxy.outbound.alias = i % 2 ? QStringLiteral("io-orders-basic") : QStringLiteral("io-shared-basic");
            workspace.proxies << proxy;
        }
        GatewayClientOptions options;
        options.maxConcurrent = 4;
        auto gateway = client(workspace, options);
        ObservedState before;
        const ApplyResult result = planAndApply(*gateway, workspace, &before);
        QVERIFY2(result.outcome == ApplyResult::Outcome::Applied, qPrintable(result.failure));
        QCOMPARE(result.total, 5 + 50 * 6);

        const PullResult after = pull(*gateway);
        QVERIFY2(after.ok(), qPrintable(after.error));
        QCOMPARE(after.state->proxies.size(), 50);
        QCOMPARE(gateway->peakRunningCount(), 4); // the pull of 50 APIs ran at the bound, never above
        for (const ObservedProxy &proxy : after.state->proxies) {
            QVERIFY(proxy.proxy.active);
            QCOMPARE(proxy.proxy.inbound.scopes.size(), 1);
        }
        QVERIFY(!makePlan(workspace, QStringLiteral("sandbox"), *after.state, digestsOf(demoAliasPasswords()))
                     .hasChanges());
    }

    void faultMidApplyLeavesGatewayAsBefore_data()
    {
        QTest::addColumn<bool>("populated");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("failedStep");
        QTest::addColumn<QString>("failure");
        // Empty gateway, the 40-step demo apply.
        QTest::newRow("500 on the 5th policy action created")
            << false << QStringLiteral("POST /policyActions:5:500") << 19
            << QStringLiteral("The gateway failed on POST /rest/apigateway/policyActions (HTTP 500 Internal Server "
                              "Error). Its log may say more; try again later. The gateway says: \"Injected fault "
                              "(sandbox rule \"POST /policyActions:5:500\").\"");
        QTest::newRow("409 on the 3rd policy update") << false << QStringLiteral("PUT /policies/*:3:409") << 21
                                                      << QStringLiteral("conflicts with the gateway's current state");
        QTest::newRow("hang past the timeout on the 2nd activation, every retry too")
            << false << QStringLiteral("PUT /apis/*/activate:2+:hang") << 17 << QStringLiteral("did not answer PUT");
        QTest::newRow("dropped connection on every routing update from the 3rd")
            << false << QStringLiteral("PUT /policyActions/*:3+:drop") << 20
            << QStringLiteral("closed the connection during PUT");
        // Populated gateway (demo applied), then a change touching aliases, actions and policies.
        QTest::newRow("update: 500 on the policy update")
            << true << QStringLiteral("PUT /policies/*:1:500") << 5 << QStringLiteral("HTTP 500");
        QTest::newRow("update: every policy action creation dropped")
            << true << QStringLiteral("POST /policyActions:1+:drop") << 4 << QStringLiteral("closed the connection");
        // A read that finds nothing where something must be is not a write that deletes: the pull before the apply
        // reads 6 policies, so the 7th GET is the apply's own read of a policy before it rewrites it.
        QTest::newRow("update: {\"policy\":null} before a policy update")
            << true << QStringLiteral("GET /policies/*:7+:null") << 0
            << QStringLiteral("expected {\"policy\": {…}} and got \"policy\": null");
        QTest::newRow("update: a bare array before an alias update")
            << true << QStringLiteral("GET /alias/*:1+:array") << 0
            << QStringLiteral("expected {\"alias\": {…}} and got an empty array");
        // The gateway makes the object, then the connection drops before its answer: the create is not sent
        // again (it would make a second one), and the rollback finds what was made by name and removes it.
        QTest::newRow("a created alias whose answer is lost")
            << false << QStringLiteral("POST /alias:2:commit-drop") << 2
            << QStringLiteral("The gateway made the alias io-invoicing-basic anyway (id ");
        QTest::newRow("a created API whose answer is lost")
            << false << QStringLiteral("POST /apis:3:commit-drop") << 0
            << QStringLiteral(", found by name); the rollback removes it.");
        QTest::newRow("a created policy action whose answer is lost (identical ones exist)")
            << false << QStringLiteral("POST /policyActions:9:commit-drop") << 0
            << QStringLiteral("The gateway made the policy action for ");
        QTest::newRow("update: one dropped activation is retried and the apply succeeds")
            << true << QStringLiteral("PUT /apis/*/activate:2:drop") << -1 << QString();
    }

    void faultMidApplyLeavesGatewayAsBefore()
    {
        QFETCH(bool, populated);
        QFETCH(QString, fault);
        QFETCH(int, failedStep);
        QFETCH(QString, failure);
        startSandbox();
        Workspace workspace = demoWorkspace(gatewayUrl());
        GatewayClientOptions options;
        options.timeoutMs = 1000;
        options.maxRetries = 1;
        options.retryDelayMs = 50;
        auto gateway = client(workspace, options);
        ObservedState ignored;
        if (populated) {
            QCOMPARE(planAndApply(*gateway, workspace, &ignored).outcome, ApplyResult::Outcome::Applied);
            workspace.proxies[5].outbound =
                OutboundAuth{OutboundAuth::Kind::Alias, QStringLiteral("io-invoicing-basic")};
            workspace.proxies[2].inbound.scopes << QStringLiteral("orders:write");
            workspace.proxies[0].routingEndpoint = QStringLiteral("{{ioTenantUrl}}/moved/createOrder");
            workspace.aliases[0].description = QStringLiteral("changed");
            workspace.aliases << Alias{
                QStringLiteral("io-extra"), Alias::Type::Simple, {}, {}, {}, QStringLiteral("x"), {}, 30, 30};
        }
        addFault(fault);
        ObservedState before;
        const ApplyResult result = planAndApply(*gateway, workspace, &before);
        if (failedStep < 0) { // an idempotent request retried past a one-off fault
            QVERIFY2(result.outcome == ApplyResult::Outcome::Applied, qPrintable(result.report()));
            QVERIFY(
                !makePlan(workspace, QStringLiteral("sandbox"), *pull(*gateway).state, digestsOf(demoAliasPasswords()))
                     .hasChanges());
            return;
        }
        QVERIFY2(result.outcome == ApplyResult::Outcome::RolledBack, qPrintable(result.report()));
        if (failedStep > 0)
            QCOMPARE(result.failedStep, failedStep);
        QVERIFY2(result.failure.contains(failure), qPrintable(result.failure));
        QVERIFY(result.report().contains(QLatin1String("the gateway is as it was before the apply")));
        m_sandbox->gateway().faults().clear();
        const PullResult after = pull(*gateway);
        QVERIFY2(after.ok(), qPrintable(after.error));
        QCOMPARE(fingerprint(*after.state), fingerprint(before));
    }

    // A gateway that masks stored passwords: an alias update cannot be undone (writing the before-image back would
    // set the password to "********"). The plan says so before apply starts, and a rollback leaves the alias as
    // changed and says why instead of claiming the gateway is as it was.
    void aMaskedBeforeImageIsNeverWrittenBack()
    {
        startSandbox();
        Workspace workspace = demoWorkspace(gatewayUrl());
        auto gateway = client(workspace);
        ObservedState ignored;
        QCOMPARE(planAndApply(*gateway, workspace, &ignored).outcome, ApplyResult::Outcome::Applied);
        const auto stored = m_sandbox->state().findAliasByName(QStringLiteral("io-orders-basic"));
        QVERIFY(stored);
        const QJsonValue passwordBefore =
            stored->value(QLatin1String("httpAuthCredentials")).toObject().value(QLatin1String("password"));
        QCOMPARE(SandboxState::plainAliasPassword(*stored),
                 demoAliasPasswords().value(QStringLiteral("io-orders-basic")));

        m_sandbox->state().setMasksAliasSecrets(true);
        for (Alias &alias : workspace.aliases) {
            if (alias.name == QLatin1String("io-orders-basic"))
                alias.description = QStringLiteral("rotated by the security team");
        }
        workspace.proxies[2].inbound.scopes << QStringLiteral("orders:write"); // a later step, made to fail
        const PullResult pulled = pull(*gateway);
        QVERIFY2(pulled.ok(), qPrintable(pulled.error));
        const Plan plan =
            makePlan(workspace, QStringLiteral("sandbox"), *pulled.state, digestsOf(demoAliasPasswords()));
        QVERIFY(plan.passwordsNotCompared.contains(QStringLiteral("io-orders-basic")));
        QCOMPARE(plan.notUndoableSteps().size(), 1);
        QVERIFY2(plan.notUndoableSteps().first().contains(QLatin1String("update alias io-orders-basic")),
                 qPrintable(plan.toText()));
        QVERIFY2(plan.toText().contains(QLatin1String("Not undoable if a later step fails:")),
                 qPrintable(plan.toText()));
        QVERIFY(plan.toJson()
                    .value(QLatin1String("steps"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QLatin1String("notUndoable"))
                    .toString()
                    .contains(QLatin1String("masks the stored password of alias io-orders-basic")));

        addFault(QStringLiteral("PUT /policyActions/*:1+:500"));
        const ApplyResult result = apply(*gateway, plan, *pulled.state, demoAliasPasswords());
        QVERIFY2(result.outcome == ApplyResult::Outcome::RollbackIncomplete, qPrintable(result.report()));
        QCOMPARE(result.steps.first().status, ApplyStepReport::Status::NotUndoable);
        QVERIFY2(result.report().contains(QLatin1String("alias io-orders-basic has the workspace's values, not its "
                                                        "earlier ones: the gateway masks the stored password")),
                 qPrintable(result.report()));
        QVERIFY(!result.report().contains(QLatin1String("as it was before the apply")));
        // The stored password is the one the apply sent, never the mask.
        const auto after = m_sandbox->state().findAliasByName(QStringLiteral("io-orders-basic"));
        QCOMPARE(after->value(QLatin1String("httpAuthCredentials")).toObject().value(QLatin1String("password")),
                 passwordBefore);
        QCOMPARE(after->value(QLatin1String("description")).toString(), QStringLiteral("rotated by the security team"));
    }

    // Pulled, a {"policy":null}, a bare array or {"alias":null} is an error that names the request, never an
    // empty gateway a plan would then "fix".
    void malformedAnswersFailThePull_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("expected");
        QTest::newRow("policy null") << QStringLiteral("GET /policies/*:1:null")
                                     << QStringLiteral("expected {\"policy\": {…}} and got \"policy\": null");
        QTest::newRow("policy as a bare array") << QStringLiteral("GET /policies/*:1:array")
                                                << QStringLiteral("expected {\"policy\": {…}} and got an empty array");
        QTest::newRow("alias list null") << QStringLiteral("GET /alias:1:null")
                                         << QStringLiteral("expected {\"alias\": […]} and got \"alias\": null");
        QTest::newRow("policy actions null")
            << QStringLiteral("GET /policyActions:1:null")
            << QStringLiteral("expected {\"policyAction\": […]} and got \"policyAction\": null");
    }
    void malformedAnswersFailThePull()
    {
        QFETCH(QString, fault);
        QFETCH(QString, expected);
        startSandbox();
        const Workspace workspace = demoWorkspace(gatewayUrl());
        auto gateway = client(workspace);
        ObservedState ignored;
        QCOMPARE(planAndApply(*gateway, workspace, &ignored).outcome, ApplyResult::Outcome::Applied);
        addFault(fault);
        const PullResult pulled = pull(*gateway);
        QVERIFY(!pulled.ok());
        QVERIFY2(pulled.error.contains(expected), qPrintable(pulled.error));
        QVERIFY2(pulled.error.contains(u"Nothing was read from it"_qs), qPrintable(pulled.error));
    }

    void cancelRollsBack()
    {
        startSandbox();
        const Workspace workspace = demoWorkspace(gatewayUrl());
        auto gateway = client(workspace);
        ObservedState before;
        const ApplyResult result = planAndApply(*gateway, workspace, &before, 9);
        QCOMPARE(result.outcome, ApplyResult::Outcome::RolledBack);
        QVERIFY(result.cancelled);
        QCOMPARE(result.completed, 9);
        QVERIFY2(
            result.report().startsWith(QLatin1String("Apply to environment \"sandbox\" cancelled after step 9 of 40.")),
            qPrintable(result.report()));
        const PullResult after = pull(*gateway);
        QCOMPARE(fingerprint(*after.state), fingerprint(before));
    }

    void unmanagedActionsSurviveAPush()
    {
        startSandbox();
        Workspace workspace = demoWorkspace(gatewayUrl());
        auto gateway = client(workspace);
        ObservedState before;
        QCOMPARE(planAndApply(*gateway, workspace, &before).outcome, ApplyResult::Outcome::Applied);
        const PullResult applied = pull(*gateway);
        const ObservedProxy *orders = applied.state->findProxy(QStringLiteral("OrdersCreate"), QStringLiteral("1.0"));
        QCOMPARE(orders->unmanagedActions().size(), 1);
        const ObservedAction transport = orders->unmanagedActions().first();
        QCOMPARE(transport.templateKey, QStringLiteral("entryProtocolPolicy"));

        workspace.proxies[0].outbound = OutboundAuth{OutboundAuth::Kind::None, {}}; // the policy changes
        QCOMPARE(planAndApply(*gateway, workspace, &before).outcome, ApplyResult::Outcome::Applied);
        const PullResult after = pull(*gateway);
        orders = after.state->findProxy(QStringLiteral("OrdersCreate"), QStringLiteral("1.0"));
        QCOMPARE(orders->outboundActionId, QString());
        QCOMPARE(orders->unmanagedActions().size(), 1);
        QCOMPARE(orders->unmanagedActions().first(), transport);
    }

    void missingAliasPasswordRefusesBeforeSending()
    {
        startSandbox();
        const Workspace workspace = demoWorkspace(gatewayUrl());
        auto gateway = client(workspace);
        const PullResult before = pull(*gateway);
        QHash<QString, QString> passwords = demoAliasPasswords();
        passwords.remove(QStringLiteral("io-orders-basic"));
        const Plan plan = makePlan(workspace, QStringLiteral("sandbox"), *before.state);
        const ApplyResult result = apply(*gateway, plan, *before.state, passwords);
        QCOMPARE(result.outcome, ApplyResult::Outcome::NotStarted);
        QCOMPARE(result.report(),
                 QStringLiteral("Nothing was sent to the gateway of environment \"sandbox\": no password "
                                "for alias io-orders-basic. Store it in the keychain for this "
                                "environment, or set GATEWRIGHT_ALIAS_PASSWORD_<ALIAS NAME> for a "
                                "headless run.\n"));
        QCOMPARE(fingerprint(*pull(*gateway).state), fingerprint(*before.state));
    }

    void pullErrorsSayWhatToDo()
    {
        startSandbox();
        Workspace workspace = demoWorkspace(gatewayUrl());
        FixedCredentialSource wrong(QStringLiteral("not-the-password"));
        GatewayClient refused(&m_network, environmentOf(workspace), &wrong);
        const PullResult denied = pull(refused);
        QVERIFY(!denied.ok());
        QVERIFY2(
            denied.error.startsWith(QLatin1String("Pull from environment \"sandbox\" failed: The gateway refused the "
                                                  "admin credentials of user \"Administrator\" for GET "
                                                  "/rest/apigateway/")),
            qPrintable(denied.error));
        QVERIFY(
            denied.error.contains(QLatin1String("Check the user name and the password stored for this environment.")));

        const QString url = gatewayUrl();
        m_sandbox.reset(); // nothing listens there any more
        workspace = demoWorkspace(url);
        GatewayClientOptions options;
        options.maxRetries = 0;
        auto gone = client(workspace, options);
        const PullResult refusedConnection = pull(*gone);
        QVERIFY2(refusedConnection.error.contains(
                     QStringLiteral("Cannot reach the gateway at %1: connection refused").arg(url)),
                 qPrintable(refusedConnection.error));
    }
};

QTEST_GUILESS_MAIN(TestSyncSandbox)
#include "tst_syncsandbox.moc"
