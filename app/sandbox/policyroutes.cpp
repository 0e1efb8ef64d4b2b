// SPDX-License-Identifier: GPL-3.0-or-later
#include "policyroutes.h"

#include "sandboxstate.h"

#include <QSet>

namespace gw {

using Kind = SandboxState::Kind;

static QString key(const char *text)
{
    return QString::fromLatin1(text);
}

/// The Scope model requires applicableAPITypes and logicalConnector; fill them when a client leaves them out.
static void completeScope(QJsonObject &policy)
{
    QJsonObject scope = policy.value(key("scope")).toObject();
    if (!scope.value(key("applicableAPITypes")).isArray())
        scope.insert(key("applicableAPITypes"), QJsonArray{key("REST"), key("SOAP")});
    if (!scope.value(key("logicalConnector")).isString())
        scope.insert(key("logicalConnector"), key("AND"));
    if (!scope.value(key("scopeConditions")).isArray())
        scope.insert(key("scopeConditions"), QJsonArray{});
    policy.insert(key("scope"), scope);
}

static QStringList idList(const AdminRequest &request, const char *parameter)
{
    QStringList ids;
    const QString text = request.query.queryItemValue(key(parameter), QUrl::FullyDecoded);
    for (const QString &id : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        ids.append(id.trimmed());
    return ids;
}

/// The body of a POST/PUT: {"<wrapper>": {...}}, or the bare object (accepted too, as clients differ).
static std::optional<QJsonObject> unwrap(const AdminRequest &request, const char *wrapper, SandboxReply *error)
{
    const auto body = request.jsonObject(error);
    if (!body)
        return std::nullopt;
    const QJsonValue inner = body->value(key(wrapper));
    if (inner.isObject())
        return inner.toObject();
    if (!inner.isUndefined()) {
        *error = SandboxReply::error(400, QStringLiteral("Unable to create the resource. Error in processing the "
                                                         "payload %1. Error Message \"%1\" must be an object. Check "
                                                         "the correctness of key and payload.")
                                              .arg(key(wrapper)));
        return std::nullopt;
    }
    return body;
}

PolicyRoutes::PolicyRoutes(SandboxState &state)
    : m_state(state)
{}

void PolicyRoutes::addTo(AdminRouter &router)
{
    router.add(key("GET"), key("/policyStages"), [this](const AdminRequest &) {
        return SandboxReply::json(200, QJsonObject{{key("stages"), m_catalog.stages()}});
    });
    router.add(key("GET"), key("/policyActionTemplates"), [this](const AdminRequest &) {
        return SandboxReply::json(200, QJsonObject{{key("policyActionTemplates"), m_catalog.templates()}});
    });
    router.add(key("GET"), key("/policyActionTemplates/([^/]+)"), [this](const AdminRequest &request) {
        const auto found = m_catalog.actionTemplate(request.captures.at(0));
        if (!found)
            return SandboxReply::error(404,
                                       QStringLiteral("Unable to find the resource: %1").arg(request.captures.at(0)));
        return SandboxReply::json(200, QJsonObject{{key("policyActionTemplates"), *found}});
    });
    router.add(key("GET"), key("/policies"), [this](const AdminRequest &r) { return listPolicies(r); });
    router.add(key("POST"), key("/policies"), [this](const AdminRequest &r) { return createPolicy(r); });
    router.add(key("GET"), key("/policies/([^/]+)"), [this](const AdminRequest &r) { return getPolicy(r); });
    router.add(key("PUT"), key("/policies/([^/]+)"), [this](const AdminRequest &r) { return updatePolicy(r); });
    router.add(key("DELETE"), key("/policies/([^/]+)"), [this](const AdminRequest &r) { return deletePolicy(r); });
    router.add(key("GET"), key("/policyActions"), [this](const AdminRequest &r) { return listActions(r); });
    router.add(key("POST"), key("/policyActions"), [this](const AdminRequest &r) { return createAction(r); });
    router.add(key("GET"), key("/policyActions/([^/]+)"), [this](const AdminRequest &r) { return getAction(r); });
    router.add(key("PUT"), key("/policyActions/([^/]+)"), [this](const AdminRequest &r) { return updateAction(r); });
    router.add(key("DELETE"), key("/policyActions/([^/]+)"), [this](const AdminRequest &r) { return deleteAction(r); });
}

SandboxReply PolicyRoutes::listPolicies(const AdminRequest &request) const
{
    const QStringList ids = idList(request, "policyIds");
    const QString type = request.query.queryItemValue(key("policyType"));
    QJsonArray policies;
    for (const QJsonObject &policy : m_state.all(Kind::Policy)) {
        if (!ids.isEmpty() && !ids.contains(policy.value(key("id")).toString()))
            continue;
        if (type == QLatin1String("global") && !policy.value(key("global")).toBool())
            continue;
        if (type == QLatin1String("template") &&
            policy.value(key("policyScope")).toString() != QLatin1String("TEMPLATE"))
            continue;
        policies.append(policy);
    }
    return SandboxReply::json(200, QJsonObject{{key("policy"), policies}});
}

SandboxReply PolicyRoutes::getPolicy(const AdminRequest &request) const
{
    const auto policy = m_state.policy(request.captures.at(0));
    if (!policy)
        return SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(request.captures.at(0)));
    return SandboxReply::json(200, QJsonObject{{key("policy"), *policy}});
}

std::optional<QString> PolicyRoutes::validateEnforcements(const QJsonValue &policyEnforcements, int *status) const
{
    *status = 400;
    if (policyEnforcements.isUndefined())
        return std::nullopt;
    if (!policyEnforcements.isArray())
        return QStringLiteral("\"policyEnforcements\" must be an array of {\"stageKey\", \"enforcements\"}.");
    QHash<QString, int> templateCount;
    for (const QJsonValue &groupValue : policyEnforcements.toArray()) {
        const QJsonObject group = groupValue.toObject();
        const QString stageKey = group.value(key("stageKey")).toString();
        if (!groupValue.isObject() || !m_catalog.isStage(stageKey))
            return QStringLiteral("Invalid stage \"%1\" in policyEnforcements. See /policyStages for the stages.")
                .arg(stageKey);
        const QJsonValue enforcements = group.value(key("enforcements"));
        if (!enforcements.isArray())
            return QStringLiteral("\"enforcements\" of stage %1 must be an array.").arg(stageKey);
        for (const QJsonValue &enforcementValue : enforcements.toArray()) {
            const QJsonObject enforcement = enforcementValue.toObject();
            const QJsonValue idValue = enforcement.value(key("enforcementObjectId"));
            if (!idValue.isString())
                return QStringLiteral("Each enforcement of stage %1 needs \"enforcementObjectId\" (a string).")
                    .arg(stageKey);
            const QJsonValue order = enforcement.value(key("order"));
            if (!order.isUndefined() && !order.isNull() && !order.isString())
                return QStringLiteral("\"order\" of enforcement %1 must be a string.").arg(idValue.toString());
            const auto action = m_state.policyAction(idValue.toString());
            if (!action)
                return QStringLiteral("Unable to find the resource: %1").arg(idValue.toString());
            const QString templateKey = action->value(key("templateKey")).toString();
            if (!m_catalog.stageAllows(stageKey, templateKey))
                return QStringLiteral("Policy action %1 with template %2 cannot be added to stage %3; it belongs to "
                                      "stage %4.")
                    .arg(idValue.toString(), templateKey, stageKey, m_catalog.defaultStage(templateKey));
            if (++templateCount[templateKey] > 1 && m_catalog.occursOnce(templateKey)) {
                *status = 500;
                return QStringLiteral("An API can be associated with only one policy action with template id %1")
                    .arg(m_catalog.templateName(templateKey));
            }
        }
    }
    return std::nullopt;
}

SandboxReply PolicyRoutes::createPolicy(const AdminRequest &request)
{
    SandboxReply error;
    auto policy = unwrap(request, "policy", &error);
    if (!policy)
        return error;
    int status = 400;
    if (const auto invalid = validateEnforcements(policy->value(key("policyEnforcements")), &status))
        return SandboxReply::error(status, *invalid);
    policy->insert(key("id"), SandboxState::newId());
    completeScope(*policy);
    if (!policy->contains(key("policyScope")))
        policy->insert(key("policyScope"), key("GLOBAL"));
    for (const char *flag : {"global", "active", "systemPolicy"}) {
        if (!policy->value(key(flag)).isBool())
            policy->insert(key(flag), QLatin1String(flag) == QLatin1String("global") &&
                                          policy->value(key("policyScope")).toString() == QLatin1String("GLOBAL"));
    }
    m_state.put(Kind::Policy, *policy);
    return SandboxReply::json(201, QJsonObject{{key("policy"), *policy}});
}

SandboxReply PolicyRoutes::updatePolicy(const AdminRequest &request)
{
    const QString id = request.captures.at(0);
    const auto existing = m_state.policy(id);
    if (!existing)
        return SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(id));
    SandboxReply error;
    auto policy = unwrap(request, "policy", &error);
    if (!policy)
        return error;
    int status = 400;
    if (const auto invalid = validateEnforcements(policy->value(key("policyEnforcements")), &status)) {
        if (status == 500) {
            // The product names the API the conflict is on.
            for (const QJsonObject &api : m_state.apis()) {
                if (api.value(key("policies")).toArray().contains(id))
                    return SandboxReply::error(500, QStringLiteral("Conflict between policies for API - %1 -  %2")
                                                        .arg(api.value(key("apiName")).toString(), *invalid));
            }
        }
        return SandboxReply::error(status, *invalid);
    }
    // Identity and kind of a policy are the server's.
    policy->insert(key("id"), id);
    completeScope(*policy);
    for (const char *fixed : {"policyScope", "global", "systemPolicy"}) {
        if (existing->contains(key(fixed)))
            policy->insert(key(fixed), existing->value(key(fixed)));
    }
    if (!policy->value(key("active")).isBool())
        policy->insert(key("active"), existing->value(key("active")).toBool());
    m_state.put(Kind::Policy, *policy);
    return SandboxReply::json(200, QJsonObject{{key("policy"), *policy}});
}

