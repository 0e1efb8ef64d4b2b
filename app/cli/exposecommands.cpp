// SPDX-License-Identifier: GPL-3.0-or-later
#include "exposecommands.h"

#include "advisor.h"
#include "commonoptions.h"
#include "exposure.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"
#include "sync/accesscheck.h"
#include "sync/exposeflow.h"
#include "sync/syncservice.h"
#include "sync/tenantreader.h"
#include "syncformat.h"
#include "workspacefile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QNetworkAccessManager>

namespace gw::cli {

namespace {

const char *const Help =
    "Usage: gatewright expose --workspace FILE --env NAME --project P --integration I [--scopes \"A B\"]\n"
    "                         [--name N] [--version V] [--user U] [--method M] [--path /x] [--yes] [--json]\n"
    "Exposes a .io integration through a new gateway proxy behind OAuth 2.0 and proves it works. It suggests\n"
    "the proxy name, version and scopes (from the integration's name and the project's other proxies) and\n"
    "the technical user and alias the workspace's credential strategy implies, and creates them when they are\n"
    "missing. It checks the user's role on the project (declared, and live on the tenant when the alias\n"
    "password is at hand), shows the workspace change and the gateway plan, applies it (progress, rollback,\n"
    "audit log), saves the workspace, then gets a token with the proxy's scopes and calls the proxy.\n\n"
    "  --project P, --integration I   what to expose (the integration must be in the workspace)\n"
    "  --scopes \"A B\"       scopes a caller's token must carry (default: suggested)\n"
    "  --name N, --version V the proxy's name and version (default: suggested, 1.0)\n"
    "  --user U              call .io as this technical user instead of the strategy's\n"
    "  --method M, --path /x the verifying call (default GET, no path)\n"
    "  --confirm-production NAME  apply to a production environment\n\n"
    "Exit code 0: the final call answered 2xx; 2: it did not (the diagnosis says why and what to fix);\n"
    "1: error (bad input, plan or apply failed: the gateway is left as it was).\n\nOptions:\n";

class ExposeRun : public QObject
{
public:
    ExposeRun(CommonOptions options, LoadedWorkspace loaded, Workspace file, CliIo &io)
        : m_options(std::move(options))
        , m_loaded(std::move(loaded))
        , m_file(std::move(file))
        , m_io(io)
        , m_secrets(&m_store, io.environment, nullptr)
        , m_sync(&m_network, &m_secrets,
                 io.environment.value(QStringLiteral("GATEWRIGHT_AUDIT_LOG"), AuditLog::defaultPath()))
        , m_flow(&m_network, &m_secrets, &m_sync)
    {
        m_secrets.setAllowNewOrigin(m_options.allowNewOrigin);
    }

