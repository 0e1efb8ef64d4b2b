// SPDX-License-Identifier: GPL-3.0-or-later
// TokenSession against a fake authorization server that answers what each test says: token lifetimes that are no
// lifetime (treated as unknown, with a note), the earliest automatic renewal, and the back-off after failed ones.
// The session's clock stands still and the renewal timer is fired by hand, so nothing here sleeps.
#include "cannedhttpserver.h"
#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace gw;

namespace {

// An unsigned JWT: enough for the session to read its claims (its verification fails, which is not tested here).
QByteArray jwtWithClaims(const QJsonObject &claims)
{
    const auto part = [](const QJsonObject &object) {
        return QJsonDocument(object)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return part({{u"alg"_s, u"RS256"_s}, {u"typ"_s, u"at+jwt"_s}}) + '.' + part(claims) + ".c2ln";
}

QByteArray tokenAnswer(const QByteArray &expiresInJson, const QByteArray &accessToken = "opaque-token")
{
    QByteArray body = "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"";
    if (!expiresInJson.isEmpty())
        body += ",\"expires_in\":" + expiresInJson;
    return CannedHttpServer::http(200, body + '}');
}

} // namespace

class TestTokenSession : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<CannedHttpServer> m_server;
    QByteArray m_tokenAnswer; ///< what the token endpoint answers
    int m_tokenRequests = 0;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretProvider> m_secrets;
    std::unique_ptr<JwksCache> m_jwks;
    std::unique_ptr<TokenSession> m_session;
    QDateTime m_now;

    QTimer *refreshTimer() const { return m_session->findChild<QTimer *>(u"autoRefreshTimer"_s); }

    // Milliseconds from the session's (stopped) clock to the scheduled renewal; -1 when none is scheduled.
    qint64 scheduledDelayMs() const
    {
        return m_session->nextAutoRefresh().isValid() ? m_now.msecsTo(m_session->nextAutoRefresh()) : -1;
    }

    bool waitIdle()
    {
        for (int i = 0; i < 200 && m_session->isBusy(); ++i)
            QTest::qWait(25);
        return !m_session->isBusy();
    }

    // What the user reads when the session ends a request: its notices.
    QStringList obtainToken()
    {
        QSignalSpy notices(m_session.get(), &TokenSession::notice);
        QSignalSpy failed(m_session.get(), &TokenSession::failed);
        m_session->requestToken();
        if (!waitIdle() || !failed.isEmpty())
            qWarning("no token: %s", qPrintable(failed.value(0).value(0).value<OAuthError>().message));
        QStringList texts;
        for (const QList<QVariant> &notice : std::as_const(notices))
            texts << notice.first().toString();
        return texts;
    }

