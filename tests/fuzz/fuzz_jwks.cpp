// SPDX-License-Identifier: GPL-3.0-or-later
// JWKS and pasted key material (app/jose JwkSet, Jwk; TokenInspection::parseKeys for JWKS, one JWK or PEM):
// never a crash, and a key set that was read writes out to one that reads back with the same keys.
#include "fuzzsupport.h"

#include "jose/jwkset.h"
#include "oauth/tokeninspection.h"

#include <QJsonArray>
#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = gw::fuzz::bytes(data, size);

    const gw::JwkSet set = gw::JwkSet::fromJson(input);
    if (!set.isEmpty()) {
        const gw::JwkSet again = gw::JwkSet::fromJson(set.toJson());
        if (again.keys().size() != set.keys().size()) {
            std::fprintf(stderr, "written: %s\nskipped on reading it: %s\n", set.toJson().constData(),
                         qPrintable(again.skippedKeys().join(u"; ")));
            gw::fuzz::fail("a key set written out read back with another number of keys");
        }
        for (qsizetype i = 0; i < set.keys().size(); ++i) {
            if (again.keys().at(i).thumbprint() != set.keys().at(i).thumbprint())
                gw::fuzz::fail("a key written out read back as another key");
            (void)set.keys().at(i).toPem();
            (void)set.keys().at(i).bits();
        }
        (void)set.keysWithId(set.keys().first().keyId());
    }

    // One JWK on its own, as a JWKS member would be read.
    const QJsonDocument document = QJsonDocument::fromJson(input);
    if (document.isObject()) {
        QString error;
        if (const auto key = gw::Jwk::fromJson(document.object(), &error))
            (void)key->toJson();
    }

    // What a person pastes into the token lab (JWKS, JWK, PEM keys and certificates), bound or not to an algorithm.
    const QString text = QString::fromUtf8(input);
    const gw::PastedKeys pasted = gw::TokenInspection::parseKeys(text, QStringLiteral("kid-1"));
    if (pasted.ok() && pasted.keys.isEmpty())
        gw::fuzz::fail("pasted keys are ok without a key");
    if (size > 0 && (data[0] & 1))
        (void)gw::TokenInspection::parseKeys(text, {}, gw::JwsAlgorithm::ES256);
    return 0;
}
