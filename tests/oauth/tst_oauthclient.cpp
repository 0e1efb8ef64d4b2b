// SPDX-License-Identifier: GPL-3.0-or-later
// Client-side checks that need a misbehaving server: a fake one that answers what each row says.
#include "cannedhttpserver.h"
#include "oauth/authorizationservermetadata.h"
#include "oauth/discoveryjob.h"
#include "oauth/introspectionjob.h"
#include "oauth/loopbackredirectlistener.h"
#include "oauth/pkce.h"
#include "oauth/revocationjob.h"
#include "oauth/tokenrequestjob.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

class TestOAuthClient : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

private Q_SLOTS:
    void pkceIsS256OfAFreshVerifier()
    {
        // RFC 7636 Appendix B.
        QCOMPARE(Pkce::challengeS256(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
                 u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
        const QString a = Pkce::generateVerifier();
        QCOMPARE(a.size(), 43);
        QVERIFY(a != Pkce::generateVerifier());
        QVERIFY(Pkce::generateState() != Pkce::generateState());
        QVERIFY(Pkce::constantTimeEquals("abc", "abc"));
        QVERIFY(!Pkce::constantTimeEquals("abc", "abd"));
        QVERIFY(!Pkce::constantTimeEquals("abc", "ab"));
    }

    void clientSecretBasicIsFormEncodedBeforeBase64()
    {
        CannedHttpServer server;
        server.response = CannedHttpServer::http(200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        TokenRequestJob job(&m_network, QUrl(server.base() + u"/token"_s),
                            {u"my client:1"_s, u"p@ss w+rd/%"_s, OAuthClientConfig::AuthMethod::ClientSecretBasic},
                            TokenRequestJob::Grant::clientCredentials({u"a b"_s}));
        QSignalSpy spy(&job, &TokenRequestJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
        QCOMPARE(server.requests.size(), 1);
        const QByteArray expected = "Basic " + QByteArray("my+client%3A1:p%40ss+w%2Brd%2F%25").toBase64();
        QVERIFY2(server.requests.first().contains(QByteArray("Authorization: " + expected)), server.requests.first());
        QVERIFY(server.requests.first().endsWith("grant_type=client_credentials&scope=a+b"));
        QVERIFY(!server.requests.first().contains("client_secret"));
    }

    void clientSecretPostSendsTheSecretInTheForm()
    {
        CannedHttpServer server;
        server.response = CannedHttpServer::http(200, "{\"access_token\":\"t\",\"token_type\":\"bearer\"}");
        TokenRequestJob job(&m_network, QUrl(server.base() + u"/token"_s),
                            {u"c"_s, u"s&=x"_s, OAuthClientConfig::AuthMethod::ClientSecretPost},
                            TokenRequestJob::Grant::clientCredentials({}));
        QSignalSpy spy(&job, &TokenRequestJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QVERIFY(!job.error().isError());
        QVERIFY(server.requests.first().endsWith("grant_type=client_credentials&client_id=c&client_secret=s%26%3Dx"));
        QVERIFY(!server.requests.first().contains("Authorization:"));
    }

    void tokenEndpointFailures_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("redirect refused")
            << CannedHttpServer::http(307, "", "Location: https://elsewhere.example/token\r\n")
            << int(OAuthError::Kind::Http)
            << u"The token endpoint (%1/token) answered with a redirect (HTTP 307) to "
               u"https://elsewhere.example/token. Redirects are not followed on requests that carry credentials; "
               u"configure the final URL instead."_s;
        QTest::newRow("not json") << CannedHttpServer::http(200, "<html>", {}, "text/html")
                                  << int(OAuthError::Kind::Protocol)
                                  << u"The token endpoint (%1/token) answered HTTP 200 with a body that is not a JSON "
                                     u"object."_s;
        QTest::newRow("no access token") << CannedHttpServer::http(200, "{\"token_type\":\"Bearer\"}")
                                         << int(OAuthError::Kind::Protocol)
                                         << u"The token endpoint answered 200 without an access_token."_s;
        QTest::newRow("not a bearer token")
            << CannedHttpServer::http(200, "{\"access_token\":\"x\",\"token_type\":\"DPoP\"}")
            << int(OAuthError::Kind::Protocol)
            << u"The token endpoint issued a token of type \"DPoP\"; the console only uses Bearer tokens."_s;
        QTest::newRow("5xx without error object")
            << CannedHttpServer::http(502, "bad gateway", {}, "text/plain") << int(OAuthError::Kind::Http)
            << u"The token endpoint (%1/token) answered HTTP 502 without an "
               u"OAuth error object."_s;
        QTest::newRow("oversized") << CannedHttpServer::http(200, QByteArray(300 * 1024, 'x'))
                                   << int(OAuthError::Kind::Network)
                                   << u"The response from %1/token is larger than the allowed size and was cut off."_s;
    }

    void tokenEndpointFailures()
    {
        QFETCH(QByteArray, response);
        QFETCH(int, kind);
        QFETCH(QString, message);
        CannedHttpServer server;
        server.response = response;
        TokenRequestJob job(&m_network, QUrl(server.base() + u"/token"_s),
                            {u"c"_s, u"s"_s, OAuthClientConfig::AuthMethod::ClientSecretBasic},
                            TokenRequestJob::Grant::clientCredentials({}));
        QSignalSpy spy(&job, &TokenRequestJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QCOMPARE(int(job.error().kind), kind);
        QCOMPARE(job.error().message, message.contains(u"%1"_s) ? message.arg(server.base()) : message);
    }

    // RFC 6749 §5.1: expires_in is a number of seconds. Anything else is no lifetime: unknown (-1), kept as sent for
    // the note the session shows, never "expired now" and never cast out of range.
    void expiresInThatIsNoLifetimeIsUnknown_data()
    {
        QTest::addColumn<QByteArray>("expiresIn");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("unusable");
        QTest::newRow("3600") << QByteArray("3600") << qint64(3600) << QString();
        QTest::newRow("one year") << QByteArray("31536000") << qint64(31536000) << QString();
        QTest::newRow("3600.0 is whole") << QByteArray("3600.0") << qint64(3600) << QString();
        QTest::newRow("absent") << QByteArray() << qint64(-1) << QString();
        QTest::newRow("null") << QByteArray("null") << qint64(-1) << QString();
        QTest::newRow("zero") << QByteArray("0") << qint64(-1) << u"0"_s;
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1) << u"-5"_s;
        QTest::newRow("1e300") << QByteArray("1e300") << qint64(-1) << u"1e+300"_s;
        QTest::newRow("beyond qint64") << QByteArray("9223372036854775808") << qint64(-1) << u"9223372036854776000"_s;
        QTest::newRow("more than a year") << QByteArray("31536001") << qint64(-1) << u"31536001"_s;
        QTest::newRow("string") << QByteArray("\"3600\"") << qint64(-1) << u"\"3600\""_s;
        QTest::newRow("fraction") << QByteArray("3600.5") << qint64(-1) << u"3600.5"_s;
        QTest::newRow("\"NaN\"") << QByteArray("\"NaN\"") << qint64(-1) << u"\"NaN\""_s;
        QTest::newRow("boolean") << QByteArray("true") << qint64(-1) << u"true"_s;
        QTest::newRow("long string is cut")
            << QByteArray('"' + QByteArray(100, '9') + '"') << qint64(-1) << u'"' + QString(38, u'9') + u'…';
    }

    void expiresInThatIsNoLifetimeIsUnknown()
    {
        QFETCH(QByteArray, expiresIn);
        QFETCH(qint64, seconds);
        QFETCH(QString, unusable);
        CannedHttpServer server;
        server.response = CannedHttpServer::http(
            200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\"" +
                     (expiresIn.isEmpty() ? QByteArray() : ",\"expires_in\":" + expiresIn) + '}');
        TokenRequestJob job(&m_network, QUrl(server.base() + u"/token"_s),
                            {u"c"_s, u"s"_s, OAuthClientConfig::AuthMethod::ClientSecretBasic},
                            TokenRequestJob::Grant::clientCredentials({}));
        QSignalSpy spy(&job, &TokenRequestJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QVERIFY2(!job.error().isError(), qPrintable(job.error().message));
        QCOMPARE(job.response().expiresIn, seconds);
        QCOMPARE(job.response().unusableExpiresIn, unusable);
        QCOMPARE(job.response().expiresAt().isValid(), seconds > 0);
    }

    void discoveryChecks_data()
    {
        QTest::addColumn<QByteArray>("metadata");
        QTest::addColumn<QString>("message");
        QTest::newRow("issuer mismatch")
            << QByteArray("{\"issuer\":\"https://evil.example\",\"token_endpoint\":\"https://evil.example/t\"}")
            << u"Issuer mismatch: the metadata at %1/.well-known/oauth-authorization-server says issuer "
               u"\"https://evil.example\", but the environment expects \"%1\". The two must be identical (RFC 8414 "
               u"§3.3); correct the issuer in the environment or check that the URL points at the right server."_s;
        QTest::newRow("plain http endpoint")
            << QByteArray("{\"issuer\":\"%1\",\"token_endpoint\":\"http://login.example.com/token\"}")
            << u"The metadata at %1/.well-known/oauth-authorization-server gives token_endpoint = "
               u"http://login.example.com/token, which is not https. Only loopback hosts may use plain http."_s;
        QTest::newRow("no token endpoint") << QByteArray("{\"issuer\":\"%1\"}")
                                           << u"The metadata at %1/.well-known/oauth-authorization-server names no "
                                              u"token_endpoint."_s;
    }

    void discoveryChecks()
    {
        QFETCH(QByteArray, metadata);
        QFETCH(QString, message);
        CannedHttpServer server;
        server.response = CannedHttpServer::http(200, metadata.replace("%1", server.base().toLatin1()));
        DiscoveryJob job(&m_network, server.base());
        QSignalSpy spy(&job, &DiscoveryJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QCOMPARE(job.error().message, message.arg(server.base()));
    }

    void discoveryRefusesAnHttpIssuerOffLoopback()
    {
        DiscoveryJob job(&m_network, u"http://login.example.com"_s);
        QSignalSpy spy(&job, &DiscoveryJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QCOMPARE(job.error().kind, OAuthError::Kind::Configuration);
        QCOMPARE(job.error().message,
                 u"The issuer \"http://login.example.com\" is not an https URL (plain http is only "
                 u"allowed on 127.0.0.1)."_s);
    }

    void wellKnownUrls()
    {
        QCOMPARE(AuthorizationServerMetadata::oauthMetadataUrl(u"https://login.example.com/tenant1"_s),
                 QUrl(u"https://login.example.com/.well-known/oauth-authorization-server/tenant1"_s));
        QCOMPARE(AuthorizationServerMetadata::openIdConfigurationUrl(u"https://login.example.com/tenant1/"_s),
                 QUrl(u"https://login.example.com/tenant1/.well-known/openid-configuration"_s));
    }

    void onlyJsonTrueIsActive_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("active");
        QTest::newRow("true") << QByteArray("{\"active\":true,\"scope\":\"a\"}") << true;
        QTest::newRow("false") << QByteArray("{\"active\":false}") << false;
        QTest::newRow("string \"true\"") << QByteArray("{\"active\":\"true\",\"scope\":\"a\"}") << false;
        QTest::newRow("1") << QByteArray("{\"active\":1}") << false;
        QTest::newRow("missing, other members look valid")
            << QByteArray("{\"scope\":\"a\",\"exp\":99999999999,\"client_id\":\"c\"}") << false;
    }

    void onlyJsonTrueIsActive()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, active);
        CannedHttpServer server;
        server.response = CannedHttpServer::http(200, body);
        IntrospectionJob job(&m_network, QUrl(server.base() + u"/introspect"_s),
                             {u"c"_s, u"s"_s, OAuthClientConfig::AuthMethod::ClientSecretBasic}, u"tok"_s);
        QSignalSpy spy(&job, &IntrospectionJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QVERIFY(!job.error().isError());
        QCOMPARE(job.result().active, active);
        QVERIFY(server.requests.first().endsWith("token=tok"));
    }

    void revocationSuccessSaysItProvesNothing()
    {
        CannedHttpServer server;
        server.response = CannedHttpServer::http(200, "");
        RevocationJob job(&m_network, QUrl(server.base() + u"/revoke"_s),
                          {u"c"_s, u"s"_s, OAuthClientConfig::AuthMethod::ClientSecretBasic}, u"never-issued"_s);
        QSignalSpy spy(&job, &RevocationJob::finished);
        job.start();
        QVERIFY(spy.wait(5000));
        QVERIFY(!job.error().isError());
        QCOMPARE(RevocationJob::acceptedNote(),
                 u"The server accepted the revocation request. A 200 does not prove that the token existed or was "
                 u"still valid (RFC 7009 §2.2); introspect it to see its state."_s);
    }

    void aServerThatNeverAnswersTimesOut()
    {
        CannedHttpServer server;
        server.hold = true;
        TokenRequestJob job(&m_network, QUrl(server.base() + u"/token"_s),
                            {u"c"_s, u"s"_s, OAuthClientConfig::AuthMethod::ClientSecretBasic},
                            TokenRequestJob::Grant::clientCredentials({}));
        QSignalSpy spy(&job, &TokenRequestJob::finished);
        job.start();
        QVERIFY(spy.wait(40000));
        QCOMPARE(job.error().kind, OAuthError::Kind::Network);
        QVERIFY2(job.error().message.startsWith(u"No answer from "_s), qPrintable(job.error().message));
    }

    void loopbackListenerBindsToLoopbackAndTakesOneRequest()
    {
        LoopbackRedirectListener listener;
        QVERIFY(listener.listen());
        QCOMPARE(listener.redirectUri().host(), u"127.0.0.1"_s);
        QCOMPARE(listener.redirectUri().path(), u"/callback"_s);
        QSignalSpy received(&listener, &LoopbackRedirectListener::received);
        QNetworkReply *first =
            m_network.get(QNetworkRequest(QUrl(listener.redirectUri().toString() + u"?code=abc&state=xyz"_s)));
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().first().value<QUrlQuery>().queryItemValue(u"code"_s), u"abc"_s);
        QTRY_VERIFY(first->isFinished());
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        first->deleteLater();
        QVERIFY(!listener.isListening());
        // A second request finds nobody listening.
        QNetworkReply *second = m_network.get(QNetworkRequest(listener.redirectUri()));
        QTRY_VERIFY(second->isFinished());
        QCOMPARE(second->error(), QNetworkReply::ConnectionRefusedError);
        second->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestOAuthClient)
#include "tst_oauthclient.moc"
