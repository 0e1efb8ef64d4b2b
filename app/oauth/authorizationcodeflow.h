// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizationservermetadata.h"
#include "oauthclientconfig.h"
#include "oautherror.h"
#include "tokenresponse.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;

namespace gw {

class LoopbackRedirectListener;
class TokenRequestJob;

/// The authorization code grant for a native app (RFC 8252): the user signs in in the system browser, the
/// authorization server redirects to a one-shot loopback listener, and the code is exchanged with the PKCE verifier.
/// Checks on the response: `state` (exact, constant time), `iss` (RFC 9207; required when the server advertises
/// it), the server's support for S256. The browser is opened through an injected callback, so this class needs no
/// GUI module (the console passes QDesktopServices::openUrl; tests drive the pages themselves).
class AuthorizationCodeFlow : public QObject
{
    Q_OBJECT
public:
    using UrlOpener = std::function<bool(const QUrl &)>;
    static constexpr int DefaultTimeoutMs = 5 * 60 * 1000;

    AuthorizationCodeFlow(QNetworkAccessManager *network, const AuthorizationServerMetadata &metadata,
                          const OAuthClientConfig &client, const QStringList &scopes, UrlOpener openUrl,
                          QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    /// How long to wait for the browser to come back.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeoutMs() const { return m_timeoutMs; }

    void start();
    void cancel();

    /// The URL handed to the browser (to show it when no browser could be opened).
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    QUrl redirectUri() const;
    const TokenResponse &response() const { return m_response; }
    const OAuthError &error() const { return m_error; }

Q_SIGNALS:
    /// The browser was asked to open the authorization URL; the flow now waits for the redirect.
    /// The listener waits for the browser's answer until timeoutMs() has passed. `browserOpened` is false when no
    /// browser could be opened: the person opens the address themselves, and the listener stays open for it.
    void waitingForBrowser(const QUrl &authorizationUrl, bool browserOpened);
    void finished();

private:
    void onAuthorizationResponse(const QUrlQuery &query);
    void finish(const OAuthError &error);

    QNetworkAccessManager *m_network;
    AuthorizationServerMetadata m_metadata;
    OAuthClientConfig m_client;
    QStringList m_scopes;
    UrlOpener m_openUrl;
    QPointer<LoopbackRedirectListener> m_listener;
    QPointer<TokenRequestJob> m_tokenJob;
    QTimer m_timeout;
    int m_timeoutMs = DefaultTimeoutMs;
    QString m_verifier;
    QString m_state;
    QUrl m_authorizationUrl;
    QUrl m_redirectUri;
    TokenResponse m_response;
    OAuthError m_error;
    bool m_finished = false;
};

} // namespace gw
