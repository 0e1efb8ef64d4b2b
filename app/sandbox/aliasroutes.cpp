// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliasroutes.h"

#include "sandboxstate.h"

namespace gw {

using Kind = SandboxState::Kind;

static QString key(const char *text)
{
    return QString::fromLatin1(text);
}

static const QStringList aliasTypes{key("simple"),
                                    key("endpoint"),
                                    key("httpTransportSecurityAlias"),
                                    key("soapMessageSecurityAlias"),
                                    key("samlIssuerAlias"),
                                    key("authServerAlias"),
                                    key("webmethodsAlias"),
                                    key("transformationAlias"),
                                    key("serviceRegistryAlias"),
                                    key("clientMetadataMapping"),
                                    key("awsConfigurationAlias"),
                                    key("isConfigurationAlias")};
static const QStringList authTypes{key("HTTP_BASIC"),
                                   key("NTLM"),
                                   key("OAUTH2"),
                                   key("KERBEROS"),
                                   key("JWT"),
                                   key("ALIAS"),
                                   key("REMOVE_INCOMING_HTTP_HEADERS")};
static const QStringList authModes{key("NEW"),
                                   key("INCOMING_HTTP_BASIC_AUTH"),
                                   key("INCOMING_WSS_USER"),
                                   key("INCOMING_X509"),
                                   key("DELEGATE_INCOMING"),
                                   key("INCOMING_OAUTH_TOKEN"),
                                   key("INCOMING_JWT"),
                                   key("TRANSPARENT"),
                                   key("INCOMING_KERBEROS")};

AliasRoutes::AliasRoutes(SandboxState &state)
    : m_state(state)
{}

void AliasRoutes::addTo(AdminRouter &router)
{
    router.add(key("GET"), key("/alias"), [this](const AdminRequest &r) { return list(r); });
    router.add(key("POST"), key("/alias"), [this](const AdminRequest &r) { return create(r); });
    router.add(key("GET"), key("/alias/([^/]+)"), [this](const AdminRequest &r) { return get(r); });
    router.add(key("PUT"), key("/alias/([^/]+)"), [this](const AdminRequest &r) { return update(r); });
    router.add(key("DELETE"), key("/alias/([^/]+)"), [this](const AdminRequest &r) { return remove(r); });
}

QString AliasRoutes::encodedSecret(const QString &secret)
{
    const QByteArray latin = secret.toLatin1();
    if (!secret.isEmpty() && secret.size() % 4 == 0 && QString::fromLatin1(latin) == secret) {
        const auto decoded = QByteArray::fromBase64Encoding(latin, QByteArray::AbortOnBase64DecodingErrors);
        if (decoded) {
            const QString text = QString::fromUtf8(decoded.decoded);
            const bool printable = !text.isEmpty() && text.toUtf8() == decoded.decoded &&
                                   std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isPrint(); });
            if (printable)
                return secret;
        }
    }
    return QString::fromLatin1(secret.toUtf8().toBase64());
}

SandboxReply AliasRoutes::list(const AdminRequest &request) const
{
    const QString type = request.query.queryItemValue(key("type"));
    QJsonArray aliases;
    for (const QJsonObject &alias : m_state.all(Kind::Alias)) {
        if (type.isEmpty() || alias.value(key("type")).toString() == type)
            aliases.append(m_state.masksAliasSecrets() ? SandboxState::maskedAlias(alias) : alias);
    }
    return SandboxReply::json(200, QJsonObject{{key("alias"), aliases}});
}

SandboxReply AliasRoutes::get(const AdminRequest &request) const
{
    const auto alias = m_state.alias(request.captures.at(0));
    if (!alias)
        return SandboxReply::error(404,
                                   QStringLiteral("Alias with id: %1 does not exist.").arg(request.captures.at(0)));
    return SandboxReply::json(
        200, QJsonObject{{key("alias"), m_state.masksAliasSecrets() ? SandboxState::maskedAlias(*alias) : *alias}});
}

static std::optional<QJsonObject> aliasBody(const AdminRequest &request, SandboxReply *error)
{
    auto body = request.jsonObject(error);
    if (body && body->value(key("alias")).isObject())
        return body->value(key("alias")).toObject();
    return body;
}

