// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointresolver.h"
#include "examples.h"
#include "workspacefile.h"

#include <QTest>

using namespace gw;
using namespace Qt::StringLiterals;

class TestEndpointResolver : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void routingEndpoint_data();
    void routingEndpoint();
    void unknownIntegrationGivesNoEndpoint();
    void invokeUrl();
    void aliasValue();

private:
    Workspace m_demo;
};

void TestEndpointResolver::initTestCase()
{
    const WorkspaceReadResult result = WorkspaceFile::read(Examples::demoWorkspacePath());
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    m_demo = *result.workspace;
}

void TestEndpointResolver::routingEndpoint_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<QString>("explicitEndpoint");
    QTest::addColumn<QString>("expected");

    QTest::newRow("derived, sandbox flow service")
        << u"sandbox"_s << u"OrdersCreate"_s << QString()
        << u"http://127.0.0.1:5556/integration/rest/external/integration/run/development/createOrder"_s;
    QTest::newRow("derived, dev webhook")
        << u"dev"_s << u"CustomersEvents"_s << QString()
        << u"https://acme-dev.int-aws-us.webmethods.io/runflow/run/sync/v2/wh-customer-updated-5f3a"_s;
    QTest::newRow("derived, tenant URL with a trailing slash")
        << u"prod-slash"_s << u"InvoicesIssue"_s << QString()
        << u"https://acme.int-aws-us.webmethods.io/integration/rest/external/integration/run/development/issueInvoice"_s;
    QTest::newRow("explicit with placeholder and gateway variable")
        << u"prod"_s << u"OrdersList"_s << u"{{ioTenantUrl}}/custom/listOrders/${sys:resource_path}"_s
        << u"https://acme.int-aws-us.webmethods.io/custom/listOrders/${sys:resource_path}"_s;
    QTest::newRow("explicit alias reference is left to the gateway")
        << u"sandbox"_s << u"OrdersList"_s << u"${io-tenant-url}/custom"_s << u"${io-tenant-url}/custom"_s;
}

void TestEndpointResolver::routingEndpoint()
{
    QFETCH(QString, environment);
    QFETCH(QString, proxy);
    QFETCH(QString, explicitEndpoint);
    QFETCH(QString, expected);

    Environment env = *m_demo.environment(environment == u"prod-slash"_s ? u"prod"_s : environment);
    if (environment == u"prod-slash"_s)
        env.ioTenantUrl += u"/"_s;
    GatewayProxy gatewayProxy = *m_demo.proxy(proxy, u"1.0"_s);
    gatewayProxy.routingEndpoint = explicitEndpoint;
    QCOMPARE(EndpointResolver::routingEndpoint(m_demo, gatewayProxy, env), expected);
}

void TestEndpointResolver::unknownIntegrationGivesNoEndpoint()
{
    GatewayProxy proxy = *m_demo.proxy(u"OrdersCreate"_s, u"1.0"_s);
    proxy.integration = u"deleted"_s;
    proxy.routingEndpoint.clear();
    QCOMPARE(EndpointResolver::routingEndpoint(m_demo, proxy, *m_demo.environment(u"sandbox"_s)), QString());
}

void TestEndpointResolver::invokeUrl()
{
    QCOMPARE(EndpointResolver::invokeUrl(*m_demo.proxy(u"OrdersCreate"_s, u"1.0"_s), *m_demo.environment(u"sandbox"_s)),
             u"http://127.0.0.1:5555/gateway/OrdersCreate/1.0"_s);
    GatewayProxy spaced;
    spaced.name = u"Orders API/v2"_s;
    spaced.version = u"2.0"_s;
    QCOMPARE(EndpointResolver::invokeUrl(spaced, *m_demo.environment(u"dev"_s)),
             u"https://apigw-dev.example.com:5543/gateway/Orders%20API%2Fv2/2.0"_s);
}

void TestEndpointResolver::aliasValue()
{
    const Alias &tenant = *m_demo.alias(u"io-tenant-url"_s);
    QCOMPARE(tenant.value, u"{{ioTenantUrl}}"_s);
    QCOMPARE(EndpointResolver::aliasValue(tenant, *m_demo.environment(u"sandbox"_s)), u"http://127.0.0.1:5556"_s);
    QCOMPARE(EndpointResolver::aliasValue(tenant, *m_demo.environment(u"prod"_s)),
             u"https://acme.int-aws-us.webmethods.io"_s);
    QCOMPARE(EndpointResolver::aliasValue(*m_demo.alias(u"io-orders-basic"_s), *m_demo.environment(u"sandbox"_s)),
             QString());
    QCOMPARE(EndpointResolver::expand(u"{{gatewayUrl}}/rest/apigateway"_s, *m_demo.environment(u"dev"_s)),
             u"https://apigw-dev.example.com:5543/rest/apigateway"_s);
}

QTEST_GUILESS_MAIN(TestEndpointResolver)
#include "tst_endpointresolver.moc"
