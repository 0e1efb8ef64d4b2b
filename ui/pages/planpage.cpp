// SPDX-License-Identifier: GPL-3.0-or-later
#include "planpage.h"

#include "services.h"
#include "sync/syncservice.h"
#include "workspacedocument.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gw {

PlanPage::PlanPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_sync(services.sync)
{
    setObjectName(QStringLiteral("planPage"));
    m_environment = new QLabel(this);
    m_planButton = new QPushButton(tr("Pull && plan"), this);
    m_planButton->setObjectName(QStringLiteral("planButton"));
    m_applyButton = new QPushButton(tr("Apply…"), this);
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    const QString idleHint = tr("Pull the gateway to see what applying the workspace would change.");
    m_status = new QLabel(idleHint, this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_diff = new QTreeWidget(this);
    m_diff->setObjectName(QStringLiteral("diff"));
    m_diff->setColumnCount(3);
    m_diff->setHeaderLabels({tr("Alias / proxy / field"), tr("Before"), tr("After")});
    m_diff->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth); // a step names what it changes: read it whole

    // After a rollback that could not finish: what the gateway was left as, and the two ways on.
    m_recovery = new QGroupBox(tr("The gateway is left partly changed"), this);
    m_recovery->setObjectName(QStringLiteral("recoveryPanel"));
    m_recoveryText = new QLabel(m_recovery);
    m_recoveryText->setObjectName(QStringLiteral("recoveryText"));
    m_recoveryText->setWordWrap(true);
    m_leftStates = new QListWidget(m_recovery);
    m_leftStates->setObjectName(QStringLiteral("leftStates"));
    m_leftStates->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    m_retryRollback = new QPushButton(tr("Retry rollback"), m_recovery);
    m_retryRollback->setObjectName(QStringLiteral("retryRollbackButton"));
    m_retryRollback->setToolTip(tr("Sends the undo requests that failed again, once the gateway answers"));
    m_replan = new QPushButton(tr("Re-plan"), m_recovery);
    m_replan->setObjectName(QStringLiteral("replanButton"));
    m_replan->setToolTip(tr("Pulls the gateway as it is now and plans the workspace against it"));
    auto *recoveryButtons = new QHBoxLayout;
    recoveryButtons->addStretch();
    recoveryButtons->addWidget(m_retryRollback);
    recoveryButtons->addWidget(m_replan);
    auto *recoveryLayout = new QVBoxLayout(m_recovery);
    recoveryLayout->addWidget(m_recoveryText);
    recoveryLayout->addWidget(m_leftStates);
    recoveryLayout->addLayout(recoveryButtons);
    m_recovery->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_environment, 1);
    buttons->addWidget(m_planButton);
    buttons->addWidget(m_applyButton);
    buttons->addWidget(m_cancelButton);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_diff);
    splitter->addWidget(m_details);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_recovery);
    layout->addWidget(splitter, 1);

    connect(m_planButton, &QPushButton::clicked, this, &PlanPage::pullAndPlan);
    connect(m_applyButton, &QPushButton::clicked, this, &PlanPage::apply);
    connect(m_replan, &QPushButton::clicked, this, &PlanPage::pullAndPlan);
    connect(m_retryRollback, &QPushButton::clicked, this, [this] {
        if (!m_sync || !m_sync->canRetryRollback())
            return;
        m_progress->setRange(0, 0);
        m_status->setText(tr("Retrying the rollback…"));
        m_sync->retryRollback();
    });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_sync)
            m_sync->cancel();
        m_status->setText(tr("Cancelling… an apply stops after the running step and rolls back."));
    });
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this, [this] {
        m_diff->clear();
        m_details->clear();
        updateState();
    });
    connect(&m_document, &WorkspaceDocument::documentReset, this, [this, idleHint] {
        // Another workspace: the last plan was of the previous one. An unfinished rollback is about a gateway,
        // not a workspace, so its panel stays while it can be retried.
        m_plannedGeneration = -1;
        m_diff->clear();
        m_details->clear();
        m_status->setText(idleHint);
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        if (!m_sync || !m_sync->canRetryRollback())
            m_recovery->hide();
        updateState();
    });
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, [this] {
        // A plan is of the workspace as it was when planned: after an edit it would push the old state.
        ++m_workspaceGeneration;
        if (m_sync && m_sync->plan().hasChanges() && !m_sync->isBusy() && m_plannedGeneration >= 0)
            m_status->setText(tr("The workspace changed since this plan: plan again before applying."));
        updateState();
    });
    if (m_sync) {
        connect(m_sync, &SyncService::busyChanged, this, &PlanPage::updateState);
        connect(m_sync, &SyncService::progress, this, [this](int done, int total, const QString &text) {
            m_progress->setRange(0, total);
            m_progress->setValue(done);
            m_status->setText(text);
        });
        connect(m_sync, &SyncService::planReady, this, &PlanPage::showPlan);
        connect(m_sync, &SyncService::failed, this, &PlanPage::showFailure);
        connect(m_sync, &SyncService::applyFinished, this, &PlanPage::showResult);
    }
    updateState();
}

