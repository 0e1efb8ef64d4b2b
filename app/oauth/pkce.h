// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace gw::Pkce {

/// A fresh code verifier: 32 random bytes from the system CSPRNG, base64url without padding (43 characters,
/// RFC 7636 §4.1). New for every authorization run.
QString generateVerifier();
/// BASE64URL(SHA256(verifier)), the S256 code challenge (RFC 7636 §4.2). `plain` is never offered.
QString challengeS256(const QString &verifier);
/// A fresh one-time `state` value (128 random bits, base64url).
QString generateState();
/// Equality in time independent of where the two differ (for state values).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace gw::Pkce
