// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulljob.h"

#include "net/gatewayclient.h"
#include "net/gatewayjson.h"
#include "synclogging.h"

#include <QDateTime>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "gatewright.sync", QtWarningMsg)

namespace gw {

PullJob::PullJob(GatewayClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<gw::PullResult>();
}

PullJob::~PullJob()
{
    for (const QPointer<GatewayJob> &job : std::as_const(m_jobs)) {
        if (job)
            job->cancel();
    }
}

void PullJob::track(GatewayJob *job)
{
    m_jobs << job;
    ++m_pending;
}

void PullJob::start()
{
    m_state.environment = m_client->environment().name;
    m_state.gatewayUrl = m_client->environment().gatewayUrl;
    GatewayJob *aliases = m_client->listAliases();
    track(aliases);
    connect(aliases, &GatewayJob::finished, this, &PullJob::onAliases);
    GatewayJob *apis = m_client->listApis();
    track(apis);
    connect(apis, &GatewayJob::finished, this, &PullJob::onApiList);
    Q_EMIT progress(0, m_total, QStringLiteral("aliases and APIs"));
}

void PullJob::cancel()
{
    if (m_finished)
        return;
    m_finished = true;
    for (const QPointer<GatewayJob> &job : std::as_const(m_jobs)) {
        if (job)
            job->cancel();
    }
    PullResult result;
    result.cancelled = true;
    result.error = QStringLiteral("Pull from environment \"%1\" cancelled.").arg(m_state.environment);
    Q_EMIT finished(result);
}

void PullJob::requestDone(const QString &current)
{
    --m_pending;
    ++m_done;
    if (!m_finished)
        Q_EMIT progress(m_done, m_total, current);
}

void PullJob::fail(const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    for (const QPointer<GatewayJob> &job : std::as_const(m_jobs)) {
        if (job)
            job->cancel();
    }
    PullResult result;
    result.error = QStringLiteral("Pull from environment \"%1\" failed: %2").arg(m_state.environment, message);
    Q_EMIT finished(result);
}

QString PullJob::unexpected(const GatewayResult &result, const QString &what, const QString &error)
{
    return tr("The gateway's answer for %3 (%1 %2) is not what the API Gateway sends: %4. Nothing was read from it, "
              "and nothing will be written on the strength of it; check that %5 is an API Gateway of a supported "
              "version.")
        .arg(result.method, result.path, what, error, m_client->environment().gatewayUrl);
}

void PullJob::onAliases(const GatewayResult &result)
{
    requestDone(QStringLiteral("aliases"));
    if (m_finished)
        return;
    if (!result.ok())
        return fail(result.message);
    const auto encoding = m_client->environment().aliasPasswordEncoding;
    QString error;
    const auto aliases = GatewayJson::readList(result.json, "alias", &error);
    if (!aliases)
        return fail(unexpected(result, tr("the aliases"), error));
    for (const QJsonObject &alias : *aliases) {
        ObservedAlias observed = GatewayJson::observedAlias(alias, encoding);
        if (!observed.alias.name.isEmpty())
            m_state.aliases << observed;
    }
    m_aliasesRead = true;
    maybeFinish();
}

void PullJob::onApiList(const GatewayResult &result)
{
    requestDone(QStringLiteral("API list"));
    if (m_finished)
        return;
    if (!result.ok())
        return fail(result.message);
    QString error;
    const QList<GatewayJson::ApiSummary> apis = GatewayJson::apiList(result.json, &error);
    if (!error.isEmpty())
        return fail(error);
    m_total += 3 * int(apis.size());
    for (const GatewayJson::ApiSummary &summary : apis) {
        if (m_apis.contains(summary.id))
            continue;
        m_apis.insert(summary.id, ApiWork{summary.id, {}, summary.name, summary.version, {}, false, {}, {}, {}});
        GatewayJob *job = m_client->getApi(summary.id);
        track(job);
        const QString id = summary.id;
        connect(job, &GatewayJob::finished, this, [this, id](const GatewayResult &r) { onApi(id, r); });
    }
    m_listRead = true;
    maybeFinish();
}

void PullJob::onApi(const QString &id, const GatewayResult &result)
{
    ApiWork &work = m_apis[id];
    requestDone(QStringLiteral("API %1/%2").arg(work.name, work.version));
    if (m_finished)
        return;
    if (!result.ok())
        return fail(result.message);
    QString error;
    const auto details = GatewayJson::apiDetails(result.json, &error);
    if (!details)
        return fail(QStringLiteral("API %1: %2").arg(id, error));
    if (details->id != id)
        // A proxy or a broken gateway answering for another API would make the plan change the wrong one.
        return fail(QStringLiteral("The gateway answered GET /apis/%1 with API %2 (%3/%4), not the API asked for; "
                                   "nothing was planned. Check that the gateway URL points at the gateway itself, "
                                   "not at a proxy or cache in front of it.")
                        .arg(id, details->id, details->name, details->version));
    work.name = details->name;
    work.version = details->version;
    work.description = details->description;
    work.active = details->active;
    work.policyId = details->policyId;
    work.tags = details->tags;
    if (work.policyId.isEmpty()) {
        m_done += 2; // nothing more to read for an API without a policy
        return maybeFinish();
    }
    GatewayJob *job = m_client->getPolicy(work.policyId);
    track(job);
    connect(job, &GatewayJob::finished, this, [this, id](const GatewayResult &r) { onPolicy(id, r); });
}

void PullJob::onPolicy(const QString &id, const GatewayResult &result)
{
    ApiWork &work = m_apis[id];
    requestDone(QStringLiteral("policy of %1/%2").arg(work.name, work.version));
    if (m_finished)
        return;
    if (!result.ok())
        return fail(result.message);
    QString error;
    const auto policy = GatewayJson::readObject(result.json, "policy", &error);
    if (!policy)
        return fail(unexpected(result, tr("the policy of %1/%2").arg(work.name, work.version), error));
    work.policy = *policy;
    QStringList ids;
    for (const GatewayJson::Enforcement &enforcement : GatewayJson::enforcements(work.policy))
        ids << enforcement.actionId;
    if (ids.isEmpty()) {
        ++m_done;
        return maybeFinish();
    }
    GatewayJob *job = m_client->getPolicyActions(ids);
    track(job);
    connect(job, &GatewayJob::finished, this, [this, id](const GatewayResult &r) { onActions(id, r); });
}

void PullJob::onActions(const QString &id, const GatewayResult &result)
{
    ApiWork &work = m_apis[id];
    requestDone(QStringLiteral("policy actions of %1/%2").arg(work.name, work.version));
    if (m_finished)
        return;
    if (!result.ok())
        return fail(result.message);
    QString error;
    const auto actions = GatewayJson::readList(result.json, "policyAction", &error);
    if (!actions)
        return fail(unexpected(result, tr("the policy actions of %1/%2").arg(work.name, work.version), error));
    work.actions = *actions;
    maybeFinish();
}

ObservedProxy PullJob::mapProxy(const ApiWork &work) const
{
    ObservedProxy observed;
    observed.apiId = work.id;
    observed.policyId = work.policyId;
    observed.proxy.name = work.name;
    observed.proxy.version = work.version;
    observed.proxy.description = work.description;
    observed.proxy.active = work.active;
    observed.tags = work.tags;
    observed.proxy.inbound = InboundAuth{InboundAuth::Kind::None, {}};
    observed.proxy.outbound = OutboundAuth{OutboundAuth::Kind::None, {}};
    QHash<QString, QJsonObject> byId;
    for (const QJsonObject &action : work.actions)
        byId.insert(action.value(QLatin1String("id")).toString(), action);
    for (const GatewayJson::Enforcement &enforcement : GatewayJson::enforcements(work.policy)) {
        if (!byId.contains(enforcement.actionId)) {
            observed.notes << QStringLiteral("The policy enforces action %1, which the gateway did not return")
                                  .arg(enforcement.actionId);
            continue;
        }
        const QJsonObject action = byId.value(enforcement.actionId);
        const QString templateKey = action.value(QLatin1String("templateKey")).toString();
        observed.actions << ObservedAction{enforcement.actionId, enforcement.stageKey, templateKey,
                                           GatewayJson::actionName(action), GatewayJson::redactedAction(action)};
        if (templateKey == QLatin1String("evaluatePolicy") && observed.inboundActionId.isEmpty()) {
            observed.inboundActionId = enforcement.actionId;
            observed.proxy.inbound = GatewayJson::inboundFromAction(action, &observed.notes);
        } else if (templateKey == QLatin1String("straightThroughRouting") && observed.routingActionId.isEmpty()) {
            observed.routingActionId = enforcement.actionId;
            observed.proxy.routingEndpoint = GatewayJson::routingFromAction(action);
        } else if (templateKey == QLatin1String("outboundTransportAuthentication") &&
                   observed.outboundActionId.isEmpty()) {
            observed.outboundActionId = enforcement.actionId;
            observed.proxy.outbound = GatewayJson::outboundFromAction(action, &observed.notes);
        }
    }
    return observed;
}

void PullJob::maybeFinish()
{
    if (m_finished || m_pending > 0 || !m_aliasesRead || !m_listRead)
        return;
    m_finished = true;
    for (const ApiWork &work : std::as_const(m_apis))
        m_state.proxies << mapProxy(work);
    std::sort(m_state.proxies.begin(), m_state.proxies.end(), [](const ObservedProxy &a, const ObservedProxy &b) {
        return a.proxy.name != b.proxy.name ? a.proxy.name < b.proxy.name : a.proxy.version < b.proxy.version;
    });
    std::sort(m_state.aliases.begin(), m_state.aliases.end(),
              [](const ObservedAlias &a, const ObservedAlias &b) { return a.alias.name < b.alias.name; });
    m_state.pulledAt = QDateTime::currentDateTimeUtc();
    qCInfo(lcSync).noquote() << "pulled" << m_state.proxies.size() << "APIs and" << m_state.aliases.size()
                             << "aliases from" << m_state.environment;
    PullResult result;
    result.state = m_state;
    Q_EMIT progress(m_total, m_total, QStringLiteral("done"));
    Q_EMIT finished(result);
}

} // namespace gw
