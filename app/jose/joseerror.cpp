// SPDX-License-Identifier: GPL-3.0-or-later
#include "joseerror.h"

namespace gw {

QString JoseError::code() const
{
    return joseReasonCode(reason);
}

QString joseReasonCode(JoseReason reason)
{
    switch (reason) {
    case JoseReason::None:
        return QStringLiteral("none");
    case JoseReason::TokenTooLarge:
        return QStringLiteral("token-too-large");
    case JoseReason::MalformedToken:
        return QStringLiteral("malformed-token");
    case JoseReason::EncryptedTokenUnsupported:
        return QStringLiteral("encrypted-token-unsupported");
    case JoseReason::InvalidBase64Url:
        return QStringLiteral("invalid-base64url");
    case JoseReason::InvalidHeader:
        return QStringLiteral("invalid-header");
    case JoseReason::InvalidPayload:
        return QStringLiteral("invalid-payload");
    case JoseReason::AlgorithmMissing:
        return QStringLiteral("algorithm-missing");
    case JoseReason::AlgorithmNone:
        return QStringLiteral("algorithm-none");
    case JoseReason::AlgorithmNotAllowed:
        return QStringLiteral("algorithm-not-allowed");
    case JoseReason::AlgorithmKeyMismatch:
        return QStringLiteral("algorithm-key-mismatch");
    case JoseReason::UnsupportedCritical:
        return QStringLiteral("unsupported-critical-header");
    case JoseReason::TypeMismatch:
        return QStringLiteral("type-mismatch");
    case JoseReason::NoKeys:
        return QStringLiteral("no-keys");
    case JoseReason::KeyNotFound:
        return QStringLiteral("key-not-found");
    case JoseReason::SignatureLength:
        return QStringLiteral("signature-length");
    case JoseReason::SignatureInvalid:
        return QStringLiteral("signature-invalid");
    case JoseReason::IssuerMismatch:
        return QStringLiteral("issuer-mismatch");
    case JoseReason::AudienceMismatch:
        return QStringLiteral("audience-mismatch");
    case JoseReason::ExpirationMissing:
        return QStringLiteral("expiration-missing");
    case JoseReason::ClaimNotNumeric:
        return QStringLiteral("claim-not-numeric");
    case JoseReason::Expired:
        return QStringLiteral("expired");
    case JoseReason::NotYetValid:
        return QStringLiteral("not-yet-valid");
    case JoseReason::IssuedInFuture:
        return QStringLiteral("issued-in-future");
    case JoseReason::ScopeMissing:
        return QStringLiteral("scope-missing");
    }
    return QStringLiteral("unknown");
}

QString joseDisplayText(const QString &text, qsizetype maxLength)
{
    QString shown = text.left(maxLength);
    for (QChar &c : shown) {
        if (!c.isPrint() || c == u'"' || c == u'\\')
            c = u'?';
    }
    if (text.size() > maxLength)
        shown += QStringLiteral("...");
    return shown;
}

} // namespace gw
