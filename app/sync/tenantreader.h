// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adoption.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
struct HttpResponse;

struct TenantReadResult
{
    std::optional<TenantInventory> inventory;
    int status = 0;        ///< HTTP status of the first failed request (401: the user was refused)
    QString error;         ///< what failed, where, and what to do
    QString tenantMessage; ///< the tenant's own words on a refusal ("error.message"), when it gave any
    /// The refusal says the login is locked (after successive wrong passwords), not just wrong.
    bool locked = false;
    bool ok() const { return inventory.has_value(); }
};

/// Reads a webMethods.io Integration tenant as one login (HTTP Basic): the projects
/// (GET /apis/v1/rest/projects), each project's flow services (/projects/{uid}/assets) and webhooks
/// (/projects/{uid}/webhook-flows), and, when the login may read them, the roles (/roles) and users
/// (/users) that tell which projects each technical user can execute. Every request goes through
/// HttpTransfer (timeouts, no redirects, size cap).
class TenantReader : public QObject
{
    Q_OBJECT
public:
    /// The path a flow service runs at on the tenant, followed by its name.
    static inline const QString FlowRunPrefix =
        QStringLiteral("/integration/rest/external/integration/run/development/");
    /// The path a synchronous webhook runs at, followed by its sid.
    static inline const QString WebhookRunPrefix = QStringLiteral("/runflow/run/sync/v2/");

    TenantReader(QNetworkAccessManager *network, const QString &tenantUrl, const QString &login,
                 const QString &password, QObject *parent = nullptr);
    ~TenantReader() override;

    /// Reads the project list only (the connection check).
    void checkLogin();
    /// Reads everything adoption needs.
    void start();

    /// Parsers of the tenant's answers, public for tests.
    static std::optional<QList<IoProject>> parseProjects(const QByteArray &body, QString *error);
    static QList<Integration> parseAssets(const QByteArray &body);
    static QList<Integration> parseWebhooks(const QByteArray &body);
    static QHash<QString, QStringList> parseUserProjects(const QByteArray &roles, const QByteArray &users);

Q_SIGNALS:
    void finished(const gw::TenantReadResult &result);

private:
    void get(const QString &path, std::function<void(const HttpResponse &)> done);
    bool failed(const HttpResponse &response, const QString &what);
    void projectsRead(const HttpResponse &response, bool loginOnly);
    void maybeFinish();

    QNetworkAccessManager *m_network;
    QString m_tenantUrl;
    QByteArray m_authorization;
    TenantInventory m_inventory;
    QByteArray m_roles;
    QList<QPointer<HttpTransfer>> m_transfers;
    int m_pending = 0;
    bool m_finished = false;
};

class SecretProvider;

/// Reads the environment's tenant (everything, as TenantReader::start) as its tenant user, with the password
/// from `secrets` (keychain or GATEWRIGHT_TENANT_PASSWORD) bound to the tenant's origin. `done` runs once,
/// later, while `context` lives; without a tenant URL or user it reports what to set.
void readTenantOf(QNetworkAccessManager *network, SecretProvider *secrets, const Environment &environment,
                  QObject *context, std::function<void(const TenantReadResult &)> done);

} // namespace gw

Q_DECLARE_METATYPE(gw::TenantReadResult)
