// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace gw {

/// Names one secret in the keychain: the environment it belongs to, its kind and its name
/// within that kind. The keychain entry is "environment/kind/name" under the app's service.
struct SecretKey
{
    /// The kinds the console stores. The name is the admin user, the alias name or the client id.
    static inline const QString GatewayAdmin = QStringLiteral("gateway-admin");
    static inline const QString AliasPassword = QStringLiteral("alias");
    static inline const QString OAuthClientSecret = QStringLiteral("oauth-client");
    static inline const QString RefreshToken = QStringLiteral("refresh-token");
    /// The password of the tenant login the console reads the .io tenant as.
    static inline const QString TenantUser = QStringLiteral("tenant-user");

    QString environment;
    QString kind;
    QString name;

    static SecretKey gatewayAdmin(const QString &environment, const QString &adminUser);
    static SecretKey alias(const QString &environment, const QString &aliasName);
    static SecretKey oauthClient(const QString &environment, const QString &clientId);
    static SecretKey refreshToken(const QString &environment, const QString &clientId);
    static SecretKey tenantUser(const QString &environment, const QString &login);

    /// From a workspace SecretRef key ("alias/io-orders-basic") within an environment; an empty
    /// key when the reference has no "kind/name" form.
    static SecretKey fromReference(const QString &environment, const QString &reference);

    /// True when every part is set and none holds a '/', so the keychain key is unambiguous.
    bool isValid() const;
    /// "environment/kind/name", the key of the keychain entry.
    QString keychainKey() const;
    /// "kind/name", the form a workspace SecretRef holds.
    QString reference() const;
    /// What a person reads: `the password of alias "io-orders-basic" (environment "sandbox")`.
    QString describe() const;

    friend bool operator==(const SecretKey &, const SecretKey &) = default;
};

} // namespace gw
