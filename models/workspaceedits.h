// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

namespace gw {

/// Edits that keep a workspace consistent: a rename carries over to every reference, a deletion
/// takes along or detaches what depended on the item, so that the result still passes
/// WorkspaceValidator (and can be saved). Pure functions: they return the edited copy.
/// CrossReferences::breakageOfDeleting*() words what these deletions do.
namespace WorkspaceEdits {

/// Proxies using the alias keep no outbound auth (.io will answer them 401).
Workspace removeAlias(Workspace workspace, const QString &alias);
/// Its aliases go too (see removeAlias).
Workspace removeTechnicalUser(Workspace workspace, const QString &user);
/// The proxies that front it go too; technical users lose it from their projects.
Workspace removeProject(Workspace workspace, const QString &project);
Workspace removeProxy(Workspace workspace, const QString &name, const QString &version);

/// Replace the item at `row` (append when `row` is -1); a new name is carried to the references.
Workspace putAlias(Workspace workspace, qsizetype row, const Alias &alias);
Workspace putTechnicalUser(Workspace workspace, qsizetype row, const TechnicalUser &user);
Workspace putProject(Workspace workspace, qsizetype row, const IoProject &project);
Workspace putProxy(Workspace workspace, qsizetype row, const GatewayProxy &proxy);

} // namespace WorkspaceEdits

} // namespace gw
