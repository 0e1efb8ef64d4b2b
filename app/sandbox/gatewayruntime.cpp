// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayruntime.h"

#include "authorizationserver.h"
#include "gatewayserver.h"
#include "jose/decodedjwt.h"
#include "sandboxlog.h"
#include "sandboxstate.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

constexpr int DefaultReadTimeoutSeconds = 30;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "GET";
    }
}

// Policy action parameters: {templateKey, values:[...]} or {templateKey, parameters:[...]}.
QJsonObject childParameter(const QJsonObject &node, const QString &templateKey)
{
    for (const QJsonValue &value : node.value(u"parameters"_s).toArray()) {
        if (value.toObject().value(u"templateKey"_s).toString() == templateKey)
            return value.toObject();
    }
    return {};
}

QStringList parameterValues(const QJsonObject &node, const QString &templateKey)
{
    QStringList values;
    for (const QJsonValue &value : childParameter(node, templateKey).value(u"values"_s).toArray())
        values.append(value.toString());
    return values;
}

/// Every value of every parameter called \a templateKey, at any depth.
void collectValues(const QJsonObject &node, const QString &templateKey, QStringList *out)
{
    for (const QJsonValue &value : node.value(u"parameters"_s).toArray()) {
        const QJsonObject parameter = value.toObject();
        if (parameter.value(u"templateKey"_s).toString() == templateKey) {
            for (const QJsonValue &item : parameter.value(u"values"_s).toArray())
                out->append(item.toString().split(u' ', Qt::SkipEmptyParts));
        }
        collectValues(parameter, templateKey, out);
    }
}

bool looksLikeJwt(const QByteArray &token)
{
    return token.count('.') == 2 && token.startsWith("eyJ");
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and those the forwarding layer sets itself.
bool isHopByHop(const QByteArray &name)
{
    static const QSet<QByteArray> names{"connection",
                                        "keep-alive",
                                        "proxy-authenticate",
                                        "proxy-authorization",
                                        "te",
                                        "trailer",
                                        "transfer-encoding",
                                        "upgrade",
                                        "content-length",
                                        "host",
                                        "accept-encoding",
                                        "content-encoding"};
    return names.contains(name.toLower());
}

QString quotedHeaderText(QString text)
{
    text.replace(u'"', u'\'');
    text.replace(u'\\', u'/');
    return text;
}

} // namespace

struct GatewayRuntime::Call
{
    std::shared_ptr<QHttpServerResponder> responder;
    QString apiName;
    QString apiVersion;
    QString resource; ///< below /gateway/<api>/<version>/, without the leading slash
    QByteArray method;
    QByteArray query; ///< encoded
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString clientIp;
    QJsonObject api;
    QList<QJsonObject> actions;
    QString user = u"Default"_s;
    QString application = u"Unknown"_s;
};

GatewayRuntime::GatewayRuntime(SandboxState &state, QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_network(network)
{}

GatewayRuntime::~GatewayRuntime() = default;

void GatewayRuntime::install(GatewayServer &server)
{
    server.addPrefixHandler(u"/gateway"_s, [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handleGateway(request, std::move(responder));
    });
    server.addPrefixHandler(u"/invoke/pub.apigateway.oauth2/getAccessToken"_s,
                            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                                handleGetAccessToken(request, std::move(responder));
                            });
}

void GatewayRuntime::setLocalOAuthServer(AuthorizationServer *server, const QString &introspectionClientId,
                                         const QString &introspectionClientSecret)
{
    m_oauth = server;
    AuthorizationServerTrust::Config config;
    config.name = u"local"_s;
    config.issuer = server->issuer();
    config.jwksUri = server->jwksUri();
    config.introspectionEndpoint = server->introspectionEndpoint();
    config.introspectionClientId = introspectionClientId;
    config.introspectionClientSecret = introspectionClientSecret;
    config.audience = server->audience();
    config.leeway = m_leeway;
    setTrustedServer(config);
}

