// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxoptions.h"

#include <QTest>

using namespace gw;

class TestSandboxOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        const auto result = SandboxOptionsParser::parse({QStringLiteral("gatewright-sandbox")}, QProcessEnvironment());
        QVERIFY2(result.options, qPrintable(result.error));
        QCOMPARE(result.options->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(result.options->port, quint16(5555));
        QCOMPARE(result.options->tenantPort, quint16(5556));
        QCOMPARE(result.options->oauthPort, quint16(5557));
        QCOMPARE(result.options->seed, QStringLiteral("empty"));
        QCOMPARE(result.options->adminUser, QStringLiteral("Administrator"));
        QCOMPARE(result.options->adminPassword, QStringLiteral("manage"));
    }

    void portZeroMakesEveryPortEphemeral()
    {
        const auto result = SandboxOptionsParser::parse(
            {QStringLiteral("gatewright-sandbox"), QStringLiteral("--port"), QStringLiteral("0")},
            QProcessEnvironment());
        QVERIFY(result.options);
        QCOMPARE(result.options->port, quint16(0));
        QCOMPARE(result.options->tenantPort, quint16(0));
        QCOMPARE(result.options->oauthPort, quint16(0));
    }

    void credentialsFromEnvironmentThenOptions()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_USER"), QStringLiteral("ops"));
        environment.insert(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_PASSWORD"), QStringLiteral("s3cret"));
        auto result = SandboxOptionsParser::parse({QStringLiteral("gatewright-sandbox")}, environment);
        QVERIFY(result.options);
        QCOMPARE(result.options->adminUser, QStringLiteral("ops"));
        QCOMPARE(result.options->adminPassword, QStringLiteral("s3cret"));
        result = SandboxOptionsParser::parse({QStringLiteral("gatewright-sandbox"), QStringLiteral("--admin-user"),
                                              QStringLiteral("root"), QStringLiteral("--admin-password"),
                                              QStringLiteral("pw")},
                                             environment);
        QVERIFY(result.options);
        QCOMPARE(result.options->adminUser, QStringLiteral("root"));
        QCOMPARE(result.options->adminPassword, QStringLiteral("pw"));
    }

    void rejected_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("remote host without --allow-remote")
            << QStringList{QStringLiteral("--host"), QStringLiteral("0.0.0.0")}
            << QStringLiteral("--host 0.0.0.0 is not a loopback address; add --allow-remote to listen on it");
        QTest::newRow("host name") << QStringList{QStringLiteral("--host"), QStringLiteral("example.com")}
                                   << QStringLiteral("--host \"example.com\" is not an IP address");
        QTest::newRow("port out of range") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                           << QStringLiteral("--port \"70000\" is not a port number (0-65535)");
        QTest::newRow("tenant port not a number")
            << QStringList{QStringLiteral("--tenant-port"), QStringLiteral("x")}
            << QStringLiteral("--tenant-port \"x\" is not a port number (0-65535)");
        QTest::newRow("fault without count")
            << QStringList{QStringLiteral("--fault"), QStringLiteral("PUT /policies/*")}
            << QStringLiteral("--fault \"PUT /policies/*\": expected 'METHOD PATH-GLOB:N:ACTION', e.g. 'PUT "
                              "/policies/*:3:500'");
        QTest::newRow("fault with unknown action")
            << QStringList{QStringLiteral("--fault"), QStringLiteral("GET /apis:1:explode")}
            << QStringLiteral("--fault \"GET /apis:1:explode\": ACTION must be an HTTP status 400-599, hang, drop, "
                              "commit-drop, null or array (got \"explode\")");
        QTest::newRow("user with colon") << QStringList{QStringLiteral("--admin-user"), QStringLiteral("a:b")}
                                         << QStringLiteral("the admin user must be non-empty and contain no ':'");
        QTest::newRow("remote with the default password")
            << QStringList{QStringLiteral("--host"), QStringLiteral("0.0.0.0"), QStringLiteral("--allow-remote")}
            << QStringLiteral("--allow-remote lets other machines reach the admin API, so the well-known default "
                              "password \"manage\" is refused; choose one with --admin-password or "
                              "$GATEWRIGHT_SANDBOX_ADMIN_PASSWORD");
        QTest::newRow("remote with the default password given explicitly")
            << QStringList{QStringLiteral("--allow-remote"), QStringLiteral("--admin-password"),
                           QStringLiteral("manage")}
            << QStringLiteral("--allow-remote lets other machines reach the admin API, so the well-known default "
                              "password \"manage\" is refused; choose one with --admin-password or "
                              "$GATEWRIGHT_SANDBOX_ADMIN_PASSWORD");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("serve")}
                                        << QStringLiteral("unexpected argument \"serve\"");
    }

    void rejected()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        arguments.prepend(QStringLiteral("gatewright-sandbox"));
        const auto result = SandboxOptionsParser::parse(arguments, QProcessEnvironment());
        QVERIFY(!result.options);
        QCOMPARE(result.error, error);
    }

    void remoteHostAllowedWithFlag()
    {
        const auto result = SandboxOptionsParser::parse(
            {QStringLiteral("gatewright-sandbox"), QStringLiteral("--host"), QStringLiteral("0.0.0.0"),
             QStringLiteral("--allow-remote"), QStringLiteral("--admin-password"), QStringLiteral("x7-remote")},
            QProcessEnvironment());
        QVERIFY2(result.options, qPrintable(result.error));
        QVERIFY(result.options->allowRemote);
    }

    void remoteAllowedWithPasswordFromEnvironment()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_PASSWORD"), QStringLiteral("x7-remote"));
        const auto result = SandboxOptionsParser::parse(
            {QStringLiteral("gatewright-sandbox"), QStringLiteral("--allow-remote")}, environment);
        QVERIFY2(result.options, qPrintable(result.error));
        QCOMPARE(result.options->adminPassword, QStringLiteral("x7-remote"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxOptions)
#include "tst_sandboxoptions.moc"
