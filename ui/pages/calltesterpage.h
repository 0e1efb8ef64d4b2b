// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/callrecord.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace gw {

struct CallRecord;
struct Services;
class CallTester;
class TokenSession;
class WorkspaceDocument;

/// Call tester: send a request to a proxy of the workspace with a bearer token (the lab's client with the proxy's
/// scopes, a pasted one, or none), and see the status, headers, body (pretty JSON), timing and a diagnosis that
/// names the fix. A history of calls; selecting one shows it again.
class CallTesterPage : public QWidget
{
    Q_OBJECT
public:
    CallTesterPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~CallTesterPage() override;

private:
    void reloadProxies();
    void updateUrl();
    void updateTokenStatus();
    void send();
    ProxyCallRequest currentRequest() const;
    void showRecord(const CallRecord &record);
    void refreshHistory();

    Services &m_services;
    WorkspaceDocument &m_document;
    CallTester *m_tester;
    TokenSession *m_session;
    QComboBox *m_proxy;
    QComboBox *m_method;
    QLineEdit *m_resource;
    QLabel *m_url;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QComboBox *m_bearer;
    QLineEdit *m_pastedBearer;
    QLabel *m_token;
    QString m_tokenError; ///< the last token request's failure, until a token arrives
    QTimer m_tick;
    QPushButton *m_getToken;
    QPushButton *m_send;
    QLabel *m_status;
    QTextBrowser *m_diagnosis;
    QPlainTextEdit *m_responseBody;
    QTableWidget *m_responseHeaders;
    QTableWidget *m_history;
};

} // namespace gw
