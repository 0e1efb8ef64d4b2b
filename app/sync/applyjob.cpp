// SPDX-License-Identifier: GPL-3.0-or-later
#include "applyjob.h"

#include "net/gatewayclient.h"
#include "net/gatewayjson.h"
#include "synclogging.h"

#include <QJsonArray>
#include <QUrl>

namespace gw {

using Action = PlanStep::Action;
using Role = PlanStep::Role;
using Method = GatewayJob::Method;

static QString segment(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QString ApplyResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::NothingToDo:
        return QStringLiteral("nothing-to-do");
    case Outcome::Applied:
        return QStringLiteral("applied");
    case Outcome::RolledBack:
        return QStringLiteral("rolled-back");
    case Outcome::RollbackIncomplete:
        return QStringLiteral("rollback-incomplete");
    case Outcome::NotStarted:
        return QStringLiteral("not-started");
    }
    return {};
}

static QString statusText(ApplyStepReport::Status status)
{
    switch (status) {
    case ApplyStepReport::Status::NotRun:
        return QStringLiteral("not run");
    case ApplyStepReport::Status::Done:
        return QStringLiteral("done");
    case ApplyStepReport::Status::Failed:
        return QStringLiteral("FAILED");
    case ApplyStepReport::Status::Undone:
        return QStringLiteral("done, then undone");
    case ApplyStepReport::Status::UndoFailed:
        return QStringLiteral("done, UNDO FAILED");
    case ApplyStepReport::Status::NotUndoable:
        return QStringLiteral("done, NOT UNDOABLE");
    }
    return {};
}

QString ApplyResult::report() const
{
    QString text;
    switch (outcome) {
    case Outcome::NothingToDo:
        return QStringLiteral("Nothing to apply: the gateway of environment \"%1\" already matches the workspace.\n")
            .arg(environment);
    case Outcome::NotStarted:
        return QStringLiteral("Nothing was sent to the gateway of environment \"%1\": %2\n").arg(environment, failure);
    case Outcome::Applied:
        text = QStringLiteral("Applied all %1 steps to environment \"%2\".\n").arg(total).arg(environment);
        break;
    case Outcome::RolledBack:
    case Outcome::RollbackIncomplete:
        if (!interruption.isEmpty())
            text = QStringLiteral("Apply to environment \"%1\" interrupted (%2) after step %3 of %4.\n")
                       .arg(environment, interruption)
                       .arg(completed)
                       .arg(total);
        else if (cancelled)
            text = QStringLiteral("Apply to environment \"%1\" cancelled after step %2 of %3.\n")
                       .arg(environment)
                       .arg(completed)
                       .arg(total);
        else
            text = QStringLiteral("Step %1 of %2 failed: %3\n  %4\n")
                       .arg(failedStep)
                       .arg(total)
                       .arg(steps.value(failedStep - 1).text, failure);
        if (outcome == Outcome::RolledBack)
            text += QStringLiteral("Rolled back the %1 completed step%2 (%3 request%4): the gateway is as it was "
                                   "before the apply.\n")
                        .arg(completed)
                        .arg(completed == 1 ? QString() : QStringLiteral("s"))
                        .arg(undoRequests)
                        .arg(undoRequests == 1 ? QString() : QStringLiteral("s"));
        else
            text +=
                QStringLiteral("The rollback did not complete; the gateway is left partly changed:\n  %1\nRetry the "
                               "rollback once the gateway answers, or pull and plan again. Undo errors:\n  %2\n")
                    .arg(leftStates().join(QStringLiteral("\n  ")), rollbackErrors.join(QStringLiteral("\n  ")));
        break;
    }
    for (const ApplyStepReport &step : steps)
        text += QStringLiteral("  %1. [%2] %3\n").arg(step.number, 3).arg(statusText(step.status), step.text);
    return text;
}

QStringList ApplyResult::leftStates() const
{
    QStringList states;
    for (const ApplyStepReport &step : steps) {
        if ((step.status == ApplyStepReport::Status::UndoFailed || step.status == ApplyStepReport::Status::Failed ||
             step.status == ApplyStepReport::Status::NotUndoable) &&
            !step.leftState.isEmpty() && !states.contains(step.leftState))
            states << step.leftState;
    }
    return states;
}

