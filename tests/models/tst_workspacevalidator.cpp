// SPDX-License-Identifier: GPL-3.0-or-later
// The validator on Workspace values as an editor produces them (the file reader's use of it is
// covered by tst_workspacefile).
#include "examples.h"
#include "workspacefile.h"
#include "workspacevalidator.h"

#include <QTest>

#include <algorithm>
#include <functional>

using namespace gw;
using namespace Qt::StringLiterals;

using Edit = std::function<void(Workspace &)>;
Q_DECLARE_METATYPE(Edit)

namespace {

QStringList errorStrings(const QList<WorkspaceError> &errors)
{
    QStringList strings;
    for (const WorkspaceError &error : errors)
        strings.append(error.toString());
    return strings;
}

qsizetype indexOfAlias(const Workspace &ws, const QString &name)
{
    for (qsizetype i = 0; i < ws.aliases.size(); ++i) {
        if (ws.aliases.at(i).name == name)
            return i;
    }
    return -1;
}

} // namespace

class TestWorkspaceValidator : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void consistentWorkspacesHaveNoErrors();
    void edits_data();
    void edits();
    void urlProblem_data();
    void urlProblem();
    void hiddenCharactersInNames_data();
    void hiddenCharactersInNames();
    void hiddenCharacterInEveryNamedField_data();
    void hiddenCharacterInEveryNamedField();

private:
    Workspace m_demo;
};

void TestWorkspaceValidator::initTestCase()
{
    const WorkspaceReadResult result = WorkspaceFile::read(Examples::demoWorkspacePath());
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    m_demo = *result.workspace;
}

void TestWorkspaceValidator::consistentWorkspacesHaveNoErrors()
{
    QCOMPARE(errorStrings(WorkspaceValidator::validate(Workspace())), QStringList());
    QCOMPARE(errorStrings(WorkspaceValidator::validate(m_demo)), QStringList());
}

