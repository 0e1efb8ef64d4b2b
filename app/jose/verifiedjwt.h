// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/decodedjwt.h"
#include "jose/jwk.h"

namespace gw {

/// A JWT whose signature was verified with a key from a trusted JWK set, under an algorithm taken from that
/// key. Only JwsVerifier can make one, so holding a VerifiedJwt is proof of the check. Claims (iss, aud, exp
/// ...) are validated separately (ClaimValidator, or verifyJwt for both).
class VerifiedJwt
{
public:
    const DecodedJwt &decoded() const { return m_decoded; }
    QJsonObject header() const { return m_decoded.header(); }
    QJsonObject claims() const { return m_decoded.claims(); }
    /// The algorithm the signature was checked with (the key's, which the header had to name).
    JwsAlgorithm algorithm() const { return m_key.algorithm(); }
    /// The key that verified the signature.
    const Jwk &key() const { return m_key; }

private:
    friend class JwsVerifier;
    VerifiedJwt(const DecodedJwt &decoded, const Jwk &key)
        : m_decoded(decoded)
        , m_key(key)
    {}

    DecodedJwt m_decoded;
    Jwk m_key;
};

} // namespace gw
