// SPDX-License-Identifier: GPL-3.0-or-later
#include "examples.h"
#include "testpaths.h"
#include "workspacefile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace gw;
using namespace Qt::StringLiterals;

namespace {

QString demoPath()
{
    return QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray demoBytes()
{
    return readAll(demoPath());
}

/// The value at `tokens` replaced by `value`, or removed when `value` is empty. An array index one
/// past the end appends.
QJsonValue edited(const QJsonValue &node, QStringList tokens, const std::optional<QJsonValue> &value)
{
    const QString token = tokens.takeFirst();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const auto index = token.toLongLong();
        if (tokens.isEmpty()) {
            if (!value)
                array.removeAt(index);
            else if (index == array.size())
                array.append(*value);
            else
                array.replace(index, *value);
        } else {
            array.replace(index, edited(array.at(index), tokens, value));
        }
        return array;
    }
    QJsonObject object = node.toObject();
    if (tokens.isEmpty()) {
        if (value)
            object.insert(token, *value);
        else
            object.remove(token);
    } else {
        object.insert(token, edited(object.value(token), tokens, value));
    }
    return object;
}

/// The demo file with one change at a JSON pointer.
QByteArray demoWith(const QString &pointer, const std::optional<QJsonValue> &value)
{
    const QJsonObject root = QJsonDocument::fromJson(demoBytes()).object();
    const QJsonValue changed = edited(root, pointer.mid(1).split(QLatin1Char('/')), value);
    return QJsonDocument(changed.toObject()).toJson(QJsonDocument::Indented);
}

QByteArray demoWithout(const QString &pointer)
{
    return demoWith(pointer, std::nullopt);
}

QJsonValue demoValue(const QString &pointer)
{
    QJsonValue node = QJsonDocument::fromJson(demoBytes()).object();
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (const QString &token : tokens)
        node = node.isArray() ? node.toArray().at(token.toLongLong()) : node.toObject().value(token);
    return node;
}

QStringList errorStrings(const WorkspaceReadResult &result)
{
    QStringList strings;
    for (const WorkspaceError &error : result.errors)
        strings.append(error.toString());
    return strings;
}

} // namespace

class TestWorkspaceFile : public QObject
{
    Q_OBJECT
private slots:
    void demoRoundTripIsByteIdentical();
    void demoMatchesTheScenario();
    void schemaOneFilesReadAndSaveAsTwo();
    void environmentFieldsOfSchemaTwoRoundTrip();
    void escapedTextRoundTrips();
    void badFiles_data();
    void badFiles();
    void secretValuesAreNeverEchoed();
    void damagedFilesGiveErrorsNotCrashes();
    void errorListIsCapped();
    void oversizedFileIsRefusedBeforeReading();
    void missingFileNamesThePath();
    void specialFilesAreRefused_data();
    void specialFilesAreRefused();
    void fifoIsRefusedWithoutBlocking();
    void failedReadLeavesTheOpenWorkspaceUnchanged();
    void invalidWorkspaceIsNotWrittenAndOldFileStays();
    void failedSaveLeavesTheOldFile();
    void writeIsAtomicAndOwnerOnly();
};

void TestWorkspaceFile::demoRoundTripIsByteIdentical()
{
    const QByteArray original = demoBytes();
    QVERIFY(!original.isEmpty());
    const WorkspaceReadResult result = WorkspaceFile::fromJson(original);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(WorkspaceFile::toJson(*result.workspace), original);
    QCOMPARE(readAll(Examples::demoWorkspacePath()), original); // the copy built into the program

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"copy.gatewright.json"_s);
    QString error;
    QVERIFY2(WorkspaceFile::write(*result.workspace, path, &error), qPrintable(error));
    QCOMPARE(readAll(path), original);
    const WorkspaceReadResult again = WorkspaceFile::read(path);
    QVERIFY2(again.ok(), qPrintable(again.errorString()));
    QCOMPARE(*again.workspace, *result.workspace);
}

