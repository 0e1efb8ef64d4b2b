// SPDX-License-Identifier: GPL-3.0-or-later
#include "httptestclient.h"
#include "sandbox/gatewayruntime.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxoptions.h"
#include "sandbox/sandboxruntime.h"
#include "testpaths.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const auto ClientId = u"admin-console"_s;
const auto ClientSecret = u"test-secret-not-for-prod"_s;

QJsonObject parameter(const QString &key, const QStringList &values)
{
    return QJsonObject{{u"templateKey"_s, key}, {u"values"_s, QJsonArray::fromStringList(values)}};
}

QJsonObject nested(const QString &key, const QJsonArray &parameters)
{
    return QJsonObject{{u"templateKey"_s, key}, {u"parameters"_s, parameters}};
}

} // namespace

/// The sandbox gateway trusts a real, independent authorization server (panva's oidc-provider, see
/// tests/peers/oidc-provider.mjs): JWT access tokens are checked with its JWKS, opaque ones through its
/// RFC 7662 introspection endpoint.
class TestSandboxInterop : public QObject
{
    Q_OBJECT

private:
    QUrl idp(const QString &path) const { return QUrl(m_issuer + path); }

    QByteArray idpToken(const QByteArray &form)
    {
        const auto answer = m_http.send("POST", idp(u"/token"_s),
                                        {HttpTestClient::form(), HttpTestClient::basic(ClientId, ClientSecret)}, form);
        return answer.json[u"access_token"_s].toString().toLatin1();
    }

    HttpTestClient::Answer callProxy(const QByteArray &token)
    {
        return m_http.send("POST", m_sandbox->gatewayUrl().resolved(QUrl(u"/gateway/InteropOrders/1.0"_s)),
                           {HttpTestClient::bearer(token), {"Content-Type", "application/json"}}, "{}");
    }

