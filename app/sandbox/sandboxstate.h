// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <optional>

namespace gw {

/// The gateway's configuration as the admin API stores it: APIs, their policies, policy actions and
/// aliases, each kept as the JSON object of the official Swagger definitions (GatewayAPI, Policy,
/// PolicyAction, Alias) so that fields the sandbox does not interpret survive a round trip.
/// The admin routes write it; the data plane reads it to enforce the policies. Lists keep creation order.
class SandboxState : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Api, Policy, PolicyAction, Alias };

    explicit SandboxState(QObject *parent = nullptr);

    static QString newId();

    QList<QJsonObject> all(Kind kind) const;
    std::optional<QJsonObject> get(Kind kind, const QString &id) const;
    bool contains(Kind kind, const QString &id) const;
    /// Inserts or replaces by the object's "id"; emits changed().
    void put(Kind kind, const QJsonObject &object);
    bool remove(Kind kind, const QString &id);
    void clear();

    // Convenience for readers (data plane, seed, tests).
    QList<QJsonObject> apis() const { return all(Kind::Api); }
    std::optional<QJsonObject> api(const QString &id) const { return get(Kind::Api, id); }
    std::optional<QJsonObject> policy(const QString &id) const { return get(Kind::Policy, id); }
    std::optional<QJsonObject> policyAction(const QString &id) const { return get(Kind::PolicyAction, id); }
    std::optional<QJsonObject> alias(const QString &id) const { return get(Kind::Alias, id); }
    /// The aliases a fresh API Gateway installation has ("local", the built-in authorization server). They are
    /// listed like any alias, but PUT and DELETE answer 405, as on the product.
    void addSystemAliases();
    static bool isSystemAlias(const QJsonObject &alias);
    /// The API called @p apiName in version @p apiVersion (how /gateway/<name>/<version>/... finds it).
    std::optional<QJsonObject> findApi(const QString &apiName, const QString &apiVersion) const;
    std::optional<QJsonObject> findAliasByName(const QString &name) const;
    /// The API's own policy (api.policies[0]).
    std::optional<QJsonObject> policyOfApi(const QString &apiId) const;
    /// The policy actions the API's policy enforces, in stage order then "order": what the data plane runs.
    QList<QJsonObject> enforcedActions(const QString &apiId) const;

    /// Creates an API with its own policy and the two default actions a new API gets on the product
    /// (entryProtocolPolicy "Enable HTTP / HTTPS" in transport, straightThroughRouting in routing, to
    /// @p nativeEndpoint if given). Fills id, isActive=false, systemVersion, dates. Returns the stored API.
    QJsonObject createApi(QJsonObject api, const QString &nativeEndpoint = {});
    /// Adds an existing policy action to the API's policy under @p stageKey (after the stage's others).
    bool enforceAction(const QString &apiId, const QString &stageKey, const QString &policyActionId);

    /// The alias password in clear from its stored (base64) form, for the data plane's outbound Basic.
    static QString plainAliasPassword(const QJsonObject &alias);
    /// Whether aliases are read back with their stored secrets as "********", as builds that mask them answer
    /// (the spec's samples return them base64-encoded: the default).
    bool masksAliasSecrets() const { return m_masksAliasSecrets; }
    void setMasksAliasSecrets(bool mask) { m_masksAliasSecrets = mask; }
    /// @p alias as a masking build returns it: password, clientPassword, oauth2Token "********".
    static QJsonObject maskedAlias(QJsonObject alias);

    /// Whole state for --state files: {"apis":[...], "policies":[...], "policyActions":[...], "aliases":[...]}.
    QJsonObject toJson() const;
    bool loadJson(const QJsonObject &object, QString *error);

    static QStringList stageOrder();
    static QString nowTimestamp();

Q_SIGNALS:
    void changed();

private:
    struct Collection
    {
        QStringList order;
        QHash<QString, QJsonObject> items;
    };
    Collection &collection(Kind kind);
    bool m_masksAliasSecrets = false;
    const Collection &collection(Kind kind) const;

    Collection m_apis;
    Collection m_policies;
    Collection m_policyActions;
    Collection m_aliases;
};

} // namespace gw
