// SPDX-License-Identifier: GPL-3.0-or-later
#include "advisor.h"

#include "calldiagnosis.h"
#include "crossreferences.h"
#include "syncformat.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>

namespace gw::Advisor {

using SyncFormat::proxyKey;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("gw::Advisor", text);
}

QString names(const QStringList &list)
{
    return CrossReferences::joinNames(list);
}

QString count(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? tr(one) : tr(many));
}

QString projectCount(int n)
{
    return count(n, "project", "projects");
}

QString proxyCount(int n)
{
    return CrossReferences::proxyCount(n);
}

QString rotations(double perYear)
{
    return QString::number(perYear, 'f', 1);
}

bool isSensitive(Sensitivity s)
{
    return s == Sensitivity::Confidential || s == Sensitivity::Restricted;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList minus(const QStringList &a, const QStringList &b)
{
    QStringList out;
    for (const QString &item : a) {
        if (!b.contains(item))
            out << item;
    }
    return out;
}

/// What the analysis looks up over and over, indexed once.
struct Index
{
    explicit Index(const Workspace &w)
        : workspace(w)
        , refs(w)
    {
        for (const GatewayProxy &proxy : w.proxies) {
            if (w.project(proxy.project)) {
                proxiesOfProject[proxy.project] << proxyKey(proxy);
                if (!neededProjects.contains(proxy.project))
                    neededProjects << proxy.project;
            }
        }
        // Keep the workspace's project order.
        QStringList ordered;
        for (const IoProject &project : w.projects) {
            if (neededProjects.contains(project.name))
                ordered << project.name;
        }
        neededProjects = ordered;
        if (neededProjects.isEmpty()) {
            for (const IoProject &project : w.projects)
                neededProjects << project.name;
        }
    }

    Sensitivity sensitivity(const QString &project) const
    {
        const IoProject *p = workspace.project(project);
        return p ? sensitivityOf(*p) : Sensitivity::Internal;
    }

    /// The user a proxy calls .io as; empty when it has no working binding.
    QString userOf(const GatewayProxy &proxy) const
    {
        if (proxy.outbound.kind != OutboundAuth::Kind::Alias)
            return {};
        const Alias *alias = workspace.alias(proxy.outbound.alias);
        if (!alias || alias->type != Alias::Type::HttpTransportSecurity)
            return {};
        return alias->technicalUser;
    }

    const Workspace &workspace;
    CrossReferences refs;
    QHash<QString, QStringList> proxiesOfProject;
    QStringList neededProjects; ///< projects behind proxies, in workspace order (all when none are)
};

QStringList sensitivitiesOf(const Index &index, const QStringList &projects)
{
    QList<Sensitivity> levels;
    for (const QString &project : projects) {
        const Sensitivity s = index.sensitivity(project);
        if (!levels.contains(s))
            levels << s;
    }
    std::sort(levels.begin(), levels.end());
    QStringList out;
    for (Sensitivity s : levels)
        out << sensitivityName(s);
    return out;
}

int weightOfProjects(const Index &index, const QStringList &projects)
{
    int weight = 0;
    for (const QString &project : projects)
        weight += weightOf(index.sensitivity(project));
    return weight;
}

Figures figuresOf(const Index &index, const QList<Assignment> &assignments, int unbound, const Options &options)
{
    Figures f;
    QSet<QString> aliases;
    for (const Assignment &a : assignments) {
        ++f.users;
        f.newUsers += a.newUser ? 1 : 0;
        f.newAliases += a.newAlias ? 1 : 0;
        if (!a.projects.isEmpty())
            ++f.roles;
        f.roleGrants += int(a.projects.size());
        for (const QString &alias : a.aliases)
            aliases.insert(alias);
        if (!a.proxies.isEmpty())
            ++f.logIdentities;
        if (int(a.proxies.size()) > f.worstLockOutProxies) {
            f.worstLockOutProxies = int(a.proxies.size());
            f.busiestUser = a.user;
        }
        const int weight = weightOfProjects(index, a.projects);
        if (weight > f.worstLeakWeight) {
            f.worstLeakWeight = weight;
            f.worstLeakUser = a.user;
            f.worstLeakProjects = int(a.projects.size());
            f.worstLeakSensitive = 0;
            for (const QString &project : a.projects)
                f.worstLeakSensitive += isSensitive(index.sensitivity(project)) ? 1 : 0;
        }
        if (sensitivitiesOf(index, a.projects).size() > 1)
            ++f.mixedSensitivityUsers;
    }
    f.aliases = int(aliases.size());
    f.keychainSecrets = f.aliases;
    f.proxiesPerRotation = f.worstLockOutProxies;
    f.rotationsPerYear = f.users * 365.0 / std::max(1, options.rotationIntervalDays);
    f.unboundProxies = unbound;
    return f;
}

StrategyOption currentOption(const Index &index, const Options &options)
{
    const Workspace &w = index.workspace;
    StrategyOption option;
    option.kind = StrategyOption::Kind::Current;
    QHash<QString, qsizetype> rowOfUser;
    auto rowFor = [&](const QString &user) -> Assignment & {
        auto it = rowOfUser.constFind(user);
        if (it != rowOfUser.cend())
            return option.assignments[*it];
        Assignment a;
        a.user = user;
        const TechnicalUser *known = w.technicalUser(user);
        a.known = known != nullptr;
        if (known)
            a.projects = known->projects;
        rowOfUser.insert(user, option.assignments.size());
        option.assignments << a;
        return option.assignments.last();
    };
    for (const TechnicalUser &user : w.technicalUsers)
        rowFor(user.name);
    for (const Alias &alias : w.aliases) {
        if (alias.type != Alias::Type::HttpTransportSecurity || alias.technicalUser.isEmpty())
            continue;
        Assignment &a = rowFor(alias.technicalUser);
        a.aliases << alias.name;
        if (a.alias.isEmpty())
            a.alias = alias.name;
    }
    for (const GatewayProxy &proxy : w.proxies) {
        const QString user = index.userOf(proxy);
        if (user.isEmpty()) {
            option.unboundProxies << proxyKey(proxy);
            continue;
        }
        rowFor(user).proxies << proxyKey(proxy);
    }
    option.figures = figuresOf(index, option.assignments, int(option.unboundProxies.size()), options);
    return option;
}

/// The existing user whose role grants exactly `projects` (same set), preferring one that already has an alias.
const TechnicalUser *userGranting(const Workspace &w, const QStringList &projects)
{
    const QSet<QString> wanted(projects.cbegin(), projects.cend());
    const TechnicalUser *found = nullptr;
    for (const TechnicalUser &user : w.technicalUsers) {
        if (QSet<QString>(user.projects.cbegin(), user.projects.cend()) != wanted)
            continue;
        const bool hasAlias = std::any_of(w.aliases.cbegin(), w.aliases.cend(), [&](const Alias &a) {
            return a.type == Alias::Type::HttpTransportSecurity && a.technicalUser == user.name;
        });
        if (hasAlias)
            return &user;
        if (!found)
            found = &user;
    }
    return found;
}

QString freeName(const QString &wanted, const QSet<QString> &taken)
{
    if (!taken.contains(wanted))
        return wanted;
    for (int i = 2;; ++i) {
        const QString candidate = wanted + QLatin1Char('-') + QString::number(i);
        if (!taken.contains(candidate))
            return candidate;
    }
}

StrategyOption hypotheticalOption(const Index &index, StrategyOption::Kind kind, const Options &options)
{
    const Workspace &w = index.workspace;
    StrategyOption option;
    option.kind = kind;

    struct Group
    {
        QStringList projects;
        QString userName;
        QString aliasName;
    };
    QList<Group> groups;
    switch (kind) {
    case StrategyOption::Kind::Shared:
        groups << Group{index.neededProjects, QStringLiteral("svc-gateway-shared"), QStringLiteral("io-shared-basic")};
        break;
    case StrategyOption::Kind::PerProject:
        for (const QString &project : index.neededProjects)
            groups << Group{{project}, projectUserName(project), projectAliasName(project)};
        break;
    case StrategyOption::Kind::BySensitivity:
        for (Sensitivity s :
             {Sensitivity::Public, Sensitivity::Internal, Sensitivity::Confidential, Sensitivity::Restricted}) {
            Group group{{},
                        QStringLiteral("svc-gateway-") + sensitivityName(s),
                        QStringLiteral("io-") + sensitivityName(s) + QStringLiteral("-basic")};
            for (const QString &project : index.neededProjects) {
                if (index.sensitivity(project) == s)
                    group.projects << project;
            }
            if (!group.projects.isEmpty())
                groups << group;
        }
        break;
    case StrategyOption::Kind::Current:
        return currentOption(index, options);
    }

    QSet<QString> takenUsers;
    QSet<QString> takenAliases;
    for (const TechnicalUser &user : w.technicalUsers)
        takenUsers.insert(user.name);
    for (const Alias &alias : w.aliases)
        takenAliases.insert(alias.name);
    QSet<QString> reused;
    for (const Group &group : std::as_const(groups)) {
        Assignment a;
        a.projects = group.projects;
        const TechnicalUser *existing = userGranting(w, group.projects);
        if (existing && !reused.contains(existing->name)) {
            a.user = existing->name;
            reused.insert(a.user);
        } else {
            a.user = freeName(group.userName, takenUsers);
            a.newUser = true;
            takenUsers.insert(a.user);
        }
        for (const Alias &alias : w.aliases) {
            if (alias.type == Alias::Type::HttpTransportSecurity && alias.technicalUser == a.user) {
                a.alias = alias.name;
                break;
            }
        }
        if (a.alias.isEmpty()) {
            a.alias = freeName(group.aliasName, takenAliases);
            a.newAlias = true;
            takenAliases.insert(a.alias);
        }
        a.aliases = {a.alias};
        for (const QString &project : group.projects)
            a.proxies << index.proxiesOfProject.value(project);
        option.assignments << a;
    }
    for (const GatewayProxy &proxy : w.proxies) {
        if (!w.project(proxy.project))
            option.unboundProxies << proxyKey(proxy);
    }
    option.figures = figuresOf(index, option.assignments, int(option.unboundProxies.size()), options);
    return option;
}

QList<UserExposure> exposures(const Index &index, const StrategyOption &current)
{
    const Workspace &w = index.workspace;
    QList<UserExposure> out;
    for (const Assignment &a : current.assignments) {
        UserExposure e;
        e.user = a.user;
        e.known = a.known;
        e.aliases = a.aliases;
        e.projects = a.projects;
        for (const QString &project : a.projects) {
            if (const IoProject *p = w.project(project)) {
                for (const Integration &integration : p->integrations)
                    e.integrations << project + QLatin1Char('/') + integration.name;
            }
            e.proxiesReached << index.proxiesOfProject.value(project);
        }
        e.proxiesUsing = a.proxies;
        for (const GatewayProxy &proxy : w.proxies) {
            if (a.proxies.contains(proxyKey(proxy)) && !e.projectsNeeded.contains(proxy.project))
                e.projectsNeeded << proxy.project;
        }
        e.excessProjects = minus(e.projects, e.projectsNeeded);
        e.missingProjects = minus(e.projectsNeeded, e.projects);
        e.sensitivities = sensitivitiesOf(index, e.projects);
        e.leakWeight = weightOfProjects(index, e.projects);

        QStringList sensitive;
        for (const QString &project : e.projects) {
            if (isSensitive(index.sensitivity(project)))
                sensitive << project;
        }
        if (e.projects.isEmpty())
            e.leakText = tr("A leak of %1 reaches no project on .io: its role grants none.").arg(e.user);
        else
            e.leakText = tr("A leak of %1 reaches %2 on .io (%3; %4) and every integration in them (%5), "
                            "bypassing the gateway's OAuth check; behind the gateway that is %6.")
                             .arg(e.user, projectCount(int(e.projects.size())), names(e.projects),
                                  sensitive.isEmpty() ? tr("none confidential or restricted")
                                                      : tr("confidential or restricted: %1").arg(names(sensitive)))
                             .arg(e.integrations.size())
                             .arg(proxyCount(int(e.proxiesReached.size())));
        if (e.proxiesUsing.isEmpty())
            e.lockOutText = tr("No proxy calls .io as %1: a lock-out stops nothing.").arg(e.user);
        else
            e.lockOutText =
                tr("One stale password on any alias of %1 (%2) can get it locked on .io for 5 to 25 "
                   "minutes, and then every call through %3 answers 401: %4.")
                    .arg(e.user, names(e.aliases), proxyCount(int(e.proxiesUsing.size())), names(e.proxiesUsing));
        if (e.proxiesUsing.size() <= 1)
            e.attributionText = e.proxiesUsing.isEmpty()
                                    ? tr("%1 appears in no .io execution log through the gateway.").arg(e.user)
                                    : tr("A .io log line naming %1 tells exactly which proxy called: %2.")
                                          .arg(e.user, e.proxiesUsing.constFirst());
        else
            e.attributionText =
                tr("A .io log line naming %1 tells only that one of %2 called (%3 on .io).")
                    .arg(e.user, proxyCount(int(e.proxiesUsing.size())), projectCount(int(e.projectsNeeded.size())));
        out << e;
    }
    return out;
}

QList<Problem> problemsOf(const Index &index, const QList<UserExposure> &users)
{
    const Workspace &w = index.workspace;
    QList<Problem> problems;
    for (const GatewayProxy &proxy : w.proxies) {
        const QString key = proxyKey(proxy);
        if (proxy.outbound.kind != OutboundAuth::Kind::Alias) {
            Problem p;
            p.kind = Problem::Kind::NoOutboundAuth;
            p.proxy = key;
            p.project = proxy.project;
            p.message = tr("%1 has no Outbound Auth - Transport policy: .io answers 401 to every call and the gateway "
                           "reports it as a native provider 401.")
                            .arg(key);
            const QString suggested = CallDiagnosis::aliasForProject(w, proxy.project);
            p.fix = suggested.isEmpty()
                        ? tr("Create a technical user with a role on %1, an alias with its credentials, and bind %2 "
                             "to it (or apply a strategy).")
                              .arg(proxy.project, key)
                        : tr("Bind %1's outbound auth to alias %2 (or apply a strategy).").arg(key, suggested);
            problems << p;
            continue;
        }
        const Alias *alias = w.alias(proxy.outbound.alias);
        if (!alias || alias->type != Alias::Type::HttpTransportSecurity) {
            Problem p;
            p.kind = Problem::Kind::UnknownAlias;
            p.proxy = key;
            p.alias = proxy.outbound.alias;
            p.project = proxy.project;
            p.message = alias ? tr("%1 sends the credentials of alias %2, which is not an HTTP transport security "
                                   "alias: the gateway has no Basic credentials to add.")
                                    .arg(key, proxy.outbound.alias)
                              : tr("%1 sends the credentials of alias %2, which the workspace does not define.")
                                    .arg(key, proxy.outbound.alias);
            p.fix =
                tr("Point %1 at an HTTP transport security alias of a user with a role on %2.").arg(key, proxy.project);
            problems << p;
            continue;
        }
        const TechnicalUser *user = w.technicalUser(alias->technicalUser);
        if (user && w.project(proxy.project) && !user->projects.contains(proxy.project)) {
            Problem p;
            p.kind = Problem::Kind::MissingRole;
            p.proxy = key;
            p.alias = alias->name;
            p.user = user->name;
            p.project = proxy.project;
            p.message = tr("%1 calls .io as %2 (alias %3), whose role grants nothing on project %4: the call "
                           "answers 401.")
                            .arg(key, user->name, alias->name, proxy.project);
            p.fix = tr("On .io, give %1 a role with execute on %2 (and add %2 to its projects here), or bind %3 to "
                       "an alias of a user that has one.")
                        .arg(user->name, proxy.project, key);
            problems << p;
        }
    }
    for (const Alias &alias : w.aliases) {
        if (alias.type != Alias::Type::HttpTransportSecurity || w.technicalUser(alias.technicalUser))
            continue;
        Problem p;
        p.kind = Problem::Kind::UnknownUser;
        p.alias = alias.name;
        p.user = alias.technicalUser;
        p.message =
            alias.technicalUser.isEmpty()
                ? tr("Alias %1 names no technical user: nobody knows what its password reaches.").arg(alias.name)
                : tr("Alias %1 carries user %2, which the workspace does not know: its reach on .io is "
                     "unknown.")
                      .arg(alias.name, alias.technicalUser);
        p.fix = tr("Add the technical user with the projects its role grants, or adopt it from the tenant.");
        problems << p;
    }
    for (const UserExposure &e : users) {
        if (!e.known)
            continue;
        if (!e.excessProjects.isEmpty()) {
            Problem p;
            p.kind = Problem::Kind::ExcessPrivilege;
            p.user = e.user;
            p.projects = e.excessProjects;
            p.project = e.excessProjects.constFirst();
            p.message = e.proxiesUsing.isEmpty()
                            ? tr("%1 has roles on %2 (%3) but no proxy calls .io as it: a leak reaches them for "
                                 "nothing.")
                                  .arg(e.user, projectCount(int(e.excessProjects.size())), names(e.excessProjects))
                            : tr("%1 has roles on %2 no proxy needs through it (%3): a leak reaches more than the "
                                 "gateway uses.")
                                  .arg(e.user, projectCount(int(e.excessProjects.size())), names(e.excessProjects));
            p.fix = e.proxiesUsing.isEmpty()
                        ? tr("Remove %1's roles on .io (or delete the user) and remove it here.").arg(e.user)
                        : tr("On .io, remove %1's execute on %2, and here from its projects.")
                              .arg(e.user, names(e.excessProjects));
            problems << p;
        }
        if (e.sensitivities.size() > 1) {
            Problem p;
            p.kind = Problem::Kind::MixedSensitivity;
            p.user = e.user;
            p.projects = e.projects;
            p.project = e.projects.value(0);
            p.message = tr("%1 reaches projects of different sensitivity (%2: %3): a leak of the least guarded one's "
                           "alias opens the most sensitive one.")
                            .arg(e.user, e.sensitivities.join(QLatin1String(", ")), names(e.projects));
            p.fix = tr("Give the projects of each sensitivity their own user (strategy by sensitivity or per "
                       "project).");
            problems << p;
        }
    }
    // .io cannot tell two APIs of one project apart: different users or inbound rules for one project are
    // an exposure the tenant cannot enforce.
    for (const IoProject &project : w.projects) {
        QStringList usersSeen;
        QHash<QString, QStringList> proxiesByUser;
        bool anonymous = false;
        bool protectedOnes = false;
        QStringList anonymousProxies;
        for (const GatewayProxy &proxy : w.proxies) {
            if (proxy.project != project.name)
                continue;
            const QString user = index.userOf(proxy);
            if (!user.isEmpty()) {
                if (!usersSeen.contains(user))
                    usersSeen << user;
                proxiesByUser[user] << proxyKey(proxy);
            }
            if (proxy.inbound.kind == InboundAuth::Kind::None) {
                anonymous = true;
                anonymousProxies << proxyKey(proxy);
            } else {
                protectedOnes = true;
            }
        }
        if (usersSeen.size() > 1) {
            QStringList parts;
            for (const QString &user : std::as_const(usersSeen))
                parts << tr("%1 for %2").arg(user, names(proxiesByUser.value(user)));
            Problem p;
            p.kind = Problem::Kind::ProjectSplit;
            p.project = project.name;
            p.user = usersSeen.constFirst();
            p.message = tr("The proxies of %1 call .io as %2 different users (%3). .io authorizes per project, never "
                           "per API: each of them can run every integration of %1, so the split isolates nothing.")
                            .arg(project.name)
                            .arg(usersSeen.size())
                            .arg(parts.join(QLatin1String("; ")));
            p.fix = tr("Use one user for %1. If some of its APIs really need a different exposure, splitting the "
                       "project on .io is the only way.")
                        .arg(project.name);
            problems << p;
        }
        if (anonymous && protectedOnes) {
            Problem p;
            p.kind = Problem::Kind::ProjectSplit;
            p.project = project.name;
            p.message = tr("%1 of %2 take calls without a token while the others need one; behind them one "
                           "technical user can run every integration of the project.")
                            .arg(names(anonymousProxies), project.name);
            p.fix = tr("Put the integrations that may be called anonymously in a project of their own on .io.");
            problems << p;
        }
    }
    return problems;
}

bool sameMapping(const Workspace &w, const Index &index, const StrategyOption &option)
{
    for (const GatewayProxy &proxy : w.proxies) {
        const Assignment *a = option.assignmentOfProject(proxy.project);
        if (!a)
            continue;
        if (index.userOf(proxy) != a->user)
            return false;
    }
    for (const Assignment &a : option.assignments) {
        const TechnicalUser *user = w.technicalUser(a.user);
        if (!user || QSet<QString>(user->projects.cbegin(), user->projects.cend()) !=
                         QSet<QString>(a.projects.cbegin(), a.projects.cend()))
            return false;
    }
    return true;
}

/// The project whose user carries the most proxies.
QString perProjectBusiest(const StrategyOption &option)
{
    const Assignment *busiest = nullptr;
    for (const Assignment &a : option.assignments) {
        if (!busiest || a.proxies.size() > busiest->proxies.size())
            busiest = &a;
    }
    return busiest ? busiest->projects.value(0) : QString();
}

Recommendation recommend(const Index &index, const QList<StrategyOption> &strategies, const Options &options)
{
    const auto find = [&](StrategyOption::Kind kind) {
        return *std::find_if(strategies.cbegin(), strategies.cend(),
                             [kind](const StrategyOption &o) { return o.kind == kind; });
    };
    const StrategyOption current = find(StrategyOption::Kind::Current);
    const StrategyOption shared = find(StrategyOption::Kind::Shared);
    const StrategyOption perProject = find(StrategyOption::Kind::PerProject);
    const StrategyOption bySensitivity = find(StrategyOption::Kind::BySensitivity);

    const int n = int(index.neededProjects.size());
    QStringList sensitive;
    bool assumed = false;
    for (const QString &project : index.neededProjects) {
        if (isSensitive(index.sensitivity(project)))
            sensitive << project;
        const IoProject *p = index.workspace.project(project);
        if (p && p->sensitivity.isEmpty())
            assumed = true;
    }
    const QString every = tr("every %1 days").arg(options.rotationIntervalDays);

    Recommendation r;
    const Figures &fs = shared.figures;
    const Figures &fp = perProject.figures;
    const Figures &fg = bySensitivity.figures;
    if (n <= 1) {
        r.strategy = StrategyOption::Kind::Shared;
        r.reasons << tr("Only one project sits behind the gateway's proxies, so one user is also one user per "
                        "project: a leak reaches %1 either way.")
                         .arg(projectCount(fs.worstLeakProjects));
    } else if (sensitive.isEmpty()) {
        r.strategy = StrategyOption::Kind::Shared;
        r.reasons << tr("None of the %1 behind the proxies is confidential or restricted: a leak of the shared user "
                        "reaches %2 of public or internal data.")
                         .arg(projectCount(n), projectCount(fs.worstLeakProjects));
        r.reasons << tr("One user is one password to rotate: %1 rotations a year (%2), touching %3 each time; per "
                        "project it would be %4 users, %5 aliases and %6 rotations a year.")
                         .arg(rotations(fs.rotationsPerYear), every, proxyCount(fs.proxiesPerRotation))
                         .arg(fp.users)
                         .arg(fp.aliases)
                         .arg(rotations(fp.rotationsPerYear));
        r.reasons << tr("The price: if the shared user is locked out, all %1 answer 401 at once, and every .io log "
                        "line names the same user; per project a lock-out stops at most %2 and the log tells the "
                        "project.")
                         .arg(proxyCount(fs.worstLockOutProxies))
                         .arg(fp.worstLockOutProxies);
    } else if (n <= options.perProjectLimit) {
        r.strategy = StrategyOption::Kind::PerProject;
        const bool sharedExists = !shared.assignments.isEmpty() && !shared.assignments.constFirst().newUser;
        r.reasons << tr("A leak of %1 would reach %2, %3 of them confidential or restricted (%4); per project it "
                        "reaches %5.")
                         .arg(sharedExists ? tr("%1, the shared user,").arg(fs.worstLeakUser) : tr("one shared user"),
                              projectCount(fs.worstLeakProjects))
                         .arg(fs.worstLeakSensitive)
                         .arg(names(sensitive))
                         .arg(projectCount(std::min(1, fp.worstLeakProjects)));
        r.reasons << tr("A lock-out of the shared user (one stale alias password is enough) stops all %1 at once; "
                        "per project it stops at most %2 (those of %3).")
                         .arg(proxyCount(fs.worstLockOutProxies))
                         .arg(fp.worstLockOutProxies)
                         .arg(perProjectBusiest(perProject));
        r.reasons << tr("With one user per project every .io execution log line tells which project's proxies "
                        "called (%1 identities instead of 1).")
                         .arg(fp.logIdentities);
        r.reasons << tr("The cost: %1 users (%2 new), %3 roles, %4 aliases and %4 keychain secrets per environment, "
                        "%5 rotations a year (%6) instead of %7.")
                         .arg(fp.users)
                         .arg(fp.newUsers)
                         .arg(fp.roles)
                         .arg(fp.aliases)
                         .arg(rotations(fp.rotationsPerYear), every, rotations(fs.rotationsPerYear));
    } else {
        r.strategy = StrategyOption::Kind::BySensitivity;
        r.reasons << tr("%1 sit behind the proxies, more than the %2 this advisor weighs one user each against: per "
                        "project would mean %3 users and %4 rotations a year (%5).")
                         .arg(projectCount(n))
                         .arg(options.perProjectLimit)
                         .arg(fp.users)
                         .arg(rotations(fp.rotationsPerYear), every);
        r.reasons << tr("One user per sensitivity level (%1 users) never lets a leak of a public or internal "
                        "project's credential open a confidential or restricted one; the heaviest leak reaches %2.")
                         .arg(fg.users)
                         .arg(projectCount(fg.worstLeakProjects));
        r.reasons << tr("A shared user would reach all %1, %2 of them confidential or restricted.")
                         .arg(projectCount(fs.worstLeakProjects))
                         .arg(fs.worstLeakSensitive);
    }
    if (assumed)
        r.reasons << tr("Projects without a sensitivity are counted as internal; set it on the Inventory page to "
                        "sharpen this advice.");

    const StrategyOption &chosen = find(r.strategy);
    r.currentMatches = sameMapping(index.workspace, index, chosen) && current.unboundProxies.isEmpty();
    if (r.currentMatches)
        r.reasons << tr("The current mapping already is %1: nothing to change.").arg(chosen.title().toLower());
    else if (current.figures.unboundProxies > 0)
        r.reasons << tr("Applying it also gives .io credentials to %1 that have none today (%2).")
                         .arg(proxyCount(current.figures.unboundProxies), names(current.unboundProxies));
    return r;
}

} // namespace

