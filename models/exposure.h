// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QJsonObject>
#include <QStringList>

/// Exposing one .io integration through a new gateway proxy: what to suggest (name, version, scopes,
/// the technical user and alias the workspace's credential strategy implies) and the workspace change
/// that does it. Pure; the plan, the apply and the verifying call happen in app/sync (ExposeFlow).
namespace gw::Exposure {

struct Suggestion
{
    QString proxyName;
    QString version = QStringLiteral("1.0");
    QStringList scopes;
    QString scopeReason; ///< why these scopes, for a person
    QString user;        ///< technical user the proxy will call .io as
    QString alias;       ///< its HTTP transport security alias
    bool newUser = false;
    bool newAlias = false;
    QString outboundReason; ///< why this user (the strategy), for a person
};

/// `project` and `integration` must be in the workspace (see withTenantProjects for ones read from the tenant).
Suggestion suggest(const Workspace &workspace, const QString &project, const QString &integration);
/// The same with an explicit technical user (an existing one; its alias is reused or one is created).
Suggestion suggestForUser(const Workspace &workspace, const QString &project, const QString &integration,
                          const QString &user);

/// `workspace` with what a read of the tenant found and it lacks: new projects, and new integrations of known
/// ones (matched by name). `added` gets one line per addition.
Workspace withTenantProjects(const Workspace &workspace, const QList<IoProject> &tenantProjects,
                             QStringList *added = nullptr);

struct Request
{
    QString project;
    QString integration;
    QString proxyName;
    QString version = QStringLiteral("1.0");
    QStringList scopes;
    QString user;
    QString alias;
    bool newUser = false;
    bool newAlias = false;
};

Request requestFrom(const QString &project, const QString &integration, const Suggestion &suggestion);

struct Change
{
    Workspace workspace;
    GatewayProxy proxy;
    QStringList lines;        ///< the workspace change, one line each
    QStringList tenantSteps;  ///< what the .io side needs (a role with execute on the project)
    QString aliasSecretRef;   ///< "alias/<name>" when the alias is new: its password must be stored
    bool roleDeclared = true; ///< the user's projects list the proxy's project
    QStringList errors;       ///< what is wrong with the request, as the file reader words it (pointer: message)
    bool ok() const { return errors.isEmpty(); }
    QString proxyKey() const { return proxy.name + QLatin1Char('/') + proxy.version; }
    QJsonObject toJson() const;
};

Change expose(const Workspace &workspace, const Request &request);

} // namespace gw::Exposure
