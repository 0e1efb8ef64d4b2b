// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace gw {

/// Command line of gatewright-sandbox. Defaults are the documented fixed ports of the demo scenario.
struct SandboxOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 5555;                    ///< gateway: admin API under /rest/apigateway and runtime under /gateway
    quint16 tenantPort = 5556;              ///< the emulated webMethods.io tenant
    quint16 oauthPort = 5557;               ///< the OAuth 2.0 authorization server
    QString seed = QStringLiteral("empty"); ///< "demo", "empty" or the path of a state file to start from
    QString stateFile;                      ///< persist the state there (atomically) and reload it on start
    bool allowRemote = false;
    bool maskAliasSecrets = false; ///< alias reads answer "********" for stored secrets
    QString adminUser = QStringLiteral("Administrator");
    QString adminPassword = QStringLiteral("manage");
    QStringList faults;                    ///< fault rules, syntax of FaultRule::parse
    qint64 maxBodyBytes = 8 * 1024 * 1024; ///< larger request bodies get 413
    int hangMilliseconds = 120000;         ///< how long a "hang" fault holds the connection before dropping it
    int tokenLifetime = 3600;              ///< seconds an access token of the OAuth server lives
    int clockSkewSeconds = 60;             ///< leeway of the data plane on exp / nbf / iat
    QString trustIssuer;                   ///< an external authorization server the data plane trusts too
    QString trustJwksUri;
    QString trustIntrospectionEndpoint;
    QString trustClientId; ///< the gateway's client at that server's introspection endpoint
    QString trustClientSecret;
    QString trustAudience; ///< aud its tokens must carry (default: the sandbox's audience)

    bool isDemo() const { return seed == QLatin1String("demo"); }
};

struct SandboxOptionsResult
{
    std::optional<SandboxOptions> options;
    QString error; ///< set when the command line is wrong; print it with the usage and exit 1
    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
};

namespace SandboxOptionsParser {
/// Parses argv (including the program name). The admin credentials come, in this order, from
/// --admin-user/--admin-password, GATEWRIGHT_SANDBOX_ADMIN_USER/PASSWORD, then Administrator/manage.
SandboxOptionsResult parse(const QStringList &arguments,
                           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
} // namespace SandboxOptionsParser

} // namespace gw
