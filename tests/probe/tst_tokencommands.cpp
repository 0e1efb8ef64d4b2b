// SPDX-License-Identifier: GPL-3.0-or-later
// gatewright token / gatewright call against the demo sandbox: the CLI's output and exit codes.
#include "cli/cli.h"
#include "sandboxpeer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTokenCommands : public QObject
{
    Q_OBJECT

private:
    SandboxPeer m_sandbox;
    QTemporaryDir m_dir;
    QString m_workspace;

    int run(const QStringList &arguments, QString *out, QString *err = nullptr)
    {
        QString outText;
        QString errText;
        QTextStream outStream(&outText);
        QTextStream errStream(&errText);
        QProcessEnvironment environment;
        environment.insert(u"GATEWRIGHT_CLIENT_SECRET"_s, m_sandbox.clientSecret());
        gw::cli::CliIo io{outStream, errStream, environment};
        const int code = gw::cli::run(QStringList{u"gatewright"_s} + arguments, io);
        outStream.flush();
        errStream.flush();
        *out = outText;
        if (err)
            *err = errText;
        return code;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.error()));
        m_workspace = m_dir.filePath(u"demo.gatewright.json"_s);
        QFile file(m_workspace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_sandbox.demoWorkspaceJson());
    }

    void tokenJsonIsVerifiedWithItsClaims()
    {
        QString out;
        QString err;
        const int code =
            run({u"token"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s, u"--json"_s}, &out, &err);
        QCOMPARE(code, 0);
        const QJsonObject json = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(json.value(u"verified"_s).toBool(), qPrintable(out + err));
        QCOMPARE(json.value(u"verification"_s).toString(), u"verified"_s);
        QCOMPARE(json.value(u"claims"_s).toObject().value(u"iss"_s).toString(), m_sandbox.issuer());
        QCOMPARE(json.value(u"claims"_s).toObject().value(u"aud"_s).toString(), u"gatewright-demo-gateway"_s);
        QCOMPARE(json.value(u"header"_s).toObject().value(u"typ"_s).toString(), u"at+jwt"_s);
        QVERIFY(json.value(u"accessToken"_s).toString().startsWith(u"eyJ"_s));
        QVERIFY(!err.contains(m_sandbox.clientSecret()));
    }

    void revokeThenIntrospectSaysNotActiveAndExplainsJwtLifetime()
    {
        const QStringList base{u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s};
        QString out;
        QCOMPARE(run(QStringList{u"token"_s} + base + QStringList{u"--json"_s}, &out), 0);
        const QString token = QJsonDocument::fromJson(out.toUtf8()).object().value(u"accessToken"_s).toString();
        QVERIFY(!token.isEmpty());
        QCOMPARE(run(QStringList{u"introspect"_s} + base + QStringList{u"--token"_s, token, u"--json"_s}, &out), 0);
        QVERIFY(QJsonDocument::fromJson(out.toUtf8()).object().value(u"active"_s).toBool());

        QCOMPARE(run(QStringList{u"revoke"_s} + base + QStringList{u"--token"_s, token}, &out), 0);
        QVERIFY2(out.contains(u"still accepts it until exp"_s), qPrintable(out));
        QVERIFY(out.contains(u"Only introspection-based validation or a shorter token lifetime"_s));

        QCOMPARE(run(QStringList{u"introspect"_s} + base + QStringList{u"--token"_s, token}, &out), 2);
        QVERIFY2(out.startsWith(u"not active"_s), qPrintable(out));
        // Without --token it gets one first: a fresh token is active.
        QCOMPARE(run(QStringList{u"introspect"_s} + base, &out), 0);
        QVERIFY(!out.contains(m_sandbox.clientSecret()));
    }

    void setOverridesTheAudienceAndTheTokenFailsVerification()
    {
        QString out;
        const int code = run({u"token"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s, u"--json"_s,
                              u"--set"_s, u"oauth.audience=urn:someone:else"_s},
                             &out);
        QCOMPARE(code, 1);
        const QJsonObject json = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(json.value(u"verification"_s).toString(), u"invalid"_s);
        QCOMPARE(json.value(u"errors"_s).toArray().first().toString(), u"audience-mismatch"_s);
    }

    void callWithoutOutboundAuthPrintsTheNativeProviderDiagnosisAndItsFix()
    {
        QString out;
        const int code = run({u"call"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s, u"--proxy"_s,
                              u"InvoicesIssue"_s, u"--method"_s, u"POST"_s, u"--body"_s, u"{\"amount\":1}"_s},
                             &out);
        QCOMPARE(code, 1);
        QVERIFY2(out.contains(u"HTTP 401 in "_s), qPrintable(out));
        QVERIFY(out.contains(u"Diagnosis: Outbound authentication is missing on InvoicesIssue 1.0 "
                             u"[native-provider-outbound-auth-missing]"_s));
        QVERIFY(out.contains(u"Fix: Add Outbound Auth - Transport with alias io-invoicing-basic to InvoicesIssue 1.0 "
                             u"(its technical user has execute on project Invoicing), then push the workspace to the "
                             u"gateway."_s));
    }

    void callOnAGoodProxyAnswers200()
    {
        QString out;
        const int code =
            run({u"call"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s, u"--proxy"_s, u"OrdersCreate"_s,
                 u"--path"_s, u"/"_s, u"--method"_s, u"POST"_s, u"--body"_s, u"{}"_s, u"--json"_s},
                &out);
        QCOMPARE(code, 0);
        const QJsonObject json = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(json.value(u"status"_s).toInt(), 200);
        QCOMPARE(json.value(u"diagnosis"_s).toObject().value(u"code"_s).toString(), u"success"_s);
        QCOMPARE(json.value(u"body"_s).toObject().value(u"output"_s).toObject().value(u"executedBy"_s).toString(),
                 u"svc-orders"_s);
    }

    void callWithoutATokenIsDiagnosed()
    {
        QString out;
        const int code = run({u"call"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s, u"--proxy"_s,
                              u"OrdersList"_s, u"--no-token"_s, u"--json"_s},
                             &out);
        QCOMPARE(code, 1);
        QCOMPARE(
            QJsonDocument::fromJson(out.toUtf8()).object().value(u"diagnosis"_s).toObject().value(u"code"_s).toString(),
            u"token-missing"_s);
    }

    void usageErrors()
    {
        QString out;
        QString err;
        QCOMPARE(run({u"call"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s}, &out, &err), 1);
        QCOMPARE(err, u"gatewright call: --proxy NAME is required.\n"_s);
        QCOMPARE(run({u"call"_s, u"--workspace"_s, m_workspace, u"--env"_s, u"sandbox"_s, u"--proxy"_s, u"Nope"_s},
                     &out, &err),
                 1);
        QCOMPARE(err, u"gatewright call: The workspace has no proxy \"Nope\".\n"_s);
    }
};

QTEST_GUILESS_MAIN(TestTokenCommands)
#include "tst_tokencommands.moc"