void GatewayRuntime::setTrustedServer(const AuthorizationServerTrust::Config &config)
{
    for (auto &existing : m_configured) {
        if (existing.name == config.name) {
            existing = config;
            return;
        }
    }
    m_configured.append(config);
}

void GatewayRuntime::setLeeway(std::chrono::seconds leeway)
{
    m_leeway = leeway;
    for (auto &config : m_configured)
        config.leeway = leeway;
}

void GatewayRuntime::setDefaultAudience(const QString &audience)
{
    m_defaultAudience = audience;
}

QList<AuthorizationServerTrust *> GatewayRuntime::trustedServers()
{
    QList<AuthorizationServerTrust::Config> configs = m_configured;
    // authServerAliases written through the admin API: localIntrospectionConfig (JWT via JWKS) and/or
    // remoteIntrospectionConfig (RFC 7662).
    for (const QJsonObject &alias : m_state.all(SandboxState::Kind::Alias)) {
        if (alias.value(u"type"_s).toString() != u"authServerAlias"_s)
            continue;
        const QJsonObject local = alias.value(u"localIntrospectionConfig"_s).toObject();
        const QJsonObject remote = alias.value(u"remoteIntrospectionConfig"_s).toObject();
        if (local.isEmpty() && remote.isEmpty())
            continue;
        AuthorizationServerTrust::Config config;
        config.name = alias.value(u"name"_s).toString();
        config.issuer = local.value(u"issuer"_s).toString();
        config.jwksUri = QUrl(local.value(u"jwksuri"_s).toString());
        config.introspectionEndpoint = QUrl(remote.value(u"introspectionEndpoint"_s).toString());
        config.introspectionClientId = remote.value(u"clientId"_s).toString();
        const QJsonValue secret = remote.value(u"clientSecret"_s);
        config.introspectionClientSecret =
            secret.isObject() ? secret.toObject().value(u"secret"_s).toString() : secret.toString();
        config.audience = alias.value(u"tokenGeneratorConfig"_s).toObject().value(u"audience"_s).toString();
        if (config.audience.isEmpty())
            config.audience = m_defaultAudience;
        config.leeway = m_leeway;
        bool replaced = false;
        for (auto &existing : configs) {
            if (existing.name == config.name) {
                existing = config;
                replaced = true;
            }
        }
        if (!replaced)
            configs.append(config);
    }

    QList<AuthorizationServerTrust *> trusts;
    for (const auto &config : std::as_const(configs)) {
        AuthorizationServerTrust *&trust = m_trusts[config.name];
        if (!trust)
            trust = new AuthorizationServerTrust(config, m_network, this);
        else
            trust->setConfig(config);
        trusts.append(trust);
    }
    return trusts;
}

QJsonObject GatewayRuntime::runtimeError(const QString &message, const QString &apiName, const QString &operation,
                                         const QString &clientIp)
{
    const QDateTime now = QDateTime::currentDateTime();
    const QLocale c = QLocale::c();
    return QJsonObject{
        {u"Exception"_s,
         u"API Gateway encountered an error. Error Message:  %1. Request Details: Service - %2, Operation - %3, "
         "Invocation Time:%4, Date:%5,  Client IP - %6, User - Default and Application:Unknown"_s.arg(
             message, apiName, operation, c.toString(now.time(), u"hh:mm:ss"_s),
             c.toString(now.date(), u"MMM d, yyyy"_s), clientIp)}};
}

void GatewayRuntime::fail(const std::shared_ptr<Call> &call, int status, const QString &message)
{
    qCInfo(lcSandbox).noquote() << "gateway" << call->method << call->apiName << call->apiVersion << "->" << status
                                << message;
    GatewayServer::send(
        std::move(*call->responder),
        SandboxReply::json(status, runtimeError(message, call->apiName, u'/' + call->resource, call->clientIp)));
}