void TestWorkspaceFile::schemaOneFilesReadAndSaveAsTwo()
{
    const WorkspaceReadResult result = WorkspaceFile::fromJson(demoWith(u"/schemaVersion"_s, 1));
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QVERIFY(WorkspaceFile::toJson(*result.workspace).contains("\"schemaVersion\": 2"));
    QVERIFY(!result.workspace->environments.first().production);
    QCOMPARE(result.workspace->environments.first().oauth.clientAuthMethod, OAuthServer::ClientAuthMethod::Basic);
}

void TestWorkspaceFile::environmentFieldsOfSchemaTwoRoundTrip()
{
    WorkspaceReadResult result = WorkspaceFile::fromJson(demoBytes());
    QVERIFY(result.ok());
    Workspace workspace = *result.workspace;
    Environment &environment = workspace.environments.first();
    environment.ioTenantUser = u"svc-reader"_s;
    environment.production = true;
    environment.oauth.clientAuthMethod = OAuthServer::ClientAuthMethod::Post;
    environment.oauth.resource = u"https://gateway.example.com/gateway"_s;
    const QByteArray json = WorkspaceFile::toJson(workspace);
    QVERIFY(json.contains("\"clientAuthMethod\": \"client_secret_post\""));
    const WorkspaceReadResult again = WorkspaceFile::fromJson(json);
    QVERIFY2(again.ok(), qPrintable(again.errorString()));
    QCOMPARE(*again.workspace, workspace);

    const WorkspaceReadResult bad =
        WorkspaceFile::fromJson(demoWith(u"/environments/0/oauth/clientAuthMethod"_s, u"private_key_jwt"_s));
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorString().contains(u"/environments/0/oauth/clientAuthMethod"_s), qPrintable(bad.errorString()));
}

void TestWorkspaceFile::demoMatchesTheScenario()
{
    const WorkspaceReadResult result = WorkspaceFile::read(demoPath());
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    const Workspace &ws = *result.workspace;
    QCOMPARE(ws.credentialStrategy, CredentialStrategy::Custom);

    QStringList environments;
    for (const Environment &env : ws.environments)
        environments.append(env.name);
    QCOMPARE(environments, (QStringList{u"sandbox"_s, u"dev"_s, u"prod"_s}));
    const Environment *sandbox = ws.environment(u"sandbox"_s);
    QCOMPARE(sandbox->gatewayUrl, u"http://127.0.0.1:5555"_s);
    QCOMPARE(sandbox->ioTenantUrl, u"http://127.0.0.1:5556"_s);
    QCOMPARE(sandbox->adminUser, u"Administrator"_s);
    QCOMPARE(sandbox->oauth.issuer, u"http://127.0.0.1:5557"_s);
    QCOMPARE(sandbox->oauth.tokenEndpoint, u"http://127.0.0.1:5557/oauth2/token"_s);
    QCOMPARE(sandbox->oauth.clientId, u"demo-client"_s);
    QCOMPARE(sandbox->oauth.audience, u"gatewright-demo-gateway"_s);

    QCOMPARE(ws.projects.size(), 3);
    QCOMPARE(ws.project(u"Orders"_s)->uid, u"fl-orders-7c1e"_s);
    QCOMPARE(ws.project(u"Customers"_s)->integration(u"customerUpdated"_s)->path,
             u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s);
    QCOMPARE(ws.project(u"Customers"_s)->integration(u"customerUpdated"_s)->kind, Integration::Kind::Webhook);
    QCOMPARE(ws.project(u"Invoicing"_s)->integration(u"issueInvoice"_s)->path,
             u"/integration/rest/external/integration/run/development/issueInvoice"_s);

    QCOMPARE(ws.technicalUser(u"svc-gateway-shared"_s)->projects,
             (QStringList{u"Orders"_s, u"Customers"_s, u"Invoicing"_s}));
    QCOMPARE(ws.technicalUsers.size(), 4);
    QCOMPARE(ws.alias(u"io-orders-basic"_s)->technicalUser, u"svc-orders"_s);
    QCOMPARE(ws.alias(u"io-orders-basic"_s)->password.key, u"alias/io-orders-basic"_s);
    QCOMPARE(ws.alias(u"io-tenant-url"_s)->type, Alias::Type::Simple);
    QCOMPARE(ws.aliases.size(), 5);

    struct Expected
    {
        QString name, project, integration, scope, alias;
    };
    const Expected proxies[] = {
        {u"OrdersCreate"_s, u"Orders"_s, u"createOrder"_s, u"orders:write"_s, u"io-orders-basic"_s},
        {u"OrdersStatus"_s, u"Orders"_s, u"getOrderStatus"_s, u"orders:read"_s, u"io-orders-basic"_s},
        {u"OrdersList"_s, u"Orders"_s, u"listOrders"_s, u"orders:read"_s, u"io-shared-basic"_s},
        {u"CustomersLookup"_s, u"Customers"_s, u"lookupCustomer"_s, u"customers:read"_s, u"io-customers-basic"_s},
        {u"CustomersEvents"_s, u"Customers"_s, u"customerUpdated"_s, u"customers:read"_s, u"io-customers-basic"_s},
        {u"InvoicesIssue"_s, u"Invoicing"_s, u"issueInvoice"_s, u"invoices:write"_s, QString()},
    };
    QCOMPARE(ws.proxies.size(), std::size(proxies));
    for (const Expected &expected : proxies) {
        const GatewayProxy *proxy = ws.proxy(expected.name, u"1.0"_s);
        QVERIFY2(proxy, qPrintable(expected.name));
        QCOMPARE(proxy->project, expected.project);
        QCOMPARE(proxy->integration, expected.integration);
        QCOMPARE(proxy->inbound.kind, InboundAuth::Kind::OAuth2Token);
        QCOMPARE(proxy->inbound.scopes, QStringList{expected.scope});
        QCOMPARE(proxy->outbound.kind, expected.alias.isEmpty() ? OutboundAuth::Kind::None : OutboundAuth::Kind::Alias);
        QCOMPARE(proxy->outbound.alias, expected.alias);
        // Through the gateway's io-tenant-url alias, as gatewright-sandbox --seed demo creates them.
        QCOMPARE(proxy->routingEndpoint, u"${io-tenant-url}"_s +
                                             ws.project(expected.project)->integration(expected.integration)->path +
                                             u"/${sys:resource_path}"_s);
    }
}

