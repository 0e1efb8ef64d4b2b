// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenlabpage.h"

#include "oauth/introspectionjob.h"
#include "oauth/tokensession.h"
#include "services.h"
#include "workspacedocument.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTime>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

QString claimDisplay(const QString &name, const QJsonValue &value)
{
    if ((name == u"exp"_s || name == u"iat"_s || name == u"nbf"_s || name == u"auth_time"_s) && value.isDouble()) {
        const QDateTime time = QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
        return u"%1  (%2)"_s.arg(QString::number(qint64(value.toDouble())),
                                 time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    }
    if (value.isString())
        return value.toString();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QStringList workspaceScopes(const Workspace &workspace)
{
    QStringList scopes;
    for (const GatewayProxy &proxy : workspace.proxies) {
        for (const QString &scope : proxy.inbound.scopes) {
            if (!scopes.contains(scope))
                scopes << scope;
        }
    }
    return scopes;
}

} // namespace

TokenLabPage::TokenLabPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_session(services.tokenSession)
{
    setObjectName(u"tokenLabPage"_s);
    auto *layout = new QVBoxLayout(this);

    auto *clientBox = new QGroupBox(tr("Authorization server and client"), this);
    auto *form = new QFormLayout(clientBox);
    m_environment = new QComboBox(clientBox);
    m_environment->setObjectName(u"environment"_s);
    m_clientId = new QLineEdit(clientBox);
    m_clientId->setObjectName(u"clientId"_s);
    m_authMethod = new QComboBox(clientBox);
    m_authMethod->setObjectName(u"authMethod"_s);
    m_authMethod->addItem(tr("Confidential: client_secret_basic"),
                          int(OAuthClientConfig::AuthMethod::ClientSecretBasic));
    m_authMethod->addItem(tr("Confidential: client_secret_post"), int(OAuthClientConfig::AuthMethod::ClientSecretPost));
    m_authMethod->addItem(tr("Public client (PKCE, no secret)"), int(OAuthClientConfig::AuthMethod::None));
    m_scopes = new QLineEdit(clientBox);
    m_scopes->setObjectName(u"scopes"_s);
    m_scopes->setPlaceholderText(tr("space-separated; empty: the server's default"));
    form->addRow(tr("Environment:"), m_environment);
    form->addRow(tr("Client id:"), m_clientId);
    form->addRow(tr("Client type:"), m_authMethod);
    form->addRow(tr("Scopes:"), m_scopes);
    layout->addWidget(clientBox);

    auto *actions = new QHBoxLayout;
    m_getToken = new QPushButton(tr("Get token"), this);
    m_getToken->setObjectName(u"getToken"_s);
    m_getToken->setToolTip(tr("client_credentials grant with the client secret from the keychain"));
    m_signIn = new QPushButton(tr("Sign in with browser…"), this);
    m_signIn->setObjectName(u"signIn"_s);
    m_signIn->setToolTip(tr("Authorization code with PKCE in the system browser; the answer comes back to "
                            "127.0.0.1 on a one-time port"));
    m_refresh = new QPushButton(tr("Renew now"), this);
    m_refresh->setObjectName(u"refresh"_s);
    m_introspect = new QPushButton(tr("Introspect"), this);
    m_introspect->setObjectName(u"introspect"_s);
    m_revoke = new QPushButton(tr("Revoke"), this);
    m_revoke->setObjectName(u"revoke"_s);
    m_signOut = new QPushButton(tr("Sign out"), this);
    m_signOut->setObjectName(u"signOut"_s);
    m_copy = new QPushButton(tr("Copy token"), this);
    m_copy->setObjectName(u"copy"_s);
    m_copy->setToolTip(tr("Copies the access token to the clipboard. Nothing is copied unless you click here."));
    for (QPushButton *button : {m_getToken, m_signIn, m_refresh, m_introspect, m_revoke, m_signOut, m_copy})
        actions->addWidget(button);
    actions->addStretch();
    layout->addLayout(actions);

    auto *statusRow = new QHBoxLayout;
    m_signature = new QLabel(this);
    m_signature->setObjectName(u"signatureStatus"_s);
    m_signature->setTextFormat(Qt::RichText);
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(u"countdown"_s);
    m_autoRefresh = new QCheckBox(tr("Renew automatically before expiry"), this);
    m_autoRefresh->setObjectName(u"autoRefresh"_s);
    m_nextRenewal = new QLabel(this);
    m_nextRenewal->setObjectName(u"nextRenewal"_s);
    m_busy = new QLabel(this);
    m_busy->setObjectName(u"busy"_s);
    // Long verification texts wrap instead of widening the window (the page fits 1024 px).
    m_signature->setWordWrap(true);
    m_nextRenewal->setWordWrap(true);
    layout->addWidget(m_signature);
    statusRow->addWidget(m_countdown);
    statusRow->addSpacing(16);
    statusRow->addWidget(m_autoRefresh);
    statusRow->addWidget(m_nextRenewal, 1);
    layout->addLayout(statusRow);
    m_tokenPreview = new QLabel(this);
    m_tokenPreview->setObjectName(u"tokenPreview"_s);
    m_tokenPreview->setTextInteractionFlags(Qt::NoTextInteraction);
    m_tokenPreview->setWordWrap(true);
    layout->addWidget(m_tokenPreview);
    layout->addWidget(m_busy);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *tabs = new QTabWidget(splitter);
    m_claims = new QTreeWidget(tabs);
    m_claims->setObjectName(u"claims"_s);
    m_claims->setColumnCount(2);
    m_claims->setHeaderLabels({tr("Claim"), tr("Value")});
    m_claims->setRootIsDecorated(false);
    m_claims->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_header = new QPlainTextEdit(tabs);
    m_header->setObjectName(u"header"_s);
    m_header->setReadOnly(true);
    tabs->addTab(m_claims, tr("Claims"));
    tabs->addTab(m_header, tr("Header"));
    m_log = new QPlainTextEdit(splitter);
    m_log->setObjectName(u"activity"_s);
    m_log->setReadOnly(true);
    m_log->setPlaceholderText(tr("Activity: tokens obtained, renewals, introspection and revocation results."));
    splitter->addWidget(tabs);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    m_autoRefresh->setChecked(m_session->autoRefresh());
    connect(m_autoRefresh, &QCheckBox::toggled, m_session, &TokenSession::setAutoRefresh);
    connect(m_getToken, &QPushButton::clicked, this, [this] {
        applyConfig();
        m_session->requestToken();
    });
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        applyConfig();
        m_session->signIn();
    });
    connect(m_refresh, &QPushButton::clicked, m_session, &TokenSession::refresh);
    connect(m_introspect, &QPushButton::clicked, m_session, &TokenSession::introspect);
    connect(m_revoke, &QPushButton::clicked, m_session, &TokenSession::revokeAccessToken);
    connect(m_signOut, &QPushButton::clicked, m_session, &TokenSession::signOut);
    connect(m_copy, &QPushButton::clicked, this, &TokenLabPage::copyToken);
    connect(m_environment, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        const Workspace &workspace = m_document.workspace();
        for (const Environment &environment : workspace.environments) {
            if (environment.name == name)
                m_clientId->setText(environment.oauth.clientId);
        }
    });

    connect(m_session, &TokenSession::tokenChanged, this, &TokenLabPage::showToken);
    connect(m_session, &TokenSession::busyChanged, this, [this](bool busy, const QString &activity) {
        m_busy->setText(busy ? activity + u"…"_s : QString());
        updateButtons();
    });
    connect(m_session, &TokenSession::failed, this, &TokenLabPage::onFailed);
    connect(m_session, &TokenSession::notice, this, &TokenLabPage::log);
    connect(m_session, &TokenSession::introspected, this, &TokenLabPage::onIntrospected);
    connect(m_session, &TokenSession::revoked, this, [this](const QString &note) { log(tr("Revoked. ") + note); });
    connect(m_session, &TokenSession::sessionEnded, this, &TokenLabPage::log);
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, &TokenLabPage::reloadEnvironments);
    connect(&m_document, &WorkspaceDocument::documentReset, this, [this] {
        m_session->setConfig({});
        reloadEnvironments();
    });
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this,
            [this](const QString &name) { m_environment->setCurrentText(name); });

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TokenLabPage::updateCountdown);
    m_tick.start();
    reloadEnvironments();
    showToken();
}