    int exec()
    {
        const QString project = m_options.values.value(QStringLiteral("--project"));
        const QString integration = m_options.values.value(QStringLiteral("--integration"));
        const IoProject *known = m_loaded.workspace.project(project);
        const bool inWorkspace = known && known->integration(integration);
        if (inWorkspace || m_loaded.environment.ioTenantUser.isEmpty()) {
            QMetaObject::invokeMethod(
                this, [this] { prepare(); }, Qt::QueuedConnection);
        } else {
            // Not in the workspace: the tenant may hold it (a flow created since the workspace was adopted).
            readTenantOf(&m_network, &m_secrets, m_loaded.environment, this, [this](const TenantReadResult &result) {
                if (!result.ok())
                    return fail(QStringLiteral("%1 is not in the workspace and the tenant could not be read: %2")
                                    .arg(m_options.values.value(QStringLiteral("--integration")), result.error));
                QStringList added;
                m_loaded.workspace =
                    Exposure::withTenantProjects(m_loaded.workspace, result.inventory->projects, &added);
                m_file = Exposure::withTenantProjects(m_file, result.inventory->projects);
                if (!m_options.json) {
                    for (const QString &line : std::as_const(added))
                        m_io.out << "  + " << line << "\n";
                }
                prepare();
            });
        }
        return QCoreApplication::exec();
    }

private:
    void prepare()
    {
        const QString project = m_options.values.value(QStringLiteral("--project"));
        const QString integration = m_options.values.value(QStringLiteral("--integration"));
        const QString user = m_options.values.value(QStringLiteral("--user"));
        if (!user.isEmpty() && !m_loaded.workspace.technicalUser(user))
            return fail(QStringLiteral("--user: technical user \"%1\" is not in the workspace; add it first (or "
                                       "leave --user out to use the strategy's).")
                            .arg(user));
        const Exposure::Suggestion suggestion =
            user.isEmpty() ? Exposure::suggest(m_loaded.workspace, project, integration)
                           : Exposure::suggestForUser(m_loaded.workspace, project, integration, user);
        m_request = Exposure::requestFrom(project, integration, suggestion);
        if (m_options.values.contains(QStringLiteral("--scopes")))
            m_request.scopes =
                m_options.values.value(QStringLiteral("--scopes")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (m_options.values.contains(QStringLiteral("--name")))
            m_request.proxyName = m_options.values.value(QStringLiteral("--name"));
        if (m_options.values.contains(QStringLiteral("--version")))
            m_request.version = m_options.values.value(QStringLiteral("--version"));
        m_change = Exposure::expose(m_loaded.workspace, m_request);
        if (!m_change.ok())
            return fail(m_change.errors.join(QStringLiteral("\n  ")));
        if (!m_options.json) {
            m_io.out << "Expose " << integration << " (.io project " << project << ") as " << m_change.proxyKey()
                     << " on environment " << m_loaded.environment.name << "\n";
            m_io.out << "  scopes: " << m_request.scopes.join(QLatin1Char(' ')) << " (" << suggestion.scopeReason
                     << ")\n";
            m_io.out << "  outbound: " << m_request.user << " through alias " << m_request.alias << " ("
                     << suggestion.outboundReason << ")\n";
            m_io.out << "Workspace changes:\n";
            for (const QString &line : std::as_const(m_change.lines))
                m_io.out << "  - " << line << "\n";
            for (const QString &step : std::as_const(m_change.tenantSteps))
                m_io.out << "  [ ] on .io: " << step << "\n";
            m_io.out.flush();
        }
        checkRole();
    }

    int error(const QString &message)
    {
        m_io.err << "gatewright expose: " << message << "\n";
        m_io.err.flush();
        return 1;
    }

    void finish(int code)
    {
        m_io.out.flush();
        m_io.err.flush();
        QCoreApplication::exit(code);
    }

    void fail(const QString &message)
    {
        error(message);
        finish(1);
    }

    /// Signs in as the user once, when the tenant and the password are at hand; never blocks the flow.
    void checkRole()
    {
        const Advisor::Analysis analysis = Advisor::analyze(m_change.workspace, m_loaded.environment.name);
        const Advisor::UserExposure *exposure = analysis.user(m_request.user);
        if (!exposure || m_loaded.environment.ioTenantUrl.isEmpty())
            return plan();
        m_access = std::make_unique<AccessCheck>(&m_network, &m_secrets, m_loaded.environment, m_change.workspace);
        connect(m_access.get(), &AccessCheck::finished, this, [this](const QList<Advisor::LiveAccess> &results) {
            if (!results.isEmpty()) {
                m_live = results.constFirst();
                if (!m_options.json)
                    m_io.out << "Role check on the tenant: " << m_live.message << "\n";
            }
            plan();
        });
        m_access->start({*exposure});
    }

    void plan()
    {
        connect(&m_flow, &ExposeFlow::failed, this, [this](const QString &stage, const QString &message) {
            if (stage == QLatin1String("plan") || stage == QLatin1String("apply"))
                return fail(message);
            m_stageFailure = message;
            report(std::nullopt);
        });
        connect(&m_flow, &ExposeFlow::progress, this, [this](const QString &text) {
            if (!m_options.json)
                m_io.err << text << "\n";
        });
        connect(&m_flow, &ExposeFlow::planned, this, [this](const Plan &full, const Plan &mine, int others) {
            m_plan = full;
            if (!m_options.json) {
                m_io.out << "Gateway plan for " << m_change.proxyKey() << ":\n" << mine.toText();
                if (others > 0)
                    m_io.out << "The plan also holds " << others
                             << " other steps from earlier workspace edits; they are applied too.\n";
                m_io.out.flush();
            }
            if (!confirmApply(m_io, QStringLiteral("expose"), m_loaded.environment, m_options, int(full.steps.size())))
                return finish(1);
            ProxyCallRequest call;
            call.environment = m_loaded.environment.name;
            call.proxyName = m_change.proxy.name;
            call.proxyVersion = m_change.proxy.version;
            call.method = m_options.values.value(QStringLiteral("--method"), QStringLiteral("GET")).toUpper();
            call.resource = m_options.values.value(QStringLiteral("--path"));
            m_flow.applyAndVerify(call);
        });
        connect(&m_flow, &ExposeFlow::applied, this, [this](const ApplyResult &result) {
            m_applied = result;
            if (!result.ok())
                return;
            // The gateway holds the proxy now: the workspace file says so too (without this run's --set).
            const Exposure::Change saved = Exposure::expose(m_file, m_request);
            QString error;
            if (!saved.ok() || !WorkspaceFile::write(saved.workspace, m_options.workspacePath, &error))
                m_io.err << "gatewright expose: applied, but the workspace could not be saved: "
                         << (saved.ok() ? error : saved.errors.join(QLatin1Char(' '))) << "\n";
            else if (!m_options.json)
                m_io.out << "Applied; saved " << m_options.workspacePath << ".\n";
        });
        connect(&m_flow, &ExposeFlow::verified, this, [this](const CallRecord &record) { report(record); });
        m_flow.plan(m_change.workspace, m_loaded.environment.name, m_change.proxyKey());
    }

    void report(const std::optional<CallRecord> &record)
    {
        const bool success =
            record && record->diagnosis.isSuccess() && record->response.status >= 200 && record->response.status < 300;
        if (m_options.json) {
            QJsonObject object = m_change.toJson();
            object.insert(QStringLiteral("environment"), m_loaded.environment.name);
            object.insert(QStringLiteral("plan"), m_plan.toJson());
            if (m_applied)
                object.insert(QStringLiteral("apply"), m_applied->toJson());
            if (!m_live.user.isEmpty())
                object.insert(QStringLiteral("roleCheck"), QJsonObject{{QStringLiteral("status"), m_live.code()},
                                                                       {QStringLiteral("message"), m_live.message}});
            if (record) {
                object.insert(QStringLiteral("call"),
                              QJsonObject{{QStringLiteral("url"), record->url},
                                          {QStringLiteral("status"), record->response.status},
                                          {QStringLiteral("diagnosis"), record->diagnosis.code()},
                                          {QStringLiteral("title"), record->diagnosis.title},
                                          {QStringLiteral("explanation"), record->diagnosis.explanation},
                                          {QStringLiteral("fix"), record->diagnosis.fix}});
            } else {
                object.insert(QStringLiteral("error"), m_stageFailure);
            }
            object.insert(QStringLiteral("verified"), success);
            printJson(m_io, object);
        } else if (record) {
            m_io.out << record->request.method << " " << record->url << " -> HTTP " << record->response.status << "\n";
            m_io.out << (success ? "Verified: " : "Not verified: ") << record->diagnosis.title << " ["
                     << record->diagnosis.code() << "]\n";
            if (!success) {
                if (!record->diagnosis.explanation.isEmpty())
                    m_io.out << "  " << record->diagnosis.explanation << "\n";
                if (!record->diagnosis.fix.isEmpty())
                    m_io.out << "Fix: " << record->diagnosis.fix << "\n";
                for (const QString &step : std::as_const(m_change.tenantSteps))
                    m_io.out << "On .io: " << step << "\n";
            }
        } else {
            m_io.out << "Not verified: " << m_stageFailure << "\n";
        }
        finish(success ? 0 : 2);
    }

    CommonOptions m_options;
    LoadedWorkspace m_loaded;
    Workspace m_file;
    CliIo &m_io;
    QNetworkAccessManager m_network;
    KeychainSecretStore m_store;
    SecretProvider m_secrets;
    SyncService m_sync;
    ExposeFlow m_flow;
    std::unique_ptr<AccessCheck> m_access;
    Exposure::Request m_request;
    Exposure::Change m_change;
    Advisor::LiveAccess m_live;
    Plan m_plan;
    std::optional<ApplyResult> m_applied;
    QString m_stageFailure;
};

int runExpose(const QStringList &arguments, CliIo &io)
{
    CommandSpec spec;
    spec.acceptsYes = true;
    spec.valueOptions = {
        QStringLiteral("--project"), QStringLiteral("--integration"), QStringLiteral("--scopes"),
        QStringLiteral("--name"),    QStringLiteral("--version"),     QStringLiteral("--user"),
        QStringLiteral("--method"),  QStringLiteral("--path"),        QStringLiteral("--confirm-production")};
    const CommonOptionsResult parsed = parseCommonOptions(QStringLiteral("expose"), arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    const CommonOptions &options = *parsed.options;
    if (options.help) {
        io.out << Help << commonOptionsHelp(true)
               << "\nSecrets: GATEWRIGHT_GATEWAY_PASSWORD, GATEWRIGHT_CLIENT_SECRET and, for the alias, "
                  "GATEWRIGHT_ALIAS_PASSWORD_<ALIAS> when set, otherwise the keychain.\n";
        return 0;
    }
    for (const QString &required : {QStringLiteral("--project"), QStringLiteral("--integration")}) {
        if (options.values.value(required).isEmpty()) {
            io.err << "gatewright expose: " << required << " is required.\n";
            return 1;
        }
    }
    QString error;
    const auto loaded = loadWorkspace(options, &error);
    if (!loaded) {
        io.err << "gatewright expose: " << error << "\n";
        return 1;
    }
    const WorkspaceReadResult file = WorkspaceFile::read(options.workspacePath);
    if (!file.ok()) {
        io.err << "gatewright expose: " << file.errorString() << "\n";
        return 1;
    }
    ExposeRun run(options, *loaded, *file.workspace, io);
    return run.exec();
}

} // namespace

QList<CliCommand> exposeCommands()
{
    return {CliCommand{QStringLiteral("expose"),
                       QStringLiteral("expose --workspace FILE --env NAME --project P --integration I [--yes]"),
                       QStringLiteral("put a .io integration behind a new OAuth 2.0 proxy and verify a call"),
                       runExpose}};
}

} // namespace gw::cli
