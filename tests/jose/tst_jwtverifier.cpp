// SPDX-License-Identifier: GPL-3.0-or-later
// The rejection table (RFC 8725 attacks and claim checks) and the positive cases for every allow-listed
// algorithm, all through verifyJwt with tokens signed at test time.
#include "jose/base64url.h"
#include "jose/jwtverifier.h"
#include "jose/signingkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(gw::JoseReason)

namespace {

const QString Issuer = QStringLiteral("http://127.0.0.1:5557");
const QString Audience = QStringLiteral("gatewright-demo-gateway");
const QDateTime Now(QDate(2026, 11, 28), QTime(8, 0), Qt::UTC);
const qint64 NowSeconds = Now.toSecsSinceEpoch();
const QJsonValue Removed(QJsonValue::Undefined);

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray b64(const QByteArray &bytes)
{
    return Base64Url::encode(bytes);
}

QJsonObject goodClaims()
{
    return {{QStringLiteral("iss"), Issuer},
            {QStringLiteral("aud"), Audience},
            {QStringLiteral("sub"), QStringLiteral("demo-client")},
            {QStringLiteral("client_id"), QStringLiteral("demo-client")},
            {QStringLiteral("scope"), QStringLiteral("orders:read orders:write")},
            {QStringLiteral("iat"), NowSeconds - 10},
            {QStringLiteral("nbf"), NowSeconds - 10},
            {QStringLiteral("exp"), NowSeconds + 300}};
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

QByteArray replaceSignature(const QByteArray &token, const QByteArray &signature)
{
    return token.left(token.lastIndexOf('.') + 1) + b64(signature);
}

QByteArray signatureOf(const QByteArray &token)
{
    return *Base64Url::decode(token.mid(token.lastIndexOf('.') + 1));
}

} // namespace

class TestJwtVerifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rejects_data();
    void rejects();
    void accepts_data();
    void accepts();
    void decodedTokenIsKeptForDisplayButNotVerified();
    void policyAllowListExcludesKeyAlgorithm();
    void tokenWithoutKidAgainstSeveralKeys();
    void signatureOkButClaimsFailIsNotVerified();

private:
    QByteArray signWith(const SigningKey &key, const QJsonObject &header, const QJsonObject &claims) const;
    std::optional<SigningKey> m_rs256;
    std::optional<SigningKey> m_rs384;
    std::optional<SigningKey> m_rs512;
    std::optional<SigningKey> m_ps256;
    std::optional<SigningKey> m_es256;
    std::optional<SigningKey> m_es384;
    std::optional<SigningKey> m_attacker;
    JwkSet m_keys;
    VerifyPolicy m_verifyPolicy;
    ClaimPolicy m_claimPolicy;
};

void TestJwtVerifier::initTestCase()
{
    m_rs256 = SigningKey::generate(JwsAlgorithm::RS256, QStringLiteral("main"));
    m_rs384 = SigningKey::generate(JwsAlgorithm::RS384, QStringLiteral("rs384"));
    m_rs512 = SigningKey::generate(JwsAlgorithm::RS512, QStringLiteral("rs512"));
    m_ps256 = SigningKey::generate(JwsAlgorithm::PS256, QStringLiteral("ps256"));
    m_es256 = SigningKey::generate(JwsAlgorithm::ES256, QStringLiteral("es256"));
    m_es384 = SigningKey::generate(JwsAlgorithm::ES384, QStringLiteral("es384"));
    m_attacker = SigningKey::generate(JwsAlgorithm::RS256, QStringLiteral("rogue"));
    QVERIFY(m_rs256 && m_rs384 && m_rs512 && m_ps256 && m_es256 && m_es384 && m_attacker);
    for (const auto *key : {&m_rs256, &m_rs384, &m_rs512, &m_ps256, &m_es256, &m_es384})
        m_keys.add((*key)->publicKey());
    m_verifyPolicy.requiredType = QStringLiteral("at+jwt");
    m_claimPolicy.issuer = Issuer;
    m_claimPolicy.audience = Audience;
    m_claimPolicy.requiredScopes = {QStringLiteral("orders:read")};
}

QByteArray TestJwtVerifier::signWith(const SigningKey &key, const QJsonObject &header, const QJsonObject &claims) const
{
    return key.signRaw(json(header), json(claims));
}

