// SPDX-License-Identifier: GPL-3.0-or-later
#include "calldiagnosis.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gw {

QByteArray ObservedCall::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString Diagnosis::code() const
{
    return kindCode(kind);
}

QString Diagnosis::kindCode(Kind kind)
{
    switch (kind) {
    case Kind::Success:
        return u"success"_s;
    case Kind::TokenMissing:
        return u"token-missing"_s;
    case Kind::TokenExpired:
        return u"token-expired"_s;
    case Kind::TokenNotYetValid:
        return u"token-not-yet-valid"_s;
    case Kind::TokenWrongAudience:
        return u"token-wrong-audience"_s;
    case Kind::TokenUntrustedIssuer:
        return u"token-untrusted-issuer"_s;
    case Kind::TokenBadSignature:
        return u"token-bad-signature"_s;
    case Kind::TokenWrongType:
        return u"token-wrong-type"_s;
    case Kind::TokenInactive:
        return u"token-inactive"_s;
    case Kind::TokenMalformed:
        return u"token-malformed"_s;
    case Kind::TokenInsufficientScope:
        return u"token-insufficient-scope"_s;
    case Kind::TokenRejected:
        return u"token-rejected"_s;
    case Kind::ApplicationNotIdentified:
        return u"application-not-identified"_s;
    case Kind::OutboundAuthMissing:
        return u"native-provider-outbound-auth-missing"_s;
    case Kind::OutboundAuthNotDeployed:
        return u"native-provider-outbound-auth-not-deployed"_s;
    case Kind::AliasCredentialsWrong:
        return u"native-provider-alias-credentials-wrong"_s;
    case Kind::TechnicalUserWithoutRole:
        return u"native-provider-user-without-role"_s;
    case Kind::NativeUnauthorized:
        return u"native-provider-unauthorized"_s;
    case Kind::ApiNotFound:
        return u"api-not-found"_s;
    case Kind::ApiInactive:
        return u"api-inactive"_s;
    case Kind::ProtocolNotAllowed:
        return u"protocol-not-allowed"_s;
    case Kind::IntegrationNotFound:
        return u"integration-not-found"_s;
    case Kind::BackendUnreachable:
        return u"backend-unreachable"_s;
    case Kind::GatewayConfigurationError:
        return u"gateway-configuration-error"_s;
    case Kind::GatewayError:
        return u"gateway-error"_s;
    case Kind::BackendError:
        return u"backend-error"_s;
    case Kind::ClientError:
        return u"client-error"_s;
    case Kind::Redirect:
        return u"redirect"_s;
    case Kind::GatewayUnreachable:
        return u"gateway-unreachable"_s;
    case Kind::HostNotFound:
        return u"host-not-found"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::TlsFailure:
        return u"tls-failure"_s;
    case Kind::ResponseTooLarge:
        return u"response-too-large"_s;
    case Kind::TransportError:
        return u"transport-error"_s;
    }
    return {};
}

