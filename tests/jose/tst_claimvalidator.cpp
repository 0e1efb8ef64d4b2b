// SPDX-License-Identifier: GPL-3.0-or-later
// Claim checks on their own: leeway boundaries, an injected clock, policy switches and the messages.
#include "jose/claimvalidator.h"

#include <QJsonArray>
#include <QTest>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

namespace {

const QDateTime Now(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC);
const qint64 T = Now.toSecsSinceEpoch();

QStringList messages(const ClaimResult &result)
{
    QStringList list;
    for (const JoseError &error : result.errors)
        list.append(error.message);
    return list;
}

} // namespace

class TestClaimValidator : public QObject
{
    Q_OBJECT

private slots:
    void timeChecks_data();
    void timeChecks();
    void expirationCanBeOptional();
    void uncheckedWhenPolicyIsOpen();
    void reportsEveryFailureInOrder();
    void scopesFromScopeOrScp_data();
    void scopesFromScopeOrScp();
    void absurdDatesDoNotBreakMessages();
};

void TestClaimValidator::timeChecks_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<int>("leeway");
    QTest::addColumn<QStringList>("errors");
    QTest::newRow("exp now, leeway 0") << QJsonObject{{u"exp"_s, T}} << 0
                                       << QStringList{u"token expired at 2026-11-28T09:00:00Z (leeway 0 s)"_s};
    QTest::newRow("exp 1 s ahead, leeway 0") << QJsonObject{{u"exp"_s, T + 1}} << 0 << QStringList{};
    QTest::newRow("exp 60 s ago, leeway 60") << QJsonObject{{u"exp"_s, T - 60}} << 60
                                             << QStringList{u"token expired at 2026-11-28T08:59:00Z (leeway 60 s)"_s};
    QTest::newRow("exp 59.5 s ago, leeway 60") << QJsonObject{{u"exp"_s, T - 59.5}} << 60 << QStringList{};
    QTest::newRow("exp 5 min ago, leeway 600") << QJsonObject{{u"exp"_s, T - 300}} << 600 << QStringList{};
    QTest::newRow("nbf 60 s ahead, leeway 60")
        << QJsonObject{{u"exp"_s, T + 900}, {u"nbf"_s, T + 60}} << 60 << QStringList{};
    QTest::newRow("nbf 61 s ahead, leeway 60")
        << QJsonObject{{u"exp"_s, T + 900}, {u"nbf"_s, T + 61}} << 60
        << QStringList{u"token not valid before 2026-11-28T09:01:01Z (leeway 60 s)"_s};
    QTest::newRow("iat 60 s ahead, leeway 60")
        << QJsonObject{{u"exp"_s, T + 900}, {u"iat"_s, T + 60}} << 60 << QStringList{};
    QTest::newRow("iat 1 h ahead, leeway 60")
        << QJsonObject{{u"exp"_s, T + 900}, {u"iat"_s, T + 3600}} << 60
        << QStringList{u"token issued in the future at 2026-11-28T10:00:00Z (leeway 60 s)"_s};
    QTest::newRow("iat as a string") << QJsonObject{{u"exp"_s, T + 900}, {u"iat"_s, u"now"_s}} << 60
                                     << QStringList{u"claim iat is not a number (a NumericDate, RFC 7519 §2)"_s};
    QTest::newRow("exp as an array") << QJsonObject{{u"exp"_s, QJsonArray{T + 900}}} << 60
                                     << QStringList{u"claim exp is not a number (a NumericDate, RFC 7519 §2)"_s};
    QTest::newRow("exp null") << QJsonObject{{u"exp"_s, QJsonValue()}} << 60
                              << QStringList{u"claim exp is not a number (a NumericDate, RFC 7519 §2)"_s};
}

void TestClaimValidator::timeChecks()
{
    QFETCH(QJsonObject, claims);
    QFETCH(int, leeway);
    QFETCH(QStringList, errors);
    ClaimPolicy policy;
    policy.leeway = std::chrono::seconds(leeway);
    const ClaimResult result = validateClaims(claims, policy, Now);
    QCOMPARE(messages(result), errors);
    QCOMPARE(result.ok(), errors.isEmpty());
}

void TestClaimValidator::expirationCanBeOptional()
{
    ClaimPolicy policy;
    const ClaimResult required = validateClaims({}, policy, Now);
    QCOMPARE(required.errors.size(), 1);
    QCOMPARE(required.errors.first().reason, JoseReason::ExpirationMissing);
    policy.requireExpiration = false;
    QVERIFY(validateClaims({}, policy, Now).ok());
}

