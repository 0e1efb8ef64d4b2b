// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "faultinjector.h"
#include "sandboxreply.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>

#include <functional>

class QHttpServerRequest;

namespace gw {

/// The gateway's HTTP server (one port, like Integration Server's 5555): the admin API under
/// /rest/apigateway, the runtime under /gateway and /invoke/... Every request first passes the
/// loopback check, the fault rules and the body cap, then goes to the handler of the longest
/// matching path prefix. A handler may keep the responder and answer later (asynchronous routes).
class GatewayServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<void(const QHttpServerRequest &request, QHttpServerResponder &&responder)>;

    explicit GatewayServer(QObject *parent = nullptr);

    /// Routes every request whose path is @p pathPrefix or lies below it ("/gateway" takes "/gateway/x/1.0").
    void addPrefixHandler(const QString &pathPrefix, Handler handler);

    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    void setAllowRemote(bool allow) { m_allowRemote = allow; }
    void setHangMilliseconds(int milliseconds) { m_hangMilliseconds = milliseconds; }
    FaultInjector &faults() { return m_faults; }

    static void send(QHttpServerResponder &&responder, const SandboxReply &reply);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct PrefixRoute
    {
        QString prefix;
        Handler handler;
    };
    QList<PrefixRoute> m_routes; // longest prefix first
    FaultInjector m_faults;
    qint64 m_maxBodyBytes = 8 * 1024 * 1024;
    int m_hangMilliseconds = 120000;
    bool m_allowRemote = false;
};

} // namespace gw