TokenLabPage::~TokenLabPage() = default;

void TokenLabPage::reloadEnvironments()
{
    const QString current =
        m_environment->currentText().isEmpty() ? m_document.currentEnvironment() : m_environment->currentText();
    QSignalBlocker blocker(m_environment);
    m_environment->clear();
    for (const Environment &environment : m_document.workspace().environments)
        m_environment->addItem(environment.name);
    m_environment->setCurrentText(current);
    blocker.unblock();
    for (const Environment &environment : m_document.workspace().environments) {
        if (environment.name == m_environment->currentText() && m_clientId->text().isEmpty())
            m_clientId->setText(environment.oauth.clientId);
    }
    if (m_scopes->text().isEmpty())
        m_scopes->setText(workspaceScopes(m_document.workspace()).join(u' '));
}

void TokenLabPage::applyConfig()
{
    TokenSessionConfig config;
    config.environment = m_environment->currentText();
    for (const Environment &environment : m_document.workspace().environments) {
        if (environment.name == config.environment)
            config.server = environment.oauth;
    }
    config.clientId = m_clientId->text().trimmed();
    config.authMethod = OAuthClientConfig::AuthMethod(m_authMethod->currentData().toInt());
    config.scopes = m_scopes->text().split(u' ', Qt::SkipEmptyParts);
    const TokenSessionConfig &old = m_session->config();
    const bool same = old.environment == config.environment && old.server == config.server &&
                      old.clientId == config.clientId && old.authMethod == config.authMethod &&
                      old.scopes == config.scopes;
    if (!same)
        m_session->setConfig(config);
}

