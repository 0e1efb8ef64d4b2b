// SPDX-License-Identifier: GPL-3.0-or-later
// The call tester against gatewright-sandbox --seed demo: real tokens, real proxy calls, and the diagnosis of
// each way the chain breaks (token rejected by the gateway, native-provider 401s, routing, transport), changed
// on the sandbox through its admin API.
#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "probe/calltester.h"
#include "sandboxpeer.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

class TestCallTester : public QObject
{
    Q_OBJECT

private:
    SandboxPeer m_sandbox;
    QNetworkAccessManager m_network;
    Workspace m_workspace;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretProvider> m_secrets;
    std::unique_ptr<JwksCache> m_jwks;
    std::unique_ptr<TokenSession> m_session;
    std::unique_ptr<CallTester> m_tester;

    QJsonDocument admin(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                        const QByteArray &contentType = "application/json", int *status = nullptr)
    {
        QNetworkRequest request(QUrl(m_sandbox.gatewayUrl() + path));
        request.setRawHeader("Authorization", "Basic " + QByteArray("Administrator:manage").toBase64());
        request.setRawHeader("Accept", "application/json");
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        QSignalSpy spy(reply, &QNetworkReply::finished);
        spy.wait(10000);
        reply->deleteLater();
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return QJsonDocument::fromJson(reply->readAll());
    }

    QJsonObject aliasNamed(const QString &name)
    {
        const QJsonArray aliases = admin("GET", u"/rest/apigateway/alias"_s).object().value(u"alias"_s).toArray();
        for (const QJsonValue &alias : aliases) {
            if (alias.toObject().value(u"name"_s).toString() == name)
                return alias.toObject();
        }
        return {};
    }

    void setAliasCredentials(const QString &alias, const QString &user, const QString &password)
    {
        QJsonObject object = aliasNamed(alias);
        QVERIFY(!object.isEmpty());
        QJsonObject credentials = object.value(u"httpAuthCredentials"_s).toObject();
        credentials.insert(u"userName"_s, user);
        credentials.insert(u"password"_s, QString::fromLatin1(password.toUtf8().toBase64()));
        object.insert(u"httpAuthCredentials"_s, credentials);
        int status = 0;
        admin("PUT", u"/rest/apigateway/alias/"_s + object.value(u"id"_s).toString(), QJsonDocument(object).toJson(),
              "application/json", &status);
        QCOMPARE(status, 200);
    }

    QString apiId(const QString &name)
    {
        const QJsonArray apis = admin("GET", u"/rest/apigateway/apis"_s).object().value(u"apiResponse"_s).toArray();
        for (const QJsonValue &entry : apis) {
            const QJsonObject api = entry.toObject().value(u"api"_s).toObject();
            if (api.value(u"apiName"_s).toString() == name)
                return api.value(u"id"_s).toString();
        }
        return {};
    }

    void newSession(const QStringList &scopes, const QString &resource = {})
    {
        TokenSessionConfig config;
        config.environment = u"sandbox"_s;
        config.server = m_workspace.environments.first().oauth;
        config.scopes = scopes;
        config.resource = resource;
        m_session->setConfig(config);
    }

    bool obtainToken()
    {
        QSignalSpy failed(m_session.get(), &TokenSession::failed);
        m_session->requestToken();
        for (int i = 0; i < 100; ++i) {
            if (!failed.isEmpty())
                return false;
            if (!m_session->isBusy() && !m_session->token().isEmpty())
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    CallRecord call(const QString &proxy, const QString &method = u"POST"_s,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    ProxyCallRequest::Bearer bearer = ProxyCallRequest::Bearer::Session, const QString &given = {})
    {
        ProxyCallRequest request;
        request.bearer = bearer;
        request.givenToken = given;
        request.environment = u"sandbox"_s;
        request.proxyName = proxy;
        request.method = method;
        request.headers = headers;
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = method == u"POST"_s ? QByteArray("{\"amount\":1}") : QByteArray();
        QSignalSpy spy(m_tester.get(), &CallTester::finished);
        if (!m_tester->call(request))
            qWarning("call refused");
        if (!spy.wait(20000))
            qWarning("call did not finish");
        return spy.isEmpty() ? CallRecord() : spy.first().first().value<CallRecord>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start({u"--clock-skew"_s, u"0"_s}), qPrintable(m_sandbox.error()));
        m_workspace = m_sandbox.demoWorkspace();
        QVERIFY(!m_workspace.environments.isEmpty());
        QCOMPARE(m_workspace.environments.first().name, u"sandbox"_s);
        GatewayProxy ghost;
        ghost.name = u"Ghost"_s;
        ghost.project = u"Orders"_s;
        ghost.integration = u"createOrder"_s;
        m_workspace.proxies << ghost;
        m_store = std::make_unique<MemorySecretStore>();
        m_store->insert(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s), m_sandbox.clientSecret());
        m_secrets = std::make_unique<SecretProvider>(m_store.get(), QProcessEnvironment(), nullptr);
        m_jwks = std::make_unique<JwksCache>(&m_network);
        m_session = std::make_unique<TokenSession>(&m_network, m_secrets.get(), m_jwks.get());
        m_session->setAutoRefresh(false);
        m_tester = std::make_unique<CallTester>(&m_network, m_session.get());
        m_tester->setWorkspace(&m_workspace);
        qRegisterMetaType<CallRecord>();
    }