SandboxReply PolicyRoutes::deletePolicy(const AdminRequest &request)
{
    const QString id = request.captures.at(0);
    const auto policy = m_state.policy(id);
    if (!policy)
        return SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(id));
    const QString name = policy->value(key("names")).toArray().at(0).toObject().value(key("value")).toString();
    if (policy->value(key("active")).toBool())
        return SandboxReply::error(500,
                                   QStringLiteral("Policy [%1] is in active state, hence cannot be deleted. Please "
                                                  "deactivate the policy to delete")
                                       .arg(name));
    for (const QJsonObject &api : m_state.apis()) {
        if (api.value(key("policies")).toArray().contains(id))
            return SandboxReply::error(400, QStringLiteral("Policy [%1] belongs to API %2 and is deleted with the API.")
                                                .arg(name, api.value(key("apiName")).toString()));
    }
    for (const QJsonValue &group : policy->value(key("policyEnforcements")).toArray()) {
        for (const QJsonValue &enforcement : group.toObject().value(key("enforcements")).toArray())
            m_state.remove(Kind::PolicyAction, enforcement.toObject().value(key("enforcementObjectId")).toString());
    }
    m_state.remove(Kind::Policy, id);
    return SandboxReply::noContent();
}

SandboxReply PolicyRoutes::listActions(const AdminRequest &request) const
{
    const QStringList ids = idList(request, "policyActionIds");
    QJsonArray actions;
    for (const QJsonObject &action : m_state.all(Kind::PolicyAction)) {
        if (ids.isEmpty() || ids.contains(action.value(key("id")).toString()))
            actions.append(action);
    }
    return SandboxReply::json(200, QJsonObject{{key("policyAction"), actions}});
}

