// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwk.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace gw {

/// A JSON Web Key Set (RFC 7517 §5) reduced to the keys that can verify signatures. Keys that cannot be used
/// (encryption keys, unsupported types or curves, weak or malformed keys) are left out, and why is kept in
/// skippedKeys() so a person can see it ("key \"enc-1\": \"use\" is enc, not \"sig\"").
class JwkSet
{
public:
    /// Largest JWKS document accepted (a real IdP publishes a few kilobytes).
    static constexpr qsizetype MaxDocumentSize = 256 * 1024;

    JwkSet() = default;
    explicit JwkSet(const QList<Jwk> &keys);

    /// Parses a JWKS document ({"keys": [...]}). On a document-level problem (not JSON, no "keys" array,
    /// too large) the set is empty and error() says what is wrong.
    static JwkSet fromJson(const QByteArray &document);

    const QList<Jwk> &keys() const { return m_keys; }
    bool isEmpty() const { return m_keys.isEmpty(); }
    QString error() const { return m_error; }
    QStringList skippedKeys() const { return m_skipped; }

    void add(const Jwk &key);
    /// Keys whose kid equals keyId exactly.
    QList<Jwk> keysWithId(const QString &keyId) const;
    /// {"keys": [...]} with the public members of every usable key.
    QByteArray toJson() const;

private:
    QList<Jwk> m_keys;
    QStringList m_skipped;
    QString m_error;
};

} // namespace gw