void PlanPage::updateState()
{
    const QString environment = m_document.currentEnvironment();
    const Environment *data = m_document.currentEnvironmentData();
    m_environment->setText(environment.isEmpty() ? tr("No environment selected")
                                                 : tr("Environment <b>%1</b> — %2")
                                                       .arg(environment.toHtmlEscaped(),
                                                            data ? data->gatewayUrl.toHtmlEscaped() : QString()));
    const bool busy = m_sync && m_sync->isBusy();
    m_planButton->setEnabled(m_sync && !busy && !environment.isEmpty());
    m_applyButton->setEnabled(m_sync && !busy && m_sync->plan().hasChanges() &&
                              m_sync->plan().environment == environment &&
                              m_plannedGeneration == m_workspaceGeneration);
    m_cancelButton->setEnabled(busy);
    m_retryRollback->setEnabled(m_sync && m_sync->canRetryRollback());
    m_replan->setEnabled(m_sync && !busy && !environment.isEmpty());
    if (!busy && m_progress->maximum() == 0)
        m_progress->setRange(0, 1);
}

void PlanPage::pullAndPlan()
{
    m_recovery->hide();
    m_diff->clear();
    m_details->clear();
    m_progress->setRange(0, 0);
    m_status->setText(tr("Pulling environment %1…").arg(m_document.currentEnvironment()));
    m_plannedGeneration = m_workspaceGeneration;
    m_sync->pullAndPlan(m_document.workspace(), m_document.currentEnvironment());
}

void PlanPage::showPlan(const Plan &plan)
{
    m_diff->clear();
    for (const ResourceDiff &diff : plan.diffs) {
        const QString sign = diff.change == ResourceDiff::Change::Create   ? QStringLiteral("+")
                             : diff.change == ResourceDiff::Change::Delete ? QStringLiteral("−")
                                                                           : QStringLiteral("~");
        const QString kind = diff.resource == ResourceDiff::Resource::Alias ? tr("alias") : tr("proxy");
        auto *item = new QTreeWidgetItem(m_diff, {QStringLiteral("%1 %2 %3").arg(sign, kind, diff.name)});
        for (const PlanChange &change : diff.changes)
            new QTreeWidgetItem(item, {change.field, change.before, change.after});
        item->setExpanded(true);
    }
    for (const QString &conflict : plan.conflicts) {
        auto *item = new QTreeWidgetItem(m_diff, {tr("! conflict, left alone: %1").arg(conflict)});
        item->setToolTip(0, conflict);
    }
    for (const QString &unmanaged : plan.unmanaged)
        new QTreeWidgetItem(m_diff, {tr("%1 (not in the workspace, left alone)").arg(unmanaged)});
    QString steps;
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        steps += QStringLiteral("%1. %2\n").arg(i + 1).arg(plan.steps.at(i).text());
        if (!plan.steps.at(i).notUndoable.isEmpty())
            steps += tr("    Not undoable if a later step fails: %1.\n").arg(plan.steps.at(i).notUndoable);
    }
    if (plan.steps.isEmpty())
        steps = plan.unmanaged.isEmpty()
                    ? tr("No steps: every proxy and alias of the workspace is on the gateway as described.")
                    : tr("No steps: every proxy and alias of the workspace is on the gateway as described; what the "
                         "gateway holds besides (listed on the left) is left alone.");
    m_details->setPlainText(steps);
    m_progress->setRange(0, 1);
    m_progress->setValue(plan.hasChanges() ? 0 : 1);
    m_status->setText(
        plan.hasChanges()
            ? tr("%n step(s) would change environment %1. Review them, then Apply.", nullptr, int(plan.steps.size()))
                  .arg(plan.environment)
            : tr("No changes: the gateway of environment %1 matches the workspace.").arg(plan.environment));
    if (!plan.conflicts.isEmpty())
        m_status->setText(m_status->text() + QLatin1Char(' ') +
                          tr("%n conflict(s) on the gateway (listed on the left) are left alone until they are "
                             "resolved there.",
                             nullptr, int(plan.conflicts.size())));
    if (!plan.passwordsNotCompared.isEmpty())
        m_status->setText(m_status->text() + QLatin1Char(' ') +
                          tr("The passwords of %1 were not compared (not in the keychain): a changed one would not "
                             "show here.")
                              .arg(plan.passwordsNotCompared.join(QStringLiteral(", "))));
    updateState();
}

