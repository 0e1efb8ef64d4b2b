// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizationservermetadata.h"
#include "oautherror.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
struct HttpResponse;

/// Fetches an authorization server's metadata: RFC 8414 `/.well-known/oauth-authorization-server` first, OpenID
/// Connect `/.well-known/openid-configuration` when that is not found, and checks the issuer in it.
class DiscoveryJob : public QObject
{
    Q_OBJECT
public:
    DiscoveryJob(QNetworkAccessManager *network, const QString &issuer, QObject *parent = nullptr);

    void start();
    const AuthorizationServerMetadata &metadata() const { return m_metadata; }
    const OAuthError &error() const { return m_error; }

Q_SIGNALS:
    /// Emitted once; error().isError() tells the outcome.
    void finished();

private:
    void fetch(const QUrl &url);
    void onResponse(const HttpResponse &response);
    void finish(const OAuthError &error);

    QNetworkAccessManager *m_network;
    QString m_issuer;
    QPointer<HttpTransfer> m_transfer;
    bool m_triedOpenId = false;
    AuthorizationServerMetadata m_metadata;
    OAuthError m_error;
};

} // namespace gw
