// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace gw {

struct Services;
class WorkspaceDocument;

/// Audit log: every apply (time, environment, operator, outcome, steps), newest first; selecting one
/// shows its steps and failure.
class AuditLogPage : public QWidget
{
    Q_OBJECT
public:
    AuditLogPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    void reload();

private:
    Services &m_services;
    QLabel *m_path;
    QTableWidget *m_table;
    QPlainTextEdit *m_details;
};

} // namespace gw
