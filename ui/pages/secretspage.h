// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/secretkey.h"
#include "secrets/secretresult.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace gw {

struct Services;
struct Workspace;
class WorkspaceDocument;

/// The secrets the current environment needs (gateway admin password, OAuth client secret,
/// alias passwords), whether the keychain holds each, and where to set or remove them. Values
/// are never shown: a value is typed into a password field and goes straight to the keychain.
class SecretsPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { SecretColumn, EntryColumn, StatusColumn, ColumnCount };

    SecretsPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~SecretsPage() override;

    /// The keychain entries requests in `environment` read, in the order the page lists them.
    static QList<SecretKey> secretsOf(const Workspace &workspace, const QString &environment);
    static QString statusText(SecretResult::Outcome outcome);

private:
    void reload();
    void checkStatuses();
    void setSelected();
    void removeSelected();
    void showStatus(int row, const SecretResult &result);
    void updateButtons();
    int selectedRow() const;

    Services &m_services;
    WorkspaceDocument &m_document;
    QLabel *m_heading;
    QTableWidget *m_table;
    QPushButton *m_set;
    QPushButton *m_remove;
    QPushButton *m_check;
    QLabel *m_message;
    QList<SecretKey> m_keys;
    quint64 m_generation = 0;
};

} // namespace gw
