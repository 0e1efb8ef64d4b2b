// SPDX-License-Identifier: GPL-3.0-or-later
// `gatewright pull|plan|apply` against gatewright-sandbox --seed empty, in process: the exit codes,
// the listing of steps, the audit log (with no secret in it) and --set.
#include "cli/cli.h"
#include "faultrule.h"
#include "recordingforwarder.h"
#include "sandbox.h"
#include "testpaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

#include <memory>

using namespace gw;

class TestSyncCli : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    QTemporaryDir m_directory;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("GATEWRIGHT_GATEWAY_PASSWORD"), QStringLiteral("manage"));
        environment.insert(QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_SHARED_BASIC"),
                           QStringLiteral("shared-demo-pass"));
        environment.insert(QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_ORDERS_BASIC"),
                           QStringLiteral("orders-demo-pass"));
        environment.insert(QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_CUSTOMERS_BASIC"),
                           QStringLiteral("customers-demo-pass"));
        environment.insert(QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_INVOICING_BASIC"),
                           QStringLiteral("invoicing-demo-pass"));
        environment.insert(QStringLiteral("GATEWRIGHT_AUDIT_LOG"), auditLogPath());
        return environment;
    }
    /// What `pull --json` printed, without the pull time: equal for two pulls of an unchanged gateway.
    static QJsonObject pulledState(const Run &pull)
    {
        QJsonObject state = QJsonDocument::fromJson(pull.out.toUtf8()).object();
        state.remove(QStringLiteral("pulledAt"));
        return state;
    }
    QString auditLogPath() const { return m_directory.filePath(QStringLiteral("audit.jsonl")); }

    Run gatewright(const QString &command, QStringList extra = {}, const QProcessEnvironment *env = nullptr)
    {
        QStringList arguments{QStringLiteral("gatewright"),
                              command,
                              QStringLiteral("--workspace"),
                              QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"),
                              QStringLiteral("--env"),
                              QStringLiteral("sandbox"),
                              QStringLiteral("--set"),
                              QStringLiteral("gateway.url=") + m_sandbox->gatewayUrl().toString()};
        arguments << extra;
        Run run;
        QTextStream out(&run.out), err(&run.err);
        cli::CliIo io{out, err, env ? *env : environment()};
        run.exitCode = cli::run(arguments, io);
        out.flush();
        err.flush();
        return run;
    }

