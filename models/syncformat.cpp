// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncformat.h"

#include <QJsonArray>

namespace gw::SyncFormat {

QString proxyKey(const GatewayProxy &proxy)
{
    return proxy.name + QLatin1Char('/') + proxy.version;
}

QString inboundText(const InboundAuth &inbound)
{
    QString text;
    switch (inbound.kind) {
    case InboundAuth::Kind::None:
        return QStringLiteral("none");
    case InboundAuth::Kind::OAuth2Token:
        text = QStringLiteral("OAuth 2.0 token");
        break;
    case InboundAuth::Kind::JwtClaims:
        text = QStringLiteral("JWT claims");
        break;
    }
    if (!inbound.scopes.isEmpty())
        text += QStringLiteral(", scopes ") + inbound.scopes.join(QLatin1Char(' '));
    return text;
}

QString outboundText(const OutboundAuth &outbound)
{
    if (outbound.kind == OutboundAuth::Kind::None || outbound.alias.isEmpty())
        return QStringLiteral("none");
    return QStringLiteral("Basic through alias ") + outbound.alias;
}

QString aliasTypeText(Alias::Type type)
{
    switch (type) {
    case Alias::Type::HttpTransportSecurity:
        return QStringLiteral("HTTP transport security (Basic)");
    case Alias::Type::Simple:
        return QStringLiteral("simple");
    case Alias::Type::Endpoint:
        return QStringLiteral("endpoint");
    }
    return {};
}

QString aliasTypeGatewayName(Alias::Type type)
{
    switch (type) {
    case Alias::Type::HttpTransportSecurity:
        return QStringLiteral("httpTransportSecurityAlias");
    case Alias::Type::Simple:
        return QStringLiteral("simple");
    case Alias::Type::Endpoint:
        return QStringLiteral("endpoint");
    }
    return {};
}

QString activeText(bool active)
{
    return active ? QStringLiteral("active") : QStringLiteral("inactive");
}

QString maskedSecret(bool set)
{
    return set ? QStringLiteral("********") : QStringLiteral("(not set)");
}

QJsonObject proxyToJson(const GatewayProxy &proxy)
{
    QJsonObject inbound{{QStringLiteral("kind"), inboundText(InboundAuth{proxy.inbound.kind, {}})},
                        {QStringLiteral("scopes"), QJsonArray::fromStringList(proxy.inbound.scopes)}};
    return QJsonObject{{QStringLiteral("name"), proxy.name},
                       {QStringLiteral("version"), proxy.version},
                       {QStringLiteral("description"), proxy.description},
                       {QStringLiteral("inbound"), inbound},
                       {QStringLiteral("routingEndpoint"), proxy.routingEndpoint},
                       {QStringLiteral("outboundAlias"), proxy.outbound.kind == OutboundAuth::Kind::Alias
                                                             ? QJsonValue(proxy.outbound.alias)
                                                             : QJsonValue()},
                       {QStringLiteral("active"), proxy.active}};
}

QJsonObject aliasToJson(const Alias &alias)
{
    QJsonObject object{{QStringLiteral("name"), alias.name},
                       {QStringLiteral("type"), aliasTypeGatewayName(alias.type)},
                       {QStringLiteral("description"), alias.description}};
    switch (alias.type) {
    case Alias::Type::HttpTransportSecurity:
        object.insert(QStringLiteral("userName"), alias.technicalUser);
        break;
    case Alias::Type::Simple:
        object.insert(QStringLiteral("value"), alias.value);
        break;
    case Alias::Type::Endpoint:
        object.insert(QStringLiteral("endpointUri"), alias.endpointUri);
        object.insert(QStringLiteral("connectionTimeout"), alias.connectionTimeoutSeconds);
        object.insert(QStringLiteral("readTimeout"), alias.readTimeoutSeconds);
        break;
    }
    return object;
}

} // namespace gw::SyncFormat
