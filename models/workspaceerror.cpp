// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspaceerror.h"

#include <QStringList>

namespace gw {

QString WorkspaceError::toString() const
{
    if (pointer.isEmpty())
        return message;
    return pointer + QStringLiteral(": ") + message;
}

QString WorkspaceError::join(const QList<WorkspaceError> &errors)
{
    QStringList lines;
    lines.reserve(errors.size());
    for (const WorkspaceError &error : errors)
        lines.append(error.toString());
    return lines.join(QLatin1Char('\n'));
}

QString WorkspaceError::escapeToken(const QString &token)
{
    QString escaped = token;
    escaped.replace(QLatin1Char('~'), QStringLiteral("~0"));
    escaped.replace(QLatin1Char('/'), QStringLiteral("~1"));
    return escaped;
}

} // namespace gw