private slots:
    void init()
    {
        SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = QStringLiteral("empty");
        m_sandbox = std::make_unique<Sandbox>(options);
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
        QFile::remove(auditLogPath());
    }
    void cleanup() { m_sandbox.reset(); }

    void planNamesTheAliasesWhosePasswordsItDidNotCompare()
    {
        QCOMPARE(gatewright(QStringLiteral("apply"), {QStringLiteral("--yes")}).exitCode, 0);
        QProcessEnvironment partial = environment();
        partial.remove(QStringLiteral("GATEWRIGHT_ALIAS_PASSWORD_IO_ORDERS_BASIC"));
        const Run plan = gatewright(QStringLiteral("plan"), {}, &partial);
        QCOMPARE(plan.exitCode, 0);
        QVERIFY2(plan.out.contains(QLatin1String("Passwords not compared")) &&
                     plan.out.contains(QLatin1String("io-orders-basic")),
                 qPrintable(plan.out));
        const Run full = gatewright(QStringLiteral("plan"));
        QVERIFY2(!full.out.contains(QLatin1String("Passwords not compared")), qPrintable(full.out));
    }

    void productionTakesTheEnvironmentsName()
    {
        const QStringList production{QStringLiteral("--set"), QStringLiteral("production=true")};
        const Run refused = gatewright(QStringLiteral("apply"), production + QStringList{QStringLiteral("--yes")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("is marked production; --yes is not enough. Add "
                                                    "--confirm-production sandbox")),
                 qPrintable(refused.err));
        const Run wrongName =
            gatewright(QStringLiteral("apply"),
                       production + QStringList{QStringLiteral("--confirm-production"), QStringLiteral("prod")});
        QCOMPARE(wrongName.exitCode, 1);
        QVERIFY(wrongName.err.contains(QLatin1String("is not the environment's name \"sandbox\"")));
        QCOMPARE(gatewright(QStringLiteral("plan")).exitCode, 2); // nothing was applied

        const Run applied =
            gatewright(QStringLiteral("apply"),
                       production + QStringList{QStringLiteral("--confirm-production"), QStringLiteral("sandbox")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.out + applied.err));
        QCOMPARE(gatewright(QStringLiteral("plan")).exitCode, 0);
    }

    void planApplyPlanExitCodes()
    {
        const Run plan = gatewright(QStringLiteral("plan"));
        QCOMPARE(plan.exitCode, 2);
        QVERIFY2(plan.out.contains(QStringLiteral("Plan for environment \"sandbox\" (%1): 40 steps.")
                                       .arg(m_sandbox->gatewayUrl().toString())),
                 qPrintable(plan.out + plan.err));
        QVERIFY(plan.out.contains(
            QLatin1String("    1. create alias io-customers-basic (HTTP transport security (Basic))\n")));
        QVERIFY(plan.out.contains(QLatin1String("   40. activate API OrdersStatus/1.0\n")));

        const Run json = gatewright(QStringLiteral("plan"), {QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 2);
        const QJsonObject planJson = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(planJson.value(QLatin1String("steps")).toArray().size(), 40);

        const Run apply = gatewright(QStringLiteral("apply"), {QStringLiteral("--yes")});
        QCOMPARE(apply.exitCode, 0);
        QVERIFY2(apply.out.contains(QLatin1String("Applied all 40 steps to environment \"sandbox\".")),
                 qPrintable(apply.out + apply.err));
        QVERIFY(apply.err.contains(QLatin1String("[40/40] activate API OrdersStatus/1.0")));

        const Run again = gatewright(QStringLiteral("plan"));
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.startsWith(QLatin1String("No changes: the gateway of environment \"sandbox\"")));

        const Run pull = gatewright(QStringLiteral("pull"), {QStringLiteral("--json")});
        QCOMPARE(pull.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(pull.out.toUtf8()).object().value(QLatin1String("proxies")).toArray().size(),
                 6);

        // One audit line, naming the outcome and steps, holding no password in any form.
        QFile log(auditLogPath());
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray content = log.readAll();
        QCOMPARE(content.count('\n'), 1);
        const QJsonObject entry = QJsonDocument::fromJson(content).object();
        QCOMPARE(entry.value(QLatin1String("outcome")).toString(), QStringLiteral("applied"));
        QCOMPARE(entry.value(QLatin1String("environment")).toString(), QStringLiteral("sandbox"));
        QCOMPARE(entry.value(QLatin1String("steps")).toArray().size(), 40);
        QVERIFY(entry.value(QLatin1String("operator")).toString().endsWith(QLatin1String("(as Administrator)")));
        for (const QByteArray &secret :
             {QByteArray("manage"), QByteArray("orders-demo-pass"), QByteArray("shared-demo-pass")}) {
            QVERIFY2(!content.contains(secret), secret.constData());
            QVERIFY2(!content.contains(secret.toBase64()), secret.constData());
        }
        QVERIFY(!pull.out.contains(QLatin1String("b3JkZXJzLWRlbW8tcGFzcw"))); // base64 of an alias password
    }

    void faultMidApplyExitsOneAndLeavesGatewayAsBefore()
    {
        const Run before = gatewright(QStringLiteral("pull"), {QStringLiteral("--json")});
        QCOMPARE(before.exitCode, 0);
        QString error;
        m_sandbox->gateway().faults().add(*FaultRule::parse(QStringLiteral("POST /policyActions:7:500"), &error));
        const Run apply = gatewright(QStringLiteral("apply"), {QStringLiteral("--yes")});
        QCOMPARE(apply.exitCode, 1);
        QVERIFY2(apply.err.contains(QLatin1String("Rolled back the ")), qPrintable(apply.err));
        const Run after = gatewright(QStringLiteral("pull"), {QStringLiteral("--json")});
        QCOMPARE(pulledState(after), pulledState(before));
        QFile log(auditLogPath());
        QVERIFY(log.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(log.readAll()).object().value(QLatin1String("outcome")).toString(),
                 QStringLiteral("rolled-back"));
    }

    // SIGTERM while steps run: the apply stops at the next step boundary, undoes what it did (a second signal
    // does not cut the rollback short), exits 1 and says so in the audit log; the gateway ends as it began.
    void sigtermMidApplyRollsBackAndAuditsTheInterruption()
    {
        const Run before = gatewright(QStringLiteral("pull"), {QStringLiteral("--json")});
        QCOMPARE(before.exitCode, 0);
        RecordingForwarder forwarder(quint16(m_sandbox->gatewayUrl().port()));
        QVERIFY(forwarder.listen());
        int actionsCreated = 0;
        int deletes = 0;
        connect(&forwarder, &RecordingForwarder::requestRecorded, this,
                [&](const RecordingForwarder::Request &request) {
                    if (request.method == "POST" && request.target.endsWith("/policyActions") && ++actionsCreated == 3)
                        ::kill(::getpid(), SIGTERM);
                    if (request.method == "DELETE" && ++deletes == 1)
                        ::kill(::getpid(), SIGTERM);
                });
        QUrl url = m_sandbox->gatewayUrl();
        url.setPort(forwarder.port());
        const Run apply = gatewright(QStringLiteral("apply"), {QStringLiteral("--yes"), QStringLiteral("--set"),
                                                               QStringLiteral("gateway.url=") + url.toString()});
        QCOMPARE(apply.exitCode, 1);
        QVERIFY2(apply.err.contains(QLatin1String("SIGTERM received: stopping after the running step, then rolling "
                                                  "back")),
                 qPrintable(apply.err));
        QVERIFY2(apply.err.contains(QLatin1String("SIGTERM received: the rollback runs to its end")),
                 qPrintable(apply.err));
        QVERIFY2(apply.err.contains(QLatin1String("interrupted (SIGTERM) after step")), qPrintable(apply.err));
        QVERIFY2(apply.err.contains(QLatin1String("the gateway is as it was before the apply")), qPrintable(apply.err));
        QVERIFY(deletes > 0);

        // The signals have their default disposition again once the apply is over.
        struct sigaction current = {};
        QCOMPARE(::sigaction(SIGTERM, nullptr, &current), 0);
        QVERIFY(current.sa_handler == SIG_DFL);

        const Run after = gatewright(QStringLiteral("pull"), {QStringLiteral("--json")});
        QCOMPARE(pulledState(after), pulledState(before));
        QFile log(auditLogPath());
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QJsonObject entry = QJsonDocument::fromJson(log.readAll()).object();
        QCOMPARE(entry.value(QLatin1String("outcome")).toString(), QStringLiteral("rolled-back"));
        QCOMPARE(entry.value(QLatin1String("interrupted")).toString(), QStringLiteral("SIGTERM"));
        QVERIFY2(entry.value(QLatin1String("message")).toString().startsWith(QLatin1String("Interrupted (SIGTERM)")),
                 qPrintable(entry.value(QLatin1String("message")).toString()));
    }

    // An apply that never got to its first write still leaves an audit line, with the reason.
    void applyWhosePullFailsIsAudited()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const Run apply =
            gatewright(QStringLiteral("apply"), {QStringLiteral("--yes"), QStringLiteral("--set"),
                                                 QStringLiteral("gateway.url=http://127.0.0.1:%1").arg(port)});
        QCOMPARE(apply.exitCode, 1);
        QFile log(auditLogPath());
        QVERIFY2(log.open(QIODevice::ReadOnly), "no audit log written");
        const QByteArray content = log.readAll();
        QCOMPARE(content.count('\n'), 1);
        const QJsonObject entry = QJsonDocument::fromJson(content).object();
        QCOMPARE(entry.value(QLatin1String("outcome")).toString(), QStringLiteral("not-started"));
        QCOMPARE(entry.value(QLatin1String("completed")).toInt(), 0);
        QVERIFY2(entry.value(QLatin1String("message"))
                     .toString()
                     .startsWith(QLatin1String("The pull before the plan "
                                               "failed: ")),
                 qPrintable(entry.value(QLatin1String("message")).toString()));
        QVERIFY(!content.contains("manage"));
        // Pull and plan are reads: they write no audit line.
        QVERIFY(QFile::remove(auditLogPath()));
        QCOMPARE(gatewright(QStringLiteral("plan"),
                            {QStringLiteral("--set"), QStringLiteral("gateway.url=http://127.0.0.1:%1").arg(port)})
                     .exitCode,
                 1);
        QVERIFY(!QFile::exists(auditLogPath()));
    }

    void errorsExitOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown --set field") << QStringList{QStringLiteral("--set"), QStringLiteral("gateway.nope=1")}
                                             << QStringLiteral("--set: unknown field \"gateway.nope\"");
        QTest::newRow("no --yes without a terminal") << QStringList{}
                                                     << QStringLiteral("not applying without confirmation; run with "
                                                                       "--yes to apply 40 steps.");
    }
    void errorsExitOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const Run run = gatewright(QStringLiteral("apply"), arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(error), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"