void TestWorkspaceValidator::edits_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QStringList>("errors");

    QTest::newRow("a new environment not filled in yet")
        << Edit([](Workspace &ws) { ws.environments.append(Environment()); })
        << QStringList{u"/environments/3/name: must not be empty"_s, u"/environments/3/gatewayUrl: must not be empty"_s,
                       u"/environments/3/ioTenantUrl: must not be empty"_s};
    QTest::newRow("environment name with a space")
        << Edit([](Workspace &ws) { ws.environments[1].name = u"dev eu"_s; })
        << QStringList{u"/environments/1/name: \"dev eu\" is not a valid environment name (letters, digits, '.', "
                       "'_' and '-', starting with a letter or digit)"_s};
    QTest::newRow("a proxy version with a slash")
        << Edit([](Workspace &ws) { ws.proxies[0].version = u"1.0/beta"_s; })
        << QStringList{u"/proxies/0/version: \"1.0/beta\" must not contain '/' nor begin or end with white space (the "
                       "gateway serves the proxy at /gateway/<name>/<version>)"_s};
    QTest::newRow("deleting an alias two proxies use")
        << Edit([](Workspace &ws) { ws.aliases.removeAt(indexOfAlias(ws, u"io-customers-basic"_s)); })
        << QStringList{u"/proxies/3/outboundAuth/alias: unknown alias \"io-customers-basic\""_s,
                       u"/proxies/4/outboundAuth/alias: unknown alias \"io-customers-basic\""_s};
    QTest::newRow("deleting the alias every routing endpoint goes through")
        << Edit([](Workspace &ws) { ws.aliases.removeAt(indexOfAlias(ws, u"io-tenant-url"_s)); })
        << QStringList{u"/proxies/0/routingEndpoint: unknown alias \"io-tenant-url\""_s,
                       u"/proxies/1/routingEndpoint: unknown alias \"io-tenant-url\""_s,
                       u"/proxies/2/routingEndpoint: unknown alias \"io-tenant-url\""_s,
                       u"/proxies/3/routingEndpoint: unknown alias \"io-tenant-url\""_s,
                       u"/proxies/4/routingEndpoint: unknown alias \"io-tenant-url\""_s,
                       u"/proxies/5/routingEndpoint: unknown alias \"io-tenant-url\""_s};
    QTest::newRow("deleting a project users and proxies depend on")
        << Edit([](Workspace &ws) { ws.projects.removeAt(2); })
        << QStringList{u"/technicalUsers/0/projects/2: unknown project \"Invoicing\""_s,
                       u"/technicalUsers/3/projects/0: unknown project \"Invoicing\""_s,
                       u"/proxies/5/project: unknown project \"Invoicing\""_s};
    QTest::newRow("renaming a technical user")
        << Edit([](Workspace &ws) { ws.technicalUsers[1].name = u"svc-orders-2"_s; })
        << QStringList{u"/aliases/1/technicalUser: unknown technical user \"svc-orders\""_s};
    QTest::newRow("a credentials alias without a keychain reference")
        << Edit([](Workspace &ws) { ws.aliases[0].password = SecretRef(); })
        << QStringList{u"/aliases/0/passwordRef: an httpTransportSecurityAlias needs a keychain reference for its "
                       "password, such as \"keychain:alias/io-shared-basic\""_s};
    QTest::newRow("adding outbound auth without choosing an alias") << Edit([](Workspace &ws) {
        ws.proxies[5].outbound = OutboundAuth{OutboundAuth::Kind::Alias, QString()};
    }) << QStringList{u"/proxies/5/outboundAuth/alias: must not be empty"_s};
    QTest::newRow("the fix for the native-provider 401") << Edit([](Workspace &ws) {
        ws.proxies[5].outbound = OutboundAuth{OutboundAuth::Kind::Alias, u"io-invoicing-basic"_s};
    }) << QStringList();
    QTest::newRow("second version of a proxy is not a duplicate") << Edit([](Workspace &ws) {
        GatewayProxy v2 = ws.proxies[0];
        v2.version = u"2.0"_s;
        ws.proxies.append(v2);
    }) << QStringList();
    QTest::newRow("same project listed twice for a user")
        << Edit([](Workspace &ws) { ws.technicalUsers[1].projects.append(u"Orders"_s); })
        << QStringList{u"/technicalUsers/1/projects/1: duplicate project \"Orders\" (first at "
                       "/technicalUsers/1/projects/0)"_s};
    QTest::newRow("duplicate project uid")
        << Edit([](Workspace &ws) { ws.projects[1].uid = ws.projects[0].uid; })
        << QStringList{u"/projects/1/uid: duplicate project uid \"fl-orders-7c1e\" (first at /projects/0)"_s};
    QTest::newRow("duplicate integration in a project")
        << Edit([](Workspace &ws) { ws.projects[0].integrations[2].name = u"createOrder"_s; })
        << QStringList{u"/projects/0/integrations/2/name: duplicate integration \"createOrder\" in project "
                       "\"Orders\" (first at /projects/0/integrations/0)"_s,
                       u"/proxies/2/integration: unknown integration \"listOrders\" in project \"Orders\""_s};
    QTest::newRow("name with trailing white space")
        << Edit([](Workspace &ws) { ws.aliases[3].name = u"io-invoicing-basic "_s; })
        << QStringList{u"/aliases/3/name: \"io-invoicing-basic \" must not begin or end with white space"_s};
    QTest::newRow("pin that is not a SHA-256")
        << Edit([](Workspace &ws) { ws.environments[2].tls.pinnedSha256 = u"AB:CD"_s; })
        << QStringList{u"/environments/2/tls/pinnedSha256: must be 64 hexadecimal digits (the SHA-256 of the "
                       "gateway's certificate)"_s};
    QTest::newRow("endpoint alias with a negative timeout") << Edit([](Workspace &ws) {
        Alias endpoint;
        endpoint.name = u"orders-endpoint"_s;
        endpoint.type = Alias::Type::Endpoint;
        endpoint.endpointUri = u"{{ioTenantUrl}}/orders"_s;
        endpoint.readTimeoutSeconds = -1;
        ws.aliases.append(endpoint);
    }) << QStringList{u"/aliases/5/readTimeoutSeconds: must not be negative"_s};
    QTest::newRow("routing to an alias that does not exist")
        << Edit([](Workspace &ws) { ws.proxies[0].routingEndpoint = u"${orders-endpoint}"_s; })
        << QStringList{u"/proxies/0/routingEndpoint: unknown alias \"orders-endpoint\""_s};
    QTest::newRow("routing with a relative URL")
        << Edit([](Workspace &ws) { ws.proxies[0].routingEndpoint = u"/integration/run/createOrder"_s; })
        << QStringList{u"/proxies/0/routingEndpoint: \"/integration/run/createOrder\" is not an absolute http or "
                       "https URL"_s};
}

