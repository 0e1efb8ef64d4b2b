// SPDX-License-Identifier: GPL-3.0-or-later
// The call diagnosis on the demo workspace: every branch, with the answers the gateway and .io give.
#include "calldiagnosis.h"
#include "testpaths.h"
#include "workspacefile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

namespace {

QByteArray gatewayError(const QString &message, const QString &api = u"OrdersCreate"_s)
{
    return QJsonDocument(
               QJsonObject{{u"Exception"_s,
                            u"API Gateway encountered an error. Error Message:  %1. Request Details: Service - %2, "
                            u"Operation - /, Invocation Time:10:00:00, Date:Nov 28, 2026,  Client IP - 127.0.0.1, "
                            u"User - Default and Application:Unknown"_s.arg(message, api)}})
        .toJson(QJsonDocument::Compact);
}

QByteArray ioError(int code, const QString &message)
{
    return QJsonDocument(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}})
        .toJson(QJsonDocument::Compact);
}

using Headers = QList<QPair<QByteArray, QByteArray>>;

Headers bearerChallenge(const QByteArray &error, const QByteArray &description)
{
    return {{"WWW-Authenticate",
             "Bearer realm=\"API Gateway\", error=\"" + error + "\", error_description=\"" + description + "\""}};
}

Headers native(int status)
{
    return {{"WWW-Authenticate", "Basic realm=\"webMethods.io Integration\""},
            {"X-Gateway-Native-Status", QByteArray::number(status)}};
}

} // namespace

class TestCallDiagnosis : public QObject
{
    Q_OBJECT

private:
    Workspace m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        const WorkspaceReadResult read =
            WorkspaceFile::read(QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"));
        QVERIFY(read.workspace.has_value());
        m_demo = *read.workspace;
    }

    void aliasForProjectFollowsTheStrategy()
    {
        QCOMPARE(CallDiagnosis::aliasForProject(m_demo, u"Invoicing"_s), u"io-invoicing-basic"_s);
        Workspace shared = m_demo;
        shared.credentialStrategy = CredentialStrategy::Shared;
        QCOMPARE(CallDiagnosis::aliasForProject(shared, u"Invoicing"_s), u"io-shared-basic"_s);
        QCOMPARE(CallDiagnosis::aliasForProject(m_demo, u"Nowhere"_s), QString());
    }

    void gatewayErrorMessage()
    {
        QCOMPARE(CallDiagnosis::gatewayErrorMessage(gatewayError(u"API OrdersX with version 1.0 does not exist"_s)),
                 u"API OrdersX with version 1.0 does not exist"_s);
        QCOMPARE(CallDiagnosis::gatewayErrorMessage("{\"error\":1}"), QString());
        QCOMPARE(CallDiagnosis::gatewayErrorMessage("not json"), QString());
    }