bool PlanPage::offerToSave()
{
    if (!m_save || !m_document.isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Save before applying?"),
                    tr("The workspace has unsaved changes. Save it first, so that the file holds what the gateway "
                       "is about to hold?"),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("saveBeforeApply"));
    box.setInformativeText(
        tr("Without saving, the gateway gets changes that only this window knows of until you save."));
    QPushButton *save = box.addButton(tr("&Save and Apply"), QMessageBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveAndApply"));
    QPushButton *without = box.addButton(tr("Apply &Without Saving"), QMessageBox::DestructiveRole);
    without->setObjectName(QStringLiteral("applyWithoutSaving"));
    box.setDefaultButton(save);
    box.exec();
    if (box.clickedButton() == without)
        return true;
    if (box.clickedButton() != save)
        return false;
    if (!m_save()) {
        m_status->setText(tr("Not applied: the workspace was not saved."));
        return false;
    }
    return true;
}

void PlanPage::apply()
{
    if (!offerToSave())
        return;
    const Plan &plan = m_sync->plan();
    const Environment *environment = m_document.workspace().environment(plan.environment);
    if (environment && environment->production) {
        // A production gateway takes the environment's name typed, not a click.
        bool ok = false;
        const QString typed =
            QInputDialog::getText(this, tr("Apply to production"),
                                  tr("%1 (%2) is a production environment. Type its name to apply %n step(s):", nullptr,
                                     int(plan.steps.size()))
                                      .arg(plan.environment, plan.gatewayUrl),
                                  QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        if (typed.trimmed() != plan.environment) {
            m_status->setText(
                tr("Not applied: \"%1\" is not the environment's name \"%2\".").arg(typed, plan.environment));
            return;
        }
    } else if (m_confirmApply) {
        QString question = tr("Apply %n step(s) to the gateway of environment %1 (%2)? On a failure every completed "
                              "step is undone.",
                              nullptr, int(plan.steps.size()))
                               .arg(plan.environment, plan.gatewayUrl);
        if (const QStringList kept = plan.notUndoableSteps(); !kept.isEmpty())
            question += QLatin1Char('\n') + tr("Except, if it has run: %1.").arg(kept.join(QStringLiteral("; ")));
        if (QMessageBox::question(this, tr("Apply to %1").arg(plan.environment), question) != QMessageBox::Yes)
            return;
    }
    m_progress->setRange(0, int(plan.steps.size()));
    m_progress->setValue(0);
    m_sync->apply();
}

void PlanPage::showResult(const ApplyResult &result)
{
    m_progress->setRange(0, std::max(1, result.total));
    m_progress->setValue(result.ok() ? result.total : result.completed);
    m_status->setText(result.report().section(QLatin1Char('\n'), 0, 0));
    m_details->setPlainText(result.report());
    m_diff->clear();
    showRecovery(result);
    updateState();
}

void PlanPage::showRecovery(const ApplyResult &result)
{
    if (result.outcome != ApplyResult::Outcome::RollbackIncomplete) {
        if (m_recovery->isVisible() && result.outcome == ApplyResult::Outcome::RolledBack)
            m_status->setText(tr("Rollback completed: the gateway of environment %1 is as it was before the apply.")
                                  .arg(result.environment));
        m_recovery->hide();
        return;
    }
    m_recoveryText->setText(
        tr("Step %1 of %2 failed (%3), and %n undo request(s) failed too, so environment %4 is not as it was:", nullptr,
           int(result.rollbackErrors.size()))
            .arg(result.failedStep)
            .arg(result.total)
            .arg(result.failure, result.environment));
    m_leftStates->clear();
    for (const QString &state : result.leftStates())
        m_leftStates->addItem(state);
    m_recovery->show();
}

void PlanPage::showFailure(const QString &message)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(message);
    updateState();
}

} // namespace gw
