// SPDX-License-Identifier: GPL-3.0-or-later
#include "httptestclient.h"
#include "sandbox/authorizationserver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

/// The sandbox's OAuth 2.0 server over real HTTP: metadata, grants, client authentication, PKCE,
/// refresh-token rotation, introspection, revocation, key rotation and token lifetime.
class TestAuthorizationServer : public QObject
{
    Q_OBJECT

private:
    QUrl url(const QString &path) const { return m_server->baseUrl().resolved(QUrl(path)); }

    HttpTestClient::Answer token(const QByteArray &form, const HttpTestClient::Headers &extra = {})
    {
        HttpTestClient::Headers headers{HttpTestClient::form()};
        headers.append(extra);
        return m_http.send("POST", url(u"/oauth2/token"_s), headers, form);
    }

    static QJsonObject claimsOf(const QByteArray &jwt)
    {
        return QJsonDocument::fromJson(QByteArray::fromBase64(jwt.split('.').value(1), QByteArray::Base64UrlEncoding))
            .object();
    }
    static QJsonObject headerOf(const QByteArray &jwt)
    {
        return QJsonDocument::fromJson(QByteArray::fromBase64(jwt.split('.').value(0), QByteArray::Base64UrlEncoding))
            .object();
    }

    /// Runs /oauth2/authorize for the public client and returns the code from the redirect.
    QString authorize(const QString &redirectUri, const QString &verifier, QString *location = nullptr)
    {
        const QByteArray challenge = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QUrlQuery query;
        query.addQueryItem(u"response_type"_s, u"code"_s);
        query.addQueryItem(u"client_id"_s, u"native"_s);
        query.addQueryItem(u"redirect_uri"_s, redirectUri);
        query.addQueryItem(u"scope"_s, u"a:read"_s);
        query.addQueryItem(u"state"_s, u"st-1"_s);
        query.addQueryItem(u"code_challenge"_s, QString::fromLatin1(challenge));
        query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
        QUrl target = url(u"/oauth2/authorize"_s);
        target.setQuery(query);
        const auto answer = m_http.send("GET", target);
        if (answer.status != 302)
            return {};
        const QUrl redirect(QString::fromUtf8(answer.header("Location")));
        if (location)
            *location = redirect.toString();
        return QUrlQuery(redirect).queryItemValue(u"code"_s, QUrl::FullyDecoded);
    }

