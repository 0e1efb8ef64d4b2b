// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adoption.h"
#include "workspace.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QWizard>

#include <memory>
#include <optional>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;
class QTreeWidget;

namespace gw {

class ConnectionCheck;
class GatewayClient;
class AdminCredentialSource;
class SecretProvider;
class SecretStore;
struct CheckLine;

namespace Ui {
class GuidedStartEnvironmentPage;
}

/// File > New: a short guided start. The administrator describes one environment (gateway, tenant,
/// OAuth server, with the passwords typed once), tests its connections, then adopts what the gateway
/// and tenant already hold (or starts empty). The typed secrets stay in memory until Finish, when
/// they go to the keychain; the result is one workspace, applied as one undo step.
class GuidedStartWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { EnvironmentPageId, ConnectionPageId, AdoptPageId };

    GuidedStartWizard(QNetworkAccessManager *network, SecretStore *store, QWidget *parent = nullptr);
    ~GuidedStartWizard() override;

    /// Adopts into `workspace` instead of starting a new one, with the first page filled from its
    /// environment `environment` (passwords left empty: the keychain entries are used).
    void setBase(const Workspace &workspace, const QString &environment);
    bool hasBase() const { return m_base.has_value(); }
    /// The last page's "Expose a .io integration next" was ticked.
    bool exposeNext() const;

    /// The environment as the first page describes it (secrets as keychain references).
    Environment environment() const;
    /// The first problem the file reader would report for it, empty when there is none.
    QString environmentProblem() const;
    /// The workspace Finish produces: the environment, plus what was adopted.
    Workspace result() const;
    /// The adoption report behind result(), when something was adopted.
    const AdoptionReport &report() const { return m_report; }

    /// The secrets typed on the first page, by keychain key; written to the store on accept().
    QHash<QString, QString> typedSecrets() const;

    void accept() override;

Q_SIGNALS:
    void checkFinished();
    void candidatesRead();
    /// Keychain writes after Finish are done; `failures` name what could not be stored.
    void secretsStored(const QStringList &failures);

private:
    friend class GuidedStartConnectionPage;
    friend class GuidedStartAdoptPage;
    QProcessEnvironment secretEnvironment() const;

    QNetworkAccessManager *m_network;
    SecretStore *m_store;
    std::unique_ptr<Ui::GuidedStartEnvironmentPage> m_environmentUi;
    QWizardPage *m_environmentPage = nullptr;
    std::optional<ObservedState> m_observed;
    std::optional<TenantInventory> m_tenant;
    AdoptionReport m_report;
    Workspace m_result;
    std::optional<Workspace> m_base;
    Environment m_baseEnvironment;
    QString m_baseEnvironmentName;
};

} // namespace gw
