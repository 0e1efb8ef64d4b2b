// SPDX-License-Identifier: GPL-3.0-or-later
// Pasted tokens and keys: JWKS, one JWK, PEM public keys and certificates (made by the openssl tool), refused
// private keys and garbage, and the same checks and texts as for the console's own tokens.
#include "jose/signingkey.h"
#include "oauth/revocationjob.h"
#include "oauth/tokeninspection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

namespace {

const QString Issuer = u"https://login.outside.example/"_s;
const QDateTime Now(QDate(2026, 12, 3), QTime(10, 0), Qt::UTC);

QByteArray tokenSignedBy(const SigningKey &key, const QJsonObject &extra = {})
{
    QJsonObject claims{{u"iss"_s, Issuer},
                       {u"aud"_s, u"api://invoices"_s},
                       {u"sub"_s, u"outside-client"_s},
                       {u"scope"_s, u"invoices:read"_s},
                       {u"iat"_s, Now.toSecsSinceEpoch() - 10},
                       {u"exp"_s, Now.toSecsSinceEpoch() + 300}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        claims.insert(it.key(), it.value());
    return key.sign({{u"typ"_s, u"at+jwt"_s}}, claims);
}

TokenCheckPolicy outsidePolicy()
{
    TokenCheckPolicy policy;
    policy.issuer = Issuer;
    policy.audience = u"api://invoices"_s;
    return policy;
}

} // namespace

class TestTokenInspection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pemPublicKeysImportWithTheirAlgorithm()
    {
        for (const JwsAlgorithm algorithm : {JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::ES384}) {
            const auto key = SigningKey::generate(algorithm, u"k1"_s);
            QVERIFY(key);
            QString error;
            const auto imported = Jwk::fromPem(key->publicKey().toPem(), std::nullopt, u"k1"_s, &error);
            QVERIFY2(imported, qPrintable(error));
            QCOMPARE(imported->algorithm(), algorithm);
            QCOMPARE(imported->thumbprint(), key->publicKey().thumbprint());
            QCOMPARE(imported->keyId(), u"k1"_s);
        }
        // An RSA key may be bound to another RSA algorithm; an EC key cannot be made RSA.
        const auto rsa = SigningKey::generate(JwsAlgorithm::PS256);
        QCOMPARE(Jwk::fromPem(rsa->publicKey().toPem(), JwsAlgorithm::PS256)->algorithm(), JwsAlgorithm::PS256);
        const auto ec = SigningKey::generate(JwsAlgorithm::ES256);
        QString error;
        QVERIFY(!Jwk::fromPem(ec->publicKey().toPem(), JwsAlgorithm::RS256, {}, &error));
        QVERIFY2(error.contains(u"not an RSA key"_s), qPrintable(error));
    }

