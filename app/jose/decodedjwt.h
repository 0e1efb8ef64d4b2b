// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/joseerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace gw {

struct DecodeResult;

/// A JWT split into its parts and parsed, and nothing more: its signature has NOT been checked, so nothing in
/// it can be trusted and a UI must say "signature not verified". Only VerifiedJwt means verified.
class DecodedJwt
{
public:
    static constexpr qsizetype DefaultMaxTokenSize = 16 * 1024;

    /// Parses a compact JWS (RFC 7515 §7.1): size cap, exactly three segments (five is a JWE, refused by name),
    /// strict base64url, a JSON object as header and as payload.
    static DecodeResult decode(QByteArrayView token, qsizetype maxTokenSize = DefaultMaxTokenSize);

    QJsonObject header() const { return m_header; }
    QJsonObject claims() const { return m_claims; }
    QByteArray signature() const { return m_signature; }
    /// The ASCII "header.payload" that the signature covers.
    QByteArray signingInput() const { return m_signingInput; }
    /// Header members as the token states them (a claim, not a fact).
    QString algorithmName() const;
    QString keyId() const;
    QString type() const;

private:
    DecodedJwt() = default;

    QJsonObject m_header;
    QJsonObject m_claims;
    QByteArray m_signature;
    QByteArray m_signingInput;
};

struct DecodeResult
{
    std::optional<DecodedJwt> jwt;
    JoseError error;
    bool ok() const { return jwt.has_value(); }
};

} // namespace gw
