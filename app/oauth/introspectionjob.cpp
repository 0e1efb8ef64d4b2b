// SPDX-License-Identifier: GPL-3.0-or-later
#include "introspectionjob.h"

#include "httptransfer.h"
#include "oauthprotocol.h"

using namespace Qt::StringLiterals;

namespace gw {

IntrospectionJob::IntrospectionJob(QNetworkAccessManager *network, const QUrl &endpoint,
                                   const OAuthClientConfig &client, const QString &token, const QString &tokenTypeHint,
                                   QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint)
    , m_client(client)
    , m_token(token)
    , m_hint(tokenTypeHint)
{}

IntrospectionResult IntrospectionJob::parse(const QJsonObject &object)
{
    IntrospectionResult result;
    const QJsonValue active = object.value(u"active"_s);
    result.active = active.isBool() && active.toBool();
    result.members = object;
    return result;
}

void IntrospectionJob::start()
{
    if (m_endpoint.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_error = OAuthError::make(OAuthError::Kind::Configuration,
                                           u"The authorization server advertises no introspection endpoint."_s);
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
        return;
    }
    m_transfer = OAuthProtocol::postTokenForm(m_network, this, m_endpoint, m_client, m_token, m_hint, 256 * 1024);
    connect(m_transfer, &HttpTransfer::finished, this, &IntrospectionJob::onResponse);
    m_token.clear();
    m_client.clientSecret.clear();
}

void IntrospectionJob::onResponse(const HttpResponse &response)
{
    m_transfer->deleteLater();
    const QString what = u"The introspection endpoint"_s;
    if (response.status != 200) {
        m_error = OAuthProtocol::errorFromResponse(response, what);
    } else if (const auto object = OAuthProtocol::jsonObject(response, what, &m_error)) {
        m_result = parse(*object);
    }
    Q_EMIT finished();
}

} // namespace gw
