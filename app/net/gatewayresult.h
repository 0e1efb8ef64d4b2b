// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace gw {

/// The outcome of one admin API request, delivered by GatewayJob::finished.
struct GatewayResult
{
    enum class ErrorKind {
        None,
        Credentials, ///< no admin password could be had (keychain, environment variable)
        Network,     ///< refused, unreachable, dropped connection
        Timeout,     ///< no answer within the transfer timeout
        Tls,         ///< certificate not trusted (details in `message`)
        Redirect,    ///< a 3xx: credentials are never sent on to another location
        Http,        ///< the gateway answered with an error status (errorDetails in `message`)
        BadReply,    ///< a success status with a body that is not the JSON the spec describes
        TooLarge,    ///< the reply grew past the client's cap
        Cancelled,
    };

    QString method;
    QString path; ///< path below the gateway URL, e.g. /rest/apigateway/apis
    int httpStatus = 0;
    QJsonValue json; ///< the parsed body when it is JSON
    ErrorKind error = ErrorKind::None;
    QString message;        ///< for a person: what failed, where, and what to do
    QString gatewayDetails; ///< the gateway's own errorDetails text, trimmed
    int attempts = 0;
    /// The server's leaf certificate (PEM) when TLS failed, so a person can see it and decide.
    QByteArray peerCertificatePem;

    bool ok() const { return error == ErrorKind::None; }
    QJsonObject object() const { return json.toObject(); }
};

} // namespace gw

#include <QMetaType>
Q_DECLARE_METATYPE(gw::GatewayResult)
