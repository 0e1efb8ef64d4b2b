// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxoptions.h"

#include "faultrule.h"

#include <QCommandLineParser>
#include <QHostAddress>

#include <tuple>

namespace gw::SandboxOptionsParser {

static std::optional<quint16> parsePort(const QString &text)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return std::nullopt;
    return quint16(value);
}

SandboxOptionsResult parse(const QStringList &arguments, const QProcessEnvironment &environment)
{
    SandboxOptionsResult result;
    SandboxOptions options;

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Loopback emulator of webMethods API Gateway (admin REST API and runtime), a webMethods.io "
                       "tenant and an OAuth 2.0 server. Prints one JSON line with its URLs once it listens."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version."));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("address"), options.host);
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Gateway port (default 5555; 0 = any free port, and the tenant and "
                                                 "OAuth ports default to 0 too)."),
                                  QStringLiteral("port"));
    const QCommandLineOption tenantPort(QStringLiteral("tenant-port"), QStringLiteral("Tenant port (default 5556)."),
                                        QStringLiteral("port"));
    const QCommandLineOption oauthPort(QStringLiteral("oauth-port"),
                                       QStringLiteral("OAuth server port (default 5557)."), QStringLiteral("port"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Initial content: demo, empty (default) or a state FILE."),
                                  QStringLiteral("demo|empty|FILE"), options.seed);
    const QCommandLineOption state(QStringLiteral("state"),
                                   QStringLiteral("Persist the gateway state to FILE (loaded on start if present)."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"),
                                         QStringLiteral("Allow a non-loopback --host and remote clients."));
    const QCommandLineOption adminUser(QStringLiteral("admin-user"),
                                       QStringLiteral("Gateway administrator (default Administrator, or "
                                                      "$GATEWRIGHT_SANDBOX_ADMIN_USER)."),
                                       QStringLiteral("user"));
    const QCommandLineOption adminPassword(QStringLiteral("admin-password"),
                                           QStringLiteral("Administrator password (default manage, or "
                                                          "$GATEWRIGHT_SANDBOX_ADMIN_PASSWORD)."),
                                           QStringLiteral("password"));
    const QCommandLineOption fault(QStringLiteral("fault"),
                                   QStringLiteral("Inject a fault: 'METHOD PATH-GLOB:N:ACTION', ACTION one of 500, "
                                                  "409, hang, drop (repeatable; see docs/sandbox.md)."),
                                   QStringLiteral("rule"));
    const QCommandLineOption maxBody(QStringLiteral("max-body-bytes"),
                                     QStringLiteral("Largest accepted request body (default 8388608); larger gets "
                                                    "413."),
                                     QStringLiteral("bytes"));
    const QCommandLineOption maskSecrets(QStringLiteral("mask-alias-secrets"),
                                         QStringLiteral("Answer alias reads with stored passwords and tokens as "
                                                        "\"********\", as builds that mask them do."));
    const QCommandLineOption hang(QStringLiteral("hang-ms"),
                                  QStringLiteral("How long a hang fault holds a connection (default 120000)."),
                                  QStringLiteral("milliseconds"));
    const QCommandLineOption tokenLifetime(QStringLiteral("token-lifetime"),
                                           QStringLiteral("Lifetime of access tokens in seconds (default 3600)."),
                                           QStringLiteral("seconds"));
    const QCommandLineOption clockSkew(QStringLiteral("clock-skew"),
                                       QStringLiteral("Leeway of the token checks on exp/nbf/iat (default 60)."),
                                       QStringLiteral("seconds"));
    const QCommandLineOption trustIssuer(QStringLiteral("trust-issuer"),
                                         QStringLiteral("Also trust tokens of this external issuer (exact iss)."),
                                         QStringLiteral("url"));
    const QCommandLineOption trustJwks(QStringLiteral("trust-jwks-uri"),
                                       QStringLiteral("JWKS of the external issuer (JWT access tokens)."),
                                       QStringLiteral("url"));
    const QCommandLineOption trustIntrospection(QStringLiteral("trust-introspection-endpoint"),
                                                QStringLiteral("RFC 7662 endpoint of the external issuer (opaque "
                                                               "tokens); the client from --trust-client-id and "
                                                               "$GATEWRIGHT_SANDBOX_TRUST_CLIENT_SECRET."),
                                                QStringLiteral("url"));
    const QCommandLineOption trustClientId(QStringLiteral("trust-client-id"),
                                           QStringLiteral("The gateway's client id at the introspection endpoint."),
                                           QStringLiteral("id"));
    const QCommandLineOption trustAudience(QStringLiteral("trust-audience"),
                                           QStringLiteral("aud the external tokens must carry (default "
                                                          "gatewright-demo-gateway)."),
                                           QStringLiteral("audience"));
    parser.addOptions({help,
                       version,
                       host,
                       port,
                       tenantPort,
                       oauthPort,
                       seed,
                       state,
                       allowRemote,
                       adminUser,
                       adminPassword,
                       fault,
                       maxBody,
                       hang,
                       tokenLifetime,
                       clockSkew,
                       trustIssuer,
                       trustJwks,
                       trustIntrospection,
                       trustClientId,
                       trustAudience});
    parser.addOption(maskSecrets);
    result.helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        result.helpRequested = true;
        return result;
    }
    if (parser.isSet(version)) {
        result.versionRequested = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst());
        return result;
    }

    options.host = parser.value(host);
    QHostAddress address;
    if (!address.setAddress(options.host) && options.host != QLatin1String("localhost")) {
        result.error = QStringLiteral("--host \"%1\" is not an IP address").arg(options.host);
        return result;
    }
    if (options.host == QLatin1String("localhost"))
        options.host = QStringLiteral("127.0.0.1");
    else if (!address.isLoopback() && !parser.isSet(allowRemote)) {
        result.error =
            QStringLiteral("--host %1 is not a loopback address; add --allow-remote to listen on it").arg(options.host);
        return result;
    }
    options.allowRemote = parser.isSet(allowRemote);
    options.maskAliasSecrets = parser.isSet(maskSecrets);

    struct PortOption
    {
        const QCommandLineOption &option;
        quint16 &target;
    };
    if (parser.isSet(port)) {
        const auto value = parsePort(parser.value(port));
        if (!value) {
            result.error = QStringLiteral("--port \"%1\" is not a port number (0-65535)").arg(parser.value(port));
            return result;
        }
        options.port = *value;
        if (*value == 0) // an ephemeral gateway must not collide with a running sandbox on the fixed ports
            options.tenantPort = options.oauthPort = 0;
    }
    for (const PortOption &other :
         {PortOption{tenantPort, options.tenantPort}, PortOption{oauthPort, options.oauthPort}}) {
        if (!parser.isSet(other.option))
            continue;
        const auto value = parsePort(parser.value(other.option));
        if (!value) {
            result.error = QStringLiteral("--%1 \"%2\" is not a port number (0-65535)")
                               .arg(other.option.names().constFirst(), parser.value(other.option));
            return result;
        }
        other.target = *value;
    }

    options.seed = parser.value(seed);
    if (options.seed.isEmpty()) {
        result.error = QStringLiteral("--seed needs demo, empty or a file name");
        return result;
    }
    options.stateFile = parser.value(state);

    if (parser.isSet(adminUser))
        options.adminUser = parser.value(adminUser);
    else if (environment.contains(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_USER")))
        options.adminUser = environment.value(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_USER"));
    if (parser.isSet(adminPassword))
        options.adminPassword = parser.value(adminPassword);
    else if (environment.contains(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_PASSWORD")))
        options.adminPassword = environment.value(QStringLiteral("GATEWRIGHT_SANDBOX_ADMIN_PASSWORD"));
    if (options.adminUser.isEmpty() || options.adminUser.contains(QLatin1Char(':'))) {
        result.error = QStringLiteral("the admin user must be non-empty and contain no ':'");
        return result;
    }
    const SandboxOptions defaults;
    if (options.allowRemote && options.adminPassword == defaults.adminPassword) {
        result.error =
            QStringLiteral("--allow-remote lets other machines reach the admin API, so the well-known default "
                           "password \"%1\" is refused; choose one with --admin-password or "
                           "$GATEWRIGHT_SANDBOX_ADMIN_PASSWORD")
                .arg(defaults.adminPassword);
        return result;
    }

    options.faults = parser.values(fault);
    for (const QString &text : std::as_const(options.faults)) {
        QString error;
        if (!FaultRule::parse(text, &error)) {
            result.error = QStringLiteral("--fault \"%1\": %2").arg(text, error);
            return result;
        }
    }
    if (parser.isSet(maxBody)) {
        bool ok = false;
        options.maxBodyBytes = parser.value(maxBody).toLongLong(&ok);
        if (!ok || options.maxBodyBytes < 1) {
            result.error =
                QStringLiteral("--max-body-bytes \"%1\" is not a positive number").arg(parser.value(maxBody));
            return result;
        }
    }
    if (parser.isSet(hang)) {
        bool ok = false;
        options.hangMilliseconds = parser.value(hang).toInt(&ok);
        if (!ok || options.hangMilliseconds < 0) {
            result.error = QStringLiteral("--hang-ms \"%1\" is not a number of milliseconds").arg(parser.value(hang));
            return result;
        }
    }
    for (const auto &[option, target, minimum] : {std::tuple{&tokenLifetime, &options.tokenLifetime, 1},
                                                  std::tuple{&clockSkew, &options.clockSkewSeconds, 0}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toInt(&ok);
        if (!ok || *target < minimum) {
            result.error = QStringLiteral("--%1 \"%2\" is not a number of seconds (at least %3)")
                               .arg(option->names().constFirst(), parser.value(*option))
                               .arg(minimum);
            return result;
        }
    }
    options.trustIssuer = parser.value(trustIssuer);
    options.trustJwksUri = parser.value(trustJwks);
    options.trustIntrospectionEndpoint = parser.value(trustIntrospection);
    options.trustClientId = parser.value(trustClientId);
    options.trustClientSecret = environment.value(QStringLiteral("GATEWRIGHT_SANDBOX_TRUST_CLIENT_SECRET"));
    options.trustAudience = parser.value(trustAudience);
    if (options.trustIssuer.isEmpty() &&
        !(options.trustJwksUri.isEmpty() && options.trustIntrospectionEndpoint.isEmpty())) {
        result.error = QStringLiteral("--trust-jwks-uri and --trust-introspection-endpoint need --trust-issuer");
        return result;
    }
    result.options = options;
    return result;
}

} // namespace gw::SandboxOptionsParser
