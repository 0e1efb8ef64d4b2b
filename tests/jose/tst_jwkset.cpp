// SPDX-License-Identifier: GPL-3.0-or-later
// JWK and JWKS import: key-to-algorithm binding, RFC 7638 thumbprints, and every reason a key is left out.
#include "jose/base64url.h"
#include "jose/jwkset.h"
#include "jose/signingkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

namespace {

// RFC 7517 Appendix A.1 / RFC 7638 §3.1.
const QString RfcModulus =
    u"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
    u"BJECPebWKRXjBZCiFV4n3oknjhMs"
    u"tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
    u"FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5h"
    u"ajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"_s;

QJsonObject rfcRsaKey()
{
    return {{u"kty"_s, u"RSA"_s}, {u"n"_s, RfcModulus}, {u"e"_s, u"AQAB"_s}, {u"kid"_s, u"2011-04-29"_s}};
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

const QJsonValue Removed(QJsonValue::Undefined);

} // namespace

class TestJwkSet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importsRfcRsaKeyWithItsThumbprint();
    void bindsEachKeyToOneAlgorithm_data();
    void bindsEachKeyToOneAlgorithm();
    void refusesUnusableKeys_data();
    void refusesUnusableKeys();
    void refusesPointNotOnCurve();
    void judgesAnRsaModulusTheSameEveryTime();
    void refusesEvenRsaModulusAndBadExponent();
    void setKeepsReasonsForSkippedKeys();
    void setRejectsBadDocuments_data();
    void setRejectsBadDocuments();
    void exportsPublicMembersOnly();

private:
    QJsonObject m_ec256;
    QJsonObject m_ec384;
};

void TestJwkSet::initTestCase()
{
    const auto p256 = SigningKey::generate(JwsAlgorithm::ES256, u"ec"_s);
    const auto p384 = SigningKey::generate(JwsAlgorithm::ES384, u"ec384"_s);
    QVERIFY(p256 && p384);
    m_ec256 = with(with(p256->publicKey().toJson(), u"alg"_s, Removed), u"use"_s, Removed);
    m_ec384 = with(with(p384->publicKey().toJson(), u"alg"_s, Removed), u"use"_s, Removed);
}

void TestJwkSet::importsRfcRsaKeyWithItsThumbprint()
{
    QString error;
    const auto jwk = Jwk::fromJson(rfcRsaKey(), &error);
    QVERIFY2(jwk, qPrintable(error));
    QCOMPARE(jwk->keyType(), Jwk::KeyType::Rsa);
    QCOMPARE(jwk->bits(), 2048);
    QCOMPARE(jwk->keyId(), u"2011-04-29"_s);
    QCOMPARE(jwk->thumbprint(), u"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"_s);
    QVERIFY(jwk->toPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
}

void TestJwkSet::bindsEachKeyToOneAlgorithm_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::newRow("RSA without alg: RS256") << rfcRsaKey() << JwsAlgorithm::RS256;
    QTest::newRow("RSA with alg RS384") << with(rfcRsaKey(), u"alg"_s, u"RS384"_s) << JwsAlgorithm::RS384;
    QTest::newRow("RSA with alg RS512") << with(rfcRsaKey(), u"alg"_s, u"RS512"_s) << JwsAlgorithm::RS512;
    QTest::newRow("RSA with alg PS256 and use sig")
        << with(with(rfcRsaKey(), u"alg"_s, u"PS256"_s), u"use"_s, u"sig"_s) << JwsAlgorithm::PS256;
    QTest::newRow("RSA with key_ops verify")
        << with(rfcRsaKey(), u"key_ops"_s, QJsonArray{u"verify"_s}) << JwsAlgorithm::RS256;
    QTest::newRow("EC P-256 without alg: ES256") << m_ec256 << JwsAlgorithm::ES256;
    QTest::newRow("EC P-384 without alg: ES384") << m_ec384 << JwsAlgorithm::ES384;
    QTest::newRow("EC P-256 with alg ES256") << with(m_ec256, u"alg"_s, u"ES256"_s) << JwsAlgorithm::ES256;
}

