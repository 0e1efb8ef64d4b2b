// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltesterpage.h"
#include "widgets/tones.h"

#include "oauth/tokeninspection.h"
#include "oauth/tokensession.h"
#include "probe/calltester.h"
#include "services.h"
#include "widgets/tokentexts.h"
#include "workspacedocument.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

QString prettyBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !document.isNull())
        return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

QString statusColour(int status)
{
    if (status >= 200 && status < 300)
        return toneColour(Tone::Good).name();
    if (status >= 400 && status < 500)
        return toneColour(Tone::Bad).name();
    return toneColour(Tone::Warning).name();
}

} // namespace

CallTesterPage::CallTesterPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_tester(services.callTester)
    , m_session(services.tokenSession)
{
    setObjectName(u"callTesterPage"_s);
    m_tester->setWorkspace(&m_document.workspace());
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);

    // Left: the request and the history.
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *requestBox = new QGroupBox(tr("Request"), left);
    auto *form = new QFormLayout(requestBox);
    m_proxy = new QComboBox(requestBox);
    m_proxy->setObjectName(u"proxy"_s);
    auto *line = new QHBoxLayout;
    m_method = new QComboBox(requestBox);
    m_method->setObjectName(u"method"_s);
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s});
    m_resource = new QLineEdit(requestBox);
    m_resource->setObjectName(u"resource"_s);
    m_resource->setPlaceholderText(tr("/resource?query (appended to the proxy URL)"));
    line->addWidget(m_method);
    line->addWidget(m_resource, 1);
    m_url = new QLabel(requestBox);
    m_url->setObjectName(u"url"_s);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_url->setWordWrap(true);
    m_headers = new QPlainTextEdit(requestBox);
    m_headers->setObjectName(u"headers"_s);
    m_headers->setPlaceholderText(tr("Header: value, one per line (Authorization comes from the Bearer choice)"));
    m_headers->setPlainText(u"Content-Type: application/json"_s);
    m_headers->setMaximumHeight(70);
    m_body = new QPlainTextEdit(requestBox);
    m_body->setObjectName(u"body"_s);
    m_body->setPlaceholderText(tr("Request body (for POST, PUT, PATCH)"));
    m_body->setMaximumHeight(90);
    auto *tokenBox = new QVBoxLayout;
    auto *tokenLine = new QHBoxLayout;
    m_bearer = new QComboBox(requestBox);
    m_bearer->setObjectName(u"bearerSource"_s);
    m_bearer->addItem(tr("The lab's client, with the proxy's scopes"), int(ProxyCallRequest::Bearer::Session));
    m_bearer->addItem(tr("A pasted token"), int(ProxyCallRequest::Bearer::Given));
    m_bearer->addItem(tr("None"), int(ProxyCallRequest::Bearer::None));
    m_getToken = new QPushButton(tr("Get token"), requestBox);
    m_getToken->setObjectName(u"getToken"_s);
    m_getToken->setToolTip(tr("Gets a token for the selected proxy: the environment's client, the proxy's scopes"));
    tokenLine->addWidget(m_bearer, 1);
    tokenLine->addWidget(m_getToken);
    m_pastedBearer = new QLineEdit(requestBox);
    m_pastedBearer->setObjectName(u"pastedBearer"_s);
    m_pastedBearer->setPlaceholderText(tr("Paste the access token (memory only, never saved)"));
    m_pastedBearer->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_token = new QLabel(requestBox);
    m_token->setObjectName(u"tokenStatus"_s);
    m_token->setWordWrap(true);
    m_token->setTextFormat(Qt::RichText);
    tokenBox->addLayout(tokenLine);
    tokenBox->addWidget(m_pastedBearer);
    tokenBox->addWidget(m_token);
    form->addRow(tr("Proxy:"), m_proxy);
    form->addRow(tr("Call:"), line);
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Body:"), m_body);
    form->addRow(tr("Bearer:"), tokenBox);
    m_send = new QPushButton(tr("Send"), requestBox);
    m_send->setObjectName(u"send"_s);
    m_send->setDefault(true);
    form->addRow(QString(), m_send);
    leftLayout->addWidget(requestBox);

    auto *historyBox = new QGroupBox(tr("History"), left);
    auto *historyLayout = new QVBoxLayout(historyBox);
    m_history = new QTableWidget(0, 5, historyBox);
    m_history->setObjectName(u"history"_s);
    m_history->setHorizontalHeaderLabels({tr("Time"), tr("Call"), tr("Status"), tr("ms"), tr("Diagnosis")});
    m_history->verticalHeader()->hide();
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setSelectionMode(QAbstractItemView::SingleSelection);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->horizontalHeader()->setStretchLastSection(true);
    historyLayout->addWidget(m_history);
    leftLayout->addWidget(historyBox, 1);

    // Right: the answer.
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(right);
    m_status->setObjectName(u"status"_s);
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true); // a long URL wraps instead of widening the window
    m_diagnosis = new QTextBrowser(right);
    m_diagnosis->setObjectName(u"diagnosis"_s);
    m_diagnosis->setMaximumHeight(170);
    m_diagnosis->setPlaceholderText(tr("Send a request: the diagnosis of its answer appears here."));
    auto *tabs = new QTabWidget(right);
    m_responseBody = new QPlainTextEdit(tabs);
    m_responseBody->setObjectName(u"responseBody"_s);
    m_responseBody->setReadOnly(true);
    m_responseHeaders = new QTableWidget(0, 2, tabs);
    m_responseHeaders->setObjectName(u"responseHeaders"_s);
    m_responseHeaders->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_responseHeaders->verticalHeader()->hide();
    m_responseHeaders->horizontalHeader()->setStretchLastSection(true);
    m_responseHeaders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tabs->addTab(m_responseBody, tr("Body"));
    tabs->addTab(m_responseHeaders, tr("Headers"));
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_diagnosis);
    rightLayout->addWidget(tabs, 1);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    connect(m_send, &QPushButton::clicked, this, &CallTesterPage::send);
    connect(m_resource, &QLineEdit::returnPressed, this, &CallTesterPage::send);
    connect(m_proxy, &QComboBox::currentIndexChanged, this, &CallTesterPage::updateUrl);
    connect(m_resource, &QLineEdit::textChanged, this, &CallTesterPage::updateUrl);
    connect(m_getToken, &QPushButton::clicked, this, [this] {
        m_tokenError.clear();
        m_session->ensureConfig(m_tester->tokenConfigFor(currentRequest()));
        m_session->requestToken();
    });
    connect(m_bearer, &QComboBox::currentIndexChanged, this, &CallTesterPage::updateTokenStatus);
    connect(m_pastedBearer, &QLineEdit::textChanged, this, &CallTesterPage::updateTokenStatus);
    connect(m_proxy, &QComboBox::currentIndexChanged, this, &CallTesterPage::updateTokenStatus);
    connect(m_session, &TokenSession::tokenChanged, this, [this] {
        if (!m_session->token().isEmpty())
            m_tokenError.clear();
        updateTokenStatus();
    });
    connect(m_session, &TokenSession::busyChanged, this, &CallTesterPage::updateTokenStatus);
    connect(m_session, &TokenSession::failed, this, [this](const OAuthError &error) {
        m_tokenError = error.message;
        updateTokenStatus();
    });
    connect(&m_document, &WorkspaceDocument::documentReset, this, [this] {
        m_pastedBearer->clear();
        m_tokenError.clear();
        m_tester->clearHistory();
        m_status->clear();
        m_diagnosis->clear();
        m_responseBody->clear();
        m_responseHeaders->setRowCount(0);
    });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &CallTesterPage::updateTokenStatus);
    m_tick.start();
    connect(m_tester, &CallTester::started, this, [this] {
        m_send->setEnabled(false);
        m_status->setText(tr("Calling…"));
    });
    connect(m_tester, &CallTester::retrying, this, [this](const CallRecord &first) {
        m_status->setText(tr("The gateway says the token expired (%1): getting a new token and retrying once…")
                              .arg(first.diagnosis.title));
    });
    connect(m_tester, &CallTester::finished, this, [this](const CallRecord &record) {
        m_send->setEnabled(true);
        showRecord(record);
    });
    connect(m_tester, &CallTester::historyChanged, this, &CallTesterPage::refreshHistory);
    connect(m_history, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_history->currentRow();
        if (row >= 0 && row < m_tester->history().size())
            showRecord(m_tester->history().at(row));
    });
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, &CallTesterPage::reloadProxies);
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this, &CallTesterPage::updateUrl);
    reloadProxies();
    updateTokenStatus();
    refreshHistory();
}