SandboxReply PolicyRoutes::getAction(const AdminRequest &request) const
{
    const auto action = m_state.policyAction(request.captures.at(0));
    if (!action)
        return SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(request.captures.at(0)));
    return SandboxReply::json(200, QJsonObject{{key("policyAction"), *action}});
}

SandboxReply PolicyRoutes::createAction(const AdminRequest &request)
{
    SandboxReply error;
    auto action = unwrap(request, "policyAction", &error);
    if (!action)
        return error;
    if (const auto invalid = m_catalog.validate(*action, m_state))
        return SandboxReply::error(400, *invalid);
    action->insert(key("id"), SandboxState::newId());
    if (!action->value(key("active")).isBool())
        action->insert(key("active"), false);
    if (!action->contains(key("names")))
        action->insert(
            key("names"),
            QJsonArray{QJsonObject{{key("value"), m_catalog.templateName(action->value(key("templateKey")).toString())},
                                   {key("locale"), key("en")}}});
    m_state.put(Kind::PolicyAction, *action);
    return SandboxReply::json(201, QJsonObject{{key("policyAction"), *action}});
}

SandboxReply PolicyRoutes::updateAction(const AdminRequest &request)
{
    static const QString prefix =
        QStringLiteral("Unable to process the PUT request for APIs. An error occurred while processing the payload. "
                       "Error message:\n ");
    const QString id = request.captures.at(0);
    const auto existing = m_state.policyAction(id);
    if (!existing)
        return SandboxReply::error(500, prefix + QStringLiteral("Unable to find the resource: %1").arg(id));
    SandboxReply error;
    auto action = unwrap(request, "policyAction", &error);
    if (!action) {
        error.body = QJsonDocument(QJsonObject{{key("errorDetails"), QString(QLatin1Char(' ') + prefix +
                                                                             QJsonDocument::fromJson(error.body)
                                                                                 .object()
                                                                                 .value(key("errorDetails"))
                                                                                 .toString()
                                                                                 .trimmed())}})
                         .toJson(QJsonDocument::Compact);
        return error;
    }
    if (const auto invalid = m_catalog.validate(*action, m_state))
        return SandboxReply::error(400, prefix + *invalid);
    action->insert(key("id"), id);
    if (!action->value(key("active")).isBool())
        action->insert(key("active"), existing->value(key("active")).toBool());
    m_state.put(Kind::PolicyAction, *action);
    return SandboxReply::json(200, QJsonObject{{key("policyAction"), *action}});
}

SandboxReply PolicyRoutes::deleteAction(const AdminRequest &request)
{
    const QString id = request.captures.at(0);
    if (!m_state.contains(Kind::PolicyAction, id))
        return SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(id));
    // Keep policies consistent: an enforcement never points to a deleted action.
    for (QJsonObject policy : m_state.all(Kind::Policy)) {
        QJsonArray groups = policy.value(key("policyEnforcements")).toArray();
        bool touched = false;
        for (qsizetype g = 0; g < groups.size(); ++g) {
            QJsonObject group = groups.at(g).toObject();
            QJsonArray kept;
            for (const QJsonValue &enforcement : group.value(key("enforcements")).toArray()) {
                if (enforcement.toObject().value(key("enforcementObjectId")).toString() == id)
                    touched = true;
                else
                    kept.append(enforcement);
            }
            group.insert(key("enforcements"), kept);
            groups.replace(g, group);
        }
        if (touched) {
            policy.insert(key("policyEnforcements"), groups);
            m_state.put(Kind::Policy, policy);
        }
    }
    m_state.remove(Kind::PolicyAction, id);
    return SandboxReply::noContent();
}

} // namespace gw
