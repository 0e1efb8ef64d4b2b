// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayserver.h"

#include "gatewaysocket.h"
#include "sandboxlog.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace gw {

static const QLatin1String faultRoute("/rest/apigateway/sandbox/faults");

static QString methodName(QHttpServerRequest::Method method)
{
    return QString::fromLatin1(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method))).toUpper();
}

GatewayServer::GatewayServer(QObject *parent)
    : QAbstractHttpServer(parent)
{}

void GatewayServer::addPrefixHandler(const QString &pathPrefix, Handler handler)
{
    QString prefix = pathPrefix;
    while (prefix.size() > 1 && prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    m_routes.append(PrefixRoute{prefix, std::move(handler)});
    std::stable_sort(m_routes.begin(), m_routes.end(),
                     [](const PrefixRoute &a, const PrefixRoute &b) { return a.prefix.size() > b.prefix.size(); });
}

void GatewayServer::send(QHttpServerResponder &&responder, const SandboxReply &reply)
{
    QHttpServerResponse response(reply.contentType, reply.body,
                                 static_cast<QHttpServerResponse::StatusCode>(reply.status));
    if (reply.contentType.isEmpty())
        response.clearHeader("Content-Type");
    for (const auto &header : reply.headers)
        response.addHeader(header.first, header.second);
    response.write(std::move(responder));
}

/// The key the admin API wraps a resource in: "policy" for /policies/..., "alias" for /alias/..., and so on.
static QString envelopeOf(const QString &path)
{
    static const QList<QPair<QString, QString>> envelopes{
        {QStringLiteral("/policyActions"), QStringLiteral("policyAction")},
        {QStringLiteral("/policies"), QStringLiteral("policy")},
        {QStringLiteral("/alias"), QStringLiteral("alias")},
        {QStringLiteral("/apis"), QStringLiteral("apiResponse")}};
    const QString below = path.section(QStringLiteral("/rest/apigateway"), 1);
    for (const auto &[prefix, key] : envelopes) {
        if (below.startsWith(prefix))
            return key;
    }
    return QStringLiteral("result");
}

bool GatewayServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QString method = methodName(request.method());

    if (!m_allowRemote && !request.remoteAddress().isLoopback()) {
        send(makeResponder(request, socket),
             SandboxReply::error(403, QStringLiteral("The sandbox accepts loopback clients only (start it with "
                                                     "--allow-remote to change that).")));
        return true;
    }

    if (!path.startsWith(faultRoute)) {
        if (const auto fault = m_faults.take(method, path)) {
            qCInfo(lcSandbox) << "fault" << fault->toText() << "fires on" << method << path;
            switch (fault->action) {
            case FaultRule::Action::Status:
                send(makeResponder(request, socket),
                     SandboxReply::error(fault->status,
                                         QStringLiteral("Injected fault (sandbox rule \"%1\").").arg(fault->toText())));
                return true;
            case FaultRule::Action::Hang:
                QTimer::singleShot(m_hangMilliseconds, socket, [socket] { socket->abort(); });
                return true;
            case FaultRule::Action::Drop:
                // Aborting inside the server's read handler would pull the socket from under it.
                QTimer::singleShot(0, socket, [socket] { socket->abort(); });
                return true;
            case FaultRule::Action::CommitThenDrop:
                if (auto *gatewaySocket = qobject_cast<GatewaySocket *>(socket)) {
                    gatewaySocket->discardRepliesAndDrop(); // then routed as usual: the change is made
                    break;
                }
                QTimer::singleShot(0, socket, [socket] { socket->abort(); });
                return true;
            case FaultRule::Action::NullEnvelope:
                send(makeResponder(request, socket),
                     SandboxReply::json(200, QJsonObject{{envelopeOf(path), QJsonValue()}}));
                return true;
            case FaultRule::Action::BareArray:
                send(makeResponder(request, socket), SandboxReply::json(200, QJsonArray()));
                return true;
            }
        }
    }

    if (request.body().size() > m_maxBodyBytes) {
        SandboxReply reply = SandboxReply::error(
            413, QStringLiteral("Request entity too large: the body has %1 bytes, the limit is %2 bytes.")
                     .arg(request.body().size())
                     .arg(m_maxBodyBytes));
        reply.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
        send(makeResponder(request, socket), reply);
        return true;
    }

    for (const PrefixRoute &route : std::as_const(m_routes)) {
        const bool below = path.startsWith(route.prefix) &&
                           (path.size() == route.prefix.size() || route.prefix.endsWith(QLatin1Char('/')) ||
                            path.at(route.prefix.size()) == QLatin1Char('/'));
        if (below) {
            route.handler(request, makeResponder(request, socket));
            return true;
        }
    }
    return false;
}

void GatewayServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(makeResponder(request, socket),
         SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(request.url().path())));
}

} // namespace gw