CallTesterPage::~CallTesterPage() = default;

void CallTesterPage::reloadProxies()
{
    const QString current = m_proxy->currentText();
    QSignalBlocker blocker(m_proxy);
    m_proxy->clear();
    for (const GatewayProxy &proxy : m_document.workspace().proxies) {
        QString label = u"%1 %2"_s.arg(proxy.name, proxy.version);
        if (proxy.outbound.kind == OutboundAuth::Kind::None)
            label += tr("  (no outbound auth)");
        m_proxy->addItem(label, QStringList{proxy.name, proxy.version});
    }
    const int index = m_proxy->findText(current);
    m_proxy->setCurrentIndex(index >= 0 ? index : 0);
    blocker.unblock();
    updateUrl();
}

void CallTesterPage::updateUrl()
{
    ProxyCallRequest request;
    request.environment = m_document.currentEnvironment();
    const QStringList proxy = m_proxy->currentData().toStringList();
    request.proxyName = proxy.value(0);
    request.proxyVersion = proxy.value(1);
    request.resource = m_resource->text().trimmed();
    QString error;
    const QUrl url = request.proxyName.isEmpty() ? QUrl() : m_tester->urlFor(request, &error);
    if (request.proxyName.isEmpty())
        error = m_document.workspace().proxies.isEmpty() ? tr("No proxy to call yet: add one on the Inventory page, or "
                                                              "take the gateway's with File ▸ Adopt from Gateway.")
                                                         : tr("Choose the proxy to call.");
    m_url->setText(url.isEmpty() ? error : url.toString());
    m_send->setEnabled(!url.isEmpty() && !m_tester->isRunning());
}

