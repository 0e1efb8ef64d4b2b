// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calldiagnosis.h"

#include <QDateTime>
#include <QMetaType>
#include <QStringList>

namespace gw {

/// What to send to a gateway proxy.
struct ProxyCallRequest
{
    QString environment;
    QString proxyName;
    QString proxyVersion;
    QString method = QStringLiteral("GET");
    QString resource; ///< appended to <gateway>/gateway/<name>/<version>, e.g. "/orders/42?x=1"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

/// One call in the call tester's history: what was sent (never the token), what came back, and why.
struct CallRecord
{
    ProxyCallRequest request;
    QString url;
    QDateTime startedAt; ///< UTC
    ObservedCall response;
    qint64 elapsedMs = 0;
    Diagnosis diagnosis;
    bool sentToken = false;
    bool retriedWithNewToken = false; ///< this is the second attempt, after an expired token
    Diagnosis firstAttemptDiagnosis;  ///< what the first attempt got, when retried
    QString note;                     ///< e.g. why no token was sent
};

} // namespace gw

Q_DECLARE_METATYPE(gw::CallRecord)
