// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorypage.h"

#include "workspacedocument.h"

namespace gw {

InventoryPage::InventoryPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
{}

InventoryPage::~InventoryPage() = default;

} // namespace gw
