// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callrecord.h"
#include "oauth/tokensession.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
class TokenSession;
struct HttpResponse;

/// Sends requests to gateway proxies with a bearer token, times them, explains the answer (CallDiagnosis) with what
/// the workspace knows, and keeps a history. The session's token is used when it was asked for the scopes the
/// proxy's inbound rule requires; otherwise a token with those scopes is fetched first. When the gateway says the
/// token expired, a session token is renewed and the call retried once (only when the token really changed); a
/// given (pasted) token is never renewed, and the record says so.
class CallTester : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxHistory = 200;
    static constexpr qint64 MaxResponseBytes = 4 * 1024 * 1024;

    CallTester(QNetworkAccessManager *network, TokenSession *session, QObject *parent = nullptr);

    /// The workspace the diagnoses consult (not owned; must outlive the calls).
    void setWorkspace(const Workspace *workspace) { m_workspace = workspace; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    /// The URL a request goes to in `environment`: <gatewayUrl>/gateway/<name>/<version><resource>; empty (with
    /// *error) when the proxy or environment is unknown.
    QUrl urlFor(const ProxyCallRequest &request, QString *error = nullptr) const;

    /// The scopes `request`'s proxy requires of a token (its inbound rule); empty when it requires none.
    QStringList requiredScopes(const ProxyCallRequest &request) const;
    /// The session configuration that gets a token fit for `request`: the session's client when it is for the
    /// request's environment, else the environment's, asking for the proxy's scopes.
    TokenSessionConfig tokenConfigFor(const ProxyCallRequest &request) const;
    /// Whether the session's token was asked for (or granted) everything `request` needs, for its environment.
    bool sessionTokenFits(const ProxyCallRequest &request) const;

    /// Starts a call; finished() follows. One call at a time: false when one is running.
    bool call(const ProxyCallRequest &request);
    bool isRunning() const { return m_running; }
    void cancel();

    const QList<CallRecord> &history() const { return m_history; }
    void clearHistory();

Q_SIGNALS:
    void started(const gw::ProxyCallRequest &request);
    /// The first attempt found an expired token; a new token is being fetched for one retry.
    void retrying(const gw::CallRecord &firstAttempt);
    void finished(const gw::CallRecord &record);
    void historyChanged();

private:
    void send(bool retry);
    void onResponse(const HttpResponse &response);
    void complete(CallRecord record);
    void fetchTokenThenSend();
    void renewTokenAndRetry();
    /// Runs `onToken` once the session holds a verified-or-judged token other than `previous`, or `onFailure`
    /// with the reason when the session fails, ends or stops without one.
    void waitForNewToken(const QString &previous, std::function<void()> onToken,
                         std::function<void(const QString &)> onFailure);
    void stopWaiting();

    QNetworkAccessManager *m_network;
    QPointer<TokenSession> m_session;
    const Workspace *m_workspace = nullptr;
    int m_timeoutMs = 30000;
    bool m_running = false;
    ProxyCallRequest m_request;
    CallRecord m_current;
    Diagnosis m_firstDiagnosis;
    QString m_pendingNote; ///< said before the first attempt (a token fetched for the proxy's scopes)
    bool m_retry = false;
    QPointer<HttpTransfer> m_transfer;
    QList<QMetaObject::Connection> m_waitConnections;
    quint64 m_waitGeneration = 0; ///< bumps when a wait ends, so its queued checks do nothing
    QList<CallRecord> m_history;
};

} // namespace gw