QString nameSlug(const QString &name)
{
    QString out;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c;
        else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    }
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("project") : out;
}

QString projectUserName(const QString &project)
{
    return QStringLiteral("svc-") + nameSlug(project);
}

QString projectAliasName(const QString &project)
{
    return QStringLiteral("io-") + nameSlug(project) + QStringLiteral("-basic");
}

Sensitivity sensitivityOf(const IoProject &project)
{
    const QString s = project.sensitivity.toLower();
    if (s == QLatin1String("public"))
        return Sensitivity::Public;
    if (s == QLatin1String("confidential"))
        return Sensitivity::Confidential;
    if (s == QLatin1String("restricted"))
        return Sensitivity::Restricted;
    return Sensitivity::Internal;
}

QString sensitivityName(Sensitivity sensitivity)
{
    switch (sensitivity) {
    case Sensitivity::Public:
        return QStringLiteral("public");
    case Sensitivity::Internal:
        return QStringLiteral("internal");
    case Sensitivity::Confidential:
        return QStringLiteral("confidential");
    case Sensitivity::Restricted:
        return QStringLiteral("restricted");
    }
    return {};
}

int weightOf(Sensitivity sensitivity)
{
    switch (sensitivity) {
    case Sensitivity::Public:
        return 1;
    case Sensitivity::Internal:
        return 2;
    case Sensitivity::Confidential:
        return 4;
    case Sensitivity::Restricted:
        return 8;
    }
    return 2;
}

