// SPDX-License-Identifier: GPL-3.0-or-later
#include "signingkey.h"

#include "jose/base64url.h"
#include "jose/jwscrypto.h"
#include "jose/opensslhandles.h"

#include <QJsonDocument>

#include <openssl/pem.h>

namespace gw {

namespace {

constexpr unsigned int RsaBits = 2048;

} // namespace

SigningKey::SigningKey(std::shared_ptr<evp_pkey_st> key, const Jwk &publicKey)
    : m_key(std::move(key))
    , m_publicKey(publicKey)
{}

std::optional<SigningKey> SigningKey::fromEvpKey(std::shared_ptr<evp_pkey_st> key, JwsAlgorithm algorithm,
                                                 const QString &keyId, QString *error)
{
    auto jwk = Jwk::fromEvpKey(key.get(), algorithm, keyId, error);
    if (!jwk)
        return std::nullopt;
    if (keyId.isEmpty()) {
        // The kid of a fresh key is its RFC 7638 thumbprint: stable, unique, derived from the public key alone.
        jwk = Jwk::fromEvpKey(key.get(), algorithm, jwk->thumbprint(), error);
        if (!jwk)
            return std::nullopt;
    }
    return SigningKey(std::move(key), *jwk);
}

std::optional<SigningKey> SigningKey::generate(JwsAlgorithm algorithm, const QString &keyId, QString *error)
{
    EVP_PKEY *key = nullptr;
    switch (algorithm) {
    case JwsAlgorithm::ES256:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case JwsAlgorithm::ES384:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
        break;
    default:
        key = EVP_RSA_gen(RsaBits);
        break;
    }
    if (!key) {
        if (error)
            *error = QStringLiteral("cannot generate a key: %1").arg(ossl::takeErrors());
        return std::nullopt;
    }
    return fromEvpKey(std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free), algorithm, keyId, error);
}

std::optional<SigningKey> SigningKey::fromPrivatePem(const QByteArray &pem, JwsAlgorithm algorithm,
                                                     const QString &keyId, QString *error)
{
    ossl::Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!key) {
        if (error)
            *error = QStringLiteral("not a PEM private key (%1)").arg(ossl::takeErrors());
        return std::nullopt;
    }
    return fromEvpKey(std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free), algorithm, keyId, error);
}

QByteArray SigningKey::toPrivatePem() const
{
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

QByteArray SigningKey::sign(const QJsonObject &header, const QJsonObject &payload) const
{
    QJsonObject protectedHeader = header;
    protectedHeader.insert(QStringLiteral("alg"), JwsAlgorithms::name(algorithm()));
    if (!keyId().isEmpty())
        protectedHeader.insert(QStringLiteral("kid"), keyId());
    return signRaw(QJsonDocument(protectedHeader).toJson(QJsonDocument::Compact),
                   QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

QByteArray SigningKey::signRaw(const QByteArray &headerJson, const QByteArray &payload) const
{
    const QByteArray input = Base64Url::encode(headerJson) + '.' + Base64Url::encode(payload);
    const QByteArray signature = JwsCrypto::sign(m_key.get(), algorithm(), input);
    if (signature.isEmpty())
        return {};
    return input + '.' + Base64Url::encode(signature);
}

} // namespace gw
