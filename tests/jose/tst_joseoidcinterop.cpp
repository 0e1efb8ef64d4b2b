// SPDX-License-Identifier: GPL-3.0-or-later
// Tokens from a real third-party authorization server (oidc-provider, tests/peers/oidc-provider.mjs): its JWKS
// imports, its RS256 at+jwt access tokens verify with every claim check on, and the same token fails the checks
// it should fail.
#include "testpaths.h"

#include "jose/jwtverifier.h"
#include "jose/signingkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

class TestJoseOidcInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void jwksImports();
    void accessTokenVerifies();
    void accessTokenFailsForOtherAudienceIssuerOrScope();
    void accessTokenNeedsTheProvidersKey();

private:
    QByteArray get(const QUrl &url);
    QProcess m_provider;
    QNetworkAccessManager m_network;
    QString m_issuer;
    QString m_audience;
    QByteArray m_jwks;
    QByteArray m_accessToken;
};

QByteArray TestJoseOidcInterop::get(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(15000))
        return {};
    reply->deleteLater();
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

void TestJoseOidcInterop::initTestCase()
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!node.isEmpty(), "Node.js (node) is needed to run oidc-provider");
    const QString peers = QStringLiteral(GATEWRIGHT_PEERS_DIR);
    m_provider.setWorkingDirectory(peers);
    m_provider.setProcessChannelMode(QProcess::SeparateChannels);
    m_provider.start(node, {peers + u"/oidc-provider.mjs"_s});
    QVERIFY(m_provider.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_provider.canReadLine() || m_provider.state() != QProcess::Running, 30000);
    const QJsonObject ready = QJsonDocument::fromJson(m_provider.readLine()).object();
    QVERIFY2(ready.value(u"ready"_s).toBool(), m_provider.readAllStandardError().constData());
    m_issuer = ready.value(u"issuer"_s).toString();
    m_audience = ready.value(u"audience"_s).toString();

    const QJsonObject metadata =
        QJsonDocument::fromJson(get(QUrl(m_issuer + u"/.well-known/openid-configuration"_s))).object();
    QCOMPARE(metadata.value(u"issuer"_s).toString(), m_issuer);
    m_jwks = get(QUrl(metadata.value(u"jwks_uri"_s).toString()));
    QVERIFY(!m_jwks.isEmpty());

    QNetworkRequest request(QUrl(metadata.value(u"token_endpoint"_s).toString()));
    request.setTransferTimeout(10000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    request.setRawHeader("Authorization", "Basic " + QByteArray("admin-console:test-secret-not-for-prod").toBase64());
    QNetworkReply *reply = m_network.post(request, "grant_type=client_credentials&scope=gateway%3Aread");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    reply->deleteLater();
    const QJsonObject token = QJsonDocument::fromJson(reply->readAll()).object();
    m_accessToken = token.value(u"access_token"_s).toString().toLatin1();
    QVERIFY2(m_accessToken.count('.') == 2, QJsonDocument(token).toJson().constData());
}

void TestJoseOidcInterop::cleanupTestCase()
{
    if (m_provider.state() == QProcess::Running) {
        m_provider.terminate();
        if (!m_provider.waitForFinished(5000))
            m_provider.kill();
    }
}

void TestJoseOidcInterop::jwksImports()
{
    const JwkSet keys = JwkSet::fromJson(m_jwks);
    QCOMPARE(keys.error(), QString());
    QCOMPARE(keys.skippedKeys(), QStringList());
    QCOMPARE(keys.keys().size(), 1);
    QCOMPARE(keys.keys().first().keyId(), u"test-rs256"_s);
    QCOMPARE(keys.keys().first().algorithm(), JwsAlgorithm::RS256);
}

void TestJoseOidcInterop::accessTokenVerifies()
{
    VerifyPolicy verifyPolicy;
    verifyPolicy.requiredType = u"at+jwt"_s;
    ClaimPolicy claimPolicy;
    claimPolicy.issuer = m_issuer;
    claimPolicy.audience = m_audience;
    claimPolicy.requiredScopes = {u"gateway:read"_s};
    const JwtResult result =
        verifyJwt(m_accessToken, JwkSet::fromJson(m_jwks), verifyPolicy, claimPolicy, QDateTime::currentDateTimeUtc());
    QCOMPARE(result.errors, QList<JoseError>());
    QVERIFY(result.ok());
    QCOMPARE(result.jwt->header().value(u"typ"_s).toString(), u"at+jwt"_s);
    QCOMPARE(result.jwt->claims().value(u"client_id"_s).toString(), u"admin-console"_s);
}

void TestJoseOidcInterop::accessTokenFailsForOtherAudienceIssuerOrScope()
{
    ClaimPolicy claimPolicy;
    claimPolicy.issuer = m_issuer + u'/';
    claimPolicy.audience = u"gatewright-demo-gateway"_s;
    claimPolicy.requiredScopes = {u"gateway:write"_s};
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3600);
    const JwtResult result = verifyJwt(m_accessToken, JwkSet::fromJson(m_jwks), {}, claimPolicy, later);
    QVERIFY(result.signatureVerified);
    QVERIFY(!result.ok());
    QList<JoseReason> reasons;
    for (const JoseError &error : result.errors)
        reasons.append(error.reason);
    QCOMPARE(reasons, QList<JoseReason>({JoseReason::IssuerMismatch, JoseReason::AudienceMismatch, JoseReason::Expired,
                                         JoseReason::ScopeMissing}));
    QCOMPARE(result.errors.at(1).message,
             u"audience mismatch: expected gatewright-demo-gateway, token has %1"_s.arg(m_audience));
}

void TestJoseOidcInterop::accessTokenNeedsTheProvidersKey()
{
    // Same kid, another key: the signature check, not the kid, decides.
    const auto forged = SigningKey::generate(JwsAlgorithm::RS256, u"test-rs256"_s);
    QVERIFY(forged);
    const VerifyResult result = verifyJws(m_accessToken, JwkSet({forged->publicKey()}));
    QCOMPARE(result.error.reason, JoseReason::SignatureInvalid);
    QCOMPARE(result.error.message, u"signature does not verify with RS256 key \"test-rs256\""_s);
}

QTEST_GUILESS_MAIN(TestJoseOidcInterop)
#include "tst_joseoidcinterop.moc"
