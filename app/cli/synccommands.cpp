// SPDX-License-Identifier: GPL-3.0-or-later
#include "synccommands.h"

namespace gw::cli {

QList<CliCommand> syncCommands()
{
    return {};
}

} // namespace gw::cli
