// SPDX-License-Identifier: GPL-3.0-or-later
// `gatewright expose` against gatewright-sandbox --seed demo, in process: cancelInvoice exposed with the
// strategy's user and verified with a 200 (then `plan` finds nothing to do), the per-project strategy creating
// the user and alias, a user without a role on the project ending in the diagnosis (exit 2), and bad input.
#include "cli/cli.h"
#include "examples.h"
#include "insandbox.h"
#include "sandbox.h"
#include "sandbox/authorizationserver.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "secrets/secretprovider.h"
#include "workspacefile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

class TestExposeCli : public QObject
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
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };

    QString workspacePath() const { return m_directory.filePath(u"demo.gatewright.json"_s); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env;
        env.insert(u"GATEWRIGHT_GATEWAY_PASSWORD"_s, u"manage"_s);
        env.insert(u"GATEWRIGHT_CLIENT_SECRET"_s, u"demo-client-secret"_s);
        env.insert(u"GATEWRIGHT_TENANT_PASSWORD"_s, u"manage"_s);
        env.insert(u"GATEWRIGHT_AUDIT_LOG"_s, m_directory.filePath(u"audit.jsonl"_s));
        const QHash<QString, QString> demoPasswords = test::demoAliasPasswords();
        for (const auto &[alias, password] : demoPasswords.asKeyValueRange())
            env.insert(SecretProvider::environmentVariableFor(SecretKey::alias(u"sandbox"_s, alias)), password);
        env.insert(u"GATEWRIGHT_ALIAS_PASSWORD_IO_NO_ROLE_BASIC"_s, u"no-role-demo-pass"_s);
        return env;
    }

    Run gatewright(const QString &command, const QStringList &extra)
    {
        QStringList arguments{
            u"gatewright"_s,  command,
            u"--workspace"_s, workspacePath(),
            u"--env"_s,       u"sandbox"_s,
            u"--set"_s,       u"gateway.url="_s + m_sandbox->gatewayUrl().toString(),
            u"--set"_s,       u"tenant.url="_s + m_runtime->tenant().baseUrl().toString(),
            u"--set"_s,       u"oauth.issuer="_s + m_runtime->oauth().baseUrl().toString(),
            u"--set"_s,       u"oauth.tokenEndpoint="_s + m_runtime->oauth().tokenEndpoint().toString(),
            u"--set"_s,       u"oauth.jwksUri="_s + m_runtime->oauth().jwksUri().toString(),
            u"--set"_s,       u"oauth.audience="_s + m_runtime->oauth().audience()};
        arguments << extra;
        Run run;
        QTextStream out(&run.out), err(&run.err);
        cli::CliIo io{out, err, environment()};
        run.exitCode = cli::run(arguments, io);
        out.flush();
        err.flush();
        return run;
    }

    Run expose(const QStringList &extra)
    {
        return gatewright(u"expose"_s,
                          QStringList{u"--project"_s, u"Invoicing"_s, u"--integration"_s, u"cancelInvoice"_s} + extra);
    }

    void writeWorkspace(const std::function<void(Workspace &)> &edit)
    {
        Workspace w = *WorkspaceFile::read(Examples::demoWorkspacePath()).workspace;
        edit(w);
        QString error;
        QVERIFY2(WorkspaceFile::write(w, workspacePath(), &error), qPrintable(error));
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
        writeWorkspace([](Workspace &) {});
    }
    void cleanup()
    {
        m_runtime.reset();
        m_sandbox.reset();
    }

    void exposesCancelInvoiceAndVerifiesA200()
    {
        const Run run = expose({u"--yes"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QJsonObject json = run.json();
        QCOMPARE(json.value(u"proxy").toString(), u"InvoicingCancelInvoice/1.0"_s);
        QCOMPARE(json.value(u"scopes").toArray(), QJsonArray{u"invoices:write"_s});
        QCOMPARE(json.value(u"alias").toString(), u"io-invoicing-basic"_s);
        QCOMPARE(json.value(u"call").toObject().value(u"status").toInt(), 200);
        QCOMPARE(json.value(u"roleCheck").toObject().value(u"status").toString(), u"matches"_s);
        QVERIFY(json.value(u"verified").toBool());
        // The tenant ran it as the strategy's user.
        const IoTenantCall last = m_runtime->tenant().calls().constLast();
        QCOMPARE(last.integration, u"cancelInvoice"_s);
        QCOMPARE(last.user, u"svc-invoicing"_s);
        // Saved without the --set overrides, and in step with the gateway.
        const Workspace saved = *WorkspaceFile::read(workspacePath()).workspace;
        QVERIFY(saved.proxy(u"InvoicingCancelInvoice"_s, u"1.0"_s));
        QCOMPARE(saved.environment(u"sandbox"_s)->gatewayUrl, u"http://127.0.0.1:5555"_s);
        const Run plan = gatewright(u"plan"_s, {});
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.out + plan.err));
        QVERIFY(QFile::exists(m_directory.filePath(u"audit.jsonl"_s)));
    }

    void anIntegrationOnlyTheTenantKnowsIsReadFromIt()
    {
        writeWorkspace([](Workspace &w) {
            for (IoProject &project : w.projects)
                project.integrations.removeIf([](const Integration &i) { return i.name == u"cancelInvoice"; });
        });
        const Run run = expose({u"--yes"_s, u"--set"_s, u"tenant.user=Administrator"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(u"+ Integration Invoicing/cancelInvoice, read from the tenant"_s),
                 qPrintable(run.out));
        const Workspace saved = *WorkspaceFile::read(workspacePath()).workspace;
        QVERIFY(saved.project(u"Invoicing"_s)->integration(u"cancelInvoice"_s));
        QVERIFY(saved.environment(u"sandbox"_s)->ioTenantUser.isEmpty()); // --set is not saved
    }

    void perProjectStrategyCreatesTheUserAndAlias()
    {
        writeWorkspace([](Workspace &w) {
            w.credentialStrategy = CredentialStrategy::PerProject;
            w.technicalUsers.removeIf([](const TechnicalUser &u) { return u.name == u"svc-invoicing"; });
            w.aliases.removeIf([](const Alias &a) { return a.name == u"io-invoicing-basic"; });
        });
        const Run run = expose({u"--yes"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(u"Technical user svc-invoicing: new"_s));
        QVERIFY(run.out.contains(u"Alias io-invoicing-basic: new"_s));
        QVERIFY(run.out.contains(u"Verified: "_s));
        const Workspace saved = *WorkspaceFile::read(workspacePath()).workspace;
        QCOMPARE(saved.alias(u"io-invoicing-basic"_s)->password.key, u"alias/io-invoicing-basic"_s);
        QVERIFY(!run.out.contains(u"invoicing-demo-pass"_s) && !run.err.contains(u"invoicing-demo-pass"_s));
    }

    void aUserWithoutARoleEndsInTheDiagnosis()
    {
        writeWorkspace([](Workspace &w) {
            w.technicalUsers << TechnicalUser{u"svc-no-role"_s, {}, {u"Invoicing"_s}};
            Alias alias;
            alias.name = u"io-no-role-basic"_s;
            alias.technicalUser = u"svc-no-role"_s;
            alias.password.key = u"alias/io-no-role-basic"_s;
            w.aliases << alias;
        });
        const Run run = expose({u"--yes"_s, u"--user"_s, u"svc-no-role"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.contains(u"Role check on the tenant: Signed in; no access to Invoicing"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(u"-> HTTP 401"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"Not verified: "_s));
        QVERIFY(run.out.contains(u"Fix: "_s));
        QVERIFY(run.out.contains(u"svc-no-role"_s));
    }

    void badInputExitsOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown integration")
            << QStringList{u"--project"_s, u"Invoicing"_s, u"--integration"_s, u"refund"_s, u"--yes"_s}
            << u"Project Invoicing has no integration \"refund\""_s;
        QTest::newRow("existing proxy") << QStringList{u"--project"_s,    u"Invoicing"_s, u"--integration"_s,
                                                       u"issueInvoice"_s, u"--name"_s,    u"InvoicesIssue"_s,
                                                       u"--yes"_s}
                                        << u"A proxy InvoicesIssue 1.0 exists already"_s;
        QTest::newRow("bad name") << QStringList{u"--project"_s, u"Invoicing"_s, u"--integration"_s, u"cancelInvoice"_s,
                                                 u"--name"_s,    u"bad/x"_s,     u"--yes"_s}
                                  << u"/proxies/6/name: \"bad/x\" must not contain '/'"_s;
        QTest::newRow("missing project") << QStringList{u"--integration"_s, u"cancelInvoice"_s}
                                         << u"--project is required"_s;
        QTest::newRow("unknown user") << QStringList{u"--project"_s,     u"Invoicing"_s, u"--integration"_s,
                                                     u"cancelInvoice"_s, u"--user"_s,    u"ghost"_s}
                                      << u"technical user \"ghost\" is not in the workspace"_s;
    }
    void badInputExitsOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = gatewright(u"expose"_s, arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(m_runtime->tenant().calls().isEmpty());
    }

    void withoutYesNothingIsApplied()
    {
        const Run run = expose({});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"run with --yes"_s), qPrintable(run.err));
        QVERIFY(!WorkspaceFile::read(workspacePath()).workspace->proxy(u"InvoicingCancelInvoice"_s, u"1.0"_s));
    }
};

QTEST_GUILESS_MAIN(TestExposeCli)
#include "tst_exposecli.moc"
