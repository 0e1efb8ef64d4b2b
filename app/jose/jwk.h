// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwsalgorithm.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header

namespace gw {

/// One public JSON Web Key (RFC 7517) that can verify signatures: RSA (n, e; at least 2048 bits) or EC on
/// P-256 / P-384 (x, y). Each key is bound to exactly one algorithm (RFC 8725 §3.1): its "alg" member, or
/// RS256 for an RSA key without one, or the curve's algorithm (ES256 / ES384) for an EC key.
class Jwk
{
public:
    enum class KeyType { Rsa, Ec };

    /// Imports a JWK. Returns nullopt and a sentence in *error when the key cannot be used to verify
    /// signatures: unsupported kty/crv/alg, "use" other than "sig", "key_ops" without "verify", private
    /// key material, malformed or weak parameters.
    static std::optional<Jwk> fromJson(const QJsonObject &json, QString *error = nullptr);
    /// The public half of an OpenSSL key (used by SigningKey); the key is not copied, only referenced.
    static std::optional<Jwk> fromEvpKey(evp_pkey_st *key, JwsAlgorithm algorithm, const QString &keyId,
                                         QString *error = nullptr);
    /// Imports one PEM public key: SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), PKCS#1 ("BEGIN RSA PUBLIC KEY") or
    /// the key of an X.509 certificate ("BEGIN CERTIFICATE"; its validity is not checked). The key is bound to
    /// `algorithm`, or without one to RS256 (RSA) or the curve's algorithm (EC), as a JWK without "alg" would be.
    /// Private keys are refused, so that a pasted private key is never taken for a trust anchor.
    static std::optional<Jwk> fromPem(const QByteArray &pem, std::optional<JwsAlgorithm> algorithm = std::nullopt,
                                      const QString &keyId = {}, QString *error = nullptr);

    QString keyId() const { return m_keyId; }
    JwsAlgorithm algorithm() const { return m_algorithm; }
    KeyType keyType() const { return m_keyType; }
    int bits() const;
    /// The public JWK: kty and its public parameters, plus kid (if any), alg and use "sig".
    QJsonObject toJson() const;
    /// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), for showing or for tools that want PEM.
    QByteArray toPem() const;
    /// RFC 7638 JWK thumbprint (SHA-256, base64url) of the required public members.
    QString thumbprint() const;
    /// For gatewright_jose's own use: the OpenSSL key (owned by this Jwk and its copies).
    evp_pkey_st *evpKey() const { return m_key.get(); }

private:
    Jwk() = default;

    std::shared_ptr<evp_pkey_st> m_key;
    QString m_keyId;
    JwsAlgorithm m_algorithm = JwsAlgorithm::RS256;
    KeyType m_keyType = KeyType::Rsa;
    QJsonObject m_publicMembers; // kty + n/e or crv/x/y, as base64url strings
};

} // namespace gw
