// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace gw {

/// Why a token was rejected. Each value names one check, so a caller can react to it (for example refresh the
/// JWKS once on KeyNotFound) and a person can read which check failed from JoseError::message.
enum class JoseReason {
    None,
    // Compact serialization (RFC 7515 §7.1, RFC 8725 §3.7)
    TokenTooLarge,
    MalformedToken,
    EncryptedTokenUnsupported,
    InvalidBase64Url,
    InvalidHeader,
    InvalidPayload,
    // Algorithm, header and key (RFC 8725 §3.1, §3.2, §3.10, §3.11)
    AlgorithmMissing,
    AlgorithmNone,
    AlgorithmNotAllowed,
    AlgorithmKeyMismatch,
    UnsupportedCritical,
    TypeMismatch,
    NoKeys,
    KeyNotFound,
    SignatureLength,
    SignatureInvalid,
    // Claims (RFC 7519 §4.1, RFC 9068 §2.2)
    IssuerMismatch,
    AudienceMismatch,
    ExpirationMissing,
    ClaimNotNumeric,
    Expired,
    NotYetValid,
    IssuedInFuture,
    ScopeMissing,
};

/// A rejection: which check failed and a sentence for a person. Text copied from the token into message passes
/// through joseDisplayText(); messages may contain non-ASCII characters (for example "§").
struct JoseError
{
    JoseReason reason = JoseReason::None;
    QString message;

    /// A stable lower-case code for the reason ("expired", "key-not-found", ...), for JSON output and headers.
    QString code() const;
    bool operator==(const JoseError &) const = default;
};

QString joseReasonCode(JoseReason reason);

/// Token-controlled text (a kid, an issuer, a scope ...) made safe to put in a message: at most maxLength
/// characters ("..." when cut), with control characters, '"' and '\\' replaced by '?', so that a message can be
/// quoted in a log line or an HTTP header parameter without the token choosing its shape.
QString joseDisplayText(const QString &text, qsizetype maxLength = 64);

} // namespace gw