void CallTesterPage::updateTokenStatus()
{
    const auto bearer = ProxyCallRequest::Bearer(m_bearer->currentData().toInt());
    m_pastedBearer->setVisible(bearer == ProxyCallRequest::Bearer::Given);
    m_getToken->setVisible(bearer == ProxyCallRequest::Bearer::Session);
    m_getToken->setEnabled(!m_session->isBusy());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (bearer == ProxyCallRequest::Bearer::None) {
        m_token->setText(tr("No Authorization header is sent (unless you add one under Headers)."));
        return;
    }
    if (bearer == ProxyCallRequest::Bearer::Given) {
        const QString text = m_pastedBearer->text().trimmed();
        if (text.isEmpty()) {
            m_token->setText(tr("Paste a token: it is sent as it is and never renewed."));
            return;
        }
        const TokenInfo pasted = TokenInspection::decode(text);
        QStringList facts;
        if (pasted.verification == TokenInfo::Verification::Opaque)
            facts << tr("opaque");
        else
            facts << tr("JWT, signature not verified here (the token lab's Paste tab verifies it)");
        if (pasted.grantedScopes)
            facts << tr("scopes %1").arg(pasted.grantedScopes->join(u' '));
        if (const QString expiry = TokenTexts::expiryText(pasted, now); !expiry.isEmpty() && pasted.expiresAt.isValid())
            facts << expiry;
        m_token->setText(
            tr("Pasted token: %1. Not renewed: when it expires, paste a new one.").arg(facts.join(u"; "_s)));
        return;
    }
    const TokenInfo &token = m_session->token();
    const ProxyCallRequest request = currentRequest();
    const QStringList scopes = m_tester->requiredScopes(request);
    QString text;
    if (m_session->isBusy()) {
        text = m_session->activity().toHtmlEscaped() + u"…"_s;
    } else if (!m_tokenError.isEmpty()) {
        text = u"<b style=\""_s + toneStyle(Tone::Bad) + u"\">"_s + tr("The token request failed:") + u"</b> "_s +
               m_tokenError.toHtmlEscaped();
    } else if (token.isEmpty()) {
        text = tr("No token yet: Send first gets one from the environment's client%1.")
                   .arg(scopes.isEmpty() ? QString() : tr(" with the scopes %1").arg(scopes.join(u' ')));
    } else {
        QStringList facts{TokenInfo::verificationName(token.verification)};
        facts << (token.grantedScopes ? tr("scopes %1").arg(token.grantedScopes->join(u' '))
                                      : tr("scopes not stated by the server"));
        facts << TokenTexts::expiryText(token, now);
        text = tr("Token of client %1 (%2).")
                   .arg(m_session->config().effectiveClientId().toHtmlEscaped(), facts.join(u"; "_s));
        if (token.revokedAt.isValid())
            text += u" <b style=\""_s + toneStyle(Tone::Warning) + u"\">"_s +
                    tr("Revoked at %1:").arg(token.revokedAt.toLocalTime().toString(u"HH:mm:ss"_s)) + u"</b> "_s +
                    tr("a gateway that validates JWTs locally still accepts it until it expires.");
        if (!m_tester->sessionTokenFits(request))
            text += u" "_s + tr("Send first gets a token with this proxy's scopes (%1).").arg(scopes.join(u' '));
        else if (const QString renewal = TokenTexts::renewalText(*m_session); !renewal.isEmpty())
            text += u" "_s + renewal.toHtmlEscaped() + (renewal.endsWith(u'.') ? QString() : u"."_s);
    }
    m_token->setText(text);
}

