// SPDX-License-Identifier: GPL-3.0-or-later
#include "iotenant.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

const auto AdminRole = u"Admin"_s;
const auto DeveloperRole = u"Developer"_s;
const auto FlowPrefix = u"/integration/rest/external/integration/run/"_s;
const auto WebhookPrefix = u"/runflow/run/sync/v2/"_s;

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    default:
        return u"OTHER"_s;
    }
}

void answer(QHttpServerResponder &&responder, int status, const QJsonObject &body,
            const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QHttpServerResponse response("application/json"_ba, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                 static_cast<QHttpServerResponder::StatusCode>(status));
    for (const auto &[name, value] : headers)
        response.addHeader(name, value);
    response.write(std::move(responder));
}

QJsonObject errorBody(int code, const QString &message)
{
    return QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}};
}

void answerUnauthorized(QHttpServerResponder &&responder, const QString &message)
{
    answer(std::move(responder), 401, errorBody(401, message),
           {{"WWW-Authenticate"_ba, "Basic realm=\"webMethods.io Integration\""_ba}});
}

QJsonObject projectJson(const IoProject &project)
{
    int flows = 0;
    int webhooks = 0;
    for (const auto &integration : project.integrations)
        (integration.kind == Integration::Kind::Webhook ? webhooks : flows)++;
    return QJsonObject{{u"name"_s, project.name},
                       {u"uid"_s, project.uid},
                       {u"tenant_uid"_s, u"fl-sandbox-tenant"_s},
                       {u"workflow_count"_s, webhooks},
                       {u"flowservice_count"_s, flows}};
}

/// A webhook's workflow uid, derived from its path so that it is stable across runs.
QString webhookUid(const Integration &integration)
{
    return u"fl"_s +
           QString::fromLatin1(
               QCryptographicHash::hash(integration.path.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

QJsonObject callJson(const IoTenantCall &call)
{
    return QJsonObject{{u"time"_s, call.time.toString(Qt::ISODateWithMs)},
                       {u"method"_s, call.method},
                       {u"path"_s, call.path},
                       {u"project"_s, call.project},
                       {u"integration"_s, call.integration},
                       {u"user"_s, call.user},
                       {u"status"_s, call.status}};
}

} // namespace

IoTenant::IoTenant(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QHttpServer>())
{
    m_roles.insert(AdminRole, Role{AdminRole, u"Can manage users, roles and projects in the tenant"_s, {}});
    m_roles.insert(DeveloperRole, Role{DeveloperRole, u"Can manage all projects of your tenant"_s, {}});
    // Every request goes through one dispatcher: the flow and webhook paths have a variable depth,
    // and the tenant answers its own JSON error bodies rather than the server's default 404 page.
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
}

IoTenant::~IoTenant() = default;

bool IoTenant::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0) {
        m_error = u"The .io tenant cannot listen on %1:%2 (port in use or not permitted)."_s.arg(address.toString())
                      .arg(port);
        return false;
    }
    return true;
}

quint16 IoTenant::port() const
{
    const auto ports = m_server->serverPorts();
    return ports.isEmpty() ? 0 : ports.first();
}

QUrl IoTenant::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    return url;
}

QString IoTenant::errorString() const
{
    return m_error;
}

void IoTenant::addProject(const IoProject &project)
{
    m_projects.append(project);
}

void IoTenant::addRole(const Role &role)
{
    m_roles.insert(role.name, role);
}

void IoTenant::addUser(const User &user)
{
    m_users.insert(user.login, user);
}

bool IoTenant::setUserPassword(const QString &login, const QString &password)
{
    const auto it = m_users.find(login);
    if (it == m_users.end())
        return false;
    it->password = password;
    return true;
}

QList<IoProject> IoTenant::projects() const
{
    return m_projects;
}

QList<IoProject> IoTenant::projectsVisibleTo(const QString &login) const
{
    QList<IoProject> visible;
    for (const auto &project : m_projects) {
        const Access access = accessOf(login, project.name);
        if (access.read || access.execute || access.write)
            visible.append(project);
    }
    return visible;
}

