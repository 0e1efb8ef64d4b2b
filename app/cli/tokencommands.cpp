// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokencommands.h"

namespace gw::cli {

QList<CliCommand> tokenCommands()
{
    return {};
}

} // namespace gw::cli
