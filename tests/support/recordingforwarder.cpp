// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingforwarder.h"

#include <QTcpSocket>

#include <memory>

RecordingForwarder::RecordingForwarder(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &RecordingForwarder::accept);
}

bool RecordingForwarder::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void RecordingForwarder::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        auto pending = std::make_shared<QByteArray>(); // bytes not sent upstream yet
        auto parsing = std::make_shared<QByteArray>(); // bytes of the request being parsed
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        auto parse = [this, parsing] {
            for (;;) {
                const qsizetype end = parsing->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QList<QByteArray> lines = parsing->left(end).split('\n');
                qsizetype length = 0;
                for (const QByteArray &line : lines) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (parsing->size() < end + 4 + length)
                    return;
                const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
                m_requests << Request{requestLine.value(0), requestLine.value(1), parsing->mid(end + 4, length)};
                Q_EMIT requestRecorded(m_requests.constLast());
                parsing->remove(0, end + 4 + length);
            }
        };
        connect(client, &QTcpSocket::readyRead, upstream, [client, upstream, pending, parsing, parse] {
            const QByteArray bytes = client->readAll();
            parsing->append(bytes);
            parse();
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(bytes);
            else
                pending->append(bytes);
        });
        connect(upstream, &QTcpSocket::connected, upstream, [upstream, pending] {
            upstream->write(*pending);
            pending->clear();
        });
        connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}
