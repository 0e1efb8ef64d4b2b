// SPDX-License-Identifier: GPL-3.0-or-later
#include "httptestclient.h"
#include "sandbox/authorizationserver.h"
#include "sandbox/gatewayruntime.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxoptions.h"
#include "sandbox/sandboxruntime.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

/// The whole chain of the demo scenario over real HTTP: token from the sandbox's OAuth server, call to a
/// gateway proxy, token check, routing with the technical user's Basic credentials, and .io's answer.
class TestGatewayRuntime : public QObject
{
    Q_OBJECT

private:
    QUrl gateway(const QString &path) const { return m_sandbox->gatewayUrl().resolved(QUrl(path)); }
    QUrl oauth(const QString &path) const { return m_runtime->oauth().baseUrl().resolved(QUrl(path)); }

    QByteArray demoToken(const QByteArray &extra = {})
    {
        const auto answer =
            m_http.send("POST", oauth(u"/oauth2/token"_s),
                        {HttpTestClient::form(), HttpTestClient::basic(u"demo-client"_s, u"demo-client-secret"_s)},
                        "grant_type=client_credentials" + extra);
        return answer.json[u"access_token"_s].toString().toLatin1();
    }

    HttpTestClient::Answer callProxy(const QString &api, const QByteArray &token, const QByteArray &body = "{}")
    {
        HttpTestClient::Headers headers{{"Content-Type", "application/json"}};
        if (!token.isEmpty())
            headers.append(HttpTestClient::bearer(token));
        return m_http.send("POST", gateway(u"/gateway/%1/1.0"_s.arg(api)), headers, body);
    }

    static QString exceptionMessage(const HttpTestClient::Answer &answer)
    {
        const QString text = answer.json[u"Exception"_s].toString();
        const qsizetype start = text.indexOf(u"Error Message:  "_s);
        const qsizetype end = text.indexOf(u". Request Details:"_s);
        return start < 0 || end < 0 ? text : text.mid(start + 16, end - start - 16);
    }

    /// Replaces the parameters of the OrdersCreate action with template \a templateKey.
    void setOrdersCreateAction(const QString &templateKey, const QJsonArray &parameters)
    {
        gw::SandboxState &state = m_sandbox->state();
        const auto api = state.findApi(u"OrdersCreate"_s, u"1.0"_s);
        QVERIFY(api);
        for (QJsonObject action : state.enforcedActions(api->value(u"id"_s).toString())) {
            if (action[u"templateKey"_s].toString() == templateKey) {
                action.insert(u"parameters"_s, parameters);
                state.put(gw::SandboxState::Kind::PolicyAction, action);
                return;
            }
        }
        QFAIL("no such action");
    }

    static QJsonObject parameter(const QString &key, const QStringList &values)
    {
        return QJsonObject{{u"templateKey"_s, key}, {u"values"_s, QJsonArray::fromStringList(values)}};
    }

    static QJsonObject nested(const QString &key, const QJsonArray &parameters)
    {
        return QJsonObject{{u"templateKey"_s, key}, {u"parameters"_s, parameters}};
    }

