// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectcommands.h"

#include "adoption.h"
#include "commonoptions.h"
#include "net/admincredentials.h"
#include "net/gatewayclient.h"
#include "net/providercredentialsource.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"
#include "sync/connectioncheck.h"
#include "sync/pulljob.h"
#include "sync/tenantreader.h"
#include "workspacefile.h"
#include "workspacevalidator.h"
#include "net/transport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <memory>

namespace gw::cli {

namespace {

int runCheck(const QStringList &arguments, CliIo &io)
{
    const CommonOptionsResult parsed = parseCommonOptions(QStringLiteral("check"), arguments);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    if (parsed.options->help) {
        io.out
            << "Usage: gatewright check --workspace FILE --env NAME [--json] [--set FIELD=VALUE ...]\n"
               "Tests the environment's connections, one line per component: the gateway (reachable, TLS, admin\n"
               "credentials, server version), the .io tenant (reachable, tenant user accepted) and the OAuth server\n"
               "(discovery, JWKS, a client-credentials token that verifies). Exit code 0: nothing failed; 1: a\n"
               "component failed or the workspace could not be used.\n\nOptions:\n"
            << commonOptionsHelp(false)
            << "\nSecrets: GATEWRIGHT_GATEWAY_PASSWORD, GATEWRIGHT_TENANT_PASSWORD and GATEWRIGHT_CLIENT_SECRET "
               "when set, otherwise the keychain.\n";
        return 0;
    }
    QString error;
    const auto loaded = loadWorkspace(*parsed.options, &error);
    if (!loaded) {
        io.err << "gatewright check: " << error << "\n";
        return 1;
    }
    QNetworkAccessManager network;
    KeychainSecretStore store;
    SecretProvider secrets(&store, io.environment, nullptr);
    secrets.setAllowNewOrigin(parsed.options->allowNewOrigin);
    ConnectionCheck check(&network, &secrets, loaded->environment, io.environment);
    int code = 1;
    QObject::connect(&check, &ConnectionCheck::finished, &check, [&](const CheckReport &report) {
        if (parsed.options->json)
            printJson(io, report.toJson());
        else
            io.out << report.toText();
        io.out.flush();
        code = report.ok() ? 0 : 1;
        QCoreApplication::exit(code);
    });
    QMetaObject::invokeMethod(&check, &ConnectionCheck::start, Qt::QueuedConnection);
    QCoreApplication::exec();
    return code;
}

/// Reads the gateway (and the tenant, when it has a user), adopts what was selected and saves.
class AdoptRun : public QObject
{
public:
    AdoptRun(CommonOptions options, Workspace workspace, Environment environment, std::optional<Environment> saved,
             CliIo &io)
        : m_options(std::move(options))
        , m_workspace(std::move(workspace))
        , m_environment(std::move(environment))
        , m_saved(std::move(saved))
        , m_io(io)
        , m_secrets(&m_store, io.environment, nullptr)
    {}

    int exec()
    {
        m_secrets.setAllowNewOrigin(m_options.allowNewOrigin);
        m_credentials = adminCredentialsFor(m_environment, &m_secrets, m_io.environment);
        m_client = std::make_unique<GatewayClient>(&m_network, m_environment, m_credentials.get());
        auto *pull = new PullJob(m_client.get(), this);
        connect(pull, &PullJob::finished, this, [this, pull](const PullResult &result) {
            pull->deleteLater();
            if (!result.ok())
                return fail(result.error);
            m_observed = *result.state;
            readTenant();
        });
        QMetaObject::invokeMethod(pull, &PullJob::start, Qt::QueuedConnection);
        return QCoreApplication::exec();
    }

private:
    void fail(const QString &message)
    {
        m_io.err << "gatewright adopt: " << message << "\n";
        m_io.err.flush();
        QCoreApplication::exit(1);
    }

    void readTenant()
    {
        if (m_options.flags.contains(QStringLiteral("--no-tenant")) || m_environment.ioTenantUrl.isEmpty() ||
            m_environment.ioTenantUser.isEmpty())
            return adoptNow();
        const SecretKey key = SecretKey::tenantUser(m_environment.name, m_environment.ioTenantUser);
        const QString variable = SecretProvider::environmentVariableFor(key);
        if (!m_io.environment.value(variable).isEmpty())
            return readTenantWith(m_io.environment.value(variable));
        m_secrets.resolve(key, QUrl(m_environment.ioTenantUrl), this, [this](const SecretResolution &resolution) {
            if (!resolution.ok())
                return fail(QStringLiteral("no password for tenant user \"%1\": %2 (or run with --no-tenant)")
                                .arg(m_environment.ioTenantUser, resolution.message));
            readTenantWith(resolution.secret);
        });
    }

    void readTenantWith(const QString &password)
    {
        Transport::of(&m_network)->useEnvironment(m_environment); // the tenant host gets its TLS settings
        auto *reader =
            new TenantReader(&m_network, m_environment.ioTenantUrl, m_environment.ioTenantUser, password, this);
        connect(reader, &TenantReader::finished, this, [this, reader](const TenantReadResult &result) {
            reader->deleteLater();
            if (!result.ok())
                return fail(result.error + QStringLiteral(" (or run with --no-tenant)"));
            m_tenant = result.inventory;
            adoptNow();
        });
        reader->start();
    }

