// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxstate.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>

namespace gw {

static QString key(const char *text)
{
    return QString::fromLatin1(text);
}

static QJsonArray localized(const QString &value)
{
    return QJsonArray{QJsonObject{{key("value"), value}, {key("locale"), key("English")}}};
}

SandboxState::SandboxState(QObject *parent)
    : QObject(parent)
{}

QString SandboxState::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString SandboxState::nowTimestamp()
{
    // The product's format: "2018-09-03 11:56:21 GMT".
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" GMT");
}

QStringList SandboxState::stageOrder()
{
    return {key("threatProtection"),
            key("transport"),
            key("IAM"),
            key("requestPayloadProcessing"),
            key("routing"),
            key("LMT"),
            key("responseProcessing"),
            key("responseFaultProcessing")};
}

SandboxState::Collection &SandboxState::collection(Kind kind)
{
    switch (kind) {
    case Kind::Api:
        return m_apis;
    case Kind::Policy:
        return m_policies;
    case Kind::PolicyAction:
        return m_policyActions;
    case Kind::Alias:
        break;
    }
    return m_aliases;
}

const SandboxState::Collection &SandboxState::collection(Kind kind) const
{
    return const_cast<SandboxState *>(this)->collection(kind);
}

QList<QJsonObject> SandboxState::all(Kind kind) const
{
    const Collection &items = collection(kind);
    QList<QJsonObject> result;
    result.reserve(items.order.size());
    for (const QString &id : items.order)
        result.append(items.items.value(id));
    return result;
}

std::optional<QJsonObject> SandboxState::get(Kind kind, const QString &id) const
{
    const Collection &items = collection(kind);
    const auto it = items.items.constFind(id);
    if (it == items.items.cend())
        return std::nullopt;
    return *it;
}

bool SandboxState::contains(Kind kind, const QString &id) const
{
    return collection(kind).items.contains(id);
}

void SandboxState::put(Kind kind, const QJsonObject &object)
{
    Collection &items = collection(kind);
    const QString id = object.value(key("id")).toString();
    if (!items.items.contains(id))
        items.order.append(id);
    items.items.insert(id, object);
    Q_EMIT changed();
}

bool SandboxState::remove(Kind kind, const QString &id)
{
    Collection &items = collection(kind);
    if (!items.items.remove(id))
        return false;
    items.order.removeAll(id);
    Q_EMIT changed();
    return true;
}

void SandboxState::clear()
{
    m_apis = {};
    m_policies = {};
    m_policyActions = {};
    m_aliases = {};
    Q_EMIT changed();
}

std::optional<QJsonObject> SandboxState::findApi(const QString &apiName, const QString &apiVersion) const
{
    for (const QString &id : m_apis.order) {
        const QJsonObject &api = m_apis.items[id];
        if (api.value(key("apiName")).toString() == apiName && api.value(key("apiVersion")).toString() == apiVersion)
            return api;
    }
    return std::nullopt;
}

std::optional<QJsonObject> SandboxState::findAliasByName(const QString &name) const
{
    for (const QString &id : m_aliases.order) {
        if (m_aliases.items[id].value(key("name")).toString() == name)
            return m_aliases.items[id];
    }
    return std::nullopt;
}

std::optional<QJsonObject> SandboxState::policyOfApi(const QString &apiId) const
{
    const auto api = get(Kind::Api, apiId);
    if (!api)
        return std::nullopt;
    return get(Kind::Policy, api->value(key("policies")).toArray().at(0).toString());
}

QList<QJsonObject> SandboxState::enforcedActions(const QString &apiId) const
{
    QList<QJsonObject> result;
    const auto policy = policyOfApi(apiId);
    if (!policy)
        return result;
    const QJsonArray enforcementsByStage = policy->value(key("policyEnforcements")).toArray();
    for (const QString &stage : stageOrder()) {
        for (const QJsonValue &group : enforcementsByStage) {
            if (group.toObject().value(key("stageKey")).toString() != stage)
                continue;
            QList<QJsonObject> enforcements;
            for (const QJsonValue &enforcement : group.toObject().value(key("enforcements")).toArray())
                enforcements.append(enforcement.toObject());
            std::stable_sort(enforcements.begin(), enforcements.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return a.value(key("order")).toString().toInt() < b.value(key("order")).toString().toInt();
            });
            for (const QJsonObject &enforcement : enforcements) {
                if (const auto action =
                        get(Kind::PolicyAction, enforcement.value(key("enforcementObjectId")).toString()))
                    result.append(*action);
            }
        }
    }
    return result;
}

