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
    /// Where the bearer token comes from.
    enum class Bearer {
        Session, ///< the TokenSession's token, fetched first with the proxy's scopes when it has none that fits
        Given,   ///< givenToken, as pasted or given on the command line; never renewed
        None,    ///< no Authorization header (unless the caller's headers carry one)
    };

    QString environment;
    QString proxyName;
    QString proxyVersion;
    QString method = QStringLiteral("GET");
    QString resource; ///< appended to <gateway>/gateway/<name>/<version>, e.g. "/orders/42?x=1"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Bearer bearer = Bearer::Session;
    QString givenToken; ///< for Bearer::Given; cleared before the request reaches the history
    /// Bearer::Session: fetch a token with the proxy's scopes first when the session's does not ask for them.
    /// Off when the caller chose other scopes on purpose (`gatewright call --scope`).
    bool fitProxyScopes = true;

    /// Whether the caller's headers include `name` (compared case-insensitively), e.g. their own Authorization.
    bool hasHeader(const char *name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
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
    QString note;                     ///< e.g. why no token was sent; sentences, in the order they happened
    /// The token the second attempt used did not verify locally (its verification text), empty otherwise.
    QString retryTokenProblem;

    void addNote(const QString &sentence) { note = note.isEmpty() ? sentence : note + u' ' + sentence; }
};

} // namespace gw

Q_DECLARE_METATYPE(gw::CallRecord)
