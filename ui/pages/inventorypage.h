// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/crossreferencepanel.h"

#include <QWidget>

class QTabWidget;

namespace gw {

struct Services;
class AliasTableModel;
class InventoryTable;
class IoProjectTableModel;
class ProxyTableModel;
class TechnicalUserTableModel;
class WorkspaceDocument;

/// The four tables of the workspace (proxies, projects, technical users, aliases) with their
/// filters, the add/edit/delete dialogs (every change an undoable command) and a panel of
/// cross-references for the selection. Every deletion asks first and says what goes with the item
/// or breaks; an alias a routing endpoint goes through is refused with the reason.
class InventoryPage : public QWidget
{
    Q_OBJECT
public:
    using Kind = CrossReferencePanel::Kind;

    InventoryPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~InventoryPage() override;

    InventoryTable *table(Kind kind) const;
    CrossReferencePanel *details() const { return m_details; }
    /// Shows the kind's tab and selects the item with this key (name, or "name version").
    void select(Kind kind, const QString &key);

Q_SIGNALS:
    /// "Expose Integration…" from a project's or proxy's context menu (proxy: its project and integration).
    void exposeRequested(const QString &project, const QString &integration);
    /// A short note for the status bar ("Stored the password of alias … in the keychain.").
    void statusMessage(const QString &text);

private:
    void refresh();
    void showDetails();
    void updateTabTitles();
    Kind currentKind() const;
    QString keyOf(Kind kind, const QModelIndex &sourceIndex) const;

    void add(Kind kind);
    void edit(Kind kind, const QModelIndex &sourceIndex);
    void remove(Kind kind, const QModelIndex &sourceIndex);
    bool keychainWritable() const;
    /// Stores a password typed in the alias dialog for the current environment; says so if it cannot.
    void storeAliasPassword(const Alias &alias, QString password);
    /// Asks before a deletion, saying what goes with it or breaks and what the gateway keeps;
    /// true when the user goes ahead.
    bool confirmDelete(const QString &title, const QStringList &sentences, const QString &gatewayNote);

    Services &m_services;
    WorkspaceDocument &m_document;
    ProxyTableModel *m_proxyModel;
    IoProjectTableModel *m_projectModel;
    TechnicalUserTableModel *m_userModel;
    AliasTableModel *m_aliasModel;
    QTabWidget *m_tabs;
    InventoryTable *m_proxies;
    InventoryTable *m_projects;
    InventoryTable *m_users;
    InventoryTable *m_aliases;
    CrossReferencePanel *m_details;
};

} // namespace gw