void TestJwkSet::bindsEachKeyToOneAlgorithm()
{
    QFETCH(QJsonObject, json);
    QFETCH(JwsAlgorithm, algorithm);
    QString error;
    const auto jwk = Jwk::fromJson(json, &error);
    QVERIFY2(jwk, qPrintable(error));
    QCOMPARE(jwk->algorithm(), algorithm);
    QCOMPARE(jwk->toJson().value(u"alg"_s).toString(), JwsAlgorithms::name(algorithm));
}

void TestJwkSet::refusesUnusableKeys_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("error");
    const QString badB64 = u"member \"%1\" is not valid base64url"_s;
    QTest::newRow("no kty") << with(rfcRsaKey(), u"kty"_s, Removed) << u"member \"kty\" is missing or not a string"_s;
    QTest::newRow("symmetric key") << QJsonObject{{u"kty"_s, u"oct"_s}, {u"k"_s, u"c2VjcmV0"_s}}
                                   << u"key type \"oct\" is not supported (supported: RSA, EC)"_s;
    QTest::newRow("OKP (Ed25519)") << QJsonObject{{u"kty"_s, u"OKP"_s}, {u"crv"_s, u"Ed25519"_s}, {u"x"_s, u"AAAA"_s}}
                                   << u"key type \"OKP\" is not supported (supported: RSA, EC)"_s;
    QTest::newRow("kty with control characters")
        << QJsonObject{{u"kty"_s, u"R\nS\"A"_s}} << u"key type \"R?S?A\" is not supported (supported: RSA, EC)"_s;
    QTest::newRow("use enc") << with(rfcRsaKey(), u"use"_s, u"enc"_s) << u"\"use\" is \"enc\", not \"sig\""_s;
    QTest::newRow("use not a string") << with(rfcRsaKey(), u"use"_s, 1) << u"\"use\" is not a string, not \"sig\""_s;
    QTest::newRow("key_ops without verify")
        << with(rfcRsaKey(), u"key_ops"_s, QJsonArray{u"encrypt"_s}) << u"\"key_ops\" does not allow \"verify\""_s;
    QTest::newRow("kid not a string") << with(rfcRsaKey(), u"kid"_s, 42) << u"member \"kid\" is not a string"_s;
    QTest::newRow("private key material")
        << with(rfcRsaKey(), u"d"_s, u"AQAB"_s)
        << u"it contains private key material (\"d\"); a JWKS must publish public keys only"_s;
    QTest::newRow("alg HS256")
        << with(rfcRsaKey(), u"alg"_s, u"HS256"_s)
        << u"algorithm HS256 is not supported (supported: RS256, RS384, RS512, PS256, ES256, ES384)"_s;
    QTest::newRow("alg PS384")
        << with(rfcRsaKey(), u"alg"_s, u"PS384"_s)
        << u"algorithm PS384 is not supported (supported: RS256, RS384, RS512, PS256, ES256, ES384)"_s;
    QTest::newRow("alg ES256 on an RSA key")
        << with(rfcRsaKey(), u"alg"_s, u"ES256"_s) << u"algorithm ES256 does not fit an RSA key"_s;
    QTest::newRow("alg RS256 on an EC key")
        << with(m_ec256, u"alg"_s, u"RS256"_s) << u"algorithm RS256 does not fit curve P-256"_s;
    QTest::newRow("alg ES384 on P-256") << with(m_ec256, u"alg"_s, u"ES384"_s)
                                        << u"algorithm ES384 does not fit curve P-256"_s;
    QTest::newRow("RSA without n") << with(rfcRsaKey(), u"n"_s, Removed) << u"member \"n\" is missing"_s;
    QTest::newRow("RSA n not a string") << with(rfcRsaKey(), u"n"_s, 5) << u"member \"n\" is not a string"_s;
    QTest::newRow("RSA n with padding") << with(rfcRsaKey(), u"n"_s, QString(RfcModulus + u"=="_s))
                                        << badB64.arg(u"n"_s);
    QTest::newRow("RSA e empty") << with(rfcRsaKey(), u"e"_s, QString()) << badB64.arg(u"e"_s);
    QTest::newRow("RSA 1032 bits") << with(rfcRsaKey(), u"n"_s, RfcModulus.left(172))
                                   << u"the RSA key has 1032 bits; at least 2048 are required"_s;
    QTest::newRow("EC P-521") << with(m_ec256, u"crv"_s, u"P-521"_s)
                              << u"curve \"P-521\" is not supported (supported: P-256, P-384)"_s;
    QTest::newRow("EC secp256k1") << with(m_ec256, u"crv"_s, u"secp256k1"_s)
                                  << u"curve \"secp256k1\" is not supported (supported: P-256, P-384)"_s;
    QTest::newRow("EC without y") << with(m_ec256, u"y"_s, Removed) << u"member \"y\" is missing"_s;
    QTest::newRow("EC x of the wrong size")
        << with(m_ec256, u"x"_s, m_ec384.value(u"x"_s)) << u"coordinates of a P-256 key must be 32 bytes each"_s;
    QTest::newRow("EC P-256 coordinates on P-384")
        << with(m_ec384, u"crv"_s, u"P-256"_s) << u"coordinates of a P-256 key must be 32 bytes each"_s;
}

