// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauthclientconfig.h"

#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace gw {

QByteArray OAuthClientConfig::formEncode(const QString &value)
{
    // Unreserved characters stay, everything else is percent-encoded; then space becomes '+' (HTML form encoding,
    // which RFC 6749 Appendix B prescribes).
    QByteArray encoded = value.toUtf8().toPercentEncoding();
    encoded.replace("%20", "+");
    return encoded;
}

QByteArray OAuthClientConfig::formBody(const FormFields &form)
{
    QByteArray body;
    for (const auto &[key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += formEncode(key) + '=' + formEncode(value);
    }
    return body;
}

void OAuthClientConfig::apply(QNetworkRequest &request, FormFields &form) const
{
    switch (authMethod) {
    case AuthMethod::ClientSecretBasic: {
        const QByteArray pair = formEncode(clientId) + ':' + formEncode(clientSecret);
        request.setRawHeader("Authorization", "Basic " + pair.toBase64());
        break;
    }
    case AuthMethod::ClientSecretPost:
        form.append({u"client_id"_s, clientId});
        form.append({u"client_secret"_s, clientSecret});
        break;
    case AuthMethod::None:
        form.append({u"client_id"_s, clientId});
        break;
    }
}

QString OAuthClientConfig::authMethodName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::ClientSecretBasic:
        return u"client_secret_basic"_s;
    case AuthMethod::ClientSecretPost:
        return u"client_secret_post"_s;
    case AuthMethod::None:
        return u"none"_s;
    }
    return {};
}

OAuthClientConfig::AuthMethod OAuthClientConfig::authMethodFromName(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == u"client_secret_post"_s)
        return AuthMethod::ClientSecretPost;
    if (name == u"none"_s)
        return AuthMethod::None;
    if (ok && name != u"client_secret_basic"_s && !name.isEmpty())
        *ok = false;
    return AuthMethod::ClientSecretBasic;
}

} // namespace gw
