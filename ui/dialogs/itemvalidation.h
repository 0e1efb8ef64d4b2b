// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QString>

namespace gw::ItemValidation {

/// The first problem WorkspaceValidator finds under `pointer` (e.g. "/proxies/6") in `candidate`,
/// worded for a dialog ("inboundAuth/scopes/0: ..."), or an empty string. The dialogs run it after
/// their own checks so that whatever they accept can be saved.
QString firstProblemAt(const Workspace &candidate, const QString &pointer);

} // namespace gw::ItemValidation
