// SPDX-License-Identifier: GPL-3.0-or-later
// The sandbox's admin API (app/sandbox AdminApi::respond: Basic authentication, the route table, every route) driven
// without a socket. An input is one or more requests separated by a line "===":
//     METHOD /path/below/rest/apigateway?query
//     Header: value
//     <empty line>
//     body
// On a gateway seeded with the demo data. "$API", "$POLICY", "$ACTION" and "$ALIAS" in the path stand for the id of
// the first such object, so that routes on existing objects are reached (ids are random UUIDs). Without an
// Authorization header the administrator's is added, so most inputs get past the login; with one, it is checked.
// Every request is answered with a status from 200 to 599, and a JSON reply holds JSON.
#include "fuzzsupport.h"

#include "adminapi.h"
#include "demoseed.h"
#include "gatewayserver.h"
#include "sandboxstate.h"

#include <QJsonDocument>
#include <QUrl>

using namespace gw;

namespace {

const QString adminUser = QStringLiteral("Administrator");
const QString adminPassword = QStringLiteral("manage");

QString firstId(const SandboxState &state, SandboxState::Kind kind)
{
    const QList<QJsonObject> all = state.all(kind);
    return all.isEmpty() ? QString() : all.first().value(QStringLiteral("id")).toString();
}

AdminRequest parseRequest(const QByteArray &text, const SandboxState &state)
{
    AdminRequest request;
    const qsizetype headEnd = text.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? text : text.left(headEnd);
    request.body = headEnd < 0 ? QByteArray() : text.mid(headEnd + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.value(0);
    const qsizetype space = requestLine.indexOf(' ');
    request.method = QString::fromLatin1(space < 0 ? requestLine : requestLine.left(space));
    QString target = QString::fromUtf8(space < 0 ? QByteArray() : requestLine.mid(space + 1));
    target.replace(QLatin1String("$API"), firstId(state, SandboxState::Kind::Api));
    target.replace(QLatin1String("$POLICY"), firstId(state, SandboxState::Kind::Policy));
    target.replace(QLatin1String("$ACTION"), firstId(state, SandboxState::Kind::PolicyAction));
    target.replace(QLatin1String("$ALIAS"), firstId(state, SandboxState::Kind::Alias));
    // As the HTTP server hands it over: a URL relative to the server, its path decoded, the query kept apart.
    const QUrl url = QUrl(QStringLiteral("http://127.0.0.1:5555")).resolved(QUrl(target));
    request.path = url.path();
    request.query = QUrlQuery(url);
    bool hasAuthorization = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines.at(i).left(colon).trimmed();
        hasAuthorization = hasAuthorization || name.compare("Authorization", Qt::CaseInsensitive) == 0;
        request.headers.append({name, lines.at(i).mid(colon + 1).trimmed()});
    }
    if (!hasAuthorization)
        request.headers.append({"Authorization", "Basic " + (adminUser + u':' + adminPassword).toUtf8().toBase64()});
    return request;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::ensureApplication();
    SandboxState state;
    DemoSeed::seedGateway(state, QUrl(QStringLiteral("http://127.0.0.1:5556")));
    GatewayServer server;
    AdminApi api(state, server, adminUser, adminPassword);

    const QByteArray input = fuzz::bytes(data, size);
    qsizetype start = 0;
    for (int count = 0; start <= input.size() && count < 8; ++count) {
        qsizetype end = input.indexOf("\n===\n", start);
        if (end < 0)
            end = input.size();
        AdminRequest request = parseRequest(input.mid(start, end - start), state);
        start = end + 5;
        api.respond(std::move(request), [](const SandboxReply &reply) {
            if (reply.status < 200 || reply.status > 599)
                fuzz::fail("a reply status outside 200-599");
            if (reply.contentType == "application/json" && !reply.body.isEmpty()) {
                QJsonParseError error;
                QJsonDocument::fromJson(reply.body, &error);
                if (error.error != QJsonParseError::NoError)
                    fuzz::fail("a JSON reply that is not JSON");
            }
        });
    }
    return 0;
}
