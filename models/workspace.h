// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// The desired configuration an administrator edits: plain value types, no Qt object, no I/O.
/// Names are the identities: unique per kind (proxies by name + version), and every
/// cross-reference (proxy -> project, integration, alias; user -> projects) is by name.
namespace gw {

/// How .io technical users are cut: one user for every project, one per project, or by hand.
enum class CredentialStrategy { Shared, PerProject, Custom };

/// A reference to a secret held in the OS keychain. The workspace never holds a secret value:
/// `key` names the entry within an environment ("alias/io-orders"); the keychain entry itself is
/// keyed by environment + kind + name (see SecretStore).
struct SecretRef
{
    QString key; ///< "kind/name", e.g. "alias/io-orders-basic"; in the file "keychain:<key>"
    bool isSet() const { return !key.isEmpty(); }
    QString kind() const { return key.section(QLatin1Char('/'), 0, 0); }
    QString name() const { return key.section(QLatin1Char('/'), 1); }
    friend bool operator==(const SecretRef &, const SecretRef &) = default;
};

struct TlsOptions
{
    bool verifyPeer = true;    ///< never a blanket ignore; false only with a pin or CA below
    QString caCertificateFile; ///< extra trusted CA (PEM) for this environment
    QString pinnedSha256;      ///< hex SHA-256 of the gateway's leaf certificate
    friend bool operator==(const TlsOptions &, const TlsOptions &) = default;
};

/// The OAuth 2.0 authorization server an environment's callers get their tokens from.
struct OAuthServer
{
    QString issuer;
    QString tokenEndpoint;
    QString jwksUri;
    QString introspectionEndpoint;
    QString revocationEndpoint;
    QString authorizationEndpoint;
    QString clientId;
    SecretRef clientSecret; ///< keychain reference, never the value
    QString audience;
    /// How the client authenticates at the token endpoint (RFC 6749 section 2.3.1).
    enum class ClientAuthMethod { Basic, Post } clientAuthMethod = ClientAuthMethod::Basic;
    QString resource; ///< optional resource indicator (RFC 8707) sent with token requests
    friend bool operator==(const OAuthServer &, const OAuthServer &) = default;
};

/// One deployment stage (dev, test, prod, sandbox): where its gateway, .io tenant and IdP live.
struct Environment
{
    QString name;
    QString gatewayUrl; ///< e.g. http://127.0.0.1:5555 (admin API under /rest/apigateway)
    QString adminUser = QStringLiteral("Administrator");
    SecretRef adminPassword;
    TlsOptions tls;
    /// The admin API documents alias passwords as base64; some builds take plain text.
    enum class AliasPasswordEncoding { Base64, Plain } aliasPasswordEncoding = AliasPasswordEncoding::Base64;
    QString ioTenantUrl; ///< e.g. https://acme.int-aws-us.webmethods.io
    /// Tenant login the console reads projects, flows and roles as (keychain kind "tenant-user");
    /// empty when the console does not read the tenant.
    QString ioTenantUser;
    OAuthServer oauth;
    /// Applying to a production environment asks for its name to be typed.
    bool production = false;
    friend bool operator==(const Environment &, const Environment &) = default;
};

/// An integration of a .io project reachable over HTTP.
struct Integration
{
    QString name;
    enum class Kind { FlowService, Webhook } kind = Kind::FlowService;
    QString path; ///< path on the tenant, e.g. /integration/rest/external/integration/run/development/createOrder
    friend bool operator==(const Integration &, const Integration &) = default;
};

struct IoProject
{
    QString name;
    QString uid;
    QString sensitivity; ///< public, internal, confidential, restricted, or empty
    QList<Integration> integrations;
    const Integration *integration(const QString &name) const;
    friend bool operator==(const IoProject &, const IoProject &) = default;
};

/// A .io tenant user the gateway calls .io as; .io authorizes per project through roles.
struct TechnicalUser
{
    QString name; ///< login on the tenant
    QString description;
    QStringList projects; ///< names of the projects its role grants execute on
    friend bool operator==(const TechnicalUser &, const TechnicalUser &) = default;
};

/// A gateway alias. Only the kinds the console manages; the secret of an
/// httpTransportSecurityAlias lives in the keychain, per environment.
struct Alias
{
    enum class Type { HttpTransportSecurity, Simple, Endpoint };
    QString name;
    Type type = Type::HttpTransportSecurity;
    QString description;
    // httpTransportSecurityAlias (authType HTTP_BASIC, authMode NEW)
    QString technicalUser; ///< the TechnicalUser whose Basic credentials it carries
    SecretRef password;
    // simple
    QString value;
    // endpoint
    QString endpointUri;
    int connectionTimeoutSeconds = 30;
    int readTimeoutSeconds = 30;
    friend bool operator==(const Alias &, const Alias &) = default;
};

/// "Identify & Authorize Application" (evaluatePolicy) with an OAuth 2.0 or JWT rule.
struct InboundAuth
{
    enum class Kind { None, OAuth2Token, JwtClaims } kind = Kind::OAuth2Token;
    QStringList scopes; ///< scopes a token must carry
    friend bool operator==(const InboundAuth &, const InboundAuth &) = default;
};

/// "Outbound Auth - Transport" (outboundTransportAuthentication), HTTP Basic through an alias.
struct OutboundAuth
{
    enum class Kind { None, Alias } kind = Kind::Alias;
    QString alias; ///< name of an httpTransportSecurityAlias
    friend bool operator==(const OutboundAuth &, const OutboundAuth &) = default;
};

/// A gateway API (proxy) fronting one .io integration.
struct GatewayProxy
{
    QString name; ///< apiName on the gateway
    QString version = QStringLiteral("1.0");
    QString description;
    QString project;     ///< IoProject name
    QString integration; ///< Integration name within that project
    InboundAuth inbound;
    /// endpointUri of straightThroughRouting; empty means the environment's tenant URL followed by
    /// the integration's path (EndpointResolver::routingEndpoint). May hold the {{ioTenantUrl}} and
    /// {{gatewayUrl}} placeholders and gateway variables such as ${sys:resource_path}.
    QString routingEndpoint;
    OutboundAuth outbound;
    bool active = true;
    friend bool operator==(const GatewayProxy &, const GatewayProxy &) = default;
};

struct Workspace
{
    /// 2 added tenantUser, production, oauth.clientAuthMethod and oauth.resource; version 1 files read as is.
    static constexpr int SchemaVersion = 2;
    QString name;
    CredentialStrategy credentialStrategy = CredentialStrategy::Shared;
    QList<Environment> environments;
    QList<IoProject> projects;
    QList<TechnicalUser> technicalUsers;
    QList<Alias> aliases;
    QList<GatewayProxy> proxies;

    /// Lookups by identity; nullptr when there is none. Valid until the lists change.
    const Environment *environment(const QString &name) const;
    const IoProject *project(const QString &name) const;
    const TechnicalUser *technicalUser(const QString &name) const;
    const Alias *alias(const QString &name) const;
    const GatewayProxy *proxy(const QString &name, const QString &version) const;

    friend bool operator==(const Workspace &, const Workspace &) = default;
};

} // namespace gw
