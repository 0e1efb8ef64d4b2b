// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oauthclientconfig.h"
#include "oautherror.h"
#include "tokenresponse.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
struct HttpResponse;

/// One request to the token endpoint (RFC 6749 §4.1.3, §4.4, §6). Only the grants the console uses exist here:
/// client_credentials, authorization_code (with the PKCE verifier) and refresh_token. No password, no implicit.
class TokenRequestJob : public QObject
{
    Q_OBJECT
public:
    struct Grant
    {
        FormFields fields;
        QStringList requestedScopes;
        static Grant clientCredentials(const QStringList &scopes, const QString &resource = {});
        static Grant authorizationCode(const QString &code, const QUrl &redirectUri, const QString &codeVerifier);
        static Grant refreshToken(const QString &refreshToken, const QStringList &scopes = {});
    };

    TokenRequestJob(QNetworkAccessManager *network, const QUrl &tokenEndpoint, const OAuthClientConfig &client,
                    const Grant &grant, QObject *parent = nullptr);

    void start();
    void abort();
    const TokenResponse &response() const { return m_response; }
    const OAuthError &error() const { return m_error; }

    /// Reads a token endpoint answer (RFC 6749 §5.1 and §5.2): the token, or nullopt with `error` saying why.
    static std::optional<TokenResponse> parseResponse(const HttpResponse &response, const QStringList &requestedScopes,
                                                      OAuthError *error);

Q_SIGNALS:
    void finished();

private:
    void onResponse(const HttpResponse &response);
    void finish(const OAuthError &error);

    QNetworkAccessManager *m_network;
    QUrl m_endpoint;
    OAuthClientConfig m_client;
    Grant m_grant;
    QPointer<HttpTransfer> m_transfer;
    TokenResponse m_response;
    OAuthError m_error;
};

} // namespace gw
