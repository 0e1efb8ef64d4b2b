// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewaysocket.h"

#include "sandboxlog.h"
#include "sandboxreply.h"

#include <QTimer>

namespace gw {

namespace {

/// A request head longer than this is not tracked; the HTTP server's own limits apply to it.
constexpr qsizetype MaxTrackedHead = 64 * 1024;
/// How long a refused request's connection stays open so its client can read the 413.
constexpr int RefusalLingerMs = 2000;

/// The value of header `name` (lower case) in a request head, or an empty array.
QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

GatewaySocket::GatewaySocket(qint64 maxBodyBytes, QObject *parent)
    : QTcpSocket(parent)
    , m_maxBodyBytes(maxBodyBytes)
{
    // Connected before the HTTP server connects its own reader, so this sees each chunk first. The
    // server reads everything available on every readyRead, so what is available here is what is new.
    connect(this, &QTcpSocket::readyRead, this, &GatewaySocket::inspect);
}

void GatewaySocket::discardRepliesAndDrop()
{
    m_discarding = true;
}

qint64 GatewaySocket::writeData(const char *data, qint64 length)
{
    if (!m_discarding)
        return QTcpSocket::writeData(data, length);
    if (!m_dropScheduled) {
        m_dropScheduled = true;
        // Not from inside the server's handler: it still uses the socket when the write returns.
        QTimer::singleShot(0, this, [this] { abort(); });
    }
    return length;
}

void GatewaySocket::inspect()
{
    if (m_reading == Reading::Refused) {
        read(bytesAvailable()); // discarded unread: the server must not buffer what follows the refusal
        return;
    }
    if (m_reading == Reading::Untracked)
        return;
    QByteArray chunk = peek(bytesAvailable());
    while (!chunk.isEmpty() && m_reading != Reading::Untracked) {
        if (m_reading == Reading::Body) {
            const qint64 taken = std::min<qint64>(m_bodyLeft, chunk.size());
            m_bodyLeft -= taken;
            chunk.remove(0, taken);
            if (m_bodyLeft == 0)
                m_reading = Reading::Headers;
            continue;
        }
        const qsizetype before = m_headers.size();
        m_headers += chunk;
        const qsizetype end = m_headers.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_headers.size() > MaxTrackedHead)
                m_reading = Reading::Untracked;
            return;
        }
        const QByteArray head = m_headers.left(end);
        chunk = chunk.mid(end + 4 - before);
        m_headers.clear();
        if (!headerValue(head, "transfer-encoding").isEmpty()) {
            m_reading = Reading::Untracked;
            return;
        }
        const QByteArray lengthText = headerValue(head, "content-length");
        bool ok = lengthText.isEmpty();
        const qint64 announced = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
        if (!ok || announced < 0) {
            m_reading = Reading::Untracked; // the server answers a malformed length itself
            return;
        }
        if (announced > m_maxBodyBytes) {
            refuse(announced);
            return;
        }
        m_bodyLeft = announced;
        m_reading = announced > 0 ? Reading::Body : Reading::Headers;
    }
}

void GatewaySocket::refuse(qint64 announced)
{
    m_reading = Reading::Refused;
    qCInfo(lcSandbox) << "refused a request announcing" << announced << "body bytes (cap" << m_maxBodyBytes << ")";
    read(bytesAvailable());
    const SandboxReply refusal = SandboxReply::error(
        413, QStringLiteral("Request entity too large: the Content-Length header announces %1 bytes, the limit is %2 "
                            "bytes.")
                 .arg(announced)
                 .arg(m_maxBodyBytes));
    const QByteArray &body = refusal.body;
    const QByteArray reply = QByteArrayLiteral("HTTP/1.1 413 Payload Too Large\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Connection: close\r\n"
                                               "Content-Length: ") +
                             QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body;
    QTcpSocket::writeData(reply.constData(), reply.size());
    // Closing now, with the client still sending, would reset the connection before it reads the answer: the
    // body keeps being read and dropped until the client closes, or for at most RefusalLingerMs.
    QTimer::singleShot(RefusalLingerMs, this, [this] { disconnectFromHost(); });
}

GatewayTcpServer::GatewayTcpServer(qint64 maxBodyBytes, QObject *parent)
    : QTcpServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
{}

void GatewayTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new GatewaySocket(m_maxBodyBytes, this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    addPendingConnection(socket);
}

} // namespace gw
