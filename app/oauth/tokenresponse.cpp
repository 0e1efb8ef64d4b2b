// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenresponse.h"

namespace gw {

QStringList TokenResponse::missingScopes() const
{
    QStringList missing;
    if (!grantedScopes)
        return missing;
    for (const QString &scope : requestedScopes) {
        if (!grantedScopes->contains(scope))
            missing << scope;
    }
    return missing;
}

} // namespace gw
