// SPDX-License-Identifier: GPL-3.0-or-later
#include "claimvalidator.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace gw {

namespace {

QString shown(const QString &text)
{
    return joseDisplayText(text, 80);
}

// A NumericDate may be fractional or absurdly large (RFC 7519 §2); clamp before turning it into a date.
QString timestamp(double seconds)
{
    constexpr double First = -62135596800.0; // 0001-01-01T00:00:00Z
    constexpr double Last = 253402300799.0;  // 9999-12-31T23:59:59Z
    const double clamped = std::clamp(std::floor(seconds), First, Last);
    return QDateTime::fromSecsSinceEpoch(qint64(clamped), Qt::UTC).toString(Qt::ISODate);
}

QString describe(const QJsonValue &value)
{
    if (value.isString())
        return shown(value.toString());
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(item.isString() ? shown(item.toString()) : QStringLiteral("(not a string)"));
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    return QStringLiteral("a non-string value");
}

} // namespace

QStringList ClaimValidator::grantedScopes(const QJsonObject &claims)
{
    QStringList scopes;
    const QJsonValue scope = claims.value(QLatin1StringView("scope"));
    if (scope.isString())
        scopes += scope.toString().split(u' ', Qt::SkipEmptyParts);
    const QJsonValue scp = claims.value(QLatin1StringView("scp"));
    if (scp.isString())
        scopes += scp.toString().split(u' ', Qt::SkipEmptyParts);
    for (const QJsonValue &item : scp.toArray()) {
        if (item.isString())
            scopes.append(item.toString());
    }
    scopes.removeDuplicates();
    return scopes;
}

ClaimResult ClaimValidator::validate(const QJsonObject &claims, const ClaimPolicy &policy, const QDateTime &now)
{
    ClaimResult result;
    const auto reject = [&result](JoseReason reason, const QString &message) {
        result.errors.append(JoseError{reason, message});
    };

    if (policy.issuer) {
        const QJsonValue iss = claims.value(QLatin1StringView("iss"));
        if (iss.isUndefined()) {
            reject(JoseReason::IssuerMismatch,
                   QStringLiteral("issuer mismatch: expected %1, token has no iss").arg(*policy.issuer));
        } else if (!iss.isString() || iss.toString() != *policy.issuer) {
            reject(JoseReason::IssuerMismatch,
                   QStringLiteral("issuer mismatch: expected %1, token has %2").arg(*policy.issuer, describe(iss)));
        }
    }

    if (policy.audience) {
        const QJsonValue aud = claims.value(QLatin1StringView("aud"));
        const bool found =
            aud.isString() ? aud.toString() == *policy.audience : aud.toArray().contains(QJsonValue(*policy.audience));
        if (aud.isUndefined()) {
            reject(JoseReason::AudienceMismatch,
                   QStringLiteral("audience mismatch: expected %1, token has no aud").arg(*policy.audience));
        } else if (!found) {
            reject(JoseReason::AudienceMismatch,
                   QStringLiteral("audience mismatch: expected %1, token has %2").arg(*policy.audience, describe(aud)));
        }
    }

    const double nowSeconds = double(now.toMSecsSinceEpoch()) / 1000.0;
    const double leeway = double(policy.leeway.count());
    const QString leewayText = QStringLiteral("(leeway %1 s)").arg(policy.leeway.count());
    const auto numericDate = [&](const char *name) -> std::optional<double> {
        const QJsonValue value = claims.value(QLatin1StringView(name));
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isDouble() || !std::isfinite(value.toDouble())) {
            reject(
                JoseReason::ClaimNotNumeric,
                QStringLiteral("claim %1 is not a number (a NumericDate, RFC 7519 §2)").arg(QLatin1StringView(name)));
            return std::nullopt;
        }
        return value.toDouble();
    };

    if (!claims.contains(QLatin1StringView("exp")) && policy.requireExpiration) {
        reject(JoseReason::ExpirationMissing,
               QStringLiteral("token has no exp (expiry) claim; access tokens must expire (RFC 9068 §2.2)"));
    }
    // RFC 7519 §4.1.4: the current time must be before exp.
    if (const auto exp = numericDate("exp"); exp && nowSeconds >= *exp + leeway)
        reject(JoseReason::Expired, QStringLiteral("token expired at %1 %2").arg(timestamp(*exp), leewayText));
    if (const auto nbf = numericDate("nbf"); nbf && nowSeconds + leeway < *nbf)
        reject(JoseReason::NotYetValid,
               QStringLiteral("token not valid before %1 %2").arg(timestamp(*nbf), leewayText));
    if (const auto iat = numericDate("iat"); iat && *iat > nowSeconds + leeway)
        reject(JoseReason::IssuedInFuture,
               QStringLiteral("token issued in the future at %1 %2").arg(timestamp(*iat), leewayText));

    if (!policy.requiredScopes.isEmpty()) {
        const QStringList granted = grantedScopes(claims);
        QStringList missing;
        for (const QString &scope : policy.requiredScopes) {
            if (!granted.contains(scope))
                missing.append(scope);
        }
        if (!missing.isEmpty()) {
            reject(JoseReason::ScopeMissing,
                   QStringLiteral("missing required scope %1 (token has: %2)")
                       .arg(missing.join(u' '),
                            granted.isEmpty() ? QStringLiteral("no scope") : shown(granted.join(u' '))));
        }
    }
    return result;
}

} // namespace gw
