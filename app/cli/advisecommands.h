// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"

namespace gw::cli {

/// `advise`: the technical-user advisor (blast radius, comparison, recommendation, live check, apply).
QList<CliCommand> adviseCommands();

} // namespace gw::cli