    QProcess m_provider;
    QString m_issuer;
    QString m_audience;
    HttpTestClient m_http;
    std::unique_ptr<gw::Sandbox> m_sandbox;
    std::unique_ptr<gw::SandboxRuntime> m_runtime;

private Q_SLOTS:
    void initTestCase()
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!node.isEmpty(), "node is needed for the oidc-provider peer");
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PORT"_s, u"0"_s);
        m_provider.setProcessEnvironment(environment);
        m_provider.setProcessChannelMode(QProcess::SeparateChannels);
        m_provider.start(node, {QStringLiteral(GATEWRIGHT_PEERS_DIR "/oidc-provider.mjs")});
        QVERIFY2(m_provider.waitForStarted(10000), qPrintable(m_provider.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_provider.canReadLine() || m_provider.state() != QProcess::Running, 20000);
        const QByteArray line = m_provider.readLine();
        const QJsonObject ready = QJsonDocument::fromJson(line).object();
        QVERIFY2(ready[u"ready"_s].toBool(), line.constData());
        m_issuer = ready[u"issuer"_s].toString();
        m_audience = ready[u"audience"_s].toString();
    }

    void cleanupTestCase()
    {
        if (m_provider.state() == QProcess::Running) {
            m_provider.terminate();
            if (!m_provider.waitForFinished(5000))
                m_provider.kill();
        }
    }

    void init()
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

        // The external server as an administrator registers it: an authServerAlias with local (JWKS) validation.
        gw::SandboxState &state = m_sandbox->state();
        state.put(gw::SandboxState::Kind::Alias,
                  QJsonObject{{u"id"_s, gw::SandboxState::newId()},
                              {u"name"_s, u"oidc-provider"_s},
                              {u"type"_s, u"authServerAlias"_s},
                              {u"authServerType"_s, u"EXTERNAL"_s},
                              {u"localIntrospectionConfig"_s,
                               QJsonObject{{u"issuer"_s, m_issuer}, {u"jwksuri"_s, QString(m_issuer + u"/jwks"_s)}}},
                              {u"tokenGeneratorConfig"_s, QJsonObject{{u"audience"_s, m_audience}}}});
        // Opaque tokens of the same server: introspection with the gateway's client (option-configured trust).
        gw::AuthorizationServerTrust::Config opaque;
        opaque.name = u"oidc-provider-opaque"_s;
        opaque.introspectionEndpoint = QUrl(m_issuer + u"/token/introspection"_s);
        opaque.introspectionClientId = ClientId;
        opaque.introspectionClientSecret = ClientSecret;
        opaque.audience = u"urn:test:opaque"_s;
        m_runtime->gatewayRuntime().setTrustedServer(opaque);

        const QJsonObject api = state.createApi(
            QJsonObject{{u"apiName"_s, u"InteropOrders"_s}, {u"apiVersion"_s, u"1.0"_s}, {u"type"_s, u"REST"_s}},
            u"${io-tenant-url}/integration/rest/external/integration/run/development/createOrder"_s);
        const QString apiId = api[u"id"_s].toString();
        const QString iam = gw::SandboxState::newId();
        state.put(gw::SandboxState::Kind::PolicyAction,
                  QJsonObject{{u"id"_s, iam},
                              {u"templateKey"_s, u"evaluatePolicy"_s},
                              {u"parameters"_s,
                               QJsonArray{parameter(u"logicalConnector"_s, {u"OR"_s}),
                                          nested(u"IdentificationRule"_s,
                                                 QJsonArray{parameter(u"identificationType"_s, {u"oAuth2Token"_s})}),
                                          parameter(u"requiredScopes"_s, {u"gateway:read"_s})}}});
        QVERIFY(state.enforceAction(apiId, u"IAM"_s, iam));
        const QString outbound = gw::SandboxState::newId();
        state.put(gw::SandboxState::Kind::PolicyAction,
                  QJsonObject{{u"id"_s, outbound},
                              {u"templateKey"_s, u"outboundTransportAuthentication"_s},
                              {u"parameters"_s,
                               QJsonArray{nested(u"transportSecurity"_s,
                                                 QJsonArray{parameter(u"authType"_s, {u"ALIAS"_s}),
                                                            parameter(u"authMode"_s, {u"NEW"_s}),
                                                            parameter(u"alias"_s, {u"io-orders-basic"_s})})}}});
        QVERIFY(state.enforceAction(apiId, u"routing"_s, outbound));
        QJsonObject active = *state.api(apiId);
        active.insert(u"isActive"_s, true);
        state.put(gw::SandboxState::Kind::Api, active);
    }

    void cleanup()
    {
        m_runtime.reset();
        m_sandbox.reset();
    }

    void jwtFromTheRealServerReachesTheTenant()
    {
        const QByteArray token = idpToken("grant_type=client_credentials&scope=gateway%3Aread");
        QVERIFY(!token.isEmpty());
        const auto answer = callProxy(token);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json[u"output"_s][u"executedBy"_s].toString(), u"svc-orders"_s);
        QCOMPARE(m_runtime->tenant().calls().size(), 1);
        QCOMPARE(m_runtime->tenant().calls().first().user, u"svc-orders"_s);
    }

    void rejections_data()
    {
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<bool>("tamper");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("description");
        QTest::newRow("tampered JWT") << "grant_type=client_credentials&scope=gateway%3Aread"_ba << true << 401
                                      << "access token signature is invalid"_ba;
        QTest::newRow("JWT without the scope") << "grant_type=client_credentials&scope=gateway%3Awrite"_ba << false
                                               << 403 << "access token lacks scope gateway:read"_ba;
        QTest::newRow("opaque token without the scope")
            << "grant_type=client_credentials&scope=gateway%3Awrite&resource=urn%3Atest%3Aopaque"_ba << false << 403
            << "access token lacks scope gateway:read"_ba;
    }

    void rejections()
    {
        QFETCH(QByteArray, form);
        QFETCH(bool, tamper);
        QFETCH(int, status);
        QFETCH(QByteArray, description);
        QByteArray token = idpToken(form);
        QVERIFY(!token.isEmpty());
        if (tamper) {
            QList<QByteArray> parts = token.split('.');
            QJsonObject claims =
                QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
            claims.insert(u"sub"_s, u"someone-else"_s);
            parts[1] = QJsonDocument(claims)
                           .toJson(QJsonDocument::Compact)
                           .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            token = parts.join('.');
        }
        const auto answer = callProxy(token);
        QCOMPARE(answer.status, status);
        QVERIFY2(answer.header("WWW-Authenticate").contains(QByteArray("error_description=\"" + description + '"')),
                 answer.header("WWW-Authenticate").constData());
        QVERIFY(m_runtime->tenant().calls().isEmpty());
    }

    void opaqueTokenIsIntrospectedAndRevocationHonoured()
    {
        const QByteArray token =
            idpToken("grant_type=client_credentials&scope=gateway%3Aread&resource=urn%3Atest%3Aopaque");
        QVERIFY(!token.isEmpty());
        QCOMPARE(token.count('.'), 0);
        QCOMPARE(callProxy(token).status, 200);
        const auto revoked = m_http.send("POST", idp(u"/token/revocation"_s),
                                         {HttpTestClient::form(), HttpTestClient::basic(ClientId, ClientSecret)},
                                         "token=" + token + "&token_type_hint=access_token");
        QCOMPARE(revoked.status, 200);
        const auto answer = callProxy(token);
        QCOMPARE(answer.status, 401);
        QCOMPARE(
            answer.header("WWW-Authenticate"),
            "Bearer realm=\"API Gateway\", error=\"invalid_token\", error_description=\"access token is not active "
            "(revoked, expired or unknown)\""_ba);
    }

    void trustedThroughCommandLineOptions()
    {
        const auto alias = m_sandbox->state().findAliasByName(u"oidc-provider"_s);
        QVERIFY(alias);
        m_sandbox->state().remove(gw::SandboxState::Kind::Alias, alias->value(u"id"_s).toString());
        m_runtime.reset();
        m_sandbox.reset();

        const auto parsed = gw::SandboxOptionsParser::parse(
            {u"gatewright-sandbox"_s, u"--port"_s, u"0"_s, u"--seed"_s, u"demo"_s, u"--trust-issuer"_s, m_issuer,
             u"--trust-jwks-uri"_s, m_issuer + u"/jwks"_s, u"--trust-audience"_s, m_audience},
            QProcessEnvironment());
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        m_sandbox = std::make_unique<gw::Sandbox>(*parsed.options);
        m_runtime = std::make_unique<gw::SandboxRuntime>();
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_runtime->attach(*m_sandbox, &error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
        const auto answer =
            m_http.send("POST", m_sandbox->gatewayUrl().resolved(QUrl(u"/gateway/OrdersList/1.0"_s)),
                        {HttpTestClient::bearer(idpToken("grant_type=client_credentials&scope=gateway%3Aread"))}, "{}");
        // Trusted issuer and audience, valid signature: only the demo API's scope is missing.
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.header("WWW-Authenticate"),
                 "Bearer realm=\"API Gateway\", error=\"insufficient_scope\", error_description=\"access token lacks "
                 "scope orders:read\""_ba);
    }

    void untrustedIssuerIsRejected()
    {
        const auto alias = m_sandbox->state().findAliasByName(u"oidc-provider"_s);
        QVERIFY(alias);
        m_sandbox->state().remove(gw::SandboxState::Kind::Alias, alias->value(u"id"_s).toString());
        const auto answer = callProxy(idpToken("grant_type=client_credentials&scope=gateway%3Aread"));
        QCOMPARE(answer.status, 401);
        QVERIFY2(
            answer.header("WWW-Authenticate")
                .contains(QString(u"error_description=\"access token issuer "_s + m_issuer + u" is not trusted\""_s)
                              .toUtf8()),
            answer.header("WWW-Authenticate").constData());
    }
};

QTEST_GUILESS_MAIN(TestSandboxInterop)
#include "tst_sandboxinterop.moc"
