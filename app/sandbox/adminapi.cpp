// SPDX-License-Identifier: GPL-3.0-or-later
#include "adminapi.h"

#include "aliasroutes.h"
#include "apiroutes.h"
#include "gatewayserver.h"
#include "policyroutes.h"
#include "sandboxlog.h"
#include "sandboxstate.h"
#include "version.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QSysInfo>
#include <QThread>

#include <memory>

namespace gw {

static QString key(const char *text)
{
    return QString::fromLatin1(text);
}

AdminApi::AdminApi(SandboxState &state, GatewayServer &server, QString adminUser, QString adminPassword,
                   QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_server(server)
    , m_adminUser(std::move(adminUser))
    , m_adminPassword(std::move(adminPassword))
    , m_apis(std::make_unique<ApiRoutes>(state))
    , m_policies(std::make_unique<PolicyRoutes>(state))
    , m_aliases(std::make_unique<AliasRoutes>(state))
{
    addOwnRoutes();
    m_apis->addTo(m_router);
    m_policies->addTo(m_router);
    m_aliases->addTo(m_router);
    m_server.addPrefixHandler(basePath, [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    });
}

AdminApi::~AdminApi() = default;

bool AdminApi::authorized(const AdminRequest &request) const
{
    QByteArray authorization;
    for (const auto &header : request.headers) {
        if (header.first.compare("Authorization", Qt::CaseInsensitive) == 0)
            authorization = header.second.trimmed();
    }
    if (!authorization.startsWith("Basic ") && !authorization.startsWith("basic "))
        return false;
    const auto decoded =
        QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    if (!decoded.decoded.contains(':'))
        return false;
    // Compare SHA-256 digests, which always have the same length, byte by byte without an early exit: the time taken
    // tells a remote client (--allow-remote) neither how long the password is nor how much of it matched.
    const QByteArray presented = QCryptographicHash::hash(decoded.decoded, QCryptographicHash::Sha256);
    const QByteArray expected =
        QCryptographicHash::hash((m_adminUser + u':' + m_adminPassword).toUtf8(), QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference = static_cast<unsigned char>(difference | (presented.at(i) ^ expected.at(i)));
    return difference == 0;
}

void AdminApi::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    AdminRequest admin;
    admin.method =
        QString::fromLatin1(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method())))
            .toUpper();
    admin.path = request.url().path().mid(basePath.size());
    admin.query = QUrlQuery(request.url());
    admin.headers = request.headers();
    admin.body = request.body();
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    respond(std::move(admin), [shared](const SandboxReply &reply) { GatewayServer::send(std::move(*shared), reply); });
}

void AdminApi::respond(AdminRequest request, AdminRouter::Completion done)
{
    if (request.path.isEmpty())
        request.path = QStringLiteral("/");
    // Liveness probes stay open, as load balancers call them without credentials.
    const bool open = request.path == QLatin1String("/health") || request.path.startsWith(QLatin1String("/health/"));
    if (!open && !authorized(request)) {
        SandboxReply reply = SandboxReply::error(
            401, QStringLiteral("Authentication failed: send the credentials of an API Gateway Administrator with "
                                "HTTP Basic authentication."));
        reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"API Gateway\"")});
        done(reply);
        return;
    }
    m_router.dispatch(std::move(request), std::move(done));
}

void AdminApi::addOwnRoutes()
{
    const auto health = [](const AdminRequest &) {
        return SandboxReply::json(
            200, QJsonObject{{key("status"), key("green")},
                             {key("admin"), QJsonObject{{key("status"), key("green")}}},
                             {key("engine"), QJsonObject{{key("status"), key("green")},
                                                         {key("is"), QJsonObject{{key("status"), key("green")}}}}}});
    };
    m_router.add(key("GET"), key("/health"), health);
    m_router.add(key("GET"), key("/health/all"), health);
    m_router.add(key("GET"), key("/health/admin"), [](const AdminRequest &) {
        return SandboxReply::json(200, QJsonObject{{key("status"), key("green")}});
    });
    m_router.add(key("GET"), key("/health/engine"), [](const AdminRequest &) {
        return SandboxReply::json(
            200, QJsonObject{{key("status"), key("green")}, {key("is"), QJsonObject{{key("status"), key("green")}}}});
    });
    m_router.add(key("GET"), key("/health/externalServices"), [](const AdminRequest &) {
        return SandboxReply::json(200, QJsonObject{{key("status"), key("green")}});
    });
    m_router.add(key("GET"), key("/is/serverinfo"), [](const AdminRequest &) {
        return SandboxReply::json(
            200, QJsonObject{{key("product"), key("gatewright-sandbox")},
                             {key("description"), key("Gatewright sandbox: emulator of webMethods API Gateway")},
                             {key("version"), key("11.0")},
                             {key("build"), QStringLiteral("gatewright-sandbox " GATEWRIGHT_VERSION)},
                             {key("publisher"), key("Gatewright")},
                             {key("systemInfo"),
                              QJsonObject{{key("Hostname"), QSysInfo::machineHostName()},
                                          {key("OS.Name"), QSysInfo::kernelType()},
                                          {key("OS.Release"), QSysInfo::kernelVersion()},
                                          {key("CPU.cores"), QString::number(QThread::idealThreadCount())}}}});
    });

    // Fault injection (sandbox only): GET lists the rules with their counters, POST adds one, DELETE clears.
    m_router.add(key("GET"), key("/sandbox/faults"), [this](const AdminRequest &) {
        return SandboxReply::json(200, QJsonObject{{key("faults"), m_server.faults().toJson()}});
    });
    m_router.add(key("POST"), key("/sandbox/faults"), [this](const AdminRequest &request) {
        SandboxReply error;
        const auto body = request.jsonObject(&error);
        if (!body)
            return error;
        QString reason;
        const auto rule = FaultRule::fromJson(*body, &reason);
        if (!rule)
            return SandboxReply::error(400, reason);
        m_server.faults().add(*rule);
        return SandboxReply::json(201, rule->toJson());
    });
    m_router.add(key("DELETE"), key("/sandbox/faults"), [this](const AdminRequest &) {
        m_server.faults().clear();
        return SandboxReply::noContent();
    });
}

} // namespace gw
