// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliasdialog.h"
#include "ui_aliasdialog.h"

#include "widgets/tones.h"

#include "aliastablemodel.h"
#include "crossreferences.h"
#include "itemvalidation.h"
#include "workspaceedits.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace gw {

AliasDialog::AliasDialog(const Workspace &workspace, qsizetype row, QWidget *parent, const QString &environment,
                         bool keychainWritable)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AliasDialog>())
    , m_workspace(workspace)
    , m_row(row)
    , m_original(workspace.aliases.value(row))
    , m_environment(environment)
    , m_keychainWritable(keychainWritable)
{
    m_ui->setupUi(this);
    m_ui->validationMessage->setStyleSheet(toneStyle(Tone::Bad));
    setWindowTitle(row < 0 ? tr("Add Gateway Alias") : tr("Edit Gateway Alias %1").arg(m_original.name));
    for (Alias::Type type : {Alias::Type::HttpTransportSecurity, Alias::Type::Simple, Alias::Type::Endpoint})
        m_ui->typeCombo->addItem(AliasTableModel::typeText(type), int(type));
    for (const TechnicalUser &user : workspace.technicalUsers)
        m_ui->technicalUserCombo->addItem(user.name);

    m_ui->nameEdit->setText(m_original.name);
    m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(int(m_original.type)));
    m_ui->descriptionEdit->setText(m_original.description);
    if (!m_original.technicalUser.isEmpty() && m_ui->technicalUserCombo->findText(m_original.technicalUser) < 0)
        m_ui->technicalUserCombo->addItem(m_original.technicalUser);
    m_ui->technicalUserCombo->setCurrentIndex(qMax(0, m_ui->technicalUserCombo->findText(m_original.technicalUser)));
    m_ui->valueEdit->setText(m_original.value);
    m_ui->endpointEdit->setText(m_original.endpointUri);
    const bool canStore = !m_environment.isEmpty() && m_keychainWritable;
    m_ui->passwordEdit->setEnabled(canStore);
    m_ui->passwordEdit->setPlaceholderText(!m_keychainWritable ? tr("no keychain: a plan asks for it when it sends it")
                                           : m_environment.isEmpty() ? tr("select an environment first")
                                           : row < 0
                                               ? tr("for environment \"%1\"").arg(m_environment)
                                               : tr("unchanged unless typed (environment \"%1\")").arg(m_environment));

    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, &AliasDialog::updateFields);
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->valueEdit, m_ui->endpointEdit})
        connect(edit, &QLineEdit::textChanged, this, &AliasDialog::updateFields);
    connect(m_ui->technicalUserCombo, &QComboBox::currentIndexChanged, this, &AliasDialog::validate);
    updateFields();
}

AliasDialog::~AliasDialog()
{
    m_ui->passwordEdit->clear();
}

QString AliasDialog::takePassword()
{
    if (alias().type != Alias::Type::HttpTransportSecurity || !m_ui->passwordEdit->isEnabled())
        return {};
    const QString password = m_ui->passwordEdit->text();
    m_ui->passwordEdit->clear();
    return password;
}

Alias AliasDialog::alias() const
{
    Alias a = m_original;
    a.name = m_ui->nameEdit->text().trimmed();
    a.type = Alias::Type(m_ui->typeCombo->currentData().toInt());
    a.description = m_ui->descriptionEdit->text().trimmed();
    a.technicalUser.clear();
    a.value.clear();
    a.endpointUri.clear();
    switch (a.type) {
    case Alias::Type::HttpTransportSecurity:
        a.technicalUser = m_ui->technicalUserCombo->currentText();
        // The keychain entry keeps the name it was stored under, so a rename does not lose it.
        if (!a.password.isSet())
            a.password = SecretRef{u"alias/"_s + a.name};
        break;
    case Alias::Type::Simple:
        a.password = SecretRef{};
        a.value = m_ui->valueEdit->text().trimmed();
        break;
    case Alias::Type::Endpoint:
        a.password = SecretRef{};
        a.endpointUri = m_ui->endpointEdit->text().trimmed();
        break;
    }
    return a;
}

QString AliasDialog::validationMessage() const
{
    return m_ui->validationMessage->text();
}

void AliasDialog::updateFields()
{
    const auto type = Alias::Type(m_ui->typeCombo->currentData().toInt());
    QFormLayout *form = m_ui->formLayout;
    form->setRowVisible(m_ui->technicalUserCombo, type == Alias::Type::HttpTransportSecurity);
    form->setRowVisible(m_ui->passwordEdit, type == Alias::Type::HttpTransportSecurity);
    form->setRowVisible(m_ui->secretLabel, type == Alias::Type::HttpTransportSecurity);
    form->setRowVisible(m_ui->valueEdit, type == Alias::Type::Simple);
    form->setRowVisible(m_ui->endpointEdit, type == Alias::Type::Endpoint);
    const Alias a = alias();
    m_ui->secretLabel->setText(
        tr("Kept in the keychain as \"%1\", per environment (other environments: the Secrets page); never in the "
           "workspace.")
            .arg(a.password.key));
    validate();
}

void AliasDialog::validate()
{
    const Alias a = alias();
    QString message;
    const Alias *existing = m_workspace.alias(a.name);
    const CrossReferences references(m_workspace);
    const QStringList users = m_row < 0 ? QStringList() : references.proxiesUsingAlias(m_original.name);
    if (a.name.isEmpty())
        message = tr("Enter the alias name.");
    else if (existing && existing != m_workspace.aliases.constData() + m_row)
        message = tr("Alias %1 already exists.").arg(a.name);
    else if (a.type == Alias::Type::HttpTransportSecurity && m_workspace.technicalUsers.isEmpty())
        message = tr("Add a technical user first: this alias carries its Basic credentials.");
    else if (a.type != Alias::Type::HttpTransportSecurity && !users.isEmpty())
        message = tr("%1 use this alias for outbound auth: it must stay an HTTP transport security alias.")
                      .arg(CrossReferences::joinNames(users));
    else if (a.type == Alias::Type::Simple && a.value.isEmpty())
        message = tr("Enter the alias value.");
    else if (a.type == Alias::Type::Endpoint && a.endpointUri.isEmpty())
        message = tr("Enter the endpoint URI.");
    else {
        const qsizetype index = m_row < 0 ? m_workspace.aliases.size() : m_row;
        using ItemValidation::labelText;
        message =
            ItemValidation::firstProblemAt(WorkspaceEdits::putAlias(m_workspace, m_row, a), u"/aliases/%1"_s.arg(index),
                                           {{u"name"_s, labelText(m_ui->nameEditLabel)},
                                            {u"description"_s, labelText(m_ui->descriptionEditLabel)},
                                            {u"technicalUser"_s, labelText(m_ui->technicalUserComboLabel)},
                                            {u"passwordRef"_s, labelText(m_ui->passwordEditLabel)},
                                            {u"value"_s, labelText(m_ui->valueEditLabel)},
                                            {u"endpointUri"_s, labelText(m_ui->endpointEditLabel)}});
    }
    m_ui->validationMessage->setText(message);
    m_ui->validationMessage->setVisible(!message.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

} // namespace gw
