// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace gw {

/// One problem in a workspace file or a Workspace value: where (an RFC 6901 JSON pointer into the
/// file, "" for the whole document) and what, in words a person can act on.
struct WorkspaceError
{
    QString pointer;
    QString message;

    /// `/proxies/3/outboundAuth/alias: unknown alias "io-orders"`, or the message alone when the
    /// pointer is empty.
    QString toString() const;

    /// One error per line.
    static QString join(const QList<WorkspaceError> &errors);

    /// A pointer token with '~' and '/' escaped as RFC 6901 §3 asks.
    static QString escapeToken(const QString &token);

    friend bool operator==(const WorkspaceError &, const WorkspaceError &) = default;
};

} // namespace gw