void TestWorkspaceFile::escapedTextRoundTrips()
{
    Workspace ws;
    ws.name = u"Caf\u00e9 \"quoted\" back\\slash\nnew line\ttab \u0001 \U0001F600 </script>"_s;
    ws.credentialStrategy = CredentialStrategy::PerProject;
    IoProject project;
    project.name = u"Ordn\u00fcng"_s;
    project.uid = u"fl-1"_s;
    ws.projects.append(project);
    const QByteArray json = WorkspaceFile::toJson(ws);
    QVERIFY(json.endsWith("}\n"));
    QVERIFY(json.contains("\"name\": \"Caf\xC3\xA9 \\\"quoted\\\" back\\\\slash\\nnew line\\ttab \\u0001 "));
    const WorkspaceReadResult result = WorkspaceFile::fromJson(json);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(*result.workspace, ws);
    QCOMPARE(WorkspaceFile::toJson(*result.workspace), json);
    // A UTF-8 BOM from an editor is tolerated and not written back.
    const WorkspaceReadResult withBom = WorkspaceFile::fromJson("\xEF\xBB\xBF" + json);
    QVERIFY2(withBom.ok(), qPrintable(withBom.errorString()));
    QCOMPARE(*withBom.workspace, ws);
}

void TestWorkspaceFile::badFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("errors");

    QTest::newRow("syntax error: missing comma")
        << "{\n  \"format\": \"gatewright-workspace\"\n  \"schemaVersion\": 1\n}\n"_ba
        << QStringList{u"line 3, column 4: invalid JSON: unterminated object"_s};
    QTest::newRow("syntax error: unterminated string, column counts characters")
        << "{\n  \"name\": \"Caf\xC3\xA9,\n"_ba
        << QStringList{u"line 3, column 1: invalid JSON: unterminated string"_s};
    QTest::newRow("key given twice")
        << "{\n  \"format\": \"gatewright-workspace\",\n  \"proxies\": [{\"a\": 1}, {\"a\": 2}],\n  \"format\": \"x\"\n}"_ba
        << QStringList{u"line 4, column 3: the key \"format\" appears twice in the same object"_s};
    QTest::newRow("empty file") << "  \n"_ba << QStringList{u"the file is empty"_s};
    QTest::newRow("top level is an array")
        << "[]"_ba << QStringList{u"the top level must be a JSON object, found an array"_s};
    QTest::newRow("nesting too deep") << QByteArray("{\"a\":" + QByteArray(40, '[') + QByteArray(40, ']') + "}")
                                      << QStringList{u"line 1, column 37: arrays and objects are nested deeper than "
                                                     "32 levels"_s};
    QTest::newRow("newer schema") << demoWith(u"/schemaVersion"_s, 7)
                                  << QStringList{u"/schemaVersion: this file was written by a newer Gatewright "
                                                 "(schema 7); this version reads schema 2 \u2014 upgrade Gatewright"_s};
    QTest::newRow("schema version is a string")
        << demoWith(u"/schemaVersion"_s, u"1"_s)
        << QStringList{u"/schemaVersion: expected a positive integer, found a string"_s};
    QTest::newRow("missing format") << demoWithout(u"/format"_s)
                                    << QStringList{u"not a Gatewright workspace: missing \"format\": "
                                                   "\"gatewright-workspace\""_s};
    QTest::newRow("another format") << demoWith(u"/format"_s, u"gwadmin-config"_s)
                                    << QStringList{u"/format: not a Gatewright workspace: expected "
                                                   "\"gatewright-workspace\""_s};
    QTest::newRow("wrong type") << demoWith(u"/proxies/0/active"_s, u"yes"_s)
                                << QStringList{u"/proxies/0/active: expected a boolean, found a string"_s};
    QTest::newRow("list where an object belongs")
        << demoWith(u"/proxies/1/inboundAuth"_s, QJsonArray{u"orders:read"_s})
        << QStringList{u"/proxies/1/inboundAuth: expected an object, found an array"_s};
    QTest::newRow("missing required field")
        << demoWithout(u"/proxies/1/project"_s) << QStringList{u"/proxies/1: missing required field \"project\""_s};
    QTest::newRow("missing top-level list")
        << demoWithout(u"/aliases"_s) << QStringList{u"missing required field \"aliases\""_s};
    QTest::newRow("misspelt field")
        << demoWith(u"/technicalUsers/0/project"_s, QJsonArray{u"Orders"_s})
        << QStringList{u"/technicalUsers/0/project: unknown field in a technical user (known: description, name, "
                       "projects)"_s};
    QTest::newRow("unknown alias") << demoWith(u"/proxies/2/outboundAuth/alias"_s, u"io-orders"_s)
                                   << QStringList{u"/proxies/2/outboundAuth/alias: unknown alias \"io-orders\""_s};
    QTest::newRow("outbound alias is not an httpTransportSecurityAlias")
        << demoWith(u"/proxies/0/outboundAuth/alias"_s, u"io-tenant-url"_s)
        << QStringList{u"/proxies/0/outboundAuth/alias: alias \"io-tenant-url\" is a simple alias; Outbound Auth - "
                       "Transport needs an httpTransportSecurityAlias"_s};
    QTest::newRow("outbound alias with kind none")
        << demoWith(u"/proxies/5/outboundAuth/alias"_s, u"io-invoicing-basic"_s)
        << QStringList{u"/proxies/5/outboundAuth/alias: only allowed when kind is \"alias\""_s};
    QTest::newRow("unknown project") << demoWith(u"/proxies/3/project"_s, u"Billing"_s)
                                     << QStringList{u"/proxies/3/project: unknown project \"Billing\""_s};
    QTest::newRow("unknown integration")
        << demoWith(u"/proxies/0/integration"_s, u"createOrdr"_s)
        << QStringList{u"/proxies/0/integration: unknown integration \"createOrdr\" in project \"Orders\""_s};
    QTest::newRow("duplicate proxy name and version")
        << demoWith(u"/proxies/1/name"_s, u"OrdersCreate"_s)
        << QStringList{u"/proxies/1: duplicate proxy \"OrdersCreate\" version \"1.0\" (first at /proxies/0)"_s};
    QTest::newRow("duplicate alias")
        << demoWith(u"/aliases/5"_s, demoValue(u"/aliases/1"_s))
        << QStringList{u"/aliases/5/name: duplicate alias \"io-orders-basic\" (first at /aliases/1)"_s};
    QTest::newRow("duplicate environment")
        << demoWith(u"/environments/2/name"_s, u"dev"_s)
        << QStringList{u"/environments/2/name: duplicate environment \"dev\" (first at /environments/1)"_s};
    QTest::newRow("plaintext alias password")
        << demoWith(u"/aliases/1/password"_s, u"orders-demo-pass"_s)
        << QStringList{u"/aliases/1/password: secrets are not stored in workspace files; put it in the keychain"_s};
    QTest::newRow("plaintext client secret")
        << demoWith(u"/environments/0/oauth/client_secret"_s, u"demo-client-secret"_s)
        << QStringList{u"/environments/0/oauth/client_secret: secrets are not stored in workspace files; put it in "
                       "the keychain"_s};
    QTest::newRow("secret where a keychain reference belongs")
        << demoWith(u"/aliases/0/passwordRef"_s, u"shared-demo-pass"_s)
        << QStringList{u"/aliases/0/passwordRef: must be a keychain reference such as "
                       "\"keychain:alias/io-orders-basic\"; secrets are not stored in workspace files"_s};
    QTest::newRow("keychain reference of an unknown kind")
        << demoWith(u"/aliases/0/passwordRef"_s, u"keychain:vault/io-shared-basic"_s)
        << QStringList{u"/aliases/0/passwordRef: must have the form \"keychain:<kind>/<name>\" with kind "
                       "\"gateway-admin\", \"alias\", \"oauth-client\", \"refresh-token\", \"tenant-user\""_s};
    QTest::newRow("bad URL") << demoWith(u"/environments/1/gatewayUrl"_s, u"apigw-dev.example.com:5543"_s)
                             << QStringList{u"/environments/1/gatewayUrl: \"apigw-dev.example.com:5543\" is not an "
                                            "absolute http or https URL"_s};
    QTest::newRow("plain http to a remote tenant")
        << demoWith(u"/environments/2/ioTenantUrl"_s, u"http://acme.int-aws-us.webmethods.io"_s)
        << QStringList{u"/environments/2/ioTenantUrl: \"http://acme.int-aws-us.webmethods.io\" must use https (plain "
                       "http is accepted only for 127.0.0.1, ::1 and localhost)"_s};
    QTest::newRow("credentials in a URL")
        << demoWith(u"/environments/2/gatewayUrl"_s, u"https://admin:manage@apigw.example.com"_s)
        << QStringList{u"/environments/2/gatewayUrl: must not contain a user name or password; credentials belong "
                       "in the keychain"_s};
    QTest::newRow("bad enum") << demoWith(u"/credentialStrategy"_s, u"perUser"_s)
                              << QStringList{u"/credentialStrategy: \"perUser\" is not one of \"shared\", "
                                             "\"perProject\", \"custom\""_s};
    QTest::newRow("bad alias type")
        << demoWith(u"/aliases/4/type"_s, u"authServerAlias"_s)
        << QStringList{u"/aliases/4/type: \"authServerAlias\" is not one of \"httpTransportSecurityAlias\", "
                       "\"simple\", \"endpoint\""_s};
    QTest::newRow("bad sensitivity")
        << demoWith(u"/projects/0/sensitivity"_s, u"secret-ish"_s)
        << QStringList{u"/projects/0/sensitivity: \"secret-ish\" is not one of \"public\", \"internal\", "
                       "\"confidential\", \"restricted\""_s};
    QTest::newRow("technical user with unknown project")
        << demoWith(u"/technicalUsers/1/projects/0"_s, u"Billing"_s)
        << QStringList{u"/technicalUsers/1/projects/0: unknown project \"Billing\""_s};
    QTest::newRow("alias of an unknown technical user")
        << demoWith(u"/aliases/2/technicalUser"_s, u"svc-crm"_s)
        << QStringList{u"/aliases/2/technicalUser: unknown technical user \"svc-crm\""_s};
    QTest::newRow("scope with a space")
        << demoWith(u"/proxies/1/inboundAuth/scopes/0"_s, u"orders read"_s)
        << QStringList{u"/proxies/1/inboundAuth/scopes/0: \"orders read\" is not a valid OAuth scope (printable ASCII "
                       "without spaces, '\"' or '\\', RFC 6749 section 3.3)"_s};
    QTest::newRow("certificate checks off without a pin")
        << demoWith(u"/environments/2/tls/verifyPeer"_s, false)
        << QStringList{u"/environments/2/tls/verifyPeer: false needs pinnedSha256 or caCertificateFile: certificate "
                       "checks are never switched off outright"_s};
    QTest::newRow("unknown placeholder")
        << demoWith(u"/proxies/0/routingEndpoint"_s, u"{{tenantUrl}}/custom/orders"_s)
        << QStringList{u"/proxies/0/routingEndpoint: unknown placeholder \"{{tenantUrl}}\" (known: {{ioTenantUrl}}, "
                       "{{gatewayUrl}})"_s};
    QTest::newRow("routing through a credentials alias")
        << demoWith(u"/proxies/0/routingEndpoint"_s, u"${io-orders-basic}/createOrder"_s)
        << QStringList{u"/proxies/0/routingEndpoint: alias \"io-orders-basic\" is an httpTransportSecurityAlias; a "
                       "routing endpoint needs a simple or endpoint alias"_s};
    QTest::newRow("integration path without leading slash")
        << demoWith(u"/projects/2/integrations/0/path"_s, u"integration/run/issueInvoice"_s)
        << QStringList{u"/projects/2/integrations/0/path: \"integration/run/issueInvoice\" is not a path on the "
                       "tenant (it starts with \"/\" and has no spaces, query or fragment)"_s};
    QTest::newRow("several problems are all reported")
        << demoWith(u"/proxies/4/inboundAuth/kind"_s, u"oauth"_s)
        << QStringList{u"/proxies/4/inboundAuth/kind: \"oauth\" is not one of \"none\", \"oAuth2Token\", "
                       "\"jwtClaims\""_s};
    QTest::newRow("misspelt outbound kind")
        << demoWith(u"/proxies/5/outboundAuth/kind"_s, u"nothing"_s)
        << QStringList{u"/proxies/5/outboundAuth/kind: \"nothing\" is not one of \"none\", \"alias\""_s};
    QTest::newRow("misspelt alias type")
        << demoWith(u"/aliases/0/type"_s, u"httpTransportSecurity"_s)
        << QStringList{u"/aliases/0/type: \"httpTransportSecurity\" is not one of \"httpTransportSecurityAlias\", "
                       "\"simple\", \"endpoint\""_s};
    QTest::newRow("oversized") << QByteArray(WorkspaceFile::MaxFileSize + 1, ' ')
                               << QStringList{u"the file is 10485761 bytes; workspace files are limited to 10 MiB"_s};
}