void TestJwtVerifier::rejects_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<JoseReason>("reason");
    QTest::addColumn<QString>("message");

    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), QStringLiteral("main")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const QJsonObject claims = goodClaims();
    const auto rs256 = [&](const QJsonObject &h, const QJsonObject &c) { return signWith(*m_rs256, h, c); };
    const QByteArray good = rs256(header, claims);
    const QByteArray goodEs256 =
        signWith(*m_es256, with(with(header, u"alg"_s, u"ES256"_s), u"kid"_s, u"es256"_s), claims);
    const QByteArray goodEs384 =
        signWith(*m_es384, with(with(header, u"alg"_s, u"ES384"_s), u"kid"_s, u"es384"_s), claims);

    // Algorithm confusion (RFC 8725 §2.1)
    QTest::newRow("alg none, empty signature")
        << QByteArray(b64(json(with(header, u"alg"_s, u"none"_s))) + '.' + b64(json(claims)) + '.')
        << JoseReason::AlgorithmNone << u"algorithm \"none\" (an unsigned token) is never accepted"_s;
    QTest::newRow("alg None (any case), real signature")
        << replaceSignature(b64(json(with(header, u"alg"_s, u"None"_s))) + '.' + b64(json(claims)) + ".x",
                            signatureOf(good))
        << JoseReason::AlgorithmNone << u"algorithm \"none\" (an unsigned token) is never accepted"_s;
    {
        // The classic forgery: HMAC keyed with the verifier's own RSA public key (PEM and JWK forms).
        const QByteArray input = b64(json(with(header, u"alg"_s, u"HS256"_s))) + '.' + b64(json(claims));
        const QByteArray pemMac =
            QMessageAuthenticationCode::hash(input, m_rs256->publicKey().toPem(), QCryptographicHash::Sha256);
        const QByteArray jwkMac =
            QMessageAuthenticationCode::hash(input, json(m_rs256->publicKey().toJson()), QCryptographicHash::Sha256);
        const QString message =
            u"algorithm \"HS256\" (HMAC) is never accepted: the trusted keys are public keys, and HMAC "
            u"keyed with a public key is a forgery (RFC 8725 §2.1)"_s;
        QTest::newRow("HS256 signed with the RSA public key (PEM)")
            << QByteArray(input + '.' + b64(pemMac)) << JoseReason::AlgorithmNotAllowed << message;
        QTest::newRow("HS256 signed with the RSA public key (JWK)")
            << QByteArray(input + '.' + b64(jwkMac)) << JoseReason::AlgorithmNotAllowed << message;
    }
    QTest::newRow("alg ES512 (not allow-listed)")
        << rs256(with(header, u"alg"_s, u"ES512"_s), claims) << JoseReason::AlgorithmNotAllowed
        << u"algorithm \"ES512\" is not allowed (allowed: RS256, RS384, RS512, PS256, ES256, ES384)"_s;
    QTest::newRow("alg missing") << rs256(with(header, u"alg"_s, Removed), claims) << JoseReason::AlgorithmMissing
                                 << u"header has no \"alg\" (algorithm)"_s;
    QTest::newRow("alg RS384 on the RS256 key")
        << signWith(*m_rs384, with(header, u"alg"_s, u"RS384"_s), claims) << JoseReason::AlgorithmKeyMismatch
        << u"token algorithm RS384 does not match the key: \"main\" is bound to RS256"_s;
    QTest::newRow("alg PS256 on the RS256 key (same RSA key, other padding)")
        << rs256(with(header, u"alg"_s, u"PS256"_s), claims) << JoseReason::AlgorithmKeyMismatch
        << u"token algorithm PS256 does not match the key: \"main\" is bound to RS256"_s;

    // Keys come from our JWKS only (RFC 8725 §3.10)
    QTest::newRow("unknown kid") << signWith(*m_attacker, with(header, u"kid"_s, u"rogue"_s), claims)
                                 << JoseReason::KeyNotFound
                                 << u"no key with kid \"rogue\" in the key set (known: \"main\", \"rs384\", \"rs512\", "
                                    u"\"ps256\", \"es256\", \"es384\")"_s;
    QTest::newRow("our kid, attacker's key") << signWith(*m_attacker, header, claims) << JoseReason::SignatureInvalid
                                             << u"signature does not verify with RS256 key \"main\""_s;
    QTest::newRow("jwk header carrying the attacker key, no kid")
        << signWith(*m_attacker, with(with(header, u"kid"_s, Removed), u"jwk"_s, m_attacker->publicKey().toJson()),
                    claims)
        << JoseReason::SignatureInvalid << u"signature does not verify with RS256 key \"main\""_s;
    QTest::newRow("jwk header carrying the attacker key and its kid")
        << signWith(*m_attacker, with(with(header, u"kid"_s, u"rogue"_s), u"jwk"_s, m_attacker->publicKey().toJson()),
                    claims)
        << JoseReason::KeyNotFound
        << u"no key with kid \"rogue\" in the key set (known: \"main\", \"rs384\", \"rs512\", \"ps256\", \"es256\", \"es384\")"_s;
    QTest::newRow("jku pointing at the attacker's JWKS")
        << signWith(*m_attacker, with(with(header, u"kid"_s, u"rogue"_s), u"jku"_s, u"http://127.0.0.1:9/jwks"_s),
                    claims)
        << JoseReason::KeyNotFound
        << u"no key with kid \"rogue\" in the key set (known: \"main\", \"rs384\", \"rs512\", \"ps256\", \"es256\", \"es384\")"_s;
    QTest::newRow("x5u and x5c with the attacker's key, our kid")
        << signWith(*m_attacker,
                    with(with(header, u"x5u"_s, u"http://127.0.0.1:9/cert.pem"_s), u"x5c"_s,
                         QJsonArray{QString::fromLatin1(m_attacker->publicKey().toPem())}),
                    claims)
        << JoseReason::SignatureInvalid << u"signature does not verify with RS256 key \"main\""_s;
    QTest::newRow("kid with a quote and CRLF is shown defused")
        << signWith(*m_attacker, with(header, u"kid"_s, u"a\"\r\nX-Injected: 1\\"_s), claims) << JoseReason::KeyNotFound
        << u"no key with kid \"a???X-Injected: 1?\" in the key set (known: \"main\", \"rs384\", \"rs512\", \"ps256\", "
           u"\"es256\", \"es384\")"_s;
    QTest::newRow("very long kid is cut")
        << signWith(*m_attacker, with(header, u"kid"_s, QString(100, u'k')), claims) << JoseReason::KeyNotFound
        << u"no key with kid \"%1...\" in the key set (known: \"main\", \"rs384\", \"rs512\", \"ps256\", \"es256\", "
           u"\"es384\")"_s.arg(QString(64, u'k'));
    QTest::newRow("kid not a string") << rs256(with(header, u"kid"_s, 7), claims) << JoseReason::InvalidHeader
                                      << u"header \"kid\" is not a string"_s;

    // Header rules
    QTest::newRow("unknown crit header")
        << rs256(with(with(header, u"crit"_s, QJsonArray{u"exp"_s}), u"exp"_s, NowSeconds + 300), claims)
        << JoseReason::UnsupportedCritical << u"critical header parameter \"exp\" is not supported"_s;
    QTest::newRow("crit not an array") << rs256(with(header, u"crit"_s, u"b64"_s), claims)
                                       << JoseReason::UnsupportedCritical
                                       << u"header \"crit\" is not a list of parameter names"_s;
    QTest::newRow("typ missing when required")
        << rs256(with(header, u"typ"_s, Removed), claims) << JoseReason::TypeMismatch
        << u"header has no \"typ\"; at+jwt is required"_s;
    QTest::newRow("typ JWT (an ID token) when at+jwt required")
        << rs256(with(header, u"typ"_s, u"JWT"_s), claims) << JoseReason::TypeMismatch
        << u"header \"typ\" is \"JWT\"; at+jwt is required"_s;

    // Signature bytes
    QTest::newRow("truncated signature (RS256, 3 bytes short)")
        << replaceSignature(good, signatureOf(good).chopped(3)) << JoseReason::SignatureLength
        << u"signature is 253 bytes; RS256 with the 2048-bit key \"main\" needs 256"_s;
    QTest::newRow("empty signature") << replaceSignature(good, {}) << JoseReason::SignatureLength
                                     << u"signature is 0 bytes; RS256 with the 2048-bit key \"main\" needs 256"_s;
    {
        QByteArray flipped = signatureOf(good);
        flipped[100] = char(flipped.at(100) ^ 0x01);
        QTest::newRow("one signature bit flipped") << replaceSignature(good, flipped) << JoseReason::SignatureInvalid
                                                   << u"signature does not verify with RS256 key \"main\""_s;
    }
    QTest::newRow("ECDSA signature too long (ES256, 72 bytes)")
        << replaceSignature(goodEs256, signatureOf(goodEs256) + QByteArray(8, '\0')) << JoseReason::SignatureLength
        << u"signature is 72 bytes; ES256 needs 64 (R || S, RFC 7518 §3.4)"_s;
    QTest::newRow("ECDSA signature of the other curve size (ES384 with 64 bytes)")
        << replaceSignature(goodEs384, signatureOf(goodEs384).left(64)) << JoseReason::SignatureLength
        << u"signature is 64 bytes; ES384 needs 96 (R || S, RFC 7518 §3.4)"_s;
    {
        // R and S swapped: right length, wrong value.
        const QByteArray sig = signatureOf(goodEs256);
        QTest::newRow("ECDSA R and S swapped")
            << replaceSignature(goodEs256, sig.mid(32) + sig.left(32)) << JoseReason::SignatureInvalid
            << u"signature does not verify with ES256 key \"es256\""_s;
        QTest::newRow("ECDSA all-zero signature")
            << replaceSignature(goodEs256, QByteArray(64, '\0')) << JoseReason::SignatureInvalid
            << u"signature does not verify with ES256 key \"es256\""_s;
    }
    {
        // Payload swapped after signing.
        const QByteArray other = b64(json(with(claims, u"scope"_s, u"orders:read orders:write customers:read"_s)));
        const auto parts = good.split('.');
        QTest::newRow("payload changed after signing")
            << QByteArray(parts[0] + '.' + other + '.' + parts[2]) << JoseReason::SignatureInvalid
            << u"signature does not verify with RS256 key \"main\""_s;
    }

    // Compact serialization syntax (RFC 8725 §3.7)
    const QString badBase64 = u" segment is not valid base64url (RFC 7515 §2: no padding, no + or /)"_s;
    {
        const auto parts = good.split('.');
        QTest::newRow("bad base64: padding on the header") << QByteArray(parts[0] + "==." + parts[1] + '.' + parts[2])
                                                           << JoseReason::InvalidBase64Url << u"header"_s + badBase64;
        QTest::newRow("bad base64: + in the payload")
            << QByteArray(parts[0] + '.' + parts[1].left(10) + '+' + parts[1].mid(11) + '.' + parts[2])
            << JoseReason::InvalidBase64Url << u"payload"_s + badBase64;
        QTest::newRow("bad base64: / in the signature")
            << QByteArray(parts[0] + '.' + parts[1] + '.' + parts[2].left(20) + '/' + parts[2].mid(21))
            << JoseReason::InvalidBase64Url << u"signature"_s + badBase64;
        QTest::newRow("bad base64: whitespace") << QByteArray(parts[0] + '.' + parts[1] + ".\n" + parts[2])
                                                << JoseReason::InvalidBase64Url << u"signature"_s + badBase64;
        // 256 bytes encode to 342 characters + 2 unused bits; setting them gives another string for the same bytes.
        QByteArray sig = parts[2];
        const char last = sig.back();
        sig.back() = char(last == 'A' ? 'B' : last == 'Q' ? 'R' : last == 'g' ? 'h' : 'x');
        QTest::newRow("bad base64: non-zero unused bits (malleable signature)")
            << QByteArray(parts[0] + '.' + parts[1] + '.' + sig) << JoseReason::InvalidBase64Url
            << u"signature"_s + badBase64;
        QTest::newRow("2 segments")
            << QByteArray(parts[0] + '.' + parts[1]) << JoseReason::MalformedToken
            << u"token has 2 segment(s); a signed JWT has exactly 3 (header.payload.signature)"_s;
        QTest::newRow("4 segments")
            << QByteArray(good + '.' + parts[2]) << JoseReason::MalformedToken
            << u"token has 4 segment(s); a signed JWT has exactly 3 (header.payload.signature)"_s;
        QTest::newRow("5 segments (JWE)")
            << QByteArray(b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".AAAA.AAAA.AAAA.AAAA")
            << JoseReason::EncryptedTokenUnsupported
            << u"JWE (encrypted) tokens are not supported: the token has 5 segments"_s;
        QTest::newRow("empty token")
            << QByteArray() << JoseReason::MalformedToken
            << u"token has 1 segment(s); a signed JWT has exactly 3 (header.payload.signature)"_s;
        QTest::newRow("header not JSON") << QByteArray(b64("RS256") + '.' + parts[1] + '.' + parts[2])
                                         << JoseReason::InvalidHeader << u"header is not a JSON object"_s;
        QTest::newRow("header a JSON array") << QByteArray(b64(R"(["RS256"])") + '.' + parts[1] + '.' + parts[2])
                                             << JoseReason::InvalidHeader << u"header is not a JSON object"_s;
        QTest::newRow("payload not JSON")
            << signWith(*m_rs256, header, {}).split('.')[0] + '.' + b64("hello") + '.' + parts[2]
            << JoseReason::InvalidPayload << u"payload is not a JSON object (a JWT claims set)"_s;
    }
    QTest::newRow("duplicate alg in the header (\\u-escaped)")
        << m_rs256->signRaw(R"({"alg":"RS256","kid":"main","typ":"at+jwt","\u0061lg":"none"})", json(claims))
        << JoseReason::InvalidHeader << u"header has a duplicate member name"_s;
    QTest::newRow("duplicate sub claim") << m_rs256->signRaw(json(header),
                                                             json(claims).chopped(1) + R"(,"sub":"admin"})")
                                         << JoseReason::InvalidPayload << u"payload has a duplicate claim name"_s;
    {
        const QByteArray large = rs256(header, with(claims, u"padding"_s, QString(16 * 1024, u'x')));
        QTest::newRow("oversized (over 16 KiB)")
            << large << JoseReason::TokenTooLarge
            << u"token is %1 bytes, larger than the limit of 16384 bytes"_s.arg(large.size());
    }

    // Claims (RFC 7519 §4.1, RFC 9068 §2.2)
    QTest::newRow("wrong iss")
        << rs256(header, with(claims, u"iss"_s, u"http://127.0.0.1:5557/"_s)) << JoseReason::IssuerMismatch
        << u"issuer mismatch: expected http://127.0.0.1:5557, token has http://127.0.0.1:5557/"_s;
    QTest::newRow("iss with CRLF is shown defused")
        << rs256(header, with(claims, u"iss"_s, u"evil\r\nSet-Cookie: x"_s)) << JoseReason::IssuerMismatch
        << u"issuer mismatch: expected http://127.0.0.1:5557, token has evil??Set-Cookie: x"_s;
    QTest::newRow("iss missing") << rs256(header, with(claims, u"iss"_s, Removed)) << JoseReason::IssuerMismatch
                                 << u"issuer mismatch: expected http://127.0.0.1:5557, token has no iss"_s;
    QTest::newRow("wrong aud") << rs256(header, with(claims, u"aud"_s, u"other-api"_s)) << JoseReason::AudienceMismatch
                               << u"audience mismatch: expected gatewright-demo-gateway, token has other-api"_s;
    QTest::newRow("aud array without ours")
        << rs256(header, with(claims, u"aud"_s, QJsonArray{u"a"_s, u"b"_s})) << JoseReason::AudienceMismatch
        << u"audience mismatch: expected gatewright-demo-gateway, token has [a, b]"_s;
    QTest::newRow("aud missing") << rs256(header, with(claims, u"aud"_s, Removed)) << JoseReason::AudienceMismatch
                                 << u"audience mismatch: expected gatewright-demo-gateway, token has no aud"_s;
    QTest::newRow("expired (61 s ago, leeway 60 s)")
        << rs256(header, with(with(claims, u"exp"_s, NowSeconds - 61), u"iat"_s, NowSeconds - 400))
        << JoseReason::Expired << u"token expired at 2026-11-28T07:58:59Z (leeway 60 s)"_s;
    QTest::newRow("expired long ago") << rs256(header, with(claims, u"exp"_s, NowSeconds - 3600)) << JoseReason::Expired
                                      << u"token expired at 2026-11-28T07:00:00Z (leeway 60 s)"_s;
    QTest::newRow("nbf in the future") << rs256(header, with(claims, u"nbf"_s, NowSeconds + 120))
                                       << JoseReason::NotYetValid
                                       << u"token not valid before 2026-11-28T08:02:00Z (leeway 60 s)"_s;
    QTest::newRow("iat far in the future")
        << rs256(header, with(claims, u"iat"_s, NowSeconds + 86400)) << JoseReason::IssuedInFuture
        << u"token issued in the future at 2026-11-29T08:00:00Z (leeway 60 s)"_s;
    QTest::newRow("missing exp") << rs256(header, with(claims, u"exp"_s, Removed)) << JoseReason::ExpirationMissing
                                 << u"token has no exp (expiry) claim; access tokens must expire (RFC 9068 §2.2)"_s;
    QTest::newRow("non-numeric exp") << rs256(header, with(claims, u"exp"_s, QString::number(NowSeconds + 300)))
                                     << JoseReason::ClaimNotNumeric
                                     << u"claim exp is not a number (a NumericDate, RFC 7519 §2)"_s;
    QTest::newRow("non-numeric nbf") << rs256(header, with(claims, u"nbf"_s, true)) << JoseReason::ClaimNotNumeric
                                     << u"claim nbf is not a number (a NumericDate, RFC 7519 §2)"_s;
    QTest::newRow("missing scope") << rs256(header, with(claims, u"scope"_s, u"customers:read"_s))
                                   << JoseReason::ScopeMissing
                                   << u"missing required scope orders:read (token has: customers:read)"_s;
    QTest::newRow("no scope at all") << rs256(header, with(claims, u"scope"_s, Removed)) << JoseReason::ScopeMissing
                                     << u"missing required scope orders:read (token has: no scope)"_s;
    QTest::newRow("scope prefix is not the scope")
        << rs256(header, with(claims, u"scope"_s, u"orders:readonly"_s)) << JoseReason::ScopeMissing
        << u"missing required scope orders:read (token has: orders:readonly)"_s;
}