void GatewayRuntime::reject(const std::shared_ptr<Call> &call, const TokenCheck &check)
{
    qCInfo(lcSandbox).noquote() << "gateway" << call->method << call->apiName << call->apiVersion << "->"
                                << check.status << "token rejected:" << check.reason;
    SandboxReply reply = SandboxReply::json(
        check.status, runtimeError(check.reason, call->apiName, u'/' + call->resource, call->clientIp));
    if (check.status == 401 || check.status == 403) {
        // RFC 6750 §3: the scheme, the error code and a reason a person can read.
        reply.headers.append(
            {"WWW-Authenticate"_ba, u"Bearer realm=\"API Gateway\", error=\"%1\", error_description=\"%2\""_s
                                        .arg(check.error, quotedHeaderText(check.reason))
                                        .toUtf8()});
    }
    GatewayServer::send(std::move(*call->responder), reply);
}

void GatewayRuntime::handleGateway(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto call = std::make_shared<Call>();
    call->responder = std::make_shared<QHttpServerResponder>(std::move(responder));
    call->method = methodName(request.method());
    call->body = request.body();
    call->clientIp = request.remoteAddress().toString();
    call->query = request.url().query(QUrl::FullyEncoded).toUtf8();
    for (const auto &header : request.headers())
        call->headers.append(header);

    const QString path = request.url().path(QUrl::FullyDecoded);
    const QStringList segments = path.mid(QStringView(u"/gateway/").size()).split(u'/');
    if (!path.startsWith(u"/gateway/"_s) || segments.size() < 2 || segments.at(0).isEmpty() ||
        segments.at(1).isEmpty()) {
        fail(call, 404, u"The path %1 names no API: use /gateway/<apiName>/<apiVersion>/<resource>"_s.arg(path));
        return;
    }
    call->apiName = segments.at(0);
    call->apiVersion = segments.at(1);
    call->resource = segments.mid(2).join(u'/');

    const auto api = m_state.findApi(call->apiName, call->apiVersion);
    if (!api) {
        fail(call, 404, u"API %1 with version %2 does not exist"_s.arg(call->apiName, call->apiVersion));
        return;
    }
    if (!api->value(u"isActive"_s).toBool()) {
        fail(call, 503, u"API %1 with version %2 is not active"_s.arg(call->apiName, call->apiVersion));
        return;
    }
    call->api = *api;
    call->actions = m_state.enforcedActions(api->value(u"id"_s).toString());
    runPolicies(call);
}

void GatewayRuntime::runPolicies(const std::shared_ptr<Call> &call)
{
    for (const QJsonObject &action : std::as_const(call->actions)) {
        if (action.value(u"templateKey"_s).toString() != u"entryProtocolPolicy"_s)
            continue;
        const QStringList protocols = parameterValues(action, u"protocol"_s);
        if (!protocols.isEmpty() && !protocols.contains(u"http"_s)) {
            fail(call, 400, u"Transport protocol not supported."_s);
            return;
        }
    }
    for (const QJsonObject &action : std::as_const(call->actions)) {
        if (action.value(u"templateKey"_s).toString() == u"evaluatePolicy"_s) {
            authenticate(call, action);
            return;
        }
    }
    route(call);
}

