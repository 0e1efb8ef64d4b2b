// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace gw {

/// What came back from one HTTP exchange: either an HTTP response (any status) or a transport failure.
struct HttpResponse
{
    enum class Failure { None, ConnectionRefused, HostNotFound, Timeout, Tls, TooLarge, Cancelled, Other };
    QUrl url;
    int status = 0; ///< 0 when no HTTP response arrived
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Failure failure = Failure::None;
    QString failureText; ///< what went wrong and where, for a person
    qint64 elapsedMs = 0;

    bool hasResponse() const { return failure == Failure::None && status > 0; }
    bool isRedirect() const { return status >= 300 && status < 400; }
    QByteArray header(const QByteArray &name) const;
};

/// One HTTP request through the console's Transport (the environment's TLS settings, no automatic redirects, RFC 9700
/// §4.12, no silent re-send of a POST) with a transfer (inactivity) timeout and an overall deadline of the same
/// length, a cap on the response size, and the request's secrets scrubbed from an error body. Deletes its reply;
/// emits finished() exactly once.
class HttpTransfer : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 15000;
    static constexpr qint64 DefaultMaxResponseBytes = 1024 * 1024;

    explicit HttpTransfer(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HttpTransfer() override;

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    void setMaxResponseBytes(qint64 bytes) { m_maxBytes = bytes; }

    void start(QNetworkRequest request, const QByteArray &verb, const QByteArray &body = {});
    void abort();

    /// Human text for a transport failure of a request to `url`.
    static QString describeFailure(HttpResponse::Failure failure, const QUrl &url, const QString &detail);

Q_SIGNALS:
    void finished(const gw::HttpResponse &response);

private:
    void onReadyRead();
    void onFinished();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QByteArray m_body;
    QUrl m_url;
    int m_timeoutMs = DefaultTimeoutMs;
    qint64 m_maxBytes = DefaultMaxResponseBytes;
    qint64 m_startedMs = 0;
    HttpResponse::Failure m_abortReason = HttpResponse::Failure::None;
    QList<QByteArray> m_secrets; ///< sent with the request; scrubbed from an error body
};

} // namespace gw