QString Problem::code() const
{
    switch (kind) {
    case Kind::MissingRole:
        return QStringLiteral("missing-role");
    case Kind::NoOutboundAuth:
        return QStringLiteral("no-outbound-auth");
    case Kind::UnknownAlias:
        return QStringLiteral("unknown-alias");
    case Kind::UnknownUser:
        return QStringLiteral("unknown-user");
    case Kind::ExcessPrivilege:
        return QStringLiteral("excess-privilege");
    case Kind::MixedSensitivity:
        return QStringLiteral("mixed-sensitivity");
    case Kind::ProjectSplit:
        return QStringLiteral("project-split");
    }
    return {};
}

bool Problem::breaksCalls() const
{
    return kind == Kind::MissingRole || kind == Kind::NoOutboundAuth || kind == Kind::UnknownAlias ||
           kind == Kind::UnknownUser;
}

QString StrategyOption::code() const
{
    switch (kind) {
    case Kind::Current:
        return QStringLiteral("current");
    case Kind::Shared:
        return QStringLiteral("shared");
    case Kind::PerProject:
        return QStringLiteral("perProject");
    case Kind::BySensitivity:
        return QStringLiteral("bySensitivity");
    }
    return {};
}

QString StrategyOption::title() const
{
    switch (kind) {
    case Kind::Current:
        return tr("Current mapping");
    case Kind::Shared:
        return tr("One shared user");
    case Kind::PerProject:
        return tr("One user per project");
    case Kind::BySensitivity:
        return tr("One user per sensitivity");
    }
    return {};
}

