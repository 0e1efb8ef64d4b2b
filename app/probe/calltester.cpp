// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltester.h"

#include "endpointresolver.h"
#include "oauth/httptransfer.h"
#include "oauth/tokensession.h"

#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace gw {

CallTester::CallTester(QNetworkAccessManager *network, TokenSession *session, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_session(session)
{}

QUrl CallTester::urlFor(const ProxyCallRequest &request, QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QUrl();
    };
    if (!m_workspace)
        return fail(u"No workspace is open."_s);
    const Environment *environment = nullptr;
    for (const Environment &candidate : m_workspace->environments) {
        if (candidate.name == request.environment)
            environment = &candidate;
    }
    if (!environment)
        return fail(u"The workspace has no environment \"%1\"."_s.arg(request.environment));
    const GatewayProxy *proxy = nullptr;
    for (const GatewayProxy &candidate : m_workspace->proxies) {
        if (candidate.name == request.proxyName &&
            (request.proxyVersion.isEmpty() || candidate.version == request.proxyVersion))
            proxy = &candidate;
    }
    if (!proxy)
        return fail(u"The workspace has no proxy \"%1\"."_s.arg(request.proxyName));
    QString resource = request.resource;
    if (!resource.isEmpty() && !resource.startsWith(u'/') && !resource.startsWith(u'?'))
        resource.prepend(u'/');
    const QUrl url(EndpointResolver::invokeUrl(*proxy, *environment) + resource, QUrl::TolerantMode);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s))
        return fail(u"\"%1\" is not a valid http(s) URL; check the gateway URL of environment \"%2\"."_s.arg(
            url.toString(), environment->name));
    return url;
}

bool CallTester::call(const ProxyCallRequest &request)
{
    if (m_running)
        return false;
    m_running = true;
    m_request = request;
    if (m_request.proxyVersion.isEmpty() && m_workspace) {
        for (const GatewayProxy &proxy : m_workspace->proxies) {
            if (proxy.name == request.proxyName)
                m_request.proxyVersion = proxy.version;
        }
    }
    m_retry = false;
    m_firstDiagnosis = Diagnosis();
    Q_EMIT started(m_request);
    send(false);
    return true;
}

void CallTester::cancel()
{
    for (const auto &connection : std::as_const(m_waitConnections))
        disconnect(connection);
    m_waitConnections.clear();
    if (m_transfer)
        m_transfer->abort();
}

void CallTester::clearHistory()
{
    m_history.clear();
    Q_EMIT historyChanged();
}

void CallTester::send(bool retry)
{
    m_current = CallRecord();
    m_current.request = m_request;
    m_current.startedAt = QDateTime::currentDateTimeUtc();
    m_current.retriedWithNewToken = retry;
    m_current.firstAttemptDiagnosis = m_firstDiagnosis;
    QString error;
    const QUrl url = urlFor(m_request, &error);
    m_current.url = url.toString();
    m_current.response.method = m_request.method;
    m_current.response.url = m_current.url;
    if (url.isEmpty()) {
        m_current.response.failure = ObservedCall::Failure::Other;
        m_current.response.failureText = error;
        m_current.diagnosis.kind = Diagnosis::Kind::TransportError;
        m_current.diagnosis.origin = Diagnosis::Origin::Transport;
        m_current.diagnosis.title = u"The call could not be sent"_s;
        m_current.diagnosis.explanation = error;
        complete(m_current);
        return;
    }
    QNetworkRequest request(url);
    bool hasAccept = false;
    bool callerAuthorization = false;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name.compare("Accept", Qt::CaseInsensitive) == 0)
            hasAccept = true;
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
            callerAuthorization = true;
        request.setRawHeader(name, value);
    }
    if (!hasAccept)
        request.setRawHeader("Accept", "application/json");
    const QString token = m_session ? m_session->token().accessToken : QString();
    if (!callerAuthorization && !token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        m_current.sentToken = true;
    } else if (callerAuthorization) {
        m_current.sentToken = true;
        m_current.note = u"The Authorization header given with the request was sent instead of the lab's token."_s;
    } else {
        m_current.note = u"No token was sent: the token lab holds none."_s;
    }
    m_current.response.sentBearer = m_current.sentToken;
    m_transfer = new HttpTransfer(m_network, this);
    m_transfer->setTimeout(m_timeoutMs);
    m_transfer->setMaxResponseBytes(MaxResponseBytes);
    connect(m_transfer, &HttpTransfer::finished, this, &CallTester::onResponse);
    m_transfer->start(request, m_request.method.toUpper().toLatin1(), m_request.body);
}

