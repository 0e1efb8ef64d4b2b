// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "advisor.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class QTreeWidget;

namespace gw {

class AccessCheck;
class CredentialFlowScene;
class CredentialFlowView;
struct Services;
class WorkspaceDocument;

/// "Advisor": one shared .io technical user or one per project? The comparison of the current mapping,
/// one shared user, one per project and one per sensitivity level (figures side by side, the
/// recommended column marked, the reasons in sentences), each technical user's blast radius and live
/// status, the problems with their fixes, and the credential-flow diagram. "Apply strategy…" rewrites
/// users, aliases and bindings as one undo step after showing the change; "Check live" signs in to the
/// environment's tenant as each user (read-only) and draws what it found.
class AdvisorPage : public QWidget
{
    Q_OBJECT
public:
    AdvisorPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~AdvisorPage() override;

    const Advisor::Analysis &analysis() const { return m_analysis; }
    CredentialFlowScene *scene() const { return m_scene; }
    CredentialFlowView *view() const { return m_view; }

    /// Opens the review of the strategy chosen in the combo box (non-modal; OK applies it).
    void applyChosenStrategy();
    void checkLive();
    /// Writes the diagram as PNG or SVG, by the file's suffix; false and `*error` on failure.
    bool exportDiagram(const QString &path, QString *error);

Q_SIGNALS:
    void liveCheckFinished();

private:
    void refresh();
    void showComparison();
    void showUsers();
    void showProblems();
    void exportWithDialog();
    void nodeActivated(const QString &id);

    Services &m_services;
    WorkspaceDocument &m_document;
    Advisor::Analysis m_analysis;
    QLabel *m_environmentLabel;
    QSpinBox *m_rotation;
    QPushButton *m_liveButton;
    QLabel *m_status;
    QLabel *m_recommendation;
    QComboBox *m_strategy;
    QPushButton *m_apply;
    QTabWidget *m_tabs;
    QTableWidget *m_comparison;
    QTableWidget *m_users;
    QTreeWidget *m_problems;
    CredentialFlowScene *m_scene;
    CredentialFlowView *m_view;
    std::unique_ptr<AccessCheck> m_check;
    QList<Advisor::LiveAccess> m_live;
};

} // namespace gw