IoTenant::Access IoTenant::accessOf(const QString &login, const QString &projectName) const
{
    Access access;
    const auto user = m_users.constFind(login);
    if (user == m_users.cend())
        return access;
    for (const auto &roleName : user->roles) {
        if (roleName == AdminRole || roleName == DeveloperRole)
            return Access{true, true, true};
        const auto role = m_roles.constFind(roleName);
        if (role == m_roles.cend())
            continue;
        const auto granted = role->projects.constFind(projectName);
        if (granted == role->projects.cend())
            continue;
        access.read = access.read || granted->read;
        access.write = access.write || granted->write;
        access.execute = access.execute || granted->execute;
    }
    return access;
}

QList<IoTenantCall> IoTenant::calls() const
{
    return m_calls;
}

void IoTenant::clearCalls()
{
    m_calls.clear();
}

void IoTenant::setIntegrationDelay(const QString &integration, int milliseconds)
{
    if (milliseconds <= 0)
        m_delays.remove(integration);
    else
        m_delays.insert(integration, milliseconds);
}

IoTenant::Authentication IoTenant::authenticate(const QHttpServerRequest &request)
{
    Authentication result;
    const QByteArray header = request.value("Authorization"_ba).trimmed();
    if (!header.startsWith("Basic ") && !header.startsWith("basic "))
        return result;
    const auto decoded =
        QByteArray::fromBase64Encoding(header.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return result;
    const QByteArray pair = *decoded;
    const qsizetype colon = pair.indexOf(':');
    if (colon < 0)
        return result;
    const QString login = QString::fromUtf8(pair.left(colon));
    const QString password = QString::fromUtf8(pair.mid(colon + 1));
    result.presented = login;
    ++m_signIns[login];
    const auto user = m_users.constFind(login);
    if (user == m_users.cend())
        return result;
    if (isLocked(login)) {
        result.locked = true;
        return result;
    }
    if (user->password.isEmpty() || user->password != password) {
        const int failures = ++m_failedAttempts[login];
        if (m_lockAttempts > 0 && failures >= m_lockAttempts) {
            m_lockedUntil.insert(login, QDateTime::currentDateTimeUtc().addSecs(qint64(m_lockMinutes) * 60));
            m_failedAttempts.remove(login);
        }
        return result;
    }
    m_failedAttempts.remove(login);
    result.login = login;
    return result;
}

void IoTenant::setLockOutPolicy(int attempts, int minutes)
{
    m_lockAttempts = attempts;
    m_lockMinutes = minutes;
}

bool IoTenant::isLocked(const QString &login) const
{
    const auto until = m_lockedUntil.constFind(login);
    return until != m_lockedUntil.cend() && QDateTime::currentDateTimeUtc() < *until;
}

void IoTenant::unlock(const QString &login)
{
    m_lockedUntil.remove(login);
    m_failedAttempts.remove(login);
}

bool IoTenant::setUserRoles(const QString &login, const QStringList &roles)
{
    const auto it = m_users.find(login);
    if (it == m_users.end())
        return false;
    it->roles = roles;
    return true;
}

bool IoTenant::isAdmin(const QString &login) const
{
    const auto user = m_users.constFind(login);
    return user != m_users.cend() && user->roles.contains(AdminRole);
}

IoTenant::Match IoTenant::findIntegration(const QString &path) const
{
    for (const auto &project : m_projects) {
        for (const auto &integration : project.integrations) {
            // The gateway's routing may append ${sys:resource_path}: accept sub-paths of the integration.
            if (path == integration.path || path.startsWith(integration.path + u'/'))
                return Match{&project, &integration};
        }
    }
    return {};
}

void IoTenant::record(const IoTenantCall &call)
{
    m_calls.append(call);
    Q_EMIT callRecorded(call);
}

void IoTenant::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    const bool isRun = path.startsWith(FlowPrefix) || path.startsWith(WebhookPrefix);
    const Authentication authentication = authenticate(request);
    const QString user = authentication.login;

    if (user.isEmpty()) {
        const bool presented = !request.value("Authorization"_ba).isEmpty();
        if (isRun) {
            const Match match = findIntegration(path);
            record(IoTenantCall{QDateTime::currentDateTimeUtc(), methodName(request.method()), path,
                                match.project ? match.project->name : QString(),
                                match.integration ? match.integration->name : QString(), QString(), 401});
        }
        const QString message =
            authentication.locked
                ? u"User %1 is locked after %2 successive invalid sign-in attempts; try again in up to %3 minutes."_s
                      .arg(authentication.presented)
                      .arg(m_lockAttempts)
                      .arg(m_lockMinutes)
            : presented ? u"Invalid username or password."_s
                        : u"Authentication required: send HTTP Basic credentials."_s;
        answerUnauthorized(std::move(responder), message);
        return;
    }

    if (isRun) {
        handleRun(request, std::move(responder), user);
        return;
    }

    if (request.method() != QHttpServerRequest::Method::Get) {
        answer(std::move(responder), 405, errorBody(405, u"Method not allowed on %1."_s.arg(path)));
        return;
    }

    if (path == u"/apis/v1/rest/projects"_s) {
        QJsonArray projects;
        for (const auto &project : projectsVisibleTo(user))
            projects.append(projectJson(project));
        answer(std::move(responder), 200,
               QJsonObject{{u"output"_s, QJsonObject{{u"projects"_s, projects}, {u"count"_s, projects.size()}}}});
        return;
    }

    if (path.startsWith(u"/apis/v1/rest/projects/"_s) && path.count(u'/') == 6) {
        // /apis/v1/rest/projects/{name or uid}/assets and /webhook-flows, as the tenant's public API serves them.
        const QStringList parts = path.split(u'/');
        const QString key = parts.at(5);
        const QString what = parts.at(6);
        for (const auto &project : projectsVisibleTo(user)) {
            if (project.name != key && project.uid != key)
                continue;
            if (what == u"assets"_s) {
                QJsonArray flows;
                QJsonArray workflows;
                for (const auto &integration : project.integrations) {
                    if (integration.kind == Integration::Kind::Webhook)
                        workflows.append(webhookUid(integration));
                    else
                        flows.append(integration.name);
                }
                answer(std::move(responder), 200,
                       QJsonObject{{u"output"_s, QJsonObject{{u"workflows"_s, workflows},
                                                             {u"flows"_s, flows},
                                                             {u"rest_api"_s, QJsonArray{}},
                                                             {u"soap_api"_s, QJsonArray{}},
                                                             {u"listener"_s, QJsonArray{}},
                                                             {u"messaging"_s, QJsonArray{}}}}});
                return;
            }
            if (what == u"webhook-flows"_s) {
                QJsonArray objects;
                for (const auto &integration : project.integrations) {
                    if (integration.kind != Integration::Kind::Webhook)
                        continue;
                    objects.append(
                        QJsonObject{{u"uid"_s, webhookUid(integration)},
                                    {u"sid"_s, integration.path.section(u'/', -1)},
                                    {u"name"_s, integration.name},
                                    {u"tenant_uid"_s, u"fl-sandbox-tenant"_s},
                                    {u"project_uid"_s, project.uid},
                                    {u"webhook_settings"_s, QJsonObject{{u"sync"_s, true}, {u"auth"_s, u"login"_s}}}});
                }
                answer(std::move(responder), 200,
                       QJsonObject{{u"output"_s, QJsonObject{{u"objects"_s, objects}, {u"count"_s, objects.size()}}}});
                return;
            }
            break;
        }
        answer(std::move(responder), 404, errorBody(404, u"No resource at %1."_s.arg(path)));
        return;
    }

    if (path.startsWith(u"/apis/v1/rest/projects/"_s)) {
        const QString key = path.mid(QStringView(u"/apis/v1/rest/projects/").size());
        for (const auto &project : projectsVisibleTo(user)) {
            if (project.name == key || project.uid == key) {
                answer(std::move(responder), 200, QJsonObject{{u"output"_s, projectJson(project)}});
                return;
            }
        }
        answer(std::move(responder), 404, errorBody(404, u"Project %1 not found."_s.arg(key)));
        return;
    }

    if (path == u"/apis/v1/rest/roles"_s || path == u"/apis/v1/rest/users"_s) {
        if (!isAdmin(user)) {
            answer(std::move(responder), 403,
                   errorBody(403, u"Users and roles are readable by users with the Admin role only."_s));
            return;
        }
        QJsonArray items;
        if (path.endsWith(u"roles"_s)) {
            QStringList names = m_roles.keys();
            names.sort();
            for (const auto &name : std::as_const(names)) {
                const Role &role = m_roles[name];
                QJsonArray permissions;
                for (const auto &project : std::as_const(m_projects)) {
                    const auto granted = role.projects.constFind(project.name);
                    if (granted == role.projects.cend())
                        continue;
                    permissions.append(QJsonObject{{u"project_uid"_s, project.uid},
                                                   {u"project_name"_s, project.name},
                                                   {u"access_list"_s, QJsonObject{{u"read"_s, granted->read},
                                                                                  {u"write"_s, granted->write},
                                                                                  {u"execute"_s, granted->execute}}}});
                }
                items.append(QJsonObject{
                    {u"name"_s, role.name}, {u"description"_s, role.description}, {u"permissions"_s, permissions}});
            }
        } else {
            QStringList logins = m_users.keys();
            logins.sort();
            for (const auto &login : std::as_const(logins))
                items.append(QJsonObject{{u"username"_s, login},
                                         {u"roles"_s, QJsonArray::fromStringList(m_users[login].roles)}});
        }
        answer(std::move(responder), 200, QJsonObject{{u"output"_s, items}});
        return;
    }

    if (path == u"/apis/v1/rest/sandbox/calls"_s) {
        if (!isAdmin(user)) {
            answer(std::move(responder), 403,
                   errorBody(403, u"The call record is readable by users with the Admin role only."_s));
            return;
        }
        QJsonArray calls;
        for (const auto &call : std::as_const(m_calls))
            calls.append(callJson(call));
        answer(std::move(responder), 200,
               QJsonObject{{u"output"_s, QJsonObject{{u"calls"_s, calls}, {u"count"_s, calls.size()}}}});
        return;
    }

    answer(std::move(responder), 404, errorBody(404, u"No resource at %1."_s.arg(path)));
}

