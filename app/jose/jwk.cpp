// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwk.h"

#include "jose/base64url.h"
#include "jose/joseerror.h"
#include "jose/opensslhandles.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace gw {

namespace {

// NIST SP 800-57 / RFC 8725 §3.5: smaller RSA keys are not acceptable any more.
constexpr int MinimumRsaBits = 2048;

struct Curve
{
    QLatin1StringView jwkName;
    const char *opensslName;
    int coordinateSize;
    JwsAlgorithm algorithm;
};

constexpr Curve Curves[] = {
    {QLatin1StringView("P-256"), "prime256v1", 32, JwsAlgorithm::ES256},
    {QLatin1StringView("P-384"), "secp384r1", 48, JwsAlgorithm::ES384},
};

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

std::optional<QByteArray> decodeMember(const QJsonObject &json, const QString &member, QString *error)
{
    const QJsonValue value = json.value(member);
    if (!value.isString()) {
        fail(error, value.isUndefined() ? QStringLiteral("member \"%1\" is missing").arg(member)
                                        : QStringLiteral("member \"%1\" is not a string").arg(member));
        return std::nullopt;
    }
    auto bytes = Base64Url::decode(value.toString().toLatin1());
    if (!bytes || bytes->isEmpty()) {
        fail(error, QStringLiteral("member \"%1\" is not valid base64url").arg(member));
        return std::nullopt;
    }
    return bytes;
}

bool checkPublicKey(EVP_PKEY *key, QString *error)
{
    ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || EVP_PKEY_public_check(ctx.get()) != 1)
        return fail(error, QStringLiteral("the public key is not valid (%1)").arg(ossl::takeErrors()));
    return true;
}

// checkKey: EVP_PKEY_public_check. Not for RSA: OpenSSL 3 tests the modulus with Miller-Rabin on random bases
// (SP 800-56B), so a malformed modulus is refused on one read and accepted on the next; a key set must read the same
// every time. RSA keys get deterministic checks instead (fromJson).
ossl::PKey keyFromParams(const char *type, OSSL_PARAM_BLD *builder, QString *error, bool checkKey = true)
{
    ossl::Params params(OSSL_PARAM_BLD_to_param(builder));
    ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        fail(error, QStringLiteral("the public key is not valid (%1)").arg(ossl::takeErrors()));
        return {};
    }
    ossl::PKey owned(key);
    if (checkKey && !checkPublicKey(owned.get(), error))
        return {};
    return owned;
}

QString base64UrlOf(const BIGNUM *number, int size = 0)
{
    QByteArray bytes(size > 0 ? size : BN_num_bytes(number), Qt::Uninitialized);
    if (size > 0)
        BN_bn2binpad(number, reinterpret_cast<unsigned char *>(bytes.data()), size);
    else
        BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
    return QString::fromLatin1(Base64Url::encode(bytes));
}

} // namespace