    void privateKeysAndGarbageAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("private key") << QString::fromLatin1(SigningKey::generate()->toPrivatePem())
                                     << u"this is a private key"_s;
        QTest::newRow("empty") << QString() << u"No key pasted"_s;
        QTest::newRow("not json") << u"{\"keys\": [}"_s << u"not valid JSON"_s;
        QTest::newRow("json, no key") << u"{\"issuer\": \"x\"}"_s << u"neither a JWKS"_s;
        QTest::newRow("empty jwks") << u"{\"keys\": []}"_s << u"holds no key that can verify"_s;
        QTest::newRow("hmac jwk") << u"{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}"_s << u"key type \"oct\""_s;
        QTest::newRow("no pem") << u"hello"_s << u"no PEM public key found"_s;
        QTest::newRow("broken pem") << u"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"_s
                                    << u"could not be read"_s;
    }
    void privateKeysAndGarbageAreRefusedWithAReason()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const PastedKeys keys = TokenInspection::parseKeys(text);
        QVERIFY(!keys.ok());
        QVERIFY2(keys.error.contains(reason), qPrintable(keys.error));
    }

    void aCertificateMadeByTheOpensslToolVerifiesItsTokens()
    {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        QVERIFY2(!openssl.isEmpty(), "the openssl tool is installed by scripts/install-deps.sh --test");
        QTemporaryDir dir;
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(openssl,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"key.pem"_s,
                       u"-out"_s, u"cert.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=login.outside.example"_s});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QFile keyFile(dir.filePath(u"key.pem"_s));
        QFile certFile(dir.filePath(u"cert.pem"_s));
        QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
        const auto signer = SigningKey::fromPrivatePem(keyFile.readAll(), JwsAlgorithm::RS256, u"cert-key"_s);
        QVERIFY(signer);
        const QByteArray token = tokenSignedBy(*signer);

        const PastedKeys keys = TokenInspection::parseKeys(QString::fromLatin1(certFile.readAll()), u"cert-key"_s);
        QVERIFY2(keys.ok(), qPrintable(keys.error));
        QCOMPARE(keys.description, u"pasted PEM key (RSA 2048 bits, RS256)"_s);
        const TokenInfo info = TokenInspection::verify(QString::fromLatin1(token), keys, outsidePolicy(), Now);
        QCOMPARE(info.verification, TokenInfo::Verification::Verified);
        QCOMPARE(info.verificationText, u"Signature verified with key \"cert-key\" (RS256) from the pasted PEM key "
                                        u"(RSA 2048 bits, RS256); issuer, audience and lifetime checked."_s);
    }

    void pastedTokensGetTheSameChecksAndReasons()
    {
        const auto key = SigningKey::generate(JwsAlgorithm::ES256, u"outside-1"_s);
        const PastedKeys keys =
            TokenInspection::parseKeys(QString::fromLatin1(key->publicKey().toPem()), u"outside-1"_s);
        QVERIFY(keys.ok());

        const TokenInfo expired = TokenInspection::verify(
            QString::fromLatin1(tokenSignedBy(*key, {{u"exp"_s, Now.toSecsSinceEpoch() - 3600}})), keys,
            outsidePolicy(), Now);
        QCOMPARE(expired.verification, TokenInfo::Verification::Invalid);
        QVERIFY(expired.signatureVerified);
        QCOMPARE(expired.errorCodes, QStringList{u"expired"_s});

        TokenCheckPolicy wrongIssuer = outsidePolicy();
        wrongIssuer.issuer = u"https://login.outside.example"_s; // no trailing slash: exact comparison
        const TokenInfo issuer =
            TokenInspection::verify(QString::fromLatin1(tokenSignedBy(*key)), keys, wrongIssuer, Now);
        QCOMPARE(issuer.errorCodes, QStringList{u"issuer-mismatch"_s});

        TokenCheckPolicy loose;
        loose.accessTokenProfile = false;
        const TokenInfo unchecked = TokenInspection::verify(QString::fromLatin1(tokenSignedBy(*key)), keys, loose, Now);
        QCOMPARE(unchecked.verification, TokenInfo::Verification::Verified);
        QVERIFY2(
            unchecked.verificationText.endsWith(
                u"lifetime checked. Not checked: issuer, audience, access-token type (typ at+jwt) (none given)."_s),
            qPrintable(unchecked.verificationText));

        // A token signed with another key, the same kid: the signature fails, by name.
        const auto rogue = SigningKey::generate(JwsAlgorithm::ES256, u"outside-1"_s);
        const TokenInfo forged =
            TokenInspection::verify(QString::fromLatin1(tokenSignedBy(*rogue)), keys, outsidePolicy(), Now);
        QCOMPARE(forged.errorCodes, QStringList{u"signature-invalid"_s});
        QVERIFY(forged.verificationText.startsWith(u"Signature NOT verified: "_s));
    }

    void decodingNeverTrustsAndNeverCrashes_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("verification");
        QTest::newRow("opaque") << u"2YotnFZFEjr1zCsicMWpAA"_s << int(TokenInfo::Verification::Opaque);
        QTest::newRow("three dots, not base64") << u"a.b.c"_s << int(TokenInfo::Verification::Opaque);
        QTest::newRow("jwe") << u"eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"_s << int(TokenInfo::Verification::Opaque);
        QTest::newRow("huge") << QString(200000, u'a') + u".b.c"_s << int(TokenInfo::Verification::Opaque);
        QTest::newRow("bearer prefix") << u"Bearer "_s + QString::fromLatin1(SigningKey::generate()->sign({}, {}))
                                       << int(TokenInfo::Verification::Pending);
    }
    void decodingNeverTrustsAndNeverCrashes()
    {
        QFETCH(QString, token);
        QFETCH(int, verification);
        const TokenInfo info = TokenInspection::decode(token);
        QCOMPARE(int(info.verification), verification);
        QVERIFY(!info.verificationText.isEmpty());
        QVERIFY(!info.signatureVerified);
    }

    void missingScopesAreNeverASilentEmptyList()
    {
        TokenInfo info;
        info.requestedScopes = {u"orders:write"_s};
        QCOMPARE(info.missingScopesJson(), QJsonValue(u"not stated by the server"_s));
        info.grantedScopes = QStringList{u"orders:write"_s};
        QCOMPARE(info.missingScopesJson(), QJsonValue(QJsonArray()));
        info.grantedScopes = QStringList{};
        info.missingScopes = {u"orders:write"_s};
        QCOMPARE(info.missingScopesJson(), QJsonValue(QJsonArray{u"orders:write"_s}));
    }

    void timesReadInLocalTimeAndUtc()
    {
        const QString text =
            TokenInspection::claimDisplay(u"exp"_s, QJsonValue(double(Now.toSecsSinceEpoch())), Qt::OffsetFromUTC);
        QCOMPARE(text, u"%1  (2026-12-03 10:00:00 local, 2026-12-03 10:00:00 UTC)"_s.arg(Now.toSecsSinceEpoch()));
        QCOMPARE(TokenInspection::claimDisplay(u"aud"_s, QJsonArray{u"a"_s, u"b"_s}), u"[\"a\",\"b\"]"_s);
    }

    // A NumericDate may carry a fraction or be absurd; an absurd one is no date (and never cast out of range).
    void numericDatesOutOfRangeAreNoDates()
    {
        const auto key = SigningKey::generate(JwsAlgorithm::ES256, u"k1"_s);
        QVERIFY(key);
        const TokenInfo info =
            TokenInspection::decode(QString::fromLatin1(tokenSignedBy(*key, {{u"exp"_s, 1e300}, {u"iat"_s, -1e300}})));
        QCOMPARE(info.verification, TokenInfo::Verification::Pending);
        QVERIFY(!info.expiresAt.isValid());
        QVERIFY(!info.receivedAt.isValid());
        QCOMPARE(TokenInspection::claimDisplay(u"exp"_s, QJsonValue(1e300)), u"1e+300"_s);
        QCOMPARE(TokenInspection::claimDisplay(u"nbf"_s, QJsonValue(double(Now.toSecsSinceEpoch()) + 0.5),
                                               Qt::OffsetFromUTC),
                 u"%1  (2026-12-03 10:00:00 local, 2026-12-03 10:00:00 UTC)"_s.arg(Now.toSecsSinceEpoch()));
        QCOMPARE(RevocationJob::lifetimeNote(QString::fromLatin1(tokenSignedBy(*key, {{u"exp"_s, 1e300}})), Now),
                 u"The token is a JWT whose exp is not a usable date: a gateway that validates it locally may accept "
                 u"it for good; only introspection-based validation stops it."_s);
    }
};

QTEST_GUILESS_MAIN(TestTokenInspection)
#include "tst_tokeninspection.moc"
