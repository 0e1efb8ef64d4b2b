// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace gw {

/// Why an OAuth operation failed, with a message a person can act on (what, where, what to do).
struct OAuthError
{
    enum class Kind {
        None,
        Network,       ///< connection refused, host not found, TLS, timeout, response too large
        Http,          ///< an HTTP status the protocol does not expect (5xx, a redirect, ...)
        Protocol,      ///< the server's reply is not what the RFC says (bad JSON, missing fields)
        Server,        ///< the server answered with an OAuth error code (`code` holds it)
        Security,      ///< a check failed: issuer, state, iss, PKCE support, insecure endpoint
        Configuration, ///< the workspace or the keychain lacks what the operation needs
        Cancelled,
    };
    Kind kind = Kind::None;
    QString code;    ///< OAuth `error` value (invalid_grant, invalid_client, ...), when the server sent one
    QString message; ///< full sentence(s) for the user
    int httpStatus = 0;

    bool isError() const { return kind != Kind::None; }
    static OAuthError make(Kind kind, const QString &message, const QString &code = {}, int httpStatus = 0)
    {
        return OAuthError{kind, code, message, httpStatus};
    }
};

} // namespace gw
