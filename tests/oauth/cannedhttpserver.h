// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

/// A fake HTTP server for unit tests of the client side: answers every request with one canned response (or holds
/// it, to test timeouts) and keeps the raw requests it received.
class CannedHttpServer : public QTcpServer
{
public:
    QByteArray response;        ///< the raw bytes to answer with
    bool hold = false;          ///< never answer
    QList<QByteArray> requests; ///< raw requests received
    /// When set, answers instead of `response`: the raw bytes for the request line (e.g. "POST /token HTTP/1.1").
    std::function<QByteArray(const QByteArray &requestLine)> respond;

    CannedHttpServer() { listen(QHostAddress::LocalHost, 0); }

    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }

    static QByteArray http(int status, const QByteArray &body, const QByteArray &extraHeaders = {},
                           const QByteArray &contentType = "application/json")
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType +
               "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders +
               "Connection: close\r\n\r\n" + body;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        auto *buffer = new QByteArray;
        connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
            delete buffer;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer->left(end);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer->size() < end + 4 + length)
                return;
            requests << *buffer;
            buffer->clear();
            if (!hold) {
                socket->write(respond ? respond(requests.last().left(requests.last().indexOf("\r\n"))) : response);
                socket->disconnectFromHost();
            }
        });
    }
};
