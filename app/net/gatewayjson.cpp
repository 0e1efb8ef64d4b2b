// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayjson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSet>

namespace gw::GatewayJson {

namespace {

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonObject localized(const QString &value)
{
    return QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("locale"), QStringLiteral("en")}};
}

QJsonObject valueParameter(const QString &key, const QStringList &values)
{
    return QJsonObject{{QStringLiteral("templateKey"), key},
                       {QStringLiteral("values"), QJsonArray::fromStringList(values)}};
}

QJsonObject nestedParameter(const QString &key, const QJsonArray &parameters)
{
    return QJsonObject{{QStringLiteral("templateKey"), key}, {QStringLiteral("parameters"), parameters}};
}

QJsonArray parametersOf(const QJsonObject &node)
{
    return node.value(QLatin1String("parameters")).toArray();
}

QJsonObject childParameter(const QJsonObject &node, const QString &key)
{
    for (const QJsonValue &value : parametersOf(node)) {
        if (value.toObject().value(QLatin1String("templateKey")).toString() == key)
            return value.toObject();
    }
    return {};
}

QStringList valuesOf(const QJsonObject &parameter)
{
    QStringList values;
    for (const QJsonValue &value : parameter.value(QLatin1String("values")).toArray()) {
        if (value.isString())
            values << value.toString();
    }
    return values;
}

QStringList childValues(const QJsonObject &node, const QString &key)
{
    return valuesOf(childParameter(node, key));
}

/// `node` with the parameter `key` replaced by `replacement` (or appended); removed when
/// `replacement` is empty.
QJsonObject withParameter(QJsonObject node, const QString &key, const QJsonObject &replacement)
{
    QJsonArray parameters;
    bool placed = false;
    for (const QJsonValue &value : parametersOf(node)) {
        if (value.toObject().value(QLatin1String("templateKey")).toString() == key) {
            if (!placed && !replacement.isEmpty())
                parameters.append(replacement);
            placed = true;
            continue;
        }
        parameters.append(value);
    }
    if (!placed && !replacement.isEmpty())
        parameters.append(replacement);
    node.insert(QStringLiteral("parameters"), parameters);
    return node;
}

QJsonObject newAction(const QString &templateKey, const QString &name)
{
    return QJsonObject{{QStringLiteral("names"), QJsonArray{localized(name)}},
                       {QStringLiteral("templateKey"), templateKey},
                       {QStringLiteral("parameters"), QJsonArray{}},
                       {QStringLiteral("active"), false}};
}

QJsonObject unwrap(const QJsonValue &reply, const char *envelope)
{
    const QJsonObject object = reply.toObject();
    const QJsonValue inner = object.value(QLatin1String(envelope));
    if (inner.isObject())
        return inner.toObject();
    return object;
}

QString kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return value.toArray().isEmpty() ? QStringLiteral("an empty array") : QStringLiteral("an array");
    case QJsonValue::Object:
        return value.toObject().isEmpty() ? QStringLiteral("an empty object") : QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString identificationTypeFor(InboundAuth::Kind kind)
{
    return kind == InboundAuth::Kind::JwtClaims ? QStringLiteral("jwtClaims") : QStringLiteral("oAuth2Token");
}

QString aliasReference(QString name)
{
    if (name.startsWith(QLatin1String("${")) && name.endsWith(QLatin1Char('}')))
        name = name.mid(2, name.size() - 3);
    return name;
}

const QSet<QString> &secretKeys()
{
    static const QSet<QString> keys{QStringLiteral("password"),       QStringLiteral("oauth2Token"),
                                    QStringLiteral("clientPassword"), QStringLiteral("servicePrincipalPassword"),
                                    QStringLiteral("clientSecret"),   QStringLiteral("secret")};
    return keys;
}

QJsonArray redactedParameters(const QJsonArray &parameters)
{
    QJsonArray result;
    for (const QJsonValue &value : parameters) {
        QJsonObject parameter = value.toObject();
        if (secretKeys().contains(parameter.value(QLatin1String("templateKey")).toString()) &&
            parameter.contains(QLatin1String("values")))
            parameter.insert(QStringLiteral("values"), QJsonArray{QStringLiteral("********")});
        if (parameter.contains(QLatin1String("parameters")))
            parameter.insert(QStringLiteral("parameters"), redactedParameters(parametersOf(parameter)));
        result.append(parameter);
    }
    return result;
}

} // namespace