QJsonObject SandboxState::createApi(QJsonObject api, const QString &nativeEndpoint)
{
    const QString apiId = newId();
    const QString policyId = newId();
    const QString transportId = newId();
    const QString routingId = newId();

    const QJsonObject transport{
        {key("id"), transportId},
        {key("names"), localized(key("Enable HTTP / HTTPS"))},
        {key("descriptions"), QJsonArray{}},
        {key("templateKey"), key("entryProtocolPolicy")},
        {key("parameters"), QJsonArray{QJsonObject{{key("templateKey"), key("protocol")},
                                                   {key("values"), QJsonArray{key("http"), key("https")}}}}},
        {key("active"), false}};
    QString endpoint = nativeEndpoint;
    if (endpoint.isEmpty()) {
        const QJsonArray natives = api.value(key("nativeEndpoint")).toArray();
        if (!natives.isEmpty())
            endpoint = natives.first().toObject().value(key("uri")).toString();
    }
    QJsonArray routingParameters{
        QJsonObject{{key("templateKey"), key("method")}, {key("values"), QJsonArray{key("CUSTOM")}}}};
    if (!endpoint.isEmpty()) {
        const QString uri = endpoint.contains(QLatin1String("${sys:resource_path}"))
                                ? endpoint
                                : (endpoint.endsWith(QLatin1Char('/')) ? endpoint : endpoint + QLatin1Char('/')) +
                                      QStringLiteral("${sys:resource_path}");
        routingParameters.prepend(
            QJsonObject{{key("templateKey"), key("endpointUri")}, {key("values"), QJsonArray{uri}}});
    }
    const QJsonObject routing{{key("id"), routingId},
                              {key("names"), localized(key("Straight Through Routing"))},
                              {key("descriptions"), QJsonArray{}},
                              {key("templateKey"), key("straightThroughRouting")},
                              {key("parameters"), routingParameters},
                              {key("active"), false}};
    const QString apiName = api.value(key("apiName")).toString();
    const QJsonObject policy{
        {key("id"), policyId},
        {key("names"), localized(QStringLiteral("Default Policy for API %1").arg(apiName))},
        {key("descriptions"), localized(QString())},
        {key("scope"), QJsonObject{{key("applicableAPITypes"), QJsonArray{key("REST"), key("SOAP")}},
                                   {key("scopeConditions"), QJsonArray{}},
                                   {key("logicalConnector"), key("AND")}}},
        {key("policyEnforcements"),
         QJsonArray{QJsonObject{{key("enforcements"), QJsonArray{QJsonObject{{key("enforcementObjectId"), transportId},
                                                                             {key("order"), key("0")}}}},
                                {key("stageKey"), key("transport")}},
                    QJsonObject{{key("enforcements"), QJsonArray{QJsonObject{{key("enforcementObjectId"), routingId},
                                                                             {key("order"), key("0")}}}},
                                {key("stageKey"), key("routing")}}}},
        {key("policyScope"), key("SERVICE")},
        {key("global"), false},
        {key("active"), false},
        {key("systemPolicy"), false}};

    api.insert(key("id"), apiId);
    api.insert(key("policies"), QJsonArray{policyId});
    api.insert(key("isActive"), false);
    if (!api.contains(key("type")))
        api.insert(key("type"), key("REST"));
    if (!api.contains(key("apiVersion")))
        api.insert(key("apiVersion"), key("1.0"));
    if (!api.contains(key("owner")))
        api.insert(key("owner"), key("Administrator"));
    if (!api.contains(key("maturityState")))
        api.insert(key("maturityState"), key("Beta"));
    if (!api.contains(key("scopes")))
        api.insert(key("scopes"), QJsonArray{});
    if (!api.contains(key("publishedPortals")))
        api.insert(key("publishedPortals"), QJsonArray{});
    if (!endpoint.isEmpty() && !api.contains(key("nativeEndpoint")))
        api.insert(key("nativeEndpoint"), QJsonArray{QJsonObject{{key("passSecurityHeaders"), true},
                                                                 {key("uri"), endpoint},
                                                                 {key("connectionTimeoutDuration"), 0},
                                                                 {key("alias"), false}}});
    api.insert(key("creationDate"), nowTimestamp());
    api.insert(key("lastModified"), nowTimestamp());
    api.insert(key("systemVersion"), 1);

    put(Kind::PolicyAction, transport);
    put(Kind::PolicyAction, routing);
    put(Kind::Policy, policy);
    put(Kind::Api, api);
    return api;
}

