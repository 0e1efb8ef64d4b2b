// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointresolver.h"

#include <QUrl>

namespace gw::EndpointResolver {

namespace {

const QString IoTenantUrl = QStringLiteral("{{ioTenantUrl}}");
const QString GatewayUrl = QStringLiteral("{{gatewayUrl}}");

QString withoutTrailingSlashes(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

} // namespace

QStringList placeholders()
{
    return {IoTenantUrl, GatewayUrl};
}

QString expand(const QString &text, const Environment &environment)
{
    QString result = text;
    result.replace(IoTenantUrl, withoutTrailingSlashes(environment.ioTenantUrl));
    result.replace(GatewayUrl, withoutTrailingSlashes(environment.gatewayUrl));
    return result;
}

QString routingEndpoint(const Workspace &workspace, const GatewayProxy &proxy, const Environment &environment)
{
    if (!proxy.routingEndpoint.isEmpty())
        return expand(proxy.routingEndpoint, environment);
    const IoProject *project = workspace.project(proxy.project);
    const Integration *integration = project ? project->integration(proxy.integration) : nullptr;
    if (!integration)
        return {};
    return withoutTrailingSlashes(environment.ioTenantUrl) + integration->path;
}

QString invokeUrl(const GatewayProxy &proxy, const Environment &environment)
{
    return withoutTrailingSlashes(environment.gatewayUrl) + QStringLiteral("/gateway/") +
           QString::fromLatin1(QUrl::toPercentEncoding(proxy.name)) + QLatin1Char('/') +
           QString::fromLatin1(QUrl::toPercentEncoding(proxy.version));
}

QString aliasValue(const Alias &alias, const Environment &environment)
{
    switch (alias.type) {
    case Alias::Type::Simple:
        return expand(alias.value, environment);
    case Alias::Type::Endpoint:
        return expand(alias.endpointUri, environment);
    case Alias::Type::HttpTransportSecurity:
        break;
    }
    return {};
}

} // namespace gw::EndpointResolver
