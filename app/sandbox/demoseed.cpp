// SPDX-License-Identifier: GPL-3.0-or-later
#include "demoseed.h"

#include "authorizationserver.h"
#include "iotenant.h"
#include "sandboxstate.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace gw::DemoSeed {

namespace {

const auto FlowBase = u"/integration/rest/external/integration/run/development/"_s;

struct DemoUser
{
    QString login;
    QString password;
    QString role;
    QStringList projects;
    QString alias;
};

QList<DemoUser> users()
{
    return {
        {u"svc-gateway-shared"_s,
         u"shared-demo-pass"_s,
         u"gateway-all"_s,
         {u"Orders"_s, u"Customers"_s, u"Invoicing"_s},
         u"io-shared-basic"_s},
        {u"svc-orders"_s, u"orders-demo-pass"_s, u"orders-exec"_s, {u"Orders"_s}, u"io-orders-basic"_s},
        {u"svc-customers"_s, u"customers-demo-pass"_s, u"customers-exec"_s, {u"Customers"_s}, u"io-customers-basic"_s},
        {u"svc-invoicing"_s, u"invoicing-demo-pass"_s, u"invoicing-exec"_s, {u"Invoicing"_s}, u"io-invoicing-basic"_s},
        {u"svc-no-role"_s, u"no-role-demo-pass"_s, {}, {}, {}},
    };
}

QJsonArray localized(const QString &text)
{
    return QJsonArray{QJsonObject{{u"value"_s, text}, {u"locale"_s, u"en"_s}}};
}

QJsonObject valueParameter(const QString &key, const QStringList &values)
{
    return QJsonObject{{u"templateKey"_s, key}, {u"values"_s, QJsonArray::fromStringList(values)}};
}

QJsonObject nestedParameter(const QString &key, const QJsonArray &parameters)
{
    return QJsonObject{{u"templateKey"_s, key}, {u"parameters"_s, parameters}};
}

QString addAction(SandboxState &state, const QString &apiId, const QString &stage, const QString &name,
                  const QString &templateKey, const QJsonArray &parameters)
{
    const QString id = SandboxState::newId();
    state.put(SandboxState::Kind::PolicyAction, QJsonObject{{u"id"_s, id},
                                                            {u"names"_s, localized(name)},
                                                            {u"descriptions"_s, QJsonArray{}},
                                                            {u"templateKey"_s, templateKey},
                                                            {u"parameters"_s, parameters},
                                                            {u"active"_s, false}});
    state.enforceAction(apiId, stage, id);
    return id;
}

} // namespace

QList<DemoProxy> proxies()
{
    return {
        {u"OrdersCreate"_s, u"1.0"_s, u"Orders"_s, u"createOrder"_s, FlowBase + u"createOrder"_s, u"orders:write"_s,
         u"io-orders-basic"_s},
        {u"OrdersStatus"_s, u"1.0"_s, u"Orders"_s, u"getOrderStatus"_s, FlowBase + u"getOrderStatus"_s,
         u"orders:read"_s, u"io-orders-basic"_s},
        {u"OrdersList"_s, u"1.0"_s, u"Orders"_s, u"listOrders"_s, FlowBase + u"listOrders"_s, u"orders:read"_s,
         u"io-shared-basic"_s},
        {u"CustomersLookup"_s, u"1.0"_s, u"Customers"_s, u"lookupCustomer"_s, FlowBase + u"lookupCustomer"_s,
         u"customers:read"_s, u"io-customers-basic"_s},
        {u"CustomersEvents"_s, u"1.0"_s, u"Customers"_s, u"customerUpdated"_s,
         u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s, u"customers:read"_s, u"io-customers-basic"_s},
        {u"InvoicesIssue"_s, u"1.0"_s, u"Invoicing"_s, u"issueInvoice"_s, FlowBase + u"issueInvoice"_s,
         u"invoices:write"_s, QString()},
    };
}

void seedTenant(IoTenant &tenant, const QString &adminLogin, const QString &adminPassword)
{
    using Kind = Integration::Kind;
    tenant.addProject({u"Orders"_s,
                       u"fl-orders-7c1e"_s,
                       u"confidential"_s,
                       {{u"createOrder"_s, Kind::FlowService, FlowBase + u"createOrder"_s},
                        {u"getOrderStatus"_s, Kind::FlowService, FlowBase + u"getOrderStatus"_s},
                        {u"listOrders"_s, Kind::FlowService, FlowBase + u"listOrders"_s}}});
    tenant.addProject({u"Customers"_s,
                       u"fl-customers-2b9d"_s,
                       u"restricted"_s,
                       {{u"lookupCustomer"_s, Kind::FlowService, FlowBase + u"lookupCustomer"_s},
                        {u"customerUpdated"_s, Kind::Webhook, u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s}}});
    tenant.addProject({u"Invoicing"_s,
                       u"fl-invoicing-9a04"_s,
                       u"internal"_s,
                       // cancelInvoice has no proxy yet: the one the expose flow puts behind the gateway.
                       {{u"issueInvoice"_s, Kind::FlowService, FlowBase + u"issueInvoice"_s},
                        {u"cancelInvoice"_s, Kind::FlowService, FlowBase + u"cancelInvoice"_s}}});
    for (const DemoUser &user : users()) {
        if (!user.role.isEmpty()) {
            IoTenant::Role role{user.role, u"Read and execute for the gateway's technical user"_s, {}};
            for (const auto &project : user.projects)
                role.projects.insert(project, IoTenant::Access{true, false, true});
            tenant.addRole(role);
        }
        tenant.addUser({user.login, user.password, user.role.isEmpty() ? QStringList() : QStringList{user.role}});
    }
    tenant.addUser({adminLogin, adminPassword, {u"Admin"_s}});
}

