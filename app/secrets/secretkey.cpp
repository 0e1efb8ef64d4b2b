// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretkey.h"

#include <QCoreApplication>

namespace gw {

SecretKey SecretKey::gatewayAdmin(const QString &environment, const QString &adminUser)
{
    return {environment, GatewayAdmin, adminUser};
}

SecretKey SecretKey::alias(const QString &environment, const QString &aliasName)
{
    return {environment, AliasPassword, aliasName};
}

SecretKey SecretKey::oauthClient(const QString &environment, const QString &clientId)
{
    return {environment, OAuthClientSecret, clientId};
}

SecretKey SecretKey::refreshToken(const QString &environment, const QString &clientId)
{
    return {environment, RefreshToken, clientId};
}

SecretKey SecretKey::tenantUser(const QString &environment, const QString &login)
{
    return {environment, TenantUser, login};
}

SecretKey SecretKey::fromReference(const QString &environment, const QString &reference)
{
    const qsizetype slash = reference.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == reference.size() - 1)
        return {};
    return {environment, reference.left(slash), reference.mid(slash + 1)};
}

bool SecretKey::isValid() const
{
    const auto part = [](const QString &s) { return !s.isEmpty() && !s.contains(QLatin1Char('/')); };
    return part(environment) && part(kind) && part(name);
}

QString SecretKey::keychainKey() const
{
    return environment + QLatin1Char('/') + kind + QLatin1Char('/') + name;
}

QString SecretKey::reference() const
{
    return kind + QLatin1Char('/') + name;
}

QString SecretKey::describe() const
{
    QString what;
    if (kind == GatewayAdmin)
        what = QCoreApplication::translate("gw::SecretKey", "the password of gateway admin user \"%1\"").arg(name);
    else if (kind == AliasPassword)
        what = QCoreApplication::translate("gw::SecretKey", "the password of alias \"%1\"").arg(name);
    else if (kind == OAuthClientSecret)
        what = QCoreApplication::translate("gw::SecretKey", "the client secret of OAuth client \"%1\"").arg(name);
    else if (kind == RefreshToken)
        what = QCoreApplication::translate("gw::SecretKey", "the refresh token of OAuth client \"%1\"").arg(name);
    else if (kind == TenantUser)
        what = QCoreApplication::translate("gw::SecretKey", "the password of .io tenant user \"%1\"").arg(name);
    else
        what = QCoreApplication::translate("gw::SecretKey", "the secret \"%1/%2\"").arg(kind, name);
    return QCoreApplication::translate("gw::SecretKey", "%1 (environment \"%2\")").arg(what, environment);
}

} // namespace gw
