// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "version.h"

#include "testpaths.h"

#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void headlessDetection_data();
    void headlessDetection();
    void versionAndHelp();
    void unknownCommandIsAnError();
};

void TestCli::headlessDetection_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("headless");
    QTest::newRow("no arguments opens the console") << QStringList{QStringLiteral("gatewright")} << false;
    QTest::newRow("--version") << QStringList{QStringLiteral("gatewright"), QStringLiteral("--version")} << true;
    QTest::newRow("--help") << QStringList{QStringLiteral("gatewright"), QStringLiteral("--help")} << true;
    QTest::newRow("a subcommand") << QStringList{QStringLiteral("gatewright"), QStringLiteral("plan")} << true;
    QTest::newRow("a workspace file opens the console")
        << QStringList{QStringLiteral("gatewright"), QStringLiteral("resources/examples/demo.gatewright.json")}
        << false;
    QTest::newRow("an existing file opens the console")
        << QStringList{QStringLiteral("gatewright"), QStringLiteral(GATEWRIGHT_SOURCE_DIR "/README.md")} << false;
    QTest::newRow("a Qt GUI option") << QStringList{QStringLiteral("gatewright"), QStringLiteral("-platform"),
                                                    QStringLiteral("offscreen")}
                                     << false;
}

void TestCli::headlessDetection()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, headless);
    QCOMPARE(gw::cli::isHeadlessInvocation(arguments), headless);
}

void TestCli::versionAndHelp()
{
    QString out, err;
    QTextStream o(&out), e(&err);
    gw::cli::CliIo io{o, e};
    QCOMPARE(gw::cli::run({QStringLiteral("gatewright"), QStringLiteral("--version")}, io), 0);
    o.flush();
    QCOMPARE(out, QStringLiteral("Gatewright " GATEWRIGHT_VERSION "\n"));
    out.clear();
    QCOMPARE(gw::cli::run({QStringLiteral("gatewright"), QStringLiteral("--help")}, io), 0);
    o.flush();
    QVERIFY2(out.contains(QLatin1String("Usage: gatewright")), qPrintable(out));
    for (const gw::cli::CliCommand &command : gw::cli::allCommands())
        QVERIFY2(out.contains(command.synopsis), qPrintable(command.name));
}

void TestCli::unknownCommandIsAnError()
{
    QString out, err;
    QTextStream o(&out), e(&err);
    gw::cli::CliIo io{o, e};
    QCOMPARE(gw::cli::run({QStringLiteral("gatewright"), QStringLiteral("frobnicate")}, io), 1);
    e.flush();
    QCOMPARE(err,
             QStringLiteral("gatewright: unknown command \"frobnicate\". Run 'gatewright --help' for the list.\n"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
