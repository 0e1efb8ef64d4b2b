// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "probe/calltester.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"

#include <QNetworkAccessManager>
#include <QProcessEnvironment>

namespace gw::test {

/// The services the token lab and the call tester pages use, wired once: a memory keychain (no environment
/// secrets), the JWKS cache, a token session and a call tester. Tests that use it link gatewright_app.
struct TokenServicesRig
{
    TokenServicesRig()
        : secrets(&store, QProcessEnvironment(), nullptr)
        , jwks(&network)
        , session(&network, &secrets, &jwks)
        , tester(&network, &session)
    {
        services.network = &network;
        services.secrets = &store;
        services.secretProvider = &secrets;
        services.jwks = &jwks;
        services.tokenSession = &session;
        services.callTester = &tester;
    }
    QNetworkAccessManager network;
    MemorySecretStore store;
    SecretProvider secrets;
    JwksCache jwks;
    TokenSession session;
    CallTester tester;
    Services services;
};

} // namespace gw::test
