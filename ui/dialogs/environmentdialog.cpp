// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentdialog.h"
#include "ui_environmentdialog.h"

#include "itemvalidation.h"

#include "oauth/discoveryjob.h"
#include "secrets/secretkey.h"
#include "workspacevalidator.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace gw {

EnvironmentDialog::EnvironmentDialog(const Workspace &workspace, qsizetype row, QNetworkAccessManager *network,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::EnvironmentDialog>())
    , m_workspace(workspace)
    , m_row(row)
    , m_network(network)
{
    m_ui->setupUi(this);
    setObjectName(u"environmentDialog"_s);
    m_ui->encodingCombo->addItem(tr("base64 (as the admin API documents)"), u"base64"_s);
    m_ui->encodingCombo->addItem(tr("plain text"), u"plain"_s);
    m_ui->authMethodCombo->addItem(tr("HTTP Basic (client_secret_basic)"), u"basic"_s);
    m_ui->authMethodCombo->addItem(tr("in the form (client_secret_post)"), u"post"_s);
    if (row >= 0 && row < workspace.environments.size()) {
        m_original = workspace.environments.at(row);
        setWindowTitle(tr("Edit environment %1").arg(m_original.name));
    } else {
        setWindowTitle(tr("Add environment"));
    }
    const Environment &e = m_original;
    m_ui->nameEdit->setText(e.name);
    m_ui->productionCheck->setChecked(e.production);
    m_ui->gatewayUrlEdit->setText(e.gatewayUrl);
    m_ui->adminUserEdit->setText(e.adminUser);
    m_ui->encodingCombo->setCurrentIndex(e.aliasPasswordEncoding == Environment::AliasPasswordEncoding::Plain ? 1 : 0);
    m_ui->caFileEdit->setText(e.tls.caCertificateFile);
    m_ui->pinEdit->setText(e.tls.pinnedSha256);
    m_ui->tenantUrlEdit->setText(e.ioTenantUrl);
    m_ui->tenantUserEdit->setText(e.ioTenantUser);
    m_ui->issuerEdit->setText(e.oauth.issuer);
    m_ui->tokenEndpointEdit->setText(e.oauth.tokenEndpoint);
    m_ui->jwksUriEdit->setText(e.oauth.jwksUri);
    m_ui->introspectionEdit->setText(e.oauth.introspectionEndpoint);
    m_ui->revocationEdit->setText(e.oauth.revocationEndpoint);
    m_ui->authorizationEdit->setText(e.oauth.authorizationEndpoint);
    m_ui->clientIdEdit->setText(e.oauth.clientId);
    m_ui->authMethodCombo->setCurrentIndex(e.oauth.clientAuthMethod == OAuthServer::ClientAuthMethod::Post ? 1 : 0);
    m_ui->audienceEdit->setText(e.oauth.audience);
    m_ui->resourceEdit->setText(e.oauth.resource);

    const auto edits = findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits)
        connect(edit, &QLineEdit::textChanged, this, &EnvironmentDialog::validate);
    connect(m_ui->discoverButton, &QPushButton::clicked, this, &EnvironmentDialog::discover);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

EnvironmentDialog::~EnvironmentDialog() = default;

Environment EnvironmentDialog::environment() const
{
    Environment e = m_original;
    e.name = m_ui->nameEdit->text().trimmed();
    e.production = m_ui->productionCheck->isChecked();
    e.gatewayUrl = m_ui->gatewayUrlEdit->text().trimmed();
    e.adminUser = m_ui->adminUserEdit->text().trimmed();
    e.aliasPasswordEncoding = m_ui->encodingCombo->currentData().toString() == u"plain"_s
                                  ? Environment::AliasPasswordEncoding::Plain
                                  : Environment::AliasPasswordEncoding::Base64;
    e.tls.caCertificateFile = m_ui->caFileEdit->text().trimmed();
    e.tls.pinnedSha256 = m_ui->pinEdit->text().trimmed().remove(u':');
    e.ioTenantUrl = m_ui->tenantUrlEdit->text().trimmed();
    e.ioTenantUser = m_ui->tenantUserEdit->text().trimmed();
    e.oauth.issuer = m_ui->issuerEdit->text().trimmed();
    e.oauth.tokenEndpoint = m_ui->tokenEndpointEdit->text().trimmed();
    e.oauth.jwksUri = m_ui->jwksUriEdit->text().trimmed();
    e.oauth.introspectionEndpoint = m_ui->introspectionEdit->text().trimmed();
    e.oauth.revocationEndpoint = m_ui->revocationEdit->text().trimmed();
    e.oauth.authorizationEndpoint = m_ui->authorizationEdit->text().trimmed();
    e.oauth.clientId = m_ui->clientIdEdit->text().trimmed();
    e.oauth.clientAuthMethod = m_ui->authMethodCombo->currentData().toString() == u"post"_s
                                   ? OAuthServer::ClientAuthMethod::Post
                                   : OAuthServer::ClientAuthMethod::Basic;
    e.oauth.audience = m_ui->audienceEdit->text().trimmed();
    e.oauth.resource = m_ui->resourceEdit->text().trimmed();
    // Keychain references follow the names they are keyed by.
    if (e.adminPassword.isSet() || !m_ui->adminPasswordEdit->text().isEmpty())
        e.adminPassword = SecretRef{SecretKey::GatewayAdmin + u'/' + e.adminUser};
    if (!e.oauth.clientId.isEmpty() && (e.oauth.clientSecret.isSet() || !m_ui->clientSecretEdit->text().isEmpty()))
        e.oauth.clientSecret = SecretRef{SecretKey::OAuthClientSecret + u'/' + e.oauth.clientId};
    if (e.oauth.clientId.isEmpty())
        e.oauth.clientSecret = {};
    return e;
}

