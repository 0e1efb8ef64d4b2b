// SPDX-License-Identifier: GPL-3.0-or-later
#include "synccommands.h"

#include "commonoptions.h"
#include "net/admincredentials.h"
#include "net/gatewayclient.h"
#include "net/providercredentialsource.h"
#include "plan.h"
#include "platform/signalwatcher.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"
#include "secrets/secretstore.h"
#include "sync/aliaspasswordreader.h"
#include "sync/applyjob.h"
#include "sync/auditlog.h"
#include "sync/pulljob.h"
#include "syncformat.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPointer>

#include <csignal>
#include <memory>

namespace gw::cli {

namespace {

enum class Mode { Pull, Plan, Apply };

QString modeName(Mode mode)
{
    switch (mode) {
    case Mode::Pull:
        return QStringLiteral("pull");
    case Mode::Plan:
        return QStringLiteral("plan");
    case Mode::Apply:
        return QStringLiteral("apply");
    }
    return {};
}

QString helpText(Mode mode)
{
    QString text;
    switch (mode) {
    case Mode::Pull:
        text =
            QStringLiteral("Usage: gatewright pull --workspace FILE --env NAME [--json] [--set FIELD=VALUE ...]\n"
                           "Reads every API (with its policy chain) and every alias from the environment's gateway.\n");
        break;
    case Mode::Plan:
        text =
            QStringLiteral("Usage: gatewright plan --workspace FILE --env NAME [--json] [--delete-unmanaged-aliases]\n"
                           "                       [--set FIELD=VALUE ...]\n"
                           "Shows what apply would change on the environment's gateway. Exit code 0: nothing to "
                           "do; 2: there are changes; 1: error.\n");
        break;
    case Mode::Apply:
        text = QStringLiteral("Usage: gatewright apply --workspace FILE --env NAME [--yes] [--json] "
                              "[--delete-unmanaged-aliases]\n"
                              "                        [--set FIELD=VALUE ...]\n"
                              "Plans, then changes the gateway step by step; on the first failure every completed "
                              "step is undone. Each apply is written to the audit log ($GATEWRIGHT_AUDIT_LOG or the "
                              "application data folder). Exit code 0: applied or nothing to do; 1: error.\n");
        break;
    }
    text += QStringLiteral("\nOptions:\n") + commonOptionsHelp(mode == Mode::Apply);
    if (mode != Mode::Pull)
        text +=
            QStringLiteral("  --delete-unmanaged-aliases  also delete gateway aliases the workspace does not name\n");
    if (mode == Mode::Apply)
        text += QStringLiteral("  --confirm-production NAME  apply to a production environment without the prompt "
                               "(NAME must be the environment's)\n");
    text += QStringLiteral("  --timeout SECONDS    per-request timeout (default 30)\n"
                           "\nSecrets: the gateway admin password from GATEWRIGHT_GATEWAY_PASSWORD when set, otherwise "
                           "the keychain;\nalias passwords from GATEWRIGHT_ALIAS_PASSWORD_<ALIAS NAME> (upper case, "
                           "other characters as _),\notherwise the keychain.\n");
    return text;
}

QString proxyText(const ObservedProxy &observed)
{
    QString text = QStringLiteral("  %1 [%2]\n").arg(observed.key(), SyncFormat::activeText(observed.proxy.active));
    text += QStringLiteral("      inbound:  %1\n")
                .arg(observed.inboundActionId.isEmpty() ? QStringLiteral("none")
                                                        : SyncFormat::inboundText(observed.proxy.inbound));
    text +=
        QStringLiteral("      routing:  %1\n")
            .arg(observed.proxy.routingEndpoint.isEmpty() ? QStringLiteral("none") : observed.proxy.routingEndpoint);
    text += QStringLiteral("      outbound: %1\n").arg(SyncFormat::outboundText(observed.proxy.outbound));
    for (const ObservedAction &action : observed.unmanagedActions())
        text += QStringLiteral("      also:     %1 (%2, stage %3; kept as is)\n")
                    .arg(action.name, action.templateKey, action.stageKey);
    for (const QString &note : observed.notes)
        text += QStringLiteral("      note:     %1\n").arg(note);
    return text;
}

QString stateText(const ObservedState &state)
{
    QString text = QStringLiteral("Environment \"%1\" (%2): %3 APIs, %4 aliases.\n")
                       .arg(state.environment, state.gatewayUrl)
                       .arg(state.proxies.size())
                       .arg(state.aliases.size());
    if (!state.aliases.isEmpty())
        text += QStringLiteral("\nAliases\n");
    for (const ObservedAlias &alias : state.aliases) {
        QString detail;
        switch (alias.alias.type) {
        case Alias::Type::HttpTransportSecurity:
            detail = QStringLiteral("user %1, password %2")
                         .arg(alias.alias.technicalUser, SyncFormat::maskedSecret(!alias.passwordDigest.isEmpty()));
            break;
        case Alias::Type::Simple:
            detail = alias.alias.value;
            break;
        case Alias::Type::Endpoint:
            detail = alias.alias.endpointUri;
            break;
        }
        if (!alias.managedType)
            detail = QStringLiteral("not managed by the console");
        text += QStringLiteral("  %1 (%2): %3\n").arg(alias.alias.name, alias.gatewayType, detail);
    }
    if (!state.proxies.isEmpty())
        text += QStringLiteral("\nAPIs\n");
    for (const ObservedProxy &proxy : state.proxies)
        text += proxyText(proxy);
    return text;
}

QStringList httpAliasNames(const Workspace &workspace)
{
    QStringList names;
    for (const Alias &alias : workspace.aliases) {
        if (alias.type == Alias::Type::HttpTransportSecurity)
            names << alias.name;
    }
    return names;
}

/// One run of pull, plan or apply; lives on the stack of the command and drives the event loop.
class SyncRun : public QObject
{
public:
    SyncRun(Mode mode, CommonOptions options, LoadedWorkspace loaded, CliIo &io)
        : m_mode(mode)
        , m_options(std::move(options))
        , m_loaded(std::move(loaded))
        , m_io(io)
    {}

