// SPDX-License-Identifier: GPL-3.0-or-later
#include "loopbackredirectlistener.h"

#include "oauthlogging.h"

#include <QHostAddress>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace gw {

LoopbackRedirectListener::LoopbackRedirectListener(QObject *parent)
    : QObject(parent)
{
    m_server.setMaxPendingConnections(4);
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackRedirectListener::onNewConnection);
}

LoopbackRedirectListener::~LoopbackRedirectListener()
{
    close();
}

bool LoopbackRedirectListener::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl LoopbackRedirectListener::redirectUri() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server.serverPort());
    url.setPath(u"/callback"_s);
    return url;
}

void LoopbackRedirectListener::close()
{
    m_server.close();
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
        if (socket) {
            socket->disconnectFromHost();
            socket->deleteLater();
        }
    }
    m_sockets.clear();
}

void LoopbackRedirectListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_done) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_sockets << socket;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackRedirectListener::answer(QTcpSocket *socket, const QByteArray &status, const QString &text)
{
    const QByteArray html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Gatewright</title></head>"
                            "<body style=\"font-family:sans-serif;margin:3em\"><p>" +
                            text.toHtmlEscaped().toUtf8() + "</p></body></html>";
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                  QByteArray::number(html.size()) + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + html);
    socket->disconnectFromHost();
}

void LoopbackRedirectListener::onReadyRead(QTcpSocket *socket)
{
    if (m_done)
        return;
    // The request head is small; wait until it is complete (a browser may also open idle pre-connections, which
    // never send anything and must not count as the one request).
    if (socket->bytesAvailable() > MaxRequestBytes) {
        m_done = true;
        answer(socket, "431 Request Header Fields Too Large", u"Request too large."_s);
        m_server.close();
        Q_EMIT failed(u"The loopback redirect listener received an oversized request and stopped."_s);
        return;
    }
    const QByteArray head = socket->peek(MaxRequestBytes);
    if (!head.contains("\r\n\r\n"))
        return;
    socket->readAll();
    m_done = true;
    m_server.close(); // one request only

    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts.at(0) != "GET" || !parts.at(2).startsWith("HTTP/1.")) {
        answer(socket, "400 Bad Request", u"Bad request."_s);
        Q_EMIT failed(u"The loopback redirect listener received a malformed request instead of the authorization "
                      u"response."_s);
        return;
    }
    const QUrl target = QUrl::fromEncoded(parts.at(1));
    if (target.path() != u"/callback"_s) {
        answer(socket, "404 Not Found", u"Not found."_s);
        Q_EMIT failed(u"The loopback redirect listener was called at \"%1\" instead of /callback; the sign-in was "
                      u"stopped."_s.arg(target.path()));
        return;
    }
    const QUrlQuery query(target);
    if (query.hasQueryItem(u"error"_s))
        answer(socket, "200 OK", u"Sign-in did not complete. You can close this window and return to Gatewright."_s);
    else
        answer(socket, "200 OK", u"Sign-in complete. You can close this window and return to Gatewright."_s);
    qCDebug(lcOAuth) << "authorization response received on the loopback listener";
    Q_EMIT received(query);
}

} // namespace gw
