// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwkset.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace gw {

/// The outcome of checking one bearer token for the data plane.
struct TokenCheck
{
    bool ok = false;
    int status = 401; ///< 401 invalid_token, 403 insufficient_scope, 502 when the IdP cannot be reached
    QString error = QStringLiteral("invalid_token"); ///< RFC 6750 §3.1 error code
    QString reason;                                  ///< short text for error_description and the runtime error body
    QJsonObject claims;                              ///< verified claims (JWT) or the introspection answer
};

/// One authorization server the gateway trusts, as an authServerAlias describes it: its issuer and JWKS
/// (local validation of JWT access tokens) and/or its RFC 7662 introspection endpoint with the gateway's
/// client credentials (opaque tokens). JWKS and introspection are fetched asynchronously; the JWKS is
/// cached and fetched again when a token names an unknown kid (key rotation), at most every few seconds.
class AuthorizationServerTrust : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        QString name; ///< the authServerAlias name ("local" for the sandbox's own server)
        QString issuer;
        QUrl jwksUri;
        QUrl introspectionEndpoint;
        QString introspectionClientId;
        QString introspectionClientSecret;
        QString audience; ///< required aud; empty: not checked
        std::chrono::seconds leeway{60};
        QString requiredType = QStringLiteral("at+jwt"); ///< RFC 9068; empty: typ not checked
    };
    using Callback = std::function<void(const TokenCheck &)>;

    AuthorizationServerTrust(const Config &config, QNetworkAccessManager &network, QObject *parent = nullptr);
    ~AuthorizationServerTrust() override;

    const Config &config() const { return m_config; }
    void setConfig(const Config &config);

    /// Validates a JWT access token with this server's JWKS and claims rules. \a done is called later,
    /// from the event loop, unless this object is destroyed first.
    void validateJwt(const QByteArray &token, const QStringList &requiredScopes, Callback done);
    /// Asks this server's introspection endpoint about an opaque token.
    void introspect(const QByteArray &token, const QStringList &requiredScopes, Callback done);

    /// Forgets the cached JWKS (tests, or after the IdP rotated its keys out of band).
    void clearKeys();

private:
    struct PendingJwt
    {
        QByteArray token;
        QStringList scopes;
        Callback done;
        bool refreshed = false;
    };

    void fetchKeys();
    void finishJwt(PendingJwt pending);
    void onKeysFetched(QNetworkReply *reply);

    Config m_config;
    QNetworkAccessManager &m_network;
    JwkSet m_keys;
    bool m_haveKeys = false;
    QString m_keysError;
    QDateTime m_lastFetch;
    QPointer<QNetworkReply> m_keysReply;
    QList<PendingJwt> m_waiting;
};

} // namespace gw
