// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayjob.h"

#include "admincredentials.h"
#include "gatewayclient.h"
#include "gatewayerrors.h"
#include "netlogging.h"
#include "transport.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

namespace gw {

GatewayJob::GatewayJob(GatewayClient *client, Method method, QString path, QUrlQuery query,
                       std::optional<QJsonObject> body)
    : QObject(client)
    , m_client(client)
    , m_method(method)
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_body(std::move(body))
{
    m_deadline.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply && m_reply->isRunning())
            m_reply->abort();
    });
    connect(&m_backoff, &QTimer::timeout, this, &GatewayJob::attempt);
}

GatewayJob::~GatewayJob()
{
    if (!m_finished)
        m_client->jobStopped(this);
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QString GatewayJob::methodName() const
{
    switch (m_method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Delete:
        return QStringLiteral("DELETE");
    }
    return {};
}

QString GatewayJob::requestText() const
{
    return methodName() + QLatin1Char(' ') + m_path;
}

void GatewayJob::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_backoff.stop();
    if (m_reply && m_reply->isRunning()) {
        m_reply->abort(); // onReplyFinished reports the cancellation
        return;
    }
    GatewayResult result;
    result.error = GatewayResult::ErrorKind::Cancelled;
    result.message = QStringLiteral("%1 was cancelled.").arg(requestText());
    finish(result);
}

void GatewayJob::start()
{
    m_elapsed.start();
    attempt();
}

void GatewayJob::attempt()
{
    if (m_cancelled || m_finished)
        return;
    ++m_attempts;
    if (!m_client->configurationProblem().isEmpty()) {
        GatewayResult result;
        result.error = GatewayResult::ErrorKind::Tls;
        result.message = m_client->configurationProblem();
        finish(result);
        return;
    }
    QPointer<GatewayJob> self(this);
    m_client->m_credentials->fetchPassword([self](const QString &password, const QString &error) {
        if (!self || self->m_cancelled || self->m_finished)
            return;
        if (!error.isEmpty()) {
            GatewayResult result;
            result.error = GatewayResult::ErrorKind::Credentials;
            result.message = error;
            self->finish(result);
            return;
        }
        self->send(password);
    });
}

void GatewayJob::send(const QString &password)
{
    m_timedOut = false;
    m_tooLarge = false;
    const QNetworkRequest request = m_client->buildRequest(*this, password);
    const QByteArray body = m_body ? QJsonDocument(*m_body).toJson(QJsonDocument::Compact) : QByteArray();
    m_secrets = Transport::secretsOf(request, body);
    m_reply =
        Transport::of(m_client->m_network)->send(request, methodName().toLatin1(), body, m_client->options().timeoutMs);
    connect(m_reply, &QNetworkReply::finished, this, &GatewayJob::onReplyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > m_client->options().maxReplyBytes && m_reply && m_reply->isRunning()) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    m_deadline.start(m_client->options().timeoutMs);
}

static bool transientStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

static bool transientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

void GatewayJob::onReplyFinished()
{
    m_deadline.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();

    GatewayResult result;
    result.method = methodName();
    result.path = m_path;
    result.attempts = m_attempts;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = m_tooLarge || !reply->isOpen() ? QByteArray() : reply->readAll();
    const QString gatewayUrl = m_client->environment().gatewayUrl;
    qCDebug(lcNet).noquote() << requestText() << "->" << result.httpStatus << reply->error() << "in"
                             << m_elapsed.elapsed() << "ms, attempt" << m_attempts;

    if (m_cancelled) {
        result.error = GatewayResult::ErrorKind::Cancelled;
        result.message = QStringLiteral("%1 was cancelled.").arg(requestText());
        finish(result);
        return;
    }
    if (m_tooLarge) {
        result.error = GatewayResult::ErrorKind::TooLarge;
        result.message = QStringLiteral("The gateway's answer to %1 is larger than %2 MiB; refused.")
                             .arg(requestText())
                             .arg(m_client->options().maxReplyBytes / (1024 * 1024));
        finish(result);
        return;
    }
    const QString tlsFailure = Transport::tlsFailure(reply);
    if (!tlsFailure.isEmpty()) {
        result.error = GatewayResult::ErrorKind::Tls;
        result.message = tlsFailure;
        result.peerCertificatePem = Transport::refusedCertificatePem(reply);
        finish(result);
        return;
    }
    if (result.httpStatus >= 300 && result.httpStatus < 400) {
        result.error = GatewayResult::ErrorKind::Redirect;
        result.message = GatewayErrors::redirectText(result.httpStatus, requestText(),
                                                     reply->header(QNetworkRequest::LocationHeader).toUrl().toString());
        finish(result);
        return;
    }
    if (result.httpStatus == 0 || m_timedOut) {
        result.error = m_timedOut || reply->error() == QNetworkReply::TimeoutError ? GatewayResult::ErrorKind::Timeout
                                                                                   : GatewayResult::ErrorKind::Network;
        if (reply->error() == QNetworkReply::SslHandshakeFailedError)
            result.error = GatewayResult::ErrorKind::Tls;
        result.message = GatewayErrors::networkErrorText(reply->error(), requestText(), gatewayUrl,
                                                         m_client->options().timeoutMs / 1000, m_timedOut);
        if (result.error == GatewayResult::ErrorKind::Tls)
            result.message = QStringLiteral("The TLS handshake with the gateway at %1 failed (%2): %3")
                                 .arg(gatewayUrl, requestText(), reply->errorString());
        retryOrFinish(result, m_timedOut || transientNetworkError(reply->error()));
        return;
    }
    if (result.httpStatus >= 400) {
        if (result.httpStatus == 401 && m_client->m_credentials)
            m_client->m_credentials->passwordRejected();
        result.error = GatewayResult::ErrorKind::Http;
        // A gateway (or a proxy in front of it) that echoes the request must not put its secrets in messages.
        result.gatewayDetails = GatewayErrors::gatewayDetails(Transport::scrub(body, m_secrets));
        result.message = GatewayErrors::httpErrorText(
            result.httpStatus, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), requestText(),
            result.gatewayDetails, m_client->environment().adminUser);
        retryOrFinish(result, transientStatus(result.httpStatus));
        return;
    }
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            result.error = GatewayResult::ErrorKind::BadReply;
            result.message = QStringLiteral("The gateway answered %1 with HTTP %2 but its body is not JSON (%3 at "
                                            "offset %4). Is %5 really an API Gateway?")
                                 .arg(requestText())
                                 .arg(result.httpStatus)
                                 .arg(parseError.errorString())
                                 .arg(parseError.offset)
                                 .arg(gatewayUrl);
            finish(result);
            return;
        }
        result.json = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    }
    finish(result);
}

void GatewayJob::retryOrFinish(GatewayResult result, bool transient)
{
    if (transient && isIdempotent() && m_attempts <= m_client->options().maxRetries && !m_cancelled) {
        const int base = m_client->options().retryDelayMs << (m_attempts - 1);
        const int delay = base + int(QRandomGenerator::global()->bounded(base / 4 + 1));
        qCInfo(lcNet).noquote() << requestText() << "failed transiently; retry" << m_attempts << "in" << delay << "ms";
        m_backoff.start(delay);
        return;
    }
    finish(result);
}

void GatewayJob::finish(GatewayResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    m_backoff.stop();
    result.method = methodName();
    result.path = m_path;
    result.attempts = m_attempts;
    if (!result.ok())
        qCInfo(lcNet).noquote() << result.message;
    m_client->jobStopped(this);
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace gw
