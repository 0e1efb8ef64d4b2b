// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizationcodeflow.h"

#include "loopbackredirectlistener.h"
#include "oauthlogging.h"
#include "oauthprotocol.h"
#include "pkce.h"
#include "tokenrequestjob.h"

using namespace Qt::StringLiterals;

namespace gw {

AuthorizationCodeFlow::AuthorizationCodeFlow(QNetworkAccessManager *network,
                                             const AuthorizationServerMetadata &metadata,
                                             const OAuthClientConfig &client, const QStringList &scopes,
                                             UrlOpener openUrl, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_metadata(metadata)
    , m_client(client)
    , m_scopes(scopes)
    , m_openUrl(std::move(openUrl))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(OAuthError::make(OAuthError::Kind::Cancelled,
                                u"No answer from the browser within %1 minutes; the sign-in was abandoned. Start it "
                                u"again."_s.arg(m_timeoutMs / 60000.0, 0, 'g', 2)));
    });
}

AuthorizationCodeFlow::~AuthorizationCodeFlow()
{
    if (m_listener)
        m_listener->close();
}

QUrl AuthorizationCodeFlow::redirectUri() const
{
    return m_redirectUri;
}

void AuthorizationCodeFlow::start()
{
    auto failLater = [this](const OAuthError &error) {
        QMetaObject::invokeMethod(
            this, [this, error] { finish(error); }, Qt::QueuedConnection);
    };
    if (m_metadata.authorizationEndpoint.isEmpty()) {
        failLater(
            OAuthError::make(OAuthError::Kind::Configuration,
                             u"The authorization server %1 has no authorization endpoint, so the console cannot "
                             u"sign you in with a browser. Use client credentials instead."_s.arg(m_metadata.issuer)));
        return;
    }
    // RFC 9700 §2.1.1: S256 only; a server that lists its methods without S256 cannot protect the code.
    if (!m_metadata.codeChallengeMethods.isEmpty() && !m_metadata.codeChallengeMethods.contains(u"S256"_s)) {
        failLater(OAuthError::make(OAuthError::Kind::Security,
                                   u"The authorization server %1 does not support PKCE with S256 (it offers: %2). The "
                                   u"console does not sign in without it."_s.arg(
                                       m_metadata.issuer, m_metadata.codeChallengeMethods.join(u", "_s))));
        return;
    }
    m_listener = new LoopbackRedirectListener(this);
    if (!m_listener->listen()) {
        failLater(OAuthError::make(
            OAuthError::Kind::Network,
            u"Cannot listen on 127.0.0.1 for the sign-in redirect: %1"_s.arg(m_listener->errorString())));
        return;
    }
    connect(m_listener, &LoopbackRedirectListener::received, this, &AuthorizationCodeFlow::onAuthorizationResponse);
    connect(m_listener, &LoopbackRedirectListener::failed, this,
            [this](const QString &message) { finish(OAuthError::make(OAuthError::Kind::Protocol, message)); });
    m_redirectUri = m_listener->redirectUri();
    m_verifier = Pkce::generateVerifier();
    m_state = Pkce::generateState();

    FormFields fields{{u"response_type"_s, u"code"_s},
                      {u"client_id"_s, m_client.clientId},
                      {u"redirect_uri"_s, m_redirectUri.toString(QUrl::FullyEncoded)}};
    if (!m_scopes.isEmpty())
        fields.append({u"scope"_s, m_scopes.join(u' ')});
    fields.append({u"state"_s, m_state});
    fields.append({u"code_challenge"_s, Pkce::challengeS256(m_verifier)});
    fields.append({u"code_challenge_method"_s, u"S256"_s});
    QByteArray encodedQuery = m_metadata.authorizationEndpoint.query(QUrl::FullyEncoded).toLatin1();
    for (const auto &[key, value] : std::as_const(fields)) {
        if (!encodedQuery.isEmpty())
            encodedQuery += '&';
        encodedQuery += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    m_authorizationUrl = m_metadata.authorizationEndpoint;
    m_authorizationUrl.setQuery(QString::fromLatin1(encodedQuery), QUrl::StrictMode);

    m_timeout.start(m_timeoutMs);
    qCDebug(lcOAuth) << "authorization code flow: waiting on" << m_redirectUri.toString();
    // Without a browser the person opens the address by hand: the listener stays open for it until the timeout.
    const bool opened = m_openUrl && m_openUrl(m_authorizationUrl);
    Q_EMIT waitingForBrowser(m_authorizationUrl, opened);
}

void AuthorizationCodeFlow::cancel()
{
    if (m_tokenJob)
        m_tokenJob->abort();
    finish(OAuthError::make(OAuthError::Kind::Cancelled, u"The sign-in was cancelled."_s));
}

void AuthorizationCodeFlow::onAuthorizationResponse(const QUrlQuery &query)
{
    m_timeout.stop();
    const QString state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    if (!Pkce::constantTimeEquals(state.toUtf8(), m_state.toUtf8())) {
        finish(OAuthError::make(OAuthError::Kind::Security,
                                u"State mismatch: the authorization response does not belong to this sign-in (it may "
                                u"be forged or replayed). Nothing was exchanged; start the sign-in again."_s));
        return;
    }
    // RFC 9207: the iss parameter tells which server produced the response (mix-up defence).
    if (query.hasQueryItem(u"iss"_s)) {
        const QString iss = query.queryItemValue(u"iss"_s, QUrl::FullyDecoded);
        if (iss != m_metadata.issuer) {
            finish(OAuthError::make(OAuthError::Kind::Security,
                                    u"Issuer mismatch in the authorization response: iss is \"%1\", expected \"%2\". "
                                    u"The response may come from another authorization server (mix-up attack); "
                                    u"nothing was exchanged."_s.arg(iss, m_metadata.issuer)));
            return;
        }
    } else if (m_metadata.issParameterSupported) {
        finish(OAuthError::make(OAuthError::Kind::Security,
                                u"The authorization response has no iss parameter although %1 advertises it (RFC "
                                u"9207); nothing was exchanged."_s.arg(m_metadata.issuer)));
        return;
    }
    const QString errorCode = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
    if (!errorCode.isEmpty()) {
        QString message = u"The authorization server refused the sign-in: %1"_s.arg(errorCode);
        const QString description = query.queryItemValue(u"error_description"_s, QUrl::FullyDecoded);
        if (!description.isEmpty())
            message += u" (" + description + u')';
        message += u'.';
        const QString hint = OAuthProtocol::hintForErrorCode(errorCode);
        if (!hint.isEmpty())
            message += u' ' + hint;
        finish(OAuthError::make(OAuthError::Kind::Server, message, errorCode));
        return;
    }
    const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty()) {
        finish(OAuthError::make(OAuthError::Kind::Protocol,
                                u"The authorization response carries neither a code nor an error."_s));
        return;
    }
    m_tokenJob = new TokenRequestJob(m_network, m_metadata.tokenEndpoint, m_client,
                                     TokenRequestJob::Grant::authorizationCode(code, m_redirectUri, m_verifier), this);
    connect(m_tokenJob, &TokenRequestJob::finished, this, [this] {
        m_tokenJob->deleteLater();
        if (!m_tokenJob->error().isError()) {
            m_response = m_tokenJob->response();
            m_response.requestedScopes = m_scopes;
        }
        finish(m_tokenJob->error());
    });
    m_tokenJob->start();
}

void AuthorizationCodeFlow::finish(const OAuthError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    if (m_listener)
        m_listener->close();
    m_verifier.clear();
    m_error = error;
    Q_EMIT finished();
}

} // namespace gw
