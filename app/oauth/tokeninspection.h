// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwtverifier.h"
#include "tokeninfo.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace gw {

/// Keys a person pasted to verify a token with: a JWKS document, one JWK, or PEM public keys / certificates.
struct PastedKeys
{
    JwkSet keys;
    QString description; ///< "JWKS with 2 usable keys", "PEM public key (RSA 2048 bits, RS256)"
    QString error;       ///< why nothing usable was found (what, and what to paste instead)
    QStringList skipped; ///< keys left out, each with its reason
    bool ok() const { return error.isEmpty() && !keys.isEmpty(); }
};

/// What a pasted token is checked against. The token lab fills it from the environment (its issuer and
/// audience) or from what the user typed; an empty issuer or audience is not checked, and the result says so.
struct TokenCheckPolicy
{
    std::optional<QString> issuer;
    std::optional<QString> audience;
    QStringList requiredScopes;
    bool accessTokenProfile = true; ///< RFC 9068: header "typ" must be at+jwt, as for the console's own tokens
    std::chrono::seconds leeway{60};

    VerifyPolicy verifyPolicy() const;
    ClaimPolicy claimPolicy() const;
    /// The checks this policy leaves out, as words for the result ("issuer", "audience").
    QStringList notChecked() const;
};

/// Decoding and verifying tokens the console did not obtain itself (pasted, or given on the command line), with
/// the same checks and reasons as for its own. Nothing here stores a token or a key.
namespace TokenInspection {

/// Reads pasted key material. A PEM key carries no kid; it is given `tokenKeyId` (the pasted token's kid), since
/// the person chose this key for this token. `pemAlgorithm` binds PEM keys to one algorithm (RFC 8725 §3.1);
/// without it RSA keys are RS256 and EC keys take their curve's algorithm.
PastedKeys parseKeys(const QString &text, const QString &tokenKeyId = {},
                     std::optional<JwsAlgorithm> pemAlgorithm = std::nullopt);

/// The token decoded, not verified: header, claims, expiry from "exp", granted scopes from the claims.
/// Verification is Pending for a JWT, Opaque for anything else (with why, when it looked like a JWT).
TokenInfo decode(const QString &token);

/// Records a verification result in `token`: status, the one-sentence text, each error and its code.
/// `keySource` says where the key came from ("the issuer's JWKS", "the pasted key set").
void applyResult(TokenInfo &token, const JwtResult &result, const QString &keySource, const QString &keysError,
                 const QStringList &notChecked = {});

/// "Signature NOT verified: ..." or "Signature verified, but the token is not valid: ...", "" when valid.
QString summary(const JwtResult &result, const QString &keysError);

/// decode() then verification against pasted keys, at `now`.
TokenInfo verify(const QString &token, const PastedKeys &keys, const TokenCheckPolicy &policy, const QDateTime &now);

/// How a claim value reads for a person: times ("exp", "iat", "nbf", "auth_time") in local time and UTC.
QString claimDisplay(const QString &name, const QJsonValue &value, Qt::TimeSpec localSpec = Qt::LocalTime);

} // namespace TokenInspection

} // namespace gw
