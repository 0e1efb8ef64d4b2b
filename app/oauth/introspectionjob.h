// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oauthclientconfig.h"
#include "oautherror.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
struct HttpResponse;

/// What an introspection endpoint said about a token (RFC 7662 §2.2).
struct IntrospectionResult
{
    /// Only a JSON `true` in `active` makes a token active; a string "true", a missing member or anything else
    /// means inactive, whatever the other members say.
    bool active = false;
    QJsonObject members; ///< the whole response, for display
};

/// One RFC 7662 introspection request, authenticated as the client.
class IntrospectionJob : public QObject
{
    Q_OBJECT
public:
    IntrospectionJob(QNetworkAccessManager *network, const QUrl &endpoint, const OAuthClientConfig &client,
                     const QString &token, const QString &tokenTypeHint = {}, QObject *parent = nullptr);

    void start();
    const IntrospectionResult &result() const { return m_result; }
    const OAuthError &error() const { return m_error; }

    /// Reads a response body the RFC 7662 way.
    static IntrospectionResult parse(const QJsonObject &object);

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
    IntrospectionResult m_result;
    OAuthError m_error;
};

} // namespace gw