namespace CallDiagnosis {

namespace {

const Environment *findEnvironment(const DiagnosisContext &context)
{
    if (!context.workspace)
        return nullptr;
    for (const Environment &environment : context.workspace->environments) {
        if (environment.name == context.environment)
            return &environment;
    }
    return nullptr;
}

const GatewayProxy *findProxy(const DiagnosisContext &context)
{
    if (!context.workspace)
        return nullptr;
    for (const GatewayProxy &proxy : context.workspace->proxies) {
        if (proxy.name == context.proxyName &&
            (context.proxyVersion.isEmpty() || proxy.version == context.proxyVersion))
            return &proxy;
    }
    return nullptr;
}

const Alias *findAlias(const Workspace &workspace, const QString &name)
{
    for (const Alias &alias : workspace.aliases) {
        if (alias.name == name)
            return &alias;
    }
    return nullptr;
}

const TechnicalUser *findUser(const Workspace &workspace, const QString &name)
{
    for (const TechnicalUser &user : workspace.technicalUsers) {
        if (user.name == name)
            return &user;
    }
    return nullptr;
}

/// key="value" (or key=token) parameters of a WWW-Authenticate challenge.
QHash<QString, QString> challengeParameters(const QByteArray &header)
{
    QHash<QString, QString> parameters;
    static const QRegularExpression pattern(uR"re(([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+)))re"_s);
    auto it = pattern.globalMatch(QString::fromUtf8(header));
    while (it.hasNext()) {
        const auto match = it.next();
        QString value = match.captured(2).isNull() ? match.captured(3) : match.captured(2);
        value.replace(u"\\\""_s, u"\""_s);
        parameters.insert(match.captured(1).toLower(), value);
    }
    return parameters;
}

QString proxyLabel(const DiagnosisContext &context)
{
    if (context.proxyName.isEmpty())
        return u"the proxy"_s;
    return context.proxyVersion.isEmpty() ? context.proxyName : u"%1 %2"_s.arg(context.proxyName, context.proxyVersion);
}

/// The message a .io tenant put in its 401 body ({"error":{"message":...}} or {"message":...}).
QString nativeMessage(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonValue error = object.value(u"error"_s);
    if (error.isObject())
        return error.toObject().value(u"message"_s).toString();
    if (error.isString())
        return error.toString();
    return object.value(u"message"_s).toString();
}

Diagnosis make(Diagnosis::Kind kind, Diagnosis::Origin origin, const QString &title, const QString &explanation,
               const QString &fix)
{
    Diagnosis diagnosis;
    diagnosis.kind = kind;
    diagnosis.origin = origin;
    diagnosis.title = title;
    diagnosis.explanation = explanation;
    diagnosis.fix = fix;
    return diagnosis;
}

Diagnosis transportFailure(const ObservedCall &call, const DiagnosisContext &context)
{
    const Environment *environment = findEnvironment(context);
    const QString gateway = environment ? environment->gatewayUrl : call.url;
    const bool emulator = environment && (environment->name == u"sandbox"_s || gateway.contains(u"127.0.0.1"_s) ||
                                          gateway.contains(u"localhost"_s));
    using K = Diagnosis::Kind;
    const auto origin = Diagnosis::Origin::Transport;
    switch (call.failure) {
    case ObservedCall::Failure::ConnectionRefused:
        return make(K::GatewayUnreachable, origin, u"The gateway is not reachable"_s, call.failureText,
                    emulator ? u"Start the sandbox (gatewright-sandbox --seed demo) or check the gateway URL %1 of "
                               u"environment \"%2\"."_s.arg(gateway, context.environment)
                             : u"Check that the gateway at %1 is running and that environment \"%2\" names the right "
                               u"host and port."_s.arg(gateway, context.environment));
    case ObservedCall::Failure::HostNotFound:
        return make(K::HostNotFound, origin, u"The gateway's host name does not resolve"_s, call.failureText,
                    u"Correct the gateway URL of environment \"%1\" or your DNS settings."_s.arg(context.environment));
    case ObservedCall::Failure::Timeout:
        return make(K::Timeout, origin, u"The gateway did not answer in time"_s, call.failureText,
                    u"Check the gateway's load and the routing endpoint's read timeout; a slow integration on .io "
                    u"also shows up like this."_s);
    case ObservedCall::Failure::Tls:
        return make(K::TlsFailure, origin, u"The TLS handshake with the gateway failed"_s, call.failureText,
                    u"Add the gateway's CA certificate (or pin its certificate) in the TLS options of environment "
                    u"\"%1\"; never turn verification off."_s.arg(context.environment));
    case ObservedCall::Failure::TooLarge:
        return make(K::ResponseTooLarge, origin, u"The answer is larger than the call tester accepts"_s,
                    call.failureText, u"Call a resource that returns less data."_s);
    default:
        return make(K::TransportError, origin, u"The call did not complete"_s, call.failureText,
                    u"Check the gateway URL and the network."_s);
    }
}

Diagnosis tokenRejection(const ObservedCall &call, const DiagnosisContext &context, const QString &gatewayMessage)
{
    using K = Diagnosis::Kind;
    const auto origin = Diagnosis::Origin::Gateway;
    const auto parameters = challengeParameters(call.header("WWW-Authenticate"));
    const QString error = parameters.value(u"error"_s);
    const QString description = parameters.value(u"error_description"_s, gatewayMessage);
    const QString reason = description.toLower();
    const Environment *environment = findEnvironment(context);
    const GatewayProxy *proxy = findProxy(context);
    const QString label = proxyLabel(context);
    const QString evidence =
        u"The gateway's \"Identify & Authorize\" policy of %1 refused the token (HTTP %2%3): %4."_s.arg(
            label, QString::number(call.status), error.isEmpty() ? QString() : u", "_s + error,
            description.isEmpty() ? u"no reason given"_s : description);

    if (!call.sentBearer || reason.contains(u"no bearer"_s) || reason.contains(u"no access token"_s) ||
        (error.isEmpty() && parameters.isEmpty() && !call.sentBearer))
        return make(K::TokenMissing, origin, u"No access token was sent"_s, evidence,
                    u"Get a token in the token lab (or with gatewright token) and send it as \"Authorization: "
                    u"Bearer <token>\"."_s);
    if (error == u"insufficient_scope"_s || reason.contains(u"scope"_s)) {
        const QString scopes = proxy && !proxy->inbound.scopes.isEmpty() ? proxy->inbound.scopes.join(u' ') : QString();
        return make(K::TokenInsufficientScope, origin, u"The token lacks a scope the proxy requires"_s, evidence,
                    scopes.isEmpty()
                        ? u"Request the scope the proxy requires when getting the token."_s
                        : u"Request a token with scope \"%1\" (what %2 requires) for client %3; if the "
                          u"authorization server does not grant it, allow that scope for the client "
                          u"there."_s.arg(scopes, label, environment ? environment->oauth.clientId : u"the client"_s));
    }
    if (reason.contains(u"not active"_s) || reason.contains(u"revoked"_s) || reason.contains(u"inactive"_s))
        return make(K::TokenInactive, origin, u"The authorization server says the token is not active"_s, evidence,
                    u"The token was revoked or has expired at the server: get a new one."_s);
    if (reason.contains(u"signature"_s) || reason.contains(u"key"_s) || reason.contains(u"algorithm"_s))
        return make(K::TokenBadSignature, origin, u"The token's signature was not accepted"_s, evidence,
                    u"Use a token exactly as the authorization server issued it (no edits); if the server rotated its "
                    u"keys, check that the gateway reads the current JWKS."_s);
    if (reason.contains(u"expired"_s)) {
        Diagnosis diagnosis = make(K::TokenExpired, origin, u"The access token has expired"_s, evidence,
                                   u"Get a new token (the call tester does it once automatically); keep automatic "
                                   u"renewal on in the token lab."_s);
        diagnosis.retryWithNewToken = true;
        return diagnosis;
    }
    if (reason.contains(u"not yet valid"_s) || reason.contains(u"in the future"_s))
        return make(K::TokenNotYetValid, origin, u"The token is not valid yet"_s, evidence,
                    u"The clocks of the authorization server and the gateway differ: synchronise them (NTP) or raise "
                    u"the gateway's clock-skew leeway."_s);
    if (reason.contains(u"audience"_s))
        return make(K::TokenWrongAudience, origin, u"The token is meant for another audience"_s, evidence,
                    environment && !environment->oauth.audience.isEmpty()
                        ? u"Request the token for audience \"%1\" (the audience of environment \"%2\"), or make the "
                          u"gateway's authorization server alias expect the audience your tokens carry."_s.arg(
                              environment->oauth.audience, environment->name)
                        : u"Request the token for the audience the gateway expects."_s);
    if (reason.contains(u"issuer"_s))
        return make(K::TokenUntrustedIssuer, origin, u"The gateway does not trust the token's issuer"_s, evidence,
                    environment ? u"Get the token from %1 (the issuer of environment \"%2\"), or register that "
                                  u"issuer with its JWKS as an authorization server alias on the gateway."_s.arg(
                                      environment->oauth.issuer, environment->name)
                                : u"Register the issuer with its JWKS on the gateway."_s);
    if (reason.contains(u"typ"_s) || reason.contains(u"not an access token"_s))
        return make(K::TokenWrongType, origin, u"The token is not an access token"_s, evidence,
                    u"Send the access token, not the ID token."_s);
    if (reason.contains(u"malformed"_s) || reason.contains(u"not a jwt"_s))
        return make(K::TokenMalformed, origin, u"The token could not be parsed"_s, evidence,
                    u"Send the whole token as issued, after \"Bearer \" and nothing else."_s);
    return make(K::TokenRejected, origin, u"The gateway refused the token"_s, evidence,
                u"Inspect the token in the token lab: its issuer, audience, scopes and expiry must match what the "
                u"proxy's \"Identify & Authorize\" policy expects."_s);
}

Diagnosis nativeUnauthorized(const ObservedCall &call, const DiagnosisContext &context)
{
    using K = Diagnosis::Kind;
    const auto origin = Diagnosis::Origin::NativeProvider;
    const QString message = nativeMessage(call.body);
    const QString lower = message.toLower();
    const GatewayProxy *proxy = findProxy(context);
    const QString label = proxyLabel(context);
    QString evidence = u"The gateway accepted the token and called the integration, but webMethods.io answered "
                       u"HTTP %1 (a native-provider %1)"_s.arg(call.status);
    if (!message.isEmpty())
        evidence += u": \"%1\""_s.arg(message);
    if (!message.endsWith(u'.'))
        evidence += u'.';
    if (context.tenantCall) {
        const TenantCallRecord &record = *context.tenantCall;
        evidence += record.user.isEmpty()
                        ? u" The tenant's call record shows the call to %1 arrived without valid credentials."_s.arg(
                              record.path)
                        : u" The tenant's call record shows the call to %1 as user %2 (HTTP %3)."_s.arg(
                              record.path, record.user, QString::number(record.status));
    }
    if (!context.workspace || !proxy) {
        return make(K::NativeUnauthorized, origin, u"webMethods.io refused the gateway's call"_s, evidence,
                    u"Give the proxy an \"Outbound Auth - Transport\" policy with the Basic credentials of a technical "
                    u"user that has execute on the integration's project."_s);
    }
    const Workspace &workspace = *context.workspace;
    const QString suggested = aliasForProject(workspace, proxy->project);
    const bool credentialsMissing =
        lower.contains(u"authentication required"_s) ||
        (context.tenantCall && context.tenantCall->user.isEmpty() && !lower.contains(u"invalid"_s));
    const bool credentialsWrong =
        lower.contains(u"invalid username or password"_s) || lower.contains(u"invalid credentials"_s);
    const bool notAuthorized = lower.contains(u"not authorized"_s) || lower.contains(u"not allowed"_s) ||
                               (context.tenantCall && !context.tenantCall->user.isEmpty());

    if (proxy->outbound.kind == OutboundAuth::Kind::None) {
        Diagnosis diagnosis = make(
            K::OutboundAuthMissing, origin, u"Outbound authentication is missing on %1"_s.arg(label),
            evidence + u" %1 has no \"Outbound Auth - Transport\" policy, so the gateway removed the caller's "
                       u"credentials and called .io without any (the native-provider 401)."_s.arg(label),
            suggested.isEmpty()
                ? u"Add Outbound Auth - Transport to %1 with an alias whose technical user has execute on project "
                  u"%2 (no such alias exists in the workspace yet: create one), then push."_s.arg(label, proxy->project)
                : u"Add Outbound Auth - Transport with alias %1 to %2 (its technical user has execute on project "
                  u"%3), then push the workspace to the gateway."_s.arg(suggested, label, proxy->project));
        diagnosis.suggestedAlias = suggested;
        return diagnosis;
    }

    const Alias *alias = findAlias(workspace, proxy->outbound.alias);
    const TechnicalUser *user = alias ? findUser(workspace, alias->technicalUser) : nullptr;
    const QString userName = alias ? alias->technicalUser : QString();
    if (credentialsMissing) {
        Diagnosis diagnosis = make(
            K::OutboundAuthNotDeployed, origin,
            u"The gateway called .io without credentials although the workspace configures alias %1"_s.arg(
                proxy->outbound.alias),
            evidence + u" The workspace gives %1 \"Outbound Auth - Transport\" with alias %2, but .io received no "
                       u"credentials: the gateway's configuration differs from the workspace."_s.arg(
                           label, proxy->outbound.alias),
            u"Push the workspace to environment \"%1\" (gatewright plan, then apply) so %2 gets its Outbound Auth - "
            u"Transport policy with alias %3."_s.arg(context.environment, label, proxy->outbound.alias));
        diagnosis.suggestedAlias = proxy->outbound.alias;
        return diagnosis;
    }
    // The tenant names the login it refused ("User svc-x is not authorized ..."); the record names it too.
    static const QRegularExpression refusedUser(u"User (\\S+) is not authorized"_s);
    QString tenantUser = context.tenantCall ? context.tenantCall->user : QString();
    if (const auto match = refusedUser.match(message); match.hasMatch())
        tenantUser = match.captured(1);
    if (!tenantUser.isEmpty() && !userName.isEmpty() && tenantUser != userName) {
        Diagnosis diagnosis = make(
            K::TechnicalUserWithoutRole, origin,
            u"Technical user %1 has no role on project %2"_s.arg(tenantUser, proxy->project),
            evidence +
                u" The gateway's alias %1 carries user %2, but the workspace says it carries %3: the "
                u"gateway's alias differs from the workspace."_s.arg(proxy->outbound.alias, tenantUser, userName),
            u"Push the workspace to environment \"%1\" so alias %2 carries %3 again (its role covers project %4), or "
            u"give %5 a role with execute on project %4 in webMethods.io."_s.arg(
                context.environment, proxy->outbound.alias, userName, proxy->project, tenantUser));
        diagnosis.suggestedAlias = proxy->outbound.alias;
        return diagnosis;
    }
    const bool roleMissingInWorkspace = user && !user->projects.contains(proxy->project);
    if (notAuthorized || (roleMissingInWorkspace && !credentialsWrong)) {
        Diagnosis diagnosis;
        if (roleMissingInWorkspace) {
            diagnosis = make(
                K::TechnicalUserWithoutRole, origin,
                u"Technical user %1 has no role on project %2"_s.arg(userName, proxy->project),
                evidence + u" Alias %1 carries user %2, whose role does not cover project %3."_s.arg(
                               proxy->outbound.alias, userName, proxy->project),
                suggested.isEmpty()
                    ? u"Give %1 a role with execute on project %2 in webMethods.io."_s.arg(userName, proxy->project)
                    : u"Give %1 a role with execute on project %2 in webMethods.io, or switch the "
                      u"Outbound Auth - Transport of %3 to alias %4."_s.arg(userName, proxy->project, label,
                                                                            suggested));
        } else {
            diagnosis = make(K::TechnicalUserWithoutRole, origin,
                             u"Technical user %1 may not execute project %2 on the tenant"_s.arg(
                                 userName.isEmpty() ? u"(unknown)"_s : userName, proxy->project),
                             evidence + u" The workspace expects %1 to have execute on %2, but the tenant's roles "
                                        u"do not grant it."_s.arg(userName, proxy->project),
                             u"On the webMethods.io tenant, give %1 a role with execute on project %2 (the workspace "
                             u"already assumes it)."_s.arg(userName, proxy->project));
        }
        diagnosis.suggestedAlias = suggested;
        return diagnosis;
    }
    if (credentialsWrong || alias) {
        const QString envVar =
            u"GATEWRIGHT_ALIAS_PASSWORD_"_s +
            QString(proxy->outbound.alias.toUpper()).replace(QRegularExpression(u"[^A-Z0-9]"_s), u"_"_s);
        Diagnosis diagnosis = make(
            K::AliasCredentialsWrong, origin,
            u"The credentials in alias %1 are not accepted by webMethods.io"_s.arg(proxy->outbound.alias),
            evidence + u" %1 uses alias %2 (user %3); .io refused that login."_s.arg(
                           label, proxy->outbound.alias, userName.isEmpty() ? u"(unknown)"_s : userName),
            u"Set the current password of %1 in alias %2 (keychain entry alias/%2 of environment \"%3\", or %4) and "
            u"push it to the gateway."_s.arg(userName.isEmpty() ? u"the technical user"_s : userName,
                                             proxy->outbound.alias, context.environment, envVar));
        diagnosis.suggestedAlias = proxy->outbound.alias;
        return diagnosis;
    }
    return make(K::NativeUnauthorized, origin, u"webMethods.io refused the gateway's call"_s, evidence,
                u"Check the alias %1 of %2: its user must exist on the tenant, with this password and a role with "
                u"execute on project %3."_s.arg(proxy->outbound.alias, label, proxy->project));
}

} // namespace

QString aliasForProject(const Workspace &workspace, const QString &project)
{
    const Alias *best = nullptr;
    qsizetype bestCoverage = 0;
    const bool shared = workspace.credentialStrategy == CredentialStrategy::Shared;
    for (const Alias &alias : workspace.aliases) {
        if (alias.type != Alias::Type::HttpTransportSecurity)
            continue;
        const TechnicalUser *user = findUser(workspace, alias.technicalUser);
        if (!user || !user->projects.contains(project))
            continue;
        const qsizetype coverage = user->projects.size();
        const bool better = !best || (shared ? coverage > bestCoverage : coverage < bestCoverage) ||
                            (coverage == bestCoverage && alias.name < best->name);
        if (better) {
            best = &alias;
            bestCoverage = coverage;
        }
    }
    return best ? best->name : QString();
}

QString gatewayErrorMessage(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString exception = object.value(u"Exception"_s).toString();
    if (exception.isEmpty())
        return {};
    static const QRegularExpression pattern(u"Error Message:\\s*(.*?)\\.?\\s*Request Details:"_s,
                                            QRegularExpression::DotMatchesEverythingOption);
    const auto match = pattern.match(exception);
    return match.hasMatch() ? match.captured(1).trimmed() : exception.trimmed();
}

Diagnosis diagnose(const ObservedCall &call, const DiagnosisContext &context)
{
    using K = Diagnosis::Kind;
    if (call.failure != ObservedCall::Failure::None || call.status == 0)
        return transportFailure(call, context);

    const QString label = proxyLabel(context);
    const QString gatewayMessage = gatewayErrorMessage(call.body);
    const bool fromGateway = !gatewayMessage.isEmpty();
    const QByteArray challenge = call.header("WWW-Authenticate").trimmed();
    const bool bearerChallenge = challenge.left(6).compare("Bearer", Qt::CaseInsensitive) == 0;
    const bool nativeMarked = !call.header("X-Gateway-Native-Status").isEmpty();
    const Environment *environment = findEnvironment(context);
    const GatewayProxy *proxy = findProxy(context);
    const auto gateway = Diagnosis::Origin::Gateway;
    const auto native = Diagnosis::Origin::NativeProvider;

    if (call.status >= 200 && call.status < 300)
        return make(K::Success, fromGateway ? gateway : native, u"HTTP %1: the call went through"_s.arg(call.status),
                    u"The gateway accepted the token and .io answered."_s, {});
    if (call.status >= 300 && call.status < 400)
        return make(K::Redirect, gateway, u"HTTP %1: a redirect"_s.arg(call.status),
                    u"The answer redirects to %1; the call tester does not follow redirects with credentials."_s.arg(
                        QString::fromUtf8(call.header("Location"))),
                    u"Call the final URL directly; check the gateway URL of environment \"%1\" (http vs https)."_s.arg(
                        context.environment));

    if (!nativeMarked && (call.status == 401 || call.status == 403) &&
        (bearerChallenge || (fromGateway && (gatewayMessage.contains(u"token"_s, Qt::CaseInsensitive)))))
        return tokenRejection(call, context, gatewayMessage);

    if (!nativeMarked && fromGateway) {
        const QString lower = gatewayMessage.toLower();
        const QString evidence =
            u"The gateway answered HTTP %1: %2."_s.arg(QString::number(call.status), gatewayMessage);
        if (lower.contains(u"unauthorized application"_s) || lower.contains(u"no matching application"_s))
            return make(K::ApplicationNotIdentified, gateway, u"The gateway could not identify an application"_s,
                        evidence,
                        u"Send a bearer token the proxy's \"Identify & Authorize\" policy accepts, or register an "
                        u"application for the client on the gateway."_s);
        if (call.status == 404 && (lower.contains(u"does not exist"_s) || lower.contains(u"names no api"_s) ||
                                   lower.contains(u"not found"_s)))
            return make(K::ApiNotFound, gateway, u"The gateway has no API %1"_s.arg(label), evidence,
                        proxy ? u"%1 is in the workspace but not on the gateway of environment \"%2\": push the "
                                u"workspace (gatewright plan, then apply)."_s.arg(label, context.environment)
                              : u"Check the proxy name and version in the URL (/gateway/<name>/<version>/...)."_s);
        if (lower.contains(u"not active"_s))
            return make(K::ApiInactive, gateway, u"API %1 is not active on the gateway"_s.arg(label), evidence,
                        proxy && !proxy->active
                            ? u"The workspace marks %1 inactive: set it active and push."_s.arg(label)
                            : u"Activate %1 on the gateway (push the workspace, which activates it)."_s.arg(label));
        if (lower.contains(u"transport protocol"_s))
            return make(K::ProtocolNotAllowed, gateway, u"The API does not allow this protocol"_s, evidence,
                        u"Enable the protocol (http or https) in the API's \"Enable HTTP / HTTPS\" policy, or call it "
                        u"over the allowed one."_s);
        if (call.status == 502 || call.status == 504 || lower.contains(u"unreachable"_s) ||
            lower.contains(u"did not answer"_s))
            return make(K::BackendUnreachable, gateway, u"The gateway could not reach the integration"_s, evidence,
                        environment ? u"Check the routing endpoint of %1 and the .io tenant URL %2 of environment "
                                      u"\"%3\"."_s.arg(label, environment->ioTenantUrl, environment->name)
                                    : u"Check the proxy's routing endpoint."_s);
        if (lower.contains(u"alias"_s))
            return make(K::GatewayConfigurationError, gateway,
                        u"The gateway's configuration of %1 is broken"_s.arg(label), evidence,
                        u"Create the missing alias on the gateway: push the workspace."_s);
        return make(call.status >= 500 ? K::GatewayError : K::ClientError, gateway,
                    u"The gateway answered HTTP %1"_s.arg(call.status), evidence,
                    u"Read the gateway's message above; check the request and the proxy's policies."_s);
    }

    // From here on the answer comes from the native service (.io), relayed by the gateway.
    if (call.status == 401 || (call.status == 403 && !bearerChallenge))
        return nativeUnauthorized(call, context);
    if (call.status == 404)
        return make(K::IntegrationNotFound, native, u"webMethods.io has no integration at the routed address"_s,
                    u"The gateway routed the call, but .io answered 404%1."_s.arg(
                        nativeMessage(call.body).isEmpty() ? QString() : u" (\"%1\")"_s.arg(nativeMessage(call.body))),
                    u"Check the routing endpoint of %1: the integration's path (stage, flow service name or webhook "
                    u"token) must exist on the tenant."_s.arg(label));
    if (call.status >= 500)
        return make(K::BackendError, native, u"webMethods.io failed with HTTP %1"_s.arg(call.status),
                    u"The integration itself answered with an error."_s,
                    u"Look at the integration's execution log on the tenant."_s);
    return make(K::ClientError, native, u"webMethods.io answered HTTP %1"_s.arg(call.status),
                u"The integration refused the request as sent."_s,
                u"Check the request body, headers and method against what the integration expects."_s);
}

} // namespace CallDiagnosis
} // namespace gw
