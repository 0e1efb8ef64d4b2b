// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/decodedjwt.h"
#include "jose/jwkset.h"
#include "jose/verifiedjwt.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace gw {

struct VerifyPolicy
{
    qsizetype maxTokenSize = DecodedJwt::DefaultMaxTokenSize;
    /// The algorithms this application accepts; a key bound to another algorithm verifies nothing.
    QList<JwsAlgorithm> allowedAlgorithms = JwsAlgorithms::all();
    /// Required header "typ" (compared as RFC 7515 §4.1.9 says: case-insensitive, "application/" optional),
    /// e.g. "at+jwt" for RFC 9068 access tokens. Empty: not checked.
    QString requiredType;
};

struct VerifyResult
{
    /// Set only when the signature verified.
    std::optional<VerifiedJwt> jwt;
    /// Set whenever the token could be parsed, verified or not (for showing it, marked "not verified").
    std::optional<DecodedJwt> decoded;
    JoseError error;
    bool ok() const { return jwt.has_value(); }
};

/// Verifies the signature of a compact JWS against a trusted key set (RFC 7515, RFC 8725 §3):
/// - the algorithm comes from the key; the header's "alg" must name exactly that algorithm;
/// - "none" and every HS* algorithm are refused (the keys are public; HMAC keyed with a public key is the
///   classic algorithm-confusion forgery);
/// - "jku", "x5u", "jwk" and "x5c" are ignored: keys come only from the given set, never from the token;
/// - any "crit" header parameter is refused (none is understood);
/// - "kid" only selects a key in the set. An unknown kid gives JoseReason::KeyNotFound, so a caller may
///   refresh its JWKS once (key rotation) and retry. A token without kid is tried against the keys bound to
///   its algorithm.
class JwsVerifier
{
public:
    static VerifyResult verify(QByteArrayView token, const JwkSet &keys, const VerifyPolicy &policy = {});
};

inline VerifyResult verifyJws(QByteArrayView token, const JwkSet &keys, const VerifyPolicy &policy = {})
{
    return JwsVerifier::verify(token, keys, policy);
}

} // namespace gw
