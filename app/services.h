// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QNetworkAccessManager;

namespace gw {

class CallTester;
class JwksCache;
class SecretProvider;
class SecretStore;
class Settings;
class SyncService;
class TokenSession;

/// The long-lived service objects main() builds and hands to the pages and commands that use
/// them. Not owning: main() owns every one of them.
struct Services
{
    QNetworkAccessManager *network = nullptr;
    SecretStore *secrets = nullptr;
    SecretProvider *secretProvider = nullptr; ///< what services call when a request needs a secret
    Settings *settings = nullptr;
    JwksCache *jwks = nullptr;             ///< issuers' JWKS, shared by every verification
    TokenSession *tokenSession = nullptr;  ///< the token lab's token, also the call tester's bearer
    CallTester *callTester = nullptr;      ///< proxy calls with their diagnosis and history
    SyncService *sync = nullptr;           ///< pull, plan and apply, with the audit log
};

} // namespace gw
