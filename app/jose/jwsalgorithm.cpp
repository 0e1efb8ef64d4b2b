// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwsalgorithm.h"

namespace gw::JwsAlgorithms {

QString name(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::RS256:
        return QStringLiteral("RS256");
    case JwsAlgorithm::RS384:
        return QStringLiteral("RS384");
    case JwsAlgorithm::RS512:
        return QStringLiteral("RS512");
    case JwsAlgorithm::PS256:
        return QStringLiteral("PS256");
    case JwsAlgorithm::ES256:
        return QStringLiteral("ES256");
    case JwsAlgorithm::ES384:
        return QStringLiteral("ES384");
    }
    return {};
}

std::optional<JwsAlgorithm> fromName(QStringView name)
{
    for (const JwsAlgorithm algorithm : all()) {
        if (name == JwsAlgorithms::name(algorithm))
            return algorithm;
    }
    return std::nullopt;
}

QList<JwsAlgorithm> all()
{
    return {JwsAlgorithm::RS256, JwsAlgorithm::RS384, JwsAlgorithm::RS512,
            JwsAlgorithm::PS256, JwsAlgorithm::ES256, JwsAlgorithm::ES384};
}

bool isRsa(JwsAlgorithm algorithm)
{
    return !isEcdsa(algorithm);
}

bool isEcdsa(JwsAlgorithm algorithm)
{
    return algorithm == JwsAlgorithm::ES256 || algorithm == JwsAlgorithm::ES384;
}

int ecdsaSignatureSize(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::ES256:
        return 64;
    case JwsAlgorithm::ES384:
        return 96;
    default:
        return 0;
    }
}

} // namespace gw::JwsAlgorithms
