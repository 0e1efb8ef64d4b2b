// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliasroutes.h"

#include "sandboxstate.h"

namespace gw {

AliasRoutes::AliasRoutes(SandboxState &state)
    : m_state(state)
{}

void AliasRoutes::addTo(AdminRouter &router)
{
    Q_UNUSED(router);
}

} // namespace gw
