// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace gw {

class IoTenant;
class AuthorizationServer;
class SandboxState;

/// The demo scenario of `gatewright-sandbox --seed demo` (it matches resources/examples/demo.gatewright.json):
/// three .io projects with their integrations, a shared technical user and one per project with their roles,
/// the OAuth clients demo-client and demo-native, the gateway aliases and six APIs with OAuth 2.0 inbound
/// authentication, InvoicesIssue without Outbound Auth (the native-provider 401 and its fix).
namespace DemoSeed {

inline constexpr QLatin1StringView ClientId{"demo-client"};
inline constexpr QLatin1StringView ClientSecret{"demo-client-secret"};
inline constexpr QLatin1StringView NativeClientId{"demo-native"};
inline constexpr QLatin1StringView Scopes{"orders:read orders:write customers:read invoices:write"};

struct DemoProxy
{
    QString name;
    QString version;
    QString project;
    QString integration;
    QString path;          ///< the integration's path on the tenant
    QString scope;         ///< scope a token needs
    QString outboundAlias; ///< empty: no Outbound Auth (native 401)
};

/// The six demo APIs, in the order they are created.
QList<DemoProxy> proxies();

/// Projects, roles and users of the tenant. \a adminLogin / \a adminPassword become a tenant Admin
/// (the only role that may read the call record).
void seedTenant(IoTenant &tenant, const QString &adminLogin, const QString &adminPassword);
/// The demo OAuth clients.
void seedOAuth(AuthorizationServer &oauth);
/// Aliases (io-tenant-url points at \a tenantUrl) and the six active APIs with their policy actions.
void seedGateway(SandboxState &state, const QUrl &tenantUrl);
/// For the start-up line: client id and secret, token endpoint, and the URL of each demo proxy.
QJsonObject startupInfo(const QUrl &gatewayUrl, const AuthorizationServer &oauth);

} // namespace DemoSeed

} // namespace gw
