// SPDX-License-Identifier: GPL-3.0-or-later
#include "advisecommands.h"

#include "advisor.h"
#include "commonoptions.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"
#include "sync/accesscheck.h"
#include "workspacefile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QNetworkAccessManager>

namespace gw::cli {

namespace {

std::optional<Advisor::StrategyOption::Kind> strategyNamed(const QString &name)
{
    using Kind = Advisor::StrategyOption::Kind;
    for (Kind kind : {Kind::Shared, Kind::PerProject, Kind::BySensitivity}) {
        Advisor::StrategyOption option;
        option.kind = kind;
        if (option.code().compare(name, Qt::CaseInsensitive) == 0)
            return kind;
    }
    if (name.compare(QLatin1String("per-project"), Qt::CaseInsensitive) == 0)
        return Kind::PerProject;
    if (name.compare(QLatin1String("by-sensitivity"), Qt::CaseInsensitive) == 0)
        return Kind::BySensitivity;
    return std::nullopt;
}

const char *const Help =
    "Usage: gatewright advise --workspace FILE --env NAME [--live] [--rotation-days N] [--json]\n"
    "       gatewright advise --workspace FILE --env NAME --apply STRATEGY [--keep-unused] [--json]\n"
    "One shared .io technical user, or one per project? For each technical user: what a leak of its\n"
    "credential reaches (projects, integrations, proxies), what a lock-out stops, what .io logs can tell;\n"
    "the problems (missing role, no outbound auth, excess privilege, mixed sensitivity, per-API splits .io\n"
    "cannot enforce); the figures of the current mapping, one shared user, one per project and one per\n"
    "sensitivity side by side; and a recommendation with its reasons.\n\n"
    "  --live              also sign in to the environment's .io tenant as each technical user (one read-only\n"
    "                      request each, with its alias password) and compare what it reaches with what its\n"
    "                      proxies need\n"
    "  --rotation-days N   password rotation interval for the cost figures (default 90)\n"
    "  --apply STRATEGY    rewrite users, aliases and proxy bindings for shared | perProject | bySensitivity,\n"
    "                      save the workspace, and print the changes and the checklist for the .io side\n"
    "  --keep-unused       with --apply: keep users and aliases no proxy uses afterwards\n\n"
    "Exit code 0: no problem found; 2: the analysis or the live check found a problem; 1: error.\n\n"
    "Options:\n";

int printAnalysis(CliIo &io, const Advisor::Analysis &analysis, bool json)
{
    if (json)
        printJson(io, analysis.toJson());
    else
        io.out << analysis.toText();
    io.out.flush();
    return analysis.hasProblems() ? 2 : 0;
}

int runAdvise(const QStringList &arguments, CliIo &io)
{
    CommandSpec spec;
    spec.flags = {QStringLiteral("--live"), QStringLiteral("--keep-unused")};
    spec.valueOptions = {QStringLiteral("--rotation-days"), QStringLiteral("--apply")};
    const CommonOptionsResult parsed = parseCommonOptions(QStringLiteral("advise"), arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    const CommonOptions &options = *parsed.options;
    if (options.help) {
        io.out << Help << commonOptionsHelp(false)
               << "\nSecrets (--live): GATEWRIGHT_ALIAS_PASSWORD_<ALIAS> when set, otherwise the keychain.\n";
        return 0;
    }
    Advisor::Options advisorOptions;
    if (options.values.contains(QStringLiteral("--rotation-days"))) {
        bool ok = false;
        const int days = options.values.value(QStringLiteral("--rotation-days")).toInt(&ok);
        if (!ok || days < 1 || days > 3650) {
            io.err << "gatewright advise: --rotation-days needs a number of days from 1 to 3650, not \""
                   << options.values.value(QStringLiteral("--rotation-days")) << "\"\n";
            return 1;
        }
        advisorOptions.rotationIntervalDays = days;
    }
    QString error;
    const auto loaded = loadWorkspace(options, &error);
    if (!loaded) {
        io.err << "gatewright advise: " << error << "\n";
        return 1;
    }

    if (options.values.contains(QStringLiteral("--apply"))) {
        const QString name = options.values.value(QStringLiteral("--apply"));
        const auto strategy = strategyNamed(name);
        if (!strategy) {
            io.err << "gatewright advise: --apply takes shared, perProject or bySensitivity, not \"" << name << "\"\n";
            return 1;
        }
        if (options.flags.contains(QStringLiteral("--live"))) {
            io.err << "gatewright advise: --apply and --live do not go together: apply first, store the new "
                      "passwords and set up the .io side, then check with --live\n";
            return 1;
        }
        // Apply to the file as it is: --set overrides only steer this run and are not saved.
        const WorkspaceReadResult file = WorkspaceFile::read(options.workspacePath);
        if (!file.ok()) {
            io.err << "gatewright advise: " << file.errorString() << "\n";
            return 1;
        }
        Advisor::StrategyRequest request;
        request.strategy = *strategy;
        request.removeUnused = !options.flags.contains(QStringLiteral("--keep-unused"));
        const Advisor::StrategyChange change = Advisor::applyStrategy(*file.workspace, request, advisorOptions);
        if (change.changed && !WorkspaceFile::write(change.workspace, options.workspacePath, &error)) {
            io.err << "gatewright advise: " << error << "\n";
            return 1;
        }
        if (options.json) {
            printJson(io, QJsonObject{{QStringLiteral("strategy"), name},
                                      {QStringLiteral("changed"), change.changed},
                                      {QStringLiteral("changes"), QJsonArray::fromStringList(change.lines)},
                                      {QStringLiteral("tenantSteps"), QJsonArray::fromStringList(change.tenantSteps)},
                                      {QStringLiteral("gatewaySteps"), QJsonArray::fromStringList(change.gatewaySteps)},
                                      {QStringLiteral("secretsToSet"), QJsonArray::fromStringList(change.secretsToSet)},
                                      {QStringLiteral("workspace"), options.workspacePath}});
        } else {
            io.out << change.toText();
            if (change.changed)
                io.out << "Saved " << options.workspacePath << ". Next: store the passwords, do the .io steps, then "
                       << "'gatewright plan' and 'gatewright apply'.\n";
        }
        return 0;
    }

    Advisor::Analysis analysis = Advisor::analyze(loaded->workspace, loaded->environment.name, advisorOptions);
    if (!options.flags.contains(QStringLiteral("--live")))
        return printAnalysis(io, analysis, options.json);

    QNetworkAccessManager network;
    KeychainSecretStore store;
    SecretProvider secrets(&store, io.environment, nullptr);
    secrets.setAllowNewOrigin(options.allowNewOrigin);
    AccessCheck check(&network, &secrets, loaded->environment, loaded->workspace);
    int code = 1;
    QObject::connect(&check, &AccessCheck::finished, &check, [&](const QList<Advisor::LiveAccess> &results) {
        analysis.live = results;
        analysis.liveChecked = true;
        code = printAnalysis(io, analysis, options.json);
        QCoreApplication::exit(code);
    });
    QMetaObject::invokeMethod(
        &check, [&] { check.start(analysis.users); }, Qt::QueuedConnection);
    QCoreApplication::exec();
    return code;
}

} // namespace

QList<CliCommand> adviseCommands()
{
    return {CliCommand{QStringLiteral("advise"),
                       QStringLiteral("advise --workspace FILE --env NAME [--live] [--apply STRATEGY] [--json]"),
                       QStringLiteral("one shared technical user or one per project: blast radius, cost, advice"),
                       runAdvise}};
}

} // namespace gw::cli
