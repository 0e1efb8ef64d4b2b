// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QString>
#include <QStringList>

namespace gw {

/// Turns the environment-independent parts of a workspace into the concrete values one
/// environment needs. The workspace's proxies and aliases are written once for all environments;
/// two placeholders stand for what differs:
///   {{ioTenantUrl}}  the environment's .io tenant URL, without a trailing slash
///   {{gatewayUrl}}   the environment's gateway URL, without a trailing slash
/// Gateway variables such as ${sys:resource_path} and ${aliasName} are left for the gateway.
namespace EndpointResolver {

/// The placeholders expand() knows, with their braces.
QStringList placeholders();

/// `text` with the placeholders replaced by the environment's values.
QString expand(const QString &text, const Environment &environment);

/// The endpointUri of the proxy's straightThroughRouting in this environment. An explicit
/// routingEndpoint is expanded; otherwise it is the tenant URL followed by the integration's path,
/// e.g. http://127.0.0.1:5556/integration/rest/external/integration/run/development/createOrder.
/// The caller's resource path is not appended: a flow service or webhook URL takes no sub-path.
/// Empty when the proxy's project or integration is not in the workspace.
QString routingEndpoint(const Workspace &workspace, const GatewayProxy &proxy, const Environment &environment);

/// What a caller invokes on the gateway: <gatewayUrl>/gateway/<name>/<version>, percent-encoded.
QString invokeUrl(const GatewayProxy &proxy, const Environment &environment);

/// The value an alias has on this environment's gateway: the expanded value of a simple alias or
/// endpoint URI of an endpoint alias; empty for an httpTransportSecurityAlias.
QString aliasValue(const Alias &alias, const Environment &environment);

} // namespace EndpointResolver

} // namespace gw
