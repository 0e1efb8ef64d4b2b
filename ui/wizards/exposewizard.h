// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exposure.h"
#include "plan.h"
#include "probe/callrecord.h"
#include "sync/applyjob.h"

#include <QHash>
#include <QWizard>

#include <memory>
#include <optional>

class QUndoCommand;

namespace Ui {
class ExposeIntegrationPage;
class ExposeInboundPage;
class ExposeOutboundPage;
class ExposeReviewPage;
class ExposeVerifyPage;
} // namespace Ui

namespace gw {

class AccessCheck;
class ExposeFlow;
struct Services;
class WorkspaceDocument;

/// "Expose integration…": one guided flow from a .io integration to a verified call through a new proxy.
/// Pick the project and integration; the inbound scopes, name and version (suggested, checked as the file
/// reader checks them); the technical user and alias the credential strategy implies (created when missing,
/// the password typed once and stored in the keychain; the user's role on the project checked); the
/// workspace change beside the gateway plan for this proxy; then apply through the sync engine and verify
/// with a token carrying the proxy's scopes. The workspace change is one undo step, pushed when the apply
/// succeeds; going Back and applying again replaces it.
class ExposeWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { IntegrationPageId, InboundPageId, OutboundPageId, ReviewPageId, VerifyPageId };

    ExposeWizard(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~ExposeWizard() override;

    /// Starts on this project (and integration), e.g. from the Inventory's context menu.
    void preset(const QString &project, const QString &integration = {});

    Exposure::Request request() const;
    const Exposure::Change &change() const { return m_change; }
    bool isPlanned() const { return m_planned; }
    bool isVerified() const { return m_verified; }
    const std::optional<CallRecord> &lastCall() const { return m_call; }

Q_SIGNALS:
    void planned();
    void verificationFinished(bool ok);
    void tenantRead();

private:
    void fillIntegrations();
    /// Adds what the environment's tenant holds and the workspace lacks to the projects offered.
    void readTenant();
    void enterInbound();
    void validateInbound();
    void enterOutbound();
    void updateOutbound();
    void enterReview();
    void enterVerify();
    void applied(const ApplyResult &result);
    void showResult(bool ok, const QString &html);
    void addProgress(const QString &text);
    QString currentProject() const;
    QString currentIntegration() const;

    Services &m_services;
    WorkspaceDocument &m_document;
    Workspace m_base;
    QString m_environment;
    std::unique_ptr<Ui::ExposeIntegrationPage> m_integrationUi;
    std::unique_ptr<Ui::ExposeInboundPage> m_inboundUi;
    std::unique_ptr<Ui::ExposeOutboundPage> m_outboundUi;
    std::unique_ptr<Ui::ExposeReviewPage> m_reviewUi;
    std::unique_ptr<Ui::ExposeVerifyPage> m_verifyUi;
    std::unique_ptr<ExposeFlow> m_flow;
    std::unique_ptr<AccessCheck> m_roleCheck;
    QHash<QString, QString> m_tenantSaid; ///< user -> what the tenant said when signed in as it (once per wizard)
    Exposure::Suggestion m_suggestion;
    QString m_suggestedFor; ///< "project/integration" the inbound fields were suggested for
    Exposure::Change m_change;
    QStringList m_tenantAdded; ///< what a read of the tenant added to the workspace, for the review
    bool m_planned = false;
    bool m_verifying = false;
    bool m_finished = false;
    bool m_verified = false;
    std::optional<CallRecord> m_call;
    QUndoCommand *m_pushed = nullptr;
};

} // namespace gw