void GatewayRuntime::authenticate(const std::shared_ptr<Call> &call, const QJsonObject &evaluatePolicy)
{
    QStringList types;
    collectValues(evaluatePolicy, u"identificationType"_s, &types);
    const bool bearer = types.contains(u"oAuth2Token"_s) || types.contains(u"jwtClaims"_s);
    const bool jwtOnly = !types.contains(u"oAuth2Token"_s) && types.contains(u"jwtClaims"_s);
    const bool allowAnonymous = parameterValues(evaluatePolicy, u"allowAnonymous"_s).contains(u"true"_s);
    if (!bearer) {
        if (allowAnonymous) {
            route(call);
            return;
        }
        fail(call, 401,
             u"Unauthorized application request. The sandbox emulates oAuth2Token and jwtClaims "
             "identification only, not %1"_s.arg(types.join(u", "_s)));
        return;
    }
    QStringList scopes;
    collectValues(evaluatePolicy, u"requiredScopes"_s, &scopes);
    scopes.removeDuplicates();

    QByteArray token;
    for (const auto &[name, value] : std::as_const(call->headers)) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0) {
            const QByteArray trimmed = value.trimmed();
            if (trimmed.size() > 7 && trimmed.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
                token = trimmed.mid(7).trimmed();
        }
    }
    if (token.isEmpty()) {
        if (allowAnonymous) {
            route(call);
            return;
        }
        TokenCheck check;
        check.reason = u"no bearer access token in the Authorization header"_s;
        reject(call, check);
        return;
    }

    const auto accepted = [this, call](const TokenCheck &check) {
        if (!check.ok) {
            reject(call, check);
            return;
        }
        call->application = check.claims.value(u"client_id"_s).toString(call->application);
        route(call);
    };

    if (looksLikeJwt(token)) {
        const DecodeResult decoded = DecodedJwt::decode(token);
        if (!decoded.ok()) {
            TokenCheck check;
            check.reason = u"malformed access token"_s;
            reject(call, check);
            return;
        }
        const QString issuer = decoded.jwt->claims().value(u"iss"_s).toString();
        for (AuthorizationServerTrust *trust : trustedServers()) {
            if (!trust->config().issuer.isEmpty() && trust->config().issuer == issuer) {
                trust->validateJwt(token, scopes, accepted);
                return;
            }
        }
        TokenCheck check;
        check.reason = u"access token issuer %1 is not trusted"_s.arg(issuer.isEmpty() ? u"(none)"_s : issuer);
        reject(call, check);
        return;
    }
    if (jwtOnly) {
        TokenCheck check;
        check.reason = u"access token is not a JWT"_s;
        reject(call, check);
        return;
    }
    TokenCheck none;
    none.reason = u"opaque access token, and no trusted authorization server offers introspection"_s;
    introspectWith(call, scopes, 0, none);
}

void GatewayRuntime::introspectWith(const std::shared_ptr<Call> &call, const QStringList &scopes, int index,
                                    const TokenCheck &lastRejection)
{
    QByteArray token;
    for (const auto &[name, value] : std::as_const(call->headers)) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
            token = value.trimmed().mid(7).trimmed();
    }
    const QList<AuthorizationServerTrust *> trusts = trustedServers();
    for (int i = index; i < trusts.size(); ++i) {
        AuthorizationServerTrust *trust = trusts.at(i);
        if (trust->config().introspectionEndpoint.isEmpty())
            continue;
        trust->introspect(token, scopes, [this, call, scopes, i](const TokenCheck &check) {
            if (check.ok) {
                call->application = check.claims.value(u"client_id"_s).toString(call->application);
                route(call);
                return;
            }
            // Inactive at this server: another trusted server may have issued it. Scope or audience
            // failures are final: the token was recognised.
            if (check.reason == u"access token is not active (revoked, expired or unknown)"_s || check.status == 502)
                introspectWith(call, scopes, i + 1, check);
            else
                reject(call, check);
        });
        return;
    }
    reject(call, lastRejection);
}

QString GatewayRuntime::expandAliases(const QString &text, QString *error) const
{
    static const QRegularExpression placeholder(u"\\$\\{([^}]+)\\}"_s);
    QString result;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        result += text.mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        const QString name = match.captured(1);
        if (name.startsWith(u"sys:"_s)) {
            result += match.captured(0);
            continue;
        }
        const auto alias = m_state.findAliasByName(name);
        if (!alias) {
            *error = u"Alias %1 used in the routing endpoint does not exist"_s.arg(name);
            return {};
        }
        const QString type = alias->value(u"type"_s).toString();
        if (type == u"simple"_s)
            result += alias->value(u"value"_s).toString();
        else if (type == u"endpoint"_s)
            result += alias->value(u"endPointURI"_s).toString();
        else {
            *error = u"Alias %1 is a %2 alias, not a simple or endpoint alias"_s.arg(name, type);
            return {};
        }
    }
    result += text.mid(last);
    return result;
}

