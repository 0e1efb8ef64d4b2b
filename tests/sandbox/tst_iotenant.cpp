// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/iotenant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Answer
{
    int status = 0;
    QJsonObject json;
    QByteArray wwwAuthenticate;
};

} // namespace

/// The emulated .io tenant over real HTTP: Basic auth, per-project execute, the projects list and the call record.
class TestIoTenant : public QObject
{
    Q_OBJECT

private:
    Answer call(const QByteArray &verb, const QString &path, const QString &user = {}, const QString &password = {},
                const QByteArray &body = {})
    {
        QNetworkRequest request(m_tenant->baseUrl().resolved(QUrl(path)));
        request.setTransferTimeout(5000);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        if (!user.isEmpty())
            request.setRawHeader("Authorization", "Basic " + (user + u':' + password).toUtf8().toBase64());
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(5000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        answer.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
        reply->deleteLater();
        return answer;
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<gw::IoTenant> m_tenant;

private Q_SLOTS:
    void init()
    {
        m_tenant = std::make_unique<gw::IoTenant>();
        using K = gw::Integration::Kind;
        m_tenant->addProject({u"Orders"_s,
                              u"fl-orders-7c1e"_s,
                              u"confidential"_s,
                              {{u"createOrder"_s, K::FlowService,
                                u"/integration/rest/external/integration/run/development/createOrder"_s}}});
        m_tenant->addProject(
            {u"Customers"_s,
             u"fl-customers-2b9d"_s,
             u"restricted"_s,
             {{u"customerUpdated"_s, K::Webhook, u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s}}});
        m_tenant->addRole({u"orders-exec"_s, {}, {{u"Orders"_s, {true, false, true}}}});
        m_tenant->addRole({u"customers-read"_s, {}, {{u"Customers"_s, {true, false, false}}}});
        m_tenant->addUser({u"svc-orders"_s, u"orders-pass"_s, {u"orders-exec"_s}});
        m_tenant->addUser({u"svc-reader"_s, u"reader-pass"_s, {u"customers-read"_s}});
        m_tenant->addUser({u"svc-dev"_s, u"dev-pass"_s, {u"Developer"_s}});
        m_tenant->addUser({u"admin"_s, u"admin-pass"_s, {u"Admin"_s}});
        QVERIFY2(m_tenant->listen(QHostAddress::LocalHost, 0), qPrintable(m_tenant->errorString()));
    }

    void runRequiresCredentials_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("message");
        QTest::newRow("no credentials") << QString() << QString()
                                        << u"Authentication required: send HTTP Basic credentials."_s;
        QTest::newRow("wrong password") << u"svc-orders"_s << u"nope"_s << u"Invalid username or password."_s;
        QTest::newRow("unknown user") << u"ghost"_s << u"x"_s << u"Invalid username or password."_s;
    }

    void runRequiresCredentials()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, message);
        const Answer answer =
            call("POST", u"/integration/rest/external/integration/run/development/createOrder"_s, user, password);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.json[u"error"_s][u"message"_s].toString(), message);
        QVERIFY(answer.wwwAuthenticate.startsWith("Basic"));
        QCOMPARE(m_tenant->calls().size(), 1);
        QCOMPARE(m_tenant->calls().first().status, 401);
        QCOMPARE(m_tenant->calls().first().integration, u"createOrder"_s);
    }

    void flowServiceRunsForUserWithExecute()
    {
        const Answer answer = call("POST", u"/integration/rest/external/integration/run/development/createOrder"_s,
                                   u"svc-orders"_s, u"orders-pass"_s, R"({"item":"book"})"_ba);
        QCOMPARE(answer.status, 200);
        const QJsonObject output = answer.json[u"output"_s].toObject();
        QCOMPARE(output[u"executedBy"_s].toString(), u"svc-orders"_s);
        QCOMPARE(output[u"project"_s].toString(), u"Orders"_s);
        QCOMPARE(output[u"input"_s][u"item"_s].toString(), u"book"_s);
        const auto calls = m_tenant->calls();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().user, u"svc-orders"_s);
        QCOMPARE(calls.first().project, u"Orders"_s);
        QCOMPARE(calls.first().integration, u"createOrder"_s);
        QCOMPARE(calls.first().status, 200);
    }

    void subPathOfIntegrationRuns()
    {
        const Answer answer = call("GET", u"/integration/rest/external/integration/run/development/createOrder/42"_s,
                                   u"svc-dev"_s, u"dev-pass"_s);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json[u"output"_s][u"integration"_s].toString(), u"createOrder"_s);
    }

    void userWithoutExecuteIsRefused_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("role on another project")
            << u"svc-orders"_s << u"orders-pass"_s << u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s
            << u"User svc-orders is not authorized to execute customerUpdated in project Customers."_s;
        QTest::newRow("read but no execute")
            << u"svc-reader"_s << u"reader-pass"_s << u"/runflow/run/sync/v2/wh-customer-updated-5f3a"_s
            << u"User svc-reader is not authorized to execute customerUpdated in project Customers."_s;
    }

    void userWithoutExecuteIsRefused()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const Answer answer = call("POST", path, user, password);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.json[u"error"_s][u"message"_s].toString(), message);
        QCOMPARE(m_tenant->calls().size(), 1);
        QCOMPARE(m_tenant->calls().first().user, user);
        QCOMPARE(m_tenant->calls().first().status, 401);
    }

    void unknownWebhookTokenIsWorkflowNotFound()
    {
        const Answer answer = call("POST", u"/runflow/run/sync/v2/unknown-token"_s, u"svc-dev"_s, u"dev-pass"_s);
        QCOMPARE(answer.status, 404);
        QCOMPARE(answer.json[u"message"_s].toString(), u"Workflow not found."_s);
        QCOMPARE(answer.json[u"code"_s].toInt(), 103);
    }

    void projectsListsOnlyTheCallersProjects_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("projects");
        QTest::newRow("per-project user") << u"svc-orders"_s << u"orders-pass"_s << QStringList{u"Orders"_s};
        QTest::newRow("read-only user") << u"svc-reader"_s << u"reader-pass"_s << QStringList{u"Customers"_s};
        QTest::newRow("developer") << u"svc-dev"_s << u"dev-pass"_s << QStringList{u"Orders"_s, u"Customers"_s};
    }

    void projectsListsOnlyTheCallersProjects()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QStringList, projects);
        const Answer answer = call("GET", u"/apis/v1/rest/projects"_s, user, password);
        QCOMPARE(answer.status, 200);
        const QJsonObject output = answer.json[u"output"_s].toObject();
        QStringList names;
        for (const auto &project : output[u"projects"_s].toArray())
            names.append(project[u"name"_s].toString());
        QCOMPARE(names, projects);
        QCOMPARE(output[u"count"_s].toInt(), projects.size());
        QCOMPARE(call("GET", u"/apis/v1/rest/projects"_s).status, 401);
    }

    void callRecordIsReadableByAdminOnly()
    {
        call("POST", u"/integration/rest/external/integration/run/development/createOrder"_s, u"svc-orders"_s,
             u"orders-pass"_s);
        const Answer refused = call("GET", u"/apis/v1/rest/sandbox/calls"_s, u"svc-orders"_s, u"orders-pass"_s);
        QCOMPARE(refused.status, 403);
        const Answer answer = call("GET", u"/apis/v1/rest/sandbox/calls"_s, u"admin"_s, u"admin-pass"_s);
        QCOMPARE(answer.status, 200);
        const QJsonArray calls = answer.json[u"output"_s][u"calls"_s].toArray();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first()[u"user"_s].toString(), u"svc-orders"_s);
        QCOMPARE(calls.first()[u"project"_s].toString(), u"Orders"_s);
        QCOMPARE(calls.first()[u"integration"_s].toString(), u"createOrder"_s);
        QCOMPARE(calls.first()[u"status"_s].toInt(), 200);
        QVERIFY(!calls.first()[u"time"_s].toString().isEmpty());
    }

    void rolesAndUsersAreReadableByAdminOnly()
    {
        QCOMPARE(call("GET", u"/apis/v1/rest/roles"_s, u"svc-orders"_s, u"orders-pass"_s).status, 403);
        const Answer roles = call("GET", u"/apis/v1/rest/roles"_s, u"admin"_s, u"admin-pass"_s);
        QCOMPARE(roles.status, 200);
        QJsonObject ordersExec;
        for (const auto &role : roles.json[u"output"_s].toArray()) {
            if (role[u"name"_s].toString() == u"orders-exec"_s)
                ordersExec = role.toObject();
        }
        const QJsonArray permissions = ordersExec[u"permissions"_s].toArray();
        QCOMPARE(permissions.size(), 1);
        QCOMPARE(permissions.first()[u"project_uid"_s].toString(), u"fl-orders-7c1e"_s);
        QCOMPARE(permissions.first()[u"access_list"_s].toObject(),
                 (QJsonObject{{u"read"_s, true}, {u"write"_s, false}, {u"execute"_s, true}}));

        const Answer users = call("GET", u"/apis/v1/rest/users"_s, u"admin"_s, u"admin-pass"_s);
        QCOMPARE(users.status, 200);
        QVERIFY(!users.json.isEmpty());
        QVERIFY2(!QJsonDocument(users.json).toJson().contains("orders-pass"), "a password leaked");
        for (const auto &user : users.json[u"output"_s].toArray()) {
            if (user[u"username"_s].toString() == u"svc-orders"_s)
                QCOMPARE(user[u"roles"_s].toArray(), QJsonArray{u"orders-exec"_s});
        }
    }

    void changedPasswordIsRefused()
    {
        QVERIFY(m_tenant->setUserPassword(u"svc-orders"_s, u"rotated"_s));
        QCOMPARE(call("GET", u"/apis/v1/rest/projects"_s, u"svc-orders"_s, u"orders-pass"_s).status, 401);
        QCOMPARE(call("GET", u"/apis/v1/rest/projects"_s, u"svc-orders"_s, u"rotated"_s).status, 200);
    }

    void successiveWrongPasswordsLockTheLogin()
    {
        const QString projects = u"/apis/v1/rest/projects"_s;
        for (int i = 0; i < 4; ++i)
            QCOMPARE(call("GET", projects, u"svc-orders"_s, u"stale"_s).status, 401);
        // A right password before the fifth wrong one resets the count.
        QCOMPARE(call("GET", projects, u"svc-orders"_s, u"orders-pass"_s).status, 200);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(call("GET", projects, u"svc-orders"_s, u"stale"_s).status, 401);
        QVERIFY(!m_tenant->isLocked(u"svc-orders"_s));
        QCOMPARE(call("GET", projects, u"svc-orders"_s, u"stale"_s).status, 401);
        QVERIFY(m_tenant->isLocked(u"svc-orders"_s));

        const Answer locked = call("POST", u"/integration/rest/external/integration/run/development/createOrder"_s,
                                   u"svc-orders"_s, u"orders-pass"_s);
        QCOMPARE(locked.status, 401);
        QCOMPARE(locked.json[u"error"_s][u"message"_s].toString(),
                 u"User svc-orders is locked after 5 successive invalid sign-in attempts; try again in up to 5 "
                 u"minutes."_s);
        QCOMPARE(m_tenant->calls().constLast().status, 401);
        // Other users are not affected.
        QCOMPARE(call("GET", projects, u"svc-dev"_s, u"dev-pass"_s).status, 200);

        m_tenant->unlock(u"svc-orders"_s);
        QCOMPARE(call("GET", projects, u"svc-orders"_s, u"orders-pass"_s).status, 200);
        m_tenant->setLockOutPolicy(0, 5);
        for (int i = 0; i < 8; ++i)
            call("GET", projects, u"svc-orders"_s, u"stale"_s);
        QVERIFY(!m_tenant->isLocked(u"svc-orders"_s));
    }
};

QTEST_GUILESS_MAIN(TestIoTenant)
#include "tst_iotenant.moc"
