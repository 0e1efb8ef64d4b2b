// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace gw {

/// What a SecretStore operation came to. `message` is for a person (what, which secret, what to
/// do) and never holds a secret value; `secret` is set by a successful read only.
struct SecretResult
{
    enum class Outcome {
        Ok,
        NotFound,   ///< nothing stored under that key yet (or, with gnome-keyring, a locked keyring)
        Locked,     ///< the keyring is locked or refused access
        NoKeychain, ///< no keychain reachable on this system
        Error,      ///< anything else; see message
    };

    Outcome outcome = Outcome::Error;
    QString message;
    QString backendError; ///< the keychain backend's own text, for logs and the status banner
    QString secret;

    bool ok() const { return outcome == Outcome::Ok; }
};

} // namespace gw