void TestWorkspaceValidator::edits()
{
    QFETCH(Edit, edit);
    QFETCH(QStringList, errors);
    Workspace ws = m_demo;
    edit(ws);
    QCOMPARE(errorStrings(WorkspaceValidator::validate(ws)), errors);
}

void TestWorkspaceValidator::urlProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("https") << u"https://apigw.example.com:5543"_s << QString();
    QTest::newRow("http on 127.0.0.1") << u"http://127.0.0.1:5555"_s << QString();
    QTest::newRow("http on ::1") << u"http://[::1]:5555/"_s << QString();
    QTest::newRow("http on localhost") << u"http://localhost:5555"_s << QString();
    QTest::newRow("http elsewhere")
        << u"http://apigw.example.com"_s
        << u"\"http://apigw.example.com\" must use https (plain http is accepted only for 127.0.0.1, ::1 and "
           "localhost)"_s;
    QTest::newRow("no scheme") << u"apigw.example.com"_s
                               << u"\"apigw.example.com\" is not an absolute http or https URL"_s;
    QTest::newRow("other scheme") << u"ftp://apigw.example.com"_s
                                  << u"\"ftp://apigw.example.com\" is not an absolute http or https URL"_s;
    QTest::newRow("space in host") << u"https://apigw example.com"_s
                                   << u"\"https://apigw example.com\" is not an absolute http or https URL"_s;
    QTest::newRow("fragment") << u"https://apigw.example.com/#x"_s
                              << u"\"https://apigw.example.com/#x\" must not have a fragment"_s;
    QTest::newRow("user info") << u"https://u:p@apigw.example.com"_s
                               << u"must not contain a user name or password; credentials belong in the keychain"_s;
}

void TestWorkspaceValidator::urlProblem()
{
    QFETCH(QString, url);
    QFETCH(QString, problem);
    QCOMPARE(WorkspaceValidator::urlProblem(url), problem);
}

void TestWorkspaceValidator::hiddenCharactersInNames_data()
{
    QTest::addColumn<QString>("character");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("kind");
    const QString control = u"a control character"_s;
    const QString bidi = u"a bidirectional formatting character"_s;
    const QString invisible = u"an invisible character"_s;
    QTest::newRow("NUL") << QString(QChar(0x0000)) << u"U+0000"_s << control;
    QTest::newRow("tab") << u"\t"_s << u"U+0009"_s << control;
    QTest::newRow("ESC") << u"\x1b"_s << u"U+001B"_s << control;
    QTest::newRow("DEL") << u"\x7f"_s << u"U+007F"_s << control;
    QTest::newRow("C1 CSI") << QString(QChar(0x009B)) << u"U+009B"_s << control;
    QTest::newRow("LRE") << QString(QChar(0x202A)) << u"U+202A"_s << bidi;
    QTest::newRow("RLO") << QString(QChar(0x202E)) << u"U+202E"_s << bidi;
    QTest::newRow("LRI") << QString(QChar(0x2066)) << u"U+2066"_s << bidi;
    QTest::newRow("PDI") << QString(QChar(0x2069)) << u"U+2069"_s << bidi;
    QTest::newRow("zero-width space") << QString(QChar(0x200B)) << u"U+200B"_s << invisible;
    QTest::newRow("zero-width joiner") << QString(QChar(0x200D)) << u"U+200D"_s << invisible;
    QTest::newRow("word joiner") << QString(QChar(0x2060)) << u"U+2060"_s << invisible;
    QTest::newRow("BOM") << QString(QChar(0xFEFF)) << u"U+FEFF"_s << invisible;
    QTest::newRow("unpaired surrogate") << QString(QChar(0xD800)) << u"U+D800"_s << u"an unpaired surrogate"_s;
}

