// SPDX-License-Identifier: GPL-3.0-or-later
#include "discoveryjob.h"

#include "httptransfer.h"
#include "oauthlogging.h"

#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace gw {

DiscoveryJob::DiscoveryJob(QNetworkAccessManager *network, const QString &issuer, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_issuer(issuer)
{}

void DiscoveryJob::start()
{
    const QUrl issuerUrl(m_issuer);
    if (m_issuer.isEmpty() || !AuthorizationServerMetadata::isAcceptableEndpoint(issuerUrl)) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                finish(OAuthError::make(OAuthError::Kind::Configuration,
                                        m_issuer.isEmpty()
                                            ? u"The environment names no OAuth issuer; set oauth.issuer."_s
                                            : u"The issuer \"%1\" is not an https URL (plain http is only allowed on "
                                              u"127.0.0.1)."_s.arg(m_issuer)));
            },
            Qt::QueuedConnection);
        return;
    }
    fetch(AuthorizationServerMetadata::oauthMetadataUrl(m_issuer));
}

void DiscoveryJob::fetch(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    m_transfer = new HttpTransfer(m_network, this);
    connect(m_transfer, &HttpTransfer::finished, this, &DiscoveryJob::onResponse);
    m_transfer->start(request, "GET");
}

void DiscoveryJob::onResponse(const HttpResponse &response)
{
    m_transfer->deleteLater();
    if (!response.hasResponse()) {
        finish(OAuthError::make(OAuthError::Kind::Network,
                                u"Cannot read the authorization server metadata. "_s + response.failureText));
        return;
    }
    if (response.status != 200) {
        if (!m_triedOpenId && (response.status == 404 || response.status == 400)) {
            m_triedOpenId = true;
            fetch(AuthorizationServerMetadata::openIdConfigurationUrl(m_issuer));
            return;
        }
        finish(OAuthError::make(OAuthError::Kind::Http,
                                u"The authorization server metadata at %1 answered HTTP %2 instead of 200. Check the "
                                u"issuer URL."_s.arg(response.url.toDisplayString())
                                    .arg(response.status),
                                {}, response.status));
        return;
    }
    OAuthError error;
    const auto metadata = AuthorizationServerMetadata::fromJson(response.body, m_issuer, response.url, &error);
    if (!metadata) {
        finish(error);
        return;
    }
    m_metadata = *metadata;
    qCDebug(lcOAuth) << "discovered" << m_issuer << "token endpoint" << m_metadata.tokenEndpoint;
    finish({});
}

void DiscoveryJob::finish(const OAuthError &error)
{
    m_error = error;
    Q_EMIT finished();
}

} // namespace gw