void TestWorkspaceFile::badFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, errors);
    const WorkspaceReadResult result = WorkspaceFile::fromJson(json);
    QVERIFY(!result.ok());
    QCOMPARE(errorStrings(result), errors);
}

void TestWorkspaceFile::secretValuesAreNeverEchoed()
{
    const QList<QByteArray> files = {
        demoWith(u"/aliases/1/password"_s, u"hunter2-value"_s),
        demoWith(u"/aliases/1/passwordRef"_s, u"hunter2-value"_s),
        demoWith(u"/aliases/1/passwordRef"_s, u"keychain:hunter2-value"_s),
        demoWith(u"/environments/0/gatewayUrl"_s, u"https://admin:hunter2-value@127.0.0.1:5555"_s),
        demoWith(u"/environments/0/oauth/clientSecretRef"_s, u"hunter2-value"_s),
    };
    for (const QByteArray &file : files) {
        const WorkspaceReadResult result = WorkspaceFile::fromJson(file);
        QVERIFY(!result.ok());
        QVERIFY2(!result.errorString().contains(u"hunter2"_s), qPrintable(result.errorString()));
    }
}

void TestWorkspaceFile::damagedFilesGiveErrorsNotCrashes()
{
    const QByteArray demo = demoBytes();
    // Every truncation: the file ends early, as after a crash of another editor.
    for (qsizetype length = 0; length < demo.size() - 2; length += 13) {
        const WorkspaceReadResult result = WorkspaceFile::fromJson(demo.left(length));
        QVERIFY2(!result.ok() && !result.errors.isEmpty(), QByteArray::number(length).constData());
    }
    // Single flipped bytes at pseudo-random places (fixed seed, so a failure reproduces).
    quint32 state = 20261128;
    int refused = 0;
    for (int round = 0; round < 1000; ++round) {
        state = state * 1664525u + 1013904223u;
        QByteArray damaged = demo;
        const auto at = static_cast<qsizetype>(state % static_cast<quint32>(damaged.size()));
        damaged[at] = static_cast<char>(damaged.at(at) ^ static_cast<char>(1 << (state >> 29)));
        const WorkspaceReadResult result = WorkspaceFile::fromJson(damaged);
        QCOMPARE(result.ok(), result.errors.isEmpty());
        if (!result.ok())
            ++refused;
    }
    qInfo("%d of 1000 damaged files refused", refused);
    // Most flips land in names and values that something cross-checks; the rest are harmless text.
    QVERIFY2(refused > 500, QByteArray::number(refused).constData());
}

