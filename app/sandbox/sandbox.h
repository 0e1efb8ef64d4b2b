// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gatewayserver.h"
#include "sandboxoptions.h"
#include "sandboxstate.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace gw {

class AdminApi;

/// The gatewright-sandbox process as an object (tests run it in-process on port 0):
/// the gateway server (admin API + runtime on one port, like the product's 5555), the state it
/// serves, its persistence, and the start-up JSON line. Other parts plug in between listen() and
/// initializeState(): they register their gateway routes (addGatewayHandler), start their own
/// servers, add their URLs and demo credentials to the start-up line (addStartupInfo) and may
/// provide the demo seed (setDemoSeeder).
class Sandbox : public QObject
{
    Q_OBJECT
public:
    using Seeder = std::function<void(SandboxState &state)>;

    explicit Sandbox(SandboxOptions options, QObject *parent = nullptr);
    ~Sandbox() override;

    /// Listens on options().host:options().port. On failure @p error says why.
    bool listen(QString *error);
    /// Loads --state FILE if it exists, otherwise applies --seed (demo via the demo seeder, empty, or a
    /// state FILE), then starts persisting to --state FILE.
    bool initializeState(QString *error);

    const SandboxOptions &options() const { return m_options; }
    SandboxState &state() { return m_state; }
    GatewayServer &gateway() { return m_gateway; }
    quint16 gatewayPort() const { return m_port; }
    /// http://host:port of the gateway (admin under /rest/apigateway, runtime under /gateway).
    QUrl gatewayUrl() const;
    /// URL for another server of the sandbox on @p port, on the same host.
    QUrl urlForPort(quint16 port) const;

    void addGatewayHandler(const QString &pathPrefix, GatewayServer::Handler handler);
    void setDemoSeeder(Seeder seeder) { m_demoSeeder = std::move(seeder); }
    /// Merges @p fields into the start-up line's object @p section (e.g. "tenant", "oauth", "credentials").
    void addStartupInfo(const QString &section, const QJsonObject &fields);
    QJsonObject startupInfo() const { return m_startupInfo; }
    /// The one JSON line printed on stdout once everything listens (no trailing newline).
    QByteArray startupLine() const;

    /// Writes the state file now if a write is pending (also done on destruction).
    bool flushState(QString *error = nullptr);

private:
    bool loadStateFile(const QString &path, QString *error);

    SandboxOptions m_options;
    SandboxState m_state;
    GatewayServer m_gateway;
    std::unique_ptr<AdminApi> m_admin;
    quint16 m_port = 0;
    QJsonObject m_startupInfo;
    Seeder m_demoSeeder;
    QTimer m_saveTimer;
    bool m_savePending = false;
    bool m_persisting = false;
};

} // namespace gw
