// SPDX-License-Identifier: GPL-3.0-or-later
#include "commonoptions.h"

#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

#include "workspacefile.h"

namespace gw::cli {

CommonOptionsResult parseCommonOptions(const QString &command, const QStringList &arguments, const CommandSpec &spec)
{
    CommonOptionsResult result;
    CommonOptions options;
    const QString prefix = QStringLiteral("gatewright %1: ").arg(command);
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        QString inlineValue;
        bool hasInlineValue = false;
        if (argument.startsWith(QLatin1String("--")) && argument.contains(QLatin1Char('='))) {
            inlineValue = argument.section(QLatin1Char('='), 1);
            argument = argument.section(QLatin1Char('='), 0, 0);
            hasInlineValue = true;
        }
        auto value = [&](QString *out) {
            if (hasInlineValue) {
                *out = inlineValue;
                return true;
            }
            if (i + 1 >= arguments.size() || arguments.at(i + 1).startsWith(QLatin1String("--"))) {
                result.error = prefix + QStringLiteral("%1 needs a value.").arg(argument);
                return false;
            }
            *out = arguments.at(++i);
            return true;
        };
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            options.help = true;
        } else if (argument == QLatin1String("--workspace") || argument == QLatin1String("-w")) {
            if (!value(&options.workspacePath))
                return result;
        } else if (argument == QLatin1String("--env") || argument == QLatin1String("-e")) {
            if (!value(&options.environment))
                return result;
        } else if (argument == QLatin1String("--json")) {
            options.json = true;
        } else if (argument == QLatin1String("--allow-new-origin")) {
            options.allowNewOrigin = true;
        } else if (argument == QLatin1String("--yes") && spec.acceptsYes) {
            options.yes = true;
        } else if (argument == QLatin1String("--set")) {
            QString assignment;
            if (!value(&assignment))
                return result;
            const qsizetype equals = assignment.indexOf(QLatin1Char('='));
            if (equals <= 0) {
                result.error = prefix + QStringLiteral("--set needs FIELD=VALUE (got \"%1\"); fields: %2.")
                                            .arg(assignment, settableFields().join(QStringLiteral(", ")));
                return result;
            }
            options.sets << qMakePair(assignment.left(equals), assignment.mid(equals + 1));
        } else if (spec.flags.contains(argument)) {
            options.flags << argument;
        } else if (spec.valueOptions.contains(argument)) {
            QString v;
            if (!value(&v))
                return result;
            options.values.insert(argument, v);
        } else if (argument.startsWith(QLatin1Char('-'))) {
            result.error =
                prefix + QStringLiteral("unknown option \"%1\". Run 'gatewright %2 --help'.").arg(argument, command);
            return result;
        } else {
            options.positional << argument;
        }
    }
    if (!options.help && spec.needsWorkspace) {
        if (options.workspacePath.isEmpty()) {
            result.error = prefix + QStringLiteral("--workspace FILE is required.");
            return result;
        }
        if (options.environment.isEmpty()) {
            result.error = prefix + QStringLiteral("--env NAME is required.");
            return result;
        }
    }
    result.options = options;
    return result;
}

QString commonOptionsHelp(bool withYes)
{
    QString text = QStringLiteral("  --workspace FILE     the workspace (*.gatewright.json)\n"
                                  "  --env NAME           the environment of the workspace to work on\n"
                                  "  --json               machine-readable output on stdout\n"
                                  "  --allow-new-origin   send keychain secrets to a host other than the one they\n"
                                  "                       were stored for (refused otherwise, naming both hosts)\n");
    if (withYes)
        text += QStringLiteral("  --yes                do not ask for confirmation\n");
    text += QStringLiteral("  --set FIELD=VALUE    override a field of the environment for this run (repeatable);\n"
                           "                       fields: %1\n")
                .arg(settableFields().join(QStringLiteral(", ")));
    return text;
}

QStringList settableFields()
{
    return {QStringLiteral("gateway.url"),
            QStringLiteral("gateway.adminUser"),
            QStringLiteral("gateway.caCertificateFile"),
            QStringLiteral("gateway.pinnedSha256"),
            QStringLiteral("gateway.aliasPasswordEncoding"),
            QStringLiteral("tenant.url"),
            QStringLiteral("tenant.user"),
            QStringLiteral("oauth.issuer"),
            QStringLiteral("oauth.tokenEndpoint"),
            QStringLiteral("oauth.jwksUri"),
            QStringLiteral("oauth.introspectionEndpoint"),
            QStringLiteral("oauth.revocationEndpoint"),
            QStringLiteral("oauth.authorizationEndpoint"),
            QStringLiteral("oauth.clientId"),
            QStringLiteral("oauth.audience"),
            QStringLiteral("oauth.clientAuthMethod"),
            QStringLiteral("oauth.resource"),
            QStringLiteral("production")};
}