void TestWorkspaceFile::errorListIsCapped()
{
    QJsonObject root = QJsonDocument::fromJson(demoBytes()).object();
    for (int i = 0; i < 60; ++i)
        root.insert(u"extra%1"_s.arg(i, 2, 10, QLatin1Char('0')), i);
    const WorkspaceReadResult result = WorkspaceFile::fromJson(QJsonDocument(root).toJson());
    QCOMPARE(result.errors.size(), WorkspaceFile::MaxReportedErrors + 1);
    QCOMPARE(result.errors.last().toString(), u"10 more errors not shown"_s);
    QVERIFY(result.errors.first().toString().startsWith(u"/extra00: unknown field in a workspace (known: "_s));
}

void TestWorkspaceFile::oversizedFileIsRefusedBeforeReading()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.gatewright.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(WorkspaceFile::MaxFileSize + 4096)); // sparse: costs no disk
    file.close();
    const WorkspaceReadResult result = WorkspaceFile::read(path);
    QCOMPARE(
        errorStrings(result),
        QStringList{u"Cannot read the workspace file at \"%1\": it is 10489856 bytes, larger than the 10 MiB limit "
                    "for this file; check that the path names the right file."_s.arg(path)});
}

void TestWorkspaceFile::missingFileNamesThePath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"absent.gatewright.json"_s);
    const WorkspaceReadResult result = WorkspaceFile::read(path);
    QCOMPARE(errorStrings(result),
             QStringList{u"Cannot read the workspace file at \"%1\": it does not exist; check the path."_s.arg(path)});
}

