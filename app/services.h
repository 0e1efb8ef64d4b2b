// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QNetworkAccessManager;

namespace gw {

class SecretProvider;
class SecretStore;
class Settings;

/// The long-lived service objects main() builds and hands to the pages and commands that use
/// them. Not owning: main() owns every one of them.
struct Services
{
    QNetworkAccessManager *network = nullptr;
    SecretStore *secrets = nullptr;
    SecretProvider *secretProvider = nullptr; ///< what services call when a request needs a secret
    Settings *settings = nullptr;
};

} // namespace gw
