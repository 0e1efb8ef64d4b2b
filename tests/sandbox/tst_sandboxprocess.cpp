// SPDX-License-Identifier: GPL-3.0-or-later
// The gatewright-sandbox executable as a user runs it: the one JSON line, Basic auth, clean SIGTERM,
// --state across restarts, and command-line errors.
#include "sandboxhttp.h"
#include "testpaths.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

static QString executable()
{
    return QStringLiteral(GATEWRIGHT_BINARY_DIR "/app/sandbox/gatewright-sandbox");
}

class TestSandboxProcess : public QObject
{
    Q_OBJECT
private:
    /// Starts the sandbox and returns its start-up line (empty when it printed none).
    QJsonObject start(QProcess &process, const QStringList &arguments)
    {
        process.setProgram(executable());
        process.setArguments(arguments);
        process.start();
        if (!process.waitForStarted(10000))
            return {};
        QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
        while (!process.canReadLine()) {
            if (!output.wait(10000))
                return {};
        }
        const QByteArray line = process.readLine();
        return QJsonDocument::fromJson(line).object();
    }
    static bool stop(QProcess &process)
    {
        process.terminate(); // SIGTERM
        QSignalSpy finished(&process, &QProcess::finished);
        return process.state() == QProcess::NotRunning || finished.wait(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(executable()), qPrintable(u"build gatewright-sandbox first: "_s + executable()));
    }

    void startupLineAuthAndCleanShutdown()
    {
        QTemporaryDir directory;
        const QString stateFile = directory.filePath(u"state.json"_s);
        QProcess process;
        const QJsonObject line = start(process, {u"--port"_s, u"0"_s, u"--seed"_s, u"demo"_s, u"--state"_s, stateFile});
        QVERIFY2(!line.isEmpty(), process.readAllStandardError().constData());
        const QString adminUrl = line.value(u"gateway"_s).toObject().value(u"adminUrl"_s).toString();
        QVERIFY2(adminUrl.startsWith(u"http://127.0.0.1:"_s) && adminUrl.endsWith(u"/rest/apigateway"_s),
                 qPrintable(adminUrl));
        QVERIFY(line.value(u"gateway"_s).toObject().value(u"runtimeUrl"_s).toString().endsWith(u"/gateway"_s));
        const QJsonObject admin = line.value(u"credentials"_s).toObject().value(u"gatewayAdmin"_s).toObject();
        QCOMPARE(admin.value(u"username"_s).toString(), u"Administrator"_s);
        QCOMPARE(admin.value(u"password"_s).toString(), u"manage"_s);
        QCOMPARE(line.value(u"sandbox"_s).toObject().value(u"pid"_s).toInteger(), process.processId());

        SandboxHttp http{QUrl(adminUrl)};
        HttpResult result = http.call("GET", u"/apis"_s);
        QCOMPARE(result.status, 401);
        http.setCredentials(admin.value(u"username"_s).toString(), admin.value(u"password"_s).toString());
        result = http.call("GET", u"/apis"_s);
        QCOMPARE(result.status, 200);
        QVERIFY(result.object().value(u"apiResponse"_s).isArray());
        result =
            http.call("POST", u"/alias"_s,
                      R"({"name":"io-invoicing-basic-copy","type":"httpTransportSecurityAlias","authType":"HTTP_BASIC",
                              "authMode":"NEW","httpAuthCredentials":{"userName":"svc-invoicing","password":"invoicing-demo-pass"}})");
        QCOMPARE(result.status, 201);

        QVERIFY(stop(process));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardOutput(), QByteArray()); // one line only

        // Restart on the same state: the alias is still there.
        QProcess again;
        const QJsonObject secondLine = start(again, {u"--port"_s, u"0"_s, u"--state"_s, stateFile});
        QVERIFY(!secondLine.isEmpty());
        SandboxHttp http2{QUrl(secondLine.value(u"gateway"_s).toObject().value(u"adminUrl"_s).toString())};
        http2.setCredentials(u"Administrator"_s, u"manage"_s);
        QStringList names;
        for (const QJsonValue &alias : http2.call("GET", u"/alias"_s).object().value(u"alias"_s).toArray())
            names << alias.toObject().value(u"name"_s).toString();
        QVERIFY2(names.contains(u"io-invoicing-basic-copy"_s), qPrintable(names.join(u", "_s)));
        QVERIFY(!secondLine.value(u"credentials"_s).toObject().contains(u"gatewayAdmin"_s)); // no --seed demo
        QVERIFY(stop(again));
        QCOMPARE(again.exitCode(), 0);
    }

    void credentialsFromEnvironment()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"GATEWRIGHT_SANDBOX_ADMIN_USER"_s, u"ops"_s);
        environment.insert(u"GATEWRIGHT_SANDBOX_ADMIN_PASSWORD"_s, u"ops-pass"_s);
        process.setProcessEnvironment(environment);
        const QJsonObject line = start(process, {u"--port"_s, u"0"_s});
        QVERIFY(!line.isEmpty());
        QVERIFY(!line.value(u"credentials"_s).toObject().contains(u"gatewayAdmin"_s)); // with --seed demo only
        SandboxHttp http{QUrl(line.value(u"gateway"_s).toObject().value(u"adminUrl"_s).toString())};
        http.setCredentials(u"Administrator"_s, u"manage"_s);
        QCOMPARE(http.call("GET", u"/alias"_s).status, 401);
        http.setCredentials(u"ops"_s, u"ops-pass"_s);
        QCOMPARE(http.call("GET", u"/alias"_s).status, 200);
        QVERIFY(stop(process));
        QCOMPARE(process.exitCode(), 0);
    }

    void commandLineErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("remote host") << QStringList{u"--host"_s, u"0.0.0.0"_s}
                                     << QByteArray("gatewright-sandbox: --host 0.0.0.0 is not a loopback address; add "
                                                   "--allow-remote to listen on it\n");
        QTest::newRow("missing seed file") << QStringList{u"--port"_s, u"0"_s, u"--seed"_s, u"/nonexistent/seed.json"_s}
                                           << QByteArray("gatewright-sandbox: cannot read the state file "
                                                         "/nonexistent/seed.json: No such file or directory\n");
    }
    void commandLineErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, error);
        QProcess process;
        process.start(executable(), arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        QCOMPARE(process.readAllStandardOutput(), QByteArray());
        const QByteArray stderrText = process.readAllStandardError();
        QVERIFY2(stderrText.contains(error), stderrText.constData());
    }
};

QTEST_GUILESS_MAIN(TestSandboxProcess)
#include "tst_sandboxprocess.moc"
