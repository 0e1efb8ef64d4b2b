// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentspage.h"

#include "commands/replaceworkspacecommand.h"
#include "dialogs/environmentdialog.h"
#include "net/gatewayerrors.h"
#include "secrets/secretkey.h"
#include "secrets/secretstore.h"
#include "services.h"
#include "sync/connectioncheck.h"
#include "workspacedocument.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSslCertificate>
#include <QStyle>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

EnvironmentsPage::EnvironmentsPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(this);
    m_table->setObjectName(u"environmentsTable"_s);
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Gateway"), tr(".io tenant"), tr("Production")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Addresses take the room; name and the production mark keep to their contents.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table);

    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add…"), this);
    add->setObjectName(u"environmentsAdd"_s);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(u"environmentsEdit"_s);
    m_duplicate = new QPushButton(tr("D&uplicate"), this);
    m_duplicate->setObjectName(u"environmentsDuplicate"_s);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(u"environmentsDelete"_s);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(u"environmentsTest"_s);
    for (QPushButton *button : {add, m_edit, m_duplicate, m_delete})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_test);
    layout->addLayout(buttons);
    m_checkLines = new QListWidget(this);
    m_checkLines->setObjectName(u"environmentCheckLines"_s);
    m_checkLines->setWordWrap(true);
    m_checkLines->setMaximumHeight(140);
    layout->addWidget(m_checkLines);
    m_status = new QLabel(this);
    m_status->setObjectName(u"environmentsStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(add, &QPushButton::clicked, this, &EnvironmentsPage::addEnvironment);
    connect(m_edit, &QPushButton::clicked, this, &EnvironmentsPage::editEnvironment);
    connect(m_duplicate, &QPushButton::clicked, this, &EnvironmentsPage::duplicateEnvironment);
    connect(m_delete, &QPushButton::clicked, this, &EnvironmentsPage::deleteEnvironment);
    connect(m_test, &QPushButton::clicked, this, &EnvironmentsPage::testConnection);
    connect(m_table, &QTableWidget::itemDoubleClicked, this, &EnvironmentsPage::editEnvironment);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool selected = currentRow() >= 0;
        m_edit->setEnabled(selected);
        m_duplicate->setEnabled(selected);
        m_delete->setEnabled(selected);
        m_test->setEnabled(selected);
    });
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, &EnvironmentsPage::refresh);
    connect(&m_document, &WorkspaceDocument::documentReset, this, [this] {
        // Another workspace: the last connection test (and a running one) was of an environment it may not have.
        m_check.reset();
        m_checked = Environment{};
        m_checkLines->clear();
        m_status->clear();
    });
    refresh();
}

EnvironmentsPage::~EnvironmentsPage() = default;

void EnvironmentsPage::refresh()
{
    const QString selected =
        currentRow() >= 0 ? m_table->item(currentRow(), 0)->text() : m_document.currentEnvironment();
    const QList<Environment> &environments = m_document.workspace().environments;
    m_table->setRowCount(int(environments.size()));
    for (int row = 0; row < environments.size(); ++row) {
        const Environment &e = environments.at(row);
        const QStringList cells{e.name, e.gatewayUrl, e.ioTenantUrl, e.production ? tr("yes") : QString()};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (e.name == selected)
            m_table->selectRow(row);
    }
    if (currentRow() < 0 && !environments.isEmpty())
        m_table->selectRow(0);
    Q_EMIT m_table->itemSelectionChanged();
}

int EnvironmentsPage::currentRow() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void EnvironmentsPage::storeSecrets(const QHash<QString, QString> &secrets)
{
    if (!m_services.secrets)
        return;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const QStringList parts = it.key().split(u'/');
        const SecretKey key{parts.value(0), parts.value(1), parts.mid(2).join(u'/')};
        m_services.secrets->write(key, it.value(), this, [this, key](const SecretResult &result) {
            if (!result.ok())
                m_status->setText(tr("Not stored in the keychain: %1: %2").arg(key.describe(), result.message));
        });
    }
}

