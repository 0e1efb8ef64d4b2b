// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>

#include <memory>

class QNetworkAccessManager;

namespace gw {

class AdminCredentialSource;
class GatewayClient;
class JwksCache;
class SecretProvider;
class TokenSession;

/// One component of an environment, tested: green or red, with the reason and the fix.
struct CheckLine
{
    enum class Component { Gateway, Tenant, OAuth };
    enum class Status { Ok, Failed, Skipped };
    Component component = Component::Gateway;
    Status status = Status::Skipped;
    QString detail; ///< what was found ("API Gateway 11.0, admin Administrator accepted") or what failed
    QString fix;    ///< what to do, when it failed or was skipped
    /// The gateway's leaf certificate (PEM) when TLS failed: shown so a person can pin it or
    /// choose a CA file. Never trusted here.
    QByteArray certificatePem;

    static QString componentName(Component component);
    static QString statusName(Status status);
    QString toText() const;
    QJsonObject toJson() const;
};

struct CheckReport
{
    QString environment;
    QList<CheckLine> lines; ///< gateway, tenant, OAuth server, in that order
    bool ok() const;        ///< nothing failed
    QString toText() const;
    QJsonObject toJson() const;
};

/// Tests one environment's connections, all three at once: the gateway (reachable, TLS, admin
/// credentials accepted, server version from /rest/apigateway/is/serverinfo or /health), the .io
/// tenant (reachable, tenant user accepted) and the OAuth server (discovery with the issuer checked,
/// JWKS loads, a client-credentials token is issued and verifies).
class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    ConnectionCheck(QNetworkAccessManager *network, SecretProvider *secrets, const Environment &environment,
                    const QProcessEnvironment &process, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    void start();

Q_SIGNALS:
    void lineFinished(const gw::CheckLine &line);
    void finished(const gw::CheckReport &report);

private:
    void checkGateway();
    void checkGatewayHealth();
    void checkTenant();
    void checkTenantWith(const QString &password);
    void checkOAuth();
    void done(const CheckLine &line);

    QNetworkAccessManager *m_network;
    SecretProvider *m_secrets;
    Environment m_environment;
    QProcessEnvironment m_process;
    std::unique_ptr<AdminCredentialSource> m_credentials;
    std::unique_ptr<GatewayClient> m_client;
    std::unique_ptr<JwksCache> m_jwks;
    std::unique_ptr<TokenSession> m_session;
    CheckReport m_report;
    int m_pending = 0;
};

} // namespace gw

Q_DECLARE_METATYPE(gw::CheckLine)
Q_DECLARE_METATYPE(gw::CheckReport)
