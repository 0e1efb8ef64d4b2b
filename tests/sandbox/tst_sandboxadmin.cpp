// SPDX-License-Identifier: GPL-3.0-or-later
// The admin REST API of gatewright-sandbox over real HTTP on 127.0.0.1: every route, its envelope,
// status codes and error texts.
#include "sandbox.h"
#include "sandboxhttp.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

static QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

static QJsonObject petstore()
{
    return QJsonDocument::fromJson(R"({"swagger":"2.0","info":{"title":"Petstore","version":"1.0.5",
        "description":"Pets"},"host":"127.0.0.1:9","basePath":"/v2","schemes":["http"],
        "paths":{"/pets":{"get":{"responses":{"200":{"description":"ok"}}}}}})")
        .object();
}

class TestSandboxAdmin : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxHttp> m_http;

    QJsonObject createApi(const QString &name)
    {
        const HttpResult result = m_http->call("POST", u"/apis"_s,
                                               json({{u"apiName"_s, name},
                                                     {u"apiVersion"_s, u"1.0"_s},
                                                     {u"type"_s, u"swagger"_s},
                                                     {u"apiDefinition"_s, petstore()}}));
        [&] { QCOMPARE(result.status, 200); }();
        return result.object().value(u"apiResponse"_s).toObject().value(u"api"_s).toObject();
    }
    QString createAction(const QJsonObject &action)
    {
        const HttpResult result = m_http->call("POST", u"/policyActions"_s, json({{u"policyAction"_s, action}}));
        [&] { QVERIFY2(result.status == 201, result.body.constData()); }();
        return result.object().value(u"policyAction"_s).toObject().value(u"id"_s).toString();
    }
    static QJsonObject evaluatePolicy(const QString &type)
    {
        return QJsonDocument::fromJson(QString::fromUtf8(R"({"templateKey":"evaluatePolicy","parameters":[
            {"templateKey":"logicalConnector","values":["OR"]},{"templateKey":"allowAnonymous","values":["false"]},
            {"templateKey":"IdentificationRule","parameters":[{"templateKey":"applicationLookup","values":["strict"]},
            {"templateKey":"identificationType","values":["%1"]}]}]})")
                                           .arg(type)
                                           .toUtf8())
            .object();
    }
    static QJsonObject outboundAlias(const QString &alias)
    {
        return QJsonDocument::fromJson(QString::fromUtf8(R"({"templateKey":"outboundTransportAuthentication",
            "parameters":[{"templateKey":"transportSecurity","parameters":[{"templateKey":"authType","values":["ALIAS"]},
            {"templateKey":"authMode","values":["NEW"]},{"templateKey":"alias","values":["%1"]}]}]})")
                                           .arg(alias)
                                           .toUtf8())
            .object();
    }

