// SPDX-License-Identifier: GPL-3.0-or-later
// `gatewright check` and `gatewright adopt` against gatewright-sandbox --seed demo (gateway, tenant and
// OAuth server), in process: all green, a stopped gateway, wrong admin credentials, a self-signed TLS
// certificate (shown, then pinned), and adopt into a new workspace followed by a plan with no change.
#include "../support/tlsforwarder.h"
#include "cli/cli.h"
#include "insandbox.h"
#include "net/gatewayerrors.h"
#include "sandbox.h"
#include "sandbox/authorizationserver.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "synctesthelpers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gw;

class TestConnectCli : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxRuntime> m_runtime;
    QTemporaryDir m_directory;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment environment(const QString &adminPassword = QStringLiteral("manage")) const
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("GATEWRIGHT_GATEWAY_PASSWORD"), adminPassword);
        environment.insert(QStringLiteral("GATEWRIGHT_TENANT_PASSWORD"), QStringLiteral("manage"));
        environment.insert(QStringLiteral("GATEWRIGHT_CLIENT_SECRET"), QStringLiteral("demo-client-secret"));
        return environment;
    }

    QString workspacePath() const { return m_directory.filePath(QStringLiteral("adopted.gatewright.json")); }

    QStringList environmentSets(const QString &gatewayUrl) const
    {
        return {QStringLiteral("--set"), QStringLiteral("gateway.url=") + gatewayUrl,
                QStringLiteral("--set"), QStringLiteral("tenant.url=") + m_runtime->tenant().baseUrl().toString(),
                QStringLiteral("--set"), QStringLiteral("tenant.user=Administrator"),
                QStringLiteral("--set"), QStringLiteral("oauth.issuer=") + m_runtime->oauth().baseUrl().toString(),
                QStringLiteral("--set"), QStringLiteral("oauth.clientId=demo-client"),
                QStringLiteral("--set"), QStringLiteral("oauth.audience=") + m_runtime->oauth().audience()};
    }

    Run gatewright(const QString &command, const QStringList &extra, const QProcessEnvironment &env)
    {
        QStringList arguments{QStringLiteral("gatewright"),  command,
                              QStringLiteral("--workspace"), workspacePath(),
                              QStringLiteral("--env"),       QStringLiteral("sandbox")};
        arguments << extra;
        Run run;
        QTextStream out(&run.out), err(&run.err);
        cli::CliIo io{out, err, env};
        run.exitCode = cli::run(arguments, io);
        out.flush();
        err.flush();
        return run;
    }

    /// Adopts into a new workspace file whose environment is the sandbox.
    void adoptFresh()
    {
        QFile::remove(workspacePath());
        const Run adopt =
            gatewright(QStringLiteral("adopt"), environmentSets(m_sandbox->gatewayUrl().toString()), environment());
        QVERIFY2(adopt.exitCode == 0, qPrintable(adopt.out + adopt.err));
    }

    static QJsonObject component(const QString &json, const QString &name)
    {
        for (const QJsonValue &value : QJsonDocument::fromJson(json.toUtf8()).object().value(u"components").toArray()) {
            if (value.toObject().value(u"component").toString() == name)
                return value.toObject();
        }
        return {};
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
    }
    void cleanup()
    {
        m_runtime.reset();
        m_sandbox.reset();
    }

    void adoptThenPlanReportsNoChange()
    {
        adoptFresh();
        const WorkspaceReadResult read = WorkspaceFile::read(workspacePath());
        QVERIFY2(read.ok(), qPrintable(read.errorString()));
        const Workspace &workspace = *read.workspace;
        QCOMPARE(workspace.proxies.size(), 6);
        QCOMPARE(workspace.aliases.size(), 5);
        QCOMPARE(workspace.projects.size(), 3);
        QCOMPARE(workspace.technicalUsers.size(), 4);
        QCOMPARE(workspace.project(QStringLiteral("Customers"))->integrations.size(), 2);
        QCOMPARE(workspace.proxy(QStringLiteral("CustomersEvents"), QStringLiteral("1.0"))->integration,
                 QStringLiteral("customerUpdated"));
        QCOMPARE(workspace.technicalUser(QStringLiteral("svc-gateway-shared"))->projects,
                 (QStringList{QStringLiteral("Customers"), QStringLiteral("Invoicing"), QStringLiteral("Orders")}));
        QCOMPARE(workspace.environments.first().ioTenantUser, QStringLiteral("Administrator"));

        const Run plan = gatewright(QStringLiteral("plan"), {}, environment());
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.out + plan.err));
        QVERIFY(plan.out.contains(QLatin1String("No changes")));

        // No secret went into the file.
        QFile file(workspacePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        for (const char *secret : {"manage", "demo-client-secret", "orders-demo-pass", "shared-demo-pass"})
            QVERIFY2(!text.contains(secret), secret);
    }

    void adoptBySelection()
    {
        QFile::remove(workspacePath());
        QStringList arguments = environmentSets(m_sandbox->gatewayUrl().toString());
        arguments << QStringLiteral("--select") << QStringLiteral("tag:orders") << QStringLiteral("--json");
        const Run adopt = gatewright(QStringLiteral("adopt"), arguments, environment());
        QVERIFY2(adopt.exitCode == 0, qPrintable(adopt.out + adopt.err));
        const QJsonObject report = QJsonDocument::fromJson(adopt.out.toUtf8()).object();
        QVERIFY2(report.value(u"secretsToSet").toArray().contains(QStringLiteral("alias/io-orders-basic")),
                 qPrintable(adopt.out));
        const WorkspaceReadResult read = WorkspaceFile::read(workspacePath());
        QVERIFY(read.ok());
        QStringList names;
        for (const GatewayProxy &proxy : read.workspace->proxies)
            names << proxy.name;
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("OrdersCreate"), QStringLiteral("OrdersList"),
                                     QStringLiteral("OrdersStatus")}));
    }

    void checkAllGreen()
    {
        adoptFresh();
        const Run check = gatewright(QStringLiteral("check"), {}, environment());
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        const QStringList lines = check.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(QLatin1String("ok   Gateway: gatewright-sandbox 11.0")),
                 qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith(QLatin1String("ok   .io tenant:")), qPrintable(lines.at(1)));
        QVERIFY(lines.at(1).contains(QLatin1String("3 projects readable")));
        QVERIFY2(lines.at(2).contains(QLatin1String("got a token that verifies")), qPrintable(lines.at(2)));
        QVERIFY(!check.out.contains(QLatin1String("demo-client-secret")));
    }

    void checkStoppedGateway()
    {
        adoptFresh();
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        const Run check = gatewright(QStringLiteral("check"),
                                     {QStringLiteral("--set"), QStringLiteral("gateway.url=") + url}, environment());
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.startsWith(QLatin1String("FAIL Gateway:")), qPrintable(check.out));
        QVERIFY(check.out.contains(QLatin1String("that the gateway runs")));
        // The other components are still tested.
        QVERIFY2(check.out.contains(QLatin1String("ok   .io tenant:")), qPrintable(check.out));
    }

    void checkWrongAdminCredentials()
    {
        adoptFresh();
        const Run check =
            gatewright(QStringLiteral("check"), {QStringLiteral("--json")}, environment(QStringLiteral("wrong")));
        QCOMPARE(check.exitCode, 1);
        const QJsonObject gateway = component(check.out, QStringLiteral("gateway"));
        QCOMPARE(gateway.value(u"status").toString(), QStringLiteral("failed"));
        QVERIFY2(gateway.value(u"fix").toString().contains(QLatin1String("check admin user \"Administrator\"")),
                 qPrintable(check.out));
    }

    void checkSelfSignedCertificateIsShownThenPinned()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here.");
        adoptFresh();
        const QString error = makeSelfSignedCertificate(m_directory.path(), QStringLiteral("Gatewright check gateway"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile certificateFile(m_directory.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(m_directory.filePath(QStringLiteral("key.pem")));
        QVERIFY(certificateFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
        const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        TlsForwarder forwarder(certificate, key, m_sandbox->gatewayPort());
        QVERIFY(forwarder.listen());
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(forwarder.port());

        const Run refused = gatewright(
            QStringLiteral("check"),
            {QStringLiteral("--json"), QStringLiteral("--set"), QStringLiteral("gateway.url=") + url}, environment());
        QCOMPARE(refused.exitCode, 1);
        const QJsonObject gateway = component(refused.out, QStringLiteral("gateway"));
        QCOMPARE(gateway.value(u"status").toString(), QStringLiteral("failed"));
        const QString fingerprint = GatewayErrors::sha256Fingerprint(certificate);
        QVERIFY2(gateway.value(u"detail").toString().contains(fingerprint), qPrintable(refused.out));
        QCOMPARE(QSslCertificate(gateway.value(u"certificate").toString().toLatin1(), QSsl::Pem), certificate);

        QString pin = fingerprint;
        pin.remove(QLatin1Char(':'));
        const Run pinned = gatewright(QStringLiteral("check"),
                                      {QStringLiteral("--set"), QStringLiteral("gateway.url=") + url,
                                       QStringLiteral("--set"), QStringLiteral("gateway.pinnedSha256=") + pin},
                                      environment());
        QVERIFY2(pinned.exitCode == 0, qPrintable(pinned.out + pinned.err));
        QVERIFY(pinned.out.startsWith(QLatin1String("ok   Gateway:")));
    }

    void adoptRefusesAnIncompleteNewEnvironment()
    {
        QFile::remove(workspacePath());
        const Run adopt = gatewright(QStringLiteral("adopt"), {}, environment());
        QCOMPARE(adopt.exitCode, 1);
        QVERIFY2(adopt.err.contains(QLatin1String("give its fields with --set")), qPrintable(adopt.err));
        QVERIFY2(adopt.err.contains(QLatin1String("/environments/0/gatewayUrl")), qPrintable(adopt.err));
        QVERIFY(!QFile::exists(workspacePath()));
    }
};

QTEST_GUILESS_MAIN(TestConnectCli)
#include "tst_connectcli.moc"