    void diagnose_data()
    {
        QTest::addColumn<QString>("proxy");
        QTest::addColumn<int>("status");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("failure");
        QTest::addColumn<bool>("sentBearer");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fix"); // exact, or empty: not compared

        const int none = int(ObservedCall::Failure::None);
        QTest::newRow("200 from .io") << u"OrdersCreate"_s << 200 << Headers{{"X-Gateway-Native-Status", "200"}}
                                      << QByteArray("{\"output\":{}}") << none << true << u"success"_s << QString();
        QTest::newRow("no token") << u"OrdersCreate"_s << 401
                                  << bearerChallenge("invalid_token",
                                                     "no bearer access token in the Authorization header")
                                  << gatewayError(u"no bearer access token in the Authorization header"_s) << none
                                  << false << u"token-missing"_s
                                  << u"Get a token in the token lab (or with gatewright token) and send it as "
                                     u"\"Authorization: Bearer <token>\"."_s;
        QTest::newRow("expired") << u"OrdersCreate"_s << 401 << bearerChallenge("invalid_token", "access token expired")
                                 << gatewayError(u"access token expired"_s) << none << true << u"token-expired"_s
                                 << QString();
        QTest::newRow("wrong audience")
            << u"OrdersCreate"_s << 401
            << bearerChallenge("invalid_token", "access token audience is not gatewright-demo-gateway")
            << gatewayError(u"access token audience is not gatewright-demo-gateway"_s) << none << true
            << u"token-wrong-audience"_s
            << u"Request the token for audience \"gatewright-demo-gateway\" (the audience of environment "
               u"\"sandbox\"), or make the gateway's authorization server alias expect the audience your tokens "
               u"carry."_s;
        QTest::newRow("untrusted issuer")
            << u"OrdersCreate"_s << 401
            << bearerChallenge("invalid_token", "access token issuer http://evil.example is not trusted")
            << gatewayError(u"x"_s) << none << true << u"token-untrusted-issuer"_s << QString();
        QTest::newRow("bad signature") << u"OrdersCreate"_s << 401
                                       << bearerChallenge("invalid_token", "access token signature is invalid")
                                       << gatewayError(u"access token signature is invalid"_s) << none << true
                                       << u"token-bad-signature"_s << QString();
        QTest::newRow("unknown key") << u"OrdersCreate"_s << 401
                                     << bearerChallenge("invalid_token",
                                                        "access token signed with a key the issuer does not publish")
                                     << QByteArray() << none << true << u"token-bad-signature"_s << QString();
        QTest::newRow("id token sent") << u"OrdersCreate"_s << 401
                                       << bearerChallenge("invalid_token",
                                                          "token is not an access token (typ at+jwt required)")
                                       << QByteArray() << none << true << u"token-wrong-type"_s << QString();
        QTest::newRow("revoked") << u"OrdersCreate"_s << 401
                                 << bearerChallenge("invalid_token",
                                                    "access token is not active (revoked, expired or unknown)")
                                 << QByteArray() << none << true << u"token-inactive"_s << QString();
        QTest::newRow("malformed") << u"OrdersCreate"_s << 401
                                   << bearerChallenge("invalid_token", "malformed access token") << QByteArray() << none
                                   << true << u"token-malformed"_s << QString();
        QTest::newRow("insufficient scope")
            << u"OrdersCreate"_s << 403
            << bearerChallenge("insufficient_scope", "access token lacks scope orders:write")
            << gatewayError(u"access token lacks scope orders:write"_s) << none << true << u"token-insufficient-scope"_s
            << u"Request a token with scope \"orders:write\" (what OrdersCreate 1.0 requires) for client demo-client; "
               u"if the authorization server does not grant it, allow that scope for the client there."_s;
        QTest::newRow("unidentified application (real gateway wording)")
            << u"OrdersCreate"_s << 401 << Headers{} << gatewayError(u"Unauthorized application request"_s) << none
            << true << u"application-not-identified"_s << QString();
        QTest::newRow("native 401: outbound auth missing")
            << u"InvoicesIssue"_s << 401 << native(401)
            << ioError(401, u"Authentication required: send HTTP Basic credentials."_s) << none << true
            << u"native-provider-outbound-auth-missing"_s
            << u"Add Outbound Auth - Transport with alias io-invoicing-basic to InvoicesIssue 1.0 (its technical user "
               u"has execute on project Invoicing), then push the workspace to the gateway."_s;
        QTest::newRow("native 401 without the sandbox's marker header")
            << u"InvoicesIssue"_s << 401 << Headers{{"WWW-Authenticate", "Basic realm=\"webMethods.io\""}}
            << QByteArray("{\"message\":\"Unauthorized\"}") << none << true
            << u"native-provider-outbound-auth-missing"_s << QString();
        QTest::newRow("native 401: outbound auth in the workspace, not on the gateway")
            << u"OrdersCreate"_s << 401 << native(401)
            << ioError(401, u"Authentication required: send HTTP Basic credentials."_s) << none << true
            << u"native-provider-outbound-auth-not-deployed"_s
            << u"Push the workspace to environment \"sandbox\" (gatewright plan, then apply) so OrdersCreate 1.0 gets "
               u"its Outbound Auth - Transport policy with alias io-orders-basic."_s;
        QTest::newRow("native 401: wrong alias password")
            << u"OrdersCreate"_s << 401 << native(401) << ioError(401, u"Invalid username or password."_s) << none
            << true << u"native-provider-alias-credentials-wrong"_s
            << u"Set the current password of svc-orders in alias io-orders-basic (keychain entry "
               u"alias/io-orders-basic of environment \"sandbox\", or GATEWRIGHT_ALIAS_PASSWORD_IO_ORDERS_BASIC) and "
               u"push it to the gateway."_s;
        QTest::newRow("native 401: technical user without a role on the tenant")
            << u"CustomersLookup"_s << 401 << native(401)
            << ioError(401, u"User svc-customers is not authorized to execute lookupCustomer in project Customers."_s)
            << none << true << u"native-provider-user-without-role"_s
            << u"On the webMethods.io tenant, give svc-customers a role with execute on project Customers (the "
               u"workspace already assumes it)."_s;
        QTest::newRow("api unknown to the gateway")
            << u"OrdersCreate"_s << 404 << Headers{}
            << gatewayError(u"API OrdersCreate with version 1.0 does not exist"_s) << none << true << u"api-not-found"_s
            << u"OrdersCreate 1.0 is in the workspace but not on the gateway of environment \"sandbox\": push the "
               u"workspace (gatewright plan, then apply)."_s;
        QTest::newRow("api inactive") << u"OrdersCreate"_s << 503 << Headers{}
                                      << gatewayError(u"API OrdersCreate with version 1.0 is not active"_s) << none
                                      << true << u"api-inactive"_s << QString();
        QTest::newRow("https only") << u"OrdersCreate"_s << 400 << Headers{}
                                    << gatewayError(u"Transport protocol not supported."_s) << none << true
                                    << u"protocol-not-allowed"_s << QString();
        QTest::newRow("tenant unreachable")
            << u"OrdersCreate"_s << 502 << Headers{}
            << gatewayError(u"The native service at http://127.0.0.1:5556/x is unreachable: Connection refused"_s)
            << none << true << u"backend-unreachable"_s
            << u"Check the routing endpoint of OrdersCreate 1.0 and the .io tenant URL http://127.0.0.1:5556 of "
               u"environment \"sandbox\"."_s;
        QTest::newRow("alias missing on the gateway")
            << u"OrdersCreate"_s << 500 << Headers{}
            << gatewayError(u"Outbound authentication alias io-orders-basic does not exist or is not an "
                            u"httpTransportSecurityAlias"_s)
            << none << true << u"gateway-configuration-error"_s << QString();
        QTest::newRow("integration path wrong")
            << u"OrdersCreate"_s << 404 << native(404) << ioError(404, u"No flow service at /x."_s) << none << true
            << u"integration-not-found"_s << QString();
        QTest::newRow("integration failed") << u"OrdersCreate"_s << 500 << native(500) << QByteArray("{}") << none
                                            << true << u"backend-error"_s << QString();
        QTest::newRow("connection refused")
            << u"OrdersCreate"_s << 0 << Headers{} << QByteArray() << int(ObservedCall::Failure::ConnectionRefused)
            << true << u"gateway-unreachable"_s
            << u"Start the sandbox (gatewright-sandbox --seed demo) or check the gateway URL http://127.0.0.1:5555 "
               u"of environment \"sandbox\"."_s;
        QTest::newRow("tls") << u"OrdersCreate"_s << 0 << Headers{} << QByteArray() << int(ObservedCall::Failure::Tls)
                             << true << u"tls-failure"_s << QString();
        QTest::newRow("timeout") << u"OrdersCreate"_s << 0 << Headers{} << QByteArray()
                                 << int(ObservedCall::Failure::Timeout) << true << u"timeout"_s << QString();
        QTest::newRow("host not found") << u"OrdersCreate"_s << 0 << Headers{} << QByteArray()
                                        << int(ObservedCall::Failure::HostNotFound) << true << u"host-not-found"_s
                                        << QString();
        QTest::newRow("redirect") << u"OrdersCreate"_s << 302 << Headers{{"Location", "https://x/"}} << QByteArray()
                                  << none << true << u"redirect"_s << QString();
    }

