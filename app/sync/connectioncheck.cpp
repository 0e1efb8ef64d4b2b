// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectioncheck.h"

#include "net/admincredentials.h"
#include "net/gatewayclient.h"
#include "net/gatewayjob.h"
#include "net/gatewayresult.h"
#include "net/providercredentialsource.h"
#include "oauth/discoveryjob.h"
#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "secrets/secretprovider.h"
#include "tenantreader.h"
#include "net/transport.h"

#include <QJsonArray>
#include <QSslCertificate>

namespace gw {

QString CheckLine::componentName(Component component)
{
    switch (component) {
    case Component::Gateway:
        return QStringLiteral("gateway");
    case Component::Tenant:
        return QStringLiteral("tenant");
    case Component::OAuth:
        return QStringLiteral("oauth");
    }
    return {};
}

QString CheckLine::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return QStringLiteral("ok");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString CheckLine::toText() const
{
    static const QHash<Component, QString> titles{{Component::Gateway, QStringLiteral("Gateway")},
                                                  {Component::Tenant, QStringLiteral(".io tenant")},
                                                  {Component::OAuth, QStringLiteral("OAuth server")}};
    const QString mark = status == Status::Ok       ? QStringLiteral("ok  ")
                         : status == Status::Failed ? QStringLiteral("FAIL")
                                                    : QStringLiteral("skip");
    QString text = QStringLiteral("%1 %2: %3").arg(mark, titles.value(component), detail);
    if (!fix.isEmpty())
        text += QStringLiteral(" — ") + fix;
    return text;
}

QJsonObject CheckLine::toJson() const
{
    QJsonObject object{{QStringLiteral("component"), componentName(component)},
                       {QStringLiteral("status"), statusName(status)},
                       {QStringLiteral("detail"), detail}};
    if (!fix.isEmpty())
        object.insert(QStringLiteral("fix"), fix);
    if (!certificatePem.isEmpty())
        object.insert(QStringLiteral("certificate"), QString::fromLatin1(certificatePem));
    return object;
}

bool CheckReport::ok() const
{
    return std::none_of(lines.cbegin(), lines.cend(),
                        [](const CheckLine &line) { return line.status == CheckLine::Status::Failed; });
}

QString CheckReport::toText() const
{
    QString text;
    for (const CheckLine &line : lines)
        text += line.toText() + QLatin1Char('\n');
    return text;
}

QJsonObject CheckReport::toJson() const
{
    QJsonArray array;
    for (const CheckLine &line : lines)
        array.append(line.toJson());
    return QJsonObject{{QStringLiteral("environment"), environment},
                       {QStringLiteral("ok"), ok()},
                       {QStringLiteral("components"), array}};
}

ConnectionCheck::ConnectionCheck(QNetworkAccessManager *network, SecretProvider *secrets,
                                 const Environment &environment, const QProcessEnvironment &process, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_secrets(secrets)
    , m_environment(environment)
    , m_process(process)
{
    m_report.environment = environment.name;
    m_report.lines = {CheckLine{CheckLine::Component::Gateway, CheckLine::Status::Skipped, {}, {}, {}},
                      CheckLine{CheckLine::Component::Tenant, CheckLine::Status::Skipped, {}, {}, {}},
                      CheckLine{CheckLine::Component::OAuth, CheckLine::Status::Skipped, {}, {}, {}}};
}

ConnectionCheck::~ConnectionCheck() = default;

void ConnectionCheck::start()
{
    m_pending = 3;
    checkGateway();
    checkTenant();
    checkOAuth();
}

void ConnectionCheck::done(const CheckLine &line)
{
    m_report.lines[int(line.component)] = line;
    Q_EMIT lineFinished(line);
    if (--m_pending == 0)
        Q_EMIT finished(m_report);
}

void ConnectionCheck::checkGateway()
{
    m_credentials = adminCredentialsFor(m_environment, m_secrets, m_process);
    GatewayClientOptions options;
    options.maxRetries = 0;
    options.timeoutMs = 15000;
    m_client = std::make_unique<GatewayClient>(m_network, m_environment, m_credentials.get(), options);
    GatewayJob *job = m_client->get(QStringLiteral("/is/serverinfo"));
    connect(job, &GatewayJob::finished, this, [this](const GatewayResult &result) {
        if (result.error == GatewayResult::ErrorKind::Http && result.httpStatus == 404)
            return checkGatewayHealth();
        CheckLine line{CheckLine::Component::Gateway, CheckLine::Status::Ok, {}, {}, {}};
        if (result.ok()) {
            const QJsonObject info = result.object();
            QString product = info.value(QLatin1String("product")).toString();
            if (product.isEmpty())
                product = QStringLiteral("API Gateway");
            line.detail = QStringLiteral("%1 %2 at %3, admin user %4 accepted")
                              .arg(product, info.value(QLatin1String("version")).toString(), m_environment.gatewayUrl,
                                   m_environment.adminUser);
            return done(line);
        }
        line.status = CheckLine::Status::Failed;
        line.detail = result.message;
        switch (result.error) {
        case GatewayResult::ErrorKind::Network:
        case GatewayResult::ErrorKind::Timeout:
            line.fix = QStringLiteral("check the gateway URL %1 and that the gateway runs and is reachable from here")
                           .arg(m_environment.gatewayUrl);
            break;
        case GatewayResult::ErrorKind::Tls:
            line.certificatePem = result.peerCertificatePem;
            line.fix = QStringLiteral("trust the certificate: pin its SHA-256 (gateway.pinnedSha256) or name the CA "
                                      "that issued it (gateway.caCertificateFile)");
            break;
        case GatewayResult::ErrorKind::Credentials:
            line.fix = QStringLiteral("store the admin password in the keychain (Environments page) or set %1")
                           .arg(SecretProvider::environmentVariableFor(
                               SecretKey::gatewayAdmin(m_environment.name, m_environment.adminUser)));
            break;
        case GatewayResult::ErrorKind::Http:
            line.fix = result.httpStatus == 401 || result.httpStatus == 403
                           ? QStringLiteral("check admin user \"%1\" and its password; the user needs the API "
                                            "Gateway administrator role")
                                 .arg(m_environment.adminUser)
                           : QStringLiteral("check that %1 is the API Gateway's base URL (the admin API is under "
                                            "/rest/apigateway)")
                                 .arg(m_environment.gatewayUrl);
            break;
        default:
            line.fix = QStringLiteral("check that %1 is an API Gateway").arg(m_environment.gatewayUrl);
            break;
        }
        done(line);
    });
}

void ConnectionCheck::checkGatewayHealth()
{
    GatewayJob *job = m_client->get(QStringLiteral("/health"));
    connect(job, &GatewayJob::finished, this, [this](const GatewayResult &result) {
        CheckLine line{CheckLine::Component::Gateway, CheckLine::Status::Ok, {}, {}, {}};
        if (result.ok()) {
            line.detail = QStringLiteral("API Gateway at %1 answers /health with \"%2\" (no server version: "
                                         "/is/serverinfo is not served)")
                              .arg(m_environment.gatewayUrl, result.object().value(QLatin1String("status")).toString());
        } else {
            line.status = CheckLine::Status::Failed;
            line.detail = result.message;
            line.fix = QStringLiteral("check that %1 is the API Gateway's base URL").arg(m_environment.gatewayUrl);
        }
        done(line);
    });
}

void ConnectionCheck::checkTenant()
{
    if (m_environment.ioTenantUrl.isEmpty()) {
        return done(CheckLine{CheckLine::Component::Tenant,
                              CheckLine::Status::Skipped,
                              QStringLiteral("no tenant URL set"),
                              QStringLiteral("set the .io tenant URL"),
                              {}});
    }
    if (m_environment.ioTenantUser.isEmpty())
        return checkTenantWith({});
    const SecretKey key = SecretKey::tenantUser(m_environment.name, m_environment.ioTenantUser);
    const QString variable = SecretProvider::environmentVariableFor(key);
    if (!m_process.value(variable).isEmpty())
        return checkTenantWith(m_process.value(variable));
    m_secrets->resolve(key, QUrl(m_environment.ioTenantUrl), this, [this, key](const SecretResolution &resolution) {
        if (!resolution.ok()) {
            return done(CheckLine{CheckLine::Component::Tenant,
                                  CheckLine::Status::Failed,
                                  QStringLiteral("no password for tenant user \"%1\": %2")
                                      .arg(m_environment.ioTenantUser, resolution.message),
                                  QStringLiteral("store it in the keychain (Environments page) or set %1")
                                      .arg(SecretProvider::environmentVariableFor(key)),
                                  {}});
        }
        checkTenantWith(resolution.secret);
    });
}

void ConnectionCheck::checkTenantWith(const QString &password)
{
    Transport::of(m_network)->useEnvironment(m_environment); // the tenant host gets its TLS settings
    auto *reader = new TenantReader(m_network, m_environment.ioTenantUrl, m_environment.ioTenantUser, password, this);
    const bool anonymous = m_environment.ioTenantUser.isEmpty();
    connect(reader, &TenantReader::finished, this, [this, reader, anonymous](const TenantReadResult &result) {
        reader->deleteLater();
        CheckLine line{CheckLine::Component::Tenant, CheckLine::Status::Ok, {}, {}, {}};
        if (result.ok()) {
            line.detail = QStringLiteral("%1 reachable, user \"%2\" accepted, %3 projects readable")
                              .arg(m_environment.ioTenantUrl, m_environment.ioTenantUser)
                              .arg(result.inventory->projects.size());
        } else if (anonymous && result.status == 401) {
            line.status = CheckLine::Status::Skipped;
            line.detail =
                QStringLiteral("%1 reachable; no tenant user set, so nothing was read").arg(m_environment.ioTenantUrl);
            line.fix = QStringLiteral("set a tenant user to let the console read projects, flow services and roles");
        } else {
            line.status = CheckLine::Status::Failed;
            line.detail = result.error;
            line.fix = result.status == 401
                           ? QStringLiteral("check tenant user \"%1\" and its password").arg(m_environment.ioTenantUser)
                           : QStringLiteral("check the tenant URL %1").arg(m_environment.ioTenantUrl);
        }
        done(line);
    });
    reader->checkLogin();
}

void ConnectionCheck::checkOAuth()
{
    const OAuthServer &server = m_environment.oauth;
    if (server.issuer.isEmpty() && server.tokenEndpoint.isEmpty()) {
        return done(CheckLine{CheckLine::Component::OAuth,
                              CheckLine::Status::Skipped,
                              QStringLiteral("no OAuth server set"),
                              QStringLiteral("set its issuer and press Discover"),
                              {}});
    }
    if (server.clientId.isEmpty()) {
        auto *job = new DiscoveryJob(m_network, server.issuer, this);
        connect(job, &DiscoveryJob::finished, this, [this, job] {
            job->deleteLater();
            if (job->error().isError())
                return done(CheckLine{CheckLine::Component::OAuth,
                                      CheckLine::Status::Failed,
                                      job->error().message,
                                      QStringLiteral("check the issuer URL"),
                                      {}});
            done(CheckLine{CheckLine::Component::OAuth,
                           CheckLine::Status::Skipped,
                           QStringLiteral("discovery of %1 ok; no client id set, so no token was asked for")
                               .arg(m_environment.oauth.issuer),
                           QStringLiteral("set the client id and secret"),
                           {}});
        });
        return job->start();
    }
    m_jwks = std::make_unique<JwksCache>(m_network);
    m_session = std::make_unique<TokenSession>(m_network, m_secrets, m_jwks.get());
    m_session->setAutoRefresh(false);
    m_session->setConfig(TokenSessionConfig::forEnvironment(m_environment));
    connect(m_session.get(), &TokenSession::failed, this, [this](const OAuthError &error) {
        done(CheckLine{CheckLine::Component::OAuth,
                       CheckLine::Status::Failed,
                       error.message,
                       QStringLiteral("check the issuer, the client id \"%1\" and its secret (keychain or "
                                      "GATEWRIGHT_CLIENT_SECRET)")
                           .arg(m_environment.oauth.clientId),
                       {}});
    });
    connect(m_session.get(), &TokenSession::busyChanged, this, [this](bool busy) {
        if (busy || m_session->token().isEmpty())
            return;
        const TokenInfo &token = m_session->token();
        CheckLine line{CheckLine::Component::OAuth, CheckLine::Status::Ok, {}, {}, {}};
        const QString issuer =
            m_environment.oauth.issuer.isEmpty() ? m_environment.oauth.tokenEndpoint : m_environment.oauth.issuer;
        switch (token.verification) {
        case TokenInfo::Verification::Verified:
            line.detail = QStringLiteral("%1: discovery ok, JWKS loaded, client \"%2\" got a token that verifies")
                              .arg(issuer, m_environment.oauth.clientId);
            break;
        case TokenInfo::Verification::Opaque:
            line.detail = QStringLiteral("%1: client \"%2\" got an opaque token (only introspection can check it)")
                              .arg(issuer, m_environment.oauth.clientId);
            break;
        default:
            line.status = CheckLine::Status::Failed;
            line.detail =
                QStringLiteral("%1: a token was issued but does not verify: %2").arg(issuer, token.verificationText);
            line.fix = QStringLiteral("check the audience and that the JWKS URI belongs to the issuer");
            break;
        }
        done(line);
    });
    m_session->requestToken();
}

} // namespace gw
