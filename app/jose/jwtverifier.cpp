// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwtverifier.h"

namespace gw {

JwtResult JwtVerifier::verify(QByteArrayView token, const JwkSet &keys, const VerifyPolicy &verifyPolicy,
                              const ClaimPolicy &claimPolicy, const QDateTime &now)
{
    JwtResult result;
    VerifyResult signature = JwsVerifier::verify(token, keys, verifyPolicy);
    result.decoded = signature.decoded;
    if (!signature.ok()) {
        result.errors.append(signature.error);
        return result;
    }
    result.signatureVerified = true;
    const ClaimResult claims = ClaimValidator::validate(signature.jwt->claims(), claimPolicy, now);
    if (!claims.ok()) {
        result.errors = claims.errors;
        return result;
    }
    result.jwt = signature.jwt;
    return result;
}

} // namespace gw
