// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oauth/tokeninfo.h"
#include "oauth/tokeninspection.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace gw {

struct OAuthError;
struct IntrospectionResult;
struct Services;
class TokenSession;
class WorkspaceDocument;

/// Token lab: get a token for an environment's OAuth client (client credentials or a browser sign-in), see its
/// header and claims with the signature status ("signature NOT verified" until verified), a live expiry countdown
/// and the automatic renewal; introspect, revoke, sign out, copy (only on request). The token stays in memory, in
/// the TokenSession; the page only shows it.
class TokenLabPage : public QWidget
{
    Q_OBJECT
public:
    TokenLabPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~TokenLabPage() override;

private:
    void reloadEnvironments();
    void applyConfig();
    void showToken();
    void updateCountdown();
    void updateButtons();
    void log(const QString &text);
    void onFailed(const OAuthError &error);
    void onIntrospected(const IntrospectionResult &result);
    void copyToken();
    void buildPasteTab();
    void fillPasteChecksFromEnvironment();
    TokenCheckPolicy pastePolicy() const;
    void decodePasted();
    void verifyPasted();
    void showPasted(const TokenInfo &token);
    void clearPasted();

    Services &m_services;
    WorkspaceDocument &m_document;
    TokenSession *m_session;
    QComboBox *m_environment;
    QLineEdit *m_clientId;
    QComboBox *m_authMethod;
    QLineEdit *m_scopes;
    QPushButton *m_getToken;
    QPushButton *m_signIn;
    QPushButton *m_refresh;
    QPushButton *m_introspect;
    QPushButton *m_revoke;
    QPushButton *m_signOut;
    QPushButton *m_copy;
    QCheckBox *m_autoRefresh;
    QLabel *m_signature;
    QLabel *m_countdown;
    QLabel *m_nextRenewal;
    QLabel *m_busy;
    QLabel *m_tokenPreview;
    QTreeWidget *m_claims;
    QPlainTextEdit *m_header;
    QPlainTextEdit *m_log;
    QTimer m_tick;
    QTabWidget *m_tabs = nullptr;
    // "Paste a token": shown, never stored.
    QPlainTextEdit *m_pasteToken = nullptr;
    QComboBox *m_pasteKeySource = nullptr;
    QPlainTextEdit *m_pasteKeys = nullptr;
    QComboBox *m_pasteAlgorithm = nullptr;
    QLineEdit *m_pasteIssuer = nullptr;
    QLineEdit *m_pasteAudience = nullptr;
    QCheckBox *m_pasteProfile = nullptr;
    QPushButton *m_pasteVerify = nullptr;
    QLabel *m_pasteStatus = nullptr;
    QLabel *m_pasteExpiry = nullptr;
    QTreeWidget *m_pasteClaims = nullptr;
    QPlainTextEdit *m_pasteHeader = nullptr;
    TokenInfo m_pasted;
    QDateTime m_loggedReceivedAt; ///< the last token the log named
    TokenInfo::Verification m_loggedVerification = TokenInfo::Verification::None;
    bool m_pasteWaiting = false;
};

} // namespace gw
