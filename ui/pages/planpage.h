// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <functional>

class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace gw {

struct ApplyResult;
struct Plan;
struct Services;
class SyncService;
class WorkspaceDocument;

/// Plan & apply: pull the current environment's gateway, show what would change per alias and
/// proxy (before → after, secrets masked) and the ordered steps, apply them with progress (step n
/// of m, the current item, cancel), and show exactly what happened.
class PlanPage : public QWidget
{
    Q_OBJECT
public:
    PlanPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    /// How the window saves the workspace (true when it was saved): Apply offers it first when the
    /// workspace has unsaved changes, so that the file holds what the gateway is about to hold.
    void setSaver(std::function<bool()> save) { m_save = std::move(save); }

private:
    void pullAndPlan();
    void apply();
    /// With unsaved changes: save first, apply without saving, or stop (false).
    bool offerToSave();
    void showPlan(const Plan &plan);
    void showResult(const ApplyResult &result);
    void showFailure(const QString &message);
    void updateState();
    void showRecovery(const ApplyResult &result);

    Services &m_services;
    WorkspaceDocument &m_document;
    SyncService *m_sync;
    QLabel *m_environment;
    QPushButton *m_planButton;
    QPushButton *m_applyButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTreeWidget *m_diff;
    QPlainTextEdit *m_details;
    QGroupBox *m_recovery;
    QLabel *m_recoveryText;
    QListWidget *m_leftStates;
    QPushButton *m_retryRollback;
    QPushButton *m_replan;
    bool m_confirmApply = true;
    std::function<bool()> m_save;
    qint64 m_workspaceGeneration = 0; ///< counts workspace edits
    qint64 m_plannedGeneration = -1;  ///< the edit count the last plan was made at

public:
    /// Tests drive the page without the modal confirmation.
    void setConfirmApply(bool confirm) { m_confirmApply = confirm; }
};

} // namespace gw