QString StrategyOption::shortTitle() const
{
    switch (kind) {
    case Kind::Current:
        return tr("Current");
    case Kind::Shared:
        return tr("Shared");
    case Kind::PerProject:
        return tr("Per project");
    case Kind::BySensitivity:
        return tr("By sensitivity");
    }
    return {};
}

const Assignment *StrategyOption::assignmentOfProject(const QString &project) const
{
    for (const Assignment &a : assignments) {
        if (a.projects.contains(project))
            return &a;
    }
    return nullptr;
}

QString LiveAccess::code() const
{
    switch (status) {
    case Status::Matches:
        return QStringLiteral("matches");
    case Status::Mismatch:
        return QStringLiteral("mismatch");
    case Status::Refused:
        return QStringLiteral("refused");
    case Status::Locked:
        return QStringLiteral("locked");
    case Status::NoPassword:
        return QStringLiteral("no-password");
    case Status::Error:
        return QStringLiteral("error");
    }
    return {};
}

const UserExposure *Analysis::user(const QString &name) const
{
    for (const UserExposure &e : users) {
        if (e.user == name)
            return &e;
    }
    return nullptr;
}

const StrategyOption *Analysis::strategy(StrategyOption::Kind kind) const
{
    for (const StrategyOption &o : strategies) {
        if (o.kind == kind)
            return &o;
    }
    return nullptr;
}

