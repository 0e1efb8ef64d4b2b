// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokeninspection.h"

#include "jose/claimvalidator.h"
#include "jose/decodedjwt.h"
#include "jose/joseerror.h"
#include "oauthprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gw {

VerifyPolicy TokenCheckPolicy::verifyPolicy() const
{
    VerifyPolicy policy;
    if (accessTokenProfile)
        policy.requiredType = u"at+jwt"_s;
    return policy;
}

ClaimPolicy TokenCheckPolicy::claimPolicy() const
{
    ClaimPolicy policy;
    if (issuer && !issuer->isEmpty())
        policy.issuer = issuer;
    if (audience && !audience->isEmpty())
        policy.audience = audience;
    policy.requiredScopes = requiredScopes;
    policy.leeway = leeway;
    return policy;
}

QStringList TokenCheckPolicy::notChecked() const
{
    QStringList missing;
    if (!issuer || issuer->isEmpty())
        missing << u"issuer"_s;
    if (!audience || audience->isEmpty())
        missing << u"audience"_s;
    if (!accessTokenProfile)
        missing << u"access-token type (typ at+jwt)"_s;
    return missing;
}

namespace TokenInspection {

namespace {

QString keyWords(const Jwk &key)
{
    return u"%1 %2 bits, %3"_s.arg(key.keyType() == Jwk::KeyType::Rsa ? u"RSA"_s : u"EC"_s)
        .arg(key.bits())
        .arg(JwsAlgorithms::name(key.algorithm()));
}

} // namespace

PastedKeys parseKeys(const QString &text, const QString &tokenKeyId, std::optional<JwsAlgorithm> pemAlgorithm)
{
    PastedKeys pasted;
    const QByteArray bytes = text.trimmed().toUtf8();
    if (bytes.isEmpty()) {
        pasted.error = u"No key pasted: paste the issuer's JWKS ({\"keys\": [...]}), one JWK, or a PEM public key "
                       u"or certificate."_s;
        return pasted;
    }
    if (bytes.startsWith('{')) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            pasted.error = u"The pasted key is not valid JSON (%1 at offset %2); paste the JWKS document as the "
                           u"issuer's jwks_uri serves it."_s.arg(parseError.errorString())
                               .arg(parseError.offset);
            return pasted;
        }
        const QJsonObject object = document.object();
        if (object.contains(u"keys"_s)) {
            pasted.keys = JwkSet::fromJson(bytes);
            pasted.skipped = pasted.keys.skippedKeys();
            if (!pasted.keys.error().isEmpty())
                pasted.error = pasted.keys.error() + u'.';
            else if (pasted.keys.isEmpty())
                pasted.error = u"The pasted JWKS holds no key that can verify signatures (%1)."_s.arg(
                    pasted.skipped.isEmpty() ? u"its \"keys\" array is empty"_s : pasted.skipped.join(u"; "_s));
            const qsizetype usable = pasted.keys.keys().size();
            pasted.description = u"pasted JWKS (%1 usable key%2)"_s.arg(usable).arg(usable == 1 ? QString() : u"s"_s);
            return pasted;
        }
        if (object.contains(u"kty"_s)) {
            QString error;
            const auto jwk = Jwk::fromJson(object, &error);
            if (!jwk) {
                pasted.error = u"The pasted JWK cannot verify signatures: %1."_s.arg(error);
                return pasted;
            }
            pasted.keys.add(*jwk);
            pasted.description = u"pasted JWK (%1)"_s.arg(keyWords(*jwk));
            return pasted;
        }
        pasted.error = u"The pasted JSON is neither a JWKS (no \"keys\" array) nor a JWK (no \"kty\")."_s;
        return pasted;
    }
    static const QRegularExpression block(u"-----BEGIN ([A-Z0-9 ]+)-----[^-]*-----END \\1-----"_s);
    QStringList described;
    auto blocks = block.globalMatch(text);
    int found = 0;
    while (blocks.hasNext() && found < 16) {
        const QRegularExpressionMatch match = blocks.next();
        ++found;
        QString error;
        const auto jwk = Jwk::fromPem(match.captured(0).toUtf8(), pemAlgorithm, tokenKeyId, &error);
        if (!jwk) {
            pasted.skipped << u"PEM block %1 (%2): %3"_s.arg(found).arg(match.captured(1).toLower(), error);
            continue;
        }
        pasted.keys.add(*jwk);
        described << keyWords(*jwk);
    }
    if (found == 0) {
        // One malformed block still gets fromPem's specific reason (a private key, no PEM markers).
        QString error;
        if (Jwk::fromPem(bytes, pemAlgorithm, tokenKeyId, &error))
            error = u"it could not be split into PEM blocks"_s;
        pasted.error = u"The pasted text is not a key: %1."_s.arg(error);
        return pasted;
    }
    if (pasted.keys.isEmpty()) {
        pasted.error = u"No pasted PEM block is a usable public key: %1."_s.arg(pasted.skipped.join(u"; "_s));
        return pasted;
    }
    pasted.description = u"pasted PEM key (%1)"_s.arg(described.join(u"; "_s));
    return pasted;
}