std::optional<Jwk> Jwk::fromJson(const QJsonObject &json, QString *error)
{
    const QJsonValue kty = json.value(QLatin1StringView("kty"));
    if (!kty.isString()) {
        fail(error, QStringLiteral("member \"kty\" is missing or not a string"));
        return std::nullopt;
    }
    if (kty.toString() != QLatin1StringView("RSA") && kty.toString() != QLatin1StringView("EC")) {
        fail(error, QStringLiteral("key type \"%1\" is not supported (supported: RSA, EC)")
                        .arg(joseDisplayText(kty.toString(), 20)));
        return std::nullopt;
    }
    const QJsonValue use = json.value(QLatin1StringView("use"));
    if (!use.isUndefined() && use.toString() != QLatin1StringView("sig")) {
        fail(error, QStringLiteral("\"use\" is %1, not \"sig\"")
                        .arg(use.isString() ? QString(u'"' + joseDisplayText(use.toString(), 20) + u'"')
                                            : QStringLiteral("not a string")));
        return std::nullopt;
    }
    const QJsonValue keyOps = json.value(QLatin1StringView("key_ops"));
    if (!keyOps.isUndefined() && !keyOps.toArray().contains(QJsonValue(QStringLiteral("verify")))) {
        fail(error, QStringLiteral("\"key_ops\" does not allow \"verify\""));
        return std::nullopt;
    }
    const QJsonValue kid = json.value(QLatin1StringView("kid"));
    if (!kid.isUndefined() && !kid.isString()) {
        fail(error, QStringLiteral("member \"kid\" is not a string"));
        return std::nullopt;
    }
    if (json.contains(QLatin1StringView("d"))) {
        fail(error, QStringLiteral("it contains private key material (\"d\"); a JWKS must publish public keys only"));
        return std::nullopt;
    }
    std::optional<JwsAlgorithm> algorithm;
    const QJsonValue alg = json.value(QLatin1StringView("alg"));
    if (!alg.isUndefined()) {
        algorithm = alg.isString() ? JwsAlgorithms::fromName(alg.toString()) : std::nullopt;
        if (!algorithm) {
            fail(error,
                 QStringLiteral("algorithm %1 is not supported (supported: RS256, RS384, RS512, PS256, ES256, ES384)")
                     .arg(alg.isString() ? joseDisplayText(alg.toString(), 20) : QStringLiteral("(not a string)")));
            return std::nullopt;
        }
    }

    Jwk jwk;
    jwk.m_keyId = kid.toString();
    ossl::ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!builder) {
        fail(error, ossl::takeErrors());
        return std::nullopt;
    }
    ossl::PKey key;
    if (kty.toString() == QLatin1StringView("RSA")) {
        const auto n = decodeMember(json, QStringLiteral("n"), error);
        if (!n)
            return std::nullopt;
        const auto e = decodeMember(json, QStringLiteral("e"), error);
        if (!e)
            return std::nullopt;
        if (algorithm && !JwsAlgorithms::isRsa(*algorithm)) {
            fail(error, QStringLiteral("algorithm %1 does not fit an RSA key").arg(JwsAlgorithms::name(*algorithm)));
            return std::nullopt;
        }
        ossl::BigNum modulus(
            BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()), int(n->size()), nullptr));
        ossl::BigNum exponent(
            BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()), int(e->size()), nullptr));
        if (!modulus || !exponent) {
            fail(error, ossl::takeErrors());
            return std::nullopt;
        }
        if (BN_num_bits(modulus.get()) < MinimumRsaBits) {
            fail(error, QStringLiteral("the RSA key has %1 bits; at least %2 are required")
                            .arg(BN_num_bits(modulus.get()))
                            .arg(MinimumRsaBits));
            return std::nullopt;
        }
        // RFC 8017 §3.1: an odd modulus and an odd public exponent with 3 <= e < n.
        if (!BN_is_odd(modulus.get())) {
            fail(error, QStringLiteral("the public key is not valid (the RSA modulus is even)"));
            return std::nullopt;
        }
        if (!BN_is_odd(exponent.get()) || BN_num_bits(exponent.get()) < 2 ||
            BN_cmp(exponent.get(), modulus.get()) >= 0) {
            fail(error, QStringLiteral("the public key is not valid (the RSA exponent must be odd, at least 3 and "
                                       "smaller than the modulus)"));
            return std::nullopt;
        }
        if (!OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) ||
            !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get())) {
            fail(error, ossl::takeErrors());
            return std::nullopt;
        }
        key = keyFromParams("RSA", builder.get(), error, false);
        jwk.m_keyType = KeyType::Rsa;
        jwk.m_algorithm = algorithm.value_or(JwsAlgorithm::RS256);
        jwk.m_publicMembers = {{QStringLiteral("kty"), QStringLiteral("RSA")},
                               {QStringLiteral("n"), json.value(QLatin1StringView("n"))},
                               {QStringLiteral("e"), json.value(QLatin1StringView("e"))}};
    } else if (kty.toString() == QLatin1StringView("EC")) {
        const QString crv = json.value(QLatin1StringView("crv")).toString();
        const Curve *curve = nullptr;
        for (const Curve &candidate : Curves) {
            if (crv == candidate.jwkName)
                curve = &candidate;
        }
        if (!curve) {
            fail(error, QStringLiteral("curve \"%1\" is not supported (supported: P-256, P-384)")
                            .arg(joseDisplayText(crv, 20)));
            return std::nullopt;
        }
        if (algorithm && *algorithm != curve->algorithm) {
            fail(error, QStringLiteral("algorithm %1 does not fit curve %2")
                            .arg(JwsAlgorithms::name(*algorithm), QString(curve->jwkName)));
            return std::nullopt;
        }
        const auto x = decodeMember(json, QStringLiteral("x"), error);
        if (!x)
            return std::nullopt;
        const auto y = decodeMember(json, QStringLiteral("y"), error);
        if (!y)
            return std::nullopt;
        // RFC 7518 §6.2.1.2: coordinates are exactly the field size, leading zeros kept.
        if (x->size() != curve->coordinateSize || y->size() != curve->coordinateSize) {
            fail(error, QStringLiteral("coordinates of a %1 key must be %2 bytes each")
                            .arg(QString(curve->jwkName))
                            .arg(curve->coordinateSize));
            return std::nullopt;
        }
        const QByteArray point = QByteArray(1, '\x04') + *x + *y;
        if (!OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve->opensslName, 0) ||
            !OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                              size_t(point.size()))) {
            fail(error, ossl::takeErrors());
            return std::nullopt;
        }
        key = keyFromParams("EC", builder.get(), error);
        jwk.m_keyType = KeyType::Ec;
        jwk.m_algorithm = curve->algorithm;
        jwk.m_publicMembers = {{QStringLiteral("kty"), QStringLiteral("EC")},
                               {QStringLiteral("crv"), crv},
                               {QStringLiteral("x"), json.value(QLatin1StringView("x"))},
                               {QStringLiteral("y"), json.value(QLatin1StringView("y"))}};
    } else {
        fail(error, QStringLiteral("key type \"%1\" is not supported (supported: RSA, EC)")
                        .arg(joseDisplayText(kty.toString(), 20)));
        return std::nullopt;
    }
    if (!key)
        return std::nullopt;
    jwk.m_key = std::shared_ptr<evp_pkey_st>(key.release(), EVP_PKEY_free);
    return jwk;
}

