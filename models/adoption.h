// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "observedstate.h"
#include "workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

/// Adoption: turning what an existing gateway and .io tenant already hold into workspace items, so
/// that an administrator manages them from the console without retyping them. Pure: the pull and
/// the tenant read happen elsewhere (PullJob, TenantReader).
namespace gw {

/// What a read of the .io tenant found: its projects with their flow services and webhooks, and
/// (when the tenant user may read them) which projects each login's roles let it execute.
struct TenantInventory
{
    QString tenantUrl;
    QList<IoProject> projects;
    bool rolesRead = false;                   ///< users and roles were readable (Admin role)
    QHash<QString, QStringList> userProjects; ///< login -> projects its roles grant execute on
    QStringList notes;                        ///< what could not be read, and why
};

/// One gateway API or alias offered for adoption.
struct AdoptionCandidate
{
    enum class Kind { Proxy, Alias };
    Kind kind = Kind::Proxy;
    QString name;     ///< proxy key "name/version" or alias name
    QString summary;  ///< one line: what it is
    QStringList tags; ///< the API's tags (proxies only)
    bool adoptable = true;
    QString reason; ///< why it cannot be adopted, when it cannot
    bool inWorkspace = false;
};

/// Everything the gateway holds, each with whether it can be adopted and why not.
QList<AdoptionCandidate> adoptionCandidates(const Workspace &workspace, const ObservedState &observed);

/// True when `candidate` matches one of the comma-separated patterns: a wildcard pattern on the name
/// ("Orders*", "*/1.0") or "tag:NAME" for an API tag. Case-insensitive.
bool matchesSelection(const AdoptionCandidate &candidate, const QString &patterns);

struct AdoptionRequest
{
    QSet<QString> proxies; ///< keys "name/version" of the APIs to adopt
    QSet<QString> aliases; ///< alias names to adopt (the aliases the chosen APIs use come along)
    std::optional<TenantInventory> tenant;
};

struct AdoptionLine
{
    enum class Outcome { Adopted, AlreadyManaged, Unmanaged };
    enum class Kind { Proxy, Alias, Project, Integration, TechnicalUser };
    Kind kind = Kind::Proxy;
    QString name;
    Outcome outcome = Outcome::Adopted;
    QString detail; ///< for a person: what was mapped, or why it was left unmanaged
    friend bool operator==(const AdoptionLine &, const AdoptionLine &) = default;
};

struct AdoptionReport
{
    QString error; ///< set when nothing could be adopted (unknown environment)
    QList<AdoptionLine> lines;
    QStringList secretsToSet;   ///< keychain references the workspace now names and nobody has stored
    QStringList unknownTargets; ///< "OrdersCreate/1.0 -> https://..." for proxies routed to nothing known

    int count(AdoptionLine::Outcome outcome) const;
    QString toText() const;
    QJsonObject toJson() const;
};

struct AdoptionResult
{
    Workspace workspace;
    AdoptionReport report;
};

/// Adds what `request` selects to `base` for `environment`: APIs become proxies (inbound rule and
/// scopes from evaluatePolicy, routing endpoint from straightThroughRouting, outbound alias from
/// outboundTransportAuthentication), aliases become aliases (an httpTransportSecurityAlias's user
/// becomes a technical user; its password becomes a keychain reference, never a copy), tenant
/// projects become projects. Items the workspace already names are kept as they are. What cannot be
/// mapped faithfully is left unmanaged and reported with the reason, so that planning the result
/// against the same gateway reports no change.
AdoptionResult adopt(const Workspace &base, const QString &environment, const ObservedState &observed,
                     const AdoptionRequest &request);

/// The path of an integration's routing endpoint on the tenant: "${io-tenant-url}/a/b/${sys:resource_path}"
/// and "https://tenant/a/b" both give "/a/b" (simple aliases resolved through `observed`).
QString routingPathOnTenant(const QString &endpoint, const Environment &environment, const ObservedState &observed,
                            bool *onTenant = nullptr);

} // namespace gw
