// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltester.h"

#include "endpointresolver.h"
#include "net/transport.h"
#include "oauth/httptransfer.h"
#include "oauth/revocationjob.h"
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

namespace {

const GatewayProxy *findProxy(const Workspace *workspace, const ProxyCallRequest &request)
{
    if (!workspace)
        return nullptr;
    for (const GatewayProxy &proxy : workspace->proxies) {
        if (proxy.name == request.proxyName &&
            (request.proxyVersion.isEmpty() || proxy.version == request.proxyVersion))
            return &proxy;
    }
    return nullptr;
}

bool containsAll(const QStringList &have, const QStringList &need)
{
    for (const QString &scope : need) {
        if (!have.contains(scope))
            return false;
    }
    return true;
}

} // namespace

QStringList CallTester::requiredScopes(const ProxyCallRequest &request) const
{
    const GatewayProxy *proxy = findProxy(m_workspace, request);
    if (!proxy || proxy->inbound.kind == InboundAuth::Kind::None)
        return {};
    return proxy->inbound.scopes;
}

TokenSessionConfig CallTester::tokenConfigFor(const ProxyCallRequest &request) const
{
    TokenSessionConfig config = m_session ? m_session->config() : TokenSessionConfig();
    if (config.environment != request.environment || config.server.issuer.isEmpty()) {
        config = TokenSessionConfig();
        if (m_workspace) {
            for (const Environment &environment : m_workspace->environments) {
                if (environment.name == request.environment)
                    config = TokenSessionConfig::forEnvironment(environment);
            }
        }
    }
    config.scopes = requiredScopes(request);
    return config;
}

bool CallTester::sessionTokenFits(const ProxyCallRequest &request) const
{
    if (!m_session || m_session->token().isEmpty() || m_session->config().environment != request.environment)
        return false;
    const TokenInfo &token = m_session->token();
    const QStringList needed = requiredScopes(request);
    // Asked for them (the server may still have refused some: then a new request would not help) or granted them.
    return containsAll(token.requestedScopes, needed) ||
           containsAll(token.grantedScopes.value_or(QStringList()), needed);
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
    m_pendingNote.clear();
    Q_EMIT started(m_request);
    const GatewayProxy *proxy = findProxy(m_workspace, m_request);
    const bool needsToken = proxy && proxy->inbound.kind != InboundAuth::Kind::None;
    const bool callerAuthorization = m_request.hasHeader("Authorization");
    if (m_request.bearer == ProxyCallRequest::Bearer::Session && m_request.fitProxyScopes && m_session && needsToken &&
        !callerAuthorization && !sessionTokenFits(m_request)) {
        fetchTokenThenSend();
        return true;
    }
    send(false);
    return true;
}

void CallTester::fetchTokenThenSend()
{
    const TokenSessionConfig config = tokenConfigFor(m_request);
    if (config.server.issuer.isEmpty()) {
        m_pendingNote = u"No token was fetched: environment \"%1\" names no OAuth issuer."_s.arg(m_request.environment);
        send(false);
        return;
    }
    if (config.authMethod == OAuthClientConfig::AuthMethod::None) {
        // A public client signs in through the browser; the tester cannot do that on its own.
        m_pendingNote = u"The token lab's client is public (browser sign-in); its token was sent as it is. Sign in "
                        u"again with the scopes %1 if the proxy refuses it."_s.arg(config.scopes.join(u' '));
        send(false);
        return;
    }
    const QString previous = m_session->token().accessToken;
    const QStringList scopes = config.scopes;
    waitForNewToken(
        previous,
        [this, scopes] {
            m_pendingNote = scopes.isEmpty()
                                ? u"A token was fetched first (client credentials)."_s
                                : u"A token with the proxy's scopes (%1) was fetched first."_s.arg(scopes.join(u' '));
            send(false);
        },
        [this](const QString &reason) {
            m_current = CallRecord();
            m_current.request = m_request;
            m_current.request.givenToken.clear();
            m_current.startedAt = QDateTime::currentDateTimeUtc();
            m_current.url = urlFor(m_request).toString();
            m_current.response.method = m_request.method;
            m_current.response.url = m_current.url;
            m_current.response.failure = ObservedCall::Failure::Other;
            m_current.response.failureText = reason;
            m_current.diagnosis.kind = Diagnosis::Kind::TransportError;
            m_current.diagnosis.origin = Diagnosis::Origin::Transport;
            m_current.diagnosis.title = u"No token: the call was not sent"_s;
            m_current.diagnosis.explanation = u"The token request for the proxy's scopes failed: "_s + reason;
            m_current.diagnosis.fix = u"Check the environment's OAuth client (its id, its secret in the keychain, "
                                      u"the scopes it may ask for) in the token lab, then send again."_s;
            complete(m_current);
        });
    m_session->ensureConfig(config);
    if (!m_session->isBusy())
        m_session->requestToken();
}