    HttpTestClient m_http;
    std::unique_ptr<gw::AuthorizationServer> m_server;

private Q_SLOTS:
    // One server for the whole run (its RSA key takes a while to make); cleanup() restores the lifetime.
    void initTestCase()
    {
        m_server = std::make_unique<gw::AuthorizationServer>();
        m_server->addClient({u"app"_s,
                             u"app-secret"_s,
                             {u"client_credentials"_s, u"authorization_code"_s, u"refresh_token"_s},
                             {u"a:read"_s, u"a:write"_s},
                             {},
                             gw::AuthorizationServer::TokenFormat::Jwt});
        m_server->addClient({u"odd client:1"_s,
                             u"p@ss word:+/%&="_s,
                             {u"client_credentials"_s},
                             {u"a:read"_s},
                             {},
                             gw::AuthorizationServer::TokenFormat::Jwt});
        m_server->addClient({u"native"_s,
                             QString(),
                             {u"authorization_code"_s, u"refresh_token"_s},
                             {u"a:read"_s},
                             {u"http://127.0.0.1/callback"_s},
                             gw::AuthorizationServer::TokenFormat::Jwt});
        QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0), qPrintable(m_server->errorString()));
    }

    void cleanup() { m_server->setTokenLifetime(gw::AuthorizationServer::DefaultTokenLifetime); }

    void metadataNamesTheEndpoints_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("RFC 8414") << u"/.well-known/oauth-authorization-server"_s;
        QTest::newRow("OIDC discovery") << u"/.well-known/openid-configuration"_s;
    }

    void metadataNamesTheEndpoints()
    {
        QFETCH(QString, path);
        const auto answer = m_http.send("GET", url(path));
        QCOMPARE(answer.status, 200);
        const QString issuer = m_server->baseUrl().toString();
        QCOMPARE(answer.json[u"issuer"_s].toString(), issuer);
        QCOMPARE(answer.json[u"token_endpoint"_s].toString(), issuer + u"/oauth2/token"_s);
        QCOMPARE(answer.json[u"jwks_uri"_s].toString(), issuer + u"/oauth2/jwks"_s);
        QCOMPARE(answer.json[u"introspection_endpoint"_s].toString(), issuer + u"/oauth2/introspect"_s);
        QCOMPARE(answer.json[u"revocation_endpoint"_s].toString(), issuer + u"/oauth2/revoke"_s);
        QCOMPARE(answer.json[u"authorization_endpoint"_s].toString(), issuer + u"/oauth2/authorize"_s);
        QCOMPARE(answer.json[u"code_challenge_methods_supported"_s].toArray(), QJsonArray{u"S256"_s});
    }

    void clientCredentialsIssueAnAccessTokenJwt_data()
    {
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("clientId");
        QTest::newRow("client_secret_basic") << "grant_type=client_credentials&scope=a%3Aread"_ba
                                             << "Basic " + "app:app-secret"_ba.toBase64() << u"app"_s;
        QTest::newRow("client_secret_post")
            << "grant_type=client_credentials&scope=a%3Aread&client_id=app&client_secret=app-secret"_ba << QByteArray()
            << u"app"_s;
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
        QTest::newRow("basic with reserved characters")
            << "grant_type=client_credentials&scope=a%3Aread"_ba
            << "Basic " + "odd+client%3A1:p%40ss+word%3A%2B%2F%25%26%3D"_ba.toBase64() << u"odd client:1"_s;
    }

    void clientCredentialsIssueAnAccessTokenJwt()
    {
        QFETCH(QByteArray, form);
        QFETCH(QByteArray, authorization);
        QFETCH(QString, clientId);
        HttpTestClient::Headers extra;
        if (!authorization.isEmpty())
            extra.append({"Authorization", authorization});
        const auto answer = token(form, extra);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("Cache-Control"), "no-store"_ba);
        QCOMPARE(answer.json[u"token_type"_s].toString(), u"Bearer"_s);
        QCOMPARE(answer.json[u"expires_in"_s].toInt(), 3600);
        QCOMPARE(answer.json[u"scope"_s].toString(), u"a:read"_s);
        QVERIFY(!answer.json.contains(u"refresh_token"_s));
        const QByteArray jwt = answer.json[u"access_token"_s].toString().toLatin1();
        const QJsonObject header = headerOf(jwt);
        QCOMPARE(header[u"alg"_s].toString(), u"RS256"_s);
        QCOMPARE(header[u"typ"_s].toString(), u"at+jwt"_s);
        QCOMPARE(header[u"kid"_s].toString(), m_server->currentKeyId());
        const QJsonObject claims = claimsOf(jwt);
        QCOMPARE(claims[u"iss"_s].toString(), m_server->issuer());
        QCOMPARE(claims[u"aud"_s].toString(), u"gatewright-demo-gateway"_s);
        QCOMPARE(claims[u"client_id"_s].toString(), clientId);
        QCOMPARE(claims[u"sub"_s].toString(), clientId);
        QCOMPARE(claims[u"scope"_s].toString(), u"a:read"_s);
        QCOMPARE(claims[u"exp"_s].toInteger() - claims[u"iat"_s].toInteger(), 3600);
        QVERIFY(!claims[u"jti"_s].toString().isEmpty());
    }

    void tokenRequestErrors_data()
    {
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        const QByteArray good = "Basic " + "app:app-secret"_ba.toBase64();
        QTest::newRow("wrong secret") << "grant_type=client_credentials"_ba
                                      << "Basic " + "app:nope"_ba.toBase64() << 401 << u"invalid_client"_s
                                      << u"Client authentication failed: wrong secret."_s;
        QTest::newRow("no client authentication")
            << "grant_type=client_credentials"_ba << QByteArray() << 401 << u"invalid_client"_s
            << u"Client authentication is required (client_secret_basic or "
               "client_secret_post)."_s;
        QTest::newRow("confidential client without secret")
            << "grant_type=client_credentials&client_id=app"_ba << QByteArray() << 401 << u"invalid_client"_s
            << u"Client app is confidential: authenticate with its secret."_s;
        QTest::newRow("scope not allowed") << "grant_type=client_credentials&scope=admin"_ba << good << 400
                                           << u"invalid_scope"_s << u"Scope \"admin\" is not allowed for client app."_s;
        QTest::newRow("password grant") << "grant_type=password&username=a&password=b"_ba << good << 400
                                        << u"unsupported_grant_type"_s
                                        << u"grant_type \"password\" is not supported."_s;
        QTest::newRow("public client with client_credentials")
            << "grant_type=client_credentials&client_id=native"_ba << QByteArray() << 400 << u"unauthorized_client"_s
            << u"Client native may not use the client_credentials grant."_s;
        QTest::newRow("no grant_type") << "scope=a%3Aread"_ba << good << 400 << u"invalid_request"_s
                                       << u"grant_type is required."_s;
    }

    void tokenRequestErrors()
    {
        QFETCH(QByteArray, form);
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(QString, error);
        QFETCH(QString, description);
        HttpTestClient::Headers extra;
        if (!authorization.isEmpty())
            extra.append({"Authorization", authorization});
        const auto answer = token(form, extra);
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.json[u"error"_s].toString(), error);
        QCOMPARE(answer.json[u"error_description"_s].toString(), description);
    }

    void authorizationCodeWithPkceAndRefreshRotation()
    {
        const QString verifier = u"verifier-0123456789-0123456789-0123456789-abcdef"_s;
        const QString redirect = u"http://127.0.0.1:53123/callback"_s; // any loopback port (RFC 8252 §7.3)
        QString location;
        const QString code = authorize(redirect, verifier, &location);
        QVERIFY2(!code.isEmpty(), qPrintable(location));
        const QUrlQuery returned{QUrl(location)};
        QCOMPARE(returned.queryItemValue(u"state"_s), u"st-1"_s);
        QCOMPARE(returned.queryItemValue(u"iss"_s, QUrl::FullyDecoded), m_server->issuer());

        const QByteArray exchange =
            "grant_type=authorization_code&client_id=native&code=" + QUrl::toPercentEncoding(code) +
            "&redirect_uri=" + QUrl::toPercentEncoding(redirect);
        auto wrong = token(exchange + "&code_verifier=not-the-verifier-not-the-verifier-not-the-verifier");
        QCOMPARE(wrong.status, 400);
        QCOMPARE(wrong.json[u"error_description"_s].toString(),
                 u"PKCE verification failed: code_verifier does not match code_challenge."_s);

        const QString code2 = authorize(redirect, verifier);
        const QByteArray exchange2 =
            "grant_type=authorization_code&client_id=native&code=" + QUrl::toPercentEncoding(code2) +
            "&redirect_uri=" + QUrl::toPercentEncoding(redirect);
        const auto granted = token(exchange2 + "&code_verifier=" + verifier.toLatin1());
        QCOMPARE(granted.status, 200);
        QCOMPARE(claimsOf(granted.json[u"access_token"_s].toString().toLatin1())[u"sub"_s].toString(), u"demo-user"_s);
        const QString refresh1 = granted.json[u"refresh_token"_s].toString();
        QVERIFY(!refresh1.isEmpty());
        const auto reused = token(exchange2 + "&code_verifier=" + verifier.toLatin1());
        QCOMPARE(reused.json[u"error_description"_s].toString(), u"The authorization code was already used."_s);

        const auto rotated = token("grant_type=refresh_token&client_id=native&refresh_token=" + refresh1.toLatin1());
        QCOMPARE(rotated.status, 200);
        const QString refresh2 = rotated.json[u"refresh_token"_s].toString();
        QVERIFY(!refresh2.isEmpty());
        QVERIFY(refresh2 != refresh1);

        const auto replay = token("grant_type=refresh_token&client_id=native&refresh_token=" + refresh1.toLatin1());
        QCOMPARE(replay.status, 400);
        QCOMPARE(replay.json[u"error"_s].toString(), u"invalid_grant"_s);
        QCOMPARE(replay.json[u"error_description"_s].toString(),
                 u"The refresh token was already used; its token family is now revoked."_s);
        // Reuse detection revoked the whole family, including the newest token.
        const auto afterReplay =
            token("grant_type=refresh_token&client_id=native&refresh_token=" + refresh2.toLatin1());
        QCOMPARE(afterReplay.status, 400);
        QCOMPARE(afterReplay.json[u"error_description"_s].toString(), u"The refresh token was revoked."_s);
    }

    void authorizeRefusesUnregisteredRedirectsAndMissingPkce()
    {
        QUrl target = url(u"/oauth2/authorize"_s);
        target.setQuery(u"response_type=code&client_id=native&redirect_uri=http%3A%2F%2Fevil.example%2Fcallback"
                        "&code_challenge=x&code_challenge_method=S256"_s);
        auto answer = m_http.send("GET", target);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.json[u"error_description"_s].toString(),
                 u"redirect_uri \"http://evil.example/callback\" is not registered for client native."_s);

        target.setQuery(u"response_type=code&client_id=native&redirect_uri=http%3A%2F%2F127.0.0.1%3A4000%2Fcallback"_s);
        answer = m_http.send("GET", target);
        QCOMPARE(answer.status, 302);
        const QUrlQuery returned{QUrl(QString::fromUtf8(answer.header("Location")))};
        QCOMPARE(returned.queryItemValue(u"error"_s), u"invalid_request"_s);
    }

    void introspectionAndRevocationOfOpaqueTokens()
    {
        const HttpTestClient::Headers client{HttpTestClient::form(), HttpTestClient::basic(u"app"_s, u"app-secret"_s)};
        const auto issued = token("grant_type=client_credentials&scope=a%3Awrite&token_format=opaque"_ba,
                                  {HttpTestClient::basic(u"app"_s, u"app-secret"_s)});
        QCOMPARE(issued.status, 200);
        const QByteArray opaque = issued.json[u"access_token"_s].toString().toLatin1();
        QCOMPARE(opaque.count('.'), 0);

        auto introspection = m_http.send("POST", url(u"/oauth2/introspect"_s), client, "token=" + opaque);
        QCOMPARE(introspection.status, 200);
        QCOMPARE(introspection.json[u"active"_s].toBool(), true);
        QCOMPARE(introspection.json[u"client_id"_s].toString(), u"app"_s);
        QCOMPARE(introspection.json[u"scope"_s].toString(), u"a:write"_s);
        QCOMPARE(introspection.json[u"aud"_s].toString(), u"gatewright-demo-gateway"_s);

        QCOMPARE(m_http.send("POST", url(u"/oauth2/introspect"_s), {HttpTestClient::form()}, "token=" + opaque).status,
                 401);

        const auto revoked = m_http.send("POST", url(u"/oauth2/revoke"_s), client, "token=" + opaque);
        QCOMPARE(revoked.status, 200);
        introspection = m_http.send("POST", url(u"/oauth2/introspect"_s), client, "token=" + opaque);
        QCOMPARE(introspection.json, (QJsonObject{{u"active"_s, false}}));
        // RFC 7009 §2.2: an unknown token is no error.
        QCOMPARE(m_http.send("POST", url(u"/oauth2/revoke"_s), client, "token=garbage"_ba).status, 200);
    }

    void keyRotationPublishesTheNewKeyAndRetiresTheOld()
    {
        const HttpTestClient::Headers admin{HttpTestClient::form(),
                                            HttpTestClient::basic(u"Administrator"_s, u"manage"_s)};
        const QString first = m_server->currentKeyId();
        QCOMPARE(m_http.send("POST", url(u"/oauth2/admin/rotate-keys"_s), {HttpTestClient::form()}).status, 401);
        auto rotation = m_http.send("POST", url(u"/oauth2/admin/rotate-keys"_s), admin);
        QCOMPARE(rotation.status, 200);
        QCOMPARE(rotation.json[u"retired"_s].toString(), first);
        const QString second = rotation.json[u"kid"_s].toString();
        QVERIFY(second != first);
        QCOMPARE(m_server->currentKeyId(), second);

        auto keyIds = [this]() {
            QStringList ids;
            for (const auto &key : m_http.send("GET", url(u"/oauth2/jwks"_s)).json[u"keys"_s].toArray())
                ids.append(key[u"kid"_s].toString());
            return ids;
        };
        QCOMPARE(keyIds(), (QStringList{first, second}));
        const auto issued =
            token("grant_type=client_credentials"_ba, {HttpTestClient::basic(u"app"_s, u"app-secret"_s)});
        QCOMPARE(headerOf(issued.json[u"access_token"_s].toString().toLatin1())[u"kid"_s].toString(), second);

        rotation = m_http.send("POST", url(u"/oauth2/admin/rotate-keys"_s), admin);
        const QString third = rotation.json[u"kid"_s].toString();
        QCOMPARE(keyIds(), (QStringList{second, third}));
    }

    void tokenLifetimeIsAdjustable()
    {
        const HttpTestClient::Headers admin{HttpTestClient::form(),
                                            HttpTestClient::basic(u"Administrator"_s, u"manage"_s)};
        auto settings = m_http.send("POST", url(u"/oauth2/admin/settings"_s), admin, "token_lifetime=5"_ba);
        QCOMPARE(settings.status, 200);
        QCOMPARE(settings.json[u"token_lifetime"_s].toInt(), 5);
        const auto issued =
            token("grant_type=client_credentials"_ba, {HttpTestClient::basic(u"app"_s, u"app-secret"_s)});
        QCOMPARE(issued.json[u"expires_in"_s].toInt(), 5);
        const QJsonObject claims = claimsOf(issued.json[u"access_token"_s].toString().toLatin1());
        QCOMPARE(claims[u"exp"_s].toInteger() - claims[u"iat"_s].toInteger(), 5);
        settings = m_http.send("POST", url(u"/oauth2/admin/settings"_s), admin, "token_lifetime=0"_ba);
        QCOMPARE(settings.status, 400);
        QCOMPARE(settings.json[u"error_description"_s].toString(),
                 u"token_lifetime must be a whole number of seconds >= 1."_s);
    }
};

QTEST_GUILESS_MAIN(TestAuthorizationServer)
#include "tst_authorizationserver.moc"
