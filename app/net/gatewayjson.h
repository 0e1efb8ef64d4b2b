// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "observedstate.h"
#include "workspace.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// The console's own reading and writing of the API Gateway admin JSON, from the official
/// Swagger files and Postman samples (APIGatewayServiceManagement, APIGatewayPolicyManagement,
/// APIGatewayAlias). Readers accept the documented envelope and the bare form, and never trust
/// a type: a hostile or odd reply gives an error text, not a crash.
namespace gw::GatewayJson {

struct ApiSummary
{
    QString id;
    QString name;
    QString version;
};

struct ApiDetails
{
    QString id;
    QString name;
    QString version;
    QString description;
    bool active = false;
    QString policyId;
    QStringList tags; ///< apiDefinition.apiTags and the names of apiDefinition.tags
};

struct Enforcement
{
    QString stageKey;
    QString actionId;
};

/// GET /apis: {"apiResponse":[{"api":{...},"responseStatus":"SUCCESS"}, ...]}
QList<ApiSummary> apiList(const QJsonValue &reply, QString *error);
/// GET /apis/{id} and POST /apis: {"apiResponse":{"api":{...}}}
std::optional<ApiDetails> apiDetails(const QJsonValue &reply, QString *error);
/// POST /apis body (InputAPI) for a REST API fronting the proxy's routing endpoint.
QJsonObject createApiBody(const GatewayProxy &proxy);

/// The object a GET of one resource answers: {"policy":{...}} for envelope "policy", or the bare object (with
/// its "id") where the API allows it. Anything else — null, an array, an empty object, an envelope holding
/// something other than a non-empty object — is nullopt with `error` saying what was expected and what came,
/// and is never read as "nothing there": a write based on it would delete what could not be read.
std::optional<QJsonObject> readObject(const QJsonValue &reply, const char *envelope, QString *error);
/// The items of a list answer ({"alias":[...]} for envelope "alias", a bare array, or one wrapped object);
/// nullopt with `error` when the list is missing, null or holds something other than objects.
std::optional<QList<QJsonObject>> readList(const QJsonValue &reply, const char *envelope, QString *error);

/// GET/PUT /policies/{id}: {"policy":{...}}
QJsonObject policyObject(const QJsonValue &reply);
QList<Enforcement> enforcements(const QJsonObject &policy);
/// The policy with the managed enforcements set: every id in `remove` dropped, then each id of
/// `add` (stage, id) appended to its stage unless present. Other stages and actions are kept as they are.
QJsonObject policyWithEnforcements(QJsonObject policy, const QStringList &remove, const QList<Enforcement> &add);

/// GET /policyActions?policyActionIds=: {"policyAction":[...]} (or a bare array, or one object)
QList<QJsonObject> policyActions(const QJsonValue &reply);
/// GET/POST/PUT /policyActions/{id}: {"policyAction":{...}}
QJsonObject policyActionObject(const QJsonValue &reply);

QString stageOf(const QString &templateKey);
QString actionName(const QJsonObject &action);

InboundAuth inboundFromAction(const QJsonObject &evaluatePolicy, QStringList *notes);
QString routingFromAction(const QJsonObject &straightThroughRouting);
OutboundAuth outboundFromAction(const QJsonObject &outboundTransportAuthentication, QStringList *notes);

/// The action to create, or `before` with the managed parameters replaced and every other kept.
QJsonObject inboundAction(const InboundAuth &inbound, const QJsonObject &before = {});
QJsonObject routingAction(const QString &endpointUri, const QJsonObject &before = {});
QJsonObject outboundAction(const OutboundAuth &outbound, const QJsonObject &before = {});
/// The action without secret parameter values (inline passwords, tokens), for display.
QJsonObject redactedAction(QJsonObject action);

/// GET /alias: {"alias":[...]} (or a bare array)
QList<QJsonObject> aliases(const QJsonValue &reply);
/// POST/GET/PUT /alias/{id}: the alias object, bare or wrapped in {"alias":{...}}
QJsonObject aliasObject(const QJsonValue &reply);
ObservedAlias observedAlias(const QJsonObject &alias, Environment::AliasPasswordEncoding encoding);
/// Body of POST /alias and PUT /alias/{id}: `before` (if any) with the managed fields replaced.
QJsonObject aliasBody(const Alias &alias, const QString &password, Environment::AliasPasswordEncoding encoding,
                      const QJsonObject &before = {});

} // namespace gw::GatewayJson
