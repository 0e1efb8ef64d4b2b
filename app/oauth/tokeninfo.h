// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace gw {

/// What the console knows about the access token it holds: the token itself (memory only), what decoding and
/// verification found, and its lifetime. Whether a refresh token exists is recorded; the refresh token itself
/// lives only in the keychain.
struct TokenInfo
{
    enum class Verification {
        None,     ///< no token
        Pending,  ///< decoded, verification under way: "signature NOT verified"
        Verified, ///< signature and every claim check passed
        Invalid,  ///< decoded, but the signature or a claim check failed
        Opaque,   ///< not a JWT: only the authorization server can say (introspection)
    };

    QString accessToken;
    QString grant;      ///< "client_credentials", "authorization_code", "refresh_token"
    QJsonObject header; ///< decoded JOSE header (not trusted unless Verified)
    QJsonObject claims; ///< decoded claims (not trusted unless Verified)
    Verification verification = Verification::None;
    bool signatureVerified = false;
    QString verificationText; ///< one sentence for the user
    QStringList verificationErrors;
    QStringList errorCodes; ///< JoseError::code() of each failure ("expired", "audience-mismatch", ...)
    QDateTime receivedAt;
    QDateTime expiresAt; ///< invalid when unknown
    QDateTime revokedAt; ///< set when this session revoked it: valid as a JWT until exp, not at the server
    std::optional<QStringList> grantedScopes;
    QStringList requestedScopes;
    QStringList missingScopes; ///< requested but not granted (from the response, else from the claims)
    bool hasRefreshToken = false;

    bool isEmpty() const { return accessToken.isEmpty(); }
    /// Seconds until expiry at `now` (negative once expired); nullopt when unknown.
    std::optional<qint64> secondsLeft(const QDateTime &now) const
    {
        if (!expiresAt.isValid())
            return std::nullopt;
        return now.secsTo(expiresAt);
    }
    static QString verificationName(Verification verification);
    /// The scopes asked for and not granted, for JSON: an array when the token or the response states what it
    /// grants (empty when everything was granted), else the string "not stated by the server", never a silent [].
    QJsonValue missingScopesJson() const;
};

} // namespace gw
