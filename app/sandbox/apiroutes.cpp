// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiroutes.h"

#include "sandboxstate.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace gw {

using Kind = SandboxState::Kind;

static QString key(const char *text)
{
    return QString::fromLatin1(text);
}

static const QStringList documentTypes{key("swagger"), key("openapi"), key("raml"), key("wsdl"),
                                       key("rest"),    key("REST"),    key("SOAP"), key("odata")};

static SandboxReply envelope(int status, const QJsonObject &inner)
{
    return SandboxReply::json(status, QJsonObject{{key("apiResponse"), inner}});
}

static SandboxReply notFound(const QString &id)
{
    return SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(id));
}

static QJsonObject summary(const QJsonObject &api)
{
    QJsonObject result;
    for (const char *field :
         {"apiName", "apiVersion", "apiDescription", "isActive", "type", "publishedPortals", "systemVersion", "id"}) {
        if (api.contains(key(field)))
            result.insert(key(field), api.value(key(field)));
    }
    return result;
}

/// The native endpoint a Swagger 2.0 or OpenAPI 3 document names, if any.
static QString nativeEndpointOf(const QJsonObject &document)
{
    const QJsonArray servers = document.value(key("servers")).toArray();
    if (!servers.isEmpty())
        return servers.first().toObject().value(key("url")).toString();
    const QString host = document.value(key("host")).toString();
    if (host.isEmpty())
        return {};
    const QJsonArray schemes = document.value(key("schemes")).toArray();
    QString scheme = key("http");
    if (schemes.contains(key("https")))
        scheme = key("https");
    return scheme + QStringLiteral("://") + host + document.value(key("basePath")).toString();
}

