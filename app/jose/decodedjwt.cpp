// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodedjwt.h"

#include "jose/base64url.h"

#include <QJsonDocument>
#include <QList>

namespace gw {

namespace {

JoseError error(JoseReason reason, const QString &message)
{
    return JoseError{reason, message};
}

// Qt keeps the last of duplicate member names silently; RFC 8725 §3.7 asks to reject them where they can be
// seen, since two parsers may pick different ones ("alg" twice). Counts the top-level member names of a JSON
// text that QJsonDocument already accepted, to compare with the object's size.
qsizetype topLevelMemberCount(QByteArrayView json)
{
    qsizetype count = 0;
    int depth = 0;
    bool afterString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '"') {
            for (++i; i < json.size() && json.at(i) != '"'; ++i) {
                if (json.at(i) == '\\')
                    ++i;
            }
            afterString = depth == 1;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == ':' && afterString)
            ++count;
        afterString = false;
        if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']')
            --depth;
    }
    return count;
}

} // namespace

DecodeResult DecodedJwt::decode(QByteArrayView token, qsizetype maxTokenSize)
{
    DecodeResult result;
    if (token.size() > maxTokenSize) {
        result.error = error(
            JoseReason::TokenTooLarge,
            QStringLiteral("token is %1 bytes, larger than the limit of %2 bytes").arg(token.size()).arg(maxTokenSize));
        return result;
    }
    QList<QByteArrayView> segments;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= token.size(); ++i) {
        if (i == token.size() || token.at(i) == '.') {
            segments.append(token.sliced(start, i - start));
            start = i + 1;
        }
    }
    if (segments.size() == 5) {
        result.error = error(JoseReason::EncryptedTokenUnsupported,
                             QStringLiteral("JWE (encrypted) tokens are not supported: the token has 5 segments"));
        return result;
    }
    if (segments.size() != 3) {
        result.error =
            error(JoseReason::MalformedToken,
                  QStringLiteral("token has %1 segment(s); a signed JWT has exactly 3 (header.payload.signature)")
                      .arg(segments.size()));
        return result;
    }
    static const QString names[] = {QStringLiteral("header"), QStringLiteral("payload"), QStringLiteral("signature")};
    QByteArray decoded[3];
    for (int i = 0; i < 3; ++i) {
        auto bytes = Base64Url::decode(segments.at(i));
        if (!bytes) {
            result.error = error(
                JoseReason::InvalidBase64Url,
                QStringLiteral("%1 segment is not valid base64url (RFC 7515 §2: no padding, no + or /)").arg(names[i]));
            return result;
        }
        decoded[i] = *bytes;
    }
    QJsonParseError parseError;
    const QJsonDocument header = QJsonDocument::fromJson(decoded[0], &parseError);
    if (parseError.error != QJsonParseError::NoError || !header.isObject()) {
        result.error = error(JoseReason::InvalidHeader, QStringLiteral("header is not a JSON object"));
        return result;
    }
    if (topLevelMemberCount(decoded[0]) != header.object().size()) {
        result.error = error(JoseReason::InvalidHeader, QStringLiteral("header has a duplicate member name"));
        return result;
    }
    const QJsonDocument claims = QJsonDocument::fromJson(decoded[1], &parseError);
    if (parseError.error != QJsonParseError::NoError || !claims.isObject()) {
        result.error =
            error(JoseReason::InvalidPayload, QStringLiteral("payload is not a JSON object (a JWT claims set)"));
        return result;
    }
    if (topLevelMemberCount(decoded[1]) != claims.object().size()) {
        result.error = error(JoseReason::InvalidPayload, QStringLiteral("payload has a duplicate claim name"));
        return result;
    }
    DecodedJwt jwt;
    jwt.m_header = header.object();
    jwt.m_claims = claims.object();
    jwt.m_signature = decoded[2];
    jwt.m_signingInput = token.first(segments.at(0).size() + 1 + segments.at(1).size()).toByteArray();
    result.jwt = jwt;
    return result;
}

QString DecodedJwt::algorithmName() const
{
    return m_header.value(QLatin1StringView("alg")).toString();
}

QString DecodedJwt::keyId() const
{
    return m_header.value(QLatin1StringView("kid")).toString();
}

QString DecodedJwt::type() const
{
    return m_header.value(QLatin1StringView("typ")).toString();
}

} // namespace gw
