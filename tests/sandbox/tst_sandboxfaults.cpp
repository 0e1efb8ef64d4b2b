// SPDX-License-Identifier: GPL-3.0-or-later
// Fault injection, hostile bodies on every route, and --state persistence of gatewright-sandbox.
#include "sandbox.h"
#include "sandboxhttp.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

class TestSandboxFaults : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxHttp> m_http;

    void start(SandboxOptions options)
    {
        options.port = 0;
        m_sandbox = std::make_unique<Sandbox>(options);
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
        m_http = std::make_unique<SandboxHttp>(QUrl(m_sandbox->gatewayUrl().toString() + u"/rest/apigateway"_s));
        m_http->setCredentials(u"Administrator"_s, u"manage"_s);
    }

private Q_SLOTS:
    void cleanup()
    {
        m_http.reset();
        m_sandbox.reset();
    }

    void nthRequestFailsWithStatus_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QList<int>>("statuses");
        QTest::newRow("third GET of /apis answers 500") << u"GET /apis:3:500"_s << QList<int>{200, 200, 500, 200};
        QTest::newRow("second and later answer 409") << u"GET /apis:2+:409"_s << QList<int>{200, 409, 409, 409};
        QTest::newRow("full path glob") << u"* /rest/apigateway/ap*:1:503"_s << QList<int>{503, 200, 200, 200};
        QTest::newRow("other method does not match") << u"PUT /apis:1:500"_s << QList<int>{200, 200, 200, 200};
    }
    void nthRequestFailsWithStatus()
    {
        QFETCH(QString, rule);
        QFETCH(QList<int>, statuses);
        SandboxOptions options;
        options.faults = {rule};
        start(options);
        for (int i = 0; i < statuses.size(); ++i) {
            const HttpResult result = m_http->call("GET", u"/apis"_s);
            QCOMPARE(result.status, statuses.at(i));
            if (result.status >= 400)
                QCOMPARE(result.errorDetails(), u" Injected fault (sandbox rule \"%1\")."_s.arg(rule));
        }
    }

    void faultsThroughTheAdminRoute()
    {
        start({});
        HttpResult result = m_http->call("POST", u"/sandbox/faults"_s,
                                         R"({"method":"PUT","path":"/policies/\u002a","nth":1,"action":"409"})");
        QCOMPARE(result.status, 201);
        QCOMPARE(result.object().value(u"rule"_s).toString(), u"PUT /policies/*:1:409"_s);
        result = m_http->call("PUT", u"/policies/any"_s, "{}");
        QCOMPARE(result.status, 409);
        result = m_http->call("GET", u"/sandbox/faults"_s);
        QCOMPARE(result.object().value(u"faults"_s).toArray().at(0).toObject().value(u"seen"_s).toInt(), 1);
        result = m_http->call("POST", u"/sandbox/faults"_s, R"({"rule":"GET /apis:0:500"})");
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" N must be a number from 1, optionally followed by '+' (got \"0\")"_s);
        QCOMPARE(m_http->call("DELETE", u"/sandbox/faults"_s).status, 204);
        QCOMPARE(m_http->call("GET", u"/sandbox/faults"_s).object().value(u"faults"_s).toArray().size(), 0);
    }

    void dropClosesTheConnection()
    {
        SandboxOptions options;
        // "1+": QNetworkAccessManager silently resends a request whose connection closed before any
        // answer, so a one-shot drop would be hidden by that retry.
        options.faults = {u"GET /alias:1+:drop"_s};
        start(options);
        const HttpResult result = m_http->call("GET", u"/alias"_s);
        QCOMPARE(result.status, 0);
        QCOMPARE(result.error, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(m_http->call("DELETE", u"/sandbox/faults"_s).status, 204);
        QCOMPARE(m_http->call("GET", u"/alias"_s).status, 200);
    }

    void hangOutlastsTheClientTimeout()
    {
        SandboxOptions options;
        options.faults = {u"GET /alias:1:hang"_s};
        options.hangMilliseconds = 5000;
        start(options);
        const HttpResult result = m_http->call("GET", u"/alias"_s, {}, "application/json", 500);
        QCOMPARE(result.status, 0);
        QCOMPARE(result.error, QNetworkReply::OperationCanceledError); // the client's transfer timeout
        QCOMPARE(m_http->call("GET", u"/alias"_s).status, 200);
    }

    // Random, truncated and wrongly typed bodies on every route: the sandbox answers every one with
    // a status and (except 204) a JSON body, and keeps serving.
    void hostileBodiesOnEveryRoute()
    {
        start({});
        const QJsonObject api = m_http
                                    ->call("POST", u"/apis"_s,
                                           R"({"apiName":"Fuzz","type":"openapi","apiDefinition":{"openapi":"3.0.0",
                                              "info":{"title":"F","version":"1"},"paths":{"/x":{"get":{}}}}})")
                                    .object()
                                    .value(u"apiResponse"_s)
                                    .toObject()
                                    .value(u"api"_s)
                                    .toObject();
        const QString apiId = api.value(u"id"_s).toString();
        const QString policyId = api.value(u"policies"_s).toArray().at(0).toString();
        QVERIFY(!apiId.isEmpty());
        const QString actionId = m_sandbox->state().enforcedActions(apiId).constFirst().value(u"id"_s).toString();
        const QString aliasId = m_http->call("POST", u"/alias"_s, R"({"name":"f","type":"simple","value":"v"})")
                                    .object()
                                    .value(u"alias"_s)
                                    .toObject()
                                    .value(u"id"_s)
                                    .toString();
        const QList<QPair<QByteArray, QString>> routes{
            {"POST", u"/apis"_s},
            {"PUT", u"/apis/"_s + apiId},
            {"PUT", u"/apis/"_s + apiId + u"/activate"_s},
            {"PUT", u"/apis/"_s + apiId + u"/deactivate"_s},
            {"POST", u"/policies"_s},
            {"PUT", u"/policies/"_s + policyId},
            {"POST", u"/policyActions"_s},
            {"PUT", u"/policyActions/"_s + actionId},
            {"POST", u"/alias"_s},
            {"PUT", u"/alias/"_s + aliasId},
            {"POST", u"/sandbox/faults"_s},
            {"GET", u"/apis"_s},
            {"GET", u"/policyStages"_s},
        };
        QList<QByteArray> bodies{
            "",
            "null",
            "[]",
            "\"text\"",
            "42",
            "{",
            "{\"apiName\":",
            "{\"policy\":[]}",
            "{\"policy\":{\"policyEnforcements\":{}}}",
            "{\"policy\":{\"policyEnforcements\":[{\"stageKey\":\"IAM\",\"enforcements\":[{\"enforcementObjectId\":7}]}"
            "]}}",
            "{\"policyAction\":{\"templateKey\":\"evaluatePolicy\",\"parameters\":[{\"templateKey\":"
            "\"IdentificationRule\"}]}}",
            "{\"policyAction\":{\"templateKey\":\"outboundTransportAuthentication\",\"parameters\":[{\"templateKey\":"
            "\"transportSecurity\",\"parameters\":[{\"templateKey\":\"authType\",\"values\":[\"ALIAS\"]}]}]}}",
            "{\"name\":{},\"type\":[]}",
            "{\"type\":\"httpTransportSecurityAlias\",\"name\":\"x\",\"authType\":\"HTTP_BASIC\","
            "\"httpAuthCredentials\":[]}",
            "{\"apiName\":\"A\",\"type\":\"swagger\",\"apiDefinition\":{\"paths\":[]}}",
            "{\"apiName\":\"B\",\"type\":\"swagger\",\"nativeEndpoint\":{}}",
            "{\"apiResponse\":{\"api\":{\"apiName\":[]}}}",
            QByteArray("\xff\xfe\x00garbage", 10),
        };
        auto *random = QRandomGenerator::global();
        for (int i = 0; i < 12; ++i) {
            QByteArray noise(int(random->bounded(1, 200)), Qt::Uninitialized);
            for (char &c : noise)
                c = char(random->bounded(256));
            bodies.append(noise);
        }
        const QByteArray valid =
            R"({"policyAction":{"templateKey":"entryProtocolPolicy","parameters":[{"templateKey":"protocol","values":["http"]}]}})";
        for (qsizetype cut = 1; cut < valid.size(); cut += 7)
            bodies.append(valid.left(cut));

        int requests = 0;
        for (const auto &route : routes) {
            for (const QByteArray &body : std::as_const(bodies)) {
                const HttpResult result = m_http->call(route.first, route.second, body);
                ++requests;
                QVERIFY2(result.status >= 200 && result.status < 600,
                         qPrintable(
                             u"%1 %2 with %3 got no HTTP answer"_s.arg(QString::fromLatin1(route.first), route.second,
                                                                       QString::fromLatin1(body.toPercentEncoding()))));
                QVERIFY2(result.status == 204 || result.json.isObject() || result.json.isArray(),
                         qPrintable(
                             u"%1 %2 answered %3 without JSON: %4"_s.arg(QString::fromLatin1(route.first), route.second)
                                 .arg(result.status)
                                 .arg(QString::fromUtf8(result.body))));
                QVERIFY2(result.status != 500 || !result.errorDetails().isEmpty(), result.body.constData());
            }
        }
        qInfo("%d hostile requests answered", requests);
        QCOMPARE(m_http->call("GET", u"/health"_s).status, 200);
    }

    // Bytes that are not HTTP, a request cut in the middle, a lying Content-Length: the server closes
    // or answers those connections and keeps serving the others.
    void brokenHttpOnTheWire()
    {
        start({});
        const QList<QByteArray> payloads{
            "GARBAGE\r\n\r\n",
            "GET /rest/apigateway/apis HTTP/1.1\r\nHost: x\r\nAuthorization: Basic",
            "POST /rest/apigateway/alias HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"name\":",
            QByteArray(4096, '\0'),
            "GET /rest/apigateway/apis HTTP/9.9\r\n\r\n",
        };
        for (const QByteArray &payload : payloads) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_sandbox->gatewayPort());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(payload);
            QVERIFY(socket.waitForBytesWritten(5000));
            socket.waitForReadyRead(300);
            socket.abort();
        }
        QCOMPARE(m_http->call("GET", u"/apis"_s).status, 200);
    }

    void stateFilePersistsAcrossRestarts()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        SandboxOptions options;
        options.stateFile = directory.filePath(u"state.json"_s);
        start(options);
        QCOMPARE(m_http->call("POST", u"/alias"_s, R"({"name":"kept","type":"simple","value":"v"})").status, 201);
        QTRY_VERIFY(QFile::exists(options.stateFile));
        QTRY_VERIFY(QFile(options.stateFile).size() > 0);
        cleanup();
        QCOMPARE(QFile(options.stateFile).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());

        start(options);
        const HttpResult result = m_http->call("GET", u"/alias"_s);
        QStringList names;
        for (const QJsonValue &alias : result.object().value(u"alias"_s).toArray())
            names << alias.toObject().value(u"name"_s).toString();
        QCOMPARE(names.count(u"kept"_s), 1);
        QCOMPARE(names.count(u"local"_s), 1); // the system alias is not duplicated by a restored state
        cleanup();

        QFile broken(options.stateFile);
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{\"format\":\"something else\"}");
        broken.close();
        Sandbox sandbox(options);
        QString error;
        QVERIFY(!sandbox.initializeState(&error));
        QCOMPARE(error, u"the state file %1 is not valid: not a sandbox state file (\"format\" must be "
                        "\"gatewright-sandbox-state/1\")"_s.arg(options.stateFile));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