bool applySet(Environment &environment, const QString &field, const QString &value, QString *error)
{
    if (field == QLatin1String("gateway.url"))
        environment.gatewayUrl = value;
    else if (field == QLatin1String("gateway.adminUser"))
        environment.adminUser = value;
    else if (field == QLatin1String("gateway.caCertificateFile"))
        environment.tls.caCertificateFile = value;
    else if (field == QLatin1String("gateway.pinnedSha256"))
        environment.tls.pinnedSha256 = value;
    else if (field == QLatin1String("gateway.aliasPasswordEncoding")) {
        if (value == QLatin1String("base64"))
            environment.aliasPasswordEncoding = Environment::AliasPasswordEncoding::Base64;
        else if (value == QLatin1String("plain"))
            environment.aliasPasswordEncoding = Environment::AliasPasswordEncoding::Plain;
        else {
            *error =
                QStringLiteral("--set gateway.aliasPasswordEncoding takes base64 or plain (got \"%1\").").arg(value);
            return false;
        }
    } else if (field == QLatin1String("tenant.url"))
        environment.ioTenantUrl = value;
    else if (field == QLatin1String("tenant.user"))
        environment.ioTenantUser = value;
    else if (field == QLatin1String("oauth.issuer"))
        environment.oauth.issuer = value;
    else if (field == QLatin1String("oauth.tokenEndpoint"))
        environment.oauth.tokenEndpoint = value;
    else if (field == QLatin1String("oauth.jwksUri"))
        environment.oauth.jwksUri = value;
    else if (field == QLatin1String("oauth.introspectionEndpoint"))
        environment.oauth.introspectionEndpoint = value;
    else if (field == QLatin1String("oauth.revocationEndpoint"))
        environment.oauth.revocationEndpoint = value;
    else if (field == QLatin1String("oauth.authorizationEndpoint"))
        environment.oauth.authorizationEndpoint = value;
    else if (field == QLatin1String("oauth.clientId"))
        environment.oauth.clientId = value;
    else if (field == QLatin1String("oauth.audience"))
        environment.oauth.audience = value;
    else if (field == QLatin1String("oauth.resource"))
        environment.oauth.resource = value;
    else if (field == QLatin1String("oauth.clientAuthMethod")) {
        if (value == QLatin1String("client_secret_basic") || value == QLatin1String("basic"))
            environment.oauth.clientAuthMethod = OAuthServer::ClientAuthMethod::Basic;
        else if (value == QLatin1String("client_secret_post") || value == QLatin1String("post"))
            environment.oauth.clientAuthMethod = OAuthServer::ClientAuthMethod::Post;
        else {
            *error = QStringLiteral("--set oauth.clientAuthMethod takes client_secret_basic or client_secret_post "
                                    "(got \"%1\").")
                         .arg(value);
            return false;
        }
    } else if (field == QLatin1String("production")) {
        if (value != QLatin1String("true") && value != QLatin1String("false")) {
            *error = QStringLiteral("--set production takes true or false (got \"%1\").").arg(value);
            return false;
        }
        environment.production = value == QLatin1String("true");
    } else {
        *error = QStringLiteral("--set: unknown field \"%1\"; fields: %2.")
                     .arg(field, settableFields().join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

std::optional<LoadedWorkspace> loadWorkspace(const CommonOptions &options, QString *error)
{
    const WorkspaceReadResult read = WorkspaceFile::read(options.workspacePath);
    if (!read.ok()) {
        *error = QStringLiteral("Cannot use the workspace %1:\n%2").arg(options.workspacePath, read.errorString());
        return std::nullopt;
    }
    LoadedWorkspace loaded{*read.workspace, {}};
    Environment *environment = nullptr;
    QStringList names;
    for (Environment &candidate : loaded.workspace.environments) {
        names << candidate.name;
        if (candidate.name == options.environment)
            environment = &candidate;
    }
    if (!environment) {
        *error = QStringLiteral("The workspace %1 has no environment \"%2\" (it has: %3).")
                     .arg(options.workspacePath, options.environment, names.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    for (const auto &[field, value] : options.sets) {
        if (!applySet(*environment, field, value, error))
            return std::nullopt;
    }
    loaded.environment = *environment;
    return loaded;
}

bool confirmApply(CliIo &io, const QString &command, const Environment &environment, const CommonOptions &options,
                  int steps)
{
    const QString prefix = QStringLiteral("gatewright %1: ").arg(command);
    const QString &name = environment.name;
    if (environment.production) {
        const QString given = options.values.value(QStringLiteral("--confirm-production"));
        if (!given.isEmpty()) {
            if (given == name)
                return true;
            io.err << prefix << "--confirm-production \"" << given << "\" is not the environment's name \"" << name
                   << "\"; not applied.\n";
            return false;
        }
        if (!isatty(STDIN_FILENO)) {
            io.err << prefix << "environment \"" << name << "\" is marked production; --yes is not enough. "
                   << "Add --confirm-production " << name << " to apply " << steps << " steps.\n";
            return false;
        }
        io.err << "Environment \"" << name << "\" is production. Type its name to apply " << steps << " steps: ";
        io.err.flush();
        char answer[256] = {};
        if (!std::fgets(answer, sizeof answer, stdin) || QString::fromUtf8(answer).trimmed() != name) {
            io.err << prefix << "not applied.\n";
            return false;
        }
        return true;
    }
    if (options.yes)
        return true;
    if (!isatty(STDIN_FILENO)) {
        io.err << prefix << "not applying without confirmation; run with --yes to apply " << steps << " steps.\n";
        return false;
    }
    io.err << "Apply these " << steps << " steps to environment \"" << name << "\"? [y/N] ";
    io.err.flush();
    char answer[16] = {};
    if (!std::fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
        io.err << prefix << "not applied.\n";
        return false;
    }
    return true;
}

void printJson(CliIo &io, const QJsonObject &object)
{
    io.out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace gw::cli
