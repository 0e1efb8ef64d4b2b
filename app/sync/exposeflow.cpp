// SPDX-License-Identifier: GPL-3.0-or-later
#include "exposeflow.h"

#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "probe/calltester.h"
#include "syncservice.h"

namespace gw {

ExposeFlow::ExposeFlow(QNetworkAccessManager *network, SecretProvider *secrets, SyncService *sync, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_sync(sync)
    , m_jwks(std::make_unique<JwksCache>(network))
    , m_session(std::make_unique<TokenSession>(network, secrets, m_jwks.get()))
    , m_tester(std::make_unique<CallTester>(network, m_session.get()))
{
    m_session->setAutoRefresh(false);
    connect(m_session.get(), &TokenSession::failed, this, [this](const OAuthError &error) {
        if (!m_waitingForToken)
            return;
        m_waitingForToken = false;
        Q_EMIT failed(QStringLiteral("token"),
                      tr("No token for the proxy's scopes: %1. Check the OAuth client on the Environments page "
                         "and that it may ask for %2.")
                          .arg(error.message, m_session->config().scopes.join(QLatin1Char(' '))));
    });
    connect(m_session.get(), &TokenSession::busyChanged, this, [this](bool busy) {
        if (!busy && m_waitingForToken && !m_session->token().isEmpty()) {
            m_waitingForToken = false;
            tokenReady();
        }
    });
    connect(m_tester.get(), &CallTester::finished, this, &ExposeFlow::verified);
}

ExposeFlow::~ExposeFlow()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
}

void ExposeFlow::plan(const Workspace &workspace, const QString &environment, const QString &proxyKey)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_workspace = workspace;
    m_environment = environment;
    m_proxyKey = proxyKey;
    m_tester->setWorkspace(&m_workspace);
    const GatewayProxy *proxy =
        m_workspace.proxy(proxyKey.section(QLatin1Char('/'), 0, -2), proxyKey.section(QLatin1Char('/'), -1));
    const QString alias = proxy ? proxy->outbound.alias : QString();
    m_connections << connect(m_sync, &SyncService::planReady, this, [this, alias](const Plan &plan) {
        const Plan mine = planFor(plan, m_proxyKey, alias);
        Q_EMIT planned(plan, mine, int(plan.steps.size() - mine.steps.size()));
    });
    m_connections << connect(m_sync, &SyncService::failed, this,
                             [this](const QString &message) { Q_EMIT failed(QStringLiteral("plan"), message); });
    m_connections << connect(m_sync, &SyncService::progress, this,
                             [this](int, int, const QString &text) { Q_EMIT progress(text); });
    m_connections << connect(m_sync, &SyncService::applyFinished, this, [this](const ApplyResult &result) {
        Q_EMIT applied(result);
        if (!result.ok()) {
            Q_EMIT failed(QStringLiteral("apply"), result.report());
            return;
        }
        verify(m_call);
    });
    Q_EMIT progress(tr("Reading the gateway of %1…").arg(environment));
    m_sync->pullAndPlan(m_workspace, environment);
}

Plan ExposeFlow::planFor(const Plan &plan, const QString &proxyKey, const QString &alias)
{
    Plan mine = plan;
    mine.steps.clear();
    mine.diffs.clear();
    mine.unmanaged.clear();
    for (const PlanStep &step : plan.steps) {
        if (step.target == proxyKey || (!alias.isEmpty() && step.target == alias))
            mine.steps << step;
    }
    for (const ResourceDiff &diff : plan.diffs) {
        if (diff.name == proxyKey || (!alias.isEmpty() && diff.name == alias))
            mine.diffs << diff;
    }
    return mine;
}

void ExposeFlow::applyAndVerify(const ProxyCallRequest &call)
{
    m_call = call;
    if (!m_sync->plan().hasChanges()) {
        verify(call);
        return;
    }
    Q_EMIT progress(tr("Applying the plan to %1…").arg(m_environment));
    m_sync->apply();
}

void ExposeFlow::verify(const ProxyCallRequest &call)
{
    m_call = call;
    const Environment *environment = m_workspace.environment(m_environment);
    const GatewayProxy *proxy = m_workspace.proxy(call.proxyName, call.proxyVersion);
    if (!environment || !proxy) {
        Q_EMIT failed(QStringLiteral("call"), tr("The proxy %1 %2 or environment %3 is not in the workspace.")
                                                  .arg(call.proxyName, call.proxyVersion, m_environment));
        return;
    }
    Q_EMIT progress(tr("Getting a token with scope %1…").arg(proxy->inbound.scopes.join(QLatin1Char(' '))));
    m_session->setConfig(TokenSessionConfig::forEnvironment(*environment, proxy->inbound.scopes));
    m_waitingForToken = true;
    m_session->requestToken();
}

void ExposeFlow::tokenReady()
{
    Q_EMIT progress(tr("Calling %1 %2…").arg(m_call.proxyName, m_call.proxyVersion));
    if (!m_tester->call(m_call))
        Q_EMIT failed(QStringLiteral("call"), tr("A call is already running."));
}

} // namespace gw
