// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callrecord.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
class TokenSession;
struct HttpResponse;

/// Sends requests to gateway proxies with the bearer token of a TokenSession, times them, explains the answer
/// (CallDiagnosis) with what the workspace knows, and keeps a history. When the gateway says the token expired,
/// it gets a new token from the session and retries once; the record says so.
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
    void renewTokenAndRetry();

    QNetworkAccessManager *m_network;
    QPointer<TokenSession> m_session;
    const Workspace *m_workspace = nullptr;
    int m_timeoutMs = 30000;
    bool m_running = false;
    ProxyCallRequest m_request;
    CallRecord m_current;
    Diagnosis m_firstDiagnosis;
    bool m_retry = false;
    QPointer<HttpTransfer> m_transfer;
    QList<QMetaObject::Connection> m_waitConnections;
    QList<CallRecord> m_history;
};

} // namespace gw