bool Analysis::hasProblems() const
{
    if (!problems.isEmpty())
        return true;
    return std::any_of(live.cbegin(), live.cend(), [](const LiveAccess &a) { return !a.ok(); });
}

StrategyOption strategyOption(const Workspace &workspace, StrategyOption::Kind kind, const Options &options)
{
    const Index index(workspace);
    return hypotheticalOption(index, kind, options);
}

Analysis analyze(const Workspace &workspace, const QString &environment, const Options &options)
{
    const Index index(workspace);
    Analysis analysis;
    analysis.environment = environment;
    analysis.options = options;
    for (auto kind : {StrategyOption::Kind::Current, StrategyOption::Kind::Shared, StrategyOption::Kind::PerProject,
                      StrategyOption::Kind::BySensitivity})
        analysis.strategies << hypotheticalOption(index, kind, options);
    analysis.users = exposures(index, analysis.strategies.constFirst());
    analysis.problems = problemsOf(index, analysis.users);
    analysis.recommendation = recommend(index, analysis.strategies, options);
    return analysis;
}

LiveAccess compareAccess(const UserExposure &exposure, const QStringList &actualProjects)
{
    LiveAccess live;
    live.user = exposure.user;
    live.expected = exposure.projects;
    live.needed = exposure.projectsNeeded;
    live.actual = actualProjects;
    live.missing = minus(exposure.projectsNeeded, actualProjects);
    live.excess = minus(actualProjects, exposure.projectsNeeded);
    live.notDeclared = minus(actualProjects, exposure.projects);
    QStringList parts;
    if (!live.missing.isEmpty())
        parts << tr("no access to %1, which %2 need: those calls answer 401")
                     .arg(names(live.missing), exposure.proxiesUsing.size() == 1 ? tr("its proxy") : tr("its proxies"));
    if (!live.excess.isEmpty())
        parts << tr("access to %1, which no proxy needs through it: the blast radius is larger than planned")
                     .arg(names(live.excess));
    if (!live.notDeclared.isEmpty())
        parts << tr("the workspace does not list %1 among its projects").arg(names(live.notDeclared));
    const QStringList undeclaredMissing = minus(minus(exposure.projects, actualProjects), live.missing);
    if (!undeclaredMissing.isEmpty())
        parts << tr("the workspace grants %1, the tenant does not").arg(names(undeclaredMissing));
    live.status =
        live.missing.isEmpty() && live.excess.isEmpty() ? LiveAccess::Status::Matches : LiveAccess::Status::Mismatch;
    if (parts.isEmpty())
        live.message = actualProjects.isEmpty()
                           ? tr("Signed in; reaches no project, and none is needed.")
                           : tr("Signed in; reaches exactly what its proxies need: %1.").arg(names(actualProjects));
    else
        live.message = tr("Signed in; ") + parts.join(QLatin1String("; ")) + QLatin1Char('.');
    return live;
}