std::optional<Jwk> Jwk::fromEvpKey(evp_pkey_st *key, JwsAlgorithm algorithm, const QString &keyId, QString *error)
{
    QJsonObject json{{QStringLiteral("alg"), JwsAlgorithms::name(algorithm)},
                     {QStringLiteral("use"), QStringLiteral("sig")}};
    if (!keyId.isEmpty())
        json.insert(QStringLiteral("kid"), keyId);
    if (JwsAlgorithms::isRsa(algorithm)) {
        BIGNUM *n = nullptr;
        BIGNUM *e = nullptr;
        const bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
                        EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
        ossl::BigNum modulus(n);
        ossl::BigNum exponent(e);
        if (!ok || !EVP_PKEY_is_a(key, "RSA")) {
            fail(error, QStringLiteral("not an RSA key (%1)").arg(ossl::takeErrors()));
            return std::nullopt;
        }
        json.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        json.insert(QStringLiteral("n"), base64UrlOf(modulus.get()));
        json.insert(QStringLiteral("e"), base64UrlOf(exponent.get()));
    } else {
        const Curve &curve = algorithm == JwsAlgorithm::ES256 ? Curves[0] : Curves[1];
        char group[64] = {};
        BIGNUM *x = nullptr;
        BIGNUM *y = nullptr;
        const bool ok =
            EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr) == 1 &&
            EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
            EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1;
        ossl::BigNum px(x);
        ossl::BigNum py(y);
        if (!ok || qstrcmp(group, curve.opensslName) != 0) {
            fail(error, QStringLiteral("not an EC key on %1 (%2)").arg(QString(curve.jwkName), ossl::takeErrors()));
            return std::nullopt;
        }
        json.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        json.insert(QStringLiteral("crv"), QString(curve.jwkName));
        json.insert(QStringLiteral("x"), base64UrlOf(px.get(), curve.coordinateSize));
        json.insert(QStringLiteral("y"), base64UrlOf(py.get(), curve.coordinateSize));
    }
    return fromJson(json, error);
}