static ObservedCall::Failure observedFailure(HttpResponse::Failure failure)
{
    switch (failure) {
    case HttpResponse::Failure::None:
        return ObservedCall::Failure::None;
    case HttpResponse::Failure::ConnectionRefused:
        return ObservedCall::Failure::ConnectionRefused;
    case HttpResponse::Failure::HostNotFound:
        return ObservedCall::Failure::HostNotFound;
    case HttpResponse::Failure::Timeout:
        return ObservedCall::Failure::Timeout;
    case HttpResponse::Failure::Tls:
        return ObservedCall::Failure::Tls;
    case HttpResponse::Failure::TooLarge:
        return ObservedCall::Failure::TooLarge;
    case HttpResponse::Failure::Cancelled:
    case HttpResponse::Failure::Other:
        return ObservedCall::Failure::Other;
    }
    return ObservedCall::Failure::Other;
}

void CallTester::onResponse(const HttpResponse &response)
{
    m_transfer->deleteLater();
    m_current.elapsedMs = response.elapsedMs;
    m_current.response.status = response.status;
    m_current.response.headers = response.headers;
    m_current.response.body = response.body;
    m_current.response.failure = observedFailure(response.failure);
    m_current.response.failureText = response.failureText;
    DiagnosisContext context;
    context.workspace = m_workspace;
    context.environment = m_request.environment;
    context.proxyName = m_request.proxyName;
    context.proxyVersion = m_request.proxyVersion;
    m_current.diagnosis = CallDiagnosis::diagnose(m_current.response, context);
    if (m_current.diagnosis.retryWithNewToken && !m_retry && m_session) {
        m_retry = true;
        m_firstDiagnosis = m_current.diagnosis;
        Q_EMIT retrying(m_current);
        renewTokenAndRetry();
        return;
    }
    complete(m_current);
}

void CallTester::renewTokenAndRetry()
{
    const QString expired = m_session->token().accessToken;
    auto finishWaiting = [this] {
        for (const auto &connection : std::as_const(m_waitConnections))
            disconnect(connection);
        m_waitConnections.clear();
    };
    m_waitConnections << connect(m_session, &TokenSession::tokenChanged, this, [this, expired, finishWaiting] {
        if (m_session->token().accessToken.isEmpty() || m_session->token().accessToken == expired)
            return;
        finishWaiting();
        send(true);
    });
    m_waitConnections << connect(m_session, &TokenSession::failed, this,
                                 [this, finishWaiting](const OAuthError &error) {
                                     finishWaiting();
                                     m_current.note = u"A new token could not be fetched: "_s + error.message;
                                     complete(m_current);
                                 });
    m_waitConnections << connect(m_session, &TokenSession::sessionEnded, this,
                                 [this, finishWaiting](const QString &reason) {
                                     finishWaiting();
                                     m_current.note = reason;
                                     complete(m_current);
                                 });
    if (m_session->isBusy())
        return; // a renewal is already under way; its token will do
    m_session->refresh();
}

void CallTester::complete(CallRecord record)
{
    m_running = false;
    m_history.prepend(record);
    while (m_history.size() > MaxHistory)
        m_history.removeLast();
    Q_EMIT finished(record);
    Q_EMIT historyChanged();
}

} // namespace gw
