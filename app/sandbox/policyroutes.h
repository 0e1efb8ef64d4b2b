// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adminrouter.h"

namespace gw {

class SandboxState;

class PolicyRoutes
{
public:
    explicit PolicyRoutes(SandboxState &state);
    void addTo(AdminRouter &router);

private:
    SandboxState &m_state;
};

} // namespace gw
