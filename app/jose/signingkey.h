// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwk.h"

#include <QByteArray>
#include <QJsonObject>

#include <memory>
#include <optional>

struct evp_pkey_st;

namespace gw {

/// A private key that signs compact JWS tokens (for an OAuth server issuing access tokens). RS256 with
/// RSA-2048 is the default; the other allow-listed algorithms work too. The private key stays in memory:
/// it is written out only when the caller explicitly asks for PEM (for example to persist a server's state).
class SigningKey
{
public:
    /// A new key pair: RSA 2048 bits for RS*/PS256, P-256 / P-384 for ES256 / ES384. Without keyId, the
    /// kid is the RFC 7638 thumbprint of the public key. nullopt (and *error) if OpenSSL fails.
    static std::optional<SigningKey> generate(JwsAlgorithm algorithm = JwsAlgorithm::RS256, const QString &keyId = {},
                                              QString *error = nullptr);
    /// Loads a PKCS#8 PEM private key written by toPrivatePem().
    static std::optional<SigningKey> fromPrivatePem(const QByteArray &pem, JwsAlgorithm algorithm,
                                                    const QString &keyId = {}, QString *error = nullptr);

    /// Unencrypted PKCS#8 PEM of the private key. Secret: the caller decides where it may go.
    QByteArray toPrivatePem() const;

    QString keyId() const { return m_publicKey.keyId(); }
    JwsAlgorithm algorithm() const { return m_publicKey.algorithm(); }
    /// The public half as a JWK bound to this key's algorithm (publish its toJson() in a JWKS).
    const Jwk &publicKey() const { return m_publicKey; }

    /// Compact JWS "header.payload.signature". The header's "alg" and "kid" are set from this key (other header
    /// members, such as "typ": "at+jwt", are kept). Empty on failure.
    QByteArray sign(const QJsonObject &header, const QJsonObject &payload) const;
    /// Signs arbitrary payload bytes with a header given as JSON bytes, both used as is (for tests of odd tokens).
    QByteArray signRaw(const QByteArray &headerJson, const QByteArray &payload) const;

private:
    SigningKey(std::shared_ptr<evp_pkey_st> key, const Jwk &publicKey);
    static std::optional<SigningKey> fromEvpKey(std::shared_ptr<evp_pkey_st> key, JwsAlgorithm algorithm,
                                                const QString &keyId, QString *error);

    std::shared_ptr<evp_pkey_st> m_key;
    Jwk m_publicKey;
};

} // namespace gw
