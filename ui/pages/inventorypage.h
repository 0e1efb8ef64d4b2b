// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace gw {

struct Services;
class WorkspaceDocument;

/// The four tables of the workspace (proxies, projects, technical users, aliases) with their
/// filters, the add/edit/delete dialogs and a panel of cross-references for the selection.
class InventoryPage : public QWidget
{
    Q_OBJECT
public:
    InventoryPage(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~InventoryPage() override;

private:
    Services &m_services;
    WorkspaceDocument &m_document;
};

} // namespace gw