QString StrategyChange::toText() const
{
    QString text;
    if (!changed)
        return tr("Nothing to change: the workspace already follows this strategy.\n");
    text += tr("Workspace changes:\n");
    for (const QString &line : lines)
        text += QStringLiteral("  - ") + line + QLatin1Char('\n');
    if (!tenantSteps.isEmpty()) {
        text += tr("On the .io tenant:\n");
        for (const QString &line : tenantSteps)
            text += QStringLiteral("  [ ] ") + line + QLatin1Char('\n');
    }
    if (!gatewaySteps.isEmpty()) {
        text += tr("On the gateway (plan and apply):\n");
        for (const QString &line : gatewaySteps)
            text += QStringLiteral("  - ") + line + QLatin1Char('\n');
    }
    if (!secretsToSet.isEmpty()) {
        text += tr("Passwords to store (Secrets page, or GATEWRIGHT_ALIAS_PASSWORD_<ALIAS> when headless):\n");
        for (const QString &line : secretsToSet)
            text += QStringLiteral("  - keychain:") + line + QLatin1Char('\n');
    }
    return text;
}

StrategyChange applyStrategy(const Workspace &workspace, const StrategyRequest &request, const Options &options)
{
    const Index index(workspace);
    const StrategyOption option = hypotheticalOption(index, request.strategy, options);
    StrategyChange change;
    Workspace w = workspace;

    for (const Assignment &a : option.assignments) {
        const QString grants = names(a.projects);
        if (a.newUser) {
            TechnicalUser user;
            user.name = a.user;
            user.description = tr("Gateway technical user: execute on %1").arg(grants);
            user.projects = a.projects;
            w.technicalUsers << user;
            change.lines << tr("Technical user %1: new, role grants execute on %2").arg(a.user, grants);
            change.tenantSteps << tr("Create user %1 on the tenant, with Integration access only and a strong "
                                     "password; store that password for alias %2.")
                                      .arg(a.user, a.alias);
            change.tenantSteps
                << tr("Create a role for %1 with execute (and read) on %2, and assign it.").arg(a.user, grants);
        } else {
            for (TechnicalUser &user : w.technicalUsers) {
                if (user.name != a.user)
                    continue;
                const QStringList added = minus(a.projects, user.projects);
                const QStringList removed = minus(user.projects, a.projects);
                if (!added.isEmpty() || !removed.isEmpty()) {
                    change.lines
                        << tr("Technical user %1: projects %2 -> %3").arg(a.user, names(user.projects), grants);
                    if (!added.isEmpty())
                        change.tenantSteps << tr("Give %1's role execute on %2.").arg(a.user, names(added));
                    if (!removed.isEmpty())
                        change.tenantSteps << tr("Remove execute on %1 from %2's role.").arg(names(removed), a.user);
                    user.projects = a.projects;
                }
            }
        }
        if (a.newAlias) {
            Alias alias;
            alias.name = a.alias;
            alias.type = Alias::Type::HttpTransportSecurity;
            alias.description = tr("Basic credentials of the .io technical user %1").arg(a.user);
            alias.technicalUser = a.user;
            alias.password.key = QStringLiteral("alias/") + a.alias;
            w.aliases << alias;
            change.lines << tr("Alias %1: new, carries %2 (password: keychain %3, to be set)")
                                .arg(a.alias, a.user, alias.password.key);
            change.secretsToSet << alias.password.key;
            change.gatewaySteps << tr("Create alias %1 with %2's credentials.").arg(a.alias, a.user);
        }
    }

    QStringList rebound;
    for (GatewayProxy &proxy : w.proxies) {
        const Assignment *a = option.assignmentOfProject(proxy.project);
        if (!a) {
            change.lines << tr("Proxy %1: left as it is (project %2 is not in the workspace)")
                                .arg(proxyKey(proxy), proxy.project);
            continue;
        }
        const bool bound = proxy.outbound.kind == OutboundAuth::Kind::Alias;
        if (bound && proxy.outbound.alias == a->alias)
            continue;
        change.lines
            << (bound ? tr("Proxy %1: outbound alias %2 -> %3").arg(proxyKey(proxy), proxy.outbound.alias, a->alias)
                      : tr("Proxy %1: outbound auth none -> alias %2").arg(proxyKey(proxy), a->alias));
        proxy.outbound.kind = OutboundAuth::Kind::Alias;
        proxy.outbound.alias = a->alias;
        rebound << proxyKey(proxy);
    }
    if (!rebound.isEmpty())
        change.gatewaySteps << tr("Update the Outbound Auth - Transport policy of %1.").arg(names(rebound));

    if (request.removeUnused) {
        QSet<QString> usedAliases;
        for (const GatewayProxy &proxy : std::as_const(w.proxies)) {
            if (proxy.outbound.kind == OutboundAuth::Kind::Alias)
                usedAliases.insert(proxy.outbound.alias);
        }
        QSet<QString> keptUsers;
        for (const Assignment &a : option.assignments)
            keptUsers.insert(a.user);
        QStringList removedAliases;
        for (qsizetype i = w.aliases.size() - 1; i >= 0; --i) {
            const Alias &alias = w.aliases.at(i);
            if (alias.type != Alias::Type::HttpTransportSecurity || usedAliases.contains(alias.name) ||
                keptUsers.contains(alias.technicalUser))
                continue;
            change.lines << tr("Alias %1: removed, no proxy uses it any more").arg(alias.name);
            removedAliases.prepend(alias.name);
            w.aliases.removeAt(i);
        }
        if (!removedAliases.isEmpty())
            change.gatewaySteps << tr("Left on the gateway until a plan with \"delete unmanaged\" removes it: %1.")
                                       .arg(names(removedAliases));
        for (qsizetype i = w.technicalUsers.size() - 1; i >= 0; --i) {
            const TechnicalUser &user = w.technicalUsers.at(i);
            if (keptUsers.contains(user.name))
                continue;
            const bool stillCarried = std::any_of(w.aliases.cbegin(), w.aliases.cend(),
                                                  [&](const Alias &a) { return a.technicalUser == user.name; });
            if (stillCarried)
                continue;
            change.lines << tr("Technical user %1: removed, no alias carries it any more").arg(user.name);
            change.tenantSteps << tr("Deactivate or delete user %1 on the tenant (its role grants %2).")
                                      .arg(user.name, names(user.projects));
            w.technicalUsers.removeAt(i);
        }
    }

    switch (request.strategy) {
    case StrategyOption::Kind::Shared:
        w.credentialStrategy = CredentialStrategy::Shared;
        break;
    case StrategyOption::Kind::PerProject:
        w.credentialStrategy = CredentialStrategy::PerProject;
        break;
    default:
        w.credentialStrategy = CredentialStrategy::Custom;
        break;
    }
    if (w.credentialStrategy != workspace.credentialStrategy && !change.lines.isEmpty())
        change.lines << tr("Credential strategy: %1").arg(option.title().toLower());
    else if (w.credentialStrategy != workspace.credentialStrategy)
        change.lines << tr("Credential strategy: %1 (the mapping already follows it)").arg(option.title().toLower());
    change.changed = !(w == workspace);
    change.workspace = w;
    return change;
}

