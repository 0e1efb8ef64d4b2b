// SPDX-License-Identifier: GPL-3.0-or-later
#include "technicaluserdialog.h"
#include "ui_technicaluserdialog.h"

#include "widgets/tones.h"

#include "itemvalidation.h"
#include "workspaceedits.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace gw {

TechnicalUserDialog::TechnicalUserDialog(const Workspace &workspace, qsizetype row, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TechnicalUserDialog>())
    , m_workspace(workspace)
    , m_row(row)
    , m_original(workspace.technicalUsers.value(row))
{
    m_ui->setupUi(this);
    m_ui->validationMessage->setStyleSheet(toneStyle(Tone::Bad));
    setWindowTitle(row < 0 ? tr("Add Technical User") : tr("Edit Technical User %1").arg(m_original.name));
    m_ui->nameEdit->setText(m_original.name);
    m_ui->descriptionEdit->setText(m_original.description);
    for (const IoProject &project : workspace.projects) {
        auto *item = new QListWidgetItem(project.name, m_ui->projectsList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(m_original.projects.contains(project.name) ? Qt::Checked : Qt::Unchecked);
    }
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &TechnicalUserDialog::validate);
    connect(m_ui->projectsList, &QListWidget::itemChanged, this, &TechnicalUserDialog::validate);
    validate();
}

TechnicalUserDialog::~TechnicalUserDialog() = default;

TechnicalUser TechnicalUserDialog::technicalUser() const
{
    TechnicalUser u = m_original;
    u.name = m_ui->nameEdit->text().trimmed();
    u.description = m_ui->descriptionEdit->text().trimmed();
    u.projects.clear();
    for (int i = 0; i < m_ui->projectsList->count(); ++i) {
        if (m_ui->projectsList->item(i)->checkState() == Qt::Checked)
            u.projects << m_ui->projectsList->item(i)->text();
    }
    return u;
}

QString TechnicalUserDialog::validationMessage() const
{
    return m_ui->validationMessage->text();
}

void TechnicalUserDialog::validate()
{
    const TechnicalUser u = technicalUser();
    QString message;
    const TechnicalUser *existing = m_workspace.technicalUser(u.name);
    if (u.name.isEmpty()) {
        message = tr("Enter the user's login on the tenant.");
    } else if (existing && existing != m_workspace.technicalUsers.constData() + m_row) {
        message = tr("Technical user %1 already exists.").arg(u.name);
    } else {
        const qsizetype index = m_row < 0 ? m_workspace.technicalUsers.size() : m_row;
        using ItemValidation::labelText;
        message = ItemValidation::firstProblemAt(WorkspaceEdits::putTechnicalUser(m_workspace, m_row, u),
                                                 u"/technicalUsers/%1"_s.arg(index),
                                                 {{u"name"_s, labelText(m_ui->nameEditLabel)},
                                                  {u"description"_s, labelText(m_ui->descriptionEditLabel)},
                                                  {u"projects"_s, tr("Projects")}});
    }
    m_ui->validationMessage->setText(message);
    m_ui->validationMessage->setVisible(!message.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

} // namespace gw
