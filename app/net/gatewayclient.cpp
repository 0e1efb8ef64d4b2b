// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayclient.h"

#include "admincredentials.h"
#include "gatewayerrors.h"
#include "netlogging.h"
#include "transport.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcNet, "gatewright.net", QtWarningMsg)

namespace gw {

static const QString AdminBase = QStringLiteral("/rest/apigateway");

GatewayClient::GatewayClient(QNetworkAccessManager *network, Environment environment,
                             AdminCredentialSource *credentials, GatewayClientOptions options, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_environment(std::move(environment))
    , m_credentials(credentials)
    , m_options(options)
{
    qRegisterMetaType<gw::GatewayResult>();
    m_options.maxConcurrent = std::max(1, m_options.maxConcurrent);
    const QUrl url(m_environment.gatewayUrl);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        m_configurationProblem = QStringLiteral("The gateway URL \"%1\" of environment \"%2\" is not an http:// or "
                                                "https:// URL.")
                                     .arg(m_environment.gatewayUrl, m_environment.name);
    }
    // Every request to this environment's hosts, admin or OAuth, goes out with its TLS settings.
    Transport::of(m_network)->useEnvironment(m_environment);
    if (m_configurationProblem.isEmpty())
        m_configurationProblem = Transport::of(m_network)->tlsFor(url).problem;
}

GatewayClient::~GatewayClient()
{
    cancelAll();
}

GatewayJob *GatewayClient::enqueue(GatewayJob::Method method, const QString &path, const QUrlQuery &query,
                                   std::optional<QJsonObject> body)
{
    auto *job = new GatewayJob(this, method, AdminBase + path, query, std::move(body));
    m_queue.enqueue(job);
    // Started from the event loop, so the caller connects to `finished` first.
    QTimer::singleShot(0, this, &GatewayClient::startNext);
    return job;
}

void GatewayClient::startNext()
{
    while (m_running < m_options.maxConcurrent && !m_queue.isEmpty()) {
        QPointer<GatewayJob> job = m_queue.dequeue();
        if (!job)
            continue;
        ++m_running;
        m_peakRunning = std::max(m_peakRunning, m_running);
        m_active << job;
        job->start();
    }
}

void GatewayClient::jobStopped(GatewayJob *job)
{
    for (qsizetype i = 0; i < m_active.size(); ++i) {
        if (m_active.at(i) == job) {
            m_active.removeAt(i);
            --m_running;
            QTimer::singleShot(0, this, &GatewayClient::startNext);
            return;
        }
    }
    m_queue.removeAll(job); // cancelled while queued
}

void GatewayClient::cancelAll()
{
    const auto queued = m_queue;
    for (const QPointer<GatewayJob> &job : queued) {
        if (job)
            job->cancel();
    }
    const auto active = m_active;
    for (const QPointer<GatewayJob> &job : active) {
        if (job)
            job->cancel();
    }
}

QNetworkRequest GatewayClient::buildRequest(const GatewayJob &job, const QString &password) const
{
    QString base = m_environment.gatewayUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url(base + job.m_path);
    if (!job.m_query.isEmpty())
        url.setQuery(job.m_query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (job.m_body)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray credentials = (m_environment.adminUser + QLatin1Char(':') + password).toUtf8().toBase64();
    request.setRawHeader("Authorization", "Basic " + credentials);
    // Transport::send adds no redirects, the transfer timeout and the environment's TLS settings.
    return request;
}

GatewayJob *GatewayClient::get(const QString &path, const QUrlQuery &query)
{
    return enqueue(GatewayJob::Method::Get, path, query, std::nullopt);
}

GatewayJob *GatewayClient::post(const QString &path, const QJsonObject &body)
{
    return enqueue(GatewayJob::Method::Post, path, {}, body);
}

GatewayJob *GatewayClient::put(const QString &path, const std::optional<QJsonObject> &body)
{
    return enqueue(GatewayJob::Method::Put, path, {}, body);
}

GatewayJob *GatewayClient::remove(const QString &path, const QUrlQuery &query)
{
    return enqueue(GatewayJob::Method::Delete, path, query, std::nullopt);
}

static QString segment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

GatewayJob *GatewayClient::listApis()
{
    return get(QStringLiteral("/apis"));
}

GatewayJob *GatewayClient::getApi(const QString &apiId)
{
    return get(QStringLiteral("/apis/") + segment(apiId));
}

GatewayJob *GatewayClient::createApi(const QJsonObject &inputApi)
{
    return post(QStringLiteral("/apis"), inputApi);
}

GatewayJob *GatewayClient::deleteApi(const QString &apiId)
{
    return remove(QStringLiteral("/apis/") + segment(apiId));
}

GatewayJob *GatewayClient::activateApi(const QString &apiId)
{
    return put(QStringLiteral("/apis/") + segment(apiId) + QStringLiteral("/activate"));
}

GatewayJob *GatewayClient::deactivateApi(const QString &apiId)
{
    return put(QStringLiteral("/apis/") + segment(apiId) + QStringLiteral("/deactivate"));
}

GatewayJob *GatewayClient::getPolicy(const QString &policyId)
{
    return get(QStringLiteral("/policies/") + segment(policyId));
}

GatewayJob *GatewayClient::updatePolicy(const QString &policyId, const QJsonObject &policy)
{
    return put(QStringLiteral("/policies/") + segment(policyId), QJsonObject{{QStringLiteral("policy"), policy}});
}

GatewayJob *GatewayClient::getPolicyActions(const QStringList &policyActionIds)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("policyActionIds"), policyActionIds.join(QLatin1Char(',')));
    return get(QStringLiteral("/policyActions"), query);
}

GatewayJob *GatewayClient::getPolicyAction(const QString &policyActionId)
{
    return get(QStringLiteral("/policyActions/") + segment(policyActionId));
}

GatewayJob *GatewayClient::createPolicyAction(const QJsonObject &policyAction)
{
    return post(QStringLiteral("/policyActions"), QJsonObject{{QStringLiteral("policyAction"), policyAction}});
}

GatewayJob *GatewayClient::updatePolicyAction(const QString &policyActionId, const QJsonObject &policyAction)
{
    return put(QStringLiteral("/policyActions/") + segment(policyActionId),
               QJsonObject{{QStringLiteral("policyAction"), policyAction}});
}

GatewayJob *GatewayClient::deletePolicyAction(const QString &policyActionId)
{
    return remove(QStringLiteral("/policyActions/") + segment(policyActionId));
}

GatewayJob *GatewayClient::listAliases()
{
    return get(QStringLiteral("/alias"));
}

GatewayJob *GatewayClient::getAlias(const QString &aliasId)
{
    return get(QStringLiteral("/alias/") + segment(aliasId));
}

GatewayJob *GatewayClient::createAlias(const QJsonObject &alias)
{
    return post(QStringLiteral("/alias"), alias);
}

GatewayJob *GatewayClient::updateAlias(const QString &aliasId, const QJsonObject &alias)
{
    return put(QStringLiteral("/alias/") + segment(aliasId), alias);
}

GatewayJob *GatewayClient::deleteAlias(const QString &aliasId)
{
    return remove(QStringLiteral("/alias/") + segment(aliasId));
}

} // namespace gw
