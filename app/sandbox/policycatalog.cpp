// SPDX-License-Identifier: GPL-3.0-or-later
#include "policycatalog.h"

#include "sandboxstate.h"

namespace gw {

namespace {

QString key(const char *text)
{
    return QString::fromLatin1(text);
}

QJsonArray names(const QString &value)
{
    return QJsonArray{QJsonObject{{key("value"), value}, {key("locale"), key("en")}}};
}

struct Param
{
    const char *templateKey;
    const char *name;
    const char *type; // the model's enum: STRING, BOOLEAN, INT, OBJECT
    bool isArray = false;
    bool isRequired = false;
    QStringList possible = {};
    QStringList defaults = {};
    QList<QJsonObject> children = {};
};

QJsonObject parameter(const Param &p)
{
    QJsonObject object{{key("templateKey"), key(p.templateKey)},
                       {key("names"), names(key(p.name))},
                       {key("descriptions"), QJsonArray{}},
                       {key("type"), key(p.type)},
                       {key("isArray"), p.isArray},
                       {key("isRequired"), p.isRequired},
                       {key("canRender"), true}};
    if (!p.possible.isEmpty()) {
        QJsonArray possible;
        for (const QString &value : p.possible)
            possible.append(QJsonObject{{key("names"), names(value)}, {key("value"), value}});
        object.insert(key("possibleValues"), possible);
    }
    // The model declares defaultValues as objects while the product's sample lists strings: the
    // default is named in the description instead, so the answer stays valid against the model.
    if (!p.defaults.isEmpty())
        object.insert(key("descriptions"),
                      names(QStringLiteral("Default: %1").arg(p.defaults.join(QStringLiteral(", ")))));
    if (!p.children.isEmpty()) {
        QJsonArray children;
        for (const QJsonObject &child : p.children)
            children.append(child);
        object.insert(key("parameterTemplates"), children);
    }
    return object;
}

QJsonObject makeTemplate(const char *templateKey, const char *name, const char *description, const char *occurrence,
                         const QList<QJsonObject> &parameters)
{
    QJsonArray parameterTemplates;
    QJsonArray required;
    for (const QJsonObject &p : parameters) {
        parameterTemplates.append(p);
        if (p.value(key("isRequired")).toBool())
            required.append(p.value(key("templateKey")));
    }
    return QJsonObject{{key("templateKey"), key(templateKey)},
                       {key("names"), names(key(name))},
                       {key("descriptions"), names(key(description))},
                       {key("applicableServiceTypes"), QJsonArray{key("REST"), key("SOAP"), key("ODATA")}},
                       {key("parameterTemplates"), parameterTemplates},
                       {key("occurence"), key(occurrence)},
                       {key("requiredParametersKeys"), required},
                       {key("canAppliedAtResourceMethodLevel"), false}};
}

const QStringList authTypes{key("HTTP_BASIC"),
                            key("NTLM"),
                            key("OAUTH2"),
                            key("KERBEROS"),
                            key("JWT"),
                            key("ALIAS"),
                            key("REMOVE_INCOMING_HTTP_HEADERS")};
const QStringList authModes{key("NEW"),
                            key("INCOMING_HTTP_BASIC_AUTH"),
                            key("INCOMING_WSS_USER"),
                            key("INCOMING_X509"),
                            key("DELEGATE_INCOMING"),
                            key("INCOMING_OAUTH_TOKEN"),
                            key("INCOMING_JWT"),
                            key("TRANSPARENT"),
                            key("INCOMING_KERBEROS")};
const QStringList identificationTypes{
    key("apiKey"),         key("httpBasicAuth"),    key("oAuth2Token"),        key("jwtClaims"),
    key("openIdClaims"),   key("httpsCertificate"), key("wssecUsernameToken"), key("wssecX509Token"),
    key("payloadElement"), key("kerberosToken"),    key("ipAddressRange"),     key("hostNameAddress")};

} // namespace

PolicyCatalog::PolicyCatalog()
{
    const QList<QPair<QString, QStringList>> stageTemplates{
        {key("threatProtection"),
         {key("globalipdos"), key("ipdos"), key("egviolationalert"), key("MsgSizeLimitFilter"), key("OAuthFilter"),
          key("mobileAppProtectionFilter"), key("sqlInjectionFilter"), key("antiVirusFilter"),
          key("jsonThreatProtectionFilter"), key("xmlThreatProtectionFilter"), key("customFilter")}},
        {key("transport"), {key("entryProtocolPolicy"), key("setMediaType"), key("enableJmsORAmqp")}},
        {key("IAM"),
         {key("inboundAuthTransport"), key("webServiceSecurityPolicy"), key("authorizeUser"), key("evaluatePolicy")}},
        {key("requestPayloadProcessing"),
         {key("invokeESB"), key("xsltTransformation"), key("validateSchema"), key("requestInvokeESB"),
          key("requestTransformation"), key("requestDataMasking"), key("validateAPISpec"), key("customPolicy")}},
        {key("routing"),
         {key("contentBasedRouting"), key("contextBasedRouting"), key("dynamicRouting"), key("loadBalancerRouting"),
          key("straightThroughRouting"), key("customHttpHeaders"), key("outboundTransportAuthentication"),
          key("outboundMessageAuthentication"), key("jmsRouting")}},
        {key("LMT"),
         {key("logInvocation"), key("monitorServicePerformance"), key("monitorSLA"), key("throttle"),
          key("serviceResultCache")}},
        {key("responseProcessing"),
         {key("invokeESB"), key("xsltTransformation"), key("validateSchema"), key("responseInvokeESB"),
          key("responseTransformation"), key("responseDataMasking"), key("cors"), key("customPolicy")}},
        {key("responseFaultProcessing"), {key("conditionalErrorProcessing"), key("faultDataMasking")}}};
    const QHash<QString, QString> stageNames{{key("threatProtection"), key("Threat Protection")},
                                             {key("transport"), key("Transport")},
                                             {key("IAM"), key("Identity and Access Management")},
                                             {key("requestPayloadProcessing"), key("Request Payload Processing")},
                                             {key("routing"), key("Routing Policies")},
                                             {key("LMT"), key("Logging, Monitoring and Traffic Optimization")},
                                             {key("responseProcessing"), key("Response Processing")},
                                             {key("responseFaultProcessing"), key("Error Handling")}};
    for (const auto &stage : stageTemplates) {
        const bool outbound = stage.first.startsWith(QLatin1String("response"));
        m_stages.append(QJsonObject{{key("stageKey"), stage.first},
                                    {key("names"), names(stageNames.value(stage.first))},
                                    {key("descriptions"), QJsonArray{}},
                                    {key("policyActionTemplates"), QJsonArray::fromStringList(stage.second)},
                                    {key("sequence"), outbound ? key("outsequence") : key("insequence")}});
    }

    const QList<QJsonObject> modelled{
        makeTemplate(
            "entryProtocolPolicy", "Enable HTTP / HTTPS",
            "Encapsulates the access protocol (HTTP and/or HTTPS) which will be used by client for communicating to "
            "the "
            "API-Gateway.",
            "once",
            {parameter({"protocol", "Protocol", "STRING", true, true, {key("http"), key("https")}, {key("http")}}),
             parameter({"soapVersion",
                        "SOAP Version",
                        "STRING",
                        false,
                        false,
                        {key("soap"), key("soap12")},
                        {key("soap")}})}),
        makeTemplate(
            "evaluatePolicy", "Identify & Authorize Application",
            "Identifies the application of a request and authorizes it for the API.", "once",
            {// The sandbox's stand-in for the product's OAuth scope mappings: scopes a token must carry.
             parameter({"requiredScopes", "Required scopes", "STRING", true, false}),
             parameter({"logicalConnector", "Condition", "STRING", false, false, {key("AND"), key("OR")}, {key("OR")}}),
             parameter({"allowAnonymous",
                        "Allow access to unidentified applications",
                        "BOOLEAN",
                        false,
                        false,
                        {key("true"), key("false")},
                        {key("false")}}),
             parameter({"triggerPolicyViolationOnMissingAuthorizationHeader",
                        "Trigger policy violation if identification fails",
                        "BOOLEAN",
                        false,
                        false,
                        {key("true"), key("false")},
                        {key("false")}}),
             parameter(
                 {"IdentificationRule",
                  "Identification rule",
                  "OBJECT",
                  true,
                  true,
                  {},
                  {},
                  // Optional with the documented default "strict", as the official samples leave it out.
                  {parameter({"applicationLookup",
                              "Application lookup condition",
                              "STRING",
                              false,
                              false,
                              {key("strict"), key("open"), key("relax")},
                              {key("strict")}}),
                   parameter({"identificationType", "Identification type", "STRING", false, true, identificationTypes}),
                   parameter({"payloadIdentifier",
                              "Payload identifier",
                              "OBJECT",
                              false,
                              false,
                              {},
                              {},
                              {parameter({"expressionType",
                                          "Expression type",
                                          "STRING",
                                          false,
                                          true,
                                          {key("xpath"), key("jsonPath"), key("regex")}}),
                               parameter({"expression", "Expression", "STRING", false, true})}}),
                   parameter({"kerberosTokenAssertion",
                              "Kerberos token",
                              "OBJECT",
                              false,
                              false,
                              {},
                              {},
                              {parameter({"servicePrincipalName", "Service principal name", "STRING"}),
                               parameter({"servicePrincipalPassword", "Service principal password", "STRING"})}})}})}),
        makeTemplate("straightThroughRouting", "Straight Through Routing",
                     "Routes the requests directly to a native service endpoint.", "once",
                     {parameter({"endpointUri", "Endpoint URI", "STRING", false, true}),
                      parameter({"method",
                                 "HTTP method",
                                 "STRING",
                                 false,
                                 false,
                                 {key("CUSTOM"), key("GET"), key("POST"), key("PUT"), key("DELETE"), key("PATCH"),
                                  key("HEAD"), key("OPTIONS")},
                                 {key("CUSTOM")}}),
                      parameter({"connectTimeout", "Connection timeout (seconds)", "INT"}),
                      parameter({"readTimeout", "Read timeout (seconds)", "INT"}),
                      parameter({"suspendDurationOnFailure", "Suspend duration on failure", "INT"}),
                      parameter({"soapOptimizationMethod",
                                 "SOAP optimization method",
                                 "STRING",
                                 false,
                                 false,
                                 {key("None"), key("MTOM"), key("SwA")}}),
                      parameter({"httpConnectionTimeout", "HTTP connection timeout", "INT"}),
                      parameter({"passSecurityHeaders",
                                 "Pass WS-Security headers",
                                 "BOOLEAN",
                                 false,
                                 false,
                                 {key("true"), key("false")}}),
                      parameter({"sslConfig",
                                 "SSL configuration",
                                 "OBJECT",
                                 false,
                                 false,
                                 {},
                                 {},
                                 {parameter({"keyStoreAlias", "Keystore alias", "STRING"}),
                                  parameter({"keyAlias", "Key alias", "STRING"}),
                                  parameter({"trustStoreAlias", "Truststore alias", "STRING"})}})}),
        makeTemplate(
            "outboundTransportAuthentication", "Outbound Auth - Transport",
            "Authenticates the gateway to the native service at transport level.", "once",
            {parameter(
                {"transportSecurity",
                 "Transport security",
                 "OBJECT",
                 false,
                 true,
                 {},
                 {},
                 {parameter({"authType", "Authentication type", "STRING", false, true, authTypes}),
                  parameter({"authMode", "Authentication mode", "STRING", false, false, authModes, {key("NEW")}}),
                  parameter({"alias", "Alias", "STRING"}), parameter({"oauth2Token", "OAuth2 token", "STRING"}),
                  parameter(
                      {"httpAuthCredentials",
                       "HTTP credentials",
                       "OBJECT",
                       false,
                       false,
                       {},
                       {},
                       {parameter({"userName", "User name", "STRING", false, true}),
                        parameter({"password", "Password", "STRING"}), parameter({"domain", "Domain", "STRING"})}}),
                  parameter({"kerberosCredentials",
                             "Kerberos credentials",
                             "OBJECT",
                             false,
                             false,
                             {},
                             {},
                             {parameter({"clientPrincipal", "Client principal", "STRING"}),
                              parameter({"clientPassword", "Client password", "STRING"}),
                              parameter({"servicePrincipal", "Service principal", "STRING"}),
                              parameter({"servicePrincipalNameForm", "Service principal name form", "STRING"}),
                              parameter({"requestDelegateToken", "Delegate token", "BOOLEAN"})}})}})})};
    for (const QJsonObject &object : modelled) {
        const QString templateKey = object.value(key("templateKey")).toString();
        m_modelled.insert(templateKey, object);
        m_order.append(templateKey);
    }
}

QJsonArray PolicyCatalog::templates() const
{
    QJsonArray result;
    for (const QString &templateKey : m_order)
        result.append(m_modelled.value(templateKey));
    return result;
}

std::optional<QJsonObject> PolicyCatalog::actionTemplate(const QString &templateKey) const
{
    const auto it = m_modelled.constFind(templateKey);
    if (it == m_modelled.cend())
        return std::nullopt;
    return *it;
}

bool PolicyCatalog::isKnownTemplate(const QString &templateKey) const
{
    return !defaultStage(templateKey).isEmpty();
}

bool PolicyCatalog::isStage(const QString &stageKey) const
{
    for (const QJsonValue &stage : m_stages) {
        if (stage.toObject().value(key("stageKey")).toString() == stageKey)
            return true;
    }
    return false;
}

bool PolicyCatalog::stageAllows(const QString &stageKey, const QString &templateKey) const
{
    for (const QJsonValue &stage : m_stages) {
        const QJsonObject object = stage.toObject();
        if (object.value(key("stageKey")).toString() == stageKey)
            return object.value(key("policyActionTemplates")).toArray().contains(templateKey);
    }
    return false;
}

QString PolicyCatalog::defaultStage(const QString &templateKey) const
{
    for (const QJsonValue &stage : m_stages) {
        const QJsonObject object = stage.toObject();
        if (object.value(key("policyActionTemplates")).toArray().contains(templateKey))
            return object.value(key("stageKey")).toString();
    }
    return {};
}

QString PolicyCatalog::templateName(const QString &templateKey) const
{
    if (const auto found = actionTemplate(templateKey))
        return found->value(key("names")).toArray().at(0).toObject().value(key("value")).toString();
    return templateKey;
}

bool PolicyCatalog::occursOnce(const QString &templateKey) const
{
    // Routing is exclusive on the product: one routing action of each kind per API.
    if (const auto found = actionTemplate(templateKey))
        return found->value(key("occurence")).toString() == QLatin1String("once");
    return templateKey == QLatin1String("setMediaType") || templateKey.endsWith(QLatin1String("Routing"));
}

std::optional<QString> PolicyCatalog::validateParameters(const QJsonArray &parameters,
                                                         const QJsonArray &parameterTemplates,
                                                         const QString &where) const
{
    QHash<QString, QJsonObject> templatesByKey;
    for (const QJsonValue &value : parameterTemplates)
        templatesByKey.insert(value.toObject().value(key("templateKey")).toString(), value.toObject());
    QHash<QString, int> seen;
    for (const QJsonValue &value : parameters) {
        if (!value.isObject())
            return QStringLiteral("Each parameter of %1 must be an object with \"templateKey\".").arg(where);
        const QJsonObject parameterObject = value.toObject();
        const QString templateKey = parameterObject.value(key("templateKey")).toString();
        const auto it = templatesByKey.constFind(templateKey);
        if (it == templatesByKey.cend())
            return QStringLiteral("Parameter \"%1\" is not defined for %2.").arg(templateKey, where);
        const QJsonObject &parameterTemplate = *it;
        ++seen[templateKey];
        if (seen[templateKey] > 1 && !parameterTemplate.value(key("isArray")).toBool())
            return QStringLiteral("Parameter \"%1\" of %2 accepts only one entry.").arg(templateKey, where);
        const QString type = parameterTemplate.value(key("type")).toString();
        if (type == QLatin1String("OBJECT")) {
            const QJsonValue children = parameterObject.value(key("parameters"));
            if (!children.isArray())
                return QStringLiteral("Parameter \"%1\" of %2 needs \"parameters\" (an array).")
                    .arg(templateKey, where);
            if (auto error =
                    validateParameters(children.toArray(), parameterTemplate.value(key("parameterTemplates")).toArray(),
                                       QStringLiteral("\"%1\"").arg(templateKey)))
                return error;
            continue;
        }
        const QJsonValue valuesValue = parameterObject.value(key("values"));
        if (!valuesValue.isArray())
            return QStringLiteral("Parameter \"%1\" of %2 needs \"values\" (an array of strings).")
                .arg(templateKey, where);
        const QJsonArray values = valuesValue.toArray();
        if (values.size() > 1 && !parameterTemplate.value(key("isArray")).toBool())
            return QStringLiteral("Parameter \"%1\" of %2 accepts one value, got %3.")
                .arg(templateKey, where)
                .arg(values.size());
        QStringList possible;
        for (const QJsonValue &option : parameterTemplate.value(key("possibleValues")).toArray())
            possible.append(option.toObject().value(key("value")).toString());
        for (const QJsonValue &item : values) {
            if (!item.isString())
                return QStringLiteral("The values of parameter \"%1\" of %2 must be strings.").arg(templateKey, where);
            const QString text = item.toString();
            if (!possible.isEmpty() && !possible.contains(text))
                return QStringLiteral("Invalid value \"%1\" for parameter \"%2\" of %3. Allowed values: %4.")
                    .arg(text, templateKey, where, possible.join(QStringLiteral(", ")));
            if (type == QLatin1String("INT") && !text.isEmpty()) {
                bool ok = false;
                text.toLongLong(&ok);
                if (!ok)
                    return QStringLiteral("Parameter \"%1\" of %2 must be a number, got \"%3\".")
                        .arg(templateKey, where, text);
            }
        }
        if (parameterTemplate.value(key("isRequired")).toBool() && values.isEmpty())
            return QStringLiteral("Parameter \"%1\" of %2 needs a value.").arg(templateKey, where);
    }
    for (const QJsonValue &value : parameterTemplates) {
        const QJsonObject parameterTemplate = value.toObject();
        const QString templateKey = parameterTemplate.value(key("templateKey")).toString();
        if (parameterTemplate.value(key("isRequired")).toBool() && !seen.contains(templateKey))
            return QStringLiteral("The required parameter \"%1\" of %2 is missing.").arg(templateKey, where);
    }
    return std::nullopt;
}

static std::optional<QJsonObject> child(const QJsonArray &parameters, const QString &templateKey)
{
    for (const QJsonValue &value : parameters) {
        if (value.toObject().value(key("templateKey")).toString() == templateKey)
            return value.toObject();
    }
    return std::nullopt;
}

std::optional<QString> PolicyCatalog::validate(const QJsonObject &policyAction, const SandboxState &state) const
{
    const QJsonValue templateValue = policyAction.value(key("templateKey"));
    if (!templateValue.isString() || templateValue.toString().isEmpty())
        return QStringLiteral("The policy action has no \"templateKey\".");
    const QString templateKey = templateValue.toString();
    if (!isKnownTemplate(templateKey))
        return QStringLiteral("Policy action template \"%1\" does not exist. See /policyActionTemplates and "
                              "/policyStages for the available templates.")
            .arg(templateKey);
    for (const char *listKey : {"names", "descriptions"}) {
        const QJsonValue list = policyAction.value(key(listKey));
        if (!list.isUndefined() && !list.isArray())
            return QStringLiteral("\"%1\" must be an array of {\"value\", \"locale\"}.").arg(key(listKey));
    }
    const QJsonValue parametersValue = policyAction.value(key("parameters"));
    if (!parametersValue.isUndefined() && !parametersValue.isArray())
        return QStringLiteral("\"parameters\" must be an array.");
    const auto found = actionTemplate(templateKey);
    if (!found)
        return std::nullopt;
    const QString where = QStringLiteral("policy action template \"%1\"").arg(templateKey);
    const QJsonArray parameters = parametersValue.toArray();
    if (auto error = validateParameters(parameters, found->value(key("parameterTemplates")).toArray(), where))
        return error;

    if (templateKey == QLatin1String("outboundTransportAuthentication")) {
        const QJsonArray security = child(parameters, key("transportSecurity"))->value(key("parameters")).toArray();
        const auto authType = child(security, key("authType"));
        const QString type = authType ? authType->value(key("values")).toArray().at(0).toString() : QString();
        const auto authMode = child(security, key("authMode"));
        const QString mode = authMode ? authMode->value(key("values")).toArray().at(0).toString() : key("NEW");
        if (type == QLatin1String("HTTP_BASIC") && mode == QLatin1String("NEW")) {
            const auto credentials = child(security, key("httpAuthCredentials"));
            if (!credentials)
                return QStringLiteral("Outbound Auth - Transport with authType HTTP_BASIC and authMode NEW needs "
                                      "\"httpAuthCredentials\" (userName and password).");
        }
        if (type == QLatin1String("ALIAS")) {
            const auto alias = child(security, key("alias"));
            QString name = alias ? alias->value(key("values")).toArray().at(0).toString() : QString();
            if (name.startsWith(QLatin1String("${")) && name.endsWith(QLatin1Char('}')))
                name = name.mid(2, name.size() - 3);
            if (name.isEmpty())
                return QStringLiteral("Outbound Auth - Transport with authType ALIAS needs the \"alias\" parameter "
                                      "(the name of an httpTransportSecurityAlias).");
            const auto stored = state.findAliasByName(name);
            if (!stored)
                return QStringLiteral("Alias \"%1\" does not exist.").arg(name);
            if (stored->value(key("type")).toString() != QLatin1String("httpTransportSecurityAlias"))
                return QStringLiteral("Alias \"%1\" is of type %2; Outbound Auth - Transport needs an "
                                      "httpTransportSecurityAlias.")
                    .arg(name, stored->value(key("type")).toString());
        }
    }
    return std::nullopt;
}

} // namespace gw