void EnvironmentsPage::addEnvironment()
{
    EnvironmentDialog dialog(m_document.workspace(), -1, m_services.network, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Workspace after = m_document.workspace();
    after.environments << dialog.environment();
    m_document.undoStack()->push(
        new ReplaceWorkspaceCommand(m_document, after, tr("Add environment %1").arg(dialog.environment().name)));
    storeSecrets(dialog.typedSecrets());
}

void EnvironmentsPage::editEnvironment()
{
    const int row = currentRow();
    if (row < 0)
        return;
    EnvironmentDialog dialog(m_document.workspace(), row, m_services.network, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Environment before = m_document.workspace().environments.at(row);
    const Environment after = dialog.environment();
    if (after == before && dialog.typedSecrets().isEmpty())
        return;
    Workspace workspace = m_document.workspace();
    workspace.environments[row] = after;
    m_document.undoStack()->push(new ReplaceWorkspaceCommand(
        m_document, workspace,
        before.name == after.name ? tr("Edit environment %1").arg(after.name)
                                  : tr("Rename environment %1 to %2").arg(before.name, after.name)));
    if (before.name != after.name)
        m_status->setText(tr("Secrets stored for \"%1\" stay under that name in the keychain; set the ones \"%2\" "
                             "needs on the Secrets page.")
                              .arg(before.name, after.name));
    storeSecrets(dialog.typedSecrets());
}

void EnvironmentsPage::duplicateEnvironment()
{
    const int row = currentRow();
    if (row < 0)
        return;
    Workspace workspace = m_document.workspace();
    Environment copy = workspace.environments.at(row);
    QString name = copy.name + u"-copy"_s;
    for (int n = 2; workspace.environment(name); ++n)
        name = copy.name + u"-copy"_s + QString::number(n);
    copy.name = name;
    copy.production = false; // a copy is where a change is tried first
    workspace.environments.insert(row + 1, copy);
    m_document.undoStack()->push(new ReplaceWorkspaceCommand(
        m_document, workspace, tr("Duplicate environment %1").arg(workspace.environments.at(row).name)));
    m_table->selectRow(row + 1);
}

void EnvironmentsPage::deleteEnvironment()
{
    const int row = currentRow();
    if (row < 0)
        return;
    Workspace workspace = m_document.workspace();
    const QString name = workspace.environments.at(row).name;
    workspace.environments.removeAt(row);
    m_document.undoStack()->push(
        new ReplaceWorkspaceCommand(m_document, workspace, tr("Delete environment %1").arg(name)));
    m_status->setText(
        tr("Deleted environment %1 (Edit > Undo brings it back). Its keychain entries are kept.").arg(name));
}

void EnvironmentsPage::testConnection()
{
    const int row = currentRow();
    if (row < 0 || !m_services.secretProvider || !m_services.network)
        return;
    const Environment environment = m_document.workspace().environments.at(row);
    m_checked = environment;
    m_checkLines->clear();
    for (const QString &text : {tr("Gateway: testing…"), tr(".io tenant: testing…"), tr("OAuth server: testing…")})
        m_checkLines->addItem(text);
    m_check = std::make_unique<ConnectionCheck>(m_services.network, m_services.secretProvider, environment,
                                                QProcessEnvironment::systemEnvironment());
    connect(m_check.get(), &ConnectionCheck::lineFinished, this, &EnvironmentsPage::showLine);
    connect(m_check.get(), &ConnectionCheck::finished, this, [this] { Q_EMIT checkFinished(); });
    m_check->start();
}

void EnvironmentsPage::showLine(const CheckLine &line)
{
    QListWidgetItem *item = m_checkLines->item(int(line.component));
    item->setText(line.toText());
    const bool ok = line.status == CheckLine::Status::Ok;
    const bool failed = line.status == CheckLine::Status::Failed;
    item->setIcon(style()->standardIcon(ok       ? QStyle::SP_DialogApplyButton
                                        : failed ? QStyle::SP_MessageBoxCritical
                                                 : QStyle::SP_MessageBoxInformation));
    item->setData(Qt::UserRole, CheckLine::statusName(line.status));
    if (!line.certificatePem.isEmpty())
        offerTrust(line.certificatePem);
}

void EnvironmentsPage::offerTrust(const QByteArray &certificatePem)
{
    // Nothing is trusted silently: the certificate is shown and the person chooses.
    // The environment the test was for, not whichever row is selected when the answer comes.
    const QSslCertificate certificate(certificatePem, QSsl::Pem);
    if (certificate.isNull() || m_checked.name.isEmpty())
        return;
    const QString name = m_checked.name;
    const QString gatewayUrl = m_checked.gatewayUrl;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Untrusted certificate"),
                                tr("The gateway of %1 presented a certificate this machine does not trust:\n\n%2")
                                    .arg(name, GatewayErrors::certificateText(certificate)),
                                QMessageBox::Cancel, this);
    box->setObjectName(u"trustCertificateBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *pin = box->addButton(tr("Trust this certificate (pin)"), QMessageBox::AcceptRole);
    pin->setObjectName(u"trustPinButton"_s);
    QPushButton *caFile = box->addButton(tr("Use a CA file…"), QMessageBox::ActionRole);
    connect(&m_document, &WorkspaceDocument::documentReset, box, &QMessageBox::reject);
    connect(box, &QMessageBox::finished, this, [this, box, pin, caFile, name, gatewayUrl, certificate] {
        Workspace workspace = m_document.workspace();
        Environment *environment = nullptr;
        for (Environment &candidate : workspace.environments) {
            if (candidate.name == name && candidate.gatewayUrl == gatewayUrl)
                environment = &candidate;
        }
        if (!environment)
            return;
        if (box->clickedButton() == pin) {
            environment->tls.pinnedSha256 = GatewayErrors::sha256Fingerprint(certificate).remove(u':');
        } else if (box->clickedButton() == caFile) {
            const QString file = QFileDialog::getOpenFileName(this, tr("CA certificate (PEM)"), {},
                                                              tr("PEM files (*.pem *.crt);;All files (*)"));
            if (file.isEmpty())
                return;
            environment->tls.caCertificateFile = file;
        } else {
            return;
        }
        m_document.undoStack()->push(
            new ReplaceWorkspaceCommand(m_document, workspace, tr("Trust the certificate of %1").arg(name)));
        testConnection();
    });
    box->open();
}

} // namespace gw