TokenInfo decode(const QString &token)
{
    TokenInfo info;
    info.accessToken = token.trimmed();
    if (info.accessToken.startsWith(u"Bearer "_s, Qt::CaseInsensitive))
        info.accessToken = info.accessToken.mid(7).trimmed();
    info.grant = u"pasted"_s;
    const DecodeResult decoded = DecodedJwt::decode(info.accessToken.toUtf8());
    if (!decoded.ok()) {
        info.verification = TokenInfo::Verification::Opaque;
        const bool looksLikeJwt = info.accessToken.count(u'.') >= 2;
        info.verificationText =
            looksLikeJwt ? u"Not a readable JWT: %1."_s.arg(decoded.error.message)
                         : u"Opaque token: it cannot be decoded or verified locally; introspect it to ask the "
                           u"authorization server."_s;
        if (looksLikeJwt) {
            info.verificationErrors << decoded.error.message;
            info.errorCodes << decoded.error.code();
        }
        return info;
    }
    info.header = decoded.jwt->header();
    info.claims = decoded.jwt->claims();
    info.verification = TokenInfo::Verification::Pending;
    info.verificationText = u"Signature NOT verified."_s;
    info.expiresAt = OAuthProtocol::numericDate(info.claims.value(u"exp"_s));
    info.receivedAt = OAuthProtocol::numericDate(info.claims.value(u"iat"_s));
    if (info.claims.contains(u"scope"_s) || info.claims.contains(u"scp"_s))
        info.grantedScopes = ClaimValidator::grantedScopes(info.claims);
    return info;
}

QString summary(const JwtResult &result, const QString &keysError)
{
    if (result.ok())
        return {};
    QString text = result.signatureVerified ? u"Signature verified, but the token is not valid: "_s
                                            : u"Signature NOT verified: "_s;
    QStringList reasons;
    for (const JoseError &error : result.errors)
        reasons << error.message;
    if (reasons.isEmpty() && !keysError.isEmpty())
        reasons << keysError;
    text += reasons.join(u"; "_s);
    if (!result.signatureVerified && !keysError.isEmpty() && !reasons.contains(keysError))
        text += u" ("_s + keysError + u')';
    return text;
}

void applyResult(TokenInfo &token, const JwtResult &result, const QString &keySource, const QString &keysError,
                 const QStringList &notChecked)
{
    token.signatureVerified = result.signatureVerified;
    token.verificationErrors.clear();
    token.errorCodes.clear();
    for (const JoseError &error : result.errors) {
        token.verificationErrors << error.message;
        token.errorCodes << error.code();
    }
    if (result.ok()) {
        token.verification = TokenInfo::Verification::Verified;
        QStringList checked{u"issuer"_s, u"audience"_s};
        for (const QString &skip : notChecked)
            checked.removeAll(skip);
        checked << u"lifetime"_s;
        token.verificationText = u"Signature verified with key \"%1\" (%2) from %3; %4 checked."_s.arg(
            result.jwt->key().keyId(), JwsAlgorithms::name(result.jwt->algorithm()), keySource,
            checked.size() == 1 ? checked.first()
                                : checked.mid(0, checked.size() - 1).join(u", "_s) + u" and "_s + checked.last());
        if (!notChecked.isEmpty())
            token.verificationText += u" Not checked: %1 (none given)."_s.arg(notChecked.join(u", "_s));
    } else {
        token.verification = TokenInfo::Verification::Invalid;
        token.verificationText = summary(result, keysError);
        if (!keysError.isEmpty() && result.errors.isEmpty())
            token.verificationErrors << keysError;
    }
}

TokenInfo verify(const QString &token, const PastedKeys &keys, const TokenCheckPolicy &policy, const QDateTime &now)
{
    TokenInfo info = decode(token);
    if (info.verification != TokenInfo::Verification::Pending)
        return info;
    const JwtResult result =
        JwtVerifier::verify(info.accessToken.toUtf8(), keys.keys, policy.verifyPolicy(), policy.claimPolicy(), now);
    applyResult(info, result, keys.description.isEmpty() ? u"the pasted keys"_s : u"the "_s + keys.description,
                keys.error, policy.notChecked());
    return info;
}

QString claimDisplay(const QString &name, const QJsonValue &value, Qt::TimeSpec localSpec)
{
    const bool isDate = name == u"exp"_s || name == u"iat"_s || name == u"nbf"_s || name == u"auth_time"_s;
    if (const QDateTime time = isDate ? OAuthProtocol::numericDate(value) : QDateTime(); time.isValid()) {
        return u"%1  (%2 local, %3 UTC)"_s.arg(QString::number(time.toSecsSinceEpoch()),
                                               time.toTimeSpec(localSpec).toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                               time.toString(u"yyyy-MM-dd HH:mm:ss"_s));
    }
    if (value.isString())
        return value.toString();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

} // namespace TokenInspection

} // namespace gw
