// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adminrouter.h"

namespace gw {

class SandboxState;

class ApiRoutes
{
public:
    explicit ApiRoutes(SandboxState &state);
    void addTo(AdminRouter &router);

private:
    SandboxState &m_state;
};

} // namespace gw