    HttpTestClient m_http;
    std::unique_ptr<gw::Sandbox> m_sandbox;
    std::unique_ptr<gw::SandboxRuntime> m_runtime;
    QJsonObject m_seededState;

private Q_SLOTS:
    // One sandbox for the whole run (its RSA key takes a while to make); cleanup() puts back what a test changed.
    void initTestCase()
    {
        gw::SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = u"demo"_s;
        m_sandbox = std::make_unique<gw::Sandbox>(options);
        m_runtime = std::make_unique<gw::SandboxRuntime>();
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_runtime->attach(*m_sandbox, &error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
        m_seededState = m_sandbox->state().toJson();
    }

    void cleanup()
    {
        QString error;
        QVERIFY2(m_sandbox->state().loadJson(m_seededState, &error), qPrintable(error));
        m_runtime->tenant().clearCalls();
        m_runtime->tenant().setUserPassword(u"svc-orders"_s, u"orders-demo-pass"_s);
        m_runtime->tenant().setIntegrationDelay(u"listOrders"_s, 0);
        m_runtime->oauth().setTokenLifetime(gw::AuthorizationServer::DefaultTokenLifetime);
        m_runtime->gatewayRuntime().setLeeway(std::chrono::seconds(60));
    }

    void cleanupTestCase()
    {
        m_runtime.reset();
        m_sandbox.reset();
    }

    void runtimeOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("lifetime");
        QTest::newRow("defaults") << QStringList() << QString() << 3600;
        QTest::newRow("short tokens") << QStringList{u"--token-lifetime"_s, u"5"_s} << QString() << 5;
        QTest::newRow("zero lifetime") << QStringList{u"--token-lifetime"_s, u"0"_s}
                                       << u"--token-lifetime \"0\" is not a number of seconds (at least 1)"_s << 0;
        QTest::newRow("negative skew") << QStringList{u"--clock-skew"_s, u"-1"_s}
                                       << u"--clock-skew \"-1\" is not a number of seconds (at least 0)"_s << 0;
        QTest::newRow("JWKS without issuer")
            << QStringList{u"--trust-jwks-uri"_s, u"http://127.0.0.1:9/jwks"_s}
            << u"--trust-jwks-uri and --trust-introspection-endpoint need --trust-issuer"_s << 0;
    }

