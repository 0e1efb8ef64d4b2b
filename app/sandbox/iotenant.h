// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace gw {

/// One call that reached the tenant's runtime (a flow service or a webhook), as the tenant saw it.
struct IoTenantCall
{
    QDateTime time; ///< UTC
    QString method;
    QString path;
    QString project;     ///< project name; empty when no integration matched
    QString integration; ///< integration name; empty when no integration matched
    QString user;        ///< Basic login presented (empty when none)
    int status = 0;      ///< HTTP status the tenant answered
    friend bool operator==(const IoTenantCall &, const IoTenantCall &) = default;
};

/// Emulates a webMethods.io Integration tenant on its own loopback port: projects whose
/// integrations run as flow services (`/integration/rest/external/integration/run/{stage}/{flow}`)
/// or webhooks (`/runflow/run/sync/v2/{token}`), users with roles that grant read / write / execute
/// per project, and the management call `GET /apis/v1/rest/projects`. Every call needs Basic auth.
/// Every runtime call is recorded; `GET /apis/v1/rest/sandbox/calls` (tenant Admin only) reads the record.
class IoTenant : public QObject
{
    Q_OBJECT

public:
    struct Access
    {
        bool read = false;
        bool write = false;
        bool execute = false;
    };

    /// A role grants access per project (by name). The built-in roles: "Admin" (users, roles,
    /// projects: everything, and the call record) and "Developer" (every project).
    struct Role
    {
        QString name;
        QString description;
        QHash<QString, Access> projects;
    };

    struct User
    {
        QString login;
        QString password;
        QStringList roles;
    };

    explicit IoTenant(QObject *parent = nullptr);
    ~IoTenant() override;

    /// Listens on \a address:\a port (0: ephemeral). Returns false and sets errorString() on failure.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;
    QString errorString() const;

    void addProject(const IoProject &project);
    void addRole(const Role &role);
    void addUser(const User &user);
    /// Changes a user's password (a later wrong-alias-password demo); false if there is no such user.
    bool setUserPassword(const QString &login, const QString &password);
    /// Replaces a user's roles; false if there is no such user.
    bool setUserRoles(const QString &login, const QStringList &roles);

    /// Like the real tenant, a login is locked after `attempts` successive wrong passwords, for
    /// `minutes` (the tenant documents 5 to 25 minutes); a locked login is refused even with the right
    /// password, with a message that says so. 0 attempts turns locking off. Default: 5 attempts, 5 minutes.
    void setLockOutPolicy(int attempts, int minutes);
    bool isLocked(const QString &login) const;
    /// How many requests presented Basic credentials for `login`, right or wrong (tests count sign-ins with it).
    int signIns(const QString &login) const { return m_signIns.value(login); }
    /// Lifts a lock (the administrator's "unlock user").
    void unlock(const QString &login);

    QList<IoProject> projects() const;
    /// The projects \a login can read or execute, in the order they were added.
    QList<IoProject> projectsVisibleTo(const QString &login) const;
    Access accessOf(const QString &login, const QString &projectName) const;

    QList<IoTenantCall> calls() const;
    void clearCalls();

    /// Delays every answer of the integration \a integration (by name) by \a milliseconds, so a
    /// test or a demo can show that a slow backend does not stall the gateway's other calls.
    void setIntegrationDelay(const QString &integration, int milliseconds);

Q_SIGNALS:
    void callRecorded(const gw::IoTenantCall &call);

private:
    struct Match
    {
        const IoProject *project = nullptr;
        const Integration *integration = nullptr;
    };

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleRun(const QHttpServerRequest &request, QHttpServerResponder &&responder, const QString &user);
    Match findIntegration(const QString &path) const;
    struct Authentication
    {
        QString login;       ///< set when the credentials were accepted
        QString presented;   ///< the login the request named, accepted or not
        bool locked = false; ///< refused because the login is locked
    };
    /// Checks the Basic credentials; counts wrong passwords towards a lock-out.
    Authentication authenticate(const QHttpServerRequest &request);
    bool isAdmin(const QString &login) const;
    void record(const IoTenantCall &call);

    std::unique_ptr<QHttpServer> m_server;
    QList<IoProject> m_projects;
    QHash<QString, Role> m_roles;
    QHash<QString, User> m_users;
    QHash<QString, int> m_delays;
    QHash<QString, int> m_failedAttempts;
    QHash<QString, int> m_signIns;
    QHash<QString, QDateTime> m_lockedUntil;
    int m_lockAttempts = 5;
    int m_lockMinutes = 5;
    QList<IoTenantCall> m_calls;
    QString m_error;
};

} // namespace gw
