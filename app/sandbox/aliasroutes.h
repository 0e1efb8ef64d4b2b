// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adminrouter.h"

namespace gw {

class SandboxState;

/// Alias management (APIGatewayAlias.json): /alias and /alias/{aliasId}. Names are unique; secrets
/// (httpAuthCredentials.password, oauth2Token, kerberosCredentials.clientPassword) are accepted
/// base64-encoded or plain and stored and returned base64-encoded, as the product's samples show.
class AliasRoutes
{
public:
    explicit AliasRoutes(SandboxState &state);
    void addTo(AdminRouter &router);

    /// A secret as the product stores it: base64 of the UTF-8 text. Text that already is strict
    /// base64 of printable UTF-8 is taken as encoded.
    static QString encodedSecret(const QString &secret);

private:
    SandboxReply list(const AdminRequest &request) const;
    SandboxReply get(const AdminRequest &request) const;
    SandboxReply create(const AdminRequest &request);
    SandboxReply update(const AdminRequest &request);
    SandboxReply remove(const AdminRequest &request);
    /// Validates and normalises an alias body; returns the error text for a 400.
    std::optional<QString> normalise(QJsonObject &alias, const QString &ownId) const;

    SandboxState &m_state;
};

} // namespace gw
