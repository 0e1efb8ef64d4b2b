// SPDX-License-Identifier: GPL-3.0-or-later
// The JWT decoder and verifier (app/jose DecodedJwt, JwtVerifier; TokenInspection::decode for pasted tokens).
// The first byte picks a mode: 0 and 1 take the rest as a compact token, as it comes off the wire; 2 and 3 take
// "<header JSON>\n<payload>" and sign it with the target's own ES256 key first, so that the claim checks behind
// the signature check are reached too.
#include "fuzzsupport.h"

#include "jose/jwtverifier.h"
#include "jose/signingkey.h"
#include "oauth/tokeninspection.h"

#include <QDateTime>
#include <QTimeZone>

namespace {

struct Keys
{
    gw::SigningKey es256;
    gw::JwkSet set;
};

const Keys &keys()
{
    static const Keys k = [] {
        auto es = gw::SigningKey::generate(gw::JwsAlgorithm::ES256, QStringLiteral("es-1"));
        auto rs = gw::SigningKey::generate(gw::JwsAlgorithm::RS256, QStringLiteral("rs-1"));
        if (!es || !rs)
            gw::fuzz::fail("no signing keys");
        return Keys{*es, gw::JwkSet({es->publicKey(), rs->publicKey()})};
    }();
    return k;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    (void)keys();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t mode = data[0] & 3;
    const QByteArray rest = gw::fuzz::bytes(data + 1, size - 1);

    QByteArray token = rest;
    if (mode >= 2) {
        const qsizetype newline = rest.indexOf('\n');
        if (newline < 0)
            return 0;
        token = keys().es256.signRaw(rest.left(newline), rest.mid(newline + 1));
        if (token.isEmpty())
            gw::fuzz::fail("signing failed");
    }

    const gw::DecodeResult decoded = gw::DecodedJwt::decode(token);
    if (decoded.ok()) {
        (void)decoded.jwt->algorithmName();
        (void)decoded.jwt->keyId();
        (void)decoded.jwt->type();
    }

    gw::ClaimPolicy claimPolicy;
    claimPolicy.issuer = QStringLiteral("https://issuer.example");
    claimPolicy.audience = QStringLiteral("gatewright");
    claimPolicy.requiredScopes = {QStringLiteral("read")};
    gw::VerifyPolicy verifyPolicy;
    if (mode & 1)
        verifyPolicy.requiredType = QStringLiteral("at+jwt");
    const QDateTime now(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::utc());
    const gw::JwtResult result = gw::JwtVerifier::verify(token, keys().set, verifyPolicy, claimPolicy, now);
    if (result.ok() && (!result.signatureVerified || !result.errors.isEmpty()))
        gw::fuzz::fail("a token was accepted without a verified signature, or with errors");
    if (result.ok() && !decoded.ok())
        gw::fuzz::fail("a token the decoder refuses was accepted by the verifier");
    (void)gw::ClaimValidator::grantedScopes(decoded.ok() ? decoded.jwt->claims() : QJsonObject());

    // The token lab's path for a token someone pasted.
    const QString pasted = QString::fromUtf8(token);
    const gw::TokenInfo info = gw::TokenInspection::decode(pasted);
    gw::PastedKeys pastedKeys;
    pastedKeys.keys = keys().set;
    gw::TokenCheckPolicy checkPolicy;
    checkPolicy.issuer = claimPolicy.issuer;
    (void)gw::TokenInspection::verify(pasted, pastedKeys, checkPolicy, now);
    return 0;
}
