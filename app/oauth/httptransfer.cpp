// SPDX-License-Identifier: GPL-3.0-or-later
#include "httptransfer.h"

#include "net/transport.h"
#include "oauthlogging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QSslError>

using namespace Qt::StringLiterals;

namespace gw {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpTransfer::HttpTransfer(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_abortReason = HttpResponse::Failure::Timeout;
        if (m_reply)
            m_reply->abort();
    });
}

HttpTransfer::~HttpTransfer()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpTransfer::start(QNetworkRequest request, const QByteArray &verb, const QByteArray &body)
{
    m_url = request.url();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_secrets = Transport::secretsOf(request, body);
    // The environment's TLS settings, no redirects, the transfer timeout, no silent re-send of a POST.
    m_reply = Transport::of(m_network)->send(request, verb, body, m_timeoutMs);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpTransfer::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpTransfer::onFinished);
    // The transfer timeout only fires on inactivity; the deadline bounds the whole exchange (connect, TLS,
    // headers, body) to the same time.
    m_deadline.start(m_timeoutMs);
}

void HttpTransfer::abort()
{
    m_abortReason = HttpResponse::Failure::Cancelled;
    if (m_reply)
        m_reply->abort();
}

void HttpTransfer::onReadyRead()
{
    if (!m_reply)
        return;
    m_body += m_reply->readAll();
    if (m_body.size() > m_maxBytes) {
        m_abortReason = HttpResponse::Failure::TooLarge;
        m_reply->abort();
    }
}

QString HttpTransfer::describeFailure(HttpResponse::Failure failure, const QUrl &url, const QString &detail)
{
    const QString where = url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    const QString hostPort = url.host() + u':' + QString::number(url.port(url.scheme() == u"https"_s ? 443 : 80));
    switch (failure) {
    case HttpResponse::Failure::None:
        return {};
    case HttpResponse::Failure::ConnectionRefused:
        return u"Connection refused by %1 (%2): nothing listens there. Check the URL and that the server is running."_s
            .arg(hostPort, where);
    case HttpResponse::Failure::HostNotFound:
        return u"Host %1 not found (%2). Check the host name in the environment and your DNS."_s.arg(url.host(), where);
    case HttpResponse::Failure::Timeout:
        return u"No answer from %1 within %2; the request was abandoned. Check that the server is reachable and "
               u"not overloaded%3."_s.arg(where, detail.isEmpty() ? u"the time allowed"_s : detail,
                                          detail.isEmpty() ? QString() : u", or allow more time"_s);
    case HttpResponse::Failure::Tls:
        return u"TLS handshake with %1 failed: %2"_s.arg(hostPort, detail);
    case HttpResponse::Failure::TooLarge:
        return u"The response from %1 is larger than the allowed size and was cut off."_s.arg(where);
    case HttpResponse::Failure::Cancelled:
        return u"The request to %1 was cancelled."_s.arg(where);
    case HttpResponse::Failure::Other:
        return u"The request to %1 failed: %2"_s.arg(where, detail);
    }
    return {};
}

static HttpResponse::Failure classify(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return HttpResponse::Failure::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return HttpResponse::Failure::HostNotFound;
    case QNetworkReply::TimeoutError:
        return HttpResponse::Failure::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return HttpResponse::Failure::Tls;
    default:
        return HttpResponse::Failure::Other;
    }
}

void HttpTransfer::onFinished()
{
    m_deadline.stop();
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_body += reply->readAll();
    HttpResponse response;
    response.url = m_url;
    response.elapsedMs = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    const QString tlsFailure = Transport::tlsFailure(reply);
    if (m_abortReason != HttpResponse::Failure::None) {
        response.failure = m_abortReason;
    } else if (error == QNetworkReply::OperationCanceledError) {
        // Qt reports its own transfer timeout as a cancellation.
        response.failure = HttpResponse::Failure::Timeout;
    } else if (!tlsFailure.isEmpty()) {
        response.failure = HttpResponse::Failure::Tls;
    } else if (response.status == 0 && error != QNetworkReply::NoError) {
        response.failure = classify(error);
    }
    if (response.failure == HttpResponse::Failure::None) {
        response.headers = reply->rawHeaderPairs();
        // An error body that echoes the request (client secret, password, token) keeps none of it.
        response.body = response.status >= 400 ? Transport::scrub(m_body, m_secrets) : m_body;
    } else {
        response.status = 0;
        if (response.failure == HttpResponse::Failure::Tls && !tlsFailure.isEmpty()) {
            response.failureText = tlsFailure;
        } else {
            const QString detail = response.failure == HttpResponse::Failure::Timeout
                                       ? u"%1 s"_s.arg(m_timeoutMs / 1000.0)
                                       : reply->errorString();
            response.failureText = describeFailure(response.failure, m_url, detail);
        }
        qCDebug(lcOAuth) << "transfer failed" << m_url.toDisplayString(QUrl::RemoveQuery) << response.failureText;
    }
    reply->disconnect(this);
    reply->deleteLater();
    m_reply = nullptr;
    Q_EMIT finished(response);
}

} // namespace gw