    void diagnose()
    {
        QFETCH(QString, proxy);
        QFETCH(int, status);
        QFETCH(Headers, headers);
        QFETCH(QByteArray, body);
        QFETCH(int, failure);
        QFETCH(bool, sentBearer);
        QFETCH(QString, code);
        QFETCH(QString, fix);

        ObservedCall call;
        call.method = u"POST"_s;
        call.url = u"http://127.0.0.1:5555/gateway/%1/1.0"_s.arg(proxy);
        call.status = status;
        call.headers = headers;
        call.body = body;
        call.failure = ObservedCall::Failure(failure);
        call.failureText = u"Connection refused by 127.0.0.1:5555."_s;
        call.sentBearer = sentBearer;
        DiagnosisContext context{&m_demo, u"sandbox"_s, proxy, u"1.0"_s, std::nullopt};
        const Diagnosis diagnosis = CallDiagnosis::diagnose(call, context);
        QCOMPARE(diagnosis.code(), code);
        QVERIFY(!diagnosis.title.isEmpty());
        if (code != u"success"_s) {
            QVERIFY(!diagnosis.fix.isEmpty());
            QVERIFY(!diagnosis.explanation.isEmpty());
        }
        if (!fix.isEmpty())
            QCOMPARE(diagnosis.fix, fix);
        QCOMPARE(diagnosis.retryWithNewToken, code == u"token-expired"_s);
    }

