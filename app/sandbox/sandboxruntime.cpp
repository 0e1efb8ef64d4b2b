// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxruntime.h"

#include "authorizationserver.h"
#include "demoseed.h"
#include "gatewayruntime.h"
#include "iotenant.h"
#include "sandbox.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

const auto IntrospectionClientId = u"gatewright-sandbox-gateway"_s;

QString randomSecret()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

SandboxRuntime::SandboxRuntime(QObject *parent)
    : QObject(parent)
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_tenant(std::make_unique<IoTenant>())
    , m_oauth(std::make_unique<AuthorizationServer>())
{}

SandboxRuntime::~SandboxRuntime() = default;

bool SandboxRuntime::attach(Sandbox &sandbox, QString *error)
{
    const SandboxOptions &options = sandbox.options();
    const QHostAddress host(options.host);
    if (!m_tenant->listen(host, options.tenantPort)) {
        *error = m_tenant->errorString();
        return false;
    }
    if (!m_oauth->listen(host, options.oauthPort)) {
        *error = m_oauth->errorString();
        return false;
    }
    m_oauth->setTokenLifetime(options.tokenLifetime);
    m_oauth->setAdminCredentials(options.adminUser, options.adminPassword);
    // The gateway introspects opaque tokens with a client of its own, like a resource server registered at the IdP.
    const QString introspectionSecret = randomSecret();
    m_oauth->addClient({IntrospectionClientId, introspectionSecret, {}, {}, {}, AuthorizationServer::TokenFormat::Jwt});

    m_runtime = std::make_unique<GatewayRuntime>(sandbox.state(), *m_network);
    m_runtime->setLeeway(std::chrono::seconds(options.clockSkewSeconds));
    m_runtime->setDefaultAudience(m_oauth->audience());
    m_runtime->setLocalOAuthServer(m_oauth.get(), IntrospectionClientId, introspectionSecret);
    if (!options.trustIssuer.isEmpty()) {
        AuthorizationServerTrust::Config external;
        external.name = u"external"_s;
        external.issuer = options.trustIssuer;
        external.jwksUri = QUrl(options.trustJwksUri);
        external.introspectionEndpoint = QUrl(options.trustIntrospectionEndpoint);
        external.introspectionClientId = options.trustClientId;
        external.introspectionClientSecret = options.trustClientSecret;
        external.audience = options.trustAudience.isEmpty() ? m_oauth->audience() : options.trustAudience;
        external.leeway = std::chrono::seconds(options.clockSkewSeconds);
        m_runtime->setTrustedServer(external);
    }
    m_runtime->install(sandbox.gateway());

    const QUrl tenantUrl = m_tenant->baseUrl();
    sandbox.addStartupInfo(u"tenant"_s, QJsonObject{{u"url"_s, tenantUrl.toString()}, {u"port"_s, m_tenant->port()}});
    sandbox.addStartupInfo(u"oauth"_s, QJsonObject{{u"issuer"_s, m_oauth->issuer()},
                                                   {u"port"_s, m_oauth->port()},
                                                   {u"tokenEndpoint"_s, m_oauth->tokenEndpoint().toString()},
                                                   {u"jwksUri"_s, m_oauth->jwksUri().toString()},
                                                   {u"audience"_s, m_oauth->audience()},
                                                   {u"tokenLifetime"_s, m_oauth->tokenLifetime()}});

    if (options.isDemo()) {
        DemoSeed::seedTenant(*m_tenant, options.adminUser, options.adminPassword);
        DemoSeed::seedOAuth(*m_oauth);
        sandbox.setDemoSeeder([tenantUrl](SandboxState &state) { DemoSeed::seedGateway(state, tenantUrl); });
        sandbox.addStartupInfo(u"demo"_s, DemoSeed::startupInfo(sandbox.gatewayUrl(), *m_oauth));
    }
    return true;
}

} // namespace gw