    void init()
    {
        newSession({u"orders:read"_s, u"orders:write"_s, u"customers:read"_s, u"invoices:write"_s});
        QVERIFY(obtainToken());
    }

    void tokenIsVerified()
    {
        QCOMPARE(m_session->token().verification, TokenInfo::Verification::Verified);
        QCOMPARE(m_session->token().claims.value(u"aud"_s).toString(), u"gatewright-demo-gateway"_s);
    }

    void goodProxyAnswers200()
    {
        const CallRecord record = call(u"OrdersCreate"_s);
        QCOMPARE(record.response.status, 200);
        QCOMPARE(record.diagnosis.code(), u"success"_s);
        QVERIFY(record.sentToken);
        QVERIFY(record.response.body.contains("svc-orders"));
        QCOMPARE(m_tester->history().first().request.proxyName, u"OrdersCreate"_s);
    }

    void outboundAuthMissing()
    {
        const CallRecord record = call(u"InvoicesIssue"_s);
        QCOMPARE(record.response.status, 401);
        QCOMPARE(record.diagnosis.code(), u"native-provider-outbound-auth-missing"_s);
        QCOMPARE(record.diagnosis.fix,
                 u"Add Outbound Auth - Transport with alias io-invoicing-basic to InvoicesIssue 1.0 (its technical "
                 u"user has execute on project Invoicing), then push the workspace to the gateway."_s);
    }

    void noToken()
    {
        const CallRecord record = call(u"OrdersCreate"_s, u"POST"_s, {}, ProxyCallRequest::Bearer::None);
        QCOMPARE(record.response.status, 401);
        QVERIFY(!record.sentToken);
        QCOMPARE(record.diagnosis.code(), u"token-missing"_s);
        QCOMPARE(record.note, u"No token was sent, as asked."_s);
    }

    // The session's token is the token lab's; a call needs the proxy's scopes: without a fitting token, one with
    // them is fetched first, and the record says so.
    void aTokenWithTheProxysScopesIsFetchedFirst()
    {
        m_session->clear();
        CallRecord record = call(u"OrdersCreate"_s);
        QCOMPARE(record.response.status, 200);
        QCOMPARE(record.note, u"A token with the proxy's scopes (orders:write) was fetched first."_s);
        QCOMPARE(m_session->token().requestedScopes, QStringList{u"orders:write"_s});

        newSession({u"customers:read"_s});
        QVERIFY(obtainToken());
        record = call(u"OrdersCreate"_s);
        QCOMPARE(record.response.status, 200);
        QVERIFY(record.note.startsWith(u"A token with the proxy's scopes"_s));

        // A token that already asked for them is used as it is.
        record = call(u"OrdersCreate"_s);
        QCOMPARE(record.response.status, 200);
        QVERIFY2(record.note.isEmpty(), qPrintable(record.note));
    }

    void aFailedTokenRequestIsTheCallsResult()
    {
        TokenSessionConfig config = m_session->config();
        config.clientId = u"no-such-client"_s;
        config.scopes.clear();
        m_session->setConfig(config);
        const CallRecord record = call(u"OrdersCreate"_s);
        QCOMPARE(record.response.status, 0);
        QVERIFY(!record.sentToken);
        QCOMPARE(record.diagnosis.title, u"No token: the call was not sent"_s);
        QVERIFY2(record.diagnosis.explanation.startsWith(u"The token request for the proxy's scopes failed: "_s),
                 qPrintable(record.diagnosis.explanation));
        QVERIFY(record.diagnosis.fix.contains(u"token lab"_s));
    }

