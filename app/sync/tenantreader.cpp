// SPDX-License-Identifier: GPL-3.0-or-later
#include "tenantreader.h"

#include "oauth/httptransfer.h"
#include "secrets/secretprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

namespace gw {

namespace {

QJsonValue outputOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("output"));
}

} // namespace

TenantReader::TenantReader(QNetworkAccessManager *network, const QString &tenantUrl, const QString &login,
                           const QString &password, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_tenantUrl(tenantUrl)
{
    while (m_tenantUrl.endsWith(QLatin1Char('/')))
        m_tenantUrl.chop(1);
    if (!login.isEmpty())
        m_authorization = "Basic " + (login + QLatin1Char(':') + password).toUtf8().toBase64();
    m_inventory.tenantUrl = m_tenantUrl;
}

TenantReader::~TenantReader()
{
    m_finished = true; // an abort's late answer reports nothing from a reader that is going away
    for (const QPointer<HttpTransfer> &transfer : std::as_const(m_transfers)) {
        if (transfer)
            transfer->abort();
    }
}

void TenantReader::get(const QString &path, std::function<void(const HttpResponse &)> done)
{
    QNetworkRequest request(QUrl(m_tenantUrl + path));
    request.setRawHeader("Accept", "application/json");
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    auto *transfer = new HttpTransfer(m_network, this);
    m_transfers << transfer;
    ++m_pending;
    connect(transfer, &HttpTransfer::finished, this, [this, transfer, done](const HttpResponse &response) {
        transfer->deleteLater();
        --m_pending;
        if (!m_finished)
            done(response);
    });
    transfer->start(request, "GET");
}

bool TenantReader::failed(const HttpResponse &response, const QString &what)
{
    if (response.hasResponse() && response.status == 200)
        return false;
    TenantReadResult result;
    result.status = response.status;
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QJsonValue error = body.value(QLatin1String("error"));
    result.tenantMessage = error.isObject() ? error.toObject().value(QLatin1String("message")).toString()
                                            : body.value(QLatin1String("message")).toString();
    result.tenantMessage.truncate(500);
    result.locked =
        response.status == 401 && result.tenantMessage.contains(QLatin1String("locked"), Qt::CaseInsensitive);
    if (!response.hasResponse())
        result.error = QStringLiteral("%1: %2").arg(what, response.failureText);
    else if (response.status == 401)
        result.error = QStringLiteral("%1: the tenant refused the login (HTTP 401); check the tenant user and its "
                                      "password (keychain tenant-user/<login> or GATEWRIGHT_TENANT_PASSWORD)")
                           .arg(what);
    else
        result.error = QStringLiteral("%1: the tenant answered HTTP %2").arg(what).arg(response.status);
    m_finished = true;
    Q_EMIT finished(result);
    return true;
}

void TenantReader::checkLogin()
{
    get(QStringLiteral("/apis/v1/rest/projects"), [this](const HttpResponse &r) { projectsRead(r, true); });
}

void TenantReader::start()
{
    get(QStringLiteral("/apis/v1/rest/projects"), [this](const HttpResponse &r) { projectsRead(r, false); });
}

void TenantReader::projectsRead(const HttpResponse &response, bool loginOnly)
{
    if (failed(response, QStringLiteral("Reading the projects of %1").arg(m_tenantUrl)))
        return;
    QString error;
    const auto projects = parseProjects(response.body, &error);
    if (!projects) {
        m_finished = true;
        Q_EMIT finished(TenantReadResult{std::nullopt, response.status, error, {}, false});
        return;
    }
    m_inventory.projects = *projects;
    if (loginOnly)
        return maybeFinish();
    for (qsizetype i = 0; i < m_inventory.projects.size(); ++i) {
        const QString key =
            m_inventory.projects.at(i).uid.isEmpty() ? m_inventory.projects.at(i).name : m_inventory.projects.at(i).uid;
        const QString base =
            QStringLiteral("/apis/v1/rest/projects/") + QString::fromUtf8(QUrl::toPercentEncoding(key));
        get(base + QStringLiteral("/assets"), [this, i](const HttpResponse &r) {
            if (failed(r,
                       QStringLiteral("Reading the flow services of project %1").arg(m_inventory.projects.at(i).name)))
                return;
            m_inventory.projects[i].integrations << parseAssets(r.body);
            maybeFinish();
        });
        get(base + QStringLiteral("/webhook-flows"), [this, i](const HttpResponse &r) {
            if (failed(r, QStringLiteral("Reading the webhooks of project %1").arg(m_inventory.projects.at(i).name)))
                return;
            m_inventory.projects[i].integrations << parseWebhooks(r.body);
            maybeFinish();
        });
    }
    // Roles and users are readable with the Admin role only; without them adoption falls back on the proxies.
    get(QStringLiteral("/apis/v1/rest/roles"), [this](const HttpResponse &r) {
        if (r.hasResponse() && r.status == 200) {
            m_roles = r.body;
            get(QStringLiteral("/apis/v1/rest/users"),
                [this](const HttpResponse &users) {
                    if (users.hasResponse() && users.status == 200) {
                        m_inventory.userProjects = parseUserProjects(m_roles, users.body);
                        m_inventory.rolesRead = true;
                    } else {
                        m_inventory.notes
                            << QStringLiteral("the tenant user may not read users (HTTP %1)").arg(users.status);
                    }
                    maybeFinish();
                });
        } else {
            m_inventory.notes << QStringLiteral("the tenant user may not read roles (HTTP %1); technical users get the "
                                                "projects of the proxies that use them")
                                     .arg(r.status);
        }
        maybeFinish();
    });
}

void TenantReader::maybeFinish()
{
    if (m_finished || m_pending > 0)
        return;
    m_finished = true;
    for (IoProject &project : m_inventory.projects) {
        std::sort(project.integrations.begin(), project.integrations.end(),
                  [](const Integration &a, const Integration &b) { return a.name < b.name; });
    }
    Q_EMIT finished(TenantReadResult{m_inventory, 200, {}, {}, false});
}

std::optional<QList<IoProject>> TenantReader::parseProjects(const QByteArray &body, QString *error)
{
    const QJsonValue output = outputOf(body);
    const QJsonValue list = output.isArray() ? output : output.toObject().value(QLatin1String("projects"));
    if (!list.isArray()) {
        *error = QStringLiteral("The tenant's project list has no \"output.projects\" array.");
        return std::nullopt;
    }
    QList<IoProject> projects;
    for (const QJsonValue &value : list.toArray()) {
        const QJsonObject object = value.toObject();
        IoProject project;
        project.name = object.value(QLatin1String("name")).toString();
        project.uid = object.value(QLatin1String("uid")).toString();
        if (project.name.isEmpty())
            continue;
        if (project.uid.isEmpty())
            project.uid = project.name;
        projects << project;
    }
    return projects;
}

QList<Integration> TenantReader::parseAssets(const QByteArray &body)
{
    QList<Integration> integrations;
    for (const QJsonValue &flow : outputOf(body).toObject().value(QLatin1String("flows")).toArray()) {
        const QString name =
            flow.isString() ? flow.toString() : flow.toObject().value(QLatin1String("name")).toString();
        if (!name.isEmpty() && !name.contains(QLatin1Char('/')))
            integrations << Integration{name, Integration::Kind::FlowService, FlowRunPrefix + name};
    }
    return integrations;
}

QList<Integration> TenantReader::parseWebhooks(const QByteArray &body)
{
    QList<Integration> integrations;
    for (const QJsonValue &value : outputOf(body).toObject().value(QLatin1String("objects")).toArray()) {
        const QJsonObject object = value.toObject();
        const QString name = object.value(QLatin1String("name")).toString();
        const QString sid = object.value(QLatin1String("sid")).toString();
        if (!name.isEmpty() && !sid.isEmpty() && !sid.contains(QLatin1Char('/')))
            integrations << Integration{name, Integration::Kind::Webhook, WebhookRunPrefix + sid};
    }
    return integrations;
}

QHash<QString, QStringList> TenantReader::parseUserProjects(const QByteArray &roles, const QByteArray &users)
{
    QHash<QString, QStringList> roleProjects;
    for (const QJsonValue &value : outputOf(roles).toArray()) {
        const QJsonObject role = value.toObject();
        QStringList projects;
        for (const QJsonValue &permission : role.value(QLatin1String("permissions")).toArray()) {
            const QJsonObject object = permission.toObject();
            if (object.value(QLatin1String("access_list")).toObject().value(QLatin1String("execute")).toBool())
                projects << object.value(QLatin1String("project_name")).toString();
        }
        roleProjects.insert(role.value(QLatin1String("name")).toString(), projects);
    }
    QHash<QString, QStringList> userProjects;
    for (const QJsonValue &value : outputOf(users).toArray()) {
        const QJsonObject user = value.toObject();
        QStringList projects;
        for (const QJsonValue &role : user.value(QLatin1String("roles")).toArray()) {
            for (const QString &project : roleProjects.value(role.toString())) {
                if (!projects.contains(project))
                    projects << project;
            }
        }
        userProjects.insert(user.value(QLatin1String("username")).toString(), projects);
    }
    return userProjects;
}

void readTenantOf(QNetworkAccessManager *network, SecretProvider *secrets, const Environment &environment,
                  QObject *context, std::function<void(const TenantReadResult &)> done)
{
    const QPointer<QObject> guard(context);
    auto report = [guard, done](const QString &error) {
        QMetaObject::invokeMethod(
            guard,
            [done, error] {
                done(TenantReadResult{std::nullopt, 0, error, {}, false});
            },
            Qt::QueuedConnection);
    };
    if (environment.ioTenantUrl.isEmpty() || environment.ioTenantUser.isEmpty())
        return report(QStringLiteral("Environment %1 has no .io tenant URL and tenant user: set them on the "
                                     "Environments page (or --set tenant.url=URL --set tenant.user=LOGIN).")
                          .arg(environment.name));
    if (!secrets)
        return report(QStringLiteral("No secret provider to read the tenant user's password with."));
    const SecretKey key = SecretKey::tenantUser(environment.name, environment.ioTenantUser);
    secrets->resolve(
        key, QUrl(environment.ioTenantUrl), context,
        [network, environment, guard, done](const SecretResolution &resolution) {
            if (!resolution.ok()) {
                done(TenantReadResult{std::nullopt,
                                      0,
                                      QStringLiteral("No password for tenant user \"%1\": %2")
                                          .arg(environment.ioTenantUser, resolution.message),
                                      {},
                                      false});
                return;
            }
            auto *reader =
                new TenantReader(network, environment.ioTenantUrl, environment.ioTenantUser, resolution.secret, guard);
            QObject::connect(reader, &TenantReader::finished, guard, [reader, done](const TenantReadResult &result) {
                reader->deleteLater();
                done(result);
            });
            reader->start();
        });
}

} // namespace gw
