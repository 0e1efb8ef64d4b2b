// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace gw {

class GatewayRuntime;
class IoTenant;
class AuthorizationServer;
class Sandbox;

/// What runs beside the gateway's admin API in gatewright-sandbox: the .io tenant and the OAuth server on
/// their own ports, and the gateway's data plane. attach() starts them and plugs them into a Sandbox
/// between its listen() and initializeState(): routes, demo seed, and the start-up line's "tenant",
/// "oauth" and (with --seed demo) "demo" sections.
class SandboxRuntime : public QObject
{
    Q_OBJECT

public:
    explicit SandboxRuntime(QObject *parent = nullptr);
    ~SandboxRuntime() override;

    bool attach(Sandbox &sandbox, QString *error);

    IoTenant &tenant() { return *m_tenant; }
    AuthorizationServer &oauth() { return *m_oauth; }
    GatewayRuntime &gatewayRuntime() { return *m_runtime; }
    QNetworkAccessManager &network() { return *m_network; }

private:
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<IoTenant> m_tenant;
    std::unique_ptr<AuthorizationServer> m_oauth;
    std::unique_ptr<GatewayRuntime> m_runtime;
};

} // namespace gw
