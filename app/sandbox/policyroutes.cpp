// SPDX-License-Identifier: GPL-3.0-or-later
#include "policyroutes.h"

#include "sandboxstate.h"

namespace gw {

PolicyRoutes::PolicyRoutes(SandboxState &state)
    : m_state(state)
{}

void PolicyRoutes::addTo(AdminRouter &router)
{
    Q_UNUSED(router);
}

} // namespace gw
