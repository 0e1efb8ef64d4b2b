// SPDX-License-Identifier: GPL-3.0-or-later
#include "revocationjob.h"

#include "jose/decodedjwt.h"

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

QString RevocationJob::lifetimeNote(const QString &token, const QDateTime &now)
{
    const DecodeResult decoded = DecodedJwt::decode(token.toUtf8());
    if (!decoded.ok())
        return u"The token is opaque: a gateway that introspects it sees the revocation at once."_s;
    const QJsonValue exp = decoded.jwt->claims().value(u"exp"_s);
    if (!exp.isDouble())
        return u"The token is a JWT without exp: a gateway that validates it locally accepts it for good; only "
               u"introspection-based validation stops it."_s;
    const QDateTime expires = OAuthProtocol::numericDate(exp);
    if (!expires.isValid())
        return u"The token is a JWT whose exp is not a usable date: a gateway that validates it locally may accept "
               u"it for good; only introspection-based validation stops it."_s;
    const qint64 left = now.secsTo(expires);
    if (left <= 0)
        return u"The token expired at %1: no gateway accepts it any more."_s.arg(expires.toString(Qt::ISODate));
    return u"The token is a self-contained JWT: a gateway that validates it locally (signature and claims, the "
           u"JWKS) still accepts it until exp, %1 (%2 s from now). Only introspection-based validation or a "
           u"shorter token lifetime stops it sooner."_s.arg(expires.toString(Qt::ISODate))
               .arg(left);
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
