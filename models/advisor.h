// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// The technical-user advisor: what each .io technical user's credential reaches, what a leak or a
/// lock-out of it costs, what managing more users costs, and which way of cutting users fits the
/// workspace (one shared user, one per project, one per sensitivity level), with the reasons in
/// words. .io authorizes per project through roles, never per API: every figure is per project.
/// Pure: the live check's sign-ins happen in app/sync (AccessCheck), this only compares.
namespace gw {

enum class Sensitivity { Public, Internal, Confidential, Restricted };

namespace Advisor {

/// A project's sensitivity; an empty or unknown one counts as internal (and says so in the text).
Sensitivity sensitivityOf(const IoProject &project);
/// "public", "internal", "confidential", "restricted".
QString sensitivityName(Sensitivity sensitivity);
/// A project name as it goes into user and alias names: lower case, letters and digits, runs of anything
/// else as one '-' ("Order Mgmt" -> "order-mgmt").
QString nameSlug(const QString &name);
/// "svc-<slug>" and "io-<slug>-basic": the names one user per project gets.
QString projectUserName(const QString &project);
QString projectAliasName(const QString &project);
/// How much a leak of one project of this level weighs: public 1, internal 2, confidential 4, restricted 8.
int weightOf(Sensitivity sensitivity);

struct Options
{
    int rotationIntervalDays = 90; ///< how often every technical-user password is changed
    /// Above this many projects (behind proxies), one user per project costs more than it protects:
    /// the advisor then groups by sensitivity instead.
    int perProjectLimit = 12;
};

/// What one technical user's credential reaches and what depends on it.
struct UserExposure
{
    QString user;
    bool known = true;           ///< false for a user only an alias names
    QStringList aliases;         ///< httpTransportSecurityAliases carrying its credentials
    QStringList projects;        ///< projects its role grants execute on: what a leak reaches on .io
    QStringList integrations;    ///< "Project/integration" of those projects, as the workspace knows them
    QStringList proxiesReached;  ///< proxies fronting those projects: their backends are open to a leak
    QStringList proxiesUsing;    ///< proxies calling .io as this user: what a lock-out breaks
    QStringList projectsNeeded;  ///< projects of proxiesUsing
    QStringList excessProjects;  ///< granted, but no proxy needs them through this user
    QStringList missingProjects; ///< needed by a proxy, not granted: those calls answer 401
    QStringList sensitivities;   ///< distinct levels of `projects`, lowest first
    int leakWeight = 0;          ///< sum of weightOf() over `projects`
    QString leakText;            ///< one sentence: what a leak reaches
    QString lockOutText;         ///< one sentence: what a lock-out breaks
    QString attributionText;     ///< one sentence: what a .io log line naming this user tells
};

struct Problem
{
    enum class Kind {
        MissingRole,      ///< the proxy's outbound user has no role on its project: the call answers 401
        NoOutboundAuth,   ///< no Outbound Auth - Transport: .io answers 401, the gateway says "native provider"
        UnknownAlias,     ///< the outbound alias is not a known httpTransportSecurityAlias
        UnknownUser,      ///< an alias carries a user the workspace does not know
        ExcessPrivilege,  ///< a user has roles on projects no proxy needs through it
        MixedSensitivity, ///< one user reaches projects of different sensitivity
        ProjectSplit,     ///< APIs of one project are exposed differently; .io cannot isolate them
    };
    Kind kind = Kind::MissingRole;
    QString proxy;        ///< "name/version", when the problem is a proxy's
    QString alias;        ///< when the problem is an alias's
    QString user;         ///< the technical user involved
    QString project;      ///< the project involved (the first, for several)
    QStringList projects; ///< every project involved (excess, mixed sensitivity)
    QString message;      ///< what is wrong, with names
    QString fix;          ///< what to do

