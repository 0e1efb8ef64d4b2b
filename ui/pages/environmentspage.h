// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace gw {

class ConnectionCheck;
class SecretProvider;
struct CheckLine;
struct Services;
class WorkspaceDocument;

/// The workspace's environments: add, edit, duplicate, rename and delete (each one undo step), and
/// Test connection for the selected one (gateway, tenant, OAuth server, each line green or red).
class EnvironmentsPage : public QWidget
{
    Q_OBJECT
public:
    EnvironmentsPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~EnvironmentsPage() override;

    void addEnvironment();
    void editEnvironment();
    void duplicateEnvironment();
    void deleteEnvironment();
    void testConnection();

Q_SIGNALS:
    void checkFinished();

private:
    void refresh();
    int currentRow() const;
    void storeSecrets(const QHash<QString, QString> &secrets);
    void showLine(const CheckLine &line);
    void offerTrust(const QByteArray &certificatePem);

    Services &m_services;
    WorkspaceDocument &m_document;
    QTableWidget *m_table;
    QPushButton *m_edit;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QPushButton *m_test;
    QListWidget *m_checkLines;
    QLabel *m_status;
    std::unique_ptr<ConnectionCheck> m_check;
    Environment m_checked; ///< what the last connection test was of
};

} // namespace gw
