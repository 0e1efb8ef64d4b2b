// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Example files built into the program as Qt resources.
namespace gw::Examples {

/// ":/examples/demo.gatewright.json": the demo workspace that matches `gatewright-sandbox --seed demo`.
/// Readable with WorkspaceFile::read(); save it elsewhere before editing (resources are read-only).
QString demoWorkspacePath();

} // namespace gw::Examples
