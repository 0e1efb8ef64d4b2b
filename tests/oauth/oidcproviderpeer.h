// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testpaths.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

/// The real oidc-provider (tests/peers/oidc-provider.mjs) on an ephemeral 127.0.0.1 port, for the interop tests.
/// Started and stopped by this object (its own child process only).
class OidcProviderPeer
{
public:
    bool start(const QStringList &environment = {})
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty()) {
            m_error = QStringLiteral("node not found on PATH");
            return false;
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("DEV_LOGIN"), QStringLiteral("1"));
        for (const QString &pair : environment)
            env.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
        m_process.setProcessEnvironment(env);
        m_process.setWorkingDirectory(QStringLiteral(GATEWRIGHT_PEERS_DIR));
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(node, {QStringLiteral(GATEWRIGHT_PEERS_DIR "/oidc-provider.mjs")});
        if (!m_process.waitForStarted(10000)) {
            m_error = m_process.errorString();
            return false;
        }
        QByteArray line;
        for (int i = 0; i < 150 && !line.contains('\n'); ++i) {
            m_process.waitForReadyRead(100);
            line += m_process.readAllStandardOutput();
            if (m_process.state() != QProcess::Running)
                break;
        }
        const QJsonObject ready = QJsonDocument::fromJson(line.trimmed()).object();
        if (!ready.value(QStringLiteral("ready")).toBool()) {
            m_error = QStringLiteral("oidc-provider did not start: ") + QString::fromUtf8(line) +
                      QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        m_ready = ready;
        return true;
    }

    ~OidcProviderPeer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(3000)) {
                m_process.kill();
                m_process.waitForFinished(3000);
            }
        }
    }

    QString issuer() const { return m_ready.value(QStringLiteral("issuer")).toString(); }
    QString audience() const { return m_ready.value(QStringLiteral("audience")).toString(); }
    int port() const { return m_ready.value(QStringLiteral("port")).toInt(); }
    QString clientId(const char *which) const
    {
        return m_ready.value(QStringLiteral("clients"))
            .toObject()
            .value(QLatin1String(which))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
    QString clientSecret(const char *which) const
    {
        return m_ready.value(QStringLiteral("clients"))
            .toObject()
            .value(QLatin1String(which))
            .toObject()
            .value(QStringLiteral("secret"))
            .toString();
    }
    QString error() const { return m_error; }

private:
    QProcess m_process;
    QJsonObject m_ready;
    QString m_error;
};
