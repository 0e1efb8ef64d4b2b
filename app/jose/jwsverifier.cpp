// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwsverifier.h"

#include "jose/jwscrypto.h"

#include <QJsonArray>
#include <QStringList>

#include <openssl/evp.h>

namespace gw {

namespace {

QString quoted(const QString &text)
{
    return u'"' + joseDisplayText(text) + u'"';
}

QString normalisedType(QString type)
{
    type = type.toLower();
    if (type.startsWith(QLatin1StringView("application/")))
        type.remove(0, 12);
    return type;
}

QString algorithmList(const QList<JwsAlgorithm> &algorithms)
{
    QStringList names;
    for (const JwsAlgorithm algorithm : algorithms)
        names.append(JwsAlgorithms::name(algorithm));
    return names.join(QStringLiteral(", "));
}

QString keyName(const Jwk &key)
{
    return key.keyId().isEmpty() ? QStringLiteral("(without kid)") : quoted(key.keyId());
}

JoseError checkHeader(const DecodedJwt &jwt, const VerifyPolicy &policy, JwsAlgorithm *algorithm)
{
    const QJsonObject header = jwt.header();
    const QJsonValue alg = header.value(QLatin1StringView("alg"));
    if (!alg.isString() || alg.toString().isEmpty())
        return {JoseReason::AlgorithmMissing, QStringLiteral("header has no \"alg\" (algorithm)")};
    const QString name = alg.toString();
    if (name.compare(QLatin1StringView("none"), Qt::CaseInsensitive) == 0)
        return {JoseReason::AlgorithmNone, QStringLiteral("algorithm \"none\" (an unsigned token) is never accepted")};
    if (name.startsWith(QLatin1StringView("HS"), Qt::CaseInsensitive)) {
        return {
            JoseReason::AlgorithmNotAllowed,
            QStringLiteral("algorithm %1 (HMAC) is never accepted: the trusted keys are public keys, and HMAC keyed "
                           "with a public key is a forgery (RFC 8725 §2.1)")
                .arg(quoted(name))};
    }
    const std::optional<JwsAlgorithm> known = JwsAlgorithms::fromName(name);
    if (!known || !policy.allowedAlgorithms.contains(*known)) {
        return {JoseReason::AlgorithmNotAllowed, QStringLiteral("algorithm %1 is not allowed (allowed: %2)")
                                                     .arg(quoted(name), algorithmList(policy.allowedAlgorithms))};
    }
    *algorithm = *known;

    // RFC 7515 §4.1.11: a recipient that does not understand a listed extension must reject the token.
    const QJsonValue crit = header.value(QLatin1StringView("crit"));
    if (!crit.isUndefined()) {
        const QJsonArray names = crit.toArray();
        if (!crit.isArray() || names.isEmpty() || !names.first().isString())
            return {JoseReason::UnsupportedCritical,
                    QStringLiteral("header \"crit\" is not a list of parameter names")};
        return {JoseReason::UnsupportedCritical,
                QStringLiteral("critical header parameter %1 is not supported").arg(quoted(names.first().toString()))};
    }

    if (!policy.requiredType.isEmpty()) {
        const QJsonValue typ = header.value(QLatin1StringView("typ"));
        if (!typ.isString()) {
            return {JoseReason::TypeMismatch,
                    QStringLiteral("header has no \"typ\"; %1 is required").arg(policy.requiredType)};
        }
        if (normalisedType(typ.toString()) != normalisedType(policy.requiredType)) {
            return {JoseReason::TypeMismatch, QStringLiteral("header \"typ\" is %1; %2 is required")
                                                  .arg(quoted(typ.toString()), policy.requiredType)};
        }
    }
    const QJsonValue kid = header.value(QLatin1StringView("kid"));
    if (!kid.isUndefined() && !kid.isString())
        return {JoseReason::InvalidHeader, QStringLiteral("header \"kid\" is not a string")};
    return {};
}

JoseError checkSignatureLength(const Jwk &key, JwsAlgorithm algorithm, qsizetype size)
{
    if (JwsAlgorithms::isEcdsa(algorithm)) {
        const int expected = JwsAlgorithms::ecdsaSignatureSize(algorithm);
        if (size != expected) {
            return {JoseReason::SignatureLength,
                    QStringLiteral("signature is %1 bytes; %2 needs %3 (R || S, RFC 7518 §3.4)")
                        .arg(size)
                        .arg(JwsAlgorithms::name(algorithm))
                        .arg(expected)};
        }
        return {};
    }
    const int expected = EVP_PKEY_get_size(key.evpKey());
    if (size != expected) {
        return {JoseReason::SignatureLength, QStringLiteral("signature is %1 bytes; %2 with the %3-bit key %4 needs %5")
                                                 .arg(size)
                                                 .arg(JwsAlgorithms::name(algorithm))
                                                 .arg(key.bits())
                                                 .arg(keyName(key))
                                                 .arg(expected)};
    }
    return {};
}

} // namespace

VerifyResult JwsVerifier::verify(QByteArrayView token, const JwkSet &keys, const VerifyPolicy &policy)
{
    VerifyResult result;
    DecodeResult decoded = DecodedJwt::decode(token, policy.maxTokenSize);
    if (!decoded.ok()) {
        result.error = decoded.error;
        return result;
    }
    const DecodedJwt &jwt = *decoded.jwt;
    result.decoded = jwt;

    JwsAlgorithm algorithm = JwsAlgorithm::RS256;
    result.error = checkHeader(jwt, policy, &algorithm);
    if (result.error.reason != JoseReason::None)
        return result;

    if (keys.isEmpty()) {
        result.error = {JoseReason::NoKeys,
                        QStringLiteral("the key set is empty: there is no key to verify the token with")};
        return result;
    }
    const bool hasKeyId = jwt.header().contains(QLatin1StringView("kid"));
    const QList<Jwk> named = hasKeyId ? keys.keysWithId(jwt.keyId()) : keys.keys();
    if (named.isEmpty()) {
        QStringList known;
        for (const Jwk &key : keys.keys())
            known.append(keyName(key));
        result.error = {JoseReason::KeyNotFound, QStringLiteral("no key with kid %1 in the key set (known: %2)")
                                                     .arg(quoted(jwt.keyId()), known.join(QStringLiteral(", ")))};
        return result;
    }
    // RFC 8725 §3.1: each key is used with exactly one algorithm, and the token must name that one.
    QList<Jwk> candidates;
    QStringList bindings;
    for (const Jwk &key : named) {
        bindings.append(keyName(key) + QStringLiteral(" is bound to ") + JwsAlgorithms::name(key.algorithm()));
        if (key.algorithm() == algorithm && policy.allowedAlgorithms.contains(key.algorithm()))
            candidates.append(key);
    }
    if (candidates.isEmpty()) {
        result.error = {JoseReason::AlgorithmKeyMismatch,
                        QStringLiteral("token algorithm %1 does not match the key: %2")
                            .arg(JwsAlgorithms::name(algorithm), bindings.join(QStringLiteral("; ")))};
        return result;
    }
    for (const Jwk &key : candidates) {
        const JoseError length = checkSignatureLength(key, algorithm, jwt.signature().size());
        if (length.reason != JoseReason::None) {
            result.error = length;
            continue;
        }
        if (JwsCrypto::verify(key.evpKey(), algorithm, jwt.signingInput(), jwt.signature())) {
            result.jwt = VerifiedJwt(jwt, key);
            result.error = {};
            return result;
        }
        result.error = {JoseReason::SignatureInvalid, QStringLiteral("signature does not verify with %1 key %2")
                                                          .arg(JwsAlgorithms::name(algorithm), keyName(key))};
    }
    if (candidates.size() > 1) {
        result.error = {JoseReason::SignatureInvalid,
                        QStringLiteral("signature does not verify with any of the %1 %2 keys")
                            .arg(candidates.size())
                            .arg(JwsAlgorithms::name(algorithm))};
    }
    return result;
}

} // namespace gw
