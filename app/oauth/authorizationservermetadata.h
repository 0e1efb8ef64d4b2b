// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oautherror.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace gw {

/// The parts of RFC 8414 / OpenID Connect Discovery metadata the console uses.
struct AuthorizationServerMetadata
{
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl jwksUri;
    QUrl introspectionEndpoint;
    QUrl revocationEndpoint;
    QStringList codeChallengeMethods; ///< empty when the server does not advertise them
    QStringList grantTypes;
    QStringList tokenEndpointAuthMethods;
    QStringList scopes;
    bool issParameterSupported = false; ///< RFC 9207 authorization_response_iss_parameter_supported

    /// Parses a metadata document and checks it: `issuer` must equal `expectedIssuer` exactly (RFC 8414 §3.3), the
    /// token endpoint must be present, and every endpoint must use https unless it is on a loopback host.
    static std::optional<AuthorizationServerMetadata> fromJson(const QByteArray &json, const QString &expectedIssuer,
                                                               const QUrl &source, OAuthError *error);

    /// https, or http on 127.0.0.1 / ::1 / localhost (RFC 8252 loopback; the sandbox and test peers).
    static bool isAcceptableEndpoint(const QUrl &url);

    /// RFC 8414 §3 well-known URL for an issuer (the well-known segment goes between host and path), and the OpenID
    /// Connect Discovery one (appended to the issuer).
    static QUrl oauthMetadataUrl(const QString &issuer);
    static QUrl openIdConfigurationUrl(const QString &issuer);
};

} // namespace gw
