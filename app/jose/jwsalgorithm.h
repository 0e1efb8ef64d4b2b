// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace gw {

/// The JWS algorithms Gatewright accepts (RFC 7518 §3). HMAC and "none" are deliberately absent:
/// a verifier that holds only public keys must never accept them.
enum class JwsAlgorithm { RS256, RS384, RS512, PS256, ES256, ES384 };

namespace JwsAlgorithms {

QString name(JwsAlgorithm algorithm);
/// Exact, case-sensitive match on the registered names ("RS256", ...); nullopt for anything else.
std::optional<JwsAlgorithm> fromName(QStringView name);
QList<JwsAlgorithm> all();
bool isRsa(JwsAlgorithm algorithm);
bool isEcdsa(JwsAlgorithm algorithm);
/// Length in bytes of an ECDSA signature in JOSE form (R || S), 0 for RSA.
int ecdsaSignatureSize(JwsAlgorithm algorithm);

} // namespace JwsAlgorithms

} // namespace gw
