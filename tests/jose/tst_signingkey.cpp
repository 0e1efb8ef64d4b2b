// SPDX-License-Identifier: GPL-3.0-or-later
// Signing for the OAuth server: key generation, the public JWK, PEM persistence on request, compact JWS.
#include "jose/base64url.h"
#include "jose/jwsverifier.h"
#include "jose/signingkey.h"

#include <QJsonDocument>
#include <QTest>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

class TestSigningKey : public QObject
{
    Q_OBJECT

private slots:
    void generatesRsa2048WithThumbprintKid();
    void signsWithHeaderFromTheKey();
    void signsEveryAllowListedAlgorithm_data();
    void signsEveryAllowListedAlgorithm();
    void persistsOnlyThroughExplicitPem();
    void refusesBadPem_data();
    void refusesBadPem();
};

void TestSigningKey::generatesRsa2048WithThumbprintKid()
{
    const auto key = SigningKey::generate();
    QVERIFY(key);
    QCOMPARE(key->algorithm(), JwsAlgorithm::RS256);
    QCOMPARE(key->publicKey().bits(), 2048);
    QCOMPARE(key->keyId(), key->publicKey().thumbprint());
    QCOMPARE(key->keyId().size(), 43); // SHA-256 in base64url
    const QJsonObject jwk = key->publicKey().toJson();
    QCOMPARE(jwk.value(u"kty"_s).toString(), u"RSA"_s);
    QCOMPARE(jwk.value(u"e"_s).toString(), u"AQAB"_s);
    QCOMPARE(jwk.value(u"alg"_s).toString(), u"RS256"_s);
    QCOMPARE(jwk.value(u"use"_s).toString(), u"sig"_s);
    QCOMPARE(Base64Url::decode(jwk.value(u"n"_s).toString().toLatin1())->size(), 256);
    for (const char *secret : {"d", "p", "q", "dp", "dq", "qi"})
        QVERIFY2(!jwk.contains(QLatin1StringView(secret)), secret);

    const auto named = SigningKey::generate(JwsAlgorithm::RS256, u"2026-11"_s);
    QVERIFY(named);
    QCOMPARE(named->keyId(), u"2026-11"_s);
    QVERIFY(named->publicKey().thumbprint() != key->publicKey().thumbprint());
}

void TestSigningKey::signsWithHeaderFromTheKey()
{
    const auto key = SigningKey::generate(JwsAlgorithm::RS256, u"k1"_s);
    QVERIFY(key);
    // The caller cannot make the key sign under another algorithm or kid.
    const QByteArray token = key->sign({{u"alg"_s, u"none"_s}, {u"kid"_s, u"other"_s}, {u"typ"_s, u"at+jwt"_s}},
                                       {{u"sub"_s, u"demo-client"_s}});
    const auto parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    QCOMPARE(*Base64Url::decode(parts[0]), QByteArray(R"({"alg":"RS256","kid":"k1","typ":"at+jwt"})"));
    QCOMPARE(*Base64Url::decode(parts[1]), QByteArray(R"({"sub":"demo-client"})"));
    QCOMPARE(Base64Url::decode(parts[2])->size(), 256);
    // PKCS#1 v1.5 is deterministic: the same input gives the same token.
    QCOMPARE(key->sign({{u"typ"_s, u"at+jwt"_s}}, {{u"sub"_s, u"demo-client"_s}}), token);
}

void TestSigningKey::signsEveryAllowListedAlgorithm_data()
{
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<int>("signatureSize");
    QTest::newRow("RS256") << JwsAlgorithm::RS256 << 256;
    QTest::newRow("RS384") << JwsAlgorithm::RS384 << 256;
    QTest::newRow("RS512") << JwsAlgorithm::RS512 << 256;
    QTest::newRow("PS256") << JwsAlgorithm::PS256 << 256;
    QTest::newRow("ES256") << JwsAlgorithm::ES256 << 64;
    QTest::newRow("ES384") << JwsAlgorithm::ES384 << 96;
}

void TestSigningKey::signsEveryAllowListedAlgorithm()
{
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(int, signatureSize);
    const auto key = SigningKey::generate(algorithm);
    QVERIFY(key);
    QCOMPARE(key->publicKey().algorithm(), algorithm);
    const JwkSet keys = JwkSet::fromJson(JwkSet({key->publicKey()}).toJson());
    QCOMPARE(keys.keys().size(), 1);
    for (int i = 0; i < 20; ++i) { // ECDSA R || S must be padded whatever the length of R and S
        const QByteArray token = key->sign({}, {{u"n"_s, i}});
        QCOMPARE(Base64Url::decode(token.split('.').at(2))->size(), signatureSize);
        const VerifyResult result = verifyJws(token, keys);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.jwt->claims().value(u"n"_s).toInt(), i);
    }
}

void TestSigningKey::persistsOnlyThroughExplicitPem()
{
    const auto key = SigningKey::generate(JwsAlgorithm::ES256, u"ec"_s);
    QVERIFY(key);
    const QByteArray pem = key->toPrivatePem();
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QString error;
    const auto loaded = SigningKey::fromPrivatePem(pem, JwsAlgorithm::ES256, u"ec"_s, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->publicKey().thumbprint(), key->publicKey().thumbprint());
    // A token signed by the reloaded key verifies with the original public key.
    QVERIFY(verifyJws(loaded->sign({}, {{u"sub"_s, u"x"_s}}), JwkSet({key->publicKey()})).ok());
    // Without a kid, the reloaded key gets the same thumbprint kid as a fresh one would.
    QCOMPARE(SigningKey::fromPrivatePem(pem, JwsAlgorithm::ES256)->keyId(), key->publicKey().thumbprint());
}

void TestSigningKey::refusesBadPem_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<QString>("errorStart");
    QTest::newRow("not PEM") << QByteArray("hello") << JwsAlgorithm::RS256 << u"not a PEM private key ("_s;
    QTest::newRow("public key PEM") << SigningKey::generate()->publicKey().toPem() << JwsAlgorithm::RS256
                                    << u"not a PEM private key ("_s;
    QTest::newRow("EC key loaded as RS256")
        << SigningKey::generate(JwsAlgorithm::ES256)->toPrivatePem() << JwsAlgorithm::RS256 << u"not an RSA key"_s;
    QTest::newRow("P-256 key loaded as ES384") << SigningKey::generate(JwsAlgorithm::ES256)->toPrivatePem()
                                               << JwsAlgorithm::ES384 << u"not an EC key on P-384"_s;
}

void TestSigningKey::refusesBadPem()
{
    QFETCH(QByteArray, pem);
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(QString, errorStart);
    QString error;
    QVERIFY(!SigningKey::fromPrivatePem(pem, algorithm, {}, &error));
    QVERIFY2(error.startsWith(errorStart), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSigningKey)
#include "tst_signingkey.moc"
