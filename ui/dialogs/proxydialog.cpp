// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxydialog.h"
#include "ui_proxydialog.h"

#include "widgets/tones.h"

#include "itemvalidation.h"
#include "workspaceedits.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace gw {

ProxyDialog::ProxyDialog(const Workspace &workspace, qsizetype row, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProxyDialog>())
    , m_workspace(workspace)
    , m_row(row)
    , m_original(workspace.proxies.value(row))
{
    m_ui->setupUi(this);
    m_ui->validationMessage->setStyleSheet(toneStyle(Tone::Bad));
    setWindowTitle(row < 0 ? tr("Add Gateway Proxy") : tr("Edit Gateway Proxy %1").arg(m_original.name));

    for (const IoProject &project : workspace.projects)
        m_ui->projectCombo->addItem(project.name);
    m_ui->inboundCombo->addItem(tr("OAuth 2.0 access token"), int(InboundAuth::Kind::OAuth2Token));
    m_ui->inboundCombo->addItem(tr("JWT claims"), int(InboundAuth::Kind::JwtClaims));
    m_ui->inboundCombo->addItem(tr("none (open to anyone)"), int(InboundAuth::Kind::None));
    m_ui->outboundCombo->addItem(tr("none — .io will answer 401"), QString());
    for (const Alias &alias : workspace.aliases) {
        if (alias.type == Alias::Type::HttpTransportSecurity)
            m_ui->outboundCombo->addItem(QString(), alias.name); // labelled by markOutboundChoices()
    }

    GatewayProxy shown = m_original;
    m_ui->nameEdit->setText(shown.name);
    m_ui->versionEdit->setText(shown.version);
    m_ui->descriptionEdit->setText(shown.description);
    if (m_ui->projectCombo->findText(shown.project) < 0 && !shown.project.isEmpty())
        m_ui->projectCombo->addItem(shown.project); // unknown: shown, and reported by validate()
    m_ui->projectCombo->setCurrentIndex(qMax(0, m_ui->projectCombo->findText(shown.project)));
    fillIntegrations();
    if (m_ui->integrationCombo->findText(shown.integration) < 0 && !shown.integration.isEmpty())
        m_ui->integrationCombo->addItem(shown.integration);
    m_ui->integrationCombo->setCurrentIndex(qMax(0, m_ui->integrationCombo->findText(shown.integration)));
    m_ui->inboundCombo->setCurrentIndex(m_ui->inboundCombo->findData(int(shown.inbound.kind)));
    m_ui->scopesEdit->setText(shown.inbound.scopes.join(u' '));
    m_ui->routingEdit->setText(shown.routingEndpoint);
    if (shown.outbound.kind == OutboundAuth::Kind::Alias) {
        if (m_ui->outboundCombo->findData(shown.outbound.alias) < 0)
            m_ui->outboundCombo->addItem(QString(), shown.outbound.alias); // marked missing below
        m_ui->outboundCombo->setCurrentIndex(m_ui->outboundCombo->findData(shown.outbound.alias));
    } else {
        m_ui->outboundCombo->setCurrentIndex(0);
    }
    m_ui->activeCheck->setChecked(shown.active);
    markOutboundChoices();
    if (row < 0) {
        // A new proxy starts with the first alias whose technical user may run the project.
        for (int i = 1; i < m_ui->outboundCombo->count(); ++i) {
            if (userMayRun(m_ui->outboundCombo->itemData(i).toString())) {
                m_ui->outboundCombo->setCurrentIndex(i);
                break;
            }
        }
    }

    connect(m_ui->projectCombo, &QComboBox::currentIndexChanged, this, [this] {
        fillIntegrations();
        markOutboundChoices();
        validate();
    });
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->versionEdit, m_ui->scopesEdit, m_ui->routingEdit})
        connect(edit, &QLineEdit::textChanged, this, &ProxyDialog::validate);
    for (QComboBox *combo : {m_ui->integrationCombo, m_ui->inboundCombo, m_ui->outboundCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &ProxyDialog::validate);
    connect(m_ui->inboundCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_ui->scopesEdit->setEnabled(m_ui->inboundCombo->currentData().toInt() != int(InboundAuth::Kind::None));
    });
    validate();
}

ProxyDialog::~ProxyDialog() = default;

bool ProxyDialog::userMayRun(const QString &aliasName) const
{
    const Alias *alias = m_workspace.alias(aliasName);
    const TechnicalUser *user = alias ? m_workspace.technicalUser(alias->technicalUser) : nullptr;
    return user && user->projects.contains(m_ui->projectCombo->currentText());
}

void ProxyDialog::markOutboundChoices()
{
    // Before OK, not after: an alias whose user has no role on the project is marked in the list.
    const QString project = m_ui->projectCombo->currentText();
    const QColor warning = toneColour(Tone::Warning, palette());
    for (int i = 1; i < m_ui->outboundCombo->count(); ++i) {
        const QString name = m_ui->outboundCombo->itemData(i).toString();
        const Alias *alias = m_workspace.alias(name);
        if (!alias) {
            m_ui->outboundCombo->setItemText(i, tr("alias %1 (missing)").arg(name));
            m_ui->outboundCombo->setItemData(i, warning, Qt::ForegroundRole);
            continue;
        }
        const bool fits = userMayRun(name);
        m_ui->outboundCombo->setItemText(
            i, fits ? tr("alias %1 (Basic as %2)").arg(name, alias->technicalUser)
                    : tr("alias %1 (Basic as %2) ⚠ no role on %3").arg(name, alias->technicalUser, project));
        m_ui->outboundCombo->setItemData(i, fits ? QVariant() : QVariant(warning), Qt::ForegroundRole);
    }
}