private Q_SLOTS:
    void init()
    {
        SandboxOptions options;
        options.port = 0;
        options.maxBodyBytes = 64 * 1024;
        m_sandbox = std::make_unique<Sandbox>(options);
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
        m_http = std::make_unique<SandboxHttp>(QUrl(m_sandbox->gatewayUrl().toString() + u"/rest/apigateway"_s));
        m_http->setCredentials(u"Administrator"_s, u"manage"_s);
    }
    void cleanup()
    {
        m_http.reset();
        m_sandbox.reset();
    }

    void credentialsAreRequired_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("no credentials") << QString() << QString();
        QTest::newRow("wrong password") << u"Administrator"_s << u"wrong"_s;
        QTest::newRow("wrong user") << u"admin"_s << u"manage"_s;
        QTest::newRow("password prefix") << u"Administrator"_s << u"manag"_s;
        QTest::newRow("password with suffix") << u"Administrator"_s << u"manage2"_s;
        QTest::newRow("empty password") << u"Administrator"_s << QString();
    }
    void credentialsAreRequired()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        if (user.isEmpty())
            m_http->clearCredentials();
        else
            m_http->setCredentials(user, password);
        for (const QString &path : {u"/apis"_s, u"/alias"_s, u"/policies"_s, u"/is/serverinfo"_s}) {
            const HttpResult result = m_http->call("GET", path);
            QCOMPARE(result.status, 401);
            QCOMPARE(result.header("WWW-Authenticate"), QByteArray("Basic realm=\"API Gateway\""));
            QCOMPARE(result.errorDetails(), u" Authentication failed: send the credentials of an API Gateway "
                                            "Administrator with HTTP Basic authentication."_s);
        }
    }

    void healthIsOpenAndServerInfoIsNot()
    {
        m_http->clearCredentials();
        HttpResult result = m_http->call("GET", u"/health"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"status"_s).toString(), u"green"_s);
        for (const QString &path :
             {u"/health/admin"_s, u"/health/engine"_s, u"/health/all"_s, u"/health/externalServices"_s})
            QCOMPARE(m_http->call("GET", path).status, 200);
        m_http->setCredentials(u"Administrator"_s, u"manage"_s);
        result = m_http->call("GET", u"/is/serverinfo"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"version"_s).toString(), u"11.0"_s);
    }

    void unknownRouteAndWrongMethod()
    {
        HttpResult result = m_http->call("GET", u"/nothing/here"_s);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: /nothing/here"_s);
        result = m_http->call("PATCH", u"/alias"_s, "{}");
        QCOMPARE(result.status, 405);
        QCOMPARE(result.errorDetails(), u" Method: PATCH is not allowed on resource: alias"_s);
    }

    void apiLifecycle()
    {
        const QJsonObject api = createApi(u"OrdersCreate"_s);
        const QString id = api.value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(api.value(u"isActive"_s).toBool(true), false);
        QCOMPARE(api.value(u"type"_s).toString(), u"REST"_s);
        QCOMPARE(api.value(u"nativeEndpoint"_s).toArray().at(0).toObject().value(u"uri"_s).toString(),
                 u"http://127.0.0.1:9/v2"_s);
        QCOMPARE(api.value(u"apiDefinition"_s).toObject().value(u"type"_s).toString(), u"rest"_s);
        QCOMPARE(api.value(u"policies"_s).toArray().size(), 1);

        // The default policy: Enable HTTP / HTTPS in transport, Straight Through Routing in routing.
        const QString policyId = api.value(u"policies"_s).toArray().at(0).toString();
        HttpResult result = m_http->call("GET", u"/policies/"_s + policyId);
        QCOMPARE(result.status, 200);
        const QJsonArray stages =
            result.object().value(u"policy"_s).toObject().value(u"policyEnforcements"_s).toArray();
        QStringList templates;
        for (const QJsonValue &stage : stages) {
            for (const QJsonValue &enforcement : stage.toObject().value(u"enforcements"_s).toArray()) {
                const HttpResult action = m_http->call(
                    "GET", u"/policyActions/"_s + enforcement.toObject().value(u"enforcementObjectId"_s).toString());
                QCOMPARE(action.status, 200);
                templates << stage.toObject().value(u"stageKey"_s).toString() + u':' +
                                 action.object().value(u"policyAction"_s).toObject().value(u"templateKey"_s).toString();
            }
        }
        QCOMPARE(templates, (QStringList{u"transport:entryProtocolPolicy"_s, u"routing:straightThroughRouting"_s}));

        result = m_http->call("GET", u"/apis"_s);
        QCOMPARE(result.status, 200);
        const QJsonObject item = result.object().value(u"apiResponse"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"responseStatus"_s).toString(), u"SUCCESS"_s);
        QCOMPARE(item.value(u"api"_s).toObject().value(u"apiName"_s).toString(), u"OrdersCreate"_s);
        QVERIFY(!item.value(u"api"_s).toObject().contains(u"apiDefinition"_s)); // summaries only

        result = m_http->call("GET", u"/apis/"_s + id);
        QCOMPARE(result.status, 200);
        QJsonObject full = result.object().value(u"apiResponse"_s).toObject().value(u"api"_s).toObject();
        QCOMPARE(result.object().value(u"apiResponse"_s).toObject().value(u"versions"_s).toArray().size(), 1);

        // Update: GET, modify, PUT the whole object; the policy link and the state stay the server's.
        full.insert(u"apiDescription"_s, u"Creates orders"_s);
        full.insert(u"policies"_s, QJsonArray{u"forged"_s});
        result = m_http->call("PUT", u"/apis/"_s + id, json(full));
        QCOMPARE(result.status, 200);
        const QJsonObject updated = result.object().value(u"apiResponse"_s).toObject().value(u"api"_s).toObject();
        QCOMPARE(updated.value(u"apiDescription"_s).toString(), u"Creates orders"_s);
        QCOMPARE(updated.value(u"policies"_s).toArray().at(0).toString(), policyId);

        QCOMPARE(m_http->call("PUT", u"/apis/"_s + id + u"/activate"_s).status, 200);
        result = m_http->call("PUT", u"/apis/"_s + id + u"/activate"_s);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" API OrdersCreate is already active."_s);
        result = m_http->call("DELETE", u"/apis/"_s + id);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(),
                 u" API OrdersCreate (%1) is active. Deactivate the API before deleting it."_s.arg(id));
        QCOMPARE(m_http->call("PUT", u"/apis/"_s + id + u"/deactivate"_s).status, 200);
        result = m_http->call("PUT", u"/apis/"_s + id + u"/deactivate"_s);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" API OrdersCreate is already inactive."_s);
        QCOMPARE(m_http->call("DELETE", u"/apis/"_s + id).status, 204);
        result = m_http->call("GET", u"/apis/"_s + id);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: %1"_s.arg(id));
        QCOMPARE(m_http->call("GET", u"/policies/"_s + policyId).status, 404); // deleted with the API
    }

    void apiCreateRejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("malformed JSON")
            << QByteArray("{\"apiName\":")
            << u" Unable to create the resource. Error in processing the payload body. "
               "Error Message unterminated object at offset 11. Check the correctness of key "
               "and payload."_s;
        QTest::newRow("no name") << QByteArray(R"({"type":"swagger"})")
                                 << u" Unable to create the resource. Error in processing the payload null. Error "
                                    "Message apiName is required. Check the correctness of key and payload."_s;
        QTest::newRow("name not a string")
            << QByteArray(R"({"apiName":7,"type":"swagger"})") << u" \"apiName\" must be a string."_s;
        QTest::newRow("unknown type") << QByteArray(R"({"apiName":"A","type":"grpc"})")
                                      << u" Unable to create the resource. Error in processing the payload null. "
                                         "Error Message type must be one of swagger, openapi, raml, wsdl. Check the "
                                         "correctness of key and payload."_s;
        QTest::newRow("remote URL") << QByteArray(R"({"apiName":"A","type":"swagger","url":"https:\/\/example.com/x"})")
                                    << u" Unable to fetch the API definition from \"https://example.com/x\": the "
                                       "sandbox fetches http(s) URLs on the loopback interface only."_s;
        QTest::newRow("definition not an object") << QByteArray(R"({"apiName":"A","type":"swagger","apiDefinition":3})")
                                                  << u" \"apiDefinition\" must be a Swagger 2.0 or OpenAPI 3 object."_s;
    }
    void apiCreateRejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const HttpResult result = m_http->call("POST", u"/apis"_s, body);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), error);
    }

    void apiDuplicateNameAndVersion()
    {
        createApi(u"Dup"_s);
        const HttpResult result =
            m_http->call("POST", u"/apis"_s, R"({"apiName":"Dup","apiVersion":"1.0","type":"swagger"})");
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" API with name Dup and version 1.0 already exists."_s);
    }

    void apiCreateFromMultipartFile()
    {
        const QByteArray boundary = "gwboundary";
        QByteArray body;
        const auto field = [&](const QByteArray &name, const QByteArray &value, const QByteArray &extra = {}) {
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" + extra + "\r\n\r\n" +
                    value + "\r\n";
        };
        field("apiName", "Doggie");
        field("type", "swagger");
        field("apiVersion", "2.0");
        field("file", json(petstore()), "; filename=\"petstore.json\"");
        body += "--" + boundary + "--\r\n";
        const HttpResult result = m_http->call("POST", u"/apis"_s, body, "multipart/form-data; boundary=" + boundary);
        QCOMPARE(result.status, 200);
        const QJsonObject api = result.object().value(u"apiResponse"_s).toObject().value(u"api"_s).toObject();
        QCOMPARE(api.value(u"apiName"_s).toString(), u"Doggie"_s);
        QCOMPARE(api.value(u"apiVersion"_s).toString(), u"2.0"_s);
        QVERIFY(api.value(u"apiDefinition"_s).toObject().value(u"paths"_s).toObject().contains(u"/pets"_s));
    }

    void apiCreateFromLoopbackUrl()
    {
        QHttpServer documents;
        documents.route(u"/petstore.json"_s, [] { return QHttpServerResponse(petstore()); });
        const quint16 port = documents.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        HttpResult result = m_http->call("POST", u"/apis"_s,
                                         json({{u"apiName"_s, u"FromUrl"_s},
                                               {u"type"_s, u"swagger"_s},
                                               {u"url"_s, u"http://127.0.0.1:%1/petstore.json"_s.arg(port)}}));
        QCOMPARE(result.status, 200);
        const QJsonObject api = result.object().value(u"apiResponse"_s).toObject().value(u"api"_s).toObject();
        QCOMPARE(api.value(u"apiVersion"_s).toString(), u"1.0.5"_s); // from info.version
        result = m_http->call("POST", u"/apis"_s,
                              json({{u"apiName"_s, u"Missing"_s},
                                    {u"type"_s, u"swagger"_s},
                                    {u"url"_s, u"http://127.0.0.1:%1/missing.json"_s.arg(port)}}));
        QCOMPARE(result.status, 400);
        QVERIFY2(result.errorDetails().startsWith(
                     u" Unable to fetch the API definition from \"http://127.0.0.1:%1/missing.json\""_s.arg(port)),
                 result.body.constData());
    }

    void apiBulkDelete()
    {
        const QString a = createApi(u"A"_s).value(u"id"_s).toString();
        const QString b = createApi(u"B"_s).value(u"id"_s).toString();
        QCOMPARE(m_http->call("PUT", u"/apis/"_s + b + u"/activate"_s).status, 200);
        const HttpResult result = m_http->call("DELETE", u"/apis?apiIds=%1,%2,nope"_s.arg(a, b));
        QCOMPARE(result.status, 200);
        QStringList statuses;
        for (const QJsonValue &item : result.json.array())
            statuses << item.toObject().value(u"responseStatus"_s).toString();
        QCOMPARE(statuses, (QStringList{u"SUCCESS"_s, u"ERROR"_s, u"NOT_FOUND"_s}));
    }

    void policyOccurrenceAndStages()
    {
        const QJsonObject api = createApi(u"Orders"_s);
        const QString policyId = api.value(u"policies"_s).toArray().at(0).toString();
        const QString first = createAction(evaluatePolicy(u"oAuth2Token"_s));
        const QString second = createAction(evaluatePolicy(u"apiKey"_s));
        QJsonObject policy = m_http->call("GET", u"/policies/"_s + policyId).object().value(u"policy"_s).toObject();
        QJsonArray stages = policy.value(u"policyEnforcements"_s).toArray();
        stages.append(QJsonObject{
            {u"stageKey"_s, u"IAM"_s},
            {u"enforcements"_s, QJsonArray{QJsonObject{{u"enforcementObjectId"_s, first}, {u"order"_s, u"0"_s}}}}});
        policy.insert(u"policyEnforcements"_s, stages);
        HttpResult result = m_http->call("PUT", u"/policies/"_s + policyId, json({{u"policy"_s, policy}}));
        QCOMPARE(result.status, 200);
        QCOMPARE(m_sandbox->state().enforcedActions(api.value(u"id"_s).toString()).size(), 3);

        // A second Identify & Authorize Application: the documented 500.
        QJsonObject iam = stages.last().toObject();
        QJsonArray enforcements = iam.value(u"enforcements"_s).toArray();
        enforcements.append(QJsonObject{{u"enforcementObjectId"_s, second}, {u"order"_s, u"1"_s}});
        iam.insert(u"enforcements"_s, enforcements);
        stages.replace(stages.size() - 1, iam);
        policy.insert(u"policyEnforcements"_s, stages);
        result = m_http->call("PUT", u"/policies/"_s + policyId, json({{u"policy"_s, policy}}));
        QCOMPARE(result.status, 500);
        QCOMPARE(result.errorDetails(), u" Conflict between policies for API - Orders -  An API can be associated with "
                                        "only one policy action with template id Identify & Authorize Application"_s);

        // The action in a stage that does not take its template.
        policy.insert(
            u"policyEnforcements"_s,
            QJsonArray{QJsonObject{{u"stageKey"_s, u"transport"_s},
                                   {u"enforcements"_s, QJsonArray{QJsonObject{{u"enforcementObjectId"_s, first}}}}}});
        result = m_http->call("PUT", u"/policies/"_s + policyId, json({{u"policy"_s, policy}}));
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" Policy action %1 with template evaluatePolicy cannot be added to stage "
                                        "transport; it belongs to stage IAM."_s.arg(first));
        policy.insert(u"policyEnforcements"_s,
                      QJsonArray{QJsonObject{{u"stageKey"_s, u"nowhere"_s}, {u"enforcements"_s, QJsonArray{}}}});
        result = m_http->call("PUT", u"/policies/"_s + policyId, json({{u"policy"_s, policy}}));
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" Invalid stage \"nowhere\" in policyEnforcements. See /policyStages for the "
                                        "stages."_s);
        policy.insert(u"policyEnforcements"_s,
                      QJsonArray{QJsonObject{
                          {u"stageKey"_s, u"IAM"_s},
                          {u"enforcements"_s, QJsonArray{QJsonObject{{u"enforcementObjectId"_s, u"ghost"_s}}}}}});
        result = m_http->call("PUT", u"/policies/"_s + policyId, json({{u"policy"_s, policy}}));
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: ghost"_s);

        result = m_http->call("PUT", u"/policies/unknown"_s, json({{u"policy"_s, policy}}));
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: unknown"_s);
        result = m_http->call("GET", u"/policies?policyIds="_s + policyId);
        QCOMPARE(result.object().value(u"policy"_s).toArray().size(), 1);
        result = m_http->call("DELETE", u"/policies/"_s + policyId);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" Policy [Default Policy for API Orders] belongs to API Orders and is deleted "
                                        "with the API."_s);
    }

    void globalPolicyCreateAndDelete()
    {
        HttpResult result = m_http->call(
            "POST", u"/policies"_s,
            R"({"policy":{"names":[{"value":"Global","locale":"English"}],"policyEnforcements":[],"policyScope":"GLOBAL"}})");
        QCOMPARE(result.status, 201);
        const QString id = result.object().value(u"policy"_s).toObject().value(u"id"_s).toString();
        QCOMPARE(result.object().value(u"policy"_s).toObject().value(u"global"_s).toBool(), true);
        QCOMPARE(m_http->call("DELETE", u"/policies/"_s + id).status, 204);
        QCOMPARE(m_http->call("DELETE", u"/policies/"_s + id).status, 404);
    }

    void policyActionsValid_data()
    {
        QTest::addColumn<QByteArray>("action");
        QTest::newRow("entryProtocolPolicy") << QByteArray(
            R"({"names":[{"value":"Enable HTTP / HTTPS","locale":"en"}],"templateKey":"entryProtocolPolicy",
            "parameters":[{"templateKey":"protocol","values":["http","https"]},{"templateKey":"soapVersion","values":["soap"]}],"active":false})");
        QTest::newRow("evaluatePolicy") << json(evaluatePolicy(u"oAuth2Token"_s));
        // The official samples leave applicationLookup out: it defaults to "strict".
        QTest::newRow("evaluatePolicy without applicationLookup") << QByteArray(
            R"({"templateKey":"evaluatePolicy","parameters":[{"templateKey":"logicalConnector","values":["OR"]},
            {"templateKey":"allowAnonymous","values":["false"]},{"templateKey":"IdentificationRule",
            "parameters":[{"templateKey":"identificationType","values":["oAuth2Token"]}]}]})");
        QTest::newRow("straightThroughRouting") << QByteArray(
            R"({"templateKey":"straightThroughRouting","parameters":[{"templateKey":"endpointUri",
            "values":["http:\/\/127.0.0.1:5556/integration/rest/external/integration/run/development/createOrder"]},
            {"templateKey":"method","values":["CUSTOM"]},{"templateKey":"connectTimeout","values":["30"]}]})");
        QTest::newRow("outbound HTTP_BASIC NEW") << QByteArray(
            R"({"templateKey":"outboundTransportAuthentication","parameters":[{"templateKey":"transportSecurity",
            "parameters":[{"templateKey":"authType","values":["HTTP_BASIC"]},{"templateKey":"authMode","values":["NEW"]},
            {"templateKey":"httpAuthCredentials","parameters":[{"templateKey":"userName","values":["svc"]},
            {"templateKey":"password","values":["pw"]}]}]}]})");
        QTest::newRow("outbound incoming basic") << QByteArray(
            R"({"templateKey":"outboundTransportAuthentication","parameters":[{"templateKey":"transportSecurity",
            "parameters":[{"templateKey":"authType","values":["HTTP_BASIC"]},{"templateKey":"authMode","values":["INCOMING_HTTP_BASIC_AUTH"]}]}]})");
        QTest::newRow("unmodelled template of a stage") << QByteArray(
            R"({"templateKey":"logInvocation","parameters":[{"templateKey":"anything","values":["x"]}]})");
    }
    void policyActionsValid()
    {
        QFETCH(QByteArray, action);
        const QString id = createAction(QJsonDocument::fromJson(action).object());
        QVERIFY(!id.isEmpty());
        HttpResult result = m_http->call("GET", u"/policyActions/"_s + id);
        QCOMPARE(result.status, 200);
        QJsonObject stored = result.object().value(u"policyAction"_s).toObject();
        stored.insert(u"active"_s, true);
        result = m_http->call("PUT", u"/policyActions/"_s + id, json({{u"policyAction"_s, stored}}));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"policyAction"_s).toObject().value(u"active"_s).toBool(), true);
        result = m_http->call("GET", u"/policyActions?policyActionIds="_s + id);
        QCOMPARE(result.object().value(u"policyAction"_s).toArray().size(), 1);
        QCOMPARE(m_http->call("DELETE", u"/policyActions/"_s + id).status, 204);
        result = m_http->call("DELETE", u"/policyActions/"_s + id);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: %1"_s.arg(id));
    }

    void policyActionsRejected_data()
    {
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QString>("error");
        QTest::newRow("no template") << QByteArray(R"({"parameters":[]})")
                                     << u" The policy action has no \"templateKey\"."_s;
        QTest::newRow("unknown template") << QByteArray(R"({"templateKey":"teleport"})")
                                          << u" Policy action template \"teleport\" does not exist. See "
                                             "/policyActionTemplates and /policyStages for the available templates."_s;
        QTest::newRow("protocol not allowed")
            << QByteArray(
                   R"({"templateKey":"entryProtocolPolicy","parameters":[{"templateKey":"protocol","values":["ftp"]}]})")
            << u" Invalid value \"ftp\" for parameter \"protocol\" of policy action template \"entryProtocolPolicy\". "
               "Allowed values: http, https."_s;
        QTest::newRow("protocol missing") << QByteArray(R"({"templateKey":"entryProtocolPolicy","parameters":[]})")
                                          << u" The required parameter \"protocol\" of policy action template "
                                             "\"entryProtocolPolicy\" is missing."_s;
        QTest::newRow("values not strings")
            << QByteArray(
                   R"({"templateKey":"entryProtocolPolicy","parameters":[{"templateKey":"protocol","values":[1]}]})")
            << u" The values of parameter \"protocol\" of policy action template \"entryProtocolPolicy\" must be "
               "strings."_s;
        QTest::newRow("parameters not an array") << QByteArray(R"({"templateKey":"evaluatePolicy","parameters":{}})")
                                                 << u" \"parameters\" must be an array."_s;
        QTest::newRow("identification type unknown")
            << QByteArray(R"({"templateKey":"evaluatePolicy","parameters":[{"templateKey":"IdentificationRule",
               "parameters":[{"templateKey":"applicationLookup","values":["strict"]},{"templateKey":"identificationType","values":["magic"]}]}]})")
            << u" Invalid value \"magic\" for parameter \"identificationType\" of \"IdentificationRule\". Allowed "
               "values: apiKey, httpBasicAuth, oAuth2Token, jwtClaims, openIdClaims, httpsCertificate, "
               "wssecUsernameToken, wssecX509Token, payloadElement, kerberosToken, ipAddressRange, hostNameAddress."_s;
        QTest::newRow("routing without endpoint")
            << QByteArray(R"({"templateKey":"straightThroughRouting","parameters":[]})")
            << u" The required parameter \"endpointUri\" of policy action "
               "template \"straightThroughRouting\" is missing."_s;
        QTest::newRow("timeout not a number")
            << QByteArray(
                   R"({"templateKey":"straightThroughRouting","parameters":[{"templateKey":"endpointUri","values":["http:\/\/x"]},{"templateKey":"readTimeout","values":["soon"]}]})")
            << u" Parameter \"readTimeout\" of policy action template \"straightThroughRouting\" must be a number, got "
               "\"soon\"."_s;
        QTest::newRow("basic NEW without credentials")
            << QByteArray(
                   R"({"templateKey":"outboundTransportAuthentication","parameters":[{"templateKey":"transportSecurity",
               "parameters":[{"templateKey":"authType","values":["HTTP_BASIC"]},{"templateKey":"authMode","values":["NEW"]}]}]})")
            << u" Outbound Auth - Transport with authType HTTP_BASIC and authMode NEW needs \"httpAuthCredentials\" "
               "(userName and password)."_s;
        QTest::newRow("alias that does not exist")
            << json(outboundAlias(u"${io-missing}"_s)) << u" Alias \"io-missing\" does not exist."_s;
    }
    void policyActionsRejected()
    {
        QFETCH(QByteArray, action);
        QFETCH(QString, error);
        const HttpResult result = m_http->call("POST", u"/policyActions"_s, "{\"policyAction\":" + action + "}");
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), error);
    }

    void policyActionUnknownIds()
    {
        HttpResult result = m_http->call("GET", u"/policyActions/nope"_s);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: nope"_s);
        result =
            m_http->call("PUT", u"/policyActions/nope"_s, json({{u"policyAction"_s, evaluatePolicy(u"apiKey"_s)}}));
        QCOMPARE(result.status, 500);
        QCOMPARE(result.errorDetails(), u" Unable to process the PUT request for APIs. An error occurred while "
                                        "processing the payload. Error message:\n Unable to find the resource: nope"_s);
    }

    void templatesAndStages()
    {
        HttpResult result = m_http->call("GET", u"/policyStages"_s);
        QCOMPARE(result.status, 200);
        const QJsonArray stages = result.object().value(u"stages"_s).toArray();
        QCOMPARE(stages.size(), 8);
        QCOMPARE(stages.at(2).toObject().value(u"stageKey"_s).toString(), u"IAM"_s);
        QVERIFY(stages.at(2).toObject().value(u"policyActionTemplates"_s).toArray().contains(u"evaluatePolicy"_s));
        result = m_http->call("GET", u"/policyActionTemplates"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"policyActionTemplates"_s).toArray().size(), 4);
        result = m_http->call("GET", u"/policyActionTemplates/evaluatePolicy"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"policyActionTemplates"_s).toObject().value(u"occurence"_s).toString(),
                 u"once"_s);
        result = m_http->call("GET", u"/policyActionTemplates/teleport"_s);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Unable to find the resource: teleport"_s);
    }

    void transportAliasRoundTrip_data()
    {
        QTest::addColumn<QString>("sent");
        QTest::addColumn<QString>("stored");
        QTest::newRow("plain password") << u"orders-demo-pass"_s << u"b3JkZXJzLWRlbW8tcGFzcw=="_s;
        QTest::newRow("base64 password") << u"bWFuYWdl"_s << u"bWFuYWdl"_s;
        QTest::newRow("plain that looks like base64 of binary") << u"test"_s << u"dGVzdA=="_s;
    }
    void transportAliasRoundTrip()
    {
        QFETCH(QString, sent);
        QFETCH(QString, stored);
        const QJsonObject alias{
            {u"name"_s, u"io-orders-basic"_s},
            {u"type"_s, u"httpTransportSecurityAlias"_s},
            {u"authType"_s, u"HTTP_BASIC"_s},
            {u"authMode"_s, u"NEW"_s},
            {u"httpAuthCredentials"_s, QJsonObject{{u"userName"_s, u"svc-orders"_s}, {u"password"_s, sent}}}};
        HttpResult result = m_http->call("POST", u"/alias"_s, json(alias));
        QCOMPARE(result.status, 201);
        const QJsonObject created = result.object().value(u"alias"_s).toObject();
        const QString id = created.value(u"id"_s).toString();
        result = m_http->call("GET", u"/alias/"_s + id);
        QCOMPARE(result.status, 200);
        const QJsonObject fetched = result.object().value(u"alias"_s).toObject();
        QCOMPARE(fetched.value(u"httpAuthCredentials"_s).toObject().value(u"password"_s).toString(), stored);
        QCOMPARE(fetched.value(u"httpAuthCredentials"_s).toObject().value(u"userName"_s).toString(), u"svc-orders"_s);
        QCOMPARE(SandboxState::plainAliasPassword(fetched),
                 QString::fromUtf8(QByteArray::fromBase64(stored.toLatin1())));

        // PUT the fetched object back unchanged: the password must not be encoded twice.
        result = m_http->call("PUT", u"/alias/"_s + id, json(fetched));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object()
                     .value(u"alias"_s)
                     .toObject()
                     .value(u"httpAuthCredentials"_s)
                     .toObject()
                     .value(u"password"_s),
                 QJsonValue(stored));

        // An action that uses it blocks its deletion.
        const QString actionId = createAction(outboundAlias(u"io-orders-basic"_s));
        result = m_http->call("DELETE", u"/alias/"_s + id);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(),
                 u" Alias io-orders-basic is used by policy action %1 and cannot be deleted."_s.arg(actionId));
        QCOMPARE(m_http->call("DELETE", u"/policyActions/"_s + actionId).status, 204);
        QCOMPARE(m_http->call("DELETE", u"/alias/"_s + id).status, 204);
        result = m_http->call("GET", u"/alias/"_s + id);
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(), u" Alias with id: %1 does not exist."_s.arg(id));
    }

    void simpleAndEndpointAliases()
    {
        HttpResult result = m_http->call(
            "POST", u"/alias"_s,
            R"({"name":"io-tenant-url","type":"simple","description":"tenant","value":"http:\/\/127.0.0.1:5556"})");
        QCOMPARE(result.status, 201);
        result = m_http->call("POST", u"/alias"_s,
                              R"({"name":"Endpoint Alias","type":"endpoint","endPointURI":"http:\/\/localhost:5555",
                                 "connectionTimeout":"30","readTimeout":"30","optimizationTechnique":"None",
                                 "passSecurityHeaders":false,"keystoreAlias":"DEFAULT_IS_KEYSTORE","keyAlias":"ssos"})");
        QCOMPARE(result.status, 201);
        QCOMPARE(result.object().value(u"alias"_s).toObject().value(u"connectionTimeout"_s), QJsonValue(30));
        result = m_http->call("GET", u"/alias"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"alias"_s).toArray().size(), 3); // and the system alias "local"
        // A fresh installation's system alias is listed but read-only, as on the product (405).
        result = m_http->call("GET", u"/alias/local"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.object().value(u"alias"_s).toObject().value(u"type"_s).toString(), u"authServerAlias"_s);
        result = m_http->call("PUT", u"/alias/local"_s, R"({"name":"local","type":"authServerAlias"})");
        QCOMPARE(result.status, 405);
        QVERIFY(result.object().value(u"errorDetails"_s).toString().contains(u"Method: PUT is not allowed"_s));
        QCOMPARE(m_http->call("DELETE", u"/alias/local"_s).status, 405);
        QCOMPARE(m_http->call("GET", u"/alias/local"_s).status, 200);
        result = m_http->call("POST", u"/alias"_s, R"({"name":"io-tenant-url","type":"simple","value":"x"})");
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), u" Alias with name io-tenant-url already exists."_s);
    }

    void aliasRejected_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("no name") << QByteArray(R"({"type":"simple","value":"x"})")
                                 << u" The alias needs a \"name\" (a non-empty string)."_s;
        QTest::newRow("unknown type") << QByteArray(R"({"name":"a","type":"secret"})")
                                      << u" The alias \"type\" must be one of simple, endpoint, "
                                         "httpTransportSecurityAlias, soapMessageSecurityAlias, samlIssuerAlias, "
                                         "authServerAlias, webmethodsAlias, transformationAlias, "
                                         "serviceRegistryAlias, clientMetadataMapping, awsConfigurationAlias, "
                                         "isConfigurationAlias."_s;
        QTest::newRow("simple without value")
            << QByteArray(R"({"name":"a","type":"simple"})") << u" A simple alias needs a \"value\" (a string)."_s;
        QTest::newRow("timeout not a number")
            << QByteArray(R"({"name":"a","type":"endpoint","endPointURI":"http:\/\/x","readTimeout":"soon"})")
            << u" The endpoint alias field \"readTimeout\" must be a number of seconds."_s;
        QTest::newRow("basic without user")
            << QByteArray(
                   R"({"name":"a","type":"httpTransportSecurityAlias","authType":"HTTP_BASIC","authMode":"NEW"})")
            << u" An httpTransportSecurityAlias with authType HTTP_BASIC and authMode NEW needs "
               "\"httpAuthCredentials\" with a \"userName\"."_s;
        QTest::newRow("password not a string")
            << QByteArray(R"({"name":"a","type":"httpTransportSecurityAlias","authType":"HTTP_BASIC",
                 "httpAuthCredentials":{"userName":"u","password":42}})")
            << u" \"httpAuthCredentials.password\" must be a string."_s;
        QTest::newRow("array body") << QByteArray("[1,2]")
                                    << u" Unable to create the resource. Error in processing the payload body. Error "
                                       "Message the payload is not a JSON object. Check the correctness of key and "
                                       "payload."_s;
    }
    void aliasRejected()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const HttpResult result = m_http->call("POST", u"/alias"_s, body);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorDetails(), error);
    }

    void aliasUnknownIdOnPut()
    {
        const HttpResult result = m_http->call("PUT", u"/alias/nope"_s, R"({"name":"a","type":"simple","value":"x"})");
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorDetails(),
                 u" Unable to process the PUT request for alias. Error occurred while processing "
                 "the payload. Error Message:\n Alias with id: nope does not exist."_s);
    }

    void oversizedBodyGets413()
    {
        const QByteArray big = "{\"name\":\"" + QByteArray(70 * 1024, 'x') + "\"}";
        const HttpResult result = m_http->call("POST", u"/alias"_s, big);
        QCOMPARE(result.status, 413);
        QCOMPARE(result.errorDetails(),
                 u" Request entity too large: the Content-Length header announces %1 bytes, the limit is 65536 "
                 "bytes."_s.arg(big.size()));
    }

    // The cap is decided from the header: a request announcing 10 GB and sending none of it is answered at once,
    // before any body is buffered (the server used to wait for the whole body, then refuse it).
    void aHugeContentLengthIsRefusedBeforeTheBody()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_sandbox->gatewayUrl().port());
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
        socket.write("POST /rest/apigateway/alias HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: 10000000000\r\n\r\n{\"name\":");
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (!answer.contains("errorDetails") && timer.elapsed() < 5000) {
            QTest::qWait(20);
            answer += socket.readAll();
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY2(answer.contains("the Content-Length header announces 10000000000 bytes, the limit is 65536 bytes"),
                 answer.constData());
        // The connection is closed: what follows the refused head is never read as a request.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    // Requests on one kept-alive connection are tracked one after another: a small body, then one over the cap.
    void theCapAppliesToEveryRequestOfAConnection()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_sandbox->gatewayUrl().port());
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
        const QByteArray head = "POST /rest/apigateway/alias HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " +
                                QByteArray("Administrator:manage").toBase64() +
                                "\r\nContent-Type: application/json\r\nContent-Length: ";
        const QByteArray small = R"({"name":"kept-alive","type":"simple","value":"x"})";
        QByteArray answer;
        const auto readUntil = [&](const QByteArray &what) {
            QElapsedTimer timer;
            timer.start();
            while (!answer.contains(what) && timer.elapsed() < 5000) {
                QTest::qWait(20);
                answer += socket.readAll();
            }
        };
        // The body in two pieces, so the tracking crosses reads.
        socket.write(head + QByteArray::number(small.size()) + "\r\n\r\n" + small.left(10));
        QTest::qWait(50);
        socket.write(small.mid(10));
        readUntil("kept-alive");
        QVERIFY2(answer.startsWith("HTTP/1.1 201"), answer.constData());
        answer.clear();
        socket.write(head + "70000\r\n\r\n");
        readUntil("errorDetails");
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    }
};

QTEST_GUILESS_MAIN(TestSandboxAdmin)
#include "tst_sandboxadmin.moc"