QList<ApiSummary> apiList(const QJsonValue &reply, QString *error)
{
    QList<ApiSummary> result;
    const QJsonValue list = reply.toObject().value(QLatin1String("apiResponse"));
    if (!list.isArray() && !(list.isUndefined() && reply.isArray())) {
        *error = QStringLiteral("The gateway's API list has no \"apiResponse\" array.");
        return result;
    }
    for (const QJsonValue &entry : list.isArray() ? list.toArray() : reply.toArray()) {
        const QJsonObject object = entry.toObject();
        const QJsonObject api =
            object.value(QLatin1String("api")).isObject() ? object.value(QLatin1String("api")).toObject() : object;
        ApiSummary summary{str(api, "id"), str(api, "apiName"), str(api, "apiVersion")};
        if (summary.id.isEmpty())
            summary.id = str(object, "apiId");
        if (!summary.id.isEmpty())
            result << summary;
    }
    return result;
}

std::optional<ApiDetails> apiDetails(const QJsonValue &reply, QString *error)
{
    QJsonObject api =
        reply.toObject().value(QLatin1String("apiResponse")).toObject().value(QLatin1String("api")).toObject();
    if (api.isEmpty())
        api = reply.toObject().value(QLatin1String("api")).toObject();
    if (api.isEmpty() || str(api, "id").isEmpty()) {
        *error = QStringLiteral("The gateway's answer has no \"apiResponse.api\" object with an id.");
        return std::nullopt;
    }
    ApiDetails details;
    details.id = str(api, "id");
    details.name = str(api, "apiName");
    details.version = str(api, "apiVersion");
    details.description = str(api, "apiDescription");
    details.active = api.value(QLatin1String("isActive")).toBool();
    details.policyId = api.value(QLatin1String("policies")).toArray().first().toString();
    const QJsonObject definition = api.value(QLatin1String("apiDefinition")).toObject();
    for (const QJsonValue &tag : definition.value(QLatin1String("apiTags")).toArray()) {
        if (tag.isString() && !details.tags.contains(tag.toString()))
            details.tags << tag.toString();
    }
    for (const QJsonValue &tag : definition.value(QLatin1String("tags")).toArray()) {
        const QString name = tag.toObject().value(QLatin1String("name")).toString();
        if (!name.isEmpty() && !details.tags.contains(name))
            details.tags << name;
    }
    return details;
}

QJsonObject createApiBody(const GatewayProxy &proxy)
{
    // An inline OpenAPI definition with one resource that passes every method on: the .io integration
    // behind it decides what it accepts. The gateway creates the API with its default policy
    // (entryProtocolPolicy + straightThroughRouting), which the following steps complete. A gateway
    // activates only APIs with at least one enabled resource.
    QJsonObject operations;
    for (const char *method : {"get", "post", "put", "patch", "delete"}) {
        operations.insert(
            QLatin1String(method),
            QJsonObject{
                {QStringLiteral("summary"), QStringLiteral("Passed on to %1").arg(proxy.integration)},
                {QStringLiteral("responses"),
                 QJsonObject{{QStringLiteral("default"), QJsonObject{{QStringLiteral("description"),
                                                                      QStringLiteral("The integration's answer")}}}}}});
    }
    const QJsonObject definition{
        {QStringLiteral("openapi"), QStringLiteral("3.0.1")},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), proxy.name},
                                             {QStringLiteral("version"), proxy.version},
                                             {QStringLiteral("description"), proxy.description}}},
        {QStringLiteral("paths"), QJsonObject{{QStringLiteral("/"), operations}}}};
    return QJsonObject{{QStringLiteral("apiName"), proxy.name},
                       {QStringLiteral("apiVersion"), proxy.version},
                       {QStringLiteral("apiDescription"), proxy.description},
                       {QStringLiteral("type"), QStringLiteral("openapi")},
                       {QStringLiteral("apiDefinition"), definition}};
}