void TestJwtVerifier::rejects()
{
    QFETCH(QByteArray, token);
    QFETCH(JoseReason, reason);
    QFETCH(QString, message);

    const JwtResult result = verifyJwt(token, m_keys, m_verifyPolicy, m_claimPolicy, Now);
    QVERIFY(!result.ok());
    QVERIFY(!result.jwt);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().message, message);
    QCOMPARE(result.errors.first().reason, reason);
}

void TestJwtVerifier::accepts_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<QString>("keyId");

    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const QJsonObject claims = goodClaims();
    for (const auto *key : {&m_rs256, &m_rs384, &m_rs512, &m_ps256, &m_es256, &m_es384}) {
        const SigningKey &k = **key;
        QTest::addRow("%s", qPrintable(JwsAlgorithms::name(k.algorithm())))
            << k.sign(header, claims) << k.algorithm() << k.keyId();
    }
    const QJsonObject rs{{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"main"_s}, {u"typ"_s, u"at+jwt"_s}};
    QTest::newRow("jku, x5u, jwk, x5c present and ignored")
        << signWith(
               *m_rs256,
               with(with(with(with(rs, u"jku"_s, u"http://127.0.0.1:9/jwks"_s), u"x5u"_s, u"http://127.0.0.1:9/x"_s),
                         u"jwk"_s, m_attacker->publicKey().toJson()),
                    u"x5c"_s, QJsonArray{u"MIIB"_s}),
               claims)
        << JwsAlgorithm::RS256 << u"main"_s;
    QTest::newRow("no kid, one key bound to the algorithm")
        << signWith(*m_ps256, with(with(rs, u"kid"_s, Removed), u"alg"_s, u"PS256"_s), claims) << JwsAlgorithm::PS256
        << u"ps256"_s;
    QTest::newRow("typ application/at+jwt, upper case")
        << signWith(*m_rs256, with(rs, u"typ"_s, u"Application/AT+JWT"_s), claims) << JwsAlgorithm::RS256 << u"main"_s;
    QTest::newRow("aud array with ours, scp array")
        << signWith(*m_rs256, rs,
                    with(with(with(claims, u"aud"_s, QJsonArray{u"x"_s, Audience}), u"scope"_s, Removed), u"scp"_s,
                         QJsonArray{u"orders:read"_s}))
        << JwsAlgorithm::RS256 << u"main"_s;
    QTest::newRow("expired 59 s ago, within leeway")
        << signWith(*m_rs256, rs, with(claims, u"exp"_s, NowSeconds - 59)) << JwsAlgorithm::RS256 << u"main"_s;
    QTest::newRow("nbf 60 s ahead, within leeway")
        << signWith(*m_rs256, rs, with(claims, u"nbf"_s, NowSeconds + 60)) << JwsAlgorithm::RS256 << u"main"_s;
    QTest::newRow("fractional NumericDates")
        << signWith(*m_rs256, rs, with(with(claims, u"exp"_s, NowSeconds + 0.5), u"iat"_s, NowSeconds - 0.25))
        << JwsAlgorithm::RS256 << u"main"_s;
}

