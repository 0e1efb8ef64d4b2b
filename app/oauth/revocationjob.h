// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oauthclientconfig.h"
#include "oautherror.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
struct HttpResponse;

/// One RFC 7009 revocation request, authenticated as the client. Success means the server accepted the request;
/// per RFC 7009 §2.2 it answers 200 for unknown and already invalid tokens too, so success proves nothing about the
/// token having existed (acceptedNote() says so for the user).
class RevocationJob : public QObject
{
    Q_OBJECT
public:
    RevocationJob(QNetworkAccessManager *network, const QUrl &endpoint, const OAuthClientConfig &client,
                  const QString &token, const QString &tokenTypeHint = {}, QObject *parent = nullptr);

    void start();
    const OAuthError &error() const { return m_error; }

    static QString acceptedNote();
    /// What a revocation does not do to `token`: a self-contained JWT stays valid at a gateway that validates
    /// it locally until its exp (named, with the time left at `now`); an opaque one stops at once where it is
    /// introspected.
    static QString lifetimeNote(const QString &token, const QDateTime &now);

Q_SIGNALS:
    void finished();

private:
    void onResponse(const HttpResponse &response);

    QNetworkAccessManager *m_network;
    QUrl m_endpoint;
    OAuthClientConfig m_client;
    QString m_token;
    QString m_hint;
    QPointer<HttpTransfer> m_transfer;
    OAuthError m_error;
};

} // namespace gw
