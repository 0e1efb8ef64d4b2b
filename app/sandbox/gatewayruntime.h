// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizationservertrust.h"
#include "sandboxreply.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;
class QNetworkAccessManager;

namespace gw {

class GatewayServer;
class AuthorizationServer;
class SandboxState;

/// The gateway's data plane: `/gateway/{apiName}/{apiVersion}/{resource...}` for active APIs runs the API's
/// policy actions in stage order (entryProtocolPolicy, evaluatePolicy with oAuth2Token / jwtClaims,
/// straightThroughRouting with ${sys:resource_path} and ${alias} expansion, outboundTransportAuthentication
/// HTTP_BASIC inline or through an httpTransportSecurityAlias), then forwards the call asynchronously.
/// Also answers the built-in OAuth server's `/invoke/pub.apigateway.oauth2/getAccessToken`.
///
/// Trusted authorization servers: the sandbox's own (alias name "local"), servers added with
/// setTrustedServer() (command-line options), and every authServerAlias in the state that carries a
/// localIntrospectionConfig (issuer + jwksuri) or a remoteIntrospectionConfig (introspection endpoint).
///
/// Errors the gateway makes itself carry the runtime error body {"Exception": "API Gateway encountered an
/// error. Error Message:  ..."}; token rejections add `WWW-Authenticate: Bearer error=..., error_description=...`.
/// Answers relayed from the native service carry `X-Gateway-Native-Status: <status>` and the service's body.
class GatewayRuntime : public QObject
{
    Q_OBJECT

public:
    static constexpr QLatin1StringView NativeStatusHeader{"X-Gateway-Native-Status"};

    GatewayRuntime(SandboxState &state, QNetworkAccessManager &network, QObject *parent = nullptr);
    ~GatewayRuntime() override;

    /// Adds the /gateway and /invoke/pub.apigateway.oauth2/getAccessToken routes to \a server.
    void install(GatewayServer &server);

    /// The sandbox's own authorization server: trusted as "local" (JWKS and introspection with the given
    /// client), and the backend of /invoke/pub.apigateway.oauth2/getAccessToken.
    void setLocalOAuthServer(AuthorizationServer *server, const QString &introspectionClientId,
                             const QString &introspectionClientSecret);
    /// Adds or replaces (by name) a trusted authorization server.
    void setTrustedServer(const AuthorizationServerTrust::Config &config);
    /// Clock skew tolerated on exp / nbf / iat (default 60 s).
    void setLeeway(std::chrono::seconds leeway);
    /// Audience the gateway requires when a trusted server does not name one (default gatewright-demo-gateway).
    void setDefaultAudience(const QString &audience);

    void handleGateway(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleGetAccessToken(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    /// The runtime error body of the product, for messages the gateway itself produces.
    static QJsonObject runtimeError(const QString &message, const QString &apiName, const QString &operation,
                                    const QString &clientIp);

private:
    struct Call;

    void runPolicies(const std::shared_ptr<Call> &call);
    void authenticate(const std::shared_ptr<Call> &call, const QJsonObject &evaluatePolicy);
    void introspectWith(const std::shared_ptr<Call> &call, const QStringList &scopes, int index,
                        const TokenCheck &lastRejection);
    void route(const std::shared_ptr<Call> &call);
    void forward(const std::shared_ptr<Call> &call);
    void reject(const std::shared_ptr<Call> &call, const TokenCheck &check);
    void fail(const std::shared_ptr<Call> &call, int status, const QString &message);
    QList<AuthorizationServerTrust *> trustedServers();
    QString expandAliases(const QString &text, QString *error) const;

    SandboxState &m_state;
    QNetworkAccessManager &m_network;
    QPointer<AuthorizationServer> m_oauth;
    QString m_defaultAudience = QStringLiteral("gatewright-demo-gateway");
    std::chrono::seconds m_leeway{60};
    QList<AuthorizationServerTrust::Config> m_configured; ///< local first, then setTrustedServer()
    QHash<QString, AuthorizationServerTrust *> m_trusts;  ///< by name, owned (children)
};

} // namespace gw