void TestWorkspaceFile::specialFilesAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");
    // /dev/zero reports a size of 0 and never ends; before the regular-file check it was read up to the cap.
    QTest::newRow("endless device") << u"/dev/zero"_s << u"a device, FIFO or socket"_s;
    QTest::newRow("directory") << QDir::tempPath() << u"a directory"_s;
}

void TestWorkspaceFile::specialFilesAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, kind);
    const WorkspaceReadResult result = WorkspaceFile::read(path);
    QCOMPARE(errorStrings(result),
             QStringList{u"Cannot read the workspace file at \"%1\": it is %2, not a regular file; "
                         "name a regular file instead."_s.arg(path, kind)});
}

void TestWorkspaceFile::fifoIsRefusedWithoutBlocking()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"pipe.gatewright.json"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    // Opening a FIFO for reading blocks until a writer comes; read it on another thread so a
    // regression fails here instead of hanging the test.
    auto pending = std::async(std::launch::async, [path] { return WorkspaceFile::read(path); });
    if (pending.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        const int writer = ::open(QFile::encodeName(path).constData(), O_WRONLY); // unblocks the reader
        ::close(writer);
        pending.wait();
        QFAIL("reading a FIFO as the workspace file blocked");
    }
    QCOMPARE(errorStrings(pending.get()),
             QStringList{u"Cannot read the workspace file at \"%1\": it is a device, FIFO or socket, not a regular "
                         "file; name a regular file instead."_s.arg(path)});
}