QJsonObject ApplyResult::toJson() const
{
    QJsonArray stepArray;
    for (const ApplyStepReport &step : steps) {
        QJsonObject object{{QStringLiteral("number"), step.number},
                           {QStringLiteral("text"), step.text},
                           {QStringLiteral("status"), statusText(step.status)}};
        if (!step.message.isEmpty())
            object.insert(QStringLiteral("message"), step.message);
        if (!step.leftState.isEmpty())
            object.insert(QStringLiteral("leftState"), step.leftState);
        stepArray.append(object);
    }
    QJsonObject object{{QStringLiteral("environment"), environment}, {QStringLiteral("outcome"), outcomeName(outcome)},
                       {QStringLiteral("cancelled"), cancelled},     {QStringLiteral("total"), total},
                       {QStringLiteral("completed"), completed},     {QStringLiteral("steps"), stepArray}};
    if (!interruption.isEmpty())
        object.insert(QStringLiteral("interrupted"), interruption);
    if (failedStep > 0)
        object.insert(QStringLiteral("failedStep"), failedStep);
    if (!failure.isEmpty())
        object.insert(QStringLiteral("failure"), failure);
    if (!rollbackErrors.isEmpty())
        object.insert(QStringLiteral("rollbackErrors"), QJsonArray::fromStringList(rollbackErrors));
    if (const QStringList left = leftStates(); !left.isEmpty())
        object.insert(QStringLiteral("leftChanged"), QJsonArray::fromStringList(left));
    if (rollbackAttempts > 1)
        object.insert(QStringLiteral("rollbackAttempts"), rollbackAttempts);
    return object;
}

QStringList ApplyJob::aliasesNeedingPasswords(const Plan &plan)
{
    QStringList names;
    for (const PlanStep &step : plan.steps) {
        if ((step.action == Action::CreateAlias || step.action == Action::UpdateAlias) &&
            step.alias.type == Alias::Type::HttpTransportSecurity && !names.contains(step.target))
            names << step.target;
    }
    return names;
}

