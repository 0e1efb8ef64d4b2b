// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"

namespace gw::cli {

/// `expose`: a .io integration behind a new gateway proxy, applied and verified with a real call.
QList<CliCommand> exposeCommands();

} // namespace gw::cli