std::optional<Jwk> Jwk::fromPem(const QByteArray &pem, std::optional<JwsAlgorithm> algorithm, const QString &keyId,
                                QString *error)
{
    if (pem.contains("PRIVATE KEY-----")) {
        fail(error, QStringLiteral("this is a private key; paste the public key (or the certificate) instead, and "
                                   "keep the private key where it was"));
        return std::nullopt;
    }
    if (pem.size() > 64 * 1024) {
        fail(error, QStringLiteral("the PEM text is %1 bytes; a public key is a few hundred").arg(pem.size()));
        return std::nullopt;
    }
    ossl::PKey key;
    if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        ossl::Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
        X509 *certificate = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
        if (!certificate) {
            fail(error, QStringLiteral("the certificate could not be read (%1)").arg(ossl::takeErrors()));
            return std::nullopt;
        }
        key.reset(X509_get_pubkey(certificate));
        X509_free(certificate);
    } else if (pem.contains("-----BEGIN PUBLIC KEY-----") || pem.contains("-----BEGIN RSA PUBLIC KEY-----")) {
        EVP_PKEY *decoded = nullptr;
        OSSL_DECODER_CTX *decoder =
            OSSL_DECODER_CTX_new_for_pkey(&decoded, "PEM", nullptr, nullptr, EVP_PKEY_PUBLIC_KEY, nullptr, nullptr);
        const auto *data = reinterpret_cast<const unsigned char *>(pem.constData());
        size_t length = size_t(pem.size());
        const bool ok = decoder && OSSL_DECODER_from_data(decoder, &data, &length) == 1;
        OSSL_DECODER_CTX_free(decoder);
        key.reset(decoded);
        if (!ok)
            key.reset();
    } else {
        fail(error, QStringLiteral("no PEM public key found: expected \"-----BEGIN PUBLIC KEY-----\", \"-----BEGIN "
                                   "RSA PUBLIC KEY-----\" or \"-----BEGIN CERTIFICATE-----\""));
        return std::nullopt;
    }
    if (!key) {
        fail(error, QStringLiteral("the PEM public key could not be read (%1)").arg(ossl::takeErrors()));
        return std::nullopt;
    }
    if (!algorithm) {
        if (EVP_PKEY_is_a(key.get(), "RSA")) {
            algorithm = JwsAlgorithm::RS256;
        } else if (EVP_PKEY_is_a(key.get(), "EC")) {
            char group[64] = {};
            EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr);
            for (const Curve &curve : Curves) {
                if (qstrcmp(group, curve.opensslName) == 0)
                    algorithm = curve.algorithm;
            }
            if (!algorithm) {
                fail(error, QStringLiteral("EC curve \"%1\" is not supported (supported: P-256, P-384)")
                                .arg(QString::fromLatin1(group)));
                return std::nullopt;
            }
        } else {
            fail(error, QStringLiteral("key type %1 is not supported (supported: RSA, EC)")
                            .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(key.get()))));
            return std::nullopt;
        }
    }
    ERR_clear_error();
    return fromEvpKey(key.get(), *algorithm, keyId, error);
}

int Jwk::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QJsonObject Jwk::toJson() const
{
    QJsonObject json = m_publicMembers;
    if (!m_keyId.isEmpty())
        json.insert(QStringLiteral("kid"), m_keyId);
    json.insert(QStringLiteral("alg"), JwsAlgorithms::name(m_algorithm));
    json.insert(QStringLiteral("use"), QStringLiteral("sig"));
    return json;
}

QByteArray Jwk::toPem() const
{
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || !m_key || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

QString Jwk::thumbprint() const
{
    // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
    const auto member = [this](const char *name) {
        return QStringLiteral("\"%1\":\"%2\"")
            .arg(QLatin1StringView(name), m_publicMembers.value(QLatin1StringView(name)).toString());
    };
    const QString canonical =
        m_keyType == KeyType::Rsa
            ? QString(u'{' + member("e") + u',' + member("kty") + u',' + member("n") + u'}')
            : QString(u'{' + member("crv") + u',' + member("kty") + u',' + member("x") + u',' + member("y") + u'}');
    return QString::fromLatin1(
        Base64Url::encode(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256)));
}

} // namespace gw