std::optional<QJsonObject> readObject(const QJsonValue &reply, const char *envelope, QString *error)
{
    const QString key = QLatin1String(envelope);
    const auto refuse = [&](const QString &got) {
        if (error)
            *error = QStringLiteral("expected {\"%1\": {…}} and got %2").arg(key, got);
        return std::nullopt;
    };
    if (!reply.isObject())
        return refuse(kindOf(reply));
    const QJsonObject object = reply.toObject();
    if (object.contains(key)) {
        const QJsonValue inner = object.value(key);
        if (!inner.isObject() || inner.toObject().isEmpty())
            return refuse(QStringLiteral("\"%1\": %2").arg(key, kindOf(inner)));
        return inner.toObject();
    }
    if (object.value(QLatin1String("id")).toString().isEmpty())
        return refuse(object.isEmpty() ? kindOf(object) : QStringLiteral("an object without \"%1\"").arg(key));
    return object;
}

std::optional<QList<QJsonObject>> readList(const QJsonValue &reply, const char *envelope, QString *error)
{
    const QString key = QLatin1String(envelope);
    const auto refuse = [&](const QString &got) {
        if (error)
            *error = QStringLiteral("expected {\"%1\": […]} and got %2").arg(key, got);
        return std::nullopt;
    };
    QJsonValue list = reply;
    if (reply.isObject()) {
        if (!reply.toObject().contains(key))
            return refuse(kindOf(reply) == QLatin1String("an empty object")
                              ? kindOf(reply)
                              : QStringLiteral("an object without \"%1\"").arg(key));
        list = reply.toObject().value(key);
        if (list.isObject() && !list.toObject().isEmpty())
            return QList<QJsonObject>{list.toObject()};
    }
    if (!list.isArray())
        return refuse(reply.isObject() ? QStringLiteral("\"%1\": %2").arg(key, kindOf(list)) : kindOf(list));
    QList<QJsonObject> result;
    for (const QJsonValue &value : list.toArray()) {
        if (!value.isObject() || value.toObject().isEmpty())
            return refuse(QStringLiteral("a list holding %1").arg(kindOf(value)));
        result << unwrap(value, envelope);
    }
    return result;
}

QJsonObject policyObject(const QJsonValue &reply)
{
    return unwrap(reply, "policy");
}

QList<Enforcement> enforcements(const QJsonObject &policy)
{
    QList<Enforcement> result;
    for (const QJsonValue &stage : policy.value(QLatin1String("policyEnforcements")).toArray()) {
        const QString stageKey = str(stage.toObject(), "stageKey");
        for (const QJsonValue &enforcement : stage.toObject().value(QLatin1String("enforcements")).toArray()) {
            const QString id = str(enforcement.toObject(), "enforcementObjectId");
            if (!id.isEmpty())
                result << Enforcement{stageKey, id};
        }
    }
    return result;
}

QJsonObject policyWithEnforcements(QJsonObject policy, const QStringList &remove, const QList<Enforcement> &add)
{
    QJsonArray stages = policy.value(QLatin1String("policyEnforcements")).toArray();
    QSet<QString> present;
    for (qsizetype s = 0; s < stages.size(); ++s) {
        QJsonObject stage = stages.at(s).toObject();
        QJsonArray kept;
        for (const QJsonValue &enforcement : stage.value(QLatin1String("enforcements")).toArray()) {
            const QString id = str(enforcement.toObject(), "enforcementObjectId");
            if (remove.contains(id))
                continue;
            present.insert(id);
            kept.append(enforcement);
        }
        stage.insert(QStringLiteral("enforcements"), kept);
        stages[s] = stage;
    }
    for (const Enforcement &enforcement : add) {
        if (present.contains(enforcement.actionId))
            continue;
        present.insert(enforcement.actionId);
        qsizetype index = -1;
        for (qsizetype s = 0; s < stages.size(); ++s) {
            if (str(stages.at(s).toObject(), "stageKey") == enforcement.stageKey)
                index = s;
        }
        if (index < 0) {
            stages.append(QJsonObject{{QStringLiteral("enforcements"), QJsonArray{}},
                                      {QStringLiteral("stageKey"), enforcement.stageKey}});
            index = stages.size() - 1;
        }
        QJsonObject stage = stages.at(index).toObject();
        QJsonArray list = stage.value(QLatin1String("enforcements")).toArray();
        list.append(QJsonObject{{QStringLiteral("enforcementObjectId"), enforcement.actionId},
                                {QStringLiteral("order"), QString::number(list.size())}});
        stage.insert(QStringLiteral("enforcements"), list);
        stages[index] = stage;
    }
    // Stages left without an enforcement are dropped, as the gateway itself does.
    QJsonArray nonEmpty;
    for (const QJsonValue &stage : std::as_const(stages)) {
        if (!stage.toObject().value(QLatin1String("enforcements")).toArray().isEmpty())
            nonEmpty.append(stage);
    }
    policy.insert(QStringLiteral("policyEnforcements"), nonEmpty);
    return policy;
}