    void runtimeOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QFETCH(int, lifetime);
        const auto parsed =
            gw::SandboxOptionsParser::parse(QStringList{u"gatewright-sandbox"_s} + arguments, QProcessEnvironment());
        QCOMPARE(parsed.error, error);
        if (error.isEmpty())
            QCOMPARE(parsed.options->tokenLifetime, lifetime);
    }

    void startupLineListsTheDemo()
    {
        const QJsonObject line = QJsonDocument::fromJson(m_sandbox->startupLine()).object();
        QCOMPARE(line[u"demo"_s][u"clientId"_s].toString(), u"demo-client"_s);
        QCOMPARE(line[u"demo"_s][u"clientSecret"_s].toString(), u"demo-client-secret"_s);
        QCOMPARE(line[u"demo"_s][u"proxies"_s][u"InvoicesIssue"_s].toString(),
                 gateway(u"/gateway/InvoicesIssue/1.0"_s).toString());
        QCOMPARE(line[u"demo"_s][u"proxies"_s].toObject().size(), 6);
        QCOMPARE(line[u"tenant"_s][u"url"_s].toString(), m_runtime->tenant().baseUrl().toString());
        QCOMPARE(line[u"oauth"_s][u"issuer"_s].toString(), m_runtime->oauth().issuer());
    }

    void tokenThenProxyReachesTheTenantAsTheTechnicalUser_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("integration");
        QTest::newRow("OrdersCreate") << u"OrdersCreate"_s << u"svc-orders"_s << u"Orders"_s << u"createOrder"_s;
        QTest::newRow("OrdersStatus") << u"OrdersStatus"_s << u"svc-orders"_s << u"Orders"_s << u"getOrderStatus"_s;
        QTest::newRow("OrdersList shared user")
            << u"OrdersList"_s << u"svc-gateway-shared"_s << u"Orders"_s << u"listOrders"_s;
        QTest::newRow("CustomersLookup") << u"CustomersLookup"_s << u"svc-customers"_s << u"Customers"_s
                                         << u"lookupCustomer"_s;
        QTest::newRow("CustomersEvents webhook")
            << u"CustomersEvents"_s << u"svc-customers"_s << u"Customers"_s << u"customerUpdated"_s;
    }

    void tokenThenProxyReachesTheTenantAsTheTechnicalUser()
    {
        QFETCH(QString, api);
        QFETCH(QString, user);
        QFETCH(QString, project);
        QFETCH(QString, integration);
        const QByteArray token = demoToken();
        QVERIFY(!token.isEmpty());
        const auto answer = callProxy(api, token, R"({"orderId":"A-17"})");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("X-Gateway-Native-Status"), "200"_ba);
        const QJsonObject output = answer.json[u"output"_s].toObject();
        QCOMPARE(output[u"executedBy"_s].toString(), user);
        QCOMPARE(output[u"integration"_s].toString(), integration);
        QCOMPARE(output[u"input"_s][u"orderId"_s].toString(), u"A-17"_s);
        const auto calls = m_runtime->tenant().calls();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().user, user);
        QCOMPARE(calls.first().project, project);
        QCOMPARE(calls.first().integration, integration);
        QCOMPARE(calls.first().status, 200);
    }

    void queryAndResourcePathReachTheTenant()
    {
        const auto answer = m_http.send("GET", gateway(u"/gateway/OrdersStatus/1.0/A-17?verbose=yes&q=a%20b%7C"_s),
                                        {HttpTestClient::bearer(demoToken())});
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json[u"output"_s][u"path"_s].toString(),
                 u"/integration/rest/external/integration/run/development/getOrderStatus/A-17"_s);
        QCOMPARE(answer.json[u"output"_s][u"query"_s][u"verbose"_s].toString(), u"yes"_s);
        QCOMPARE(answer.json[u"output"_s][u"query"_s][u"q"_s].toString(), u"a b|"_s);
        QCOMPARE(answer.json[u"output"_s][u"method"_s].toString(), u"GET"_s);
    }

    void rejectedTokens_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("wwwAuthenticate");
        QTest::addColumn<QString>("message");
        const auto header = [](const char *error, const char *reason) -> QByteArray {
            return "Bearer realm=\"API Gateway\", error=\"" + QByteArray(error) + "\", error_description=\"" +
                   QByteArray(reason) + '"';
        };
        QTest::newRow("missing") << u"missing"_s << 401
                                 << header("invalid_token", "no bearer access token in the Authorization header")
                                 << u"no bearer access token in the Authorization header"_s;
        QTest::newRow("expired") << u"expired"_s << 401 << header("invalid_token", "access token expired")
                                 << u"access token expired"_s;
        QTest::newRow("wrong audience") << u"audience"_s << 401
                                        << header("invalid_token",
                                                  "access token audience is not gatewright-demo-gateway")
                                        << u"access token audience is not gatewright-demo-gateway"_s;
        QTest::newRow("bad signature") << u"tampered"_s << 401
                                       << header("invalid_token", "access token signature is invalid")
                                       << u"access token signature is invalid"_s;
        QTest::newRow("revoked opaque") << u"revoked"_s << 401
                                        << header("invalid_token",
                                                  "access token is not active (revoked, expired or unknown)")
                                        << u"access token is not active (revoked, expired or unknown)"_s;
        QTest::newRow("insufficient scope")
            << u"scope"_s << 403 << header("insufficient_scope", "access token lacks scope orders:write")
            << u"access token lacks scope orders:write"_s;
    }

    void rejectedTokens()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, wwwAuthenticate);
        QFETCH(QString, message);

        QByteArray token;
        if (kind == u"expired"_s) {
            m_runtime->oauth().setTokenLifetime(1);
            m_runtime->gatewayRuntime().setLeeway(std::chrono::seconds(0));
            token = demoToken();
            QTest::qWait(2200);
        } else if (kind == u"audience"_s) {
            token = demoToken("&resource=urn%3Aanother-gateway");
        } else if (kind == u"tampered"_s) {
            token = demoToken("&scope=orders%3Aread");
            QList<QByteArray> parts = token.split('.');
            QJsonObject claims =
                QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
            claims.insert(u"scope"_s, u"orders:read orders:write"_s);
            parts[1] = QJsonDocument(claims)
                           .toJson(QJsonDocument::Compact)
                           .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            token = parts.join('.');
        } else if (kind == u"revoked"_s) {
            token = demoToken("&token_format=opaque");
            QCOMPARE(callProxy(u"OrdersCreate"_s, token).status, 200); // introspection says active first
            m_runtime->tenant().clearCalls();
            const auto revoked =
                m_http.send("POST", oauth(u"/oauth2/revoke"_s),
                            {HttpTestClient::form(), HttpTestClient::basic(u"demo-client"_s, u"demo-client-secret"_s)},
                            "token=" + token);
            QCOMPARE(revoked.status, 200);
        } else if (kind == u"scope"_s) {
            token = demoToken("&scope=orders%3Aread");
        }

        const auto answer = callProxy(u"OrdersCreate"_s, token);
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.header("WWW-Authenticate"), wwwAuthenticate);
        QCOMPARE(exceptionMessage(answer), message);
        QVERIFY(
            answer.json[u"Exception"_s].toString().startsWith(u"API Gateway encountered an error. Error Message:  "_s));
        QVERIFY(answer.json[u"Exception"_s].toString().contains(u"Service - OrdersCreate, Operation - /"_s));
        QVERIFY(answer.header("X-Gateway-Native-Status").isEmpty());
        QVERIFY2(m_runtime->tenant().calls().isEmpty(), "a rejected call must not reach the tenant");
    }

    void missingOutboundAuthGivesTheNative401()
    {
        const auto answer = callProxy(u"InvoicesIssue"_s, demoToken());
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.header("X-Gateway-Native-Status"), "401"_ba);
        QVERIFY(answer.header("WWW-Authenticate").startsWith("Basic"));
        QVERIFY(!answer.json.contains(u"Exception"_s));
        QCOMPARE(answer.json[u"error"_s][u"message"_s].toString(),
                 u"Authentication required: send HTTP Basic credentials."_s);
        const auto calls = m_runtime->tenant().calls();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().integration, u"issueInvoice"_s);
        QCOMPARE(calls.first().user, QString()); // the caller's bearer token was not passed on
        QCOMPARE(calls.first().status, 401);
    }

    void wrongAliasPasswordGivesTheNative401_data()
    {
        QTest::addColumn<bool>("rotatedOnTheTenant");
        QTest::newRow("typo in the gateway alias") << false;
        QTest::newRow("password rotated on the tenant only") << true;
    }

    void wrongAliasPasswordGivesTheNative401()
    {
        QFETCH(bool, rotatedOnTheTenant);
        if (rotatedOnTheTenant) {
            QVERIFY(m_runtime->tenant().setUserPassword(u"svc-orders"_s, u"rotated-on-the-tenant"_s));
        } else {
            auto alias = m_sandbox->state().findAliasByName(u"io-orders-basic"_s);
            QVERIFY(alias);
            alias->insert(u"httpAuthCredentials"_s,
                          QJsonObject{{u"userName"_s, u"svc-orders"_s},
                                      {u"password"_s, QString::fromLatin1("orders-demo-pas"_ba.toBase64())}});
            m_sandbox->state().put(gw::SandboxState::Kind::Alias, *alias);
        }
        const auto answer = callProxy(u"OrdersCreate"_s, demoToken());
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.header("X-Gateway-Native-Status"), "401"_ba);
        QVERIFY(!answer.json.contains(u"Exception"_s));
        QCOMPARE(answer.json[u"error"_s][u"message"_s].toString(), u"Invalid username or password."_s);
        QCOMPARE(m_runtime->tenant().calls().first().status, 401);
    }

    void userWithoutProjectRoleIsRefused()
    {
        auto alias = m_sandbox->state().findAliasByName(u"io-orders-basic"_s);
        QVERIFY(alias);
        alias->insert(u"httpAuthCredentials"_s,
                      QJsonObject{{u"userName"_s, u"svc-no-role"_s},
                                  {u"password"_s, QString::fromLatin1("no-role-demo-pass"_ba.toBase64())}});
        m_sandbox->state().put(gw::SandboxState::Kind::Alias, *alias);
        const auto answer = callProxy(u"OrdersCreate"_s, demoToken());
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.header("X-Gateway-Native-Status"), "401"_ba);
        QCOMPARE(answer.json[u"error"_s][u"message"_s].toString(),
                 u"User svc-no-role is not authorized to execute createOrder in project Orders."_s);
        QCOMPARE(m_runtime->tenant().calls().first().user, u"svc-no-role"_s);
    }

    void slowBackendDoesNotStallOtherCalls()
    {
        m_runtime->tenant().setIntegrationDelay(u"listOrders"_s, 3000);
        const QByteArray token = demoToken();
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *slow =
            m_http.start("POST", gateway(u"/gateway/OrdersList/1.0"_s), {HttpTestClient::bearer(token)}, "{}");
        QNetworkReply *fast =
            m_http.start("POST", gateway(u"/gateway/OrdersStatus/1.0"_s), {HttpTestClient::bearer(token)}, "{}");
        const auto fastAnswer = HttpTestClient::finish(fast);
        const qint64 fastMs = clock.elapsed();
        QVERIFY2(!slow->isFinished(), "the slow call finished before the fast one");
        const auto slowAnswer = HttpTestClient::finish(slow);
        const qint64 slowMs = clock.elapsed();
        QCOMPARE(fastAnswer.status, 200);
        QCOMPARE(slowAnswer.status, 200);
        QCOMPARE(slowAnswer.json[u"output"_s][u"integration"_s].toString(), u"listOrders"_s);
        qInfo("fast call %lld ms, slow call %lld ms (backend delay 3000 ms)", fastMs, slowMs);
    }

    void getAccessTokenOnTheGateway_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("query");
        QTest::newRow("JSON body")
            << "application/json"_ba
            << R"({"grant_type":"client_credentials","client_id":"demo-client","client_secret":"demo-client-secret"})"_ba
            << QString();
        QTest::newRow("form body")
            << "application/x-www-form-urlencoded"_ba
            << "grant_type=client_credentials&client_id=demo-client&client_secret=demo-client-secret"_ba << QString();
        QTest::newRow("query")
            << QByteArray() << QByteArray()
            << u"grant_type=client_credentials&client_id=demo-client&client_secret=demo-client-secret"_s;
    }

    void getAccessTokenOnTheGateway()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, query);
        QUrl url = gateway(u"/invoke/pub.apigateway.oauth2/getAccessToken"_s);
        if (!query.isEmpty())
            url.setQuery(query);
        HttpTestClient::Headers headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        const auto answer = m_http.send("POST", url, headers, body);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json[u"token_type"_s].toString(), u"Bearer"_s);
        QCOMPARE(answer.json[u"expires_in"_s].toInt(), 3600);
        QCOMPARE(callProxy(u"OrdersCreate"_s, answer.json[u"access_token"_s].toString().toLatin1()).status, 200);
    }

    void keyRotationKeepsOldTokensValidAndNewOnesAccepted()
    {
        const QByteArray before = demoToken();
        QCOMPARE(callProxy(u"OrdersCreate"_s, before).status, 200); // the gateway caches the JWKS now
        const auto rotation =
            m_http.send("POST", oauth(u"/oauth2/admin/rotate-keys"_s),
                        {HttpTestClient::form(), HttpTestClient::basic(u"Administrator"_s, u"manage"_s)});
        QCOMPARE(rotation.status, 200);
        QCOMPARE(callProxy(u"OrdersCreate"_s, before).status, 200); // retired key still published
        QTest::qWait(5100); // the gateway fetches the JWKS again at most every 5 s
        QCOMPARE(callProxy(u"OrdersCreate"_s, demoToken()).status, 200); // unknown kid -> one JWKS refresh
    }

    void inlineOutboundCredentials()
    {
        setOrdersCreateAction(
            u"outboundTransportAuthentication"_s,
            QJsonArray{
                nested(u"transportSecurity"_s,
                       QJsonArray{parameter(u"authType"_s, {u"HTTP_BASIC"_s}), parameter(u"authMode"_s, {u"NEW"_s}),
                                  nested(u"httpAuthCredentials"_s,
                                         QJsonArray{parameter(u"userName"_s, {u"svc-gateway-shared"_s}),
                                                    parameter(u"password"_s, {u"c2hhcmVkLWRlbW8tcGFzcw=="_s})})})});
        const auto answer = callProxy(u"OrdersCreate"_s, demoToken());
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json[u"output"_s][u"executedBy"_s].toString(), u"svc-gateway-shared"_s);
    }

    void routingThroughAnEndpointAliasWithFixedMethod()
    {
        const QString tenant = m_runtime->tenant().baseUrl().toString();
        m_sandbox->state().put(
            gw::SandboxState::Kind::Alias,
            QJsonObject{
                {u"id"_s, gw::SandboxState::newId()},
                {u"name"_s, u"orders-endpoint"_s},
                {u"type"_s, u"endpoint"_s},
                {u"endPointURI"_s, QString(tenant + u"/integration/rest/external/integration/run/development"_s)}});
        setOrdersCreateAction(
            u"straightThroughRouting"_s,
            QJsonArray{parameter(u"endpointUri"_s, {u"${orders-endpoint}/listOrders/${sys:resource_path}"_s}),
                       parameter(u"method"_s, {u"GET"_s})});
        const auto answer = m_http.send("POST", gateway(u"/gateway/OrdersCreate/1.0/page/2"_s),
                                        {HttpTestClient::bearer(demoToken())}, "{}");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json[u"output"_s][u"integration"_s].toString(), u"listOrders"_s);
        QCOMPARE(answer.json[u"output"_s][u"method"_s].toString(), u"GET"_s);
        QCOMPARE(answer.json[u"output"_s][u"path"_s].toString(),
                 u"/integration/rest/external/integration/run/development/listOrders/page/2"_s);
    }

    void gatewayConfigurationErrors_data()
    {
        QTest::addColumn<QString>("templateKey");
        QTest::addColumn<QJsonArray>("parameters");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("HTTPS only")
            << u"entryProtocolPolicy"_s << QJsonArray{parameter(u"protocol"_s, {u"https"_s})} << 400
            << u"Transport protocol not supported."_s; // the product's text: "supported.. Request Details"
        QTest::newRow("unknown routing alias")
            << u"straightThroughRouting"_s << QJsonArray{parameter(u"endpointUri"_s, {u"${nowhere}/x"_s})} << 500
            << u"Alias nowhere used in the routing endpoint does not exist"_s;
        QTest::newRow("unknown outbound alias")
            << u"outboundTransportAuthentication"_s
            << QJsonArray{nested(u"transportSecurity"_s, QJsonArray{parameter(u"authType"_s, {u"ALIAS"_s}),
                                                                    parameter(u"alias"_s, {u"${io-missing}"_s})})}
            << 500
            << u"Outbound authentication alias io-missing does not exist or is not an httpTransportSecurityAlias"_s;
    }

    void gatewayConfigurationErrors()
    {
        QFETCH(QString, templateKey);
        QFETCH(QJsonArray, parameters);
        QFETCH(int, status);
        QFETCH(QString, message);
        setOrdersCreateAction(templateKey, parameters);
        const auto answer = callProxy(u"OrdersCreate"_s, demoToken());
        QCOMPARE(answer.status, status);
        QCOMPARE(exceptionMessage(answer), message);
        QVERIFY(m_runtime->tenant().calls().isEmpty());
    }

    void unknownAndInactiveApis()
    {
        auto answer = callProxy(u"NoSuchApi"_s, demoToken());
        QCOMPARE(answer.status, 404);
        QCOMPARE(exceptionMessage(answer), u"API NoSuchApi with version 1.0 does not exist"_s);
        auto api = m_sandbox->state().findApi(u"OrdersCreate"_s, u"1.0"_s);
        api->insert(u"isActive"_s, false);
        m_sandbox->state().put(gw::SandboxState::Kind::Api, *api);
        answer = callProxy(u"OrdersCreate"_s, demoToken());
        QCOMPARE(answer.status, 503);
        QCOMPARE(exceptionMessage(answer), u"API OrdersCreate with version 1.0 is not active"_s);
    }
};

QTEST_GUILESS_MAIN(TestGatewayRuntime)
#include "tst_gatewayruntime.moc"
