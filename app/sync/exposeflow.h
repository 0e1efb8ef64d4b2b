// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plan.h"
#include "probe/callrecord.h"
#include "sync/applyjob.h"
#include "workspace.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace gw {

class CallTester;
class JwksCache;
class SecretProvider;
class SyncService;
class TokenSession;

/// The second half of exposing an integration: plan the workspace (which holds the new proxy) against the
/// environment's gateway, apply it through the sync engine (progress, rollback, audit entry), then verify:
/// get a token with the proxy's scopes and call the proxy, with the call tester's diagnosis of the answer.
/// Uses its own token session, so the token lab's token is left alone.
class ExposeFlow : public QObject
{
    Q_OBJECT
public:
    ExposeFlow(QNetworkAccessManager *network, SecretProvider *secrets, SyncService *sync, QObject *parent = nullptr);
    ~ExposeFlow() override;

    /// Pulls and plans; planned() or failed().
    void plan(const Workspace &workspace, const QString &environment, const QString &proxyKey);
    /// The steps and diffs of `plan` that concern the proxy and its alias.
    static Plan planFor(const Plan &plan, const QString &proxyKey, const QString &alias);
    /// Applies the last plan, then verifies with `call`; applied(), then verified() or failed().
    void applyAndVerify(const ProxyCallRequest &call);
    /// Verifies only (the plan had nothing to apply, or a retry after a fix on the .io side).
    void verify(const ProxyCallRequest &call);

    const Workspace &workspace() const { return m_workspace; }

Q_SIGNALS:
    void progress(const QString &text);
    /// `forProxy` is what the proxy's exposure changes; `otherChanges` counts the plan's steps beyond it.
    void planned(const gw::Plan &full, const gw::Plan &forProxy, int otherChanges);
    void applied(const gw::ApplyResult &result);
    void verified(const gw::CallRecord &record);
    /// `stage` is "plan", "apply", "token" or "call"; `message` says what failed and what to do.
    void failed(const QString &stage, const QString &message);

private:
    void tokenReady();

    QNetworkAccessManager *m_network;
    SyncService *m_sync;
    std::unique_ptr<JwksCache> m_jwks;
    std::unique_ptr<TokenSession> m_session;
    std::unique_ptr<CallTester> m_tester;
    Workspace m_workspace;
    QString m_environment;
    QString m_proxyKey;
    ProxyCallRequest m_call;
    QList<QMetaObject::Connection> m_connections;
    bool m_waitingForToken = false;
};

} // namespace gw