    int exec()
    {
        const Environment &environment = m_loaded.environment;
        GatewayClientOptions clientOptions;
        if (m_options.values.contains(QStringLiteral("--timeout")))
            clientOptions.timeoutMs = std::max(1, m_options.values.value(QStringLiteral("--timeout")).toInt()) * 1000;
        m_provider = std::make_unique<SecretProvider>(&m_store, m_io.environment, nullptr);
        m_provider->setAllowNewOrigin(m_options.allowNewOrigin);
        m_credentials = adminCredentialsFor(environment, m_provider.get(), m_io.environment);
        m_client = std::make_unique<GatewayClient>(&m_network, environment, m_credentials.get(), clientOptions);
        m_aliasReader = std::make_unique<AliasPasswordReader>(m_provider.get(), m_io.environment);

        auto *pull = new PullJob(m_client.get(), this);
        connect(pull, &PullJob::finished, this, [this, pull](const PullResult &result) {
            pull->deleteLater();
            pulled(result);
        });
        QMetaObject::invokeMethod(pull, &PullJob::start, Qt::QueuedConnection);
        return QCoreApplication::exec();
    }

private:
    void done(int code)
    {
        m_io.out.flush();
        m_io.err.flush();
        QCoreApplication::exit(code);
    }

    void printJson(const QJsonObject &object) { cli::printJson(m_io, object); }

    /// Appends to the audit log ($GATEWRIGHT_AUDIT_LOG or the default); a failure to do so is reported, not fatal.
    void audit(const AuditEntry &entry)
    {
        QString error;
        const AuditLog log(m_io.environment.value(QStringLiteral("GATEWRIGHT_AUDIT_LOG"), AuditLog::defaultPath()));
        if (!log.append(entry, &error))
            m_io.err << "gatewright apply: " << error << "\n";
    }