    void userWithoutRoleInTheWorkspace()
    {
        // The workspace itself shows the gap: OrdersList goes through svc-customers, who has no role on Orders.
        Workspace workspace = m_demo;
        for (GatewayProxy &proxy : workspace.proxies) {
            if (proxy.name == u"OrdersList"_s)
                proxy.outbound.alias = u"io-customers-basic"_s;
        }
        ObservedCall call;
        call.status = 401;
        call.headers = native(401);
        call.body = ioError(401, u"User svc-customers is not authorized to execute listOrders in project Orders."_s);
        const Diagnosis diagnosis =
            CallDiagnosis::diagnose(call, {&workspace, u"sandbox"_s, u"OrdersList"_s, u"1.0"_s, std::nullopt});
        QCOMPARE(diagnosis.code(), u"native-provider-user-without-role"_s);
        QCOMPARE(diagnosis.title, u"Technical user svc-customers has no role on project Orders"_s);
        QCOMPARE(diagnosis.fix, u"Give svc-customers a role with execute on project Orders in webMethods.io, or switch "
                                u"the Outbound Auth - Transport of OrdersList 1.0 to alias io-orders-basic."_s);
        QCOMPARE(diagnosis.suggestedAlias, u"io-orders-basic"_s);
    }

    void tenantRecordShowsAnonymousCall()
    {
        ObservedCall call;
        call.status = 401;
        call.headers = native(401);
        TenantCallRecord record{u"/integration/rest/external/integration/run/development/issueInvoice"_s,
                                u"Invoicing"_s, u"issueInvoice"_s, QString(), 401};
        const Diagnosis diagnosis =
            CallDiagnosis::diagnose(call, {&m_demo, u"sandbox"_s, u"InvoicesIssue"_s, u"1.0"_s, record});
        QCOMPARE(diagnosis.code(), u"native-provider-outbound-auth-missing"_s);
        QVERIFY(diagnosis.explanation.contains(u"The tenant's call record shows the call to "
                                               u"/integration/rest/external/integration/run/development/issueInvoice "
                                               u"arrived without valid credentials."_s));
    }

    void hostileBodiesDoNotCrash_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("exception not a string") << QByteArray("{\"Exception\":{}}");
        QTest::newRow("error a number") << QByteArray("{\"error\":7}");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3);
    }

    void hostileBodiesDoNotCrash()
    {
        QFETCH(QByteArray, body);
        for (const int status : {401, 403, 404, 500, 418}) {
            ObservedCall call;
            call.status = status;
            call.body = body;
            call.headers = {{"WWW-Authenticate", "Bearer error=\"unterminated"}};
            const Diagnosis diagnosis = CallDiagnosis::diagnose(call, {});
            QVERIFY(!diagnosis.title.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCallDiagnosis)
#include "tst_calldiagnosis.moc"
