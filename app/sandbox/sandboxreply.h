// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace gw {

/// An HTTP answer of the sandbox, built by a route and written by GatewayServer.
struct SandboxReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static SandboxReply json(int status, const QJsonObject &object)
    {
        return SandboxReply{status, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", {}};
    }
    static SandboxReply json(int status, const QJsonArray &array)
    {
        return SandboxReply{status, QJsonDocument(array).toJson(QJsonDocument::Compact), "application/json", {}};
    }
    /// The admin API's error body: {"errorDetails": " <message>"} (the product puts a space first).
    static SandboxReply error(int status, const QString &message)
    {
        return json(status, QJsonObject{{QStringLiteral("errorDetails"), QString(QLatin1Char(' ') + message)}});
    }
    static SandboxReply noContent() { return SandboxReply{204, {}, {}, {}}; }
};

} // namespace gw
