// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretspage.h"

#include "dialogs/secretpromptdialog.h"
#include "secrets/secretstore.h"
#include "services.h"
#include "workspacedocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

SecretsPage::SecretsPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_heading(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_set(new QPushButton(tr("&Set…"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_check(new QPushButton(tr("&Check again"), this))
    , m_message(new QLabel(this))
{
    setObjectName(u"secretsPage"_s);
    m_heading->setObjectName(u"secretsHeading"_s);
    m_heading->setTextFormat(Qt::PlainText);
    m_table->setObjectName(u"secretsTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Secret"), tr("Keychain entry"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(EntryColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_set->setObjectName(u"setSecretButton"_s);
    m_remove->setObjectName(u"removeSecretButton"_s);
    m_check->setObjectName(u"checkSecretsButton"_s);
    m_message->setObjectName(u"secretsMessage"_s);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto *note = new QLabel(tr("Secrets live in the OS keychain, per environment; the workspace file only names "
                               "them. Values are never shown."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_set);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_check);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(note);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_set, &QPushButton::clicked, this, &SecretsPage::setSelected);
    connect(m_remove, &QPushButton::clicked, this, &SecretsPage::removeSelected);
    connect(m_check, &QPushButton::clicked, this, &SecretsPage::checkStatuses);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SecretsPage::updateButtons);
    if (m_services.secrets)
        connect(m_services.secrets, &SecretStore::availabilityChanged, this, &SecretsPage::updateButtons);
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, &SecretsPage::reload);
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this, &SecretsPage::reload);
    reload();
}

SecretsPage::~SecretsPage() = default;

QList<SecretKey> SecretsPage::secretsOf(const Workspace &workspace, const QString &environment)
{
    QList<SecretKey> keys;
    const auto add = [&keys](const SecretKey &key) {
        if (key.isValid() && !keys.contains(key))
            keys.append(key);
    };
    for (const Environment &env : workspace.environments) {
        if (env.name != environment)
            continue;
        add(env.adminPassword.isSet() ? SecretKey::fromReference(env.name, env.adminPassword.key)
                                      : SecretKey::gatewayAdmin(env.name, env.adminUser));
        if (env.oauth.clientSecret.isSet())
            add(SecretKey::fromReference(env.name, env.oauth.clientSecret.key));
        if (!env.ioTenantUser.isEmpty())
            add(SecretKey::tenantUser(env.name, env.ioTenantUser));
    }
    if (keys.isEmpty())
        return keys; // no such environment
    for (const Alias &alias : workspace.aliases) {
        if (alias.type == Alias::Type::HttpTransportSecurity && alias.password.isSet())
            add(SecretKey::fromReference(environment, alias.password.key));
    }
    return keys;
}

QString SecretsPage::statusText(SecretResult::Outcome outcome)
{
    switch (outcome) {
    case SecretResult::Outcome::Ok:
        return tr("Stored");
    case SecretResult::Outcome::NotFound:
        return tr("Not stored yet");
    case SecretResult::Outcome::Locked:
        return tr("Keychain locked or access refused");
    case SecretResult::Outcome::NoKeychain:
        return tr("No keychain");
    case SecretResult::Outcome::Error:
        return tr("Keychain error");
    }
    return {};
}

void SecretsPage::reload()
{
    const QString environment = m_document.currentEnvironment();
    m_keys = secretsOf(m_document.workspace(), environment);
    m_heading->setText(environment.isEmpty() ? tr("No environment selected")
                                             : tr("Secrets of environment \"%1\"").arg(environment));
    m_table->setRowCount(int(m_keys.size()));
    for (int row = 0; row < m_keys.size(); ++row) {
        const SecretKey &key = m_keys.at(row);
        QString what = key.describe();
        what[0] = what[0].toUpper();
        m_table->setItem(row, SecretColumn, new QTableWidgetItem(what));
        m_table->setItem(row, EntryColumn, new QTableWidgetItem(key.keychainKey()));
        m_table->setItem(row, StatusColumn, new QTableWidgetItem(tr("Checking…")));
    }
    m_message->clear();
    checkStatuses();
}

void SecretsPage::checkStatuses()
{
    const quint64 generation = ++m_generation;
    if (!m_services.secrets) {
        for (int row = 0; row < m_keys.size(); ++row)
            m_table->item(row, StatusColumn)->setText(statusText(SecretResult::Outcome::NoKeychain));
        updateButtons();
        return;
    }
    for (int row = 0; row < m_keys.size(); ++row) {
        // The value read here is dropped at once: only the outcome is shown.
        m_services.secrets->read(m_keys.at(row), this, [this, row, generation](const SecretResult &result) {
            if (generation == m_generation)
                showStatus(row, result);
        });
    }
    updateButtons();
}

void SecretsPage::showStatus(int row, const SecretResult &result)
{
    QTableWidgetItem *item = m_table->item(row, StatusColumn);
    if (!item)
        return;
    item->setText(statusText(result.outcome));
    item->setToolTip(result.ok() ? QString() : result.message);
    updateButtons();
}

int SecretsPage::selectedRow() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    return selected.isEmpty() ? -1 : selected.first()->row();
}

void SecretsPage::updateButtons()
{
    const bool keychain =
        m_services.secrets && m_services.secrets->availability() != SecretStore::Availability::Unavailable;
    const bool selected = selectedRow() >= 0;
    m_set->setEnabled(keychain && selected);
    m_remove->setEnabled(keychain && selected);
    m_check->setEnabled(m_services.secrets != nullptr && !m_keys.isEmpty());
}

void SecretsPage::setSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_services.secrets)
        return;
    const SecretKey key = m_keys.at(row);
    auto *dialog = new SecretPromptDialog(SecretPromptRequest{key, key.describe(), {}, true}, this);
    dialog->setStoring(true);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, key] {
        const QString secret = dialog->answer().secret;
        dialog->clearSecret();
        const quint64 generation = m_generation;
        m_services.secrets->write(key, secret, this, [this, generation](const SecretResult &result) {
            m_message->setText(result.message);
            if (generation == m_generation)
                checkStatuses();
        });
    });
    dialog->open();
}

void SecretsPage::removeSelected()
{
    const int row = selectedRow();
    if (row < 0 || !m_services.secrets)
        return;
    const SecretKey key = m_keys.at(row);
    auto *confirm = new QMessageBox(
        QMessageBox::Question, tr("Remove secret"),
        tr("Remove %1 from the keychain? Requests that need it will ask for it again.").arg(key.describe()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm->setObjectName(u"removeSecretConfirmation"_s);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::finished, this, [this, confirm, key] {
        if (confirm->result() != QMessageBox::Yes)
            return;
        m_services.secrets->remove(key, this, [this](const SecretResult &result) {
            m_message->setText(result.message);
            checkStatuses();
        });
    });
    confirm->open();
}

} // namespace gw
