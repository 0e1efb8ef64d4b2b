// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

// The demo scenario as an in-code workspace, for unit tests that must not depend on the file
// format: three projects, five technical users, five aliases, six proxies (InvoicesIssue
// without outbound auth).
namespace gw::test {

inline Workspace sampleWorkspace()
{
    using namespace Qt::StringLiterals;
    Workspace w;
    w.name = u"Demo"_s;
    w.credentialStrategy = CredentialStrategy::Custom;

    Environment sandbox;
    sandbox.name = u"sandbox"_s;
    sandbox.gatewayUrl = u"http://127.0.0.1:5555"_s;
    sandbox.ioTenantUrl = u"http://127.0.0.1:5556"_s;
    Environment prod;
    prod.name = u"prod"_s;
    prod.gatewayUrl = u"https://apigw.example.com:5543"_s;
    prod.ioTenantUrl = u"https://acme.int-aws-us.webmethods.io"_s;
    w.environments = {sandbox, prod};

    const auto flow = [](const QString &name) {
        return Integration{name, Integration::Kind::FlowService,
                           u"/integration/rest/external/integration/run/development/"_s + name};
    };
    w.projects = {
        IoProject{u"Orders"_s,
                  u"fl-orders-7c1e"_s,
                  u"confidential"_s,
                  {flow(u"createOrder"_s), flow(u"getOrderStatus"_s), flow(u"listOrders"_s)}},
        IoProject{u"Customers"_s,
                  u"fl-customers-2b9d"_s,
                  u"restricted"_s,
                  {flow(u"lookupCustomer"_s), Integration{u"customerUpdated"_s, Integration::Kind::Webhook,
                                                          u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s}}},
        IoProject{u"Invoicing"_s, u"fl-invoicing-9a04"_s, u"internal"_s, {flow(u"issueInvoice"_s)}},
    };
    w.technicalUsers = {
        TechnicalUser{u"svc-gateway-shared"_s, u"Shared user"_s, {u"Orders"_s, u"Customers"_s, u"Invoicing"_s}},
        TechnicalUser{u"svc-orders"_s, {}, {u"Orders"_s}},
        TechnicalUser{u"svc-customers"_s, {}, {u"Customers"_s}},
        TechnicalUser{u"svc-invoicing"_s, {}, {u"Invoicing"_s}},
        TechnicalUser{u"svc-no-role"_s, u"No project role"_s, {}},
    };
    const auto basic = [](const QString &name, const QString &user) {
        Alias a;
        a.name = name;
        a.technicalUser = user;
        a.password = SecretRef{u"alias/"_s + name};
        return a;
    };
    Alias tenant;
    tenant.name = u"io-tenant-url"_s;
    tenant.type = Alias::Type::Simple;
    tenant.value = u"http://127.0.0.1:5556"_s;
    w.aliases = {basic(u"io-shared-basic"_s, u"svc-gateway-shared"_s), basic(u"io-orders-basic"_s, u"svc-orders"_s),
                 basic(u"io-customers-basic"_s, u"svc-customers"_s), basic(u"io-invoicing-basic"_s, u"svc-invoicing"_s),
                 tenant};

    const auto proxy = [](const QString &name, const QString &project, const QString &integration, const QString &scope,
                          const QString &alias) {
        GatewayProxy p;
        p.name = name;
        p.project = project;
        p.integration = integration;
        p.inbound.scopes = QStringList{scope};
        if (alias.isEmpty())
            p.outbound.kind = OutboundAuth::Kind::None;
        else
            p.outbound.alias = alias;
        return p;
    };
    w.proxies = {
        proxy(u"OrdersCreate"_s, u"Orders"_s, u"createOrder"_s, u"orders:write"_s, u"io-orders-basic"_s),
        proxy(u"OrdersStatus"_s, u"Orders"_s, u"getOrderStatus"_s, u"orders:read"_s, u"io-orders-basic"_s),
        proxy(u"OrdersList"_s, u"Orders"_s, u"listOrders"_s, u"orders:read"_s, u"io-shared-basic"_s),
        proxy(u"CustomersLookup"_s, u"Customers"_s, u"lookupCustomer"_s, u"customers:read"_s, u"io-customers-basic"_s),
        proxy(u"CustomersEvents"_s, u"Customers"_s, u"customerUpdated"_s, u"customers:read"_s, u"io-customers-basic"_s),
        proxy(u"InvoicesIssue"_s, u"Invoicing"_s, u"issueInvoice"_s, u"invoices:write"_s, QString()),
    };
    return w;
}

} // namespace gw::test
