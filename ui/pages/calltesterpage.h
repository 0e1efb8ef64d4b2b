// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

/// Call tester: send a request to a proxy of the workspace with the token lab's bearer token, and see the status,
/// headers, body (pretty JSON), timing and a diagnosis that names the fix. A history of calls; selecting one shows
/// it again.
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
    QLabel *m_token;
    QPushButton *m_getToken;
    QPushButton *m_send;
    QLabel *m_status;
    QTextBrowser *m_diagnosis;
    QPlainTextEdit *m_responseBody;
    QTableWidget *m_responseHeaders;
    QTableWidget *m_history;
};

} // namespace gw