    /// "missing-role", "no-outbound-auth", ... for JSON and tests.
    QString code() const;
    /// Errors make calls fail; the other kinds widen what a leak reaches or hide who called.
    bool breaksCalls() const;
};

/// One technical user of a strategy: its alias and the projects its role grants.
struct Assignment
{
    QString user;
    QString alias;
    QStringList aliases;   ///< every alias of the user (Current may have several)
    QStringList projects;  ///< role grants
    QStringList proxies;   ///< proxies ("name/version") that call .io as it
    bool newUser = false;  ///< not in the workspace yet: to create on the tenant
    bool newAlias = false; ///< not in the workspace yet: to create on the gateway
    bool known = true;
};

/// The figures of one column of the comparison.
struct Figures
{
    int users = 0;
    int newUsers = 0;
    int roles = 0;      ///< one role per user with at least one project
    int roleGrants = 0; ///< project entries over all roles
    int aliases = 0;
    int newAliases = 0;
    int keychainSecrets = 0; ///< per environment: one password per alias
    double rotationsPerYear = 0;
    int proxiesPerRotation = 0; ///< proxies the busiest user's rotation touches
    QString busiestUser;
    int worstLeakProjects = 0;  ///< projects the user with the heaviest leak reaches
    int worstLeakSensitive = 0; ///< of them, confidential or restricted
    int worstLeakWeight = 0;
    QString worstLeakUser;
    int worstLockOutProxies = 0; ///< proxies one lock-out stops (the busiest user)
    int logIdentities = 0;       ///< distinct users .io logs show for the proxies
    int mixedSensitivityUsers = 0;
    int unboundProxies = 0; ///< proxies without a working outbound binding
};

struct StrategyOption
{
    enum class Kind { Current, Shared, PerProject, BySensitivity };
    Kind kind = Kind::Current;
    QList<Assignment> assignments;
    QStringList unboundProxies; ///< proxies this option leaves without a technical user, and why
    Figures figures;
    /// "current", "shared", "perProject", "bySensitivity".
    QString code() const;
    QString title() const;
    /// "Current", "Shared", "Per project", "By sensitivity": for column headings.
    QString shortTitle() const;
    const Assignment *assignmentOfProject(const QString &project) const;
};

struct Recommendation
{
    StrategyOption::Kind strategy = StrategyOption::Kind::PerProject;
    bool currentMatches = false; ///< the current mapping already is the recommended strategy
    QStringList reasons;         ///< sentences citing the figures
};

/// Expected vs actual access of one technical user, after signing in to the tenant as it.
struct LiveAccess
{
    enum class Status {
        Matches,    ///< reaches exactly what its proxies need
        Mismatch,   ///< missing or excess projects
        Refused,    ///< the tenant refused the password (wrong, or the user is locked)
        Locked,     ///< the tenant said the user is locked
        NoPassword, ///< no password in the keychain or the environment: not signed in
        Error,      ///< the tenant could not be asked
    };
    QString user;
    Status status = Status::Error;
    QStringList expected;    ///< the projects the workspace grants it
    QStringList needed;      ///< the projects its proxies need
    QStringList actual;      ///< the projects the tenant shows it
    QStringList missing;     ///< needed, not actual: those proxies fail
    QStringList excess;      ///< actual, not needed: the blast radius is larger than planned
    QStringList notDeclared; ///< actual, not in `expected`: the workspace is out of date
    QString message;
    bool ok() const { return status == Status::Matches; }
    /// "matches", "mismatch", "refused", "locked", "no-password", "error".
    QString code() const;
};

struct Analysis
{
    QString environment;
    Options options;
    QList<UserExposure> users;
    QList<Problem> problems;
    QList<StrategyOption> strategies; ///< Current, Shared, PerProject, BySensitivity
    Recommendation recommendation;
    QList<LiveAccess> live; ///< filled by the live check
    bool liveChecked = false;

    const UserExposure *user(const QString &name) const;
    const StrategyOption *strategy(StrategyOption::Kind kind) const;
    /// True when the analysis or the live check found something to fix.
    bool hasProblems() const;
    QString toText() const;
    QJsonObject toJson() const;
};

/// One line of the side-by-side comparison: a figure, what it means, and its value for each of
/// Analysis::strategies, in that order.
struct ComparisonRow
{
    QString label;
    QString meaning;
    QStringList values;
};
QList<ComparisonRow> comparisonRows(const Analysis &analysis);

/// Analyses the workspace's technical users for `environment` (named in the figures' keychain count).
Analysis analyze(const Workspace &workspace, const QString &environment, const Options &options = {});

/// The users and aliases a strategy maps the projects behind proxies to, reusing an existing user whose
/// role grants exactly a group's projects (and its alias), naming new ones "svc-gateway-shared",
/// "svc-<project>", "svc-gateway-<level>" and "io-<...>-basic".
StrategyOption strategyOption(const Workspace &workspace, StrategyOption::Kind kind, const Options &options = {});

/// Compares a tenant's answer for one user with what the workspace expects of it.
LiveAccess compareAccess(const UserExposure &exposure, const QStringList &actualProjects);

struct StrategyChange
{
    Workspace workspace; ///< the workspace after the change
    bool changed = false;
    QStringList
        lines; ///< what changes, one line each ("Proxy OrdersList/1.0: alias io-shared-basic -> io-orders-basic")
    QStringList tenantSteps;  ///< the checklist for the .io side (create users, roles with execute on projects)
    QStringList gatewaySteps; ///< what the next plan and apply will do on the gateway
    QStringList secretsToSet; ///< keychain references of new aliases, for the Secrets page
    QString toText() const;
};

struct StrategyRequest
{
    StrategyOption::Kind strategy = StrategyOption::Kind::PerProject;
    bool removeUnused = true; ///< drop users and aliases that no proxy uses afterwards
};

/// Rewrites technical users, aliases (with keychain references, never a password) and proxy outbound
/// bindings for the strategy. Proxies of unknown projects are left as they are and named.
StrategyChange applyStrategy(const Workspace &workspace, const StrategyRequest &request, const Options &options = {});

} // namespace Advisor
} // namespace gw
