// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/claimvalidator.h"
#include "jose/jwsverifier.h"

namespace gw {

struct JwtResult
{
    /// Set only when the signature verified AND every claim check passed.
    std::optional<VerifiedJwt> jwt;
    /// Set whenever the token could be parsed (to show it, marked as not verified unless jwt is set).
    std::optional<DecodedJwt> decoded;
    /// The signature verified with a trusted key (the claims may still have failed).
    bool signatureVerified = false;
    /// The signature failure alone, or every failed claim check.
    QList<JoseError> errors;

    bool ok() const { return jwt.has_value(); }
    JoseReason reason() const { return errors.isEmpty() ? JoseReason::None : errors.first().reason; }
};

/// Signature (JwsVerifier) then claims (ClaimValidator): what a resource server does with a bearer token.
class JwtVerifier
{
public:
    static JwtResult verify(QByteArrayView token, const JwkSet &keys, const VerifyPolicy &verifyPolicy,
                            const ClaimPolicy &claimPolicy, const QDateTime &now);
};

inline JwtResult verifyJwt(QByteArrayView token, const JwkSet &keys, const VerifyPolicy &verifyPolicy,
                           const ClaimPolicy &claimPolicy, const QDateTime &now)
{
    return JwtVerifier::verify(token, keys, verifyPolicy, claimPolicy, now);
}

} // namespace gw