void TokenLabPage::showToken()
{
    const TokenInfo &token = m_session->token();
    m_claims->clear();
    m_header->clear();
    if (token.isEmpty()) {
        m_signature->setText(tr("No token. Get one with the client's secret, or sign in with the browser."));
        m_tokenPreview->clear();
    } else {
        const QString verification = token.verificationText.toHtmlEscaped();
        switch (token.verification) {
        case TokenInfo::Verification::Verified:
            if (token.revokedAt.isValid())
                // Still a good signature: what a gateway validating locally sees, until exp.
                m_signature->setText(u"<b style=\"color:#b26a00\">"_s +
                                     tr("Revoked at %1").arg(token.revokedAt.toLocalTime().toString(u"HH:mm:ss"_s)) +
                                     u"</b> — "_s +
                                     tr("signature still verifies: a gateway that validates it locally accepts it "
                                        "until it expires; one that introspects it refuses it now."));
            else
                m_signature->setText(u"<b style=\"color:#1b7f3b\">&#10004; "_s + verification + u"</b>"_s);
            break;
        case TokenInfo::Verification::Invalid:
            m_signature->setText(u"<b style=\"color:#b00020\">&#10008; "_s +
                                 (token.signatureVerified ? tr("Token not valid") : tr("Signature NOT verified")) +
                                 u"</b> — "_s + verification);
            break;
        case TokenInfo::Verification::Pending:
            m_signature->setText(u"<b style=\"color:#b26a00\">"_s + tr("Signature NOT verified") + u"</b> — "_s +
                                 tr("verification under way"));
            break;
        case TokenInfo::Verification::Opaque:
            m_signature->setText(u"<b>"_s + tr("Opaque token") + u"</b> — "_s + verification);
            break;
        case TokenInfo::Verification::None:
            break;
        }
        const QString preview =
            token.accessToken.left(16) + u"…"_s +
            tr(" (%1 characters, %2 grant%3)")
                .arg(token.accessToken.size())
                .arg(token.grant, token.hasRefreshToken ? tr("; refresh token in the keychain") : QString());
        m_tokenPreview->setText(tr("Access token (memory only): ") + preview);
        for (auto it = token.claims.begin(); it != token.claims.end(); ++it)
            new QTreeWidgetItem(m_claims, {it.key(), claimDisplay(it.key(), it.value())});
        if (!token.header.isEmpty())
            m_header->setPlainText(QString::fromUtf8(QJsonDocument(token.header).toJson(QJsonDocument::Indented)));
        if (!token.missingScopes.isEmpty())
            new QTreeWidgetItem(m_claims, {tr("(not granted)"), token.missingScopes.join(u' ')});
    }
    updateCountdown();
    updateButtons();
}

void TokenLabPage::updateCountdown()
{
    const TokenInfo &token = m_session->token();
    const auto left = token.secondsLeft(QDateTime::currentDateTimeUtc());
    if (token.isEmpty() || !left) {
        m_countdown->setText(token.isEmpty() ? QString() : tr("Expiry unknown"));
    } else if (*left <= 0) {
        m_countdown->setText(u"<b style=\"color:#b00020\">"_s + tr("Expired") + u"</b>"_s);
    } else {
        m_countdown->setText(tr("Expires in %1")
                                 .arg(QTime(0, 0)
                                          .addSecs(int(qMin<qint64>(*left, 86399)))
                                          .toString(*left >= 3600 ? u"H:mm:ss"_s : u"m:ss"_s)));
    }
    const QDateTime next = m_session->nextAutoRefresh();
    m_nextRenewal->setText(m_session->autoRefresh() && next.isValid()
                               ? tr("next renewal at %1").arg(next.toLocalTime().toString(u"HH:mm:ss"_s))
                               : QString());
}

void TokenLabPage::updateButtons()
{
    const bool busy = m_session->isBusy();
    const bool hasToken = !m_session->token().isEmpty();
    m_getToken->setEnabled(!busy && !m_environment->currentText().isEmpty());
    m_signIn->setEnabled(!busy && !m_environment->currentText().isEmpty());
    m_refresh->setEnabled(!busy && hasToken);
    m_introspect->setEnabled(!busy && hasToken);
    m_revoke->setEnabled(!busy && hasToken);
    m_signOut->setEnabled(!busy && (hasToken || m_session->token().hasRefreshToken));
    m_copy->setEnabled(hasToken);
}

void TokenLabPage::log(const QString &text)
{
    m_log->appendPlainText(QTime::currentTime().toString(u"HH:mm:ss  "_s) + text);
}

void TokenLabPage::onFailed(const OAuthError &error)
{
    log(tr("Failed: ") + error.message);
}

void TokenLabPage::onIntrospected(const IntrospectionResult &result)
{
    const QString members = QString::fromUtf8(QJsonDocument(result.members).toJson(QJsonDocument::Compact));
    log(result.active ? tr("Introspection: the token is ACTIVE. ") + members
                      : tr("Introspection: the token is NOT active (only \"active\": true counts). ") + members);
}

void TokenLabPage::copyToken()
{
    if (m_session->token().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_session->token().accessToken);
    log(tr("Access token copied to the clipboard."));
}

} // namespace gw