void seedOAuth(AuthorizationServer &oauth)
{
    const QStringList scopes = QString(Scopes).split(u' ');
    oauth.addClient({QString(ClientId),
                     QString(ClientSecret),
                     {u"client_credentials"_s, u"refresh_token"_s, u"authorization_code"_s},
                     scopes,
                     {u"http://127.0.0.1/callback"_s},
                     AuthorizationServer::TokenFormat::Jwt});
    oauth.addClient({QString(NativeClientId),
                     QString(),
                     {u"authorization_code"_s, u"refresh_token"_s},
                     scopes,
                     {u"http://127.0.0.1/callback"_s, u"http://[::1]/callback"_s},
                     AuthorizationServer::TokenFormat::Jwt});
}

void seedGateway(SandboxState &state, const QUrl &tenantUrl)
{
    QString tenant = tenantUrl.toString();
    while (tenant.endsWith(u'/'))
        tenant.chop(1);
    state.put(SandboxState::Kind::Alias, QJsonObject{{u"id"_s, SandboxState::newId()},
                                                     {u"name"_s, u"io-tenant-url"_s},
                                                     {u"description"_s, u"Base URL of the webMethods.io tenant"_s},
                                                     {u"type"_s, u"simple"_s},
                                                     {u"owner"_s, u"Administrator"_s},
                                                     {u"value"_s, tenant}});
    for (const DemoUser &user : users()) {
        if (user.alias.isEmpty())
            continue;
        state.put(SandboxState::Kind::Alias,
                  QJsonObject{{u"id"_s, SandboxState::newId()},
                              {u"name"_s, user.alias},
                              {u"description"_s, u"Basic credentials of the .io technical user %1"_s.arg(user.login)},
                              {u"type"_s, u"httpTransportSecurityAlias"_s},
                              {u"owner"_s, u"Administrator"_s},
                              {u"authType"_s, u"HTTP_BASIC"_s},
                              {u"authMode"_s, u"NEW"_s},
                              {u"httpAuthCredentials"_s,
                               QJsonObject{{u"userName"_s, user.login},
                                           // The admin API stores and returns alias passwords base64-encoded.
                                           {u"password"_s, QString::fromLatin1(user.password.toUtf8().toBase64())},
                                           {u"domain"_s, QString()}}}});
    }

    for (const DemoProxy &proxy : proxies()) {
        const QJsonObject api = state.createApi(
            QJsonObject{
                {u"apiName"_s, proxy.name},
                {u"apiVersion"_s, proxy.version},
                {u"apiDescription"_s, u"%1 (.io project %2) behind OAuth 2.0"_s.arg(proxy.integration, proxy.project)},
                {u"type"_s, u"REST"_s},
                // Tags let an administrator pick APIs by team or project when adopting them.
                {u"apiDefinition"_s,
                 QJsonObject{{u"type"_s, u"rest"_s}, {u"apiTags"_s, QJsonArray{proxy.project.toLower()}}}}},
            u"${io-tenant-url}"_s + proxy.path);
        const QString apiId = api.value(u"id"_s).toString();
        addAction(state, apiId, u"IAM"_s, u"Identify & Authorize Application"_s, u"evaluatePolicy"_s,
                  QJsonArray{valueParameter(u"logicalConnector"_s, {u"OR"_s}),
                             valueParameter(u"allowAnonymous"_s, {u"false"_s}),
                             nestedParameter(u"IdentificationRule"_s,
                                             QJsonArray{valueParameter(u"applicationLookup"_s, {u"open"_s}),
                                                        valueParameter(u"identificationType"_s, {u"oAuth2Token"_s})}),
                             valueParameter(u"requiredScopes"_s, {proxy.scope})});
        if (!proxy.outboundAlias.isEmpty()) {
            addAction(state, apiId, u"routing"_s, u"Outbound Auth - Transport"_s, u"outboundTransportAuthentication"_s,
                      QJsonArray{nestedParameter(u"transportSecurity"_s,
                                                 QJsonArray{valueParameter(u"authType"_s, {u"ALIAS"_s}),
                                                            valueParameter(u"authMode"_s, {u"NEW"_s}),
                                                            valueParameter(u"alias"_s, {proxy.outboundAlias})})});
        }
        QJsonObject active = *state.api(apiId);
        active.insert(u"isActive"_s, true);
        state.put(SandboxState::Kind::Api, active);
    }
}

QJsonObject startupInfo(const QUrl &gatewayUrl, const AuthorizationServer &oauth)
{
    QString base = gatewayUrl.toString();
    while (base.endsWith(u'/'))
        base.chop(1);
    QJsonObject urls;
    for (const DemoProxy &proxy : proxies())
        urls.insert(proxy.name, QString(base + u"/gateway/"_s + proxy.name + u'/' + proxy.version));
    return QJsonObject{{u"clientId"_s, QString(ClientId)},
                       {u"clientSecret"_s, QString(ClientSecret)},
                       {u"nativeClientId"_s, QString(NativeClientId)},
                       {u"scope"_s, QString(Scopes)},
                       {u"tokenEndpoint"_s, oauth.tokenEndpoint().toString()},
                       {u"audience"_s, oauth.audience()},
                       {u"proxies"_s, urls}};
}

} // namespace gw::DemoSeed
