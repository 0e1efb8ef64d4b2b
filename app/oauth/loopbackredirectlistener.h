// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

class QTcpSocket;

namespace gw {

/// The redirect target of a native app's authorization request (RFC 8252 §7.3): listens on 127.0.0.1 (never on
/// every interface, never "localhost"), on a port the system picks, takes exactly one HTTP request, answers it with
/// a short page and closes.
class LoopbackRedirectListener : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxRequestBytes = 8 * 1024;

    explicit LoopbackRedirectListener(QObject *parent = nullptr);
    ~LoopbackRedirectListener() override;

    /// Starts listening; false (with errorString()) when no port could be bound.
    bool listen();
    bool isListening() const { return m_server.isListening(); }
    QString errorString() const { return m_server.errorString(); }
    /// http://127.0.0.1:<port>/callback
    QUrl redirectUri() const;
    void close();

Q_SIGNALS:
    /// The query of the one request, when it was a GET of /callback.
    void received(const QUrlQuery &query);
    /// The one request was not a GET of /callback, or was malformed.
    void failed(const QString &message);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const QByteArray &status, const QString &text);

    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
    bool m_done = false;
};

} // namespace gw