QString Analysis::toText() const
{
    QString text;
    text += tr("Technical users of environment %1 (rotation every %2 days)\n\n")
                .arg(environment)
                .arg(options.rotationIntervalDays);
    for (const UserExposure &e : users) {
        text += e.user + (e.known ? QString() : tr(" (unknown to the workspace)")) + QLatin1Char('\n');
        text += QStringLiteral("  aliases: %1\n").arg(e.aliases.isEmpty() ? tr("none") : names(e.aliases));
        text += QStringLiteral("  leak: ") + e.leakText + QLatin1Char('\n');
        text += QStringLiteral("  lock-out: ") + e.lockOutText + QLatin1Char('\n');
        text += QStringLiteral("  .io logs: ") + e.attributionText + QLatin1Char('\n');
    }
    text += QLatin1Char('\n');
    if (problems.isEmpty()) {
        text += tr("Problems: none\n");
    } else {
        text += tr("Problems (%1):\n").arg(problems.size());
        for (const Problem &p : problems)
            text += QStringLiteral("  [%1] %2\n      fix: %3\n").arg(p.code(), p.message, p.fix);
    }
    text += QLatin1Char('\n') + tr("Comparison:\n");
    QString header = QStringLiteral("  ") + QString().leftJustified(34);
    for (const StrategyOption &o : strategies)
        header += o.code().rightJustified(16);
    text += header + QLatin1Char('\n');
    for (const ComparisonRow &row : comparisonRows(*this)) {
        QString line = QStringLiteral("  ") + row.label.leftJustified(34);
        for (const QString &value : row.values)
            line += value.rightJustified(16);
        text += line + QLatin1Char('\n');
    }
    const StrategyOption *chosen = strategy(recommendation.strategy);
    text += QLatin1Char('\n') + tr("Recommendation: %1\n").arg(chosen ? chosen->title() : QString());
    for (const QString &reason : recommendation.reasons)
        text += QStringLiteral("  - ") + reason + QLatin1Char('\n');
    if (liveChecked) {
        text += QLatin1Char('\n') + tr("Live check against the tenant:\n");
        for (const LiveAccess &a : live) {
            text += QStringLiteral("  %1 %2: %3\n")
                        .arg(a.ok() ? QStringLiteral("ok  ") : QStringLiteral("FAIL"), a.user, a.message);
            if (a.status == LiveAccess::Status::Matches || a.status == LiveAccess::Status::Mismatch)
                text += tr("       needed by its proxies: %1; granted here: %2; the tenant shows: %3\n")
                            .arg(a.needed.isEmpty() ? tr("nothing") : names(a.needed),
                                 a.expected.isEmpty() ? tr("nothing") : names(a.expected),
                                 a.actual.isEmpty() ? tr("nothing") : names(a.actual));
        }
    }
    return text;
}

QList<ComparisonRow> comparisonRows(const Analysis &analysis)
{
    struct Figure
    {
        const char *label;
        const char *meaning;
        std::function<QString(const Figures &)> value;
    };
    const auto n = [](int v) { return QString::number(v); };
    const QList<Figure> figures{
        {"users (new)", "technical users on the tenant, and how many would have to be created",
         [](const Figures &f) { return QStringLiteral("%1 (%2)").arg(f.users).arg(f.newUsers); }},
        {"roles (project grants)", "roles to keep on the tenant, and the project entries in them",
         [](const Figures &f) { return QStringLiteral("%1 (%2)").arg(f.roles).arg(f.roleGrants); }},
        {"aliases / keychain secrets", "gateway aliases, and the passwords the keychain holds per environment",
         [](const Figures &f) { return QStringLiteral("%1 / %2").arg(f.aliases).arg(f.keychainSecrets); }},
        {"rotations a year", "password changes a year at the rotation interval",
         [](const Figures &f) { return rotations(f.rotationsPerYear); }},
        {"proxies per rotation (max)", "proxies to retest when the busiest user's password changes",
         [n](const Figures &f) { return n(f.proxiesPerRotation); }},
        {"worst leak: projects (sensitive)", "projects one leaked credential reaches, confidential or restricted ones",
         [](const Figures &f) { return QStringLiteral("%1 (%2)").arg(f.worstLeakProjects).arg(f.worstLeakSensitive); }},
        {"worst lock-out: proxies stopped", "proxies that answer 401 while the busiest user is locked",
         [n](const Figures &f) { return n(f.worstLockOutProxies); }},
        {".io log identities", "distinct users .io execution logs show for the gateway's calls",
         [n](const Figures &f) { return n(f.logIdentities); }},
        {"users mixing sensitivities", "users whose roles span projects of different sensitivity",
         [n](const Figures &f) { return n(f.mixedSensitivityUsers); }},
        {"proxies without a user", "proxies that would call .io without credentials (native provider 401)",
         [n](const Figures &f) { return n(f.unboundProxies); }},
    };
    QList<ComparisonRow> rows;
    for (const Figure &figure : figures) {
        ComparisonRow row{tr(figure.label), tr(figure.meaning), {}};
        for (const StrategyOption &o : analysis.strategies)
            row.values << figure.value(o.figures);
        rows << row;
    }
    return rows;
}