void IoTenant::handleRun(const QHttpServerRequest &request, QHttpServerResponder &&responder, const QString &user)
{
    const QString path = request.url().path();
    const QString method = methodName(request.method());
    const Match match = findIntegration(path);
    IoTenantCall call{QDateTime::currentDateTimeUtc(), method, path, {}, {}, user, 0};

    if (!match.integration) {
        call.status = 404;
        record(call);
        if (path.startsWith(WebhookPrefix))
            answer(std::move(responder), 404, QJsonObject{{u"message"_s, u"Workflow not found."_s}, {u"code"_s, 103}});
        else
            answer(std::move(responder), 404, errorBody(404, u"No flow service at %1."_s.arg(path)));
        return;
    }

    call.project = match.project->name;
    call.integration = match.integration->name;
    if (!accessOf(user, match.project->name).execute) {
        // The tenant refuses a valid login without execute permission on the project with 401, like
        // wrong credentials: the caller learns nothing about which projects exist.
        call.status = 401;
        record(call);
        answerUnauthorized(std::move(responder), u"User %1 is not authorized to execute %2 in project %3."_s.arg(
                                                     user, match.integration->name, match.project->name));
        return;
    }

    call.status = 200;
    const QJsonDocument input = QJsonDocument::fromJson(request.body());
    QJsonObject query;
    const auto items = request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        query.insert(key, value);
    const QJsonObject body{
        {u"output"_s, QJsonObject{{u"project"_s, match.project->name},
                                  {u"projectUid"_s, match.project->uid},
                                  {u"integration"_s, match.integration->name},
                                  {u"executedBy"_s, user},
                                  {u"method"_s, method},
                                  {u"path"_s, path},
                                  {u"query"_s, query},
                                  {u"input"_s, input.isObject()  ? QJsonValue(input.object())
                                               : input.isArray() ? QJsonValue(input.array())
                                                                 : QJsonValue(QString::fromUtf8(request.body()))},
                                  {u"status"_s, u"success"_s}}}};

    const int delay = m_delays.value(match.integration->name, 0);
    if (delay <= 0) {
        record(call);
        answer(std::move(responder), 200, body);
        return;
    }
    // The responder can outlive this handler (QtHttpServer keeps the socket and request while a
    // responder is pending), so a slow integration answers later without blocking the event loop.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QTimer::singleShot(delay, this, [this, pending, call, body]() {
        record(call);
        answer(std::move(*pending), 200, body);
    });
}

} // namespace gw
