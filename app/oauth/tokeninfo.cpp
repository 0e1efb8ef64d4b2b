// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokeninfo.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace gw {

QString TokenInfo::verificationName(Verification verification)
{
    switch (verification) {
    case Verification::None:
        return u"none"_s;
    case Verification::Pending:
        return u"not-verified"_s;
    case Verification::Verified:
        return u"verified"_s;
    case Verification::Invalid:
        return u"invalid"_s;
    case Verification::Opaque:
        return u"opaque"_s;
    }
    return {};
}

QJsonValue TokenInfo::missingScopesJson() const
{
    if (!grantedScopes && !requestedScopes.isEmpty())
        return u"not stated by the server"_s;
    return QJsonArray::fromStringList(missingScopes);
}

} // namespace gw