/// A Swagger/OpenAPI document as the gateway keeps it in apiDefinition: "type":"rest" and every
/// resource and operation "enabled".
static QJsonObject gatewayDefinition(QJsonObject document)
{
    static const QStringList methods{key("get"),   key("put"),     key("post"), key("delete"),
                                     key("patch"), key("options"), key("head")};
    QJsonObject paths = document.value(key("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        QJsonObject resource = it.value().toObject();
        for (const QString &method : methods) {
            if (resource.value(method).isObject()) {
                QJsonObject operation = resource.value(method).toObject();
                if (!operation.contains(key("enabled")))
                    operation.insert(key("enabled"), true);
                resource.insert(method, operation);
            }
        }
        if (!resource.contains(key("enabled")))
            resource.insert(key("enabled"), true);
        it.value() = resource;
    }
    document.insert(key("paths"), paths);
    if (!document.value(key("type")).isString())
        document.insert(key("type"), key("rest"));
    return document;
}

static bool hasEnabledResource(const QJsonObject &api)
{
    const QJsonObject definition = api.value(key("apiDefinition")).toObject();
    if (!definition.contains(key("paths")))
        return true; // created from scratch with a routing endpoint only: every path goes through
    const QJsonObject paths = definition.value(key("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        if (it.value().toObject().value(key("enabled")).toBool(true))
            return true;
    }
    return false;
}

/// The fields of a multipart/form-data body (RFC 7578), enough for the Create API form.
static QHash<QString, QByteArray> formFields(const AdminRequest &request)
{
    QHash<QString, QByteArray> fields;
    const QByteArray contentType = request.header("Content-Type");
    const qsizetype at = contentType.indexOf("boundary=");
    if (at < 0)
        return fields;
    QByteArray boundary = contentType.mid(at + 9).split(';').constFirst().trimmed();
    if (boundary.startsWith('"') && boundary.endsWith('"') && boundary.size() >= 2)
        boundary = boundary.mid(1, boundary.size() - 2);
    if (boundary.isEmpty())
        return fields;
    const QByteArray delimiter = "--" + boundary;
    qsizetype position = request.body.indexOf(delimiter);
    while (position >= 0) {
        qsizetype start = position + delimiter.size();
        if (request.body.mid(start, 2) == "--")
            break;
        if (request.body.mid(start, 2) == "\r\n")
            start += 2;
        const qsizetype next = request.body.indexOf(delimiter, start);
        if (next < 0)
            break;
        QByteArray part = request.body.mid(start, next - start);
        if (part.endsWith("\r\n"))
            part.chop(2);
        const qsizetype headerEnd = part.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const QByteArray headers = part.left(headerEnd);
            const qsizetype nameAt = headers.indexOf("name=\"");
            if (nameAt >= 0) {
                const qsizetype nameEnd = headers.indexOf('"', nameAt + 6);
                if (nameEnd > nameAt)
                    fields.insert(QString::fromUtf8(headers.mid(nameAt + 6, nameEnd - nameAt - 6)),
                                  part.mid(headerEnd + 4));
            }
        }
        position = next;
    }
    return fields;
}

ApiRoutes::ApiRoutes(SandboxState &state)
    : m_state(state)
    , m_network(std::make_unique<QNetworkAccessManager>())
{}

ApiRoutes::~ApiRoutes() = default;

void ApiRoutes::addTo(AdminRouter &router)
{
    router.add(key("GET"), key("/apis"), [this](const AdminRequest &r) { return list(r); });
    router.addAsync(key("POST"), key("/apis"),
                    [this](const AdminRequest &r, AdminRouter::Completion done) { create(r, std::move(done)); });
    router.add(key("DELETE"), key("/apis"), [this](const AdminRequest &r) { return removeMany(r); });
    router.add(key("GET"), key("/apis/([^/]+)"), [this](const AdminRequest &r) { return get(r); });
    router.add(key("PUT"), key("/apis/([^/]+)"), [this](const AdminRequest &r) { return update(r); });
    router.add(key("DELETE"), key("/apis/([^/]+)"), [this](const AdminRequest &r) { return remove(r); });
    router.add(key("PUT"), key("/apis/([^/]+)/activate"), [this](const AdminRequest &r) { return setActive(r, true); });
    router.add(key("PUT"), key("/apis/([^/]+)/deactivate"),
               [this](const AdminRequest &r) { return setActive(r, false); });
}

SandboxReply ApiRoutes::list(const AdminRequest &request) const
{
    QStringList ids;
    for (const QString &id :
         request.query.queryItemValue(key("apiIds"), QUrl::FullyDecoded).split(QLatin1Char(','), Qt::SkipEmptyParts))
        ids.append(id.trimmed());
    bool fromOk = true;
    bool sizeOk = true;
    const int from =
        request.query.hasQueryItem(key("from")) ? request.query.queryItemValue(key("from")).toInt(&fromOk) : 0;
    const int size =
        request.query.hasQueryItem(key("size")) ? request.query.queryItemValue(key("size")).toInt(&sizeOk) : -1;
    if (!fromOk || !sizeOk || from < 0)
        return SandboxReply::error(400, QStringLiteral("The query parameters \"from\" and \"size\" must be numbers."));
    QJsonArray items;
    int index = 0;
    for (const QJsonObject &api : m_state.apis()) {
        if (!ids.isEmpty() && !ids.contains(api.value(key("id")).toString()))
            continue;
        if (index++ < from)
            continue;
        if (size >= 0 && items.size() >= size)
            break;
        items.append(QJsonObject{{key("api"), summary(api)}, {key("responseStatus"), key("SUCCESS")}});
    }
    return SandboxReply::json(200, QJsonObject{{key("apiResponse"), items}});
}

SandboxReply ApiRoutes::get(const AdminRequest &request) const
{
    const auto api = m_state.api(request.captures.at(0));
    if (!api)
        return notFound(request.captures.at(0));
    QJsonArray versions;
    for (const QJsonObject &other : m_state.apis()) {
        if (other.value(key("apiName")) == api->value(key("apiName")))
            versions.append(QJsonObject{{key("versionNumber"), other.value(key("apiVersion"))},
                                        {key("apiId"), other.value(key("id"))}});
    }
    return envelope(
        200, QJsonObject{{key("api"), *api}, {key("responseStatus"), key("SUCCESS")}, {key("versions"), versions}});
}

void ApiRoutes::create(const AdminRequest &request, AdminRouter::Completion done)
{
    QJsonObject input;
    QJsonValue document(QJsonValue::Undefined);
    if (request.header("Content-Type").toLower().startsWith("multipart/form-data")) {
        const auto fields = formFields(request);
        for (const char *field : {"apiName", "type", "apiDescription", "apiVersion", "url", "maturityState"}) {
            if (fields.contains(key(field)))
                input.insert(key(field), QString::fromUtf8(fields.value(key(field))));
        }
        if (fields.contains(key("file"))) {
            const QJsonDocument parsed = QJsonDocument::fromJson(fields.value(key("file")));
            if (!parsed.isObject()) {
                done(SandboxReply::error(400, QStringLiteral("The uploaded file is not a JSON Swagger or OpenAPI "
                                                             "document (the sandbox reads JSON documents only).")));
                return;
            }
            document = parsed.object();
        }
    } else {
        SandboxReply error;
        const auto body = request.jsonObject(&error);
        if (!body) {
            done(error);
            return;
        }
        input = *body;
        if (input.contains(key("apiDefinition")))
            document = input.value(key("apiDefinition"));
    }

    const QJsonValue url = input.value(key("url"));
    if (!url.isUndefined() && document.isUndefined()) {
        const QUrl target(url.toString(), QUrl::StrictMode);
        const QHostAddress host(target.host());
        const bool loopback = target.host() == QLatin1String("localhost") || host.isLoopback();
        if (!url.isString() || !target.isValid() || !target.scheme().startsWith(QLatin1String("http")) || !loopback) {
            done(SandboxReply::error(400, QStringLiteral("Unable to fetch the API definition from \"%1\": the sandbox "
                                                         "fetches http(s) URLs on the loopback interface only.")
                                              .arg(url.toString())));
            return;
        }
        QNetworkRequest fetch(target);
        fetch.setTransferTimeout(10000);
        fetch.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        fetch.setRawHeader("Accept", "application/json");
        QNetworkReply *reply = m_network->get(fetch);
        QObject::connect(reply, &QNetworkReply::finished, m_network.get(), [this, reply, input, target, done] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonDocument parsed = QJsonDocument::fromJson(reply->readAll());
            if (reply->error() != QNetworkReply::NoError || status != 200 || !parsed.isObject()) {
                done(SandboxReply::error(
                    400,
                    QStringLiteral("Unable to fetch the API definition from \"%1\": %2.")
                        .arg(target.toString(), reply->error() != QNetworkReply::NoError
                                                    ? reply->errorString()
                                                    : QStringLiteral("HTTP %1, or not a JSON document").arg(status))));
                return;
            }
            done(createFrom(input, parsed.object()));
        });
        return;
    }
    done(createFrom(input, document));
}

