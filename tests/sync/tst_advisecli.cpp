// SPDX-License-Identifier: GPL-3.0-or-later
// `gatewright advise` on the demo workspace against gatewright-sandbox --seed demo, in process: the
// analysis and its exit code, --apply perProject and a clean analysis after it, and --live against the
// sandbox tenant with every user right, then with an excess role, a missing role, a wrong password and a
// lock-out (the check signs in once per user, so it never locks a user by itself).
#include "cli/cli.h"
#include "examples.h"
#include "insandbox.h"
#include "sandbox.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "secrets/secretprovider.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

namespace {
const QString Canary = u"CANARY-advise-7f3e-wrong-password"_s;
}

class TestAdviseCli : public QObject
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

    QProcessEnvironment passwords(const QString &customers = u"customers-demo-pass"_s) const
    {
        QProcessEnvironment env;
        const QHash<QString, QString> demoPasswords = test::demoAliasPasswords();
        for (const auto &[alias, password] : demoPasswords.asKeyValueRange())
            env.insert(SecretProvider::environmentVariableFor(SecretKey::alias(u"sandbox"_s, alias)),
                       alias == u"io-customers-basic" ? customers : password);
        return env;
    }

    Run advise(const QStringList &extra, const QProcessEnvironment &env = {})
    {
        QStringList arguments{u"gatewright"_s,  u"advise"_s,
                              u"--workspace"_s, workspacePath(),
                              u"--env"_s,       u"sandbox"_s,
                              u"--set"_s,       u"tenant.url="_s + m_runtime->tenant().baseUrl().toString()};
        arguments << extra;
        Run run;
        QTextStream out(&run.out), err(&run.err);
        cli::CliIo io{out, err, env};
        run.exitCode = cli::run(arguments, io);
        out.flush();
        err.flush();
        return run;
    }

    static QJsonObject liveOf(const QJsonObject &json, const QString &user)
    {
        for (const QJsonValue &value : json.value(u"live").toArray()) {
            if (value.toObject().value(u"user").toString() == user)
                return value.toObject();
        }
        return {};
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
        QFile::remove(workspacePath());
        QVERIFY(QFile::copy(Examples::demoWorkspacePath(), workspacePath()));
        QFile::setPermissions(workspacePath(), QFile::ReadOwner | QFile::WriteOwner);
    }
    void cleanup()
    {
        m_runtime.reset();
        m_sandbox.reset();
    }

    void analysisNamesBlastRadiusProblemsAndAdvice()
    {
        const Run run = advise({u"--json"_s});
        QCOMPARE(run.exitCode, 2);
        const QJsonObject json = run.json();
        bool sharedSeen = false;
        for (const QJsonValue &user : json.value(u"users").toArray()) {
            const QJsonObject radius = user.toObject().value(u"blastRadius").toObject();
            QVERIFY(radius.contains(u"projects"_s) && radius.contains(u"proxies"_s));
            if (user.toObject().value(u"user").toString() == u"svc-gateway-shared")
                sharedSeen = radius.value(u"projects").toArray().size() == 3;
        }
        QVERIFY(sharedSeen);
        bool native401 = false;
        for (const QJsonValue &problem : json.value(u"problems").toArray())
            native401 |= problem.toObject().value(u"code").toString() == u"no-outbound-auth" &&
                         problem.toObject().value(u"proxy").toString() == u"InvoicesIssue/1.0";
        QVERIFY(native401);
        const QJsonObject recommendation = json.value(u"recommendation").toObject();
        QCOMPARE(recommendation.value(u"strategy").toString(), u"perProject"_s);
        QVERIFY(recommendation.value(u"reasons").toArray().size() >= 3);

        const Run text = advise({});
        QCOMPARE(text.exitCode, 2);
        QVERIFY(text.out.contains(u"Recommendation: One user per project"_s));
    }

    void applyPerProjectThenNothingLeft()
    {
        const QByteArray before = [&] {
            QFile f(workspacePath());
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        const Run apply = advise({u"--apply"_s, u"perProject"_s});
        QCOMPARE(apply.exitCode, 0);
        QVERIFY2(apply.out.contains(u"Proxy OrdersList/1.0: outbound alias io-shared-basic -> io-orders-basic"_s),
                 qPrintable(apply.out));
        QFile f(workspacePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray after = f.readAll();
        QVERIFY(after != before);
        QVERIFY(!after.contains("tenant.url")); // --set steers the run, it is not saved
        QVERIFY(after.contains("\"credentialStrategy\": \"perProject\""));
        const Run again = advise({});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out));
        QVERIFY(again.out.contains(u"Problems: none"_s));
    }

    void liveMatchesThenFindsEveryMismatch()
    {
        QCOMPARE(advise({u"--apply"_s, u"perProject"_s}).exitCode, 0);
        const Run clean = advise({u"--live"_s, u"--json"_s}, passwords());
        QVERIFY2(clean.exitCode == 0, qPrintable(clean.out + clean.err));
        for (const QString &user : {u"svc-orders"_s, u"svc-customers"_s, u"svc-invoicing"_s})
            QCOMPARE(liveOf(clean.json(), user).value(u"status").toString(), u"matches"_s);

        IoTenant &tenant = m_runtime->tenant();
        QVERIFY(tenant.setUserRoles(u"svc-orders"_s, {u"orders-exec"_s, u"customers-exec"_s}));
        QVERIFY(tenant.setUserRoles(u"svc-invoicing"_s, {}));
        const Run found = advise({u"--live"_s, u"--json"_s}, passwords(Canary));
        QCOMPARE(found.exitCode, 2);
        const QJsonObject json = found.json();
        const QJsonObject orders = liveOf(json, u"svc-orders"_s);
        QCOMPARE(orders.value(u"status").toString(), u"mismatch"_s);
        QCOMPARE(orders.value(u"excess").toArray(), QJsonArray{u"Customers"_s});
        const QJsonObject invoicing = liveOf(json, u"svc-invoicing"_s);
        QCOMPARE(invoicing.value(u"status").toString(), u"mismatch"_s);
        QCOMPARE(invoicing.value(u"missing").toArray(), QJsonArray{u"Invoicing"_s});
        QVERIFY(invoicing.value(u"message").toString().contains(u"those calls answer 401"_s));
        const QJsonObject customers = liveOf(json, u"svc-customers"_s);
        QCOMPARE(customers.value(u"status").toString(), u"refused"_s);
        QVERIFY(customers.value(u"message").toString().contains(u"io-customers-basic"_s));
        QVERIFY(!found.out.contains(Canary) && !found.err.contains(Canary));
    }

    void liveSignsInOncePerUserAndReportsALock()
    {
        QCOMPARE(advise({u"--apply"_s, u"perProject"_s}).exitCode, 0);
        IoTenant &tenant = m_runtime->tenant();
        tenant.setLockOutPolicy(2, 5);
        QCOMPARE(advise({u"--live"_s}, passwords(Canary)).exitCode, 2);
        QVERIFY2(!tenant.isLocked(u"svc-customers"_s), "one run is one attempt: the user must not be locked yet");
        QCOMPARE(advise({u"--live"_s}, passwords(Canary)).exitCode, 2);
        QVERIFY(tenant.isLocked(u"svc-customers"_s));
        // Locked: even the right password is refused, and the check says why.
        const Run locked = advise({u"--live"_s, u"--json"_s}, passwords());
        QCOMPARE(locked.exitCode, 2);
        const QJsonObject customers = liveOf(locked.json(), u"svc-customers"_s);
        QCOMPARE(customers.value(u"status").toString(), u"locked"_s);
        QVERIFY(customers.value(u"message").toString().contains(u"is locked"_s));
        tenant.unlock(u"svc-customers"_s);
        QCOMPARE(advise({u"--live"_s}, passwords()).exitCode, 0);
    }

    void liveWithoutPasswordOrTenant()
    {
        const Run noPassword = advise({u"--live"_s, u"--json"_s}, QProcessEnvironment());
        QCOMPARE(noPassword.exitCode, 2);
        const QString status = liveOf(noPassword.json(), u"svc-orders"_s).value(u"status").toString();
        QVERIFY2(status == u"no-password", qPrintable(noPassword.out));
        const Run noTenant = advise({u"--live"_s, u"--set"_s, u"tenant.url="_s}, passwords());
        QCOMPARE(noTenant.exitCode, 2);
        QVERIFY2(noTenant.out.contains(u"has no .io tenant URL"_s), qPrintable(noTenant.out));
    }

    void errorsExitOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown strategy")
            << QStringList{u"--apply"_s, u"everyone"_s} << u"--apply takes shared, perProject or bySensitivity"_s;
        QTest::newRow("bad rotation") << QStringList{u"--rotation-days"_s, u"0"_s} << u"--rotation-days needs"_s;
        QTest::newRow("apply with live") << QStringList{u"--apply"_s, u"shared"_s, u"--live"_s}
                                         << u"do not go together"_s;
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"unknown option"_s;
    }
    void errorsExitOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = advise(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void missingWorkspaceExitsOne()
    {
        QFile::remove(workspacePath());
        const Run run = advise({});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(workspacePath()), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestAdviseCli)
#include "tst_advisecli.moc"