void TestClaimValidator::uncheckedWhenPolicyIsOpen()
{
    // No issuer/audience configured: not checked. An empty configured issuer is compared (and fails).
    const QJsonObject claims{{u"exp"_s, T + 60}, {u"iss"_s, u"x"_s}, {u"aud"_s, u"y"_s}};
    ClaimPolicy policy;
    QVERIFY(validateClaims(claims, policy, Now).ok());
    policy.issuer = QString();
    QCOMPARE(messages(validateClaims(claims, policy, Now)), QStringList{u"issuer mismatch: expected , token has x"_s});
}

void TestClaimValidator::reportsEveryFailureInOrder()
{
    ClaimPolicy policy;
    policy.issuer = u"https://login.example.com"_s;
    policy.audience = u"api"_s;
    policy.requiredScopes = {u"a"_s, u"b"_s};
    const QJsonObject claims{{u"iss"_s, 3},        {u"aud"_s, QJsonArray{u"x"_s, 4}},
                             {u"exp"_s, T - 3600}, {u"nbf"_s, T + 3600},
                             {u"iat"_s, T + 3600}, {u"scope"_s, u"a"_s}};
    const ClaimResult result = validateClaims(claims, policy, Now);
    QCOMPARE(messages(result),
             QStringList({u"issuer mismatch: expected https://login.example.com, token has a non-string value"_s,
                          u"audience mismatch: expected api, token has [x, (not a string)]"_s,
                          u"token expired at 2026-11-28T08:00:00Z (leeway 60 s)"_s,
                          u"token not valid before 2026-11-28T10:00:00Z (leeway 60 s)"_s,
                          u"token issued in the future at 2026-11-28T10:00:00Z (leeway 60 s)"_s,
                          u"missing required scope b (token has: a)"_s}));
    QCOMPARE(result.errors.at(0).code(), u"issuer-mismatch"_s);
    QCOMPARE(result.errors.at(1).code(), u"audience-mismatch"_s);
    QCOMPARE(result.errors.at(2).code(), u"expired"_s);
    QCOMPARE(result.errors.at(3).code(), u"not-yet-valid"_s);
    QCOMPARE(result.errors.at(4).code(), u"issued-in-future"_s);
    QCOMPARE(result.errors.at(5).code(), u"scope-missing"_s);
}

void TestClaimValidator::scopesFromScopeOrScp_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QString>("error");
    QTest::newRow("scope string") << QJsonObject{{u"scope"_s, u"orders:read  orders:write"_s}}
                                  << QStringList{u"orders:read"_s, u"orders:write"_s} << QString();
    QTest::newRow("scp array (Okta, Entra)") << QJsonObject{{u"scp"_s, QJsonArray{u"orders:write"_s, u"orders:read"_s}}}
                                             << QStringList{u"orders:write"_s, u"orders:read"_s} << QString();
    QTest::newRow("scp string") << QJsonObject{{u"scp"_s, u"orders:read orders:write"_s}}
                                << QStringList{u"orders:read"_s, u"orders:write"_s} << QString();
    QTest::newRow("scope not a string") << QJsonObject{{u"scope"_s, QJsonArray{u"orders:read"_s}}} << QStringList{}
                                        << u"missing required scope orders:read orders:write (token has: no scope)"_s;
    QTest::newRow("case matters") << QJsonObject{{u"scope"_s, u"Orders:Read orders:write"_s}}
                                  << QStringList{u"Orders:Read"_s, u"orders:write"_s}
                                  << u"missing required scope orders:read (token has: Orders:Read orders:write)"_s;
}

void TestClaimValidator::scopesFromScopeOrScp()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QStringList, granted);
    QFETCH(QString, error);
    QCOMPARE(ClaimValidator::grantedScopes(claims), granted);
    ClaimPolicy policy;
    policy.requireExpiration = false;
    policy.requiredScopes = {u"orders:read"_s, u"orders:write"_s};
    QCOMPARE(messages(validateClaims(claims, policy, Now)), error.isEmpty() ? QStringList() : QStringList{error});
}

void TestClaimValidator::absurdDatesDoNotBreakMessages()
{
    ClaimPolicy policy;
    QCOMPARE(messages(validateClaims({{u"exp"_s, -1e300}}, policy, Now)),
             QStringList{u"token expired at 0001-01-01T00:00:00Z (leeway 60 s)"_s});
    QVERIFY(validateClaims({{u"exp"_s, 1e300}}, policy, Now).ok());
    QCOMPARE(messages(validateClaims({{u"exp"_s, T + 60}, {u"iat"_s, 1e300}}, policy, Now)),
             QStringList{u"token issued in the future at 9999-12-31T23:59:59Z (leeway 60 s)"_s});
}

QTEST_GUILESS_MAIN(TestClaimValidator)
#include "tst_claimvalidator.moc"
