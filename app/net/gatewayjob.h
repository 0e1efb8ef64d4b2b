// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayresult.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

class QNetworkReply;

namespace gw {

class GatewayClient;

/// One admin API request: waits for a free slot in its client, asks for the admin password,
/// sends, retries transient failures of idempotent methods with backoff, and emits `finished`
/// once with the result. Deletes itself after `finished`; deleting it earlier aborts the request.
class GatewayJob : public QObject
{
    Q_OBJECT
public:
    enum class Method { Get, Post, Put, Delete };
    ~GatewayJob() override;

    Method method() const { return m_method; }
    QString methodName() const;
    QString path() const { return m_path; } ///< full path, e.g. /rest/apigateway/apis/{id}
    bool isIdempotent() const { return m_method != Method::Post; }
    /// Stops the request; `finished` is emitted with ErrorKind::Cancelled.
    void cancel();

Q_SIGNALS:
    void finished(const gw::GatewayResult &result);

private:
    friend class GatewayClient;
    GatewayJob(GatewayClient *client, Method method, QString path, QUrlQuery query, std::optional<QJsonObject> body);

    void start();
    void attempt();
    void send(const QString &password);
    void onReplyFinished();
    void retryOrFinish(GatewayResult result, bool transient);
    void finish(GatewayResult result);
    QString requestText() const;

    GatewayClient *m_client;
    Method m_method;
    QString m_path;
    QUrlQuery m_query;
    std::optional<QJsonObject> m_body;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QTimer m_backoff;
    QElapsedTimer m_elapsed;
    QList<QByteArray> m_secrets; ///< sent with the current attempt; scrubbed from error bodies
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace gw