bool SandboxState::enforceAction(const QString &apiId, const QString &stageKey, const QString &policyActionId)
{
    auto policy = policyOfApi(apiId);
    if (!policy || !contains(Kind::PolicyAction, policyActionId))
        return false;
    QJsonArray groups = policy->value(key("policyEnforcements")).toArray();
    qsizetype index = -1;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (groups.at(i).toObject().value(key("stageKey")).toString() == stageKey)
            index = i;
    }
    if (index < 0) {
        groups.append(QJsonObject{{key("enforcements"), QJsonArray{}}, {key("stageKey"), stageKey}});
        index = groups.size() - 1;
    }
    QJsonObject group = groups.at(index).toObject();
    QJsonArray enforcements = group.value(key("enforcements")).toArray();
    enforcements.append(QJsonObject{{key("enforcementObjectId"), policyActionId},
                                    {key("order"), QString::number(enforcements.size())}});
    group.insert(key("enforcements"), enforcements);
    groups.replace(index, group);
    policy->insert(key("policyEnforcements"), groups);
    put(Kind::Policy, *policy);
    return true;
}

QJsonObject SandboxState::maskedAlias(QJsonObject alias)
{
    static const QString mask = QStringLiteral("********");
    for (const char *group : {"httpAuthCredentials", "kerberosCredentials"}) {
        QJsonObject credentials = alias.value(QLatin1String(group)).toObject();
        for (const char *secret : {"password", "clientPassword"}) {
            if (credentials.value(QLatin1String(secret)).isString())
                credentials.insert(QLatin1String(secret), mask);
        }
        if (alias.contains(QLatin1String(group)))
            alias.insert(QLatin1String(group), credentials);
    }
    if (alias.value(QLatin1String("oauth2Token")).isString())
        alias.insert(QStringLiteral("oauth2Token"), mask);
    return alias;
}

QString SandboxState::plainAliasPassword(const QJsonObject &alias)
{
    const QString stored = alias.value(key("httpAuthCredentials")).toObject().value(key("password")).toString();
    return QString::fromUtf8(QByteArray::fromBase64(stored.toLatin1()));
}

static const char *const collectionKeys[] = {"apis", "policies", "policyActions", "aliases"};

void SandboxState::addSystemAliases()
{
    if (alias(key("local")))
        return;
    put(Kind::Alias, QJsonObject{{key("id"), key("local")},
                                 {key("name"), key("local")},
                                 {key("type"), key("authServerAlias")},
                                 {key("description"), key("API Gateway's local authorization server")},
                                 {key("owner"), key("Administrator")},
                                 {key("authServerType"), key("LOCAL_IS")}});
}

bool SandboxState::isSystemAlias(const QJsonObject &alias)
{
    return alias.value(key("id")).toString() == QLatin1String("local") &&
           alias.value(key("authServerType")).toString() == QLatin1String("LOCAL_IS");
}

QJsonObject SandboxState::toJson() const
{
    QJsonObject result{{key("format"), key("gatewright-sandbox-state/1")}};
    const Kind kinds[] = {Kind::Api, Kind::Policy, Kind::PolicyAction, Kind::Alias};
    for (int i = 0; i < 4; ++i) {
        QJsonArray items;
        for (const QJsonObject &object : all(kinds[i]))
            items.append(object);
        result.insert(key(collectionKeys[i]), items);
    }
    return result;
}

bool SandboxState::loadJson(const QJsonObject &object, QString *error)
{
    if (object.value(key("format")).toString() != QLatin1String("gatewright-sandbox-state/1")) {
        *error = QStringLiteral("not a sandbox state file (\"format\" must be \"gatewright-sandbox-state/1\")");
        return false;
    }
    const Kind kinds[] = {Kind::Api, Kind::Policy, Kind::PolicyAction, Kind::Alias};
    Collection loaded[4];
    for (int i = 0; i < 4; ++i) {
        const QJsonValue items = object.value(key(collectionKeys[i]));
        if (!items.isArray() && !items.isUndefined()) {
            *error = QStringLiteral("\"%1\" must be an array").arg(key(collectionKeys[i]));
            return false;
        }
        const QJsonArray array = items.toArray();
        for (qsizetype n = 0; n < array.size(); ++n) {
            const QString id = array.at(n).toObject().value(key("id")).toString();
            if (id.isEmpty() || loaded[i].items.contains(id)) {
                *error = QStringLiteral("%1[%2] has no \"id\" or a duplicate one").arg(key(collectionKeys[i])).arg(n);
                return false;
            }
            loaded[i].order.append(id);
            loaded[i].items.insert(id, array.at(n).toObject());
        }
    }
    for (int i = 0; i < 4; ++i)
        collection(kinds[i]) = loaded[i];
    Q_EMIT changed();
    return true;
}

} // namespace gw
