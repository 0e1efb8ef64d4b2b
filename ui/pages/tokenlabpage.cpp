// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenlabpage.h"
#include "widgets/tones.h"

#include "oauth/introspectionjob.h"
#include "oauth/tokeninspection.h"
#include "oauth/tokensession.h"
#include "services.h"
#include "widgets/tokentexts.h"
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

#include <optional>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

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
    auto *pageLayout = new QVBoxLayout(this);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"labTabs"_s);
    pageLayout->addWidget(m_tabs);
    auto *sessionTab = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(sessionTab);
    m_tabs->addTab(sessionTab, tr("Client token"));

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
        // Another workspace: nothing typed for the previous one applies (client, scopes, what happened to its tokens).
        m_session->setConfig({});
        clearPasted();
        m_log->clear();
        m_loggedReceivedAt = QDateTime();
        m_loggedVerification = TokenInfo::Verification::None;
        m_clientId->clear();
        m_scopes->clear();
        m_environment->clear();
        reloadEnvironments();
    });
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this,
            [this](const QString &name) { m_environment->setCurrentText(name); });

    buildPasteTab();
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
    m_session->ensureConfig(config);
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
        m_signature->setText(TokenTexts::signatureHtml(token));
        const QString preview =
            token.accessToken.left(16) + u"…"_s +
            tr(" (%1 characters, %2 grant%3)")
                .arg(token.accessToken.size())
                .arg(token.grant, token.hasRefreshToken ? tr("; refresh token in the keychain") : QString());
        m_tokenPreview->setText(tr("Access token (memory only): ") + preview);
        TokenTexts::fillTokenViews(token, m_claims, m_header);
        // The activity log records each token received and how its check ended (never the token itself).
        if (token.receivedAt != m_loggedReceivedAt) {
            m_loggedReceivedAt = token.receivedAt;
            m_loggedVerification = TokenInfo::Verification::None;
            log(tr("Token received (%1 grant%2).")
                    .arg(token.grant,
                         token.expiresAt.isValid()
                             ? tr(", expires %1")
                                   .arg(QLocale().toString(token.expiresAt.toLocalTime().time(), QLocale::LongFormat))
                             : QString()));
        }
        if (token.verification != TokenInfo::Verification::Pending && token.verification != m_loggedVerification) {
            m_loggedVerification = token.verification;
            log(token.verificationText);
        }
        if (!token.missingScopes.isEmpty())
            new QTreeWidgetItem(m_claims, {tr("(not granted)"), token.missingScopes.join(u' ')});
        else if (!token.grantedScopes && !token.requestedScopes.isEmpty())
            new QTreeWidgetItem(
                m_claims,
                {tr("(scopes)"), tr("not stated by the server; asked for %1").arg(token.requestedScopes.join(u' '))});
    }
    updateCountdown();
    updateButtons();
}

