// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdialog.h"
#include "ui_projectdialog.h"

#include "widgets/tones.h"

#include "crossreferences.h"
#include "itemvalidation.h"
#include "workspaceedits.h"

#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace gw {

namespace {
enum IntegrationColumn { NameColumn, KindColumn, PathColumn };
}

ProjectDialog::ProjectDialog(const Workspace &workspace, qsizetype row, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProjectDialog>())
    , m_workspace(workspace)
    , m_row(row)
    , m_original(workspace.projects.value(row))
{
    m_ui->setupUi(this);
    m_ui->validationMessage->setStyleSheet(toneStyle(Tone::Bad));
    setWindowTitle(row < 0 ? tr("Add .io Project") : tr("Edit .io Project %1").arg(m_original.name));
    m_ui->sensitivityCombo->addItems({u"public"_s, u"internal"_s, u"confidential"_s, u"restricted"_s});
    m_ui->integrationsTable->setColumnCount(3);
    m_ui->integrationsTable->setHorizontalHeaderLabels({tr("Name"), tr("Kind"), tr("Path on the tenant")});
    m_ui->integrationsTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->integrationsTable->verticalHeader()->hide();
    m_ui->integrationsTable->setColumnWidth(NameColumn, 150);
    m_ui->integrationsTable->setColumnWidth(KindColumn, 120);

    m_ui->nameEdit->setText(m_original.name);
    m_ui->uidEdit->setText(m_original.uid);
    m_ui->sensitivityCombo->setCurrentIndex(qMax(
        0,
        m_ui->sensitivityCombo->findText(m_original.sensitivity.isEmpty() ? u"internal"_s : m_original.sensitivity)));
    for (const Integration &integration : m_original.integrations)
        addIntegrationRow(integration);

    connect(m_ui->addIntegrationButton, &QPushButton::clicked, this, [this] {
        addIntegrationRow(Integration{QString(), Integration::Kind::FlowService,
                                      u"/integration/rest/external/integration/run/development/"_s});
        m_ui->integrationsTable->setCurrentCell(m_ui->integrationsTable->rowCount() - 1, NameColumn);
        m_ui->integrationsTable->editItem(m_ui->integrationsTable->currentItem());
        validate();
    });
    connect(m_ui->removeIntegrationButton, &QPushButton::clicked, this, [this] {
        const int current = m_ui->integrationsTable->currentRow();
        if (current >= 0)
            m_ui->integrationsTable->removeRow(current);
        validate();
    });
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &ProjectDialog::validate);
    connect(m_ui->uidEdit, &QLineEdit::textChanged, this, &ProjectDialog::validate);
    connect(m_ui->integrationsTable, &QTableWidget::itemChanged, this, &ProjectDialog::validate);
    validate();
}

ProjectDialog::~ProjectDialog() = default;

void ProjectDialog::addIntegrationRow(const Integration &integration)
{
    QTableWidget *table = m_ui->integrationsTable;
    const QSignalBlocker blocker(table);
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, NameColumn, new QTableWidgetItem(integration.name));
    table->setItem(row, PathColumn, new QTableWidgetItem(integration.path));
    auto *kind = new QComboBox(table);
    kind->addItem(tr("flow service"), int(Integration::Kind::FlowService));
    kind->addItem(tr("webhook"), int(Integration::Kind::Webhook));
    kind->setCurrentIndex(kind->findData(int(integration.kind)));
    table->setCellWidget(row, KindColumn, kind);
}

IoProject ProjectDialog::project() const
{
    IoProject p = m_original;
    p.name = m_ui->nameEdit->text().trimmed();
    p.uid = m_ui->uidEdit->text().trimmed();
    p.sensitivity = m_ui->sensitivityCombo->currentText();
    p.integrations.clear();
    const QTableWidget *table = m_ui->integrationsTable;
    for (int row = 0; row < table->rowCount(); ++row) {
        Integration integration;
        integration.name = table->item(row, NameColumn) ? table->item(row, NameColumn)->text().trimmed() : QString();
        integration.path = table->item(row, PathColumn) ? table->item(row, PathColumn)->text().trimmed() : QString();
        if (const auto *kind = qobject_cast<const QComboBox *>(table->cellWidget(row, KindColumn)))
            integration.kind = Integration::Kind(kind->currentData().toInt());
        p.integrations.append(integration);
    }
    return p;
}

QString ProjectDialog::validationMessage() const
{
    return m_ui->validationMessage->text();
}

void ProjectDialog::validate()
{
    const IoProject p = project();
    QString message;
    const IoProject *existing = m_workspace.project(p.name);
    if (p.name.isEmpty()) {
        message = tr("Enter the project's name.");
    } else if (existing && existing != m_workspace.projects.constData() + m_row) {
        message = tr("Project %1 already exists.").arg(p.name);
    } else if (p.uid.isEmpty()) {
        message = tr("Enter the project's UID as the tenant shows it.");
    } else {
        // Proxies front integrations by name: one still in use must stay.
        for (const GatewayProxy &proxy : m_workspace.proxies) {
            if (m_row < 0 || proxy.project != m_original.name || p.integration(proxy.integration))
                continue;
            message = tr("Proxy %1 fronts integration %2: keep it, or change the proxy first.")
                          .arg(proxy.name, proxy.integration);
            break;
        }
    }
    if (message.isEmpty()) {
        for (const Integration &integration : p.integrations) {
            if (integration.name.isEmpty()) {
                message = tr("Every integration needs a name.");
                break;
            }
        }
    }
    if (message.isEmpty()) {
        const qsizetype index = m_row < 0 ? m_workspace.projects.size() : m_row;
        using ItemValidation::labelText;
        message = ItemValidation::firstProblemAt(WorkspaceEdits::putProject(m_workspace, m_row, p),
                                                 u"/projects/%1"_s.arg(index),
                                                 {{u"name"_s, labelText(m_ui->nameEditLabel)},
                                                  {u"uid"_s, labelText(m_ui->uidEditLabel)},
                                                  {u"sensitivity"_s, labelText(m_ui->sensitivityComboLabel)},
                                                  {u"integrations"_s, tr("Integrations")}});
    }
    m_ui->validationMessage->setText(message);
    m_ui->validationMessage->setVisible(!message.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

} // namespace gw
