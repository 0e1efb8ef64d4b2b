// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace gw {

/// One injected fault: the Nth request matching METHOD and a path glob fails in a chosen way.
/// Text form (CLI --fault and the "rule" field of POST /rest/apigateway/sandbox/faults):
///   "METHOD PATH-GLOB:N:ACTION"   e.g. "PUT /policies/*:3:500", "* /gateway/*:1+:drop"
/// METHOD is an HTTP method or *; PATH-GLOB uses * for any characters and is matched against the full
/// path and against the path below /rest/apigateway; N counts matching requests from 1, "N+" fails
/// the Nth and every later one; ACTION is an HTTP status 400-599 (answered with an errorDetails body),
/// "hang" (no answer, the connection is dropped after the hang time), "drop" (connection closed),
/// "commit-drop" (the request takes effect, then the connection is closed before the answer), or one
/// of two malformed successes a misbehaving gateway or proxy in front of it can give: "null" (200 with the
/// resource's envelope set to null, e.g. {"policy":null}) and "array" (200 with a bare []).
struct FaultRule
{
    enum class Action { Status, Hang, Drop, CommitThenDrop, NullEnvelope, BareArray };

    QString method; ///< upper case, or "*"
    QString pathGlob;
    int nth = 1;
    bool repeat = false; ///< "N+"
    Action action = Action::Status;
    int status = 500;
    int seen = 0; ///< matching requests so far

    static std::optional<FaultRule> parse(const QString &text, QString *error);
    static std::optional<FaultRule> fromJson(const QJsonObject &object, QString *error);
    QString toText() const;
    QJsonObject toJson() const;

    bool matches(const QString &method, const QString &path) const;
};

} // namespace gw