void TestJwtVerifier::accepts()
{
    QFETCH(QByteArray, token);
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(QString, keyId);

    const JwtResult result = verifyJwt(token, m_keys, m_verifyPolicy, m_claimPolicy, Now);
    QCOMPARE(result.errors, QList<JoseError>());
    QVERIFY(result.ok());
    QVERIFY(result.signatureVerified);
    QCOMPARE(result.jwt->algorithm(), algorithm);
    QCOMPARE(result.jwt->key().keyId(), keyId);
    QCOMPARE(result.jwt->claims().value(u"sub"_s).toString(), u"demo-client"_s);
}

void TestJwtVerifier::decodedTokenIsKeptForDisplayButNotVerified()
{
    const QByteArray forged =
        signWith(*m_attacker, {{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"main"_s}, {u"typ"_s, u"at+jwt"_s}}, goodClaims());
    const VerifyResult result = verifyJws(forged, m_keys, m_verifyPolicy);
    QVERIFY(!result.ok());
    QVERIFY(result.decoded);
    QCOMPARE(result.decoded->claims().value(u"iss"_s).toString(), Issuer);
    QCOMPARE(result.decoded->keyId(), u"main"_s);
    QCOMPARE(result.error.code(), u"signature-invalid"_s);
}

void TestJwtVerifier::policyAllowListExcludesKeyAlgorithm()
{
    VerifyPolicy policy;
    policy.allowedAlgorithms = {JwsAlgorithm::RS256};
    const QByteArray token = m_es256->sign({}, goodClaims());
    const VerifyResult result = verifyJws(token, m_keys, policy);
    QCOMPARE(result.error.reason, JoseReason::AlgorithmNotAllowed);
    QCOMPARE(result.error.message, u"algorithm \"ES256\" is not allowed (allowed: RS256)"_s);
    QVERIFY(verifyJws(m_rs256->sign({}, goodClaims()), m_keys, policy).ok());
}

