// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adminrouter.h"

#include <QHttpServerResponder>
#include <QObject>

#include <memory>

namespace gw {

class GatewayServer;
class SandboxState;
class ApiRoutes;
class PolicyRoutes;
class AliasRoutes;

/// The admin REST API under /rest/apigateway: HTTP Basic for the administrator, then the routes of
/// the official Swagger files (service, policy and alias management, health, server info) plus the
/// sandbox's own /rest/apigateway/sandbox/faults.
class AdminApi : public QObject
{
    Q_OBJECT
public:
    AdminApi(SandboxState &state, GatewayServer &server, QString adminUser, QString adminPassword,
             QObject *parent = nullptr);
    ~AdminApi() override;

    static constexpr QLatin1String basePath{"/rest/apigateway"};

    /// Answers one request to the admin API (`path` below basePath): what the HTTP handler does once it has read
    /// the request off the socket, so that the authentication and routing can be driven without one (the fuzz
    /// target). `done` may be called later, for a route that waits on another request.
    void respond(AdminRequest request, AdminRouter::Completion done);

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    bool authorized(const AdminRequest &request) const;
    void addOwnRoutes();

    SandboxState &m_state;
    GatewayServer &m_server;
    QString m_adminUser;
    QString m_adminPassword;
    AdminRouter m_router;
    std::unique_ptr<ApiRoutes> m_apis;
    std::unique_ptr<PolicyRoutes> m_policies;
    std::unique_ptr<AliasRoutes> m_aliases;
};

} // namespace gw
