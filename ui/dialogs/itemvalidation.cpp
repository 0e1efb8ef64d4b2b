// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemvalidation.h"

#include "workspacevalidator.h"

using namespace Qt::StringLiterals;

namespace gw::ItemValidation {

QString firstProblemAt(const Workspace &candidate, const QString &pointer)
{
    const QString prefix = pointer + u'/';
    for (const WorkspaceError &error : WorkspaceValidator::validate(candidate)) {
        if (error.pointer == pointer)
            return error.message;
        if (error.pointer.startsWith(prefix))
            return error.pointer.mid(prefix.size()) + u": "_s + error.message;
    }
    return {};
}

} // namespace gw::ItemValidation
