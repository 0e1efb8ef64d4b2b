// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretpromptdialog.h"

#include "ui_secretpromptdialog.h"

#include <QCoreApplication>
#include <QPushButton>

#include <utility>

using namespace Qt::StringLiterals;

namespace gw {

SecretPromptDialog::SecretPromptDialog(const SecretPromptRequest &request, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SecretPromptDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Secret needed"));
    m_description = request.description;
    m_ui->descriptionLabel->setText(tr("Enter %1.").arg(request.description));
    m_ui->noteLabel->setText(request.keychainNote);
    m_ui->noteLabel->setVisible(!request.keychainNote.isEmpty());
    m_ui->rememberCheckBox->setEnabled(request.canRemember);
    m_ui->rememberCheckBox->setChecked(false);
    m_ui->rememberCheckBox->setToolTip(
        request.canRemember ? tr("Store it in the keychain so you are not asked again; unchecked, it is kept "
                                 "in memory until the console quits")
                            : tr("No keychain is reachable: the secret is kept in memory only, until the "
                                 "console quits"));

    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    connect(m_ui->secretEdit, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.isEmpty()); });
}

SecretPromptDialog::~SecretPromptDialog()
{
    m_ui->secretEdit->clear();
}

SecretPromptAnswer SecretPromptDialog::answer() const
{
    if (result() != QDialog::Accepted)
        return {};
    return {true, m_ui->secretEdit->text(),
            m_storing || (m_ui->rememberCheckBox->isEnabled() && m_ui->rememberCheckBox->isChecked())};
}

void SecretPromptDialog::setStoring(bool storing)
{
    m_storing = storing;
    m_ui->rememberCheckBox->setVisible(!storing);
    setWindowTitle(storing ? tr("Store secret") : tr("Secret needed"));
    m_ui->descriptionLabel->setText(storing ? tr("Enter %1 to store it in the keychain.").arg(m_description)
                                            : tr("Enter %1.").arg(m_description));
}

void SecretPromptDialog::clearSecret()
{
    m_ui->secretEdit->clear();
}

void SecretPromptDialog::ask(QWidget *parent, const SecretPromptRequest &request, SecretProvider::PromptDone done)
{
    auto *dialog = new SecretPromptDialog(request, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Exactly one answer, also when the dialog goes without being closed (its window was
    // destroyed): a request left without one would wait forever, and so would every later
    // request for the same secret.
    auto answered = std::make_shared<bool>(false);
    auto answer = std::make_shared<SecretProvider::PromptDone>(std::move(done));
    connect(dialog, &QDialog::finished, dialog, [dialog, answered, answer] {
        if (std::exchange(*answered, true))
            return;
        const SecretPromptAnswer result = dialog->answer();
        dialog->m_ui->secretEdit->clear();
        (*answer)(result);
    });
    connect(dialog, &QObject::destroyed, [answered, answer] {
        if (std::exchange(*answered, true) || !QCoreApplication::instance())
            return;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [answer] { (*answer)(SecretPromptAnswer{}); }, Qt::QueuedConnection);
    });
    dialog->open();
}

} // namespace gw
