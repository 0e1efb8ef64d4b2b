// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testpaths.h"
#include "workspacefile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

/// gatewright-sandbox --seed demo on ephemeral ports (its own child process), and the demo workspace with the
/// sandbox environment pointed at those ports.
class SandboxPeer
{
public:
    bool start(const QStringList &extraArguments = {})
    {
        m_process.setProgram(QStringLiteral(GATEWRIGHT_BINARY_DIR "/app/sandbox/gatewright-sandbox"));
        m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"),
                                           QStringLiteral("demo")} +
                               extraArguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_error = m_process.errorString();
            return false;
        }
        QByteArray line;
        for (int i = 0; i < 300 && !line.contains('\n'); ++i) {
            m_process.waitForReadyRead(100);
            line += m_process.readAllStandardOutput();
            if (m_process.state() != QProcess::Running)
                break;
        }
        m_line = QJsonDocument::fromJson(line.left(line.indexOf('\n'))).object();
        if (m_line.isEmpty()) {
            m_error = QStringLiteral("no start-up line: ") + QString::fromUtf8(line + m_process.readAllStandardError());
            return false;
        }
        return true;
    }

    ~SandboxPeer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(3000);
            }
        }
    }

    QString gatewayUrl() const { return section("gateway").value(QStringLiteral("url")).toString(); }
    QString tenantUrl() const { return section("tenant").value(QStringLiteral("url")).toString(); }
    QString issuer() const { return section("oauth").value(QStringLiteral("issuer")).toString(); }
    QString clientSecret() const { return section("demo").value(QStringLiteral("clientSecret")).toString(); }
    QString error() const { return m_error; }

    /// The demo workspace, its sandbox environment on this sandbox's ports.
    gw::Workspace demoWorkspace() const
    {
        QFile file(QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QByteArray json = file.readAll();
        json.replace("http://127.0.0.1:5555", gatewayUrl().toUtf8());
        json.replace("http://127.0.0.1:5556", tenantUrl().toUtf8());
        json.replace("http://127.0.0.1:5557", issuer().toUtf8());
        const gw::WorkspaceReadResult read = gw::WorkspaceFile::fromJson(json);
        return read.workspace.value_or(gw::Workspace());
    }

    /// A patched copy of the demo workspace file, for the CLI.
    QByteArray demoWorkspaceJson() const
    {
        QFile file(QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QByteArray json = file.readAll();
        json.replace("http://127.0.0.1:5555", gatewayUrl().toUtf8());
        json.replace("http://127.0.0.1:5556", tenantUrl().toUtf8());
        json.replace("http://127.0.0.1:5557", issuer().toUtf8());
        return json;
    }

private:
    QJsonObject section(const char *name) const { return m_line.value(QLatin1String(name)).toObject(); }

    QProcess m_process;
    QJsonObject m_line;
    QString m_error;
};
