// SPDX-License-Identifier: GPL-3.0-or-later
// Planning must stay interactive for large gateways: prints the time for 1,000 and 10,000 proxies
// and their ratio (about 10 for a linear or n log n plan, about 100 for a quadratic one).
#include "plan.h"

#include <QElapsedTimer>
#include <QTest>

using namespace gw;

namespace {

struct Scenario
{
    Workspace desired;
    ObservedState observed;
};

Scenario scenario(int proxies)
{
    Scenario s;
    Environment environment;
    environment.name = QStringLiteral("bench");
    environment.gatewayUrl = QStringLiteral("http://127.0.0.1:5555");
    environment.ioTenantUrl = QStringLiteral("http://127.0.0.1:5556");
    s.desired.environments << environment;
    IoProject project{QStringLiteral("P"), QStringLiteral("uid"), QStringLiteral("internal"), {}};
    for (int a = 0; a < proxies / 10; ++a) {
        Alias alias;
        alias.name = QStringLiteral("alias-%1").arg(a);
        alias.technicalUser = QStringLiteral("user-%1").arg(a);
        s.desired.aliases << alias;
        ObservedAlias observed{
            QString::number(a), QStringLiteral("httpTransportSecurityAlias"), true, alias, {}, false, {}};
        if (a % 7 == 0)
            observed.alias.technicalUser += QStringLiteral("-old");
        s.observed.aliases << observed;
    }
    for (int i = 0; i < proxies; ++i) {
        GatewayProxy proxy;
        proxy.name = QStringLiteral("api-%1").arg(i, 6, 10, QLatin1Char('0'));
        proxy.project = project.name;
        proxy.integration = proxy.name;
        proxy.inbound.scopes = {QStringLiteral("s:read")};
        proxy.outbound.alias = QStringLiteral("alias-%1").arg(i / 10);
        project.integrations << Integration{proxy.name, Integration::Kind::FlowService,
                                            QStringLiteral("/run/") + proxy.name};
        s.desired.proxies << proxy;
        if (i % 10 == 9)
            continue; // missing on the gateway: created
        ObservedProxy observed;
        observed.apiId = QString::number(i);
        observed.policyId = observed.apiId;
        observed.proxy = proxy;
        observed.proxy.routingEndpoint = QStringLiteral("http://127.0.0.1:5556/run/") + proxy.name;
        observed.inboundActionId = QStringLiteral("i") + observed.apiId;
        observed.routingActionId = QStringLiteral("r") + observed.apiId;
        observed.outboundActionId = QStringLiteral("o") + observed.apiId;
        if (i % 10 == 3)
            observed.proxy.inbound.scopes = {QStringLiteral("s:write")};
        s.observed.proxies << observed;
    }
    s.desired.projects << project;
    // The gateway lists in its own order, not the workspace's.
    std::reverse(s.observed.proxies.begin(), s.observed.proxies.end());
    return s;
}

double millisecondsToPlan(const Scenario &s, qsizetype *steps)
{
    double best = 1e12;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        const Plan plan = makePlan(s.desired, QStringLiteral("bench"), s.observed);
        best = std::min(best, timer.nsecsElapsed() / 1e6);
        *steps = plan.steps.size();
    }
    return best;
}

} // namespace

class BenchPlan : public QObject
{
    Q_OBJECT
private slots:
    void planScalesSubQuadratically();
};

void BenchPlan::planScalesSubQuadratically()
{
    const Scenario small = scenario(1000);
    const Scenario large = scenario(10000);
    qsizetype smallSteps = 0, largeSteps = 0;
    const double smallMs = millisecondsToPlan(small, &smallSteps);
    const double largeMs = millisecondsToPlan(large, &largeSteps);
    // Functional checks only: the figures are printed, never asserted against a clock.
    QCOMPARE(smallSteps, 100 * 6 + 100 * 3 + 15);
    QCOMPARE(largeSteps, 1000 * 6 + 1000 * 3 + 143);
    qInfo().noquote() << QStringLiteral("plan 1000 proxies: %1 ms (%2 steps)").arg(smallMs, 0, 'f', 2).arg(smallSteps);
    qInfo().noquote() << QStringLiteral("plan 10000 proxies: %1 ms (%2 steps)").arg(largeMs, 0, 'f', 2).arg(largeSteps);
    qInfo().noquote() << QStringLiteral("ratio 10000/1000: %1 (linear ~10, quadratic ~100)")
                             .arg(largeMs / std::max(smallMs, 0.001), 0, 'f', 1);
}

QTEST_GUILESS_MAIN(BenchPlan)
#include "bench_plan.moc"