void TestWorkspaceFile::failedReadLeavesTheOpenWorkspaceUnchanged()
{
    const WorkspaceReadResult demo = WorkspaceFile::read(demoPath());
    QVERIFY(demo.ok());
    Workspace open = *demo.workspace;
    const Workspace before = open;

    QTemporaryDir dir;
    const QString path = dir.filePath(u"bad.gatewright.json"_s);
    QFile bad(path);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(demoWith(u"/proxies/3/outboundAuth/alias"_s, u"io-orders"_s));
    bad.close();

    // What an "Open" action does: replace the open workspace only with a result that is ok.
    const WorkspaceReadResult result = WorkspaceFile::read(path);
    QVERIFY(!result.workspace.has_value());
    QCOMPARE(result.errorString(), u"/proxies/3/outboundAuth/alias: unknown alias \"io-orders\""_s);
    if (result.ok())
        open = *result.workspace;
    QCOMPARE(open, before);
}

void TestWorkspaceFile::invalidWorkspaceIsNotWrittenAndOldFileStays()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"demo.gatewright.json"_s);
    Workspace ws = *WorkspaceFile::read(demoPath()).workspace;
    QString error;
    QVERIFY2(WorkspaceFile::write(ws, path, &error), qPrintable(error));
    const QByteArray saved = readAll(path);

    ws.aliases.removeAt(1); // io-orders-basic, still used by two proxies
    QVERIFY(!WorkspaceFile::write(ws, path, &error));
    QCOMPARE(error, u"\"%1\" was not saved: the workspace has 2 problems; the first is "
                    "/proxies/0/outboundAuth/alias: unknown alias \"io-orders-basic\""_s.arg(path));
    QCOMPARE(readAll(path), saved);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"demo.gatewright.json"_s});
}