std::optional<QString> AliasRoutes::normalise(QJsonObject &alias, const QString &ownId) const
{
    const QJsonValue name = alias.value(key("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return QStringLiteral("The alias needs a \"name\" (a non-empty string).");
    const QJsonValue type = alias.value(key("type"));
    if (!type.isString() || !aliasTypes.contains(type.toString()))
        return QStringLiteral("The alias \"type\" must be one of %1.").arg(aliasTypes.join(QStringLiteral(", ")));
    for (const char *text : {"description", "owner", "stage"}) {
        const QJsonValue value = alias.value(key(text));
        if (!value.isUndefined() && !value.isNull() && !value.isString())
            return QStringLiteral("The alias field \"%1\" must be a string.").arg(key(text));
    }
    if (const auto existing = m_state.findAliasByName(name.toString());
        existing && existing->value(key("id")).toString() != ownId)
        return QStringLiteral("Alias with name %1 already exists.").arg(name.toString());

    const QString kind = type.toString();
    if (kind == QLatin1String("simple")) {
        if (!alias.value(key("value")).isString())
            return QStringLiteral("A simple alias needs a \"value\" (a string).");
    } else if (kind == QLatin1String("endpoint")) {
        if (!alias.value(key("endPointURI")).isString())
            return QStringLiteral("An endpoint alias needs an \"endPointURI\" (a string).");
        for (const char *number : {"connectionTimeout", "readTimeout"}) {
            const QJsonValue value = alias.value(key(number));
            if (value.isUndefined() || value.isNull() || value.isDouble())
                continue;
            bool ok = false;
            const int seconds = value.toString().toInt(&ok);
            if (!value.isString() || !ok)
                return QStringLiteral("The endpoint alias field \"%1\" must be a number of seconds.").arg(key(number));
            alias.insert(key(number), seconds); // the model's type is integer
        }
        const QJsonValue pass = alias.value(key("passSecurityHeaders"));
        if (!pass.isUndefined() && !pass.isBool())
            return QStringLiteral("The endpoint alias field \"passSecurityHeaders\" must be a boolean.");
    } else if (kind == QLatin1String("httpTransportSecurityAlias")) {
        const QJsonValue authType = alias.value(key("authType"));
        if (!authType.isString() || !authTypes.contains(authType.toString()))
            return QStringLiteral("The httpTransportSecurityAlias \"authType\" must be one of %1.")
                .arg(authTypes.join(QStringLiteral(", ")));
        const QJsonValue authMode = alias.value(key("authMode"));
        if (!authMode.isUndefined() && (!authMode.isString() || !authModes.contains(authMode.toString())))
            return QStringLiteral("The httpTransportSecurityAlias \"authMode\" must be one of %1.")
                .arg(authModes.join(QStringLiteral(", ")));
        const QJsonValue credentialsValue = alias.value(key("httpAuthCredentials"));
        if (!credentialsValue.isUndefined() && !credentialsValue.isObject())
            return QStringLiteral("\"httpAuthCredentials\" must be an object with userName, password and domain.");
        QJsonObject credentials = credentialsValue.toObject();
        for (const char *text : {"userName", "password", "domain"}) {
            const QJsonValue value = credentials.value(key(text));
            if (!value.isUndefined() && !value.isNull() && !value.isString())
                return QStringLiteral("\"httpAuthCredentials.%1\" must be a string.").arg(key(text));
        }
        const bool basicNew =
            (authType.toString() == QLatin1String("HTTP_BASIC") || authType.toString() == QLatin1String("NTLM")) &&
            authMode.toString(key("NEW")) == QLatin1String("NEW");
        if (basicNew && credentials.value(key("userName")).toString().isEmpty())
            return QStringLiteral("An httpTransportSecurityAlias with authType %1 and authMode NEW needs "
                                  "\"httpAuthCredentials\" with a \"userName\".")
                .arg(authType.toString());
        if (credentials.value(key("password")).isString()) {
            credentials.insert(key("password"), encodedSecret(credentials.value(key("password")).toString()));
            alias.insert(key("httpAuthCredentials"), credentials);
        }
        if (alias.value(key("oauth2Token")).isString())
            alias.insert(key("oauth2Token"), encodedSecret(alias.value(key("oauth2Token")).toString()));
        QJsonObject kerberos = alias.value(key("kerberosCredentials")).toObject();
        if (kerberos.value(key("clientPassword")).isString()) {
            kerberos.insert(key("clientPassword"), encodedSecret(kerberos.value(key("clientPassword")).toString()));
            alias.insert(key("kerberosCredentials"), kerberos);
        }
    }
    return std::nullopt;
}

SandboxReply AliasRoutes::create(const AdminRequest &request)
{
    SandboxReply error;
    auto alias = aliasBody(request, &error);
    if (!alias)
        return error;
    if (const auto invalid = normalise(*alias, QString()))
        return SandboxReply::error(400, *invalid);
    alias->insert(key("id"), SandboxState::newId());
    if (!alias->contains(key("owner")))
        alias->insert(key("owner"), key("Administrator"));
    m_state.put(Kind::Alias, *alias);
    return SandboxReply::json(
        201, QJsonObject{{key("alias"), m_state.masksAliasSecrets() ? SandboxState::maskedAlias(*alias) : *alias}});
}

SandboxReply AliasRoutes::update(const AdminRequest &request)
{
    static const QString prefix = QStringLiteral("Unable to process the PUT request for alias. Error occurred while "
                                                 "processing the payload. Error Message:\n ");
    const QString id = request.captures.at(0);
    const auto existing = m_state.alias(id);
    if (!existing)
        return SandboxReply::error(404, prefix + QStringLiteral("Alias with id: %1 does not exist.").arg(id));
    if (SandboxState::isSystemAlias(*existing))
        return SandboxReply::error(405, prefix + QStringLiteral("Method: PUT is not allowed on resource: alias"));
    SandboxReply error;
    auto alias = aliasBody(request, &error);
    if (!alias)
        return error;
    if (const auto invalid = normalise(*alias, id))
        return SandboxReply::error(400, prefix + *invalid);
    if (alias->value(key("type")).toString() != existing->value(key("type")).toString())
        return SandboxReply::error(400, prefix + QStringLiteral("The type of alias %1 cannot change from %2 to %3.")
                                                     .arg(existing->value(key("name")).toString(),
                                                          existing->value(key("type")).toString(),
                                                          alias->value(key("type")).toString()));
    alias->insert(key("id"), id);
    if (!alias->contains(key("owner")))
        alias->insert(key("owner"), existing->value(key("owner")));
    m_state.put(Kind::Alias, *alias);
    return SandboxReply::json(
        200, QJsonObject{{key("alias"), m_state.masksAliasSecrets() ? SandboxState::maskedAlias(*alias) : *alias}});
}

static bool mentionsAlias(const QJsonArray &parameters, const QString &name)
{
    for (const QJsonValue &value : parameters) {
        const QJsonObject parameter = value.toObject();
        for (const QJsonValue &item : parameter.value(key("values")).toArray()) {
            const QString text = item.toString();
            if (text == name || text.contains(QStringLiteral("${") + name + QLatin1Char('}')))
                return true;
        }
        if (mentionsAlias(parameter.value(key("parameters")).toArray(), name))
            return true;
    }
    return false;
}

SandboxReply AliasRoutes::remove(const AdminRequest &request)
{
    const QString id = request.captures.at(0);
    const auto alias = m_state.alias(id);
    if (!alias)
        return SandboxReply::error(404, QStringLiteral("Alias with id: %1 does not exist.").arg(id));
    if (SandboxState::isSystemAlias(*alias))
        return SandboxReply::error(405, QStringLiteral("Unable to process the DELETE request for alias. Method: DELETE "
                                                       "is not allowed on resource: alias"));
    const QString name = alias->value(key("name")).toString();
    for (const QJsonObject &action : m_state.all(Kind::PolicyAction)) {
        if (mentionsAlias(action.value(key("parameters")).toArray(), name))
            return SandboxReply::error(400,
                                       QStringLiteral("Alias %1 is used by policy action %2 and cannot be deleted.")
                                           .arg(name, action.value(key("id")).toString()));
    }
    m_state.remove(Kind::Alias, id);
    return SandboxReply::noContent();
}

} // namespace gw
