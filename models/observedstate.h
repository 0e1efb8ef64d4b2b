// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

/// What a pull read from one environment's gateway, in the workspace's domain types plus the
/// gateway ids and the raw objects the console does not model (kept read-only, never dropped).
namespace gw {

/// One policy action of an API's policy as the gateway holds it.
struct ObservedAction
{
    QString id;
    QString stageKey;
    QString templateKey;
    QString name;    ///< first of the action's display names
    QJsonObject raw; ///< the policyAction object as read (secret parameters removed)
    friend bool operator==(const ObservedAction &, const ObservedAction &) = default;
};

/// A gateway API and the parts of its policy chain the console maps onto GatewayProxy.
struct ObservedProxy
{
    QString apiId;
    QString policyId;
    GatewayProxy proxy;       ///< name, version, description, inbound, routing endpoint, outbound, active
    QString inboundActionId;  ///< evaluatePolicy
    QString routingActionId;  ///< straightThroughRouting
    QString outboundActionId; ///< outboundTransportAuthentication
    QStringList tags;         ///< the API's tags (apiDefinition.apiTags and apiDefinition.tags[].name)
    /// Every action the policy enforces, in stage order: the managed ones and those whose template
    /// the console does not model (entryProtocolPolicy, throttle, ...). A push never removes them.
    QList<ObservedAction> actions;
    /// What could not be mapped faithfully (e.g. an evaluatePolicy that identifies by API key).
    QStringList notes;

    QString key() const { return proxy.name + QLatin1Char('/') + proxy.version; }
    QList<ObservedAction> unmanagedActions() const;
    friend bool operator==(const ObservedProxy &, const ObservedProxy &) = default;
};

struct ObservedAlias
{
    QString id;
    QString gatewayType;     ///< the gateway's "type" string, e.g. httpTransportSecurityAlias
    bool managedType = true; ///< simple, endpoint or httpTransportSecurityAlias with HTTP_BASIC
    Alias alias;             ///< technicalUser holds the alias's userName
    /// SHA-256 of the password as the gateway holds it (decoded), empty when the gateway masks it.
    /// Lets a plan tell a changed password without ever keeping or showing the value.
    QByteArray passwordDigest;
    /// The gateway answered the stored password masked ("****"): neither compared nor restorable by a rollback.
    bool passwordMasked = false;
    QJsonObject raw; ///< the alias as read, with every secret field removed
    friend bool operator==(const ObservedAlias &, const ObservedAlias &) = default;
};

struct ObservedState
{
    QString environment;
    QString gatewayUrl;
    QDateTime pulledAt;
    QList<ObservedAlias> aliases; ///< sorted by name
    QList<ObservedProxy> proxies; ///< sorted by key

    const ObservedProxy *findProxy(const QString &name, const QString &version) const;
    const ObservedAlias *findAlias(const QString &name) const;

    /// Stable JSON for `gatewright pull --json` and for comparing two pulls; holds no secret.
    /// Gateway ids and the pull time are left out unless asked, so two pulls of the same
    /// configuration compare equal.
    QJsonObject toJson(bool withIds = false) const;
};

} // namespace gw