void TestJwkSet::refusesUnusableKeys()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!Jwk::fromJson(json, &actual));
    QCOMPARE(actual, error);
}

void TestJwkSet::refusesPointNotOnCurve()
{
    // y of another point: the coordinates parse but do not lie on the curve (an invalid-curve attack input).
    QString error;
    QVERIFY(!Jwk::fromJson(with(m_ec256, u"y"_s, m_ec256.value(u"x"_s)), &error));
    QVERIFY2(error.startsWith(u"the public key is not valid ("_s), qPrintable(error));
}

void TestJwkSet::judgesAnRsaModulusTheSameEveryTime()
{
    // Found by the jwks fuzz target: an odd 2048-bit modulus that is not a product of two primes (one byte of a real
    // key changed). OpenSSL's public-key check tests it with Miller-Rabin on random bases, so the same JWKS had this
    // key refused on some reads and accepted on others. A key set must read the same every time.
    const QString modulus =
        u"zg-fjp7ioBwu8ukFh_Gkm04H2wkQf84CzRu9Gj2_w19ezHuJ2rorG1rBrnPbcKg-5rOLZLoaLM5bn265JhVFQNEHzBvCa0gZ2F8T"
        u"PnE6VId-09eiSni7727u6UuyePFWUpZZKWMAhSR4bkWcsk4aSiVkVQilE7orhggaPP9HXJI46EFkoF1i1G7c3bnanPa6TDK06Od_"
        u"Nk0z7sc8H_4yl-X4aNaslG6YSSLmCBU0JDdneirzPef0KEpH3XbHBzB0uC0SFlQOzoINcTapIa-__bQyUGo8raVA6-a2rX6mE5Ur"
        u"3pztrExW0yQ2DnDON74quYzECUT559DP_SIGkYWS2Q"_s;
    const QJsonObject json{{u"kty"_s, u"RSA"_s}, {u"kid"_s, u"rs-1"_s}, {u"n"_s, modulus}, {u"e"_s, u"AQAB"_s}};
    for (int i = 0; i < 2000; ++i) {
        QString error;
        QVERIFY2(Jwk::fromJson(json, &error), qPrintable(u"read %1: "_s.arg(i + 1) + error));
    }
}

