// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"
#include "workspaceerror.h"

#include <QList>

namespace gw {

/// Checks the values and cross-references of a Workspace: non-empty names, unique identities,
/// URLs, keychain references, placeholders, and that every proxy, alias and technical user refers
/// to things that exist. Errors carry the JSON pointer of the field in the workspace file
/// (docs/workspace-format.md), so a dialog and the file reader report the same text.
namespace WorkspaceValidator {

/// Every problem, in file order; empty when the workspace is consistent.
QList<WorkspaceError> validate(const Workspace &workspace);

/// The problem with an http(s) URL as the workspace accepts it, or an empty string when it is fine:
/// absolute, http or https, a host, no user info, no fragment, and plain http only on loopback.
QString urlProblem(const QString &url);

} // namespace WorkspaceValidator

} // namespace gw