SandboxReply ApiRoutes::createFrom(QJsonObject input, const QJsonValue &document)
{
    if (!document.isUndefined() && !document.isObject())
        return SandboxReply::error(400, QStringLiteral("\"apiDefinition\" must be a Swagger 2.0 or OpenAPI 3 object."));
    const QJsonObject definition = document.toObject();
    const QJsonObject info = definition.value(key("info")).toObject();
    for (const char *field : {"apiName", "apiVersion", "apiDescription", "type", "maturityState"}) {
        const QJsonValue value = input.value(key(field));
        if (!value.isUndefined() && !value.isString())
            return SandboxReply::error(400, QStringLiteral("\"%1\" must be a string.").arg(key(field)));
    }
    QString apiName = input.value(key("apiName")).toString();
    if (apiName.isEmpty())
        apiName = info.value(key("title")).toString();
    if (apiName.trimmed().isEmpty())
        return SandboxReply::error(400, QStringLiteral("Unable to create the resource. Error in processing the payload "
                                                       "null. Error Message apiName is required. Check the correctness "
                                                       "of key and payload."));
    const QString type = input.value(key("type")).toString();
    if (type.isEmpty() || !documentTypes.contains(type))
        return SandboxReply::error(400, QStringLiteral("Unable to create the resource. Error in processing the payload "
                                                       "null. Error Message type must be one of swagger, openapi, "
                                                       "raml, wsdl. Check the correctness of key and payload."));
    if (type == QLatin1String("raml") || type == QLatin1String("wsdl") || type == QLatin1String("SOAP"))
        return SandboxReply::error(400,
                                   QStringLiteral("The sandbox creates REST APIs from Swagger or OpenAPI documents "
                                                  "only (type \"%1\" is not emulated).")
                                       .arg(type));
    QString apiVersion = input.value(key("apiVersion")).toString();
    if (apiVersion.isEmpty())
        apiVersion = info.value(key("version")).toString(key("1.0"));
    if (m_state.findApi(apiName, apiVersion))
        return SandboxReply::error(
            400, QStringLiteral("API with name %1 and version %2 already exists.").arg(apiName, apiVersion));

    QJsonObject api;
    for (auto it = input.begin(); it != input.end(); ++it) {
        static const QStringList inputOnly{key("url"),          key("type"), key("authorizationValue"),
                                           key("rootFileName"), key("id"),   key("policies"),
                                           key("isActive")};
        if (!inputOnly.contains(it.key()))
            api.insert(it.key(), it.value());
    }
    api.insert(key("apiName"), apiName);
    api.insert(key("apiVersion"), apiVersion);
    api.insert(key("type"), key("REST"));
    if (!api.contains(key("apiDescription")) && info.contains(key("description")))
        api.insert(key("apiDescription"), info.value(key("description")));
    if (!definition.isEmpty())
        api.insert(key("apiDefinition"), gatewayDefinition(definition));
    const QJsonValue natives = api.value(key("nativeEndpoint"));
    if (!natives.isUndefined() && !natives.isArray())
        return SandboxReply::error(400, QStringLiteral("\"nativeEndpoint\" must be an array of {\"uri\"}."));
    const QJsonObject created = m_state.createApi(api, natives.isArray() ? QString() : nativeEndpointOf(definition));
    return envelope(200, QJsonObject{{key("api"), created}, {key("responseStatus"), key("SUCCESS")}});
}