QList<QJsonObject> policyActions(const QJsonValue &reply)
{
    QList<QJsonObject> result;
    QJsonValue list = reply.isArray() ? reply : reply.toObject().value(QLatin1String("policyAction"));
    if (list.isObject())
        return {list.toObject()};
    for (const QJsonValue &value : list.toArray()) {
        if (value.isObject())
            result << unwrap(value, "policyAction");
    }
    return result;
}

QJsonObject policyActionObject(const QJsonValue &reply)
{
    return unwrap(reply, "policyAction");
}

QString stageOf(const QString &templateKey)
{
    static const QHash<QString, QString> stages{
        {QStringLiteral("entryProtocolPolicy"), QStringLiteral("transport")},
        {QStringLiteral("setMediaType"), QStringLiteral("transport")},
        {QStringLiteral("evaluatePolicy"), QStringLiteral("IAM")},
        {QStringLiteral("authorizeUser"), QStringLiteral("IAM")},
        {QStringLiteral("inboundAuthTransport"), QStringLiteral("IAM")},
        {QStringLiteral("straightThroughRouting"), QStringLiteral("routing")},
        {QStringLiteral("outboundTransportAuthentication"), QStringLiteral("routing")},
        {QStringLiteral("customHttpHeaders"), QStringLiteral("routing")},
        {QStringLiteral("throttle"), QStringLiteral("LMT")},
        {QStringLiteral("logInvocation"), QStringLiteral("LMT")},
    };
    return stages.value(templateKey);
}

QString actionName(const QJsonObject &action)
{
    const QString name = str(action.value(QLatin1String("names")).toArray().first().toObject(), "value");
    return name.isEmpty() ? str(action, "templateKey") : name;
}

InboundAuth inboundFromAction(const QJsonObject &action, QStringList *notes)
{
    InboundAuth inbound;
    QStringList types;
    for (const QJsonValue &value : parametersOf(action)) {
        const QJsonObject parameter = value.toObject();
        if (str(parameter, "templateKey") == QLatin1String("IdentificationRule"))
            types << childValues(parameter, QStringLiteral("identificationType"));
    }
    if (types.contains(QLatin1String("oAuth2Token"))) {
        inbound.kind = InboundAuth::Kind::OAuth2Token;
    } else if (types.contains(QLatin1String("jwtClaims"))) {
        inbound.kind = InboundAuth::Kind::JwtClaims;
    } else {
        inbound.kind = InboundAuth::Kind::None;
        notes->append(QStringLiteral("Identify & Authorize identifies by %1, which the console does not manage")
                          .arg(types.isEmpty() ? QStringLiteral("nothing") : types.join(QStringLiteral(", "))));
    }
    if (types.size() > 1)
        notes->append(QStringLiteral("Identify & Authorize has several identification rules: %1")
                          .arg(types.join(QStringLiteral(", "))));
    inbound.scopes = childValues(action, QStringLiteral("requiredScopes"));
    return inbound;
}

QString routingFromAction(const QJsonObject &action)
{
    return childValues(action, QStringLiteral("endpointUri")).value(0);
}

OutboundAuth outboundFromAction(const QJsonObject &action, QStringList *notes)
{
    const QJsonObject security = childParameter(action, QStringLiteral("transportSecurity"));
    const QString authType = childValues(security, QStringLiteral("authType")).value(0);
    if (authType == QLatin1String("ALIAS")) {
        const QString alias = aliasReference(childValues(security, QStringLiteral("alias")).value(0));
        if (!alias.isEmpty())
            return OutboundAuth{OutboundAuth::Kind::Alias, alias};
    }
    notes->append(QStringLiteral("Outbound Auth - Transport uses %1 (%2), not an alias")
                      .arg(authType.isEmpty() ? QStringLiteral("no auth type") : authType,
                           childValues(security, QStringLiteral("authMode")).value(0)));
    return OutboundAuth{OutboundAuth::Kind::None, {}};
}