void CallTester::waitForNewToken(const QString &previous, std::function<void()> onToken,
                                 std::function<void(const QString &)> onFailure)
{
    stopWaiting();
    const quint64 wait = m_waitGeneration;
    const auto check = [this, wait, previous, onToken, onFailure](bool settled) {
        if (wait != m_waitGeneration)
            return; // a queued check of a wait that already ended
        const TokenInfo &token = m_session->token();
        if (!token.isEmpty() && token.accessToken != previous &&
            token.verification != TokenInfo::Verification::Pending) {
            stopWaiting();
            onToken();
        } else if (settled && !m_session->isBusy()) {
            stopWaiting();
            onFailure(token.isEmpty() || token.accessToken == previous
                          ? u"the token lab did not get a different token."_s
                          : u"the new token is still being verified."_s);
        }
    };
    m_waitConnections << connect(m_session, &TokenSession::tokenChanged, this, [check] { check(false); });
    m_waitConnections << connect(m_session, &TokenSession::busyChanged, this, [this, check](bool busy) {
        if (!busy)
            QMetaObject::invokeMethod(
                this, [check] { check(true); }, Qt::QueuedConnection);
    });
    m_waitConnections << connect(m_session, &TokenSession::failed, this, [this, onFailure](const OAuthError &error) {
        stopWaiting();
        onFailure(error.message);
    });
    m_waitConnections << connect(m_session, &TokenSession::sessionEnded, this,
                                 [this, onFailure](const QString &reason) {
                                     stopWaiting();
                                     onFailure(reason);
                                 });
}

void CallTester::stopWaiting()
{
    ++m_waitGeneration;
    for (const auto &connection : std::as_const(m_waitConnections))
        disconnect(connection);
    m_waitConnections.clear();
}

void CallTester::cancel()
{
    stopWaiting();
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
    m_current.request.givenToken.clear(); // the history never holds a token
    m_current.startedAt = QDateTime::currentDateTimeUtc();
    m_current.retriedWithNewToken = retry;
    m_current.firstAttemptDiagnosis = m_firstDiagnosis;
    if (!retry && !m_pendingNote.isEmpty())
        m_current.addNote(m_pendingNote);
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
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    if (!m_request.hasHeader("Accept"))
        request.setRawHeader("Accept", "application/json");
    const bool callerAuthorization = m_request.hasHeader("Authorization");
    if (callerAuthorization) {
        m_current.sentToken = true;
        m_current.addNote(u"The Authorization header given with the request was sent instead of a token of the lab."_s);
    } else if (m_request.bearer == ProxyCallRequest::Bearer::Given) {
        QString given = m_request.givenToken.trimmed();
        if (given.startsWith(u"Bearer "_s, Qt::CaseInsensitive)) // a whole header value pasted
            given = given.mid(7).trimmed();
        if (!given.isEmpty()) {
            request.setRawHeader("Authorization", "Bearer " + given.toLatin1());
            m_current.sentToken = true;
        } else {
            m_current.addNote(u"No token was sent: the pasted token is empty."_s);
        }
    } else if (m_request.bearer == ProxyCallRequest::Bearer::None) {
        m_current.addNote(u"No token was sent, as asked."_s);
    } else {
        const QString token = m_session ? m_session->token().accessToken : QString();
        if (!token.isEmpty()) {
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
            m_current.sentToken = true;
            if (retry && m_session->token().verification == TokenInfo::Verification::Invalid)
                m_current.retryTokenProblem = m_session->token().verificationText;
        } else {
            m_current.addNote(u"No token was sent: the token lab holds none."_s);
        }
    }
    m_current.response.sentBearer = m_current.sentToken;
    for (const Environment &environment : m_workspace->environments) {
        if (environment.name == m_request.environment)
            Transport::of(m_network)->useEnvironment(environment); // its CA file and pin for the gateway's host
    }
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
    const bool callerAuthorization = m_request.hasHeader("Authorization");
    const bool sessionToken = m_request.bearer == ProxyCallRequest::Bearer::Session && !callerAuthorization;
    if (m_current.diagnosis.retryWithNewToken && !sessionToken && m_current.sentToken) {
        m_current.addNote(callerAuthorization
                              ? u"The token came in the request's own Authorization header; the call tester does not "
                                u"renew it: put a new one there."_s
                              : u"The pasted token is not renewed by the call tester: paste a new one."_s);
    } else if (m_current.diagnosis.retryWithNewToken && !m_retry && m_session && sessionToken) {
        m_retry = true;
        m_firstDiagnosis = m_current.diagnosis;
        Q_EMIT retrying(m_current);
        renewTokenAndRetry();
        return;
    }
    if (sessionToken && m_current.sentToken && m_current.diagnosis.isSuccess() && m_session &&
        m_session->token().revokedAt.isValid()) {
        // The forum question: "I revoked it, why does the call still work?"
        m_current.addNote(u"This token was revoked at %1, yet the gateway accepted it. %2"_s.arg(
            m_session->token().revokedAt.toLocalTime().toString(u"HH:mm:ss"_s),
            RevocationJob::lifetimeNote(m_session->token().accessToken, QDateTime::currentDateTimeUtc())));
    }
    complete(m_current);
}

void CallTester::renewTokenAndRetry()
{
    waitForNewToken(
        m_session->token().accessToken, [this] { send(true); },
        [this](const QString &reason) {
            QString why = reason;
            if (why.endsWith(u'.'))
                why.chop(1);
            m_current.addNote(u"No second attempt: a new token could not be fetched: %1."_s.arg(why));
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
