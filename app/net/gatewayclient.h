// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayjob.h"
#include "workspace.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSslCertificate>
#include <QStringList>
#include <QUrlQuery>

class QNetworkAccessManager;
class QNetworkRequest;

namespace gw {

class AdminCredentialSource;

struct GatewayClientOptions
{
    int maxConcurrent = 6;  ///< requests in flight at once; the rest wait in order
    int timeoutMs = 30000;  ///< per attempt: no answer within this aborts the attempt
    int maxRetries = 2;     ///< extra attempts for GET/PUT/DELETE after a transient failure
    int retryDelayMs = 250; ///< first backoff; doubles at each retry
    qint64 maxReplyBytes = 32 * 1024 * 1024;
};

/// Asynchronous client of the webMethods API Gateway admin REST API (/rest/apigateway) of one
/// environment: Basic auth with the admin password asked for per request, a timeout on every
/// request, no redirects, the environment's trusted CA or pinned certificate (never a blanket
/// ignore), bounded concurrency and retries for idempotent requests. Operations return a
/// GatewayJob whose `finished` carries the parsed JSON or a message a person can act on.
class GatewayClient : public QObject
{
    Q_OBJECT
public:
    GatewayClient(QNetworkAccessManager *network, Environment environment, AdminCredentialSource *credentials,
                  GatewayClientOptions options = {}, QObject *parent = nullptr);
    ~GatewayClient() override;

    const Environment &environment() const { return m_environment; }
    const GatewayClientOptions &options() const { return m_options; }
    /// Non-empty when the environment's TLS settings cannot be used (CA file unreadable, ...);
    /// every request then fails with this text.
    QString configurationProblem() const { return m_configurationProblem; }

    // Generic requests; `path` is below /rest/apigateway.
    GatewayJob *get(const QString &path, const QUrlQuery &query = {});
    GatewayJob *post(const QString &path, const QJsonObject &body);
    GatewayJob *put(const QString &path, const std::optional<QJsonObject> &body = std::nullopt);
    GatewayJob *remove(const QString &path, const QUrlQuery &query = {});

    // APIs (Service Management)
    GatewayJob *listApis();
    GatewayJob *getApi(const QString &apiId);
    GatewayJob *createApi(const QJsonObject &inputApi);
    GatewayJob *deleteApi(const QString &apiId);
    GatewayJob *activateApi(const QString &apiId);
    GatewayJob *deactivateApi(const QString &apiId);
    // Policies and policy actions (Policy Management)
    GatewayJob *getPolicy(const QString &policyId);
    GatewayJob *updatePolicy(const QString &policyId, const QJsonObject &policy);
    GatewayJob *getPolicyActions(const QStringList &policyActionIds);
    GatewayJob *getPolicyAction(const QString &policyActionId);
    GatewayJob *createPolicyAction(const QJsonObject &policyAction);
    GatewayJob *updatePolicyAction(const QString &policyActionId, const QJsonObject &policyAction);
    GatewayJob *deletePolicyAction(const QString &policyActionId);
    // Aliases
    GatewayJob *listAliases();
    GatewayJob *getAlias(const QString &aliasId);
    GatewayJob *createAlias(const QJsonObject &alias);
    GatewayJob *updateAlias(const QString &aliasId, const QJsonObject &alias);
    GatewayJob *deleteAlias(const QString &aliasId);

    /// Cancels every queued and running request.
    void cancelAll();
    int runningCount() const { return m_running; }
    int peakRunningCount() const { return m_peakRunning; }

private:
    friend class GatewayJob;
    GatewayJob *enqueue(GatewayJob::Method method, const QString &path, const QUrlQuery &query,
                        std::optional<QJsonObject> body);
    void startNext();
    void jobStopped(GatewayJob *job);
    QNetworkRequest buildRequest(const GatewayJob &job, const QString &password) const;

    QNetworkAccessManager *m_network;
    Environment m_environment;
    AdminCredentialSource *m_credentials;
    GatewayClientOptions m_options;
    QString m_configurationProblem;
    QQueue<QPointer<GatewayJob>> m_queue;
    QList<QPointer<GatewayJob>> m_active;
    int m_running = 0;
    int m_peakRunning = 0;
};

} // namespace gw
