// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

class QNetworkRequest;

namespace gw {

/// Fields of an application/x-www-form-urlencoded body, in order, not encoded.
using FormFields = QList<QPair<QString, QString>>;

/// How a client authenticates at the token, introspection and revocation endpoints. The secret is held only for
/// the request it is needed for; it is never written anywhere.
struct OAuthClientConfig
{
    enum class AuthMethod { ClientSecretBasic, ClientSecretPost, None };
    QString clientId;
    QString clientSecret;
    AuthMethod authMethod = AuthMethod::ClientSecretBasic;

    /// Adds the client authentication to a form request: an Authorization header for client_secret_basic, with id
    /// and secret form-urlencoded before base64 (RFC 6749 §2.3.1), or form fields for client_secret_post; only
    /// client_id for a public client.
    void apply(QNetworkRequest &request, FormFields &form) const;

    /// The application/x-www-form-urlencoded encoding of one value (spaces as '+').
    static QByteArray formEncode(const QString &value);
    /// The encoded form body of `form`, with every key and value form-encoded.
    static QByteArray formBody(const FormFields &form);

    static QString authMethodName(AuthMethod method);
    static AuthMethod authMethodFromName(const QString &name, bool *ok = nullptr);
};

} // namespace gw