    // "I revoked it and the call still works": the record explains local JWT validation.
    void aRevokedTokenThatStillWorksIsExplained()
    {
        const QString token = m_session->token().accessToken;
        QSignalSpy revoked(m_session.get(), &TokenSession::revoked);
        m_session->revokeAccessToken();
        QVERIFY(revoked.wait(5000));
        QCOMPARE(m_session->token().accessToken, token);
        const CallRecord record = call(u"OrdersCreate"_s);
        QCOMPARE(record.response.status, 200);
        QVERIFY2(record.note.startsWith(u"This token was revoked at "_s), qPrintable(record.note));
        QVERIFY(record.note.contains(u"yet the gateway accepted it"_s));
        QVERIFY(record.note.contains(u"still accepts it until exp"_s));
        QVERIFY(record.note.contains(u"Only introspection-based validation or a shorter token lifetime"_s));
    }

    void tamperedToken()
    {
        QString token = m_session->token().accessToken;
        token[token.size() - 3] = token.at(token.size() - 3) == u'A' ? u'B' : u'A';
        const CallRecord record = call(u"OrdersCreate"_s, u"POST"_s, {{"Authorization", "Bearer " + token.toLatin1()}});
        QCOMPARE(record.response.status, 401);
        QCOMPARE(record.diagnosis.code(), u"token-bad-signature"_s);
    }

    void insufficientScope()
    {
        // A pasted token is sent as it is, even when it lacks the proxy's scope.
        newSession({u"orders:read"_s});
        QVERIFY(obtainToken());
        const CallRecord record =
            call(u"OrdersCreate"_s, u"POST"_s, {}, ProxyCallRequest::Bearer::Given, m_session->token().accessToken);
        QVERIFY(record.sentToken);
        QVERIFY(record.request.givenToken.isEmpty()); // the history holds no token
        QCOMPARE(record.response.status, 403);
        QCOMPARE(record.diagnosis.code(), u"token-insufficient-scope"_s);
        QVERIFY(record.diagnosis.fix.startsWith(u"Request a token with scope \"orders:write\""_s));
    }

    void wrongAudience()
    {
        newSession({u"orders:write"_s}, u"urn:another:gateway"_s);
        QVERIFY(obtainToken());
        QCOMPARE(m_session->token().errorCodes, QStringList{u"audience-mismatch"_s});
        const CallRecord record = call(u"OrdersCreate"_s);
        QCOMPARE(record.diagnosis.code(), u"token-wrong-audience"_s);
    }

