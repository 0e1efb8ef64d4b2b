// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"

namespace gw::cli {

QList<CliCommand> syncCommands();

} // namespace gw::cli