QJsonObject inboundAction(const InboundAuth &inbound, const QJsonObject &before)
{
    QJsonObject action = before;
    if (action.isEmpty()) {
        action = newAction(QStringLiteral("evaluatePolicy"), QStringLiteral("Identify & Authorize Application"));
        action = withParameter(action, QStringLiteral("logicalConnector"),
                               valueParameter(QStringLiteral("logicalConnector"), {QStringLiteral("OR")}));
        action = withParameter(action, QStringLiteral("allowAnonymous"),
                               valueParameter(QStringLiteral("allowAnonymous"), {QStringLiteral("false")}));
    }
    QJsonObject rule = childParameter(action, QStringLiteral("IdentificationRule"));
    if (rule.isEmpty())
        rule = withParameter(nestedParameter(QStringLiteral("IdentificationRule"), {}),
                             QStringLiteral("applicationLookup"),
                             valueParameter(QStringLiteral("applicationLookup"), {QStringLiteral("open")}));
    rule = withParameter(rule, QStringLiteral("identificationType"),
                         valueParameter(QStringLiteral("identificationType"), {identificationTypeFor(inbound.kind)}));
    action = withParameter(action, QStringLiteral("IdentificationRule"), rule);
    action = withParameter(action, QStringLiteral("requiredScopes"),
                           inbound.scopes.isEmpty() ? QJsonObject()
                                                    : valueParameter(QStringLiteral("requiredScopes"), inbound.scopes));
    return action;
}

QJsonObject routingAction(const QString &endpointUri, const QJsonObject &before)
{
    QJsonObject action = before;
    if (action.isEmpty()) {
        action = newAction(QStringLiteral("straightThroughRouting"), QStringLiteral("Straight Through Routing"));
        action = withParameter(action, QStringLiteral("method"),
                               valueParameter(QStringLiteral("method"), {QStringLiteral("CUSTOM")}));
    }
    return withParameter(action, QStringLiteral("endpointUri"),
                         valueParameter(QStringLiteral("endpointUri"), {endpointUri}));
}

QJsonObject outboundAction(const OutboundAuth &outbound, const QJsonObject &before)
{
    QJsonObject action = before;
    if (action.isEmpty())
        action =
            newAction(QStringLiteral("outboundTransportAuthentication"), QStringLiteral("Outbound Auth - Transport"));
    QJsonObject security = childParameter(action, QStringLiteral("transportSecurity"));
    if (security.isEmpty())
        security = nestedParameter(QStringLiteral("transportSecurity"), {});
    security = withParameter(security, QStringLiteral("authType"),
                             valueParameter(QStringLiteral("authType"), {QStringLiteral("ALIAS")}));
    security = withParameter(security, QStringLiteral("authMode"),
                             valueParameter(QStringLiteral("authMode"), {QStringLiteral("NEW")}));
    security =
        withParameter(security, QStringLiteral("alias"), valueParameter(QStringLiteral("alias"), {outbound.alias}));
    security = withParameter(security, QStringLiteral("httpAuthCredentials"), {});
    return withParameter(action, QStringLiteral("transportSecurity"), security);
}

QJsonObject redactedAction(QJsonObject action)
{
    action.insert(QStringLiteral("parameters"), redactedParameters(parametersOf(action)));
    return action;
}

QList<QJsonObject> aliases(const QJsonValue &reply)
{
    QList<QJsonObject> result;
    const QJsonValue list = reply.isArray() ? reply : reply.toObject().value(QLatin1String("alias"));
    for (const QJsonValue &value : list.toArray()) {
        if (value.isObject())
            result << value.toObject();
    }
    return result;
}

QJsonObject aliasObject(const QJsonValue &reply)
{
    return unwrap(reply, "alias");
}

