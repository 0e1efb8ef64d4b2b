// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"
#include "workspace.h"

#include <QJsonObject>

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace gw::cli {

/// The options every workspace command shares:
///   --workspace FILE --env NAME [--json] [--yes] [--set FIELD=VALUE ...]
/// plus the flags and valued options a command declares for itself.
struct CommonOptions
{
    QString workspacePath;
    QString environment;
    bool json = false;
    bool yes = false;
    bool allowNewOrigin = false; ///< --allow-new-origin: see SecretProvider::resolve with a destination
    bool help = false;
    QList<QPair<QString, QString>> sets; ///< --set FIELD=VALUE, in order
    QStringList flags;                   ///< the command's own flags that were given
    QHash<QString, QString> values;      ///< the command's own valued options
    QStringList positional;
};

struct CommandSpec
{
    QStringList flags;        ///< e.g. "--delete-unmanaged"
    QStringList valueOptions; ///< e.g. "--timeout"
    bool acceptsYes = false;
    bool needsWorkspace = true;
};

struct CommonOptionsResult
{
    std::optional<CommonOptions> options;
    QString error; ///< "gatewright plan: --env needs a value"
};

CommonOptionsResult parseCommonOptions(const QString &command, const QStringList &arguments,
                                       const CommandSpec &spec = {});

/// The text of the shared options for a command's --help.
QString commonOptionsHelp(bool withYes);

/// FIELD names --set understands, e.g. gateway.url, gateway.adminUser, tenant.url, oauth.tokenEndpoint.
QStringList settableFields();
/// Applies one --set to the environment; false and `*error` for an unknown field or a bad value.
bool applySet(Environment &environment, const QString &field, const QString &value, QString *error);

struct LoadedWorkspace
{
    Workspace workspace; ///< with the --set overrides applied to the chosen environment
    Environment environment;
};

/// Reads --workspace, finds --env and applies every --set. Errors name the file, the JSON
/// pointer or the field, and what to do.
std::optional<LoadedWorkspace> loadWorkspace(const CommonOptions &options, QString *error);

/// Asks before `steps` changes go to `environment`: a production environment takes its name (typed at the
/// prompt, or --confirm-production NAME); any other --yes or a "y" at the prompt. No terminal: refused.
bool confirmApply(CliIo &io, const QString &command, const Environment &environment, const CommonOptions &options,
                  int steps);

/// Writes `object` to the command's output as indented JSON.
void printJson(CliIo &io, const QJsonObject &object);

} // namespace gw::cli
