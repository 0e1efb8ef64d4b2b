// SPDX-License-Identifier: GPL-3.0-or-later
#include "observedstate.h"

#include "syncformat.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace gw {

static const QSet<QString> &managedTemplateKeys()
{
    static const QSet<QString> keys{QStringLiteral("evaluatePolicy"), QStringLiteral("straightThroughRouting"),
                                    QStringLiteral("outboundTransportAuthentication")};
    return keys;
}

QList<ObservedAction> ObservedProxy::unmanagedActions() const
{
    QList<ObservedAction> result;
    for (const ObservedAction &action : actions) {
        if (!managedTemplateKeys().contains(action.templateKey))
            result << action;
    }
    return result;
}

const ObservedProxy *ObservedState::findProxy(const QString &name, const QString &version) const
{
    for (const ObservedProxy &proxy : proxies) {
        if (proxy.proxy.name == name && proxy.proxy.version == version)
            return &proxy;
    }
    return nullptr;
}

const ObservedAlias *ObservedState::findAlias(const QString &name) const
{
    for (const ObservedAlias &alias : aliases) {
        if (alias.alias.name == name)
            return &alias;
    }
    return nullptr;
}

// Ids the gateway assigns differ after a rollback re-creates an object; the configuration does not.
static QJsonValue withoutIds(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            if (it.key() == QLatin1String("id") || it.key() == QLatin1String("enforcementObjectId"))
                continue;
            object.insert(it.key(), withoutIds(it.value()));
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(withoutIds(item));
        return array;
    }
    return value;
}

QJsonObject ObservedState::toJson(bool withIds) const
{
    QJsonArray aliasArray;
    for (const ObservedAlias &observed : aliases) {
        QJsonObject object = SyncFormat::aliasToJson(observed.alias);
        object.insert(QStringLiteral("gatewayType"), observed.gatewayType);
        object.insert(QStringLiteral("managed"), observed.managedType);
        object.insert(QStringLiteral("passwordSet"), !observed.passwordDigest.isEmpty());
        if (withIds)
            object.insert(QStringLiteral("id"), observed.id);
        if (!observed.managedType)
            object.insert(QStringLiteral("raw"), withIds ? QJsonValue(observed.raw) : withoutIds(observed.raw));
        aliasArray.append(object);
    }
    QJsonArray proxyArray;
    for (const ObservedProxy &observed : proxies) {
        QJsonObject object = SyncFormat::proxyToJson(observed.proxy);
        if (withIds) {
            object.insert(QStringLiteral("apiId"), observed.apiId);
            object.insert(QStringLiteral("policyId"), observed.policyId);
        }
        QJsonArray actions;
        for (const ObservedAction &action : observed.actions) {
            QJsonObject a{{QStringLiteral("stage"), action.stageKey},
                          {QStringLiteral("templateKey"), action.templateKey},
                          {QStringLiteral("name"), action.name},
                          {QStringLiteral("managed"), managedTemplateKeys().contains(action.templateKey)}};
            if (withIds)
                a.insert(QStringLiteral("id"), action.id);
            a.insert(QStringLiteral("raw"), withIds ? QJsonValue(action.raw) : withoutIds(action.raw));
            actions.append(a);
        }
        object.insert(QStringLiteral("policyActions"), actions);
        if (!observed.notes.isEmpty())
            object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(observed.notes));
        proxyArray.append(object);
    }
    QJsonObject root{{QStringLiteral("environment"), environment},
                     {QStringLiteral("gatewayUrl"), gatewayUrl},
                     {QStringLiteral("aliases"), aliasArray},
                     {QStringLiteral("proxies"), proxyArray}};
    if (withIds)
        root.insert(QStringLiteral("pulledAt"), pulledAt.toUTC().toString(Qt::ISODate));
    return root;
}

} // namespace gw
