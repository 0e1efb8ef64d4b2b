// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adminrouter.h"
#include "policycatalog.h"

namespace gw {

class SandboxState;

/// Policy management (APIGatewayPolicyManagement.json): /policies, /policyActions,
/// /policyActionTemplates and /policyStages, with the product's {"policy": ...} and
/// {"policyAction": ...} envelopes.
class PolicyRoutes
{
public:
    explicit PolicyRoutes(SandboxState &state);
    void addTo(AdminRouter &router);

    /// Checks the policyEnforcements of a policy: known stages, existing actions, each action's template
    /// allowed in its stage, and the "once" templates; sets @p status to 400 or 500 (occurrence, as the
    /// product does) and returns the error text, or nothing when valid.
    std::optional<QString> validateEnforcements(const QJsonValue &policyEnforcements, int *status) const;

private:
    SandboxReply listPolicies(const AdminRequest &request) const;
    SandboxReply getPolicy(const AdminRequest &request) const;
    SandboxReply createPolicy(const AdminRequest &request);
    SandboxReply updatePolicy(const AdminRequest &request);
    SandboxReply deletePolicy(const AdminRequest &request);
    SandboxReply listActions(const AdminRequest &request) const;
    SandboxReply getAction(const AdminRequest &request) const;
    SandboxReply createAction(const AdminRequest &request);
    SandboxReply updateAction(const AdminRequest &request);
    SandboxReply deleteAction(const AdminRequest &request);

    SandboxState &m_state;
    PolicyCatalog m_catalog;
};

} // namespace gw
