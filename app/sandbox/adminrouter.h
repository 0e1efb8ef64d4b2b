// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandboxreply.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace gw {

/// One admin API request, already authenticated, as a route sees it.
struct AdminRequest
{
    QString method;       ///< upper case
    QString path;         ///< below /rest/apigateway, e.g. "/apis/42/activate"
    QStringList captures; ///< the route pattern's capture groups (ids)
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; ///< as received, names in any case
    QByteArray body;

    /// The first header of that name (case-insensitive), or empty.
    QByteArray header(const QByteArray &name) const;
    /// The body as a JSON object, or the product's 400 for a payload it cannot process.
    std::optional<QJsonObject> jsonObject(SandboxReply *error) const;
};

/// Method + path-pattern table of the admin API. Unknown paths get 404, a known path with another
/// method gets 405, as the product answers.
class AdminRouter
{
public:
    using Completion = std::function<void(const SandboxReply &reply)>;
    using Route = std::function<SandboxReply(const AdminRequest &request)>;
    using AsyncRoute = std::function<void(const AdminRequest &request, Completion done)>;

    /// @p pattern is a regular expression over the path below /rest/apigateway, e.g. "/apis/([^/]+)".
    void add(const QString &method, const QString &pattern, Route route);
    void addAsync(const QString &method, const QString &pattern, AsyncRoute route);

    void dispatch(AdminRequest request, Completion done) const;

private:
    struct Entry
    {
        QString method;
        QRegularExpression pattern;
        AsyncRoute route;
    };
    QList<Entry> m_entries;
};

} // namespace gw
