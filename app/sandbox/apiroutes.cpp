// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiroutes.h"

#include "sandboxstate.h"

namespace gw {

ApiRoutes::ApiRoutes(SandboxState &state)
    : m_state(state)
{}

void ApiRoutes::addTo(AdminRouter &router)
{
    Q_UNUSED(router);
}

} // namespace gw