void TestWorkspaceFile::failedSaveLeavesTheOldFile()
{
    // A name so long that QSaveFile's temporary file (name + ".XXXXXX") exceeds NAME_MAX: the
    // save fails even for root, while a file of that name can exist.
    QTemporaryDir dir;
    const QString path = dir.filePath(QString(250, QLatin1Char('w')) + u".json"_s);
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents\n");
    old.close();

    const Workspace ws = *WorkspaceFile::read(demoPath()).workspace;
    QString error;
    QVERIFY(!WorkspaceFile::write(ws, path, &error));
    QVERIFY2(error.startsWith(u"cannot save \"%1\": "_s.arg(path)), qPrintable(error));
    QCOMPARE(readAll(path), "old contents\n"_ba);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestWorkspaceFile::writeIsAtomicAndOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"ws.gatewright.json"_s);
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents\n");
    old.close();

    const Workspace ws = *WorkspaceFile::read(demoPath()).workspace;
    QString error;
    QVERIFY2(WorkspaceFile::write(ws, path, &error), qPrintable(error));
    QCOMPARE(readAll(path), demoBytes());
    QCOMPARE(QFile::permissions(path) &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"ws.gatewright.json"_s});
}

QTEST_GUILESS_MAIN(TestWorkspaceFile)
#include "tst_workspacefile.moc"