void TestWorkspaceValidator::hiddenCharactersInNames()
{
    QFETCH(QString, character);
    QFETCH(QString, shown);
    QFETCH(QString, kind);
    Workspace ws = m_demo;
    ws.proxies[0].name = u"Orders"_s + character + u"Create"_s;
    // The message shows the name escaped: echoing ESC or U+202E would act on the terminal.
    const QString expected =
        u"/proxies/0/name: \"Orders\\u{%1}Create\" contains %2, %3; remove it (names must not "
        "hold control, invisible or bidirectional formatting characters)"_s.arg(shown.mid(2), shown, kind);
    QCOMPARE(errorStrings(WorkspaceValidator::validate(ws)), QStringList{expected});
}

void TestWorkspaceValidator::hiddenCharacterInEveryNamedField_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("pointer");
    const QString rlo = QString(QChar(0x202E));
    QTest::newRow("environment") << Edit([rlo](Workspace &ws) { ws.environments[1].name += rlo; })
                                 << u"/environments/1/name"_s;
    QTest::newRow("admin user") << Edit([rlo](Workspace &ws) { ws.environments[1].adminUser += rlo; })
                                << u"/environments/1/adminUser"_s;
    QTest::newRow("tenant user") << Edit([rlo](Workspace &ws) { ws.environments[1].ioTenantUser = u"dev"_s + rlo; })
                                 << u"/environments/1/tenantUser"_s;
    QTest::newRow("OAuth client") << Edit([rlo](Workspace &ws) { ws.environments[1].oauth.clientId = u"c"_s + rlo; })
                                  << u"/environments/1/oauth/clientId"_s;
    QTest::newRow("project") << Edit([rlo](Workspace &ws) { ws.projects[0].name += rlo; }) << u"/projects/0/name"_s;
    QTest::newRow("integration") << Edit([rlo](Workspace &ws) { ws.projects[0].integrations[0].name += rlo; })
                                 << u"/projects/0/integrations/0/name"_s;
    QTest::newRow("technical user") << Edit([rlo](Workspace &ws) { ws.technicalUsers[0].name += rlo; })
                                    << u"/technicalUsers/0/name"_s;
    QTest::newRow("alias") << Edit([rlo](Workspace &ws) { ws.aliases[0].name += rlo; }) << u"/aliases/0/name"_s;
    QTest::newRow("proxy version") << Edit([rlo](Workspace &ws) { ws.proxies[0].version += rlo; })
                                   << u"/proxies/0/version"_s;
}

void TestWorkspaceValidator::hiddenCharacterInEveryNamedField()
{
    QFETCH(Edit, edit);
    QFETCH(QString, pointer);
    Workspace ws = m_demo;
    edit(ws);
    const QStringList errors = errorStrings(WorkspaceValidator::validate(ws));
    // Renaming may also break references to the old name; the refusal must be among the errors.
    const auto found = std::find_if(errors.cbegin(), errors.cend(), [&](const QString &error) {
        return error.startsWith(pointer + u": "_s) && error.contains(u"\\u{202E}\" contains U+202E, a bidirectional "
                                                                     "formatting character; remove it"_s);
    });
    QVERIFY2(found != errors.cend(), qPrintable(errors.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestWorkspaceValidator)
#include "tst_workspacevalidator.moc"
