// SPDX-License-Identifier: GPL-3.0-or-later
#include "adminrouter.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace gw {

QByteArray AdminRequest::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

std::optional<QJsonObject> AdminRequest::jsonObject(SandboxReply *error) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString reason =
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
                : QStringLiteral("the payload is not a JSON object");
        *error = SandboxReply::error(
            400, QStringLiteral("Unable to create the resource. Error in processing the payload "
                                "%1. Error Message %2. Check the correctness of key and payload.")
                     .arg(body.isEmpty() ? QStringLiteral("null") : QStringLiteral("body"), reason));
        return std::nullopt;
    }
    return document.object();
}

void AdminRouter::add(const QString &method, const QString &pattern, Route route)
{
    addAsync(method, pattern,
             [route = std::move(route)](const AdminRequest &request, Completion done) { done(route(request)); });
}

void AdminRouter::addAsync(const QString &method, const QString &pattern, AsyncRoute route)
{
    m_entries.append(Entry{method, QRegularExpression(QRegularExpression::anchoredPattern(pattern)), std::move(route)});
}

void AdminRouter::dispatch(AdminRequest request, Completion done) const
{
    QString path = request.path;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    bool pathKnown = false;
    for (const Entry &entry : m_entries) {
        const QRegularExpressionMatch match = entry.pattern.match(path);
        if (!match.hasMatch())
            continue;
        pathKnown = true;
        if (entry.method != request.method)
            continue;
        request.captures = match.capturedTexts().mid(1);
        for (QString &capture : request.captures)
            capture = QUrl::fromPercentEncoding(capture.toUtf8());
        entry.route(request, std::move(done));
        return;
    }
    if (pathKnown) {
        const QString resource = path.section(QLatin1Char('/'), 1, 1);
        done(SandboxReply::error(
            405, QStringLiteral("Method: %1 is not allowed on resource: %2").arg(request.method, resource)));
        return;
    }
    done(SandboxReply::error(404, QStringLiteral("Unable to find the resource: %1").arg(request.path)));
}

} // namespace gw
