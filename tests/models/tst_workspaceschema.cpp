// SPDX-License-Identifier: GPL-3.0-or-later
// docs/workspace.schema.json against the files Gatewright writes, checked by an independent
// validator (ajv, JSON Schema 2020-12): the schema must accept the demo and everything the writer
// produces, and refuse what the reader refuses for its shape.
#include "testpaths.h"
#include "workspacefile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace Qt::StringLiterals;

namespace {

const QString SchemaPath = QStringLiteral(GATEWRIGHT_SOURCE_DIR "/docs/workspace.schema.json");
const QString DemoPath = QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json");

struct Validation
{
    int exitCode = -1;
    QString output;
};

Validation validateWithAjv(const QStringList &files)
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty())
        return {-1, u"node is not installed"_s};
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(node,
                  QStringList{QStringLiteral(GATEWRIGHT_PEERS_DIR "/validate-json-schema.mjs"), SchemaPath} + files);
    if (!process.waitForFinished(30000))
        return {-1, u"the validator did not finish: "_s + process.errorString()};
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

/// A workspace that sets every field the writer can write, so the schema is checked against all of them.
Workspace everyField()
{
    Workspace ws = *WorkspaceFile::read(DemoPath).workspace;
    Environment &prod = ws.environments[2];
    prod.tls.verifyPeer = false;
    prod.tls.pinnedSha256 = QString(64, QLatin1Char('a'));
    prod.aliasPasswordEncoding = Environment::AliasPasswordEncoding::Plain;
    Alias endpoint;
    endpoint.name = u"io-orders-endpoint"_s;
    endpoint.type = Alias::Type::Endpoint;
    endpoint.description = u"Orders flows on the tenant"_s;
    endpoint.endpointUri =
        u"{{ioTenantUrl}}/integration/rest/external/integration/run/development/${sys:resource_path}"_s;
    endpoint.connectionTimeoutSeconds = 10;
    endpoint.readTimeoutSeconds = 60;
    ws.aliases.append(endpoint);
    ws.proxies[0].routingEndpoint = u"${io-orders-endpoint}"_s;
    ws.proxies[1].routingEndpoint = u"{{ioTenantUrl}}/integration/rest/external/integration/run/development/"
                                    "getOrderStatus/${sys:resource_path}"_s;
    ws.proxies[2].inbound.kind = InboundAuth::Kind::JwtClaims;
    ws.proxies[3].inbound = InboundAuth{InboundAuth::Kind::None, {}};
    ws.proxies[4].active = false;
    ws.credentialStrategy = CredentialStrategy::PerProject;
    return ws;
}

QByteArray demoWith(const QString &section, qsizetype index, const QString &key, const QJsonValue &value)
{
    QJsonObject root = QJsonDocument::fromJson([] {
                           QFile file(DemoPath);
                           return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
                       }())
                           .object();
    if (section.isEmpty()) {
        root.insert(key, value);
    } else {
        QJsonArray list = root.value(section).toArray();
        QJsonObject item = list.at(index).toObject();
        item.insert(key, value);
        list.replace(index, item);
        root.insert(section, list);
    }
    return QJsonDocument(root).toJson();
}

} // namespace

class TestWorkspaceSchema : public QObject
{
    Q_OBJECT
private slots:
    void acceptsTheDemoAndEverythingTheWriterWrites();
    void refusesWhatTheReaderRefuses_data();
    void refusesWhatTheReaderRefuses();

private:
    QTemporaryDir m_dir;
};

void TestWorkspaceSchema::acceptsTheDemoAndEverythingTheWriterWrites()
{
    const Workspace full = everyField();
    const QString fullPath = m_dir.filePath(u"full.gatewright.json"_s);
    QString error;
    QVERIFY2(WorkspaceFile::write(full, fullPath, &error), qPrintable(error));

    const Validation result = validateWithAjv({DemoPath, fullPath});
    QVERIFY2(result.exitCode == 0, qPrintable(result.output));
    QCOMPARE(result.output.count(u"valid "_s), 2);
}

void TestWorkspaceSchema::refusesWhatTheReaderRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("schemaError");
    QTest::newRow("plaintext password") << demoWith(u"aliases"_s, 1, u"password"_s, u"orders-demo-pass"_s)
                                        << u"/aliases/1 must match exactly one schema in oneOf"_s;
    QTest::newRow("secret instead of a keychain reference")
        << demoWith(u"environments"_s, 0, u"adminPasswordRef"_s, u"manage"_s)
        << u"/environments/0/adminPasswordRef must match pattern"_s;
    QTest::newRow("newer schema") << demoWith(QString(), 0, u"schemaVersion"_s, 7)
                                  << u"/schemaVersion must be equal to one of the allowed values"_s;
    QTest::newRow("bad enum") << demoWith(QString(), 0, u"credentialStrategy"_s, u"perUser"_s)
                              << u"/credentialStrategy must be equal to one of the allowed values"_s;
    QTest::newRow("wrong type") << demoWith(u"proxies"_s, 0, u"active"_s, u"yes"_s)
                                << u"/proxies/0/active must be boolean"_s;
    QTest::newRow("unknown field") << demoWith(u"proxies"_s, 0, u"outbundAuth"_s, QJsonObject())
                                   << u"/proxies/0 must NOT have additional properties"_s;
    QTest::newRow("outbound alias with kind none")
        << demoWith(u"proxies"_s, 5, u"outboundAuth"_s,
                    QJsonObject{{u"kind"_s, u"none"_s}, {u"alias"_s, u"io-invoicing-basic"_s}})
        << u"/proxies/5/outboundAuth must match exactly one schema in oneOf"_s;
}

void TestWorkspaceSchema::refusesWhatTheReaderRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, schemaError);
    QVERIFY(!WorkspaceFile::fromJson(json).ok());

    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();
    const Validation result = validateWithAjv({path});
    QVERIFY2(result.exitCode == 1, qPrintable(result.output));
    QVERIFY2(result.output.contains(schemaError), qPrintable(result.output));
}

QTEST_GUILESS_MAIN(TestWorkspaceSchema)
#include "tst_workspaceschema.moc"
