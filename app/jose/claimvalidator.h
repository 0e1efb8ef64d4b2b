// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/joseerror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <chrono>
#include <optional>

namespace gw {

struct ClaimPolicy
{
    /// Expected "iss", compared exactly (RFC 8725 §3.8: no normalisation, no trailing-slash tolerance).
    /// nullopt: not checked.
    std::optional<QString> issuer;
    /// Audience that "aud" (a string or an array) must contain (RFC 8725 §3.9). nullopt: not checked.
    std::optional<QString> audience;
    /// Scopes that must all be granted, from "scope" (space-separated, RFC 8693 §4.2) or "scp" (array or string).
    QStringList requiredScopes;
    /// Clock skew tolerated on exp, nbf and iat (RFC 7519 §4.1.4: "usually no more than a few minutes").
    std::chrono::seconds leeway{60};
    /// RFC 9068 §2.2: access tokens carry exp.
    bool requireExpiration = true;
};

struct ClaimResult
{
    /// Every failed check, in the order iss, aud, exp, nbf, iat, scope. Empty means valid.
    QList<JoseError> errors;
    bool ok() const { return errors.isEmpty(); }
};

/// Checks a JWT claims set against the policy at time now (UTC; injected so tests control the clock).
class ClaimValidator
{
public:
    static ClaimResult validate(const QJsonObject &claims, const ClaimPolicy &policy, const QDateTime &now);
    /// "scope" (space-separated string) or "scp" (array of strings, or string), as a list.
    static QStringList grantedScopes(const QJsonObject &claims);
};

inline ClaimResult validateClaims(const QJsonObject &claims, const ClaimPolicy &policy, const QDateTime &now)
{
    return ClaimValidator::validate(claims, policy, now);
}

} // namespace gw
