// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adminrouter.h"

#include <QJsonObject>

#include <memory>

class QNetworkAccessManager;

namespace gw {

class SandboxState;

/// Service management (APIGatewayServiceManagement.json): /apis list, get, create (inline definition,
/// a posted Swagger/OpenAPI document as JSON or multipart "file", or a loopback "url" to fetch),
/// update, delete (refused while active), bulk delete, activate and deactivate, in the
/// {"apiResponse": ...} envelope.
class ApiRoutes
{
public:
    explicit ApiRoutes(SandboxState &state);
    ~ApiRoutes();
    void addTo(AdminRouter &router);

private:
    SandboxReply list(const AdminRequest &request) const;
    SandboxReply get(const AdminRequest &request) const;
    void create(const AdminRequest &request, AdminRouter::Completion done);
    SandboxReply createFrom(QJsonObject input, const QJsonValue &document);
    SandboxReply update(const AdminRequest &request);
    SandboxReply remove(const AdminRequest &request);
    SandboxReply removeMany(const AdminRequest &request);
    SandboxReply setActive(const AdminRequest &request, bool active);
    /// Why the API cannot be deleted, or nothing.
    std::optional<QString> deleteBlocker(const QJsonObject &api) const;
    void deleteApi(const QJsonObject &api);

    SandboxState &m_state;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace gw
