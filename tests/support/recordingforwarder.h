// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

/// A plain loopback forwarder for tests that records every HTTP/1.1 request passing through it
/// (method, target, body) on its way to an upstream port.
class RecordingForwarder : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QByteArray body;
    };

    explicit RecordingForwarder(quint16 upstreamPort, QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    const QList<Request> &requests() const { return m_requests; }

Q_SIGNALS:
    /// A request was read whole from the client; it goes on to the upstream after this returns.
    void requestRecorded(const RecordingForwarder::Request &request);

private:
    void accept();

    QTcpServer m_server;
    quint16 m_upstreamPort;
    QList<Request> m_requests;
};