    /// An apply that stops before its first write still leaves its trace: who tried, where, and why it stopped.
    void auditNotStarted(const QString &reason)
    {
        if (m_mode == Mode::Apply)
            audit(AuditEntry::notStarted(m_loaded.environment.name, m_loaded.environment.gatewayUrl,
                                         AuditLog::operatorName(m_loaded.environment.adminUser), reason));
    }

    void pulled(const PullResult &result)
    {
        if (!result.ok()) {
            m_io.err << "gatewright " << modeName(m_mode) << ": " << result.error << "\n";
            auditNotStarted(QStringLiteral("The pull before the plan failed: ") + result.error);
            return done(1);
        }
        m_observed = *result.state;
        if (m_mode == Mode::Pull) {
            if (m_options.json)
                printJson(m_observed.toJson(true));
            else
                m_io.out << stateText(m_observed);
            return done(0);
        }
        // Alias passwords let the plan see a changed password; apply needs them for the aliases it writes.
        const QStringList aliases = httpAliasNames(m_loaded.workspace);
        m_aliasReader->read(m_loaded.environment.name, QUrl(m_loaded.environment.gatewayUrl), aliases,
                            aliases, // nobody to ask in a headless run: the same either way
                            [this](const AliasPasswordReader::Result &passwords) { planned(passwords); });
    }

    void planned(const AliasPasswordReader::Result &passwords)
    {
        m_passwords = passwords.passwords;
        PlanOptions planOptions;
        planOptions.deleteUnmanagedAliases = m_options.flags.contains(QStringLiteral("--delete-unmanaged-aliases"));
        for (auto it = m_passwords.cbegin(); it != m_passwords.cend(); ++it)
            planOptions.aliasPasswordDigests.insert(
                it.key(), QCryptographicHash::hash(it.value().toUtf8(), QCryptographicHash::Sha256));
        Workspace workspace = m_loaded.workspace;
        m_plan = makePlan(workspace, m_loaded.environment.name, m_observed, planOptions);
        if (!m_plan.error.isEmpty()) {
            m_io.err << "gatewright " << modeName(m_mode) << ": " << m_plan.error << "\n";
            auditNotStarted(QStringLiteral("No plan could be made: ") + m_plan.error);
            return done(1);
        }
        for (const QString &conflict : std::as_const(m_plan.conflicts))
            m_io.err << "gatewright " << modeName(m_mode) << ": conflict, left alone: " << conflict << "\n";
        if (m_mode == Mode::Plan) {
            if (m_options.json)
                printJson(m_plan.toJson());
            else
                m_io.out << m_plan.toText();
            return done(m_plan.hasChanges() ? 2 : 0);
        }
        if (!m_plan.hasChanges()) {
            if (m_options.json)
                printJson(QJsonObject{
                    {QStringLiteral("plan"), m_plan.toJson()},
                    {QStringLiteral("outcome"), ApplyResult::outcomeName(ApplyResult::Outcome::NothingToDo)}});
            else
                m_io.out << m_plan.toText();
            return done(0);
        }
        if (!m_options.json)
            m_io.out << m_plan.toText() << "\n";
        if (!confirmApply(m_io, QStringLiteral("apply"), m_loaded.environment, m_options, int(m_plan.steps.size())))
            return done(1);
        apply();
    }