QHash<QString, QString> EnvironmentDialog::typedSecrets() const
{
    const Environment e = environment();
    QHash<QString, QString> secrets;
    if (!m_ui->adminPasswordEdit->text().isEmpty())
        secrets.insert(SecretKey::gatewayAdmin(e.name, e.adminUser).keychainKey(), m_ui->adminPasswordEdit->text());
    if (!m_ui->tenantPasswordEdit->text().isEmpty() && !e.ioTenantUser.isEmpty())
        secrets.insert(SecretKey::tenantUser(e.name, e.ioTenantUser).keychainKey(), m_ui->tenantPasswordEdit->text());
    if (!m_ui->clientSecretEdit->text().isEmpty() && !e.oauth.clientId.isEmpty())
        secrets.insert(SecretKey::oauthClient(e.name, e.oauth.clientId).keychainKey(), m_ui->clientSecretEdit->text());
    return secrets;
}

QString EnvironmentDialog::validationMessage() const
{
    Workspace candidate = m_workspace;
    if (m_row >= 0 && m_row < candidate.environments.size())
        candidate.environments[m_row] = environment();
    else
        candidate.environments.append(environment());
    const qsizetype index = m_row >= 0 ? m_row : candidate.environments.size() - 1;
    using ItemValidation::labelText;
    return ItemValidation::firstProblemAt(candidate, u"/environments/%1"_s.arg(index),
                                          {{u"name"_s, labelText(m_ui->nameEditLabel)},
                                           {u"gatewayUrl"_s, labelText(m_ui->gatewayUrlEditLabel)},
                                           {u"adminUser"_s, labelText(m_ui->adminUserEditLabel)},
                                           {u"adminPasswordRef"_s, labelText(m_ui->adminPasswordEditLabel)},
                                           {u"tls/caCertificateFile"_s, labelText(m_ui->caFileEditLabel)},
                                           {u"tls/pinnedSha256"_s, labelText(m_ui->pinEditLabel)},
                                           {u"tls/verifyPeer"_s, tr("Certificate checks")},
                                           {u"ioTenantUrl"_s, labelText(m_ui->tenantUrlEditLabel)},
                                           {u"tenantUser"_s, labelText(m_ui->tenantUserEditLabel)},
                                           {u"oauth/issuer"_s, labelText(m_ui->issuerEditLabel)},
                                           {u"oauth/authorizationEndpoint"_s, labelText(m_ui->authorizationEditLabel)},
                                           {u"oauth/tokenEndpoint"_s, labelText(m_ui->tokenEndpointEditLabel)},
                                           {u"oauth/jwksUri"_s, labelText(m_ui->jwksUriEditLabel)},
                                           {u"oauth/introspectionEndpoint"_s, labelText(m_ui->introspectionEditLabel)},
                                           {u"oauth/revocationEndpoint"_s, labelText(m_ui->revocationEditLabel)},
                                           {u"oauth/clientSecretRef"_s, labelText(m_ui->clientSecretEditLabel)},
                                           {u"oauth/resource"_s, labelText(m_ui->resourceEditLabel)}});
}

void EnvironmentDialog::validate()
{
    const QString message = validationMessage();
    m_ui->problemLabel->setText(message);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    m_ui->discoverButton->setEnabled(!m_ui->issuerEdit->text().trimmed().isEmpty() && m_network && !m_discovery);
}

void EnvironmentDialog::discover()
{
    m_discovery = new DiscoveryJob(m_network, m_ui->issuerEdit->text().trimmed(), this);
    m_ui->discoverButton->setEnabled(false);
    m_ui->problemLabel->setText(tr("Reading the issuer's metadata…"));
    connect(m_discovery, &DiscoveryJob::finished, this, [this, job = m_discovery] {
        job->deleteLater();
        m_discovery.clear();
        if (job->error().isError()) {
            validate();
            m_ui->problemLabel->setText(tr("Discover: %1").arg(job->error().message));
            Q_EMIT discoveryFinished(job->error().message);
            return;
        }
        const AuthorizationServerMetadata &metadata = job->metadata();
        m_ui->tokenEndpointEdit->setText(metadata.tokenEndpoint.toString());
        m_ui->jwksUriEdit->setText(metadata.jwksUri.toString());
        m_ui->introspectionEdit->setText(metadata.introspectionEndpoint.toString());
        m_ui->revocationEdit->setText(metadata.revocationEndpoint.toString());
        m_ui->authorizationEdit->setText(metadata.authorizationEndpoint.toString());
        // The server says which client authentication it takes; keep the choice when it allows it.
        if (!metadata.tokenEndpointAuthMethods.isEmpty() &&
            !metadata.tokenEndpointAuthMethods.contains(u"client_secret_basic"_s) &&
            metadata.tokenEndpointAuthMethods.contains(u"client_secret_post"_s))
            m_ui->authMethodCombo->setCurrentIndex(1);
        validate();
        Q_EMIT discoveryFinished({});
    });
    m_discovery->start();
}

} // namespace gw
