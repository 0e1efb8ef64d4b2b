// SPDX-License-Identifier: GPL-3.0-or-later
#include "exposewizard.h"

#include "advisor.h"
#include "commands/replaceworkspacecommand.h"
#include "secrets/secretkey.h"
#include "secrets/secretstore.h"
#include "services.h"
#include "sync/accesscheck.h"
#include "sync/exposeflow.h"
#include "sync/tenantreader.h"
#include "syncformat.h"
#include "ui_exposeinboundpage.h"
#include "ui_exposeintegrationpage.h"
#include "ui_exposeoutboundpage.h"
#include "ui_exposereviewpage.h"
#include "ui_exposeverifypage.h"
#include "widgets/tones.h"
#include "workspacedocument.h"

#include <QAbstractButton>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>

namespace gw {

namespace {

/// A wizard page whose completeness and entry are the wizard's to decide.
class ExposeStepPage : public QWizardPage
{
public:
    ExposeStepPage(const QString &title, const QString &subTitle, QWidget *content)
    {
        setTitle(title);
        setSubTitle(subTitle);
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(content);
    }
    std::function<bool()> complete;
    std::function<void()> enter;
    void changed() { Q_EMIT completeChanged(); }
    bool isComplete() const override { return complete ? complete() : true; }
    void initializePage() override
    {
        if (enter)
            enter();
    }
};

ExposeStepPage *stepPage(QWizard *wizard, int id)
{
    return static_cast<ExposeStepPage *>(wizard->page(id));
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

ExposeWizard::ExposeWizard(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWizard(parent)
    , m_services(services)
    , m_document(document)
    , m_base(document.workspace())
    , m_environment(document.currentEnvironment())
    , m_integrationUi(std::make_unique<Ui::ExposeIntegrationPage>())
    , m_inboundUi(std::make_unique<Ui::ExposeInboundPage>())
    , m_outboundUi(std::make_unique<Ui::ExposeOutboundPage>())
    , m_reviewUi(std::make_unique<Ui::ExposeReviewPage>())
    , m_verifyUi(std::make_unique<Ui::ExposeVerifyPage>())
{
    setObjectName(QStringLiteral("exposeWizard"));
    setWindowTitle(tr("Expose integration"));
    setOption(QWizard::NoBackButtonOnStartPage);
    resize(760, 560);
    if (m_services.network && m_services.secretProvider && m_services.sync)
        m_flow = std::make_unique<ExposeFlow>(m_services.network, m_services.secretProvider, m_services.sync);

    auto page = [this](int id, QWidget *content, const QString &title, const QString &subTitle) {
        auto *step = new ExposeStepPage(title, subTitle, content);
        setPage(id, step);
        return step;
    };
    auto *integrationContent = new QWidget;
    m_integrationUi->setupUi(integrationContent);
    auto *integration = page(IntegrationPageId, integrationContent, tr("Integration"),
                             tr("The .io integration to put behind the gateway, with OAuth 2.0 in front."));
    auto *inboundContent = new QWidget;
    m_inboundUi->setupUi(inboundContent);
    m_inboundUi->inboundProblem->setStyleSheet(toneStyle(Tone::Bad));
    auto *inbound = page(InboundPageId, inboundContent, tr("Inbound: OAuth 2.0"),
                         tr("What a caller's token must carry, and the proxy's name and version."));
    auto *outboundContent = new QWidget;
    m_outboundUi->setupUi(outboundContent);
    auto *outbound = page(OutboundPageId, outboundContent, tr("Outbound: the .io technical user"),
                          tr("The Basic credentials the gateway adds when it calls .io."));
    auto *reviewContent = new QWidget;
    m_reviewUi->setupUi(reviewContent);
    auto *review = page(ReviewPageId, reviewContent, tr("Review"),
                        tr("Nothing has changed yet. Next applies the plan to environment %1.").arg(m_environment));
    auto *verifyContent = new QWidget;
    m_verifyUi->setupUi(verifyContent);
    auto *verify = page(VerifyPageId, verifyContent, tr("Apply and verify"),
                        tr("The plan is applied (rolled back on a failure), then a token with the proxy's scopes "
                           "calls it."));
    // Next on the review page applies: say so on the button.
    connect(this, &QWizard::currentIdChanged, this,
            [this](int id) { setButtonText(QWizard::NextButton, id == ReviewPageId ? tr("&Apply") : tr("&Next >")); });

    for (const IoProject &project : std::as_const(m_base.projects))
        m_integrationUi->projectCombo->addItem(project.name);
    connect(m_integrationUi->projectCombo, &QComboBox::currentTextChanged, this, &ExposeWizard::fillIntegrations);
    connect(m_integrationUi->integrationCombo, &QComboBox::currentIndexChanged, this, [this, integration] {
        const QString name = currentIntegration();
        QStringList exposing;
        for (const GatewayProxy &proxy : std::as_const(m_base.proxies)) {
            if (proxy.project == currentProject() && proxy.integration == name)
                exposing << SyncFormat::proxyKey(proxy);
        }
        m_integrationUi->integrationHint->setText(
            exposing.isEmpty() ? tr("No proxy exposes %1 yet.").arg(name)
                               : tr("Already exposed by %1; another proxy can expose it with other scopes.")
                                     .arg(exposing.join(QStringLiteral(", "))));
        integration->changed();
    });
    integration->complete = [this] { return !currentProject().isEmpty() && !currentIntegration().isEmpty(); };
    fillIntegrations();
    const Environment *environment = m_base.environment(m_environment);
    const bool tenantReadable = environment && !environment->ioTenantUser.isEmpty() && m_services.network;
    m_integrationUi->readTenantButton->setEnabled(tenantReadable);
    if (!tenantReadable)
        m_integrationUi->readTenantButton->setToolTip(
            tr("Set the environment's .io tenant URL and tenant user (Environments page) to read the tenant."));
    connect(m_integrationUi->readTenantButton, &QPushButton::clicked, this, &ExposeWizard::readTenant);

    inbound->enter = [this] { enterInbound(); };
    inbound->complete = [this] { return Exposure::expose(m_base, request()).ok(); };
    for (QLineEdit *edit : {m_inboundUi->scopesEdit, m_inboundUi->nameEdit, m_inboundUi->versionEdit})
        connect(edit, &QLineEdit::textChanged, this, &ExposeWizard::validateInbound);

    outbound->enter = [this] { enterOutbound(); };
    outbound->complete = [this] {
        const Exposure::Request r = request();
        return Exposure::expose(m_base, r).ok() && (!r.newAlias || !m_outboundUi->passwordEdit->text().isEmpty());
    };
    connect(m_outboundUi->userCombo, &QComboBox::currentIndexChanged, this, &ExposeWizard::updateOutbound);
    connect(m_outboundUi->passwordEdit, &QLineEdit::textChanged, outbound, &ExposeStepPage::changed);

    review->enter = [this] { enterReview(); };
    review->complete = [this] {
        const Environment *environment = m_base.environment(m_environment);
        const bool confirmed =
            !environment || !environment->production || m_reviewUi->productionEdit->text() == m_environment;
        return m_planned && confirmed;
    };
    connect(m_reviewUi->productionEdit, &QLineEdit::textChanged, review, &ExposeStepPage::changed);

    verify->enter = [this] { enterVerify(); };
    verify->complete = [this] { return m_finished; };

    if (m_flow) {
        connect(m_flow.get(), &ExposeFlow::progress, this, &ExposeWizard::addProgress);
        connect(m_flow.get(), &ExposeFlow::planned, this, [this, review](const Plan &, const Plan &mine, int others) {
            if (m_verifying)
                return;
            m_planned = true;
            m_reviewUi->planView->setPlainText(mine.hasChanges() ? mine.toText()
                                                                 : tr("The gateway already holds this proxy "
                                                                      "as described: nothing to apply."));
            QString note = others > 0 ? tr("The plan also holds %n other step(s) from earlier workspace "
                                           "edits; Apply sends them too.",
                                           nullptr, others)
                                      : QString();
            m_reviewUi->reviewNote->setText(note);
            review->changed();
            Q_EMIT planned();
        });
        connect(m_flow.get(), &ExposeFlow::applied, this, &ExposeWizard::applied);
        connect(m_flow.get(), &ExposeFlow::verified, this, [this](const CallRecord &record) {
            m_call = record;
            const bool ok =
                record.diagnosis.isSuccess() && record.response.status >= 200 && record.response.status < 300;
            QString html = ok ? tr("<b style=\"%4\">Verified: HTTP %1</b> from %2 in %3 ms. The "
                                   "integration is exposed.")
                                    .arg(record.response.status)
                                    .arg(escaped(record.url))
                                    .arg(record.elapsedMs)
                                    .arg(toneStyle(Tone::Good))
                              : tr("<b style=\"%4\">Not verified: %1</b><br>%2<br><b>Fix:</b> %3")
                                    .arg(escaped(record.diagnosis.title), escaped(record.diagnosis.explanation),
                                         escaped(record.diagnosis.fix), toneStyle(Tone::Bad));
            if (!ok) {
                for (const QString &step : std::as_const(m_change.tenantSteps))
                    html += QStringLiteral("<br>") + tr("On .io: %1").arg(escaped(step));
                html += QStringLiteral("<br>") + tr("Use Back to correct the scopes or the user, then apply again.");
            }
            showResult(ok, html);
        });
        connect(m_flow.get(), &ExposeFlow::failed, this, [this](const QString &stage, const QString &message) {
            if (stage == QLatin1String("plan") && !m_verifying) {
                m_reviewUi->planView->setPlainText(tr("No plan: %1").arg(message));
                return;
            }
            showResult(false,
                       tr("<b style=\"%4\">%1 failed</b><br>%2<br>%3")
                           .arg(escaped(stage), escaped(message).replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                                stage == QLatin1String("apply")
                                    ? tr("The gateway is as it was. Use Back to correct, then apply again.")
                                    : tr("Use Back to correct, then apply again."),
                                toneStyle(Tone::Bad)));
        });
    }
}

ExposeWizard::~ExposeWizard() = default;

void ExposeWizard::preset(const QString &project, const QString &integration)
{
    m_integrationUi->projectCombo->setCurrentText(project);
    if (!integration.isEmpty()) {
        const int index = m_integrationUi->integrationCombo->findData(integration);
        if (index >= 0)
            m_integrationUi->integrationCombo->setCurrentIndex(index);
    }
}

void ExposeWizard::readTenant()
{
    const Environment *environment = m_base.environment(m_environment);
    if (!environment)
        return;
    m_integrationUi->readTenantButton->setEnabled(false);
    m_integrationUi->tenantStatus->setText(tr("Reading %1…").arg(environment->ioTenantUrl));
    readTenantOf(m_services.network, m_services.secretProvider, *environment, this,
                 [this](const TenantReadResult &result) {
                     m_integrationUi->readTenantButton->setEnabled(true);
                     if (!result.ok()) {
                         m_integrationUi->tenantStatus->setText(result.error);
                         return;
                     }
                     QStringList added;
                     m_base = Exposure::withTenantProjects(m_base, result.inventory->projects, &added);
                     m_tenantAdded << added;
                     const QString project = currentProject();
                     const QString integration = currentIntegration();
                     {
                         const QSignalBlocker blocker(m_integrationUi->projectCombo);
                         m_integrationUi->projectCombo->clear();
                         for (const IoProject &p : std::as_const(m_base.projects))
                             m_integrationUi->projectCombo->addItem(p.name);
                         m_integrationUi->projectCombo->setCurrentText(project);
                     }
                     fillIntegrations();
                     // Keep the person's choice unless it is already exposed: then the first new one is offered.
                     const bool exposed =
                         std::any_of(m_base.proxies.cbegin(), m_base.proxies.cend(), [&](const GatewayProxy &proxy) {
                             return proxy.project == project && proxy.integration == integration;
                         });
                     if (!exposed)
                         preset(project, integration);
                     m_integrationUi->tenantStatus->setText(
                         added.isEmpty()
                             ? tr("The workspace already knows everything the tenant shows.")
                             : tr("Added (part of this flow's undo step): %1").arg(added.join(QStringLiteral("; "))));
                     Q_EMIT tenantRead();
                 });
}

QString ExposeWizard::currentProject() const
{
    return m_integrationUi->projectCombo->currentText();
}

QString ExposeWizard::currentIntegration() const
{
    return m_integrationUi->integrationCombo->currentData().toString();
}

void ExposeWizard::fillIntegrations()
{
    const QSignalBlocker blocker(m_integrationUi->integrationCombo);
    m_integrationUi->integrationCombo->clear();
    const IoProject *project = m_base.project(currentProject());
    int firstUnexposed = -1;
    if (project) {
        for (const Integration &integration : project->integrations) {
            bool exposed = false;
            for (const GatewayProxy &proxy : std::as_const(m_base.proxies))
                exposed |= proxy.project == project->name && proxy.integration == integration.name;
            m_integrationUi->integrationCombo->addItem(
                exposed ? tr("%1 (exposed)").arg(integration.name) : integration.name, integration.name);
            if (!exposed && firstUnexposed < 0)
                firstUnexposed = m_integrationUi->integrationCombo->count() - 1;
        }
    }
    m_integrationUi->integrationCombo->setCurrentIndex(std::max(0, firstUnexposed));
    Q_EMIT m_integrationUi->integrationCombo->currentIndexChanged(m_integrationUi->integrationCombo->currentIndex());
}

Exposure::Request ExposeWizard::request() const
{
    Exposure::Request r = Exposure::requestFrom(currentProject(), currentIntegration(), m_suggestion);
    r.scopes = m_inboundUi->scopesEdit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    r.proxyName = m_inboundUi->nameEdit->text();
    r.version = m_inboundUi->versionEdit->text();
    return r;
}

void ExposeWizard::enterInbound()
{
    const QString key = currentProject() + QLatin1Char('/') + currentIntegration();
    if (key == m_suggestedFor)
        return validateInbound(); // keep what the person typed when they come back
    m_suggestedFor = key;
    m_suggestion = Exposure::suggest(m_base, currentProject(), currentIntegration());
    const QSignalBlocker a(m_inboundUi->scopesEdit), b(m_inboundUi->nameEdit), c(m_inboundUi->versionEdit);
    m_inboundUi->scopesEdit->setText(m_suggestion.scopes.join(QLatin1Char(' ')));
    m_inboundUi->nameEdit->setText(m_suggestion.proxyName);
    m_inboundUi->versionEdit->setText(m_suggestion.version);
    m_inboundUi->scopeReason->setText(m_suggestion.scopeReason);
    // The outbound page starts from the strategy's choice for this integration.
    const QSignalBlocker d(m_outboundUi->userCombo);
    m_outboundUi->userCombo->clear();
    validateInbound();
}

void ExposeWizard::validateInbound()
{
    const Exposure::Change change = Exposure::expose(m_base, request());
    m_inboundUi->inboundProblem->setText(change.errors.join(QLatin1Char('\n')));
    stepPage(this, InboundPageId)->changed();
}

void ExposeWizard::enterOutbound()
{
    if (m_outboundUi->userCombo->count() == 0) {
        const QSignalBlocker blocker(m_outboundUi->userCombo);
        const Exposure::Suggestion strategy = Exposure::suggest(m_base, currentProject(), currentIntegration());
        m_outboundUi->userCombo->addItem(strategy.newUser ? tr("%1 (new, suggested)").arg(strategy.user)
                                                          : tr("%1 (suggested)").arg(strategy.user),
                                         strategy.user);
        for (const TechnicalUser &user : std::as_const(m_base.technicalUsers)) {
            if (user.name != strategy.user)
                m_outboundUi->userCombo->addItem(user.name, user.name);
        }
        m_outboundUi->userCombo->setCurrentIndex(0);
    }
    updateOutbound();
}

void ExposeWizard::updateOutbound()
{
    const QString user = m_outboundUi->userCombo->currentData().toString();
    const QString project = currentProject();
    const Exposure::Suggestion strategy = Exposure::suggest(m_base, project, currentIntegration());
    const Exposure::Suggestion chosen =
        user == strategy.user ? strategy : Exposure::suggestForUser(m_base, project, currentIntegration(), user);
    // Inbound values stay as typed; only the outbound part follows the chosen user.
    m_suggestion.user = chosen.user;
    m_suggestion.alias = chosen.alias;
    m_suggestion.newUser = chosen.newUser;
    m_suggestion.newAlias = chosen.newAlias;
    m_suggestion.outboundReason = chosen.outboundReason;
    m_outboundUi->outboundReason->setText(chosen.outboundReason);
    m_outboundUi->aliasLabel->setText(
        chosen.newAlias ? tr("%1 (new; its password goes to the keychain)").arg(chosen.alias) : chosen.alias);
    m_outboundUi->passwordEdit->setVisible(chosen.newAlias);
    m_outboundUi->passwordEditLabel->setVisible(chosen.newAlias);

    const Exposure::Change change = Exposure::expose(m_base, request());
    QString role =
        change.roleDeclared
            ? tr("%1's role grants execute on %2 (as the workspace records it).").arg(chosen.user, project)
            : tr("<b>%1 has no role on %2</b> in the workspace: the call will answer 401.").arg(chosen.user, project);
    for (const QString &step : change.tenantSteps)
        role += QStringLiteral("<br>") + tr("On .io: %1").arg(escaped(step));
    m_outboundUi->roleLabel->setText(role);
    stepPage(this, OutboundPageId)->changed();

    // The tenant's word on it, when the alias's password is already at hand: one read-only sign-in.
    const Environment *environment = m_base.environment(m_environment);
    if (chosen.newAlias || !environment || environment->ioTenantUrl.isEmpty() || !m_services.network ||
        !m_services.secretProvider)
        return;
    // Once per user and wizard: going back and forth between users must not add sign-in attempts (a wrong
    // password counts towards the tenant's lock-out).
    const auto showTenant = [this, role](const QString &message) {
        m_outboundUi->roleLabel->setText(role + QStringLiteral("<br>") + tr("On the tenant: %1").arg(escaped(message)));
    };
    if (const auto said = m_tenantSaid.constFind(chosen.user); said != m_tenantSaid.cend())
        return showTenant(*said);
    const Advisor::Analysis analysis = Advisor::analyze(change.workspace, m_environment);
    const Advisor::UserExposure *exposure = analysis.user(chosen.user);
    if (!exposure)
        return;
    m_roleCheck =
        std::make_unique<AccessCheck>(m_services.network, m_services.secretProvider, *environment, change.workspace);
    connect(m_roleCheck.get(), &AccessCheck::finished, this,
            [this, user = chosen.user, showTenant](const QList<Advisor::LiveAccess> &results) {
                if (results.isEmpty())
                    return;
                m_tenantSaid.insert(user, results.constFirst().message);
                showTenant(results.constFirst().message);
            });
    m_roleCheck->start({*exposure});
}

void ExposeWizard::enterReview()
{
    m_change = Exposure::expose(m_base, request());
    QStringList lines = m_tenantAdded + m_change.lines;
    for (const QString &step : std::as_const(m_change.tenantSteps))
        lines << tr("[ ] On .io: %1").arg(step);
    m_reviewUi->changesView->setPlainText(lines.join(QLatin1Char('\n')));
    const Environment *environment = m_base.environment(m_environment);
    const bool production = environment && environment->production;
    m_reviewUi->productionEdit->setVisible(production);
    m_reviewUi->productionEditLabel->setVisible(production);
    m_reviewUi->reviewNote->clear();
    m_planned = false;
    m_verifying = false;
    stepPage(this, ReviewPageId)->changed();
    if (!m_flow || !environment) {
        m_reviewUi->planView->setPlainText(tr("No environment to plan against: choose one in the toolbar."));
        return;
    }
    m_reviewUi->planView->setPlainText(tr("Reading the gateway of %1…").arg(m_environment));
    m_flow->plan(m_change.workspace, m_environment, m_change.proxyKey());
}

void ExposeWizard::enterVerify()
{
    m_finished = false;
    m_verified = false;
    m_call.reset();
    m_verifying = true;
    m_verifyUi->progressList->clear();
    m_verifyUi->resultLabel->clear();
    // While the gateway is being changed there is no way back and no cancel: the apply finishes or rolls back.
    stepPage(this, ReviewPageId)->setCommitPage(true);
    button(QWizard::CancelButton)->setEnabled(false);
    stepPage(this, VerifyPageId)->changed();
    ProxyCallRequest call;
    call.environment = m_environment;
    call.proxyName = m_change.proxy.name;
    call.proxyVersion = m_change.proxy.version;
    auto start = [this, call] { m_flow->applyAndVerify(call); };
    const QString password = m_outboundUi->passwordEdit->text();
    if (m_change.aliasSecretRef.isEmpty() || password.isEmpty() || !m_services.secrets) {
        start();
        return;
    }
    // The password typed once goes to the keychain before the apply reads it from there.
    addProgress(tr("Storing the password of alias %1 in the keychain…").arg(m_change.proxy.outbound.alias));
    m_services.secrets->write(
        SecretKey::alias(m_environment, m_change.proxy.outbound.alias), password, this,
        [this, start](const SecretResult &result) {
            if (!result.ok()) {
                showResult(false, tr("<b>The password could not be stored</b>: %1").arg(escaped(result.message)));
                return;
            }
            m_outboundUi->passwordEdit->clear();
            start();
        });
}

void ExposeWizard::applied(const ApplyResult &result)
{
    if (!result.ok())
        return;
    // One undo step for the whole flow: a second apply after going Back replaces the first.
    QUndoStack *stack = m_document.undoStack();
    if (m_pushed && stack->index() > 0 && stack->command(stack->index() - 1) == m_pushed)
        stack->undo();
    auto *command = new ReplaceWorkspaceCommand(
        m_document, m_change.workspace, tr("Expose %1 as %2").arg(m_change.proxy.integration, m_change.proxyKey()));
    stack->push(command);
    m_pushed = command;
    addProgress(tr("Applied: %1 is on the gateway.").arg(m_change.proxyKey()));
}

void ExposeWizard::showResult(bool ok, const QString &html)
{
    m_verifyUi->resultLabel->setText(html);
    m_finished = true;
    m_verified = ok;
    m_verifying = false;
    stepPage(this, ReviewPageId)->setCommitPage(false);
    button(QWizard::CancelButton)->setEnabled(true);
    stepPage(this, VerifyPageId)->changed();
    Q_EMIT verificationFinished(ok);
}

void ExposeWizard::addProgress(const QString &text)
{
    if (m_verifyUi->progressList->isVisible() || m_verifying)
        m_verifyUi->progressList->addItem(text);
}

} // namespace gw