SandboxReply ApiRoutes::update(const AdminRequest &request)
{
    const QString id = request.captures.at(0);
    const auto existing = m_state.api(id);
    if (!existing)
        return notFound(id);
    SandboxReply error;
    auto body = request.jsonObject(&error);
    if (!body)
        return error;
    // Clients send back what GET gave them; take the API out of the envelope if it is there.
    QJsonObject api = *body;
    if (api.value(key("apiResponse")).toObject().value(key("api")).isObject())
        api = api.value(key("apiResponse")).toObject().value(key("api")).toObject();
    else if (api.value(key("api")).isObject())
        api = api.value(key("api")).toObject();
    for (const char *field : {"apiName", "apiVersion", "apiDescription", "maturityState", "owner"}) {
        const QJsonValue value = api.value(key(field));
        if (!value.isUndefined() && !value.isString())
            return SandboxReply::error(400, QStringLiteral("\"%1\" must be a string.").arg(key(field)));
    }
    for (const char *field : {"apiDefinition"}) {
        const QJsonValue value = api.value(key(field));
        if (!value.isUndefined() && !value.isObject())
            return SandboxReply::error(400, QStringLiteral("\"%1\" must be an object.").arg(key(field)));
    }
    for (const char *field : {"nativeEndpoint", "scopes", "policies"}) {
        const QJsonValue value = api.value(key(field));
        if (!value.isUndefined() && !value.isArray())
            return SandboxReply::error(400, QStringLiteral("\"%1\" must be an array.").arg(key(field)));
    }
    if (!api.contains(key("apiName")))
        api.insert(key("apiName"), existing->value(key("apiName")));
    if (!api.contains(key("apiVersion")))
        api.insert(key("apiVersion"), existing->value(key("apiVersion")));
    if (const auto other =
            m_state.findApi(api.value(key("apiName")).toString(), api.value(key("apiVersion")).toString());
        other && other->value(key("id")).toString() != id)
        return SandboxReply::error(
            400, QStringLiteral("API with name %1 and version %2 already exists.")
                     .arg(api.value(key("apiName")).toString(), api.value(key("apiVersion")).toString()));
    if (api.value(key("apiDefinition")).isObject())
        api.insert(key("apiDefinition"), gatewayDefinition(api.value(key("apiDefinition")).toObject()));
    // The server owns identity, the policy link, the state and the history fields.
    for (const char *owned : {"id", "policies", "isActive", "creationDate", "owner", "type"})
        api.insert(key(owned), existing->value(key(owned)));
    api.insert(key("systemVersion"), existing->value(key("systemVersion")).toInt(1));
    api.insert(key("lastModified"), SandboxState::nowTimestamp());
    m_state.put(Kind::Api, api);
    return envelope(200, QJsonObject{{key("api"), api}, {key("responseStatus"), key("SUCCESS")}});
}