ApplyJob::ApplyJob(GatewayClient *client, Plan plan, ObservedState observed, QHash<QString, QString> aliasPasswords,
                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_passwords(std::move(aliasPasswords))
{
    qRegisterMetaType<gw::ApplyResult>();
    for (const ObservedProxy &proxy : std::as_const(observed.proxies)) {
        ProxyIds ids;
        ids.apiId = proxy.apiId;
        ids.policyId = proxy.policyId;
        ids.inboundId = ids.observedInboundId = proxy.inboundActionId;
        ids.routingId = proxy.routingActionId;
        ids.outboundId = ids.observedOutboundId = proxy.outboundActionId;
        m_proxies.insert(proxy.key(), ids);
    }
    m_result.environment = m_plan.environment;
    m_result.total = int(m_plan.steps.size());
    for (qsizetype i = 0; i < m_plan.steps.size(); ++i)
        m_result.steps << ApplyStepReport{
            int(i + 1), m_plan.steps.at(i).text(), ApplyStepReport::Status::NotRun, {}, {}};
}

ApplyJob::~ApplyJob()
{
    m_passwords.clear();
}

void ApplyJob::start()
{
    if (m_plan.steps.isEmpty()) {
        m_result.outcome = ApplyResult::Outcome::NothingToDo;
        QMetaObject::invokeMethod(this, &ApplyJob::finish, Qt::QueuedConnection);
        return;
    }
    QStringList missing;
    for (const QString &name : aliasesNeedingPasswords(m_plan)) {
        if (m_passwords.value(name).isEmpty())
            missing << name;
    }
    if (!missing.isEmpty()) {
        m_result.outcome = ApplyResult::Outcome::NotStarted;
        m_result.failure = QStringLiteral("no password for alias %1. Store it in the keychain for this environment, "
                                          "or set GATEWRIGHT_ALIAS_PASSWORD_<ALIAS NAME> for a headless run.")
                               .arg(missing.join(QStringLiteral(", ")));
        QMetaObject::invokeMethod(this, &ApplyJob::finish, Qt::QueuedConnection);
        return;
    }
    qCInfo(lcSync).noquote() << "apply" << m_plan.steps.size() << "steps to" << m_plan.environment;
    QMetaObject::invokeMethod(this, &ApplyJob::runNext, Qt::QueuedConnection);
}

void ApplyJob::cancel()
{
    m_cancelRequested = true;
}

void ApplyJob::interrupt(const QString &why)
{
    if (m_finished || m_rollingBack || m_cancelRequested)
        return; // a rollback, once begun, is seen through: stopping it would leave the gateway half-changed
    qCInfo(lcSync).noquote() << "apply interrupted:" << why;
    m_result.interruption = why;
    cancel();
}

void ApplyJob::runNext()
{
    if (m_finished || m_rollingBack)
        return;
    if (m_cancelRequested) {
        m_result.cancelled = true;
        rollBack();
        return;
    }
    if (m_index >= m_plan.steps.size()) {
        m_result.outcome = ApplyResult::Outcome::Applied;
        finish();
        return;
    }
    const PlanStep &step = m_plan.steps.at(m_index);
    Q_EMIT progress(int(m_index + 1), int(m_plan.steps.size()), step.text());
    runStep(step);
}

void ApplyJob::call(GatewayJob *job, Ok ok)
{
    m_current = job;
    connect(job, &GatewayJob::finished, this, [this, ok = std::move(ok)](const GatewayResult &result) {
        m_current = nullptr;
        if (!result.ok()) {
            stepFailed(result.message);
            return;
        }
        ok(result);
    });
}

void ApplyJob::createCall(GatewayJob *job, const QString &what, Finder find, Register registerUndo, Ok ok)
{
    m_current = job;
    connect(job, &GatewayJob::finished, this,
            [this, what, find = std::move(find), registerUndo = std::move(registerUndo),
             ok = std::move(ok)](const GatewayResult &result) {
                m_current = nullptr;
                if (result.ok())
                    return ok(result);
                if (result.error != GatewayResult::ErrorKind::Network &&
                    result.error != GatewayResult::ErrorKind::Timeout)
                    return stepFailed(result.message);
                // The request may have reached the gateway and only its answer been lost.
                const QString lost = result.message;
                find([this, what, lost, registerUndo](const QStringList &ids, const QString &error) {
                    if (!error.isEmpty()) {
                        return stepFailed(QStringLiteral("%1 Looking the %2 up by name failed too (%3): the gateway "
                                                         "may hold it; check before the next apply.")
                                              .arg(lost, what, error));
                    }
                    if (ids.isEmpty()) {
                        return stepFailed(QStringLiteral("%1 The gateway holds no %2 (looked up by name): the request "
                                                         "did not take effect.")
                                              .arg(lost, what));
                    }
                    if (ids.size() > 1) {
                        return stepFailed(QStringLiteral("%1 The gateway holds %2 objects that could be the %3 (ids "
                                                         "%4); the rollback leaves them: remove the one this apply "
                                                         "made.")
                                              .arg(lost)
                                              .arg(ids.size())
                                              .arg(what, ids.join(QStringLiteral(", "))));
                    }
                    registerUndo(ids.first());
                    stepFailed(QStringLiteral("%1 The gateway made the %2 anyway (id %3, found by name); the rollback "
                                              "removes it.")
                                   .arg(lost, what, ids.first()));
                });
            });
}

void ApplyJob::findIn(GatewayJob *job, const char *envelope,
                      std::function<QStringList(const QList<QJsonObject> &)> pick, Found found)
{
    m_current = job;
    connect(job, &GatewayJob::finished, this,
            [this, envelope, pick = std::move(pick), found = std::move(found)](const GatewayResult &result) {
                m_current = nullptr;
                if (!result.ok())
                    return found({}, result.message);
                QString error;
                const auto items = GatewayJson::readList(result.json, envelope, &error);
                if (!items)
                    return found({}, unexpected(result, error));
                found(pick(*items), {});
            });
}

ApplyJob::Finder ApplyJob::aliasFinder(const QString &name)
{
    return [this, name](Found found) {
        findIn(
            m_client->listAliases(), "alias",
            [name](const QList<QJsonObject> &aliases) {
                QStringList ids;
                for (const QJsonObject &alias : aliases) {
                    if (alias.value(QLatin1String("name")).toString() == name)
                        ids << alias.value(QLatin1String("id")).toString();
                }
                return ids;
            },
            std::move(found));
    };
}

ApplyJob::Finder ApplyJob::apiFinder(const QString &name, const QString &version)
{
    return [this, name, version](Found found) {
        GatewayJob *job = m_client->listApis();
        m_current = job;
        connect(job, &GatewayJob::finished, this, [this, name, version, found](const GatewayResult &result) {
            m_current = nullptr;
            if (!result.ok())
                return found({}, result.message);
            QString error;
            const QList<GatewayJson::ApiSummary> apis = GatewayJson::apiList(result.json, &error);
            if (!error.isEmpty())
                return found({}, unexpected(result, error));
            QStringList ids;
            for (const GatewayJson::ApiSummary &api : apis) {
                if (api.name == name && api.version == version)
                    ids << api.id;
            }
            found(ids, {});
        });
    };
}

ApplyJob::Finder ApplyJob::actionFinder(const QJsonObject &sent)
{
    // An action has no name of its own, and two proxies sharing an alias hold identical ones: the one a lost
    // create made is an action equal to what was sent that no policy enforces.
    return [this, sent](Found found) {
        const auto enforced = [](const QList<QJsonObject> &policies) {
            QStringList ids;
            for (const QJsonObject &policy : policies) {
                for (const GatewayJson::Enforcement &enforcement : GatewayJson::enforcements(policy))
                    ids << enforcement.actionId;
            }
            return ids;
        };
        findIn(m_client->get(QStringLiteral("/policies")), "policy", enforced,
               [this, sent, found](const QStringList &enforcedIds, const QString &error) {
                   if (!error.isEmpty())
                       return found({}, error);
                   const auto same = [sent, enforcedIds](const QList<QJsonObject> &actions) {
                       QStringList ids;
                       for (const QJsonObject &action : actions) {
                           const QString id = action.value(QLatin1String("id")).toString();
                           bool equal = !enforcedIds.contains(id);
                           for (const char *field : {"templateKey", "names", "parameters"})
                               equal = equal && action.value(QLatin1String(field)) == sent.value(QLatin1String(field));
                           if (equal)
                               ids << id;
                       }
                       return ids;
                   };
                   findIn(m_client->get(QStringLiteral("/policyActions")), "policyAction", same, found);
               });
    };
}

ApplyJob::Undo ApplyJob::deleteAliasUndo(const QString &id, const QString &name) const
{
    return Undo{Method::Delete,
                QStringLiteral("/alias/") + segment(id),
                std::nullopt,
                QStringLiteral("delete alias %1").arg(name),
                {404},
                Undo::Kind::Plain,
                {},
                0};
}

ApplyJob::Undo ApplyJob::deleteApiUndo(const QString &id, const QString &key) const
{
    return Undo{Method::Delete,
                apiPath(id),
                std::nullopt,
                QStringLiteral("delete API %1").arg(key),
                {404},
                Undo::Kind::DeleteCreatedApi,
                key,
                0};
}

ApplyJob::Undo ApplyJob::deleteActionUndo(const QString &id, const QString &key) const
{
    const bool created = m_proxies.value(key).created;
    return Undo{Method::Delete,
                QStringLiteral("/policyActions/") + segment(id),
                std::nullopt,
                QStringLiteral("delete policy action %1 of %2").arg(id, key),
                {404},
                created ? Undo::Kind::DeleteActionOfCreatedApi : Undo::Kind::Plain,
                key,
                0};
}

QString ApplyJob::unexpected(const GatewayResult &result, const QString &error) const
{
    return QStringLiteral("%1 %2 answered with a shape the API Gateway does not send (%3); nothing was written from "
                          "it, since a write based on what could not be read would drop what the gateway holds.")
        .arg(result.method, result.path, error);
}

std::optional<QJsonObject> ApplyJob::readBefore(const GatewayResult &result, const char *envelope)
{
    QString error;
    std::optional<QJsonObject> before = GatewayJson::readObject(result.json, envelope, &error);
    if (!before)
        stepFailed(unexpected(result, error));
    return before;
}

void ApplyJob::addUndo(Undo undo)
{
    undo.step = int(m_index + 1);
    m_undos << undo;
}

bool ApplyJob::markIfMasked(const QJsonObject &before, const QString &alias)
{
    const QString stored =
        before.value(QLatin1String("httpAuthCredentials")).toObject().value(QLatin1String("password")).toString();
    if (stored.isEmpty() || stored.count(QLatin1Char('*')) != stored.size())
        return false;
    m_notUndoable.insert(int(m_index + 1), maskedPasswordReason(alias));
    return true;
}

QString ApplyJob::apiPath(const QString &apiId) const
{
    return QStringLiteral("/apis/") + segment(apiId);
}

void ApplyJob::stepDone()
{
    m_result.steps[m_index].status = ApplyStepReport::Status::Done;
    ++m_result.completed;
    ++m_index;
    runNext();
}

void ApplyJob::stepFailed(const QString &message)
{
    m_result.steps[m_index].status = ApplyStepReport::Status::Failed;
    m_result.steps[m_index].message = message;
    m_result.failedStep = int(m_index + 1);
    m_result.failure = message;
    qCInfo(lcSync).noquote() << "step" << m_index + 1 << "failed:" << message;
    rollBack();
}

static QString roleStage(Role role)
{
    return role == Role::Inbound ? QStringLiteral("IAM") : QStringLiteral("routing");
}

static QJsonObject actionFor(const PlanStep &step, const QJsonObject &before)
{
    switch (step.role) {
    case Role::Inbound:
        return GatewayJson::inboundAction(step.proxy.inbound, before);
    case Role::Routing:
        return GatewayJson::routingAction(step.proxy.routingEndpoint, before);
    case Role::Outbound:
    case Role::None:
        break;
    }
    return GatewayJson::outboundAction(step.proxy.outbound, before);
}

void ApplyJob::createAction(const PlanStep &step, ProxyIds &ids, QString *slot)
{
    const QString key = step.target;
    const QJsonObject action = actionFor(step, {});
    createCall(
        m_client->createPolicyAction(action), QStringLiteral("policy action for %1").arg(key), actionFinder(action),
        [this, key](const QString &id) { addUndo(deleteActionUndo(id, key)); },
        [this, key, slot](const GatewayResult &result) {
            const QString id = GatewayJson::policyActionObject(result.json).value(QLatin1String("id")).toString();
            if (id.isEmpty()) {
                stepFailed(QStringLiteral("The gateway created a policy action for %1 but returned no id.").arg(key));
                return;
            }
            *slot = id;
            addUndo(deleteActionUndo(id, key));
            stepDone();
        });
    Q_UNUSED(ids);
}

void ApplyJob::runStep(const PlanStep &step)
{
    const auto encoding = m_client->environment().aliasPasswordEncoding;
    const QString key = step.target;
    switch (step.action) {
    case Action::CreateAlias: {
        const QJsonObject body = GatewayJson::aliasBody(step.alias, m_passwords.value(step.target), encoding);
        const QString name = step.alias.name;
        createCall(
            m_client->createAlias(body), QStringLiteral("alias %1").arg(key), aliasFinder(name),
            [this, key](const QString &id) { addUndo(deleteAliasUndo(id, key)); },
            [this, key](const GatewayResult &result) {
                const QString id = GatewayJson::aliasObject(result.json).value(QLatin1String("id")).toString();
                if (id.isEmpty())
                    return stepFailed(QStringLiteral("The gateway created alias %1 but returned no id.").arg(key));
                addUndo(deleteAliasUndo(id, key));
                stepDone();
            });
        return;
    }
    case Action::UpdateAlias: {
        const QString id = step.gatewayId;
        const Alias alias = step.alias;
        call(m_client->getAlias(id), [this, id, alias, key, encoding](const GatewayResult &result) {
            const auto read = readBefore(result, "alias");
            if (!read)
                return;
            QJsonObject before = *read;
            const QJsonObject body = GatewayJson::aliasBody(alias, m_passwords.value(key), encoding, before);
            before.remove(QStringLiteral("id"));
            // A masked before-image is never written back: it would set the password to the mask.
            if (markIfMasked(before, key))
                return call(m_client->updateAlias(id, body), [this](const GatewayResult &) { stepDone(); });
            // Restoring the before-image is harmless if the update never happened, so it is registered
            // first: a timed-out PUT is undone too.
            addUndo(Undo{Method::Put,
                         QStringLiteral("/alias/") + segment(id),
                         before,
                         QStringLiteral("restore alias %1").arg(key),
                         {},
                         Undo::Kind::Plain,
                         {},
                         0});
            call(m_client->updateAlias(id, body), [this](const GatewayResult &) { stepDone(); });
        });
        return;
    }
    case Action::DeleteAlias: {
        const QString id = step.gatewayId;
        call(m_client->getAlias(id), [this, id, key](const GatewayResult &result) {
            const auto read = readBefore(result, "alias");
            if (!read)
                return;
            QJsonObject before = *read;
            before.remove(QStringLiteral("id"));
            const bool masked = markIfMasked(before, key);
            call(m_client->deleteAlias(id), [this, before, key, masked](const GatewayResult &) {
                if (masked)
                    return stepDone();
                addUndo(Undo{Method::Post,
                             QStringLiteral("/alias"),
                             before,
                             QStringLiteral("re-create alias %1").arg(key),
                             {},
                             Undo::Kind::Plain,
                             {},
                             0});
                stepDone();
            });
        });
        return;
    }
    case Action::CreateApi: {
        const auto created = [this, key](const QString &apiId, const QString &policyId) {
            ProxyIds &ids = m_proxies[key];
            ids = ProxyIds{};
            ids.apiId = apiId;
            ids.policyId = policyId;
            ids.created = true;
            addUndo(deleteApiUndo(apiId, key));
        };
        createCall(
            m_client->createApi(GatewayJson::createApiBody(step.proxy)), QStringLiteral("API %1").arg(key),
            apiFinder(step.proxy.name, step.proxy.version), [created](const QString &id) { created(id, {}); },
            [this, key, created](const GatewayResult &result) {
                QString error;
                const auto details = GatewayJson::apiDetails(result.json, &error);
                if (!details)
                    return stepFailed(
                        QStringLiteral("The gateway created API %1 but its answer is unusable: %2").arg(key, error));
                created(details->id, details->policyId);
                const ProxyIds &ids = m_proxies[key];
                if (ids.policyId.isEmpty())
                    return stepDone();
                // The new API's default policy already holds a straight-through routing action: find it
                // so the routing step rewrites it instead of adding a second one.
                call(m_client->getPolicy(ids.policyId), [this, key](const GatewayResult &policyResult) {
                    const auto policy = readBefore(policyResult, "policy");
                    if (!policy)
                        return;
                    QStringList actionIds;
                    for (const auto &enforcement : GatewayJson::enforcements(*policy))
                        actionIds << enforcement.actionId;
                    if (actionIds.isEmpty())
                        return stepDone();
                    call(m_client->getPolicyActions(actionIds), [this, key](const GatewayResult &actionsResult) {
                        QString error;
                        const auto actions = GatewayJson::readList(actionsResult.json, "policyAction", &error);
                        if (!actions)
                            return stepFailed(unexpected(actionsResult, error));
                        for (const QJsonObject &action : *actions) {
                            if (action.value(QLatin1String("templateKey")).toString() ==
                                QLatin1String("straightThroughRouting"))
                                m_proxies[key].routingId = action.value(QLatin1String("id")).toString();
                        }
                        stepDone();
                    });
                });
            });
        return;
    }
    case Action::DeactivateApi:
    case Action::ActivateApi: {
        ProxyIds &ids = m_proxies[key];
        const bool activate = step.action == Action::ActivateApi;
        const QString path =
            apiPath(ids.apiId) + (activate ? QStringLiteral("/deactivate") : QStringLiteral("/activate"));
        // Registered before the request: flipping back is harmless when the flip did not happen
        // (the gateway answers 400 "already in that state", which the rollback accepts).
        addUndo(Undo{
            Method::Put,
            path,
            std::nullopt,
            QStringLiteral("%1 API %2").arg(activate ? QStringLiteral("deactivate") : QStringLiteral("activate"), key),
            {400},
            Undo::Kind::Plain,
            key,
            0});
        call(activate ? m_client->activateApi(ids.apiId) : m_client->deactivateApi(ids.apiId),
             [this](const GatewayResult &) { stepDone(); });
        return;
    }
    case Action::CreatePolicyAction: {
        ProxyIds &ids = m_proxies[key];
        QString *slot = step.role == Role::Inbound   ? &ids.inboundId
                        : step.role == Role::Routing ? &ids.routingId
                                                     : &ids.outboundId;
        createAction(step, ids, slot);
        return;
    }
    case Action::UpdatePolicyAction: {
        ProxyIds &ids = m_proxies[key];
        QString *slot = step.role == Role::Inbound   ? &ids.inboundId
                        : step.role == Role::Routing ? &ids.routingId
                                                     : &ids.outboundId;
        const QString id = step.gatewayId.isEmpty() ? *slot : step.gatewayId;
        if (id.isEmpty()) {
            createAction(step, ids, slot); // a new API whose gateway made no default routing action
            return;
        }
        const bool created = ids.created;
        call(m_client->getPolicyAction(id), [this, step, id, key, created](const GatewayResult &result) {
            const auto read = readBefore(result, "policyAction");
            if (!read)
                return;
            const QJsonObject before = *read;
            addUndo(Undo{Method::Put,
                         QStringLiteral("/policyActions/") + segment(id),
                         QJsonObject{{QStringLiteral("policyAction"), before}},
                         QStringLiteral("restore policy action %1 of %2").arg(id, key),
                         {},
                         created ? Undo::Kind::RestoreInCreatedApi : Undo::Kind::Plain,
                         key,
                         0});
            call(m_client->updatePolicyAction(id, actionFor(step, before)),
                 [this](const GatewayResult &) { stepDone(); });
        });
        return;
    }
    case Action::UpdatePolicy: {
        const ProxyIds ids = m_proxies.value(key);
        const GatewayProxy desired = step.proxy;
        call(m_client->getPolicy(ids.policyId), [this, ids, desired, key](const GatewayResult &result) {
            const auto read = readBefore(result, "policy");
            if (!read)
                return;
            const QJsonObject before = *read;
            QStringList remove;
            QList<GatewayJson::Enforcement> add;
            const bool wantInbound = desired.inbound.kind != InboundAuth::Kind::None;
            const bool wantOutbound =
                desired.outbound.kind == OutboundAuth::Kind::Alias && !desired.outbound.alias.isEmpty();
            if (!wantInbound && !ids.inboundId.isEmpty())
                remove << ids.inboundId;
            if (!wantOutbound && !ids.outboundId.isEmpty())
                remove << ids.outboundId;
            if (wantInbound && !ids.inboundId.isEmpty())
                add << GatewayJson::Enforcement{roleStage(Role::Inbound), ids.inboundId};
            if (!ids.routingId.isEmpty())
                add << GatewayJson::Enforcement{roleStage(Role::Routing), ids.routingId};
            if (wantOutbound && !ids.outboundId.isEmpty())
                add << GatewayJson::Enforcement{roleStage(Role::Outbound), ids.outboundId};
            const QJsonObject after = GatewayJson::policyWithEnforcements(before, remove, add);
            addUndo(Undo{Method::Put,
                         QStringLiteral("/policies/") + segment(ids.policyId),
                         QJsonObject{{QStringLiteral("policy"), before}},
                         QStringLiteral("restore the policy of %1").arg(key),
                         {},
                         ids.created ? Undo::Kind::RestoreInCreatedApi : Undo::Kind::Plain,
                         key,
                         0});
            call(m_client->updatePolicy(ids.policyId, after), [this](const GatewayResult &) { stepDone(); });
        });
        return;
    }
    }
}

void ApplyJob::rollBack()
{
    m_rollingBack = true;
    // Objects inside an API this apply created go away with it: its policy and actions need no
    // restoring, and its own new actions are deleted right after it.
    QHash<QString, QList<Undo>> deferred;
    m_rollback.clear();
    for (auto it = m_undos.crbegin(); it != m_undos.crend(); ++it) {
        switch (it->kind) {
        case Undo::Kind::RestoreInCreatedApi:
            break;
        case Undo::Kind::DeleteActionOfCreatedApi:
            deferred[it->apiKey] << *it;
            break;
        case Undo::Kind::DeleteCreatedApi:
            m_rollback << *it;
            m_rollback << deferred.take(it->apiKey);
            break;
        case Undo::Kind::Plain:
            m_rollback << *it;
            break;
        }
    }
    for (const QList<Undo> &rest : std::as_const(deferred))
        m_rollback << rest;
    m_undoIndex = 0;
    m_failedUndos.clear();
    ++m_result.rollbackAttempts;
    qCInfo(lcSync).noquote() << "rolling back" << m_result.completed << "steps with" << m_rollback.size() << "requests";
    runUndo();
}

void ApplyJob::runUndo()
{
    if (m_undoIndex >= m_rollback.size()) {
        bool kept = false;
        for (ApplyStepReport &step : m_result.steps) {
            kept = kept || step.status == ApplyStepReport::Status::NotUndoable;
            if (step.status != ApplyStepReport::Status::Done)
                continue;
            if (const QString reason = m_notUndoable.value(step.number); !reason.isEmpty()) {
                step.status = ApplyStepReport::Status::NotUndoable;
                step.message = reason;
                step.leftState = m_plan.steps.value(step.number - 1).leftStateText() + QStringLiteral(": ") + reason;
                kept = true;
            } else {
                step.status = ApplyStepReport::Status::Undone;
            }
        }
        m_result.outcome = m_result.rollbackErrors.isEmpty() && !kept ? ApplyResult::Outcome::RolledBack
                                                                      : ApplyResult::Outcome::RollbackIncomplete;
        finish();
        return;
    }
    const Undo undo = m_rollback.at(m_undoIndex);
    Q_EMIT rollbackProgress(int(m_undoIndex + 1), int(m_rollback.size()), undo.text);
    GatewayJob *job = nullptr;
    switch (undo.method) {
    case Method::Get:
        job = m_client->get(undo.path);
        break;
    case Method::Post:
        job = m_client->post(undo.path, undo.body.value_or(QJsonObject()));
        break;
    case Method::Put:
        job = m_client->put(undo.path, undo.body);
        break;
    case Method::Delete:
        job = m_client->remove(undo.path);
        break;
    }
    connect(job, &GatewayJob::finished, this, [this, undo](const GatewayResult &result) {
        ++m_result.undoRequests;
        if (!result.ok() &&
            !(result.error == GatewayResult::ErrorKind::Http && undo.toleratedStatuses.contains(result.httpStatus))) {
            m_result.rollbackErrors << undo.text + QStringLiteral(": ") + result.message;
            m_failedUndos << undo;
            if (undo.step > 0 && undo.step <= m_result.steps.size()) {
                ApplyStepReport &report = m_result.steps[undo.step - 1];
                const PlanStep planStep = m_plan.steps.value(undo.step - 1);
                if (report.status == ApplyStepReport::Status::Failed) {
                    // The step that failed without an answer: the gateway may or may not have made the change.
                    report.leftState = QStringLiteral("unknown whether \"%1\" took effect (the gateway did not "
                                                      "answer it)")
                                           .arg(planStep.text());
                } else {
                    report.status = ApplyStepReport::Status::UndoFailed;
                    report.leftState = planStep.leftStateText();
                }
            }
        }
        ++m_undoIndex;
        runUndo();
    });
}

void ApplyJob::retryRollback()
{
    if (!canRetryRollback())
        return;
    m_finished = false;
    m_rollback = m_failedUndos;
    m_failedUndos.clear();
    m_result.rollbackErrors.clear();
    ++m_result.rollbackAttempts;
    // Steps whose undo failed count as done (still applied) until their undo succeeds this time.
    for (ApplyStepReport &step : m_result.steps) {
        if (step.status == ApplyStepReport::Status::UndoFailed)
            step.status = ApplyStepReport::Status::Done;
        if (step.status != ApplyStepReport::Status::NotUndoable) // no retry changes those
            step.leftState.clear();
    }
    m_undoIndex = 0;
    qCInfo(lcSync).noquote() << "retrying" << m_rollback.size() << "undo requests";
    runUndo();
}

void ApplyJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_passwords.clear();
    qCInfo(lcSync).noquote() << "apply to" << m_result.environment
                             << "ended:" << ApplyResult::outcomeName(m_result.outcome);
    Q_EMIT finished(m_result);
}

} // namespace gw