void TokenLabPage::updateCountdown()
{
    const TokenInfo &token = m_session->token();
    m_countdown->setText(TokenTexts::expiryText(token, QDateTime::currentDateTimeUtc()));
    if (!m_pasted.isEmpty())
        m_pasteExpiry->setText(TokenTexts::expiryText(m_pasted, QDateTime::currentDateTimeUtc()));
    m_nextRenewal->setText(TokenTexts::renewalText(*m_session));
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
    if (m_pasteVerify)
        m_pasteVerify->setEnabled(!m_pasteWaiting && !m_pasted.isEmpty() &&
                                  !(busy && m_pasteKeySource->currentData().toString() == u"environment"_s));
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

void TokenLabPage::buildPasteTab()
{
    auto *tab = new QWidget(m_tabs);
    tab->setObjectName(u"pasteTab"_s);
    auto *layout = new QVBoxLayout(tab);
    auto *note = new QLabel(tr("Decode and verify a token obtained elsewhere (another client, a log, a colleague). "
                               "Nothing pasted here is saved or sent, except to the environment's JWKS address "
                               "when you verify with it."),
                            tab);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_pasteToken = new QPlainTextEdit(tab);
    m_pasteToken->setObjectName(u"pasteToken"_s);
    m_pasteToken->setPlaceholderText(tr("Paste a JWT (eyJ…), or a whole \"Authorization: Bearer …\" value"));
    m_pasteToken->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    layout->addWidget(m_pasteToken);

    auto *form = new QFormLayout;
    m_pasteKeySource = new QComboBox(tab);
    m_pasteKeySource->setObjectName(u"pasteKeySource"_s);
    m_pasteKeySource->addItem(tr("The environment's JWKS (from the issuer's metadata)"), u"environment"_s);
    m_pasteKeySource->addItem(tr("Keys pasted below (JWKS, JWK or PEM)"), u"pasted"_s);
    m_pasteKeySource->addItem(tr("None: decode only"), u"none"_s);
    form->addRow(tr("Verify with:"), m_pasteKeySource);
    m_pasteKeys = new QPlainTextEdit(tab);
    m_pasteKeys->setObjectName(u"pasteKeys"_s);
    m_pasteKeys->setPlaceholderText(tr("{\"keys\": [...]} as the issuer's jwks_uri serves it, one JWK, or "
                                       "-----BEGIN PUBLIC KEY----- / -----BEGIN CERTIFICATE-----"));
    m_pasteKeys->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    form->addRow(tr("Keys:"), m_pasteKeys);
    m_pasteAlgorithm = new QComboBox(tab);
    m_pasteAlgorithm->setObjectName(u"pasteAlgorithm"_s);
    m_pasteAlgorithm->addItem(tr("From the key (RS256 for RSA, the curve's for EC)"), QString());
    for (const JwsAlgorithm algorithm : JwsAlgorithms::all())
        m_pasteAlgorithm->addItem(JwsAlgorithms::name(algorithm), JwsAlgorithms::name(algorithm));
    m_pasteAlgorithm->setToolTip(tr("A PEM key does not say which algorithm it signs with; the token's own \"alg\" "
                                    "is never trusted for that (RFC 8725 §3.1)."));
    form->addRow(tr("PEM key algorithm:"), m_pasteAlgorithm);
    m_pasteIssuer = new QLineEdit(tab);
    m_pasteIssuer->setObjectName(u"pasteIssuer"_s);
    m_pasteIssuer->setPlaceholderText(tr("empty: the issuer is not checked"));
    form->addRow(tr("Expected issuer:"), m_pasteIssuer);
    m_pasteAudience = new QLineEdit(tab);
    m_pasteAudience->setObjectName(u"pasteAudience"_s);
    m_pasteAudience->setPlaceholderText(tr("empty: the audience is not checked"));
    form->addRow(tr("Expected audience:"), m_pasteAudience);
    m_pasteProfile = new QCheckBox(tr("Access token (header typ at+jwt, RFC 9068), as the console's own tokens"), tab);
    m_pasteProfile->setObjectName(u"pasteProfile"_s);
    m_pasteProfile->setChecked(true);
    form->addRow(QString(), m_pasteProfile);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_pasteVerify = new QPushButton(tr("Verify"), tab);
    m_pasteVerify->setObjectName(u"pasteVerify"_s);
    auto *clear = new QPushButton(tr("Clear"), tab);
    clear->setObjectName(u"pasteClear"_s);
    buttons->addWidget(m_pasteVerify);
    buttons->addWidget(clear);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_pasteStatus = new QLabel(tab);
    m_pasteStatus->setObjectName(u"pasteStatus"_s);
    m_pasteStatus->setTextFormat(Qt::RichText);
    m_pasteStatus->setWordWrap(true);
    layout->addWidget(m_pasteStatus);
    m_pasteExpiry = new QLabel(tab);
    m_pasteExpiry->setObjectName(u"pasteExpiry"_s);
    layout->addWidget(m_pasteExpiry);
    auto *views = new QTabWidget(tab);
    m_pasteClaims = new QTreeWidget(views);
    m_pasteClaims->setObjectName(u"pasteClaims"_s);
    m_pasteClaims->setColumnCount(2);
    m_pasteClaims->setHeaderLabels({tr("Claim"), tr("Value")});
    m_pasteClaims->setRootIsDecorated(false);
    m_pasteClaims->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_pasteHeader = new QPlainTextEdit(views);
    m_pasteHeader->setObjectName(u"pasteHeader"_s);
    m_pasteHeader->setReadOnly(true);
    views->addTab(m_pasteClaims, tr("Claims"));
    views->addTab(m_pasteHeader, tr("Header"));
    layout->addWidget(views, 1);
    m_tabs->addTab(tab, tr("Paste a token"));

    const auto sourceChanged = [this] {
        const QString source = m_pasteKeySource->currentData().toString();
        m_pasteKeys->setEnabled(source == u"pasted"_s);
        m_pasteAlgorithm->setEnabled(source == u"pasted"_s);
        if (source == u"environment"_s)
            fillPasteChecksFromEnvironment();
        decodePasted();
    };
    connect(m_pasteKeySource, &QComboBox::currentIndexChanged, this, sourceChanged);
    connect(m_pasteToken, &QPlainTextEdit::textChanged, this, &TokenLabPage::decodePasted);
    connect(m_pasteVerify, &QPushButton::clicked, this, &TokenLabPage::verifyPasted);
    connect(clear, &QPushButton::clicked, this, &TokenLabPage::clearPasted);
    connect(m_session, &TokenSession::pastedTokenVerified, this, [this](const TokenInfo &token) {
        if (!m_pasteWaiting || token.accessToken != m_pasted.accessToken)
            return;
        m_pasteWaiting = false;
        showPasted(token);
        log(tr("Pasted token: %1").arg(token.verificationText));
    });
    connect(m_session, &TokenSession::failed, this, [this](const OAuthError &error) {
        if (!m_pasteWaiting)
            return;
        m_pasteWaiting = false;
        m_pasteStatus->setText(u"<b style=\""_s + toneStyle(Tone::Bad) + u"\">&#10008; "_s +
                               tr("Signature NOT verified") + u"</b> — "_s +
                               tr("the environment's keys could not be read: %1").arg(error.message).toHtmlEscaped());
        updateButtons();
    });
    sourceChanged();
}

void TokenLabPage::fillPasteChecksFromEnvironment()
{
    for (const Environment &environment : m_document.workspace().environments) {
        if (environment.name != m_environment->currentText())
            continue;
        if (m_pasteIssuer->text().isEmpty())
            m_pasteIssuer->setText(environment.oauth.issuer);
        if (m_pasteAudience->text().isEmpty())
            m_pasteAudience->setText(environment.oauth.audience);
    }
}

TokenCheckPolicy TokenLabPage::pastePolicy() const
{
    TokenCheckPolicy policy;
    if (!m_pasteIssuer->text().trimmed().isEmpty())
        policy.issuer = m_pasteIssuer->text().trimmed();
    if (!m_pasteAudience->text().trimmed().isEmpty())
        policy.audience = m_pasteAudience->text().trimmed();
    policy.accessTokenProfile = m_pasteProfile->isChecked();
    return policy;
}

void TokenLabPage::decodePasted()
{
    m_pasteWaiting = false;
    const QString text = m_pasteToken->toPlainText().trimmed();
    showPasted(text.isEmpty() ? TokenInfo() : TokenInspection::decode(text));
}

void TokenLabPage::verifyPasted()
{
    const QString text = m_pasteToken->toPlainText().trimmed();
    if (text.isEmpty())
        return;
    const QString source = m_pasteKeySource->currentData().toString();
    TokenInfo decoded = TokenInspection::decode(text);
    if (source == u"none"_s || decoded.verification != TokenInfo::Verification::Pending) {
        showPasted(decoded);
        return;
    }
    if (source == u"pasted"_s) {
        const QString algorithmName = m_pasteAlgorithm->currentData().toString();
        const auto algorithm = algorithmName.isEmpty() ? std::nullopt : JwsAlgorithms::fromName(algorithmName);
        const PastedKeys keys = TokenInspection::parseKeys(m_pasteKeys->toPlainText(),
                                                           decoded.header.value(u"kid"_s).toString(), algorithm);
        if (!keys.ok()) {
            showPasted(decoded);
            m_pasteStatus->setText(u"<b style=\""_s + toneStyle(Tone::Bad) + u"\">&#10008; "_s +
                                   tr("Signature NOT verified") + u"</b> — "_s + keys.error.toHtmlEscaped());
            return;
        }
        const TokenInfo verified = TokenInspection::verify(text, keys, pastePolicy(), QDateTime::currentDateTimeUtc());
        showPasted(verified);
        if (!keys.skipped.isEmpty())
            log(tr("Pasted keys left out: %1").arg(keys.skipped.join(u"; "_s)));
        log(tr("Pasted token: %1").arg(verified.verificationText));
        return;
    }
    applyConfig();
    m_pasteWaiting = true;
    m_pasted = decoded;
    m_pasteStatus->setText(u"<b style=\""_s + toneStyle(Tone::Warning) + u"\">"_s + tr("Signature NOT verified") +
                           u"</b> — "_s + tr("reading the environment's key set…"));
    m_session->verifyPastedToken(text, pastePolicy());
}

void TokenLabPage::showPasted(const TokenInfo &token)
{
    m_pasted = token;
    TokenTexts::fillTokenViews(token, m_pasteClaims, m_pasteHeader);
    m_pasteStatus->setText(token.isEmpty() ? QString() : TokenTexts::signatureHtml(token));
    m_pasteExpiry->setText(TokenTexts::expiryText(token, QDateTime::currentDateTimeUtc()));
    updateButtons();
}

void TokenLabPage::clearPasted()
{
    m_pasteWaiting = false;
    m_pasteToken->clear();
    m_pasteKeys->clear();
    showPasted({});
}

void TokenLabPage::copyToken()
{
    if (m_session->token().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_session->token().accessToken);
    log(tr("Access token copied to the clipboard."));
}

} // namespace gw