QJsonObject Analysis::toJson() const
{
    QJsonArray usersJson;
    for (const UserExposure &e : users) {
        usersJson.append(QJsonObject{
            {QStringLiteral("user"), e.user},
            {QStringLiteral("known"), e.known},
            {QStringLiteral("aliases"), toArray(e.aliases)},
            {QStringLiteral("blastRadius"), QJsonObject{{QStringLiteral("projects"), toArray(e.projects)},
                                                        {QStringLiteral("integrations"), toArray(e.integrations)},
                                                        {QStringLiteral("proxies"), toArray(e.proxiesReached)},
                                                        {QStringLiteral("sensitivities"), toArray(e.sensitivities)},
                                                        {QStringLiteral("weight"), e.leakWeight}}},
            {QStringLiteral("proxiesUsing"), toArray(e.proxiesUsing)},
            {QStringLiteral("lockOutBreaks"), toArray(e.proxiesUsing)},
            {QStringLiteral("projectsNeeded"), toArray(e.projectsNeeded)},
            {QStringLiteral("excessProjects"), toArray(e.excessProjects)},
            {QStringLiteral("missingProjects"), toArray(e.missingProjects)},
            {QStringLiteral("leak"), e.leakText},
            {QStringLiteral("lockOut"), e.lockOutText},
            {QStringLiteral("attribution"), e.attributionText},
        });
    }
    QJsonArray problemsJson;
    for (const Problem &p : problems) {
        QJsonObject o{{QStringLiteral("code"), p.code()},
                      {QStringLiteral("breaksCalls"), p.breaksCalls()},
                      {QStringLiteral("message"), p.message},
                      {QStringLiteral("fix"), p.fix}};
        if (!p.proxy.isEmpty())
            o.insert(QStringLiteral("proxy"), p.proxy);
        if (!p.alias.isEmpty())
            o.insert(QStringLiteral("alias"), p.alias);
        if (!p.user.isEmpty())
            o.insert(QStringLiteral("user"), p.user);
        if (!p.project.isEmpty())
            o.insert(QStringLiteral("project"), p.project);
        if (!p.projects.isEmpty())
            o.insert(QStringLiteral("projects"), toArray(p.projects));
        problemsJson.append(o);
    }
    QJsonArray strategiesJson;
    for (const StrategyOption &o : strategies) {
        const Figures &f = o.figures;
        QJsonArray assignments;
        for (const Assignment &a : o.assignments)
            assignments.append(QJsonObject{{QStringLiteral("user"), a.user},
                                           {QStringLiteral("alias"), a.alias},
                                           {QStringLiteral("projects"), toArray(a.projects)},
                                           {QStringLiteral("proxies"), toArray(a.proxies)},
                                           {QStringLiteral("newUser"), a.newUser},
                                           {QStringLiteral("newAlias"), a.newAlias}});
        strategiesJson.append(QJsonObject{
            {QStringLiteral("strategy"), o.code()},
            {QStringLiteral("title"), o.title()},
            {QStringLiteral("assignments"), assignments},
            {QStringLiteral("unboundProxies"), toArray(o.unboundProxies)},
            {QStringLiteral("figures"),
             QJsonObject{{QStringLiteral("users"), f.users},
                         {QStringLiteral("newUsers"), f.newUsers},
                         {QStringLiteral("roles"), f.roles},
                         {QStringLiteral("roleGrants"), f.roleGrants},
                         {QStringLiteral("aliases"), f.aliases},
                         {QStringLiteral("newAliases"), f.newAliases},
                         {QStringLiteral("keychainSecrets"), f.keychainSecrets},
                         {QStringLiteral("rotationsPerYear"), std::round(f.rotationsPerYear * 10) / 10},
                         {QStringLiteral("proxiesPerRotation"), f.proxiesPerRotation},
                         {QStringLiteral("worstLeakUser"), f.worstLeakUser},
                         {QStringLiteral("worstLeakProjects"), f.worstLeakProjects},
                         {QStringLiteral("worstLeakSensitive"), f.worstLeakSensitive},
                         {QStringLiteral("worstLeakWeight"), f.worstLeakWeight},
                         {QStringLiteral("worstLockOutProxies"), f.worstLockOutProxies},
                         {QStringLiteral("logIdentities"), f.logIdentities},
                         {QStringLiteral("mixedSensitivityUsers"), f.mixedSensitivityUsers},
                         {QStringLiteral("unboundProxies"), f.unboundProxies}}},
        });
    }
    const StrategyOption *chosen = strategy(recommendation.strategy);
    QJsonObject root{
        {QStringLiteral("environment"), environment},
        {QStringLiteral("rotationIntervalDays"), options.rotationIntervalDays},
        {QStringLiteral("users"), usersJson},
        {QStringLiteral("problems"), problemsJson},
        {QStringLiteral("strategies"), strategiesJson},
        {QStringLiteral("recommendation"),
         QJsonObject{{QStringLiteral("strategy"), chosen ? chosen->code() : QString()},
                     {QStringLiteral("currentMatches"), recommendation.currentMatches},
                     {QStringLiteral("reasons"), toArray(recommendation.reasons)}}},
        {QStringLiteral("ok"), !hasProblems()},
    };
    if (liveChecked) {
        QJsonArray liveJson;
        for (const LiveAccess &a : live)
            liveJson.append(QJsonObject{{QStringLiteral("user"), a.user},
                                        {QStringLiteral("status"), a.code()},
                                        {QStringLiteral("expected"), toArray(a.needed)},
                                        {QStringLiteral("declared"), toArray(a.expected)},
                                        {QStringLiteral("actual"), toArray(a.actual)},
                                        {QStringLiteral("missing"), toArray(a.missing)},
                                        {QStringLiteral("excess"), toArray(a.excess)},
                                        {QStringLiteral("message"), a.message}});
        root.insert(QStringLiteral("live"), liveJson);
    }
    return root;
}

} // namespace gw::Advisor