ProxyCallRequest CallTesterPage::currentRequest() const
{
    ProxyCallRequest request;
    request.environment = m_document.currentEnvironment();
    const QStringList proxy = m_proxy->currentData().toStringList();
    request.proxyName = proxy.value(0);
    request.proxyVersion = proxy.value(1);
    request.method = m_method->currentText();
    request.resource = m_resource->text().trimmed();
    request.bearer = ProxyCallRequest::Bearer(m_bearer->currentData().toInt());
    if (request.bearer == ProxyCallRequest::Bearer::Given)
        request.givenToken = m_pastedBearer->text();
    return request;
}

void CallTesterPage::send()
{
    ProxyCallRequest request = currentRequest();
    const QStringList lines = m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &headerLine : lines) {
        const qsizetype colon = headerLine.indexOf(u':');
        if (colon <= 0)
            continue;
        request.headers.append(
            {headerLine.left(colon).trimmed().toLatin1(), headerLine.mid(colon + 1).trimmed().toUtf8()});
    }
    if (request.method != u"GET"_s && request.method != u"DELETE"_s)
        request.body = m_body->toPlainText().toUtf8();
    m_tester->setWorkspace(&m_document.workspace());
    m_tester->call(request);
}

void CallTesterPage::showRecord(const CallRecord &record)
{
    const ObservedCall &response = record.response;
    const QString call = u"&nbsp;&nbsp;%1 %2"_s.arg(record.request.method, record.url.toHtmlEscaped());
    if (response.status > 0)
        m_status->setText(u"<span style=\"font-size:16pt;color:%1\"><b>HTTP %2</b></span>&nbsp;&nbsp;%3 ms%4%5"_s.arg(
            statusColour(response.status), QString::number(response.status), QString::number(record.elapsedMs),
            record.retriedWithNewToken ? tr("&nbsp;&nbsp;(second attempt, with a new token)") : QString(), call));
    else
        m_status->setText(u"<span style=\"font-size:16pt;"_s + toneStyle(Tone::Bad) +
                          u"\"><b>%1</b></span>%2"_s.arg(tr("No answer"), call));
    const Diagnosis &diagnosis = record.diagnosis;
    QString html = u"<p><b>%1</b></p>"_s.arg(diagnosis.title.toHtmlEscaped());
    if (!diagnosis.explanation.isEmpty())
        html += u"<p>%1</p>"_s.arg(diagnosis.explanation.toHtmlEscaped());
    if (!diagnosis.fix.isEmpty())
        html += u"<p><b>%1</b> %2</p>"_s.arg(tr("Fix:"), diagnosis.fix.toHtmlEscaped());
    if (record.retriedWithNewToken)
        html += u"<p><i>%1</i></p>"_s.arg(tr("First attempt: %1. A new token was fetched and the call sent once more.")
                                              .arg(record.firstAttemptDiagnosis.title)
                                              .toHtmlEscaped());
    if (!record.note.isEmpty())
        html += u"<p><i>%1</i></p>"_s.arg(record.note.toHtmlEscaped());
    if (!record.retryTokenProblem.isEmpty())
        html += u"<p style=\""_s + toneStyle(Tone::Bad) +
                u"\"><b>%1</b> %2</p>"_s.arg(tr("The new token did not verify locally:"),
                                             record.retryTokenProblem.toHtmlEscaped());
    m_diagnosis->setHtml(html);
    m_responseBody->setPlainText(response.failure != ObservedCall::Failure::None ? response.failureText
                                                                                 : prettyBody(response.body));
    m_responseHeaders->setRowCount(0);
    for (const auto &[name, value] : response.headers) {
        const int row = m_responseHeaders->rowCount();
        m_responseHeaders->insertRow(row);
        m_responseHeaders->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(name)));
        m_responseHeaders->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(value)));
    }
    m_responseHeaders->resizeColumnToContents(0);
    updateUrl();
}

void CallTesterPage::refreshHistory()
{
    QSignalBlocker blocker(m_history);
    const QList<CallRecord> &history = m_tester->history();
    m_history->setRowCount(int(history.size()));
    for (int row = 0; row < history.size(); ++row) {
        const CallRecord &record = history.at(row);
        const QStringList cells{
            record.startedAt.toLocalTime().toString(u"HH:mm:ss"_s),
            u"%1 %2%3"_s.arg(record.request.method, record.request.proxyName, record.request.resource),
            record.response.status > 0 ? QString::number(record.response.status) : tr("—"),
            QString::number(record.elapsedMs),
            record.diagnosis.title + (record.retriedWithNewToken ? tr(" (retried)") : QString())};
        for (int column = 0; column < cells.size(); ++column)
            m_history->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_history->resizeColumnsToContents();
    m_history->horizontalHeader()->setStretchLastSection(true);
}

} // namespace gw
