// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"

namespace gw::cli {

/// `check` (test an environment's connections) and `adopt` (take what a gateway and tenant hold into a workspace).
QList<CliCommand> connectCommands();

} // namespace gw::cli
