// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox.h"
#include "sandbox/sandboxruntime.h"

#include <QHash>
#include <QString>

#include <memory>

// gatewright-sandbox in process for integration and GUI tests: gateway, .io tenant and OAuth server on
// ephemeral loopback ports, seeded. Tests that use it link gatewright_sandbox.
namespace gw::test {

/// Starts `sandbox` and attaches `runtime` to it; false and `*error` when something did not come up.
inline bool startSandbox(std::unique_ptr<Sandbox> &sandbox, std::unique_ptr<SandboxRuntime> &runtime, QString *error,
                         const QString &seed = QStringLiteral("demo"))
{
    SandboxOptions options;
    options.port = 0;
    options.tenantPort = 0;
    options.oauthPort = 0;
    options.seed = seed;
    sandbox = std::make_unique<Sandbox>(options);
    runtime = std::make_unique<SandboxRuntime>();
    return sandbox->listen(error) && runtime->attach(*sandbox, error) && sandbox->initializeState(error);
}

/// The alias passwords the demo seed gives its technical users: alias name -> password.
inline QHash<QString, QString> demoAliasPasswords()
{
    return {{QStringLiteral("io-shared-basic"), QStringLiteral("shared-demo-pass")},
            {QStringLiteral("io-orders-basic"), QStringLiteral("orders-demo-pass")},
            {QStringLiteral("io-customers-basic"), QStringLiteral("customers-demo-pass")},
            {QStringLiteral("io-invoicing-basic"), QStringLiteral("invoicing-demo-pass")}};
}

} // namespace gw::test
