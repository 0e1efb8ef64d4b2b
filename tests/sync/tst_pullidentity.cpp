// SPDX-License-Identifier: GPL-3.0-or-later
// A pull trusts no answer blindly: a gateway (or a cache in front of it) that answers GET /apis/{id} with another
// API makes the pull fail by name, before a plan could change the wrong API. Real HTTP on 127.0.0.1, port 0.
#include "net/admincredentials.h"
#include "net/gatewayclient.h"
#include "sync/pulljob.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace gw;
using namespace Qt::StringLiterals;

class TestPullIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anAnswerForAnotherApiFailsThePull_data()
    {
        QTest::addColumn<QString>("answeredId");
        QTest::addColumn<bool>("ok");
        QTest::newRow("the API asked for") << u"api-orders"_s << true;
        QTest::newRow("another API") << u"api-invoices"_s << false;
    }
    void anAnswerForAnotherApiFailsThePull()
    {
        QFETCH(QString, answeredId);
        QFETCH(bool, ok);
        QHttpServer server;
        server.route(u"/rest/apigateway/alias"_s, [] { return QJsonObject{{u"alias"_s, QJsonArray()}}; });
        server.route(u"/rest/apigateway/apis"_s, [] {
            return QJsonObject{
                {u"apiResponse"_s, QJsonArray{QJsonObject{{u"api"_s, QJsonObject{{u"id"_s, u"api-orders"_s},
                                                                                 {u"apiName"_s, u"OrdersCreate"_s},
                                                                                 {u"apiVersion"_s, u"1.0"_s}}}}}}};
        });
        server.route(u"/rest/apigateway/apis/<arg>"_s, [answeredId](const QString &) {
            return QJsonObject{
                {u"apiResponse"_s,
                 QJsonObject{{u"api"_s, QJsonObject{{u"id"_s, answeredId},
                                                    {u"apiName"_s, answeredId == u"api-orders"_s ? u"OrdersCreate"_s
                                                                                                 : u"InvoicesIssue"_s},
                                                    {u"apiVersion"_s, u"1.0"_s},
                                                    {u"isActive"_s, true}}}}}};
        });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port > 0);

        Environment environment;
        environment.name = u"sandbox"_s;
        environment.gatewayUrl = u"http://127.0.0.1:%1"_s.arg(port);
        QNetworkAccessManager network;
        FixedCredentialSource credentials(u"manage"_s);
        GatewayClient client(&network, environment, &credentials);
        PullJob job(&client);
        QSignalSpy finished(&job, &PullJob::finished);
        job.start();
        QVERIFY(finished.wait(10000));
        const PullResult result = finished.first().first().value<PullResult>();
        QCOMPARE(result.ok(), ok);
        if (!ok) {
            QVERIFY2(result.error.contains(u"answered GET /apis/api-orders with API api-invoices (InvoicesIssue/1.0), "
                                           u"not the API asked for; nothing was planned"_s),
                     qPrintable(result.error));
        }
    }
};

QTEST_GUILESS_MAIN(TestPullIdentity)
#include "tst_pullidentity.moc"
