// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace gw {

/// A successful token endpoint response (RFC 6749 §5.1). Lives in memory only; the refresh token is handed to the
/// keychain by its owner and then dropped from here.
struct TokenResponse
{
    QString accessToken;
    QString tokenType;
    /// The longest `expires_in` taken at face value: a larger one is a server bug, not a lifetime to wait for.
    static constexpr qint64 MaxExpiresIn = 365 * 24 * 3600;

    qint64 expiresIn = -1;     ///< seconds, 1 to MaxExpiresIn; -1 when the server did not say or sent no usable value
    QString unusableExpiresIn; ///< `expires_in` as sent (JSON text) when it was not a usable lifetime, else empty
    QString refreshToken;
    QString idToken;
    std::optional<QStringList> grantedScopes; ///< from `scope`; nullopt when the server did not send one
    QStringList requestedScopes;
    QDateTime receivedAt; ///< UTC

    /// Requested scopes the response says were not granted (empty when the server did not send `scope`).
    QStringList missingScopes() const;
    QDateTime expiresAt() const { return expiresIn < 0 ? QDateTime() : receivedAt.addSecs(expiresIn); }
};

} // namespace gw