void TestJwkSet::refusesEvenRsaModulusAndBadExponent()
{
    const QString modulus = rfcRsaKey().value(u"n"_s).toString();
    QByteArray even = *Base64Url::decode(modulus.toLatin1());
    even[even.size() - 1] = char(even.at(even.size() - 1) & 0xFE);
    QString error;
    QVERIFY(!Jwk::fromJson(with(rfcRsaKey(), u"n"_s, QString::fromLatin1(Base64Url::encode(even))), &error));
    QCOMPARE(error, u"the public key is not valid (the RSA modulus is even)"_s);
    const QString badExponent =
        u"the public key is not valid (the RSA exponent must be odd, at least 3 and smaller than the modulus)"_s;
    for (const char *e : {"AQ", "AQAA", "Ag"}) { // 1, 65536, 2
        QVERIFY(!Jwk::fromJson(with(rfcRsaKey(), u"e"_s, QString::fromLatin1(e)), &error));
        QCOMPARE(error, badExponent);
    }
    QVERIFY(!Jwk::fromJson(with(rfcRsaKey(), u"e"_s, modulus), &error));
    QCOMPARE(error, badExponent);
}

void TestJwkSet::setKeepsReasonsForSkippedKeys()
{
    const QJsonArray keys{rfcRsaKey(), with(rfcRsaKey(), u"use"_s, u"enc"_s), u"not an object"_s,
                          with(with(m_ec256, u"kid"_s, Removed), u"crv"_s, u"P-521"_s), m_ec256};
    const JwkSet set = JwkSet::fromJson(QJsonDocument(QJsonObject{{u"keys"_s, keys}}).toJson());
    QCOMPARE(set.error(), QString());
    QCOMPARE(set.keys().size(), 2);
    QCOMPARE(set.skippedKeys(),
             QStringList({u"key \"2011-04-29\": \"use\" is \"enc\", not \"sig\""_s, u"key #2: not a JSON object"_s,
                          u"key #3: curve \"P-521\" is not supported (supported: P-256, P-384)"_s}));
    QCOMPARE(set.keysWithId(u"2011-04-29"_s).size(), 1);
    QCOMPARE(set.keysWithId(u"ec"_s).first().algorithm(), JwsAlgorithm::ES256);
    QVERIFY(set.keysWithId(u"EC"_s).isEmpty());
}

void TestJwkSet::setRejectsBadDocuments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("<html>")
                              << u"JWKS document is not valid JSON (illegal value at offset 1)"_s;
    QTest::newRow("no keys") << QByteArray(R"({"jwks_uri":"x"})") << u"JWKS document has no \"keys\" array"_s;
    QTest::newRow("keys not an array") << QByteArray(R"({"keys":{}})") << u"JWKS document has no \"keys\" array"_s;
    QTest::newRow("array document") << QByteArray(R"([{"keys":[]}])") << u"JWKS document has no \"keys\" array"_s;
    QTest::newRow("too large") << QByteArray(300 * 1024, ' ')
                               << u"JWKS document is 307200 bytes, larger than the limit of 262144 bytes"_s;
}

void TestJwkSet::setRejectsBadDocuments()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, error);
    const JwkSet set = JwkSet::fromJson(document);
    QVERIFY(set.isEmpty());
    QCOMPARE(set.error(), error);
}

void TestJwkSet::exportsPublicMembersOnly()
{
    const auto key = SigningKey::generate(JwsAlgorithm::RS256, u"k1"_s);
    QVERIFY(key);
    const JwkSet set({key->publicKey()});
    const QJsonObject jwks = QJsonDocument::fromJson(set.toJson()).object();
    const QJsonObject jwk = jwks.value(u"keys"_s).toArray().first().toObject();
    QStringList members = jwk.keys();
    QCOMPARE(members, QStringList({u"alg"_s, u"e"_s, u"kid"_s, u"kty"_s, u"n"_s, u"use"_s}));
    const JwkSet again = JwkSet::fromJson(set.toJson());
    QCOMPARE(again.keys().size(), 1);
    QCOMPARE(again.keys().first().thumbprint(), key->publicKey().thumbprint());
}

QTEST_GUILESS_MAIN(TestJwkSet)
#include "tst_jwkset.moc"
