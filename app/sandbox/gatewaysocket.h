// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QTcpServer>
#include <QTcpSocket>

namespace gw {

/// One client connection of the sandbox's gateway port. It adds two things a plain QTcpSocket lacks:
/// - a body cap decided from each request's Content-Length header, before the HTTP server buffers the
///   body: an oversized request is answered 413 and the connection closed after the headers, so a
///   client announcing gigabytes costs the sandbox nothing (a chunked body, which announces no length,
///   is left to the server's cap on the buffered body; requests pipelined in the same read as a refused one
///   are dropped with it);
/// - discardRepliesAndDrop(), for the fault that lets a request take effect and then loses its answer.
class GatewaySocket : public QTcpSocket
{
    Q_OBJECT
public:
    GatewaySocket(qint64 maxBodyBytes, QObject *parent = nullptr);

    /// Swallows everything written from now on and aborts the connection after the first write: the
    /// handler runs (its change is committed) but the client never hears of it.
    void discardRepliesAndDrop();

protected:
    qint64 writeData(const char *data, qint64 length) override;

private:
    void inspect();
    void refuse(qint64 announced);

    enum class Reading { Headers, Body, Untracked, Refused };
    qint64 m_maxBodyBytes;
    Reading m_reading = Reading::Headers;
    QByteArray m_headers; ///< the head of the request being read, up to its blank line
    qint64 m_bodyLeft = 0;
    bool m_discarding = false;
    bool m_dropScheduled = false;
};

/// The gateway port's listener: hands out GatewaySocket connections with the body cap.
class GatewayTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GatewayTcpServer(qint64 maxBodyBytes, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxBodyBytes;
};

} // namespace gw