static QString plainPassword(const QString &stored, Environment::AliasPasswordEncoding encoding)
{
    if (encoding == Environment::AliasPasswordEncoding::Plain)
        return stored;
    const auto decoded = QByteArray::fromBase64Encoding(stored.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? QString::fromUtf8(*decoded) : stored;
}

ObservedAlias observedAlias(const QJsonObject &alias, Environment::AliasPasswordEncoding encoding)
{
    ObservedAlias observed;
    observed.id = str(alias, "id");
    observed.gatewayType = str(alias, "type");
    observed.alias.name = str(alias, "name");
    observed.alias.description = str(alias, "description");
    QJsonObject raw = alias;
    if (observed.gatewayType == QLatin1String("httpTransportSecurityAlias")) {
        observed.alias.type = Alias::Type::HttpTransportSecurity;
        const QJsonObject credentials = alias.value(QLatin1String("httpAuthCredentials")).toObject();
        observed.alias.technicalUser = str(credentials, "userName");
        observed.managedType = str(alias, "authType") == QLatin1String("HTTP_BASIC") &&
                               (str(alias, "authMode").isEmpty() || str(alias, "authMode") == QLatin1String("NEW"));
        const QString stored = str(credentials, "password");
        // A masked value ("****") tells nothing about the password.
        observed.passwordMasked = !stored.isEmpty() && stored.count(QLatin1Char('*')) == stored.size();
        if (!stored.isEmpty() && !observed.passwordMasked)
            observed.passwordDigest =
                QCryptographicHash::hash(plainPassword(stored, encoding).toUtf8(), QCryptographicHash::Sha256);
    } else if (observed.gatewayType == QLatin1String("simple")) {
        observed.alias.type = Alias::Type::Simple;
        observed.alias.value = str(alias, "value");
    } else if (observed.gatewayType == QLatin1String("endpoint")) {
        observed.alias.type = Alias::Type::Endpoint;
        observed.alias.endpointUri = str(alias, "endPointURI");
        observed.alias.connectionTimeoutSeconds = alias.value(QLatin1String("connectionTimeout")).toVariant().toInt();
        observed.alias.readTimeoutSeconds = alias.value(QLatin1String("readTimeout")).toVariant().toInt();
    } else {
        observed.managedType = false;
    }
    // Never keep a secret in the observed state.
    for (const char *key : {"httpAuthCredentials", "kerberosCredentials"}) {
        QJsonObject credentials = raw.value(QLatin1String(key)).toObject();
        for (const char *secret : {"password", "clientPassword"}) {
            if (credentials.contains(QLatin1String(secret)))
                credentials.insert(QLatin1String(secret), QStringLiteral("********"));
        }
        if (raw.contains(QLatin1String(key)))
            raw.insert(QLatin1String(key), credentials);
    }
    for (const char *secret : {"oauth2Token", "clientSecret"}) {
        if (raw.contains(QLatin1String(secret)))
            raw.insert(QLatin1String(secret), QStringLiteral("********"));
    }
    observed.raw = raw;
    return observed;
}

QJsonObject aliasBody(const Alias &alias, const QString &password, Environment::AliasPasswordEncoding encoding,
                      const QJsonObject &before)
{
    QJsonObject body = before;
    body.remove(QStringLiteral("id")); // read-only in the spec; the path names the alias
    body.insert(QStringLiteral("name"), alias.name);
    body.insert(QStringLiteral("description"), alias.description);
    switch (alias.type) {
    case Alias::Type::HttpTransportSecurity: {
        body.insert(QStringLiteral("type"), QStringLiteral("httpTransportSecurityAlias"));
        body.insert(QStringLiteral("authType"), QStringLiteral("HTTP_BASIC"));
        body.insert(QStringLiteral("authMode"), QStringLiteral("NEW"));
        QJsonObject credentials = before.value(QLatin1String("httpAuthCredentials")).toObject();
        credentials.insert(QStringLiteral("userName"), alias.technicalUser);
        credentials.insert(QStringLiteral("password"), encoding == Environment::AliasPasswordEncoding::Base64
                                                           ? QString::fromLatin1(password.toUtf8().toBase64())
                                                           : password);
        body.insert(QStringLiteral("httpAuthCredentials"), credentials);
        break;
    }
    case Alias::Type::Simple:
        body.insert(QStringLiteral("type"), QStringLiteral("simple"));
        body.insert(QStringLiteral("value"), alias.value);
        break;
    case Alias::Type::Endpoint:
        body.insert(QStringLiteral("type"), QStringLiteral("endpoint"));
        body.insert(QStringLiteral("endPointURI"), alias.endpointUri);
        body.insert(QStringLiteral("connectionTimeout"), alias.connectionTimeoutSeconds);
        body.insert(QStringLiteral("readTimeout"), alias.readTimeoutSeconds);
        break;
    }
    return body;
}

} // namespace gw::GatewayJson