    void adoptNow()
    {
        const QString pattern = m_options.values.value(QStringLiteral("--select"));
        AdoptionRequest request;
        request.tenant = m_tenant;
        for (const AdoptionCandidate &candidate : adoptionCandidates(m_workspace, m_observed)) {
            if (!pattern.isEmpty() && !matchesSelection(candidate, pattern))
                continue;
            // With --select, an alias comes along only when a chosen API uses it or the pattern names it.
            if (candidate.kind == AdoptionCandidate::Kind::Proxy)
                request.proxies.insert(candidate.name);
            else
                request.aliases.insert(candidate.name);
        }
        AdoptionResult result = adopt(m_workspace, m_environment.name, m_observed, request);
        if (!result.report.error.isEmpty())
            return fail(result.report.error);
        for (Environment &candidate : result.workspace.environments) {
            if (m_saved && candidate.name == m_saved->name)
                candidate = *m_saved;
        }
        QString error;
        if (!WorkspaceFile::write(result.workspace, m_options.workspacePath, &error))
            return fail(error);
        if (m_options.json) {
            QJsonObject object = result.report.toJson();
            object.insert(QStringLiteral("workspace"), m_options.workspacePath);
            if (m_tenant)
                object.insert(QStringLiteral("tenantNotes"), QJsonArray::fromStringList(m_tenant->notes));
            printJson(m_io, object);
        } else {
            m_io.out << result.report.toText();
            if (m_tenant) {
                for (const QString &note : std::as_const(m_tenant->notes))
                    m_io.out << "note: " << note << "\n";
            } else {
                m_io.out << "note: the tenant was not read (no tenant user set); projects come from the proxies' "
                            "routing only\n";
            }
            m_io.out << "Saved " << m_options.workspacePath << ".\n";
        }
        m_io.out.flush();
        QCoreApplication::exit(0);
    }

    CommonOptions m_options;
    Workspace m_workspace;
    Environment m_environment;
    std::optional<Environment> m_saved; ///< the environment as the file holds it, without --set
    CliIo &m_io;
    QNetworkAccessManager m_network;
    KeychainSecretStore m_store;
    SecretProvider m_secrets;
    std::unique_ptr<AdminCredentialSource> m_credentials;
    std::unique_ptr<GatewayClient> m_client;
    ObservedState m_observed;
    std::optional<TenantInventory> m_tenant;
};

int runAdopt(const QStringList &arguments, CliIo &io)
{
    CommandSpec spec;
    spec.flags = {QStringLiteral("--no-tenant")};
    spec.valueOptions = {QStringLiteral("--select")};
    const CommonOptionsResult parsed = parseCommonOptions(QStringLiteral("adopt"), arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    const CommonOptions &options = *parsed.options;
    if (options.help) {
        io.out << "Usage: gatewright adopt --workspace FILE --env NAME [--select PATTERN] [--no-tenant] [--json]\n"
                  "                        [--set FIELD=VALUE ...]\n"
                  "Reads the environment's gateway (and its .io tenant, when the environment names a tenant user) and\n"
                  "adds what it holds to the workspace: APIs as proxies, aliases, technical users, projects and their\n"
                  "integrations. Passwords are not copied: the report lists the keychain entries to set. What cannot\n"
                  "be mapped is left unmanaged, with the reason. When FILE does not exist it is created with the\n"
                  "environment from the --set fields (gateway.url and tenant.url at least).\n\nOptions:\n"
               << commonOptionsHelp(false)
               << "  --select PATTERN     only what matches: comma-separated wildcards on names (\"Orders*\",\n"
                  "                       \"*/1.0\") or tag:NAME for an API tag; default everything\n"
                  "  --no-tenant          do not read the tenant\n";
        return 0;
    }
    QString error;
    Workspace workspace;
    Environment environment;
    std::optional<Environment> saved;
    if (!QFileInfo::exists(options.workspacePath)) {
        workspace.name = QFileInfo(options.workspacePath).baseName().section(QLatin1Char('.'), 0, 0);
        environment.name = options.environment;
        for (const auto &[field, value] : options.sets) {
            if (!applySet(environment, field, value, &error)) {
                io.err << "gatewright adopt: " << error << "\n";
                return 1;
            }
        }
        workspace.environments << environment;
        const QList<WorkspaceError> problems = WorkspaceValidator::validate(workspace);
        if (!problems.isEmpty()) {
            io.err << "gatewright adopt: the new environment \"" << environment.name
                   << "\" is not usable; give its fields with --set:\n"
                   << WorkspaceError::join(problems) << "\n";
            return 1;
        }
    } else {
        const auto loaded = loadWorkspace(options, &error);
        if (!loaded) {
            io.err << "gatewright adopt: " << error << "\n";
            return 1;
        }
        workspace = loaded->workspace;
        environment = loaded->environment;
        // The --set overrides are for this run (adoption resolves URLs with them); the file keeps its own.
        for (Environment &candidate : workspace.environments) {
            if (candidate.name == environment.name) {
                saved = candidate;
                candidate = environment;
            }
        }
    }
    AdoptRun run(options, workspace, environment, saved, io);
    return run.exec();
}

} // namespace

QList<CliCommand> connectCommands()
{
    return {
        CliCommand{QStringLiteral("check"), QStringLiteral("check --workspace FILE --env NAME [--json]"),
                   QStringLiteral("test the gateway, tenant and OAuth server of an environment"), runCheck},
        CliCommand{QStringLiteral("adopt"),
                   QStringLiteral("adopt --workspace FILE --env NAME [--select PATTERN] [--json]"),
                   QStringLiteral("take what a gateway and tenant already hold into the workspace"), runAdopt},
    };
}

} // namespace gw::cli