    void expiredTokenIsRenewedAndTheCallRetriedOnce()
    {
        int status = 0;
        QUrl settings(m_sandbox.issuer() + u"/oauth2/admin/settings"_s);
        auto setLifetime = [&](int seconds) {
            QNetworkRequest request(settings);
            request.setRawHeader("Authorization", "Basic " + QByteArray("Administrator:manage").toBase64());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
            QNetworkReply *reply = m_network.post(request, "token_lifetime=" + QByteArray::number(seconds));
            QSignalSpy spy(reply, &QNetworkReply::finished);
            spy.wait(5000);
            status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
        };
        setLifetime(2);
        QCOMPARE(status, 200);
        newSession({u"orders:write"_s});
        QVERIFY(obtainToken());
        setLifetime(3600);
        const QString expired = m_session->token().accessToken;
        QTest::qWait(3200);
        QSignalSpy retrying(m_tester.get(), &CallTester::retrying);
        // Pasted, the expired token is not renewed, and the record says so instead of claiming a new token.
        const CallRecord pasted =
            call(u"OrdersCreate"_s, u"POST"_s, {}, ProxyCallRequest::Bearer::Given, u"Bearer "_s + expired);
        QCOMPARE(pasted.diagnosis.code(), u"token-expired"_s);
        QVERIFY(!pasted.retriedWithNewToken);
        QCOMPARE(pasted.note, u"The pasted token is not renewed by the call tester: paste a new one."_s);
        QCOMPARE(retrying.size(), 0);
        const CallRecord record = call(u"OrdersCreate"_s);
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying.first().first().value<CallRecord>().diagnosis.code(), u"token-expired"_s);
        QVERIFY(record.retriedWithNewToken);
        QCOMPARE(record.firstAttemptDiagnosis.code(), u"token-expired"_s);
        QCOMPARE(record.response.status, 200);
        QVERIFY(record.retryTokenProblem.isEmpty());
        QVERIFY(m_session->token().accessToken != expired);
        QCOMPARE(m_tester->history().size() >= 1, true);
    }

    // The authorization server rotates its signing key while the console runs: the renewed token, signed with the
    // new key, verifies within seconds (a refresh for the new kid, or an automatic retry once the burst limit
    // allows one), never a plain "no key with kid" failure.
    void aRotatedSigningKeyIsFoundWithoutWaitingAMinute()
    {
        QNetworkRequest request(QUrl(m_sandbox.issuer() + u"/oauth2/admin/rotate-keys"_s));
        request.setRawHeader("Authorization", "Basic " + QByteArray("Administrator:manage").toBase64());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_network.post(request, QByteArray());
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QString newKid = QJsonDocument::fromJson(reply->readAll()).object().value(u"kid"_s).toString();
        reply->deleteLater();

        QStringList texts;
        QObject context;
        connect(m_session.get(), &TokenSession::tokenChanged, &context,
                [&] { texts << m_session->token().verificationText; });
        const QString before = m_session->token().accessToken;
        m_session->requestToken();
        QTRY_VERIFY_WITH_TIMEOUT(m_session->token().accessToken != before, 10000);
        QCOMPARE(m_session->token().header.value(u"kid"_s).toString(), newKid);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->token().verification, TokenInfo::Verification::Verified, 12000);
        for (const QString &text : std::as_const(texts))
            QVERIFY2(!text.startsWith(u"Signature NOT verified: no key"_s), qPrintable(text));
    }

    void apiNotOnTheGateway()
    {
        const CallRecord record = call(u"Ghost"_s);
        QCOMPARE(record.response.status, 404);
        QCOMPARE(record.diagnosis.code(), u"api-not-found"_s);
    }

    void wrongAliasPassword()
    {
        setAliasCredentials(u"io-orders-basic"_s, u"svc-orders"_s, u"not-the-password"_s);
        const CallRecord record = call(u"OrdersStatus"_s, u"GET"_s);
        setAliasCredentials(u"io-orders-basic"_s, u"svc-orders"_s, u"orders-demo-pass"_s);
        QCOMPARE(record.response.status, 401);
        QCOMPARE(record.diagnosis.code(), u"native-provider-alias-credentials-wrong"_s);
        QCOMPARE(record.diagnosis.suggestedAlias, u"io-orders-basic"_s);
    }

    void technicalUserWithoutRole()
    {
        setAliasCredentials(u"io-shared-basic"_s, u"svc-no-role"_s, u"no-role-demo-pass"_s);
        const CallRecord record = call(u"OrdersList"_s, u"GET"_s);
        setAliasCredentials(u"io-shared-basic"_s, u"svc-gateway-shared"_s, u"shared-demo-pass"_s);
        QCOMPARE(record.response.status, 401);
        QCOMPARE(record.diagnosis.code(), u"native-provider-user-without-role"_s);
        QVERIFY2(record.diagnosis.title.contains(u"svc-no-role"_s), qPrintable(record.diagnosis.title));
    }

    void inactiveApi()
    {
        const QString id = apiId(u"CustomersEvents"_s);
        QVERIFY(!id.isEmpty());
        int status = 0;
        admin("PUT", u"/rest/apigateway/apis/%1/deactivate"_s.arg(id), {}, "application/json", &status);
        QCOMPARE(status, 200);
        const CallRecord record = call(u"CustomersEvents"_s);
        admin("PUT", u"/rest/apigateway/apis/%1/activate"_s.arg(id), {}, "application/json", &status);
        QCOMPARE(record.diagnosis.code(), u"api-inactive"_s);
    }

    void gatewayDown()
    {
        Workspace down = m_workspace;
        down.environments.first().gatewayUrl = u"http://127.0.0.1:9"_s;
        m_tester->setWorkspace(&down);
        const CallRecord record = call(u"OrdersCreate"_s);
        m_tester->setWorkspace(&m_workspace);
        QCOMPARE(record.response.status, 0);
        QCOMPARE(record.diagnosis.code(), u"gateway-unreachable"_s);
        QCOMPARE(record.diagnosis.fix, u"Start the sandbox (gatewright-sandbox --seed demo) or check the gateway URL "
                                       u"http://127.0.0.1:9 of environment \"sandbox\"."_s);
    }
};

QTEST_GUILESS_MAIN(TestCallTester)
#include "tst_calltester.moc"