std::optional<QString> ApiRoutes::deleteBlocker(const QJsonObject &api) const
{
    if (api.value(key("isActive")).toBool())
        return QStringLiteral("API %1 (%2) is active. Deactivate the API before deleting it.")
            .arg(api.value(key("apiName")).toString(), api.value(key("id")).toString());
    if (!api.value(key("publishedPortals")).toArray().isEmpty())
        return QStringLiteral("API %1 is published to a portal. Unpublish the API before deleting it.")
            .arg(api.value(key("apiName")).toString());
    return std::nullopt;
}

void ApiRoutes::deleteApi(const QJsonObject &api)
{
    for (const QJsonValue &policyId : api.value(key("policies")).toArray()) {
        if (const auto policy = m_state.policy(policyId.toString())) {
            for (const QJsonValue &group : policy->value(key("policyEnforcements")).toArray()) {
                for (const QJsonValue &enforcement : group.toObject().value(key("enforcements")).toArray())
                    m_state.remove(Kind::PolicyAction,
                                   enforcement.toObject().value(key("enforcementObjectId")).toString());
            }
            m_state.remove(Kind::Policy, policyId.toString());
        }
    }
    m_state.remove(Kind::Api, api.value(key("id")).toString());
}

SandboxReply ApiRoutes::remove(const AdminRequest &request)
{
    const auto api = m_state.api(request.captures.at(0));
    if (!api)
        return notFound(request.captures.at(0));
    if (const auto blocker = deleteBlocker(*api))
        return SandboxReply::error(400, *blocker);
    deleteApi(*api);
    return SandboxReply::noContent();
}

SandboxReply ApiRoutes::removeMany(const AdminRequest &request)
{
    const QStringList ids =
        request.query.queryItemValue(key("apiIds"), QUrl::FullyDecoded).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (ids.isEmpty())
        return SandboxReply::error(400, QStringLiteral("The query parameter \"apiIds\" is required (comma-separated "
                                                       "API ids)."));
    QJsonArray results;
    for (const QString &rawId : ids) {
        const QString id = rawId.trimmed();
        const auto api = m_state.api(id);
        if (!api) {
            results.append(QJsonObject{{key("apiId"), id},
                                       {key("errorReason"), QStringLiteral("Unable to find the resource: %1").arg(id)},
                                       {key("responseStatus"), key("NOT_FOUND")}});
            continue;
        }
        if (const auto blocker = deleteBlocker(*api)) {
            results.append(QJsonObject{{key("apiId"), id},
                                       {key("apiName"), api->value(key("apiName"))},
                                       {key("errorReason"), *blocker},
                                       {key("responseStatus"), key("ERROR")}});
            continue;
        }
        deleteApi(*api);
        results.append(QJsonObject{
            {key("apiId"), id}, {key("apiName"), api->value(key("apiName"))}, {key("responseStatus"), key("SUCCESS")}});
    }
    return SandboxReply::json(200, results);
}

SandboxReply ApiRoutes::setActive(const AdminRequest &request, bool active)
{
    const auto found = m_state.api(request.captures.at(0));
    if (!found)
        return notFound(request.captures.at(0));
    QJsonObject api = *found;
    const QString name = api.value(key("apiName")).toString();
    if (api.value(key("isActive")).toBool() == active)
        return SandboxReply::error(400, active ? QStringLiteral("API %1 is already active.").arg(name)
                                               : QStringLiteral("API %1 is already inactive.").arg(name));
    if (active && !hasEnabledResource(api))
        return SandboxReply::error(400, QStringLiteral("API %1 cannot be activated: it has no enabled resources or "
                                                       "operations.")
                                            .arg(name));
    api.insert(key("isActive"), active);
    api.insert(key("lastModified"), SandboxState::nowTimestamp());
    m_state.put(Kind::Api, api);
    return envelope(200, QJsonObject{{key("api"), api}, {key("responseStatus"), key("SUCCESS")}});
}

} // namespace gw