    void apply()
    {
        auto *job = new ApplyJob(m_client.get(), m_plan, m_observed, m_passwords, this);
        m_passwords.clear();
        connect(job, &ApplyJob::progress, this, [this](int step, int total, const QString &text) {
            m_io.err << "[" << step << "/" << total << "] " << text << "\n";
            m_io.err.flush();
        });
        connect(job, &ApplyJob::rollbackProgress, this, [this](int step, int total, const QString &text) {
            m_io.err << "[rollback " << step << "/" << total << "] " << text << "\n";
            m_io.err.flush();
        });
        // SIGINT and SIGTERM stop the apply at the next step boundary and roll it back, instead of leaving
        // the gateway half-changed; the signals end the process as usual again once the apply has finished.
        m_signals = std::make_unique<SignalWatcher>();
        connect(m_signals.get(), &SignalWatcher::terminationRequested, this, [this, job](int signalNumber) {
            const QString name = signalNumber == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM");
            if (m_interrupted || job->isRollingBack()) {
                m_io.err << "gatewright apply: " << name
                         << " received: the rollback runs to its end so that the gateway is left as it was\n";
            } else {
                m_io.err << "gatewright apply: " << name
                         << " received: stopping after the running step, then rolling back\n";
                m_interrupted = true;
                job->interrupt(name);
            }
            m_io.err.flush();
        });
        connect(job, &ApplyJob::finished, this, [this, job](const ApplyResult &result) {
            m_signals.reset();
            job->deleteLater();
            if (result.outcome != ApplyResult::Outcome::NothingToDo)
                audit(AuditEntry::fromApply(result, m_loaded.environment.gatewayUrl,
                                            AuditLog::operatorName(m_loaded.environment.adminUser)));
            if (m_options.json)
                printJson(result.toJson());
            else
                (result.ok() ? m_io.out : m_io.err) << result.report();
            done(result.ok() ? 0 : 1);
        });
        job->start();
    }

    Mode m_mode;
    CommonOptions m_options;
    LoadedWorkspace m_loaded;
    CliIo &m_io;
    QNetworkAccessManager m_network;
    KeychainSecretStore m_store;
    std::unique_ptr<SecretProvider> m_provider;
    std::unique_ptr<AdminCredentialSource> m_credentials;
    std::unique_ptr<GatewayClient> m_client;
    std::unique_ptr<AliasPasswordReader> m_aliasReader;
    std::unique_ptr<SignalWatcher> m_signals;
    bool m_interrupted = false;
    ObservedState m_observed;
    QHash<QString, QString> m_passwords;
    Plan m_plan;
};

int runSync(Mode mode, const QStringList &arguments, CliIo &io)
{
    CommandSpec spec;
    spec.acceptsYes = mode == Mode::Apply;
    spec.valueOptions = {QStringLiteral("--timeout")};
    if (mode == Mode::Apply)
        spec.valueOptions << QStringLiteral("--confirm-production");
    if (mode != Mode::Pull)
        spec.flags = {QStringLiteral("--delete-unmanaged-aliases")};
    const CommonOptionsResult parsed = parseCommonOptions(modeName(mode), arguments, spec);
    if (!parsed.options) {
        io.err << parsed.error << "\n";
        return 1;
    }
    if (parsed.options->help) {
        io.out << helpText(mode);
        return 0;
    }
    QString error;
    const auto loaded = loadWorkspace(*parsed.options, &error);
    if (!loaded) {
        io.err << "gatewright " << modeName(mode) << ": " << error << "\n";
        return 1;
    }
    SyncRun run(mode, *parsed.options, *loaded, io);
    return run.exec();
}

} // namespace

QList<CliCommand> syncCommands()
{
    return {
        CliCommand{QStringLiteral("pull"), QStringLiteral("pull --workspace FILE --env NAME [--json]"),
                   QStringLiteral("show what an environment's gateway holds (APIs, policies, aliases)"),
                   [](const QStringList &arguments, CliIo &io) { return runSync(Mode::Pull, arguments, io); }},
        CliCommand{QStringLiteral("plan"), QStringLiteral("plan --workspace FILE --env NAME [--json]"),
                   QStringLiteral("show the changes apply would make (exit 2 when there are some)"),
                   [](const QStringList &arguments, CliIo &io) { return runSync(Mode::Plan, arguments, io); }},
        CliCommand{QStringLiteral("apply"), QStringLiteral("apply --workspace FILE --env NAME [--yes] [--json]"),
                   QStringLiteral("push the workspace to the gateway, rolling back on failure"),
                   [](const QStringList &arguments, CliIo &io) { return runSync(Mode::Apply, arguments, io); }},
    };
}

} // namespace gw::cli
