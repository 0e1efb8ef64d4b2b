// SPDX-License-Identifier: GPL-3.0-or-later
// TokenSession (what the token lab and the CLI use) against the real oidc-provider: JWKS verification through the
// cache, refresh-token rotation kept in the keychain, the end of a session on a reused refresh token.
#include "devloginbrowser.h"
#include "oauth/jwkscache.h"
#include "oauth/jwtverificationjob.h"
#include "oauth/tokensession.h"
#include "oidcproviderpeer.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

class TestTokenSessionInterop : public QObject
{
    Q_OBJECT

private:
    OidcProviderPeer m_peer;
    QNetworkAccessManager m_network;

    TokenSessionConfig config(const char *client, OAuthClientConfig::AuthMethod method)
    {
        TokenSessionConfig config;
        config.environment = u"interop"_s;
        config.server.issuer = m_peer.issuer();
        config.server.clientId = m_peer.clientId(client);
        config.server.audience = m_peer.audience();
        config.authMethod = method;
        config.scopes = {u"gateway:read"_s};
        return config;
    }

    static bool waitIdle(TokenSession &session)
    {
        QSignalSpy busy(&session, &TokenSession::busyChanged);
        for (int i = 0; i < 100 && (session.isBusy() || busy.isEmpty()); ++i) {
            if (!busy.wait(200) && !session.isBusy() && !busy.isEmpty())
                break;
        }
        return !session.isBusy();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_peer.start(), qPrintable(m_peer.error())); }

    void clientCredentialsTokenIsVerifiedAgainstTheJwks()
    {
        MemorySecretStore store;
        store.insert(SecretKey::oauthClient(u"interop"_s, m_peer.clientId("basic")), m_peer.clientSecret("basic"));
        SecretProvider secrets(&store, QProcessEnvironment(), nullptr);
        JwksCache jwks(&m_network);
        TokenSession session(&m_network, &secrets, &jwks);
        session.setConfig(config("basic", OAuthClientConfig::AuthMethod::ClientSecretBasic));
        QSignalSpy failed(&session, &TokenSession::failed);

        session.requestToken();
        QTRY_VERIFY_WITH_TIMEOUT(session.token().verification == TokenInfo::Verification::Verified || !failed.isEmpty(),
                                 10000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<OAuthError>().message));
        const TokenInfo &token = session.token();
        QVERIFY(token.signatureVerified);
        QCOMPARE(token.header.value(u"typ"_s).toString(), u"at+jwt"_s);
        QCOMPARE(token.claims.value(u"iss"_s).toString(), m_peer.issuer());
        QCOMPARE(token.verificationText,
                 u"Signature verified with key \"test-rs256\" (RS256) from the issuer's JWKS; issuer, audience and "
                 u"lifetime checked."_s);
        QCOMPARE(token.grantedScopes.value_or(QStringList()), QStringList{u"gateway:read"_s});
        QVERIFY(token.missingScopes.isEmpty());
        QCOMPARE(jwks.fetchCount(QUrl(m_peer.issuer() + u"/jwks"_s)), 1);
        // Secret read once, never stored by the session: the one write is the origin it is bound to.
        const SecretKey clientKey = SecretKey::oauthClient(u"interop"_s, m_peer.clientId("basic"));
        QCOMPARE(store.writeCount(), 1);
        QCOMPARE(store.value(clientKey), m_peer.clientSecret("basic"));
        QCOMPARE(store.value(SecretProvider::originKey(clientKey)), SecretProvider::originOf(QUrl(m_peer.issuer())));
        // Auto-refresh is on by default and scheduled before expiry (300 s tokens: 60 s before).
        QVERIFY(session.autoRefresh());
        QCOMPARE(session.nextAutoRefresh(), token.expiresAt.addSecs(-60));
    }

    void wrongAudienceIsNotVerified()
    {
        MemorySecretStore store;
        store.insert(SecretKey::oauthClient(u"interop"_s, m_peer.clientId("basic")), m_peer.clientSecret("basic"));
        SecretProvider secrets(&store, QProcessEnvironment(), nullptr);
        JwksCache jwks(&m_network);
        TokenSession session(&m_network, &secrets, &jwks);
        TokenSessionConfig config = this->config("basic", OAuthClientConfig::AuthMethod::ClientSecretBasic);
        config.server.audience = u"urn:someone:else"_s;
        session.setConfig(config);
        session.requestToken();
        QTRY_VERIFY_WITH_TIMEOUT(session.token().verification == TokenInfo::Verification::Invalid, 10000);
        QVERIFY(session.token().signatureVerified);
        QCOMPARE(session.token().errorCodes, QStringList{u"audience-mismatch"_s});
        QVERIFY(session.token().verificationText.startsWith(u"Signature verified, but the token is not valid: "_s));
    }

    void clientSecretFromTheEnvironmentVariable()
    {
        MemorySecretStore store; // empty keychain
        QProcessEnvironment environment;
        environment.insert(u"GATEWRIGHT_CLIENT_SECRET"_s, m_peer.clientSecret("post"));
        SecretProvider secrets(&store, environment, nullptr);
        JwksCache jwks(&m_network);
        TokenSession session(&m_network, &secrets, &jwks);
        session.setConfig(config("post", OAuthClientConfig::AuthMethod::ClientSecretPost));
        session.requestToken();
        QTRY_VERIFY_WITH_TIMEOUT(session.token().verification == TokenInfo::Verification::Verified, 10000);
    }

    // No browser could be opened: the console says how long it waits, keeps the loopback listener open, and the
    // address opened by hand (here: a second later) still completes the sign-in.
    void signInWithoutABrowserWaitsForTheAddressOpenedByHand()
    {
        MemorySecretStore store;
        SecretProvider secrets(&store, QProcessEnvironment(), nullptr);
        JwksCache jwks(&m_network);
        TokenSession session(&m_network, &secrets, &jwks);
        session.setUrlOpener([](const QUrl &) { return false; });
        TokenSessionConfig config = this->config("native", OAuthClientConfig::AuthMethod::None);
        config.scopes = {u"openid"_s};
        session.setConfig(config);
        QSignalSpy notices(&session, &TokenSession::notice);
        QSignalSpy failed(&session, &TokenSession::failed);
        session.signIn();
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 10000);
        const QString notice = notices.first().first().toString();
        QVERIFY2(notice.startsWith(u"No browser could be opened. Open this address yourself; the console waits for "
                                   u"the sign-in 5 min, until "_s),
                 qPrintable(notice));
        const QUrl address(notice.mid(notice.lastIndexOf(u": "_s) + 2));
        QVERIFY(address.isValid() && address.hasQuery());
        QTest::qWait(1000);
        QVERIFY(failed.isEmpty());
        QVERIFY(session.isBusy());
        DevLoginBrowser browser;
        browser.open(address);
        QTRY_VERIFY_WITH_TIMEOUT(!session.token().isEmpty() || !failed.isEmpty(), 15000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<OAuthError>().message));
        QCOMPARE(session.token().grant, u"authorization_code"_s);
    }

    void signInThenRotateThenReuseEndsTheSession()
    {
        MemorySecretStore store;
        SecretProvider secrets(&store, QProcessEnvironment(), nullptr);
        JwksCache jwks(&m_network);
        TokenSession session(&m_network, &secrets, &jwks);
        DevLoginBrowser browser;
        session.setUrlOpener([&browser](const QUrl &url) { return browser.open(url); });
        TokenSessionConfig config = this->config("native", OAuthClientConfig::AuthMethod::None);
        config.scopes = {u"openid"_s};
        session.setConfig(config);
        QSignalSpy failed(&session, &TokenSession::failed);
        QSignalSpy ended(&session, &TokenSession::sessionEnded);
        const SecretKey key = SecretKey::refreshToken(u"interop"_s, m_peer.clientId("native"));

        session.signIn();
        QTRY_VERIFY_WITH_TIMEOUT(session.token().hasRefreshToken || !failed.isEmpty(), 15000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<OAuthError>().message));
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(session.token().grant, u"authorization_code"_s);
        // With "openid" and no resource indicator, oidc-provider issues an opaque (userinfo) access token: the
        // session must say it cannot verify it locally rather than pretend.
        QCOMPARE(session.token().verification, TokenInfo::Verification::Opaque);
        QCOMPARE(session.token().verificationText,
                 u"Opaque token: it cannot be verified locally; introspect it to ask the authorization server."_s);
        const QString first = store.value(key);
        QVERIFY(!first.isEmpty());

        // Rotation: the keychain now holds the new refresh token.
        const QString firstAccessToken = session.token().accessToken;
        session.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(session.token().accessToken != firstAccessToken && !session.isBusy(), 10000);
        QTRY_VERIFY(store.value(key) != first);
        QVERIFY(!store.value(key).isEmpty());
        QCOMPARE(session.token().grant, u"refresh_token"_s);
        QVERIFY(session.token().hasRefreshToken);

        // Put the spent token back, as if an attacker replayed it: invalid_grant ends the session, no retry.
        store.insert(key, first);
        session.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 10000);
        QCOMPARE(ended.first().first().toString(),
                 u"The session ended: The token endpoint refused the request: invalid_grant (grant request is "
                 u"invalid). The authorization code or refresh token is invalid, expired, revoked or was already "
                 u"used; sign in again."_s);
        QTRY_VERIFY(!store.contains(key));
        QVERIFY(session.token().isEmpty());
        QVERIFY(failed.isEmpty());
    }

    void unknownKidRefreshesTheJwksOnceThenTheRateLimitHolds()
    {
        JwksCache jwks(&m_network);
        QDateTime now = QDateTime::currentDateTimeUtc();
        jwks.setClock([&now] { return now; });
        const QUrl uri(m_peer.issuer() + u"/jwks"_s);
        // A token whose kid is not in the set: signature never checked, one refresh.
        const QByteArray header = R"({"alg":"RS256","typ":"at+jwt","kid":"rotated-away"})";
        const QString token =
            QString::fromLatin1(header.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)) +
            u".eyJpc3MiOiJ4In0.c2ln"_s;
        QString lastSummary;
        qint64 lastRetryAfter = 0;
        auto verifyToken = [&](const QString &jwt) {
            JwtVerificationJob job(&jwks, uri, jwt, VerifyPolicy{}, ClaimPolicy{});
            QSignalSpy spy(&job, &JwtVerificationJob::finished);
            job.start();
            if (!spy.wait(10000))
                qWarning("verification did not finish");
            lastSummary = job.summary();
            lastRetryAfter = job.retryAfter();
            return std::make_pair(job.result().reason(), job.refreshedKeys());
        };
        auto verify = [&] { return verifyToken(token); };
        auto withKid = [](const char *kid) -> QString {
            const QByteArray header = QByteArray(R"({"alg":"RS256","typ":"at+jwt","kid":")") + kid + "\"}";
            return QString::fromLatin1(
                       header.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)) +
                   u".eyJpc3MiOiJ4In0.c2ln"_s;
        };
        auto first = verify(); // first fetch, then no refresh (the set is brand new)
        QCOMPARE(first.first, JoseReason::KeyNotFound);
        QCOMPARE(jwks.fetchCount(uri), 1);
        now = now.addSecs(61);
        auto second = verify(); // cached set lacks the kid: one refresh
        QCOMPARE(second.first, JoseReason::KeyNotFound);
        QVERIFY(second.second);
        QCOMPARE(jwks.fetchCount(uri), 2);
        now = now.addSecs(10);
        auto third = verify(); // within the minute, a kid already asked for: refused by the rate limit
        QCOMPARE(third.first, JoseReason::KeyNotFound);
        QVERIFY(!third.second);
        QCOMPARE(jwks.fetchCount(uri), 2);
        // ... and said so, with when to retry, instead of blaming the key set.
        QVERIFY2(lastSummary.startsWith(u"Signature not verified yet: no key with kid \"rotated-away\""_s),
                 qPrintable(lastSummary));
        QVERIFY2(lastSummary.endsWith(u"the key set was refreshed 10 s ago and may predate this key; retry in 50 s."_s),
                 qPrintable(lastSummary));
        QCOMPARE(lastRetryAfter, 50);
        // A kid not asked for yet (a rotation) gets a refresh once the burst interval has passed...
        auto fourth = verifyToken(withKid("next-key"));
        QVERIFY(fourth.second);
        QCOMPARE(jwks.fetchCount(uri), 3);
        // ... but not sooner: another new kid two seconds later waits three.
        now = now.addSecs(2);
        auto fifth = verifyToken(withKid("yet-another-key"));
        QVERIFY(!fifth.second);
        QCOMPARE(jwks.fetchCount(uri), 3);
        QCOMPARE(lastRetryAfter, 3);
        // A made-up kid asked for before gets no second burst refresh.
        now = now.addSecs(10);
        auto sixth = verifyToken(withKid("next-key"));
        QVERIFY(!sixth.second);
        QCOMPARE(jwks.fetchCount(uri), 3);
    }
};

QTEST_GUILESS_MAIN(TestTokenSessionInterop)
#include "tst_tokensessioninterop.moc"
