// SPDX-License-Identifier: GPL-3.0-or-later
// Contract: every request the gateway client sends — pull, a full apply, an update, a deletion and a
// rollback — is an operation of the official Swagger files with declared query parameters and a body
// that validates against the operation's schema (tests/peers/validate-requests.mjs, ajv).
#include "faultrule.h"
#include "net/admincredentials.h"
#include "recordingforwarder.h"
#include "sandbox.h"
#include "synctesthelpers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

using namespace gw;
using namespace gw::test;

class TestGatewayContract : public QObject
{
    Q_OBJECT
private slots:
    void everyRequestValidatesAgainstTheSwagger()
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            QSKIP("node is not on PATH; the contract tests run the npm peers in tests/peers.");
        if (!QFile::exists(QStringLiteral(GATEWRIGHT_PEERS_DIR "/node_modules/ajv/package.json")))
            QSKIP("tests/peers/node_modules is missing; run npm ci in tests/peers.");
        // The configured folder, or another one named at run time (a worktree without shared/ beside it).
        const QString reference =
            qEnvironmentVariable("GATEWRIGHT_REFERENCE_DIR", QStringLiteral(GATEWRIGHT_REFERENCE_DIR)) +
            QStringLiteral("/wm-apigw-openapi");
        if (!QFile::exists(reference + QStringLiteral("/APIGatewayAlias.json")))
            QSKIP(qPrintable(QStringLiteral("The official API Gateway Swagger files are not in %1; set "
                                            "GATEWRIGHT_REFERENCE_DIR to the folder holding wm-apigw-openapi/.")
                                 .arg(reference)));

        SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = QStringLiteral("empty");
        Sandbox sandbox(options);
        QString error;
        QVERIFY2(sandbox.listen(&error), qPrintable(error));
        QVERIFY2(sandbox.initializeState(&error), qPrintable(error));
        RecordingForwarder forwarder(sandbox.gatewayPort());
        QVERIFY(forwarder.listen());

        Workspace workspace = demoWorkspace(QStringLiteral("http://127.0.0.1:%1").arg(forwarder.port()));
        QNetworkAccessManager network;
        FixedCredentialSource credentials(QStringLiteral("manage"));
        GatewayClient client(&network, environmentOf(workspace), &credentials);
        const auto passwords = demoAliasPasswords();
        auto round = [&](const PlanOptions &planOptions) {
            const PullResult before = pull(client);
            QVERIFY2(before.ok(), qPrintable(before.error));
            PlanOptions withDigests = planOptions;
            withDigests.aliasPasswordDigests = digestsOf(passwords).aliasPasswordDigests;
            const Plan plan = makePlan(workspace, QStringLiteral("sandbox"), *before.state, withDigests);
            apply(client, plan, *before.state, passwords);
        };
        round({}); // create everything
        workspace.proxies[5].outbound = OutboundAuth{OutboundAuth::Kind::Alias, QStringLiteral("io-invoicing-basic")};
        workspace.proxies[0].outbound = OutboundAuth{OutboundAuth::Kind::None, {}};
        workspace.proxies[1].inbound.scopes << QStringLiteral("orders:write");
        workspace.aliases[1].description = QStringLiteral("changed");
        const Alias removed = workspace.aliases.takeLast();
        round({}); // update actions, policies, an alias
        PlanOptions prune;
        prune.deleteUnmanagedAliases = true;
        round(prune); // delete an alias
        workspace.aliases << removed;
        workspace.proxies[2].active = false;
        sandbox.gateway().faults().add(*FaultRule::parse(QStringLiteral("PUT /apis/*/deactivate:1:500"), &error));
        round({}); // fails, rolls back (re-creates, restores)

        QJsonArray requests;
        QSet<QString> operations;
        for (const RecordingForwarder::Request &request : forwarder.requests()) {
            QJsonObject object{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                               {QStringLiteral("path"), QString::fromLatin1(request.target)}};
            if (!request.body.isEmpty())
                object.insert(QStringLiteral("body"), QString::fromUtf8(request.body));
            requests.append(object);
            QString operation = QString::fromLatin1(request.target).section(QLatin1Char('?'), 0, 0);
            operation.replace(QRegularExpression(QStringLiteral("/[0-9a-f]{8}-[0-9a-f-]{27}")),
                              QStringLiteral("/{id}"));
            operations.insert(QString::fromLatin1(request.method) + QLatin1Char(' ') + operation);
        }
        QTemporaryDir directory;
        QFile file(directory.filePath(QStringLiteral("requests.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(requests).toJson());
        file.close();

        QProcess process;
        process.start(node,
                      {QStringLiteral(GATEWRIGHT_PEERS_DIR "/validate-requests.mjs"), file.fileName(),
                       QStringLiteral("--reference"), reference, QStringLiteral("APIGatewayServiceManagement.json"),
                       QStringLiteral("APIGatewayPolicyManagement.json"), QStringLiteral("APIGatewayAlias.json")});
        QVERIFY(process.waitForFinished(120000));
        const QByteArray problems = process.readAllStandardError();
        if (!problems.isEmpty())
            qWarning().noquote() << problems;
        const QJsonArray results = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
        QCOMPARE(results.size(), requests.size());
        int valid = 0;
        for (const QJsonValue &value : results) {
            const QJsonObject result = value.toObject();
            if (result.value(QLatin1String("ok")).toBool())
                ++valid;
            else
                qWarning().noquote() << result.value(QLatin1String("request")).toString() << "->"
                                     << result.value(QLatin1String("detail")).toString();
        }
        qInfo().noquote() << QStringLiteral(
                                 "%1 of %2 requests valid against the official Swagger, %3 distinct operations")
                                 .arg(valid)
                                 .arg(results.size())
                                 .arg(operations.size());
        QVERIFY(requests.size() > 100);
        QCOMPARE(valid, int(results.size()));
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGatewayContract)
#include "tst_gatewaycontract.moc"
