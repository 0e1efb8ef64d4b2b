// SPDX-License-Identifier: GPL-3.0-or-later
#include "examples.h"

namespace gw::Examples {

QString demoWorkspacePath()
{
    return QStringLiteral(":/examples/demo.gatewright.json");
}

} // namespace gw::Examples