void GatewayRuntime::route(const std::shared_ptr<Call> &call)
{
    forward(call);
}

void GatewayRuntime::forward(const std::shared_ptr<Call> &call)
{
    QString endpoint;
    QByteArray method = call->method;
    int readTimeout = DefaultReadTimeoutSeconds;
    QByteArray outboundAuthorization;
    for (const QJsonObject &action : std::as_const(call->actions)) {
        const QString key = action.value(u"templateKey"_s).toString();
        if (key == u"straightThroughRouting"_s && endpoint.isEmpty()) {
            endpoint = parameterValues(action, u"endpointUri"_s).value(0);
            const QString fixedMethod = parameterValues(action, u"method"_s).value(0);
            if (!fixedMethod.isEmpty() && fixedMethod != u"CUSTOM"_s)
                method = fixedMethod.toLatin1();
            bool ok = false;
            const int seconds = parameterValues(action, u"readTimeout"_s).value(0).toInt(&ok);
            if (ok && seconds > 0)
                readTimeout = seconds;
        } else if (key == u"outboundTransportAuthentication"_s) {
            const QJsonObject security = childParameter(action, u"transportSecurity"_s);
            const QString authType = parameterValues(security, u"authType"_s).value(0);
            const QString authMode = parameterValues(security, u"authMode"_s).value(0);
            QString user;
            QString password;
            if (authType == u"HTTP_BASIC"_s && (authMode == u"NEW"_s || authMode.isEmpty())) {
                const QJsonObject credentials = childParameter(security, u"httpAuthCredentials"_s);
                user = parameterValues(credentials, u"userName"_s).value(0);
                // Inline credentials are stored like an alias's: the password base64-encoded.
                password = SandboxState::plainAliasPassword(
                    QJsonObject{{u"httpAuthCredentials"_s,
                                 QJsonObject{{u"password"_s, parameterValues(credentials, u"password"_s).value(0)}}}});
            } else if (authType == u"ALIAS"_s) {
                QString name = parameterValues(security, u"alias"_s).value(0);
                if (name.startsWith(u"${"_s) && name.endsWith(u'}'))
                    name = name.mid(2, name.size() - 3);
                const auto alias = m_state.findAliasByName(name);
                if (!alias || alias->value(u"type"_s).toString() != u"httpTransportSecurityAlias"_s) {
                    fail(call, 500,
                         u"Outbound authentication alias %1 does not exist or is not an "
                         "httpTransportSecurityAlias"_s.arg(name));
                    return;
                }
                if (alias->value(u"authType"_s).toString() != u"HTTP_BASIC"_s) {
                    fail(call, 500,
                         u"Alias %1 uses authType %2; the sandbox emulates HTTP_BASIC only"_s.arg(
                             name, alias->value(u"authType"_s).toString()));
                    return;
                }
                user = alias->value(u"httpAuthCredentials"_s).toObject().value(u"userName"_s).toString();
                password = SandboxState::plainAliasPassword(*alias);
            } else if (authType == u"REMOVE_INCOMING_HTTP_HEADERS"_s || authType.isEmpty()) {
                continue;
            } else {
                fail(call, 500,
                     u"Outbound authentication %1 / %2 is not emulated by the sandbox"_s.arg(authType, authMode));
                return;
            }
            outboundAuthorization = "Basic " + (user + u':' + password).toUtf8().toBase64();
        }
    }
    if (endpoint.isEmpty()) {
        const QJsonArray native = call->api.value(u"nativeEndpoint"_s).toArray();
        if (!native.isEmpty())
            endpoint = native.first().toObject().value(u"uri"_s).toString() + u"/${sys:resource_path}"_s;
    }
    if (endpoint.isEmpty()) {
        fail(call, 500, u"API %1 has no routing policy and no native endpoint"_s.arg(call->apiName));
        return;
    }
    QString error;
    endpoint = expandAliases(endpoint, &error);
    if (!error.isEmpty()) {
        fail(call, 500, error);
        return;
    }
    endpoint.replace(u"${sys:resource_path}"_s, call->resource);
    QUrl target(endpoint);
    if (!target.isValid() || (target.scheme() != u"http"_s && target.scheme() != u"https"_s)) {
        fail(call, 500, u"The routing endpoint %1 is not an http(s) URL"_s.arg(endpoint));
        return;
    }
    if (!call->query.isEmpty()) {
        const QString existing = target.query(QUrl::FullyEncoded);
        target.setQuery(existing.isEmpty() ? QString::fromUtf8(call->query)
                                           : existing + u'&' + QString::fromUtf8(call->query),
                        QUrl::TolerantMode);
    }

    QNetworkRequest request(target);
    request.setTransferTimeout(readTimeout * 1000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : std::as_const(call->headers)) {
        // The gateway consumed the caller's credentials for inbound authentication: never forward them.
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0 || isHopByHop(name))
            continue;
        request.setRawHeader(name, value);
    }
    request.setRawHeader("X-Forwarded-For", call->clientIp.toLatin1());
    if (!outboundAuthorization.isEmpty())
        request.setRawHeader("Authorization", outboundAuthorization);

    QNetworkReply *reply = m_network.sendCustomRequest(request, method, call->body);
    connect(reply, &QNetworkReply::finished, this, [this, call, reply, target]() {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                                  reply->error() == QNetworkReply::TimeoutError;
            fail(call, timedOut ? 504 : 502,
                 u"The native service at %1 %2: %3"_s.arg(target.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                                                          timedOut ? u"did not answer in time"_s : u"is unreachable"_s,
                                                          reply->errorString()));
            return;
        }
        // The native answer passes through as is, marked so a client can tell it from the gateway's own errors.
        SandboxReply relayed{
            status, reply->readAll(), reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), {}};
        for (const auto &[name, value] : reply->rawHeaderPairs()) {
            if (isHopByHop(name) || name.compare("Content-Type", Qt::CaseInsensitive) == 0)
                continue;
            relayed.headers.append({name, value});
        }
        relayed.headers.append(
            {QByteArray(NativeStatusHeader.data(), NativeStatusHeader.size()), QByteArray::number(status)});
        qCInfo(lcSandbox).noquote() << "gateway" << call->method << call->apiName << call->apiVersion << "->" << status
                                    << "from the native service";
        GatewayServer::send(std::move(*call->responder), relayed);
    });
}

void GatewayRuntime::handleGetAccessToken(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (!m_oauth) {
        GatewayServer::send(
            std::move(responder),
            SandboxReply::json(404, runtimeError(u"The local OAuth server is not running"_s, u"pub.apigateway.oauth2"_s,
                                                 u"getAccessToken"_s, request.remoteAddress().toString())));
        return;
    }
    // The product documents a JSON body; clients also send a form body or query parameters.
    QHash<QString, QString> params;
    const auto queryItems = request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : queryItems)
        params.insert(key, value);
    const QByteArray body = request.body().trimmed();
    if (body.startsWith('{')) {
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        for (auto it = json.begin(); it != json.end(); ++it)
            params.insert(it.key(), it.value().isString() ? it.value().toString() : it.value().toVariant().toString());
    } else if (!body.isEmpty()) {
        const auto form = AuthorizationServer::parseForm(body);
        for (auto it = form.begin(); it != form.end(); ++it)
            params.insert(it.key(), it.value());
    }
    GatewayServer::send(std::move(responder), m_oauth->tokenRequest(params, request.value("Authorization"_ba)));
}

} // namespace gw