    // The renewal timer runs out: the clock moves to the scheduled time, the timer fires at once.
    void fireRenewal()
    {
        m_now = m_session->nextAutoRefresh();
        QTimer *timer = refreshTimer();
        timer->stop();
        QMetaObject::invokeMethod(timer, "timeout");
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<CannedHttpServer>();
        m_tokenAnswer = tokenAnswer("3600");
        m_tokenRequests = 0;
        const QByteArray base = m_server->base().toLatin1();
        m_server->respond = [this, base](const QByteArray &requestLine) {
            if (requestLine.startsWith("GET /.well-known/oauth-authorization-server"))
                return CannedHttpServer::http(200, "{\"issuer\":\"" + base + "\",\"token_endpoint\":\"" + base +
                                                       "/token\"}");
            if (requestLine.startsWith("POST /token")) {
                ++m_tokenRequests;
                return m_tokenAnswer;
            }
            return CannedHttpServer::http(404, "");
        };
        m_store = std::make_unique<MemorySecretStore>();
        m_store->insert(SecretKey::oauthClient(u"unit"_s, u"client"_s), u"secret"_s);
        m_secrets = std::make_unique<SecretProvider>(m_store.get(), QProcessEnvironment(), nullptr);
        m_jwks = std::make_unique<JwksCache>(&m_network);
        m_session = std::make_unique<TokenSession>(&m_network, m_secrets.get(), m_jwks.get());
        m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC); // like a NumericDate
        m_session->setClock([this] { return m_now; });
        TokenSessionConfig config;
        config.environment = u"unit"_s;
        config.server.issuer = m_server->base();
        config.server.clientId = u"client"_s;
        m_session->setConfig(config);
        QVERIFY(refreshTimer());
    }

    void cleanup()
    {
        m_session.reset();
        m_jwks.reset();
        m_secrets.reset();
        m_store.reset();
        m_server.reset();
    }

    void unusableExpiresInMeansUnknownExpiry_data()
    {
        QTest::addColumn<QByteArray>("expiresIn");
        QTest::addColumn<QString>("shown");
        QTest::newRow("zero") << QByteArray("0") << u"0"_s;
        QTest::newRow("negative") << QByteArray("-5") << u"-5"_s;
        QTest::newRow("absurdly large") << QByteArray("1e300") << u"1e+300"_s;
        QTest::newRow("more than a year") << QByteArray("31536001") << u"31536001"_s;
        QTest::newRow("a string") << QByteArray("\"3600\"") << u"\"3600\""_s;
        QTest::newRow("a fraction") << QByteArray("3600.5") << u"3600.5"_s;
        QTest::newRow("not a number") << QByteArray("\"NaN\"") << u"\"NaN\""_s;
    }

    void unusableExpiresInMeansUnknownExpiry()
    {
        QFETCH(QByteArray, expiresIn);
        QFETCH(QString, shown);
        m_tokenAnswer = tokenAnswer(expiresIn);
        const QStringList notices = obtainToken();
        QVERIFY(!m_session->token().isEmpty());
        // Unknown, not "expired now" and not a date centuries away.
        QVERIFY(!m_session->token().expiresAt.isValid());
        QVERIFY(!m_session->token().secondsLeft(m_now));
        QVERIFY(!m_session->nextAutoRefresh().isValid());
        QVERIFY(!refreshTimer()->isActive());
        QCOMPARE(notices, QStringList{u"The token endpoint sent expires_in = %1, which is not a lifetime (a whole "
                                      u"number of seconds, from 1 s to one year); the expiry is treated as unknown, "
                                      u"so the token is not renewed automatically."_s.arg(shown)});
        QCOMPARE(m_tokenRequests, 1);
    }

    void anUnusableExpiresInGivesWayToTheExpClaim()
    {
        const QDateTime exp = m_now.addSecs(900);
        m_tokenAnswer = tokenAnswer("0", jwtWithClaims({{u"exp"_s, exp.toSecsSinceEpoch()}}));
        const QStringList notices = obtainToken();
        QCOMPARE(m_session->token().expiresAt, exp);
        QVERIFY(
            notices.contains(u"The token endpoint sent expires_in = 0, which is not a lifetime (a whole number "
                             u"of seconds, from 1 s to one year); it is ignored and the expiry is taken from the "
                             u"token's exp claim (%1)."_s.arg(exp.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))));
        QCOMPARE(m_session->nextAutoRefresh(), exp.addSecs(-60));
    }

    void anAbsurdExpClaimIsUnknownToo()
    {
        m_tokenAnswer = tokenAnswer("-5", jwtWithClaims({{u"exp"_s, 1e300}}));
        const QStringList notices = obtainToken();
        QVERIFY(!m_session->token().isEmpty());
        QVERIFY(!m_session->token().expiresAt.isValid());
        QVERIFY(!m_session->nextAutoRefresh().isValid());
        QVERIFY(notices.contains(u"The token endpoint sent expires_in = -5, which is not a lifetime (a whole number "
                                 u"of seconds, from 1 s to one year); the expiry is treated as unknown, so the token "
                                 u"is not renewed automatically."_s));
    }

    void aUsableExpiresInSchedulesTheRenewalWithoutANote()
    {
        m_tokenAnswer = tokenAnswer("3600");
        const QStringList notices = obtainToken();
        const TokenInfo &token = m_session->token();
        QCOMPARE(token.receivedAt.secsTo(token.expiresAt), 3600);
        QVERIFY(notices.isEmpty());
        QCOMPARE(m_session->nextAutoRefresh(), token.expiresAt.addSecs(-60));
        QCOMPARE(qint64(refreshTimer()->interval()), scheduledDelayMs());
    }

    // A 5 s token would be renewed after 4 s, then again and again: the first renewal waits 30 s.
    void aShortLifetimeIsRenewedNoSoonerThan30s()
    {
        m_tokenAnswer = tokenAnswer("5");
        obtainToken();
        QCOMPARE(m_session->token().receivedAt.secsTo(m_session->token().expiresAt), 5);
        QCOMPARE(scheduledDelayMs(), qint64(30000));
        QVERIFY(refreshTimer()->isActive());
        QCOMPARE(refreshTimer()->interval(), 30000);
    }

    // QTimer takes an int of milliseconds: a token valid for 400 days must not wrap around to a renewal in 2 days.
    void aLongLifetimeDoesNotOverflowTheTimer()
    {
        const QDateTime exp = m_now.addDays(400);
        m_tokenAnswer = tokenAnswer({}, jwtWithClaims({{u"exp"_s, exp.toSecsSinceEpoch()}}));
        obtainToken();
        QCOMPARE(m_session->nextAutoRefresh(), exp.addSecs(-60));
        QVERIFY(refreshTimer()->isActive());
        QCOMPARE(refreshTimer()->interval(), 24 * 3600 * 1000);
        // The first day passes: the timer waits the next step instead of renewing.
        QMetaObject::invokeMethod(refreshTimer(), "timeout");
        QVERIFY(!m_session->isBusy());
        QCOMPARE(m_tokenRequests, 1);
        QVERIFY(refreshTimer()->isActive());
        QCOMPARE(m_session->nextAutoRefresh(), exp.addSecs(-60));
    }

    void failingRenewalsBackOffAndASuccessResets()
    {
        m_tokenAnswer = tokenAnswer("60");
        obtainToken();
        QCOMPARE(m_session->nextAutoRefresh(), m_session->token().expiresAt.addSecs(-12));
        m_tokenAnswer = CannedHttpServer::http(503, "down for maintenance", {}, "text/plain");
        QSignalSpy failed(m_session.get(), &TokenSession::failed);
        QSignalSpy notices(m_session.get(), &TokenSession::notice);
        const QList<qint64> expected{30000, 60000, 120000, 240000, 480000, 600000, 600000};
        QList<qint64> delays;
        for (int attempt = 1; attempt <= expected.size(); ++attempt) {
            fireRenewal();
            QVERIFY(waitIdle());
            QCOMPARE(failed.size(), attempt);
            QCOMPARE(m_tokenRequests, 1 + attempt); // one request per attempt, no loop
            QCOMPARE(m_session->autoRefreshFailures(), attempt);
            QVERIFY(refreshTimer()->isActive());
            QCOMPARE(qint64(refreshTimer()->interval()), scheduledDelayMs());
            QVERIFY2(scheduledDelayMs() >= 30000, qPrintable(QString::number(scheduledDelayMs())));
            delays << scheduledDelayMs();
            QCOMPARE(notices.last().first().toString(),
                     u"The automatic renewal failed (%1 in a row); it is tried again at %2."_s.arg(attempt).arg(
                         m_session->nextAutoRefresh().toLocalTime().toString(u"HH:mm:ss"_s)));
        }
        QCOMPARE(delays, expected);
        // The token is still the first one: failures do not drop it.
        QCOMPARE(m_session->token().receivedAt.secsTo(m_session->token().expiresAt), 60);

        m_tokenAnswer = tokenAnswer("3600");
        fireRenewal();
        QVERIFY(waitIdle());
        QCOMPARE(failed.size(), expected.size());
        QCOMPARE(m_session->autoRefreshFailures(), 0);
        QCOMPARE(m_session->token().receivedAt.secsTo(m_session->token().expiresAt), 3600);
        QCOMPARE(m_session->nextAutoRefresh(), m_session->token().expiresAt.addSecs(-60));
    }

    void aFailedManualRequestSchedulesNoRetry()
    {
        m_tokenAnswer = CannedHttpServer::http(503, "down", {}, "text/plain");
        QSignalSpy failed(m_session.get(), &TokenSession::failed);
        m_session->requestToken();
        QVERIFY(waitIdle());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(m_session->autoRefreshFailures(), 0);
        QVERIFY(!m_session->nextAutoRefresh().isValid());
        QVERIFY(!refreshTimer()->isActive());
    }
};

QTEST_GUILESS_MAIN(TestTokenSession)
#include "tst_tokensession.moc"