void ProxyDialog::updateOutboundNote()
{
    const QString name = m_ui->outboundCombo->currentData().toString();
    const Alias *alias = m_workspace.alias(name);
    const QString project = m_ui->projectCombo->currentText();
    QString note;
    if (alias && m_workspace.project(project) && !userMayRun(name)) {
        note = m_workspace.technicalUser(alias->technicalUser)
                   ? tr("%1 has no role on project %2: .io will answer 401 to this proxy's calls. Pick an alias "
                        "marked without ⚠, or give %1 a role on %2 (Technical users tab).")
                         .arg(alias->technicalUser, project)
                   : tr("Alias %1 names technical user %2, which is not in the workspace.")
                         .arg(name, alias->technicalUser);
    }
    m_ui->outboundNote->setStyleSheet(toneStyle(Tone::Warning, palette()));
    m_ui->outboundNote->setText(note);
    m_ui->outboundNote->setVisible(!note.isEmpty());
}

QString ProxyDialog::outboundNote() const
{
    return m_ui->outboundNote->text();
}

void ProxyDialog::fillIntegrations()
{
    const QString current = m_ui->integrationCombo->currentText();
    const QSignalBlocker blocker(m_ui->integrationCombo);
    m_ui->integrationCombo->clear();
    if (const IoProject *project = m_workspace.project(m_ui->projectCombo->currentText())) {
        for (const Integration &integration : project->integrations)
            m_ui->integrationCombo->addItem(integration.name);
    }
    m_ui->integrationCombo->setCurrentIndex(qMax(0, m_ui->integrationCombo->findText(current)));
}

GatewayProxy ProxyDialog::proxy() const
{
    GatewayProxy p = m_original;
    p.name = m_ui->nameEdit->text().trimmed();
    p.version = m_ui->versionEdit->text().trimmed();
    p.description = m_ui->descriptionEdit->text().trimmed();
    p.project = m_ui->projectCombo->currentText();
    p.integration = m_ui->integrationCombo->currentText();
    p.inbound.kind = InboundAuth::Kind(m_ui->inboundCombo->currentData().toInt());
    p.inbound.scopes = p.inbound.kind == InboundAuth::Kind::None
                           ? QStringList()
                           : m_ui->scopesEdit->text().split(u' ', Qt::SkipEmptyParts);
    p.routingEndpoint = m_ui->routingEdit->text().trimmed();
    const QString alias = m_ui->outboundCombo->currentData().toString();
    p.outbound = alias.isEmpty() ? OutboundAuth{OutboundAuth::Kind::None, QString()}
                                 : OutboundAuth{OutboundAuth::Kind::Alias, alias};
    p.active = m_ui->activeCheck->isChecked();
    return p;
}

QString ProxyDialog::validationMessage() const
{
    return m_ui->validationMessage->text();
}

void ProxyDialog::validate()
{
    updateOutboundNote();
    const GatewayProxy p = proxy();
    QString message;
    const GatewayProxy *existing = m_workspace.proxy(p.name, p.version);
    if (p.name.isEmpty())
        message = tr("Enter the proxy's name.");
    else if (p.version.isEmpty())
        message = tr("Enter the proxy's version.");
    else if (existing && existing != m_workspace.proxies.constData() + m_row)
        message = tr("Proxy %1 %2 already exists.").arg(p.name, p.version);
    else if (m_workspace.projects.isEmpty())
        message = tr("Add a .io project first: a proxy fronts one of its integrations.");
    else if (!m_workspace.project(p.project))
        message = tr("Project %1 does not exist.").arg(p.project);
    else if (p.integration.isEmpty())
        message = tr("Project %1 has no integration yet: add one to the project first.").arg(p.project);
    else if (p.outbound.kind == OutboundAuth::Kind::Alias && !m_workspace.alias(p.outbound.alias))
        message = tr("Alias %1 does not exist.").arg(p.outbound.alias);
    else {
        const qsizetype index = m_row < 0 ? m_workspace.proxies.size() : m_row;
        using ItemValidation::labelText;
        message =
            ItemValidation::firstProblemAt(WorkspaceEdits::putProxy(m_workspace, m_row, p), u"/proxies/%1"_s.arg(index),
                                           {{u"name"_s, labelText(m_ui->nameEditLabel)},
                                            {u"version"_s, labelText(m_ui->versionEditLabel)},
                                            {u"description"_s, labelText(m_ui->descriptionEditLabel)},
                                            {u"project"_s, labelText(m_ui->projectComboLabel)},
                                            {u"integration"_s, labelText(m_ui->integrationComboLabel)},
                                            {u"inboundAuth"_s, labelText(m_ui->inboundComboLabel)},
                                            {u"inboundAuth/scopes"_s, labelText(m_ui->scopesEditLabel)},
                                            {u"routingEndpoint"_s, labelText(m_ui->routingEditLabel)},
                                            {u"outboundAuth"_s, labelText(m_ui->outboundComboLabel)}});
    }
    m_ui->validationMessage->setText(message);
    m_ui->validationMessage->setVisible(!message.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

} // namespace gw
