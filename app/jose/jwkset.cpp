// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwkset.h"

#include "jose/joseerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

JwkSet::JwkSet(const QList<Jwk> &keys)
    : m_keys(keys)
{}

JwkSet JwkSet::fromJson(const QByteArray &document)
{
    JwkSet set;
    if (document.size() > MaxDocumentSize) {
        set.m_error = QStringLiteral("JWKS document is %1 bytes, larger than the limit of %2 bytes")
                          .arg(document.size())
                          .arg(MaxDocumentSize);
        return set;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        set.m_error = QStringLiteral("JWKS document is not valid JSON (%1 at offset %2)")
                          .arg(parseError.errorString())
                          .arg(parseError.offset);
        return set;
    }
    const QJsonValue keys = json.object().value(QLatin1StringView("keys"));
    if (!json.isObject() || !keys.isArray()) {
        set.m_error = QStringLiteral("JWKS document has no \"keys\" array");
        return set;
    }
    const QJsonArray array = keys.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const QString kid = object.value(QLatin1StringView("kid")).toString();
        const QString name =
            kid.isEmpty() ? QStringLiteral("key #%1").arg(i) : QStringLiteral("key \"%1\"").arg(joseDisplayText(kid));
        if (!array.at(i).isObject()) {
            set.m_skipped.append(QStringLiteral("key #%1: not a JSON object").arg(i));
            continue;
        }
        QString error;
        if (auto jwk = Jwk::fromJson(object, &error))
            set.m_keys.append(*jwk);
        else
            set.m_skipped.append(name + QStringLiteral(": ") + error);
    }
    return set;
}

void JwkSet::add(const Jwk &key)
{
    m_keys.append(key);
}

QList<Jwk> JwkSet::keysWithId(const QString &keyId) const
{
    QList<Jwk> found;
    for (const Jwk &key : m_keys) {
        if (key.keyId() == keyId)
            found.append(key);
    }
    return found;
}

QByteArray JwkSet::toJson() const
{
    QJsonArray keys;
    for (const Jwk &key : m_keys)
        keys.append(key.toJson());
    return QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson(QJsonDocument::Compact);
}

} // namespace gw
