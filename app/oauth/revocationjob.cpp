// SPDX-License-Identifier: GPL-3.0-or-later
#include "revocationjob.h"

#include "httptransfer.h"
#include "oauthprotocol.h"

using namespace Qt::StringLiterals;

namespace gw {

RevocationJob::RevocationJob(QNetworkAccessManager *network, const QUrl &endpoint, const OAuthClientConfig &client,
                             const QString &token, const QString &tokenTypeHint, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint)
    , m_client(client)
    , m_token(token)
    , m_hint(tokenTypeHint)
{}

QString RevocationJob::acceptedNote()
{
    return u"The server accepted the revocation request. A 200 does not prove that the token existed or was still "
           u"valid (RFC 7009 §2.2); introspect it to see its state."_s;
}

void RevocationJob::start()
{
    if (m_endpoint.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_error = OAuthError::make(OAuthError::Kind::Configuration,
                                           u"The authorization server advertises no revocation endpoint."_s);
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
        return;
    }
    m_transfer = OAuthProtocol::postTokenForm(m_network, this, m_endpoint, m_client, m_token, m_hint, 64 * 1024);
    connect(m_transfer, &HttpTransfer::finished, this, &RevocationJob::onResponse);
    m_token.clear();
    m_client.clientSecret.clear();
}

void RevocationJob::onResponse(const HttpResponse &response)
{
    m_transfer->deleteLater();
    if (response.status != 200)
        m_error = OAuthProtocol::errorFromResponse(response, u"The revocation endpoint"_s);
    Q_EMIT finished();
}

} // namespace gw