void TestJwtVerifier::tokenWithoutKidAgainstSeveralKeys()
{
    // Two RS256 keys (a rotation in progress) and a token without kid: each key bound to RS256 is tried.
    const auto next = SigningKey::generate(JwsAlgorithm::RS256, u"next"_s);
    QVERIFY(next);
    JwkSet keys({m_rs256->publicKey(), next->publicKey()});
    const QByteArray token = next->signRaw(R"({"alg":"RS256"})", json(goodClaims()));
    const VerifyResult ok = verifyJws(token, keys);
    QVERIFY(ok.ok());
    QCOMPARE(ok.jwt->key().keyId(), u"next"_s);

    const QByteArray forged = m_attacker->signRaw(R"({"alg":"RS256"})", json(goodClaims()));
    const VerifyResult bad = verifyJws(forged, keys);
    QCOMPARE(bad.error.reason, JoseReason::SignatureInvalid);
    QCOMPARE(bad.error.message, u"signature does not verify with any of the 2 RS256 keys"_s);

    QCOMPARE(verifyJws(token, JwkSet()).error.message,
             u"the key set is empty: there is no key to verify the token with"_s);
}

void TestJwtVerifier::signatureOkButClaimsFailIsNotVerified()
{
    const QByteArray token = m_rs256->sign({{u"typ"_s, u"at+jwt"_s}},
                                           with(with(goodClaims(), u"exp"_s, NowSeconds - 3600), u"aud"_s, u"x"_s));
    const JwtResult result = verifyJwt(token, m_keys, m_verifyPolicy, m_claimPolicy, Now);
    QVERIFY(result.signatureVerified);
    QVERIFY(!result.ok());
    QVERIFY(!result.jwt);
    QVERIFY(result.decoded);
    QCOMPARE(result.errors.size(), 2);
    QCOMPARE(result.errors.at(0).reason, JoseReason::AudienceMismatch);
    QCOMPARE(result.errors.at(1).message, u"token expired at 2026-11-28T07:00:00Z (leeway 60 s)"_s);
    QCOMPARE(result.reason(), JoseReason::AudienceMismatch);
}

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "tst_jwtverifier.moc"
