// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "observedstate.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <optional>

namespace gw {

class GatewayClient;
class GatewayJob;
struct GatewayResult;

struct PullResult
{
    std::optional<ObservedState> state;
    QString error; ///< what failed, for a person
    bool cancelled = false;
    bool ok() const { return state.has_value(); }
};

/// Reads an environment's observed state: every alias, every API with its policy and the policy's
/// actions, mapped onto the workspace's domain types (evaluatePolicy -> inbound, straightThroughRouting
/// -> routing endpoint, outboundTransportAuthentication -> outbound alias). Actions of other templates
/// are kept read-only. Requests run in parallel within the client's concurrency bound.
class PullJob : public QObject
{
    Q_OBJECT
public:
    explicit PullJob(GatewayClient *client, QObject *parent = nullptr);
    ~PullJob() override;

    void start();
    void cancel();

Q_SIGNALS:
    /// `done` of `total` requests answered; `current` names what was just read.
    void progress(int done, int total, const QString &current);
    void finished(const gw::PullResult &result);

private:
    struct ApiWork
    {
        QString id;
        QString policyId;
        QString name;
        QString version;
        QString description;
        bool active = false;
        QStringList tags;
        QJsonObject policy;
        QList<QJsonObject> actions;
    };

    void track(GatewayJob *job);
    void requestDone(const QString &current);
    void fail(const QString &message);
    void onAliases(const GatewayResult &result);
    /// Why an answer of the wrong shape stops the pull: what was read, where, and what came instead.
    QString unexpected(const GatewayResult &result, const QString &what, const QString &error);
    void onApiList(const GatewayResult &result);
    void onApi(const QString &id, const GatewayResult &result);
    void onPolicy(const QString &id, const GatewayResult &result);
    void onActions(const QString &id, const GatewayResult &result);
    void maybeFinish();
    ObservedProxy mapProxy(const ApiWork &work) const;

    GatewayClient *m_client;
    QList<QPointer<GatewayJob>> m_jobs;
    ObservedState m_state;
    QHash<QString, ApiWork> m_apis;
    int m_total = 2;
    int m_done = 0;
    int m_pending = 0;
    bool m_aliasesRead = false;
    bool m_listRead = false;
    bool m_finished = false;
};

} // namespace gw

Q_DECLARE_METATYPE(gw::PullResult)
