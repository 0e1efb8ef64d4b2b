// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorypage.h"

#include <QAction>

#include "aliastablemodel.h"
#include "commands/additemcommand.h"
#include "commands/edititemcommand.h"
#include "commands/removeitemcommand.h"
#include "commands/replaceworkspacecommand.h"
#include "crossreferences.h"
#include "dialogs/aliasdialog.h"
#include "dialogs/projectdialog.h"
#include "dialogs/proxydialog.h"
#include "dialogs/technicaluserdialog.h"
#include "ioprojecttablemodel.h"
#include "proxytablemodel.h"
#include "secrets/secretkey.h"
#include "secrets/secretstore.h"
#include "services.h"
#include "technicalusertablemodel.h"
#include "widgets/inventoryfiltermodel.h"
#include "widgets/inventorytable.h"
#include "workspacedocument.h"
#include "workspaceedits.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace gw {

InventoryPage::InventoryPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_proxyModel(new ProxyTableModel(this))
    , m_projectModel(new IoProjectTableModel(this))
    , m_userModel(new TechnicalUserTableModel(this))
    , m_aliasModel(new AliasTableModel(this))
    , m_tabs(new QTabWidget(this))
    , m_proxies(new InventoryTable(m_proxyModel, u"proxies"_s, tr("proxies"), this))
    , m_projects(new InventoryTable(m_projectModel, u"projects"_s, tr("projects"), this))
    , m_users(new InventoryTable(m_userModel, u"technicalUsers"_s, tr("technical users"), this))
    , m_aliases(new InventoryTable(m_aliasModel, u"aliases"_s, tr("aliases"), this))
    , m_details(new CrossReferencePanel(this))
{
    setObjectName(u"inventoryPage"_s);
    m_tabs->setObjectName(u"inventoryTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_proxies, tr("Proxies"));
    m_tabs->addTab(m_projects, tr(".io projects"));
    m_tabs->addTab(m_users, tr("Technical users"));
    m_tabs->addTab(m_aliases, tr("Aliases"));
    m_details->setMinimumWidth(240);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({960, 300});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    // Right-click a project (or a proxy, for another proxy on its integration) to expose one of its integrations.
    for (Kind kind : {Kind::Project, Kind::Proxy}) {
        InventoryTable *t = table(kind);
        auto *expose = new QAction(tr("E&xpose Integration…"), t->view());
        expose->setObjectName(kind == Kind::Project ? u"exposeProjectAction"_s : u"exposeProxyAction"_s);
        t->view()->addAction(expose);
        t->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
        connect(expose, &QAction::triggered, this, [this, kind, t] {
            const QModelIndex index = t->currentSourceIndex();
            if (!index.isValid())
                return Q_EMIT exposeRequested({}, {});
            if (kind == Kind::Project)
                return Q_EMIT exposeRequested(m_document.workspace().projects.value(index.row()).name, {});
            const GatewayProxy proxy = m_document.workspace().proxies.value(index.row());
            Q_EMIT exposeRequested(proxy.project, proxy.integration);
        });
    }
    for (Kind kind : {Kind::Proxy, Kind::Project, Kind::TechnicalUser, Kind::Alias}) {
        InventoryTable *t = table(kind);
        connect(t, &InventoryTable::currentChanged, this, &InventoryPage::showDetails);
        connect(t, &InventoryTable::addRequested, this, [this, kind] { add(kind); });
        connect(t, &InventoryTable::editRequested, this, [this, kind](const QModelIndex &i) { edit(kind, i); });
        connect(t, &InventoryTable::deleteRequested, this, [this, kind](const QModelIndex &i) { remove(kind, i); });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &InventoryPage::showDetails);
    connect(m_details, &CrossReferencePanel::itemActivated, this, &InventoryPage::select);
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, &InventoryPage::refresh);
    connect(&m_document, &WorkspaceDocument::documentReset, this, [this] {
        // A newly opened workspace starts with the first row of each table selected.
        for (Kind kind : {Kind::Proxy, Kind::Project, Kind::TechnicalUser, Kind::Alias}) {
            InventoryTable *t = table(kind);
            t->filterEdit()->clear();
            t->selectSourceIndex(t->filterModel()->sourceModel()->index(0, 0));
        }
        showDetails();
    });
    refresh();
}

InventoryPage::~InventoryPage() = default;

InventoryTable *InventoryPage::table(Kind kind) const
{
    switch (kind) {
    case Kind::Proxy:
        return m_proxies;
    case Kind::Project:
        return m_projects;
    case Kind::TechnicalUser:
        return m_users;
    case Kind::Alias:
        return m_aliases;
    }
    return nullptr;
}

InventoryPage::Kind InventoryPage::currentKind() const
{
    static constexpr Kind kinds[] = {Kind::Proxy, Kind::Project, Kind::TechnicalUser, Kind::Alias};
    return kinds[qBound(0, m_tabs->currentIndex(), 3)];
}

void InventoryPage::select(Kind kind, const QString &key)
{
    QModelIndex index;
    switch (kind) {
    case Kind::Proxy:
        index = m_proxyModel->indexOfKey(key);
        break;
    case Kind::Project:
        index = m_projectModel->indexOf(key);
        break;
    case Kind::TechnicalUser:
        index = m_userModel->indexOf(key);
        break;
    case Kind::Alias:
        index = m_aliasModel->indexOf(key);
        break;
    }
    m_tabs->setCurrentWidget(table(kind));
    table(kind)->selectSourceIndex(index);
    showDetails();
}

void InventoryPage::refresh()
{
    const Workspace &w = m_document.workspace();
    const CrossReferences references(w);
    m_proxyModel->setWorkspace(w, references);
    m_projectModel->setWorkspace(w, references);
    m_userModel->setWorkspace(w, references);
    m_aliasModel->setWorkspace(w, references);
    updateTabTitles();
    showDetails();
}

void InventoryPage::updateTabTitles()
{
    m_tabs->setTabText(0, tr("Proxies (%1)").arg(m_proxyModel->rowCount()));
    m_tabs->setTabText(1, tr(".io projects (%1)").arg(m_projectModel->rowCount()));
    m_tabs->setTabText(2, tr("Technical users (%1)").arg(m_userModel->rowCount()));
    m_tabs->setTabText(3, tr("Aliases (%1)").arg(m_aliasModel->rowCount()));
}

QString InventoryPage::keyOf(Kind, const QModelIndex &sourceIndex) const
{
    return sourceIndex.siblingAtColumn(0).data(KeyRole).toString();
}

void InventoryPage::showDetails()
{
    const Kind kind = currentKind();
    const QModelIndex index = table(kind)->currentSourceIndex();
    if (!index.isValid())
        m_details->showNothing();
    else
        m_details->showItem(m_document.workspace(), kind, keyOf(kind, index));
}

void InventoryPage::add(Kind kind)
{
    const Workspace &w = m_document.workspace();
    QUndoStack *stack = m_document.undoStack();
    QString key;
    switch (kind) {
    case Kind::Proxy: {
        ProxyDialog dialog(w, -1, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const GatewayProxy item = dialog.proxy();
        key = ProxyTableModel::key(item);
        stack->push(new AddItemCommand<GatewayProxy>(m_document, w.proxies.size(), item));
        break;
    }
    case Kind::Project: {
        ProjectDialog dialog(w, -1, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const IoProject item = dialog.project();
        key = item.name;
        stack->push(new AddItemCommand<IoProject>(m_document, w.projects.size(), item));
        break;
    }
    case Kind::TechnicalUser: {
        TechnicalUserDialog dialog(w, -1, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const TechnicalUser item = dialog.technicalUser();
        key = item.name;
        stack->push(new AddItemCommand<TechnicalUser>(m_document, w.technicalUsers.size(), item));
        break;
    }
    case Kind::Alias: {
        AliasDialog dialog(w, -1, this, m_document.currentEnvironment(), keychainWritable());
        if (dialog.exec() != QDialog::Accepted)
            return;
        const Alias item = dialog.alias();
        key = item.name;
        stack->push(new AddItemCommand<Alias>(m_document, w.aliases.size(), item));
        storeAliasPassword(item, dialog.takePassword());
        break;
    }
    }
    select(kind, key);
}

void InventoryPage::edit(Kind kind, const QModelIndex &sourceIndex)
{
    // The models list the items in workspace order: the source row is the workspace row.
    const qsizetype row = sourceIndex.row();
    const Workspace &w = m_document.workspace();
    QUndoStack *stack = m_document.undoStack();
    QString key;
    switch (kind) {
    case Kind::Proxy: {
        ProxyDialog dialog(w, row, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const GatewayProxy item = dialog.proxy();
        key = ProxyTableModel::key(item);
        if (item != w.proxies.at(row))
            stack->push(new EditItemCommand<GatewayProxy>(m_document, row, item));
        break;
    }
    case Kind::Project: {
        ProjectDialog dialog(w, row, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const IoProject item = dialog.project();
        const IoProject &before = w.projects.at(row);
        key = item.name;
        if (item.name != before.name)
            stack->push(new ReplaceWorkspaceCommand(m_document, WorkspaceEdits::putProject(w, row, item),
                                                    tr("Rename project %1 to %2").arg(before.name, item.name)));
        else if (item != before)
            stack->push(new EditItemCommand<IoProject>(m_document, row, item));
        break;
    }
    case Kind::TechnicalUser: {
        TechnicalUserDialog dialog(w, row, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const TechnicalUser item = dialog.technicalUser();
        const TechnicalUser &before = w.technicalUsers.at(row);
        key = item.name;
        if (item.name != before.name)
            stack->push(new ReplaceWorkspaceCommand(m_document, WorkspaceEdits::putTechnicalUser(w, row, item),
                                                    tr("Rename technical user %1 to %2").arg(before.name, item.name)));
        else if (item != before)
            stack->push(new EditItemCommand<TechnicalUser>(m_document, row, item));
        break;
    }
    case Kind::Alias: {
        AliasDialog dialog(w, row, this, m_document.currentEnvironment(), keychainWritable());
        if (dialog.exec() != QDialog::Accepted)
            return;
        const Alias item = dialog.alias();
        const Alias &before = w.aliases.at(row);
        key = item.name;
        if (item.name != before.name)
            stack->push(new ReplaceWorkspaceCommand(m_document, WorkspaceEdits::putAlias(w, row, item),
                                                    tr("Rename alias %1 to %2").arg(before.name, item.name)));
        else if (item != before)
            stack->push(new EditItemCommand<Alias>(m_document, row, item));
        storeAliasPassword(item, dialog.takePassword());
        break;
    }
    }
    select(kind, key);
}

bool InventoryPage::keychainWritable() const
{
    return m_services.secrets && m_services.secrets->availability() != SecretStore::Availability::Unavailable;
}

void InventoryPage::storeAliasPassword(const Alias &alias, QString password)
{
    const QString environment = m_document.currentEnvironment();
    if (password.isEmpty() || environment.isEmpty() || !m_services.secrets)
        return;
    const SecretKey key = SecretKey::fromReference(environment, alias.password.key);
    // Outside the undo stack on purpose: the keychain is not the workspace, and Undo must not lose a password.
    m_services.secrets->write(key, password, this, [this, key](const SecretResult &result) {
        if (result.ok()) {
            Q_EMIT statusMessage(tr("Stored %1 in the keychain.").arg(key.describe()));
            return;
        }
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Password not stored"),
                            tr("%1 was not stored: %2").arg(key.describe(), result.message), QMessageBox::Ok, this);
        box->setObjectName(u"aliasPasswordNotStored"_s);
        box->setInformativeText(tr("The alias itself is in the workspace. Set the password on the Secrets page, or "
                                   "type it when a plan asks for it."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    password.fill(u'\0');
}

void InventoryPage::remove(Kind kind, const QModelIndex &sourceIndex)
{
    const qsizetype row = sourceIndex.row();
    const Workspace &w = m_document.workspace();
    const CrossReferences references(w);
    QUndoStack *stack = m_document.undoStack();
    // Every delete asks: what goes with the item, what breaks, and what the gateway keeps. With
    // dependants the whole edit is one undo step; without, a plain removal.
    const auto confirmed = [this](const QString &what, QStringList sentences, const QString &gatewayNote) {
        if (sentences.isEmpty())
            sentences << tr("Nothing else in the workspace refers to %1.").arg(what);
        return confirmDelete(tr("Delete %1?").arg(what), sentences, gatewayNote);
    };
    switch (kind) {
    case Kind::Proxy: {
        const GatewayProxy &proxy = w.proxies.at(row);
        const QString what = ItemTraits<GatewayProxy>::describe(proxy);
        if (confirmed(what, {},
                      tr("The gateway keeps its copy of %1 %2: a plan lists it as not in the workspace and leaves "
                         "it alone.")
                          .arg(proxy.name, proxy.version)))
            stack->push(new RemoveItemCommand<GatewayProxy>(m_document, row));
        break;
    }
    case Kind::Project: {
        const QString name = w.projects.at(row).name;
        const QStringList breakage = references.breakageOfDeletingProject(name);
        if (!confirmed(ItemTraits<IoProject>::describe(w.projects.at(row)), breakage,
                       tr("Nothing changes on the .io tenant; the gateway keeps the proxies a plan no longer "
                          "manages.")))
            break;
        if (breakage.isEmpty())
            stack->push(new RemoveItemCommand<IoProject>(m_document, row));
        else
            stack->push(new ReplaceWorkspaceCommand(m_document, WorkspaceEdits::removeProject(w, name),
                                                    tr("Delete project %1").arg(name)));
        break;
    }
    case Kind::TechnicalUser: {
        const QString name = w.technicalUsers.at(row).name;
        const QStringList breakage = references.breakageOfDeletingTechnicalUser(name);
        if (!confirmed(ItemTraits<TechnicalUser>::describe(w.technicalUsers.at(row)), breakage,
                       tr("Nothing changes on the .io tenant: the user and its role stay there.")))
            break;
        if (breakage.isEmpty())
            stack->push(new RemoveItemCommand<TechnicalUser>(m_document, row));
        else
            stack->push(new ReplaceWorkspaceCommand(m_document, WorkspaceEdits::removeTechnicalUser(w, name),
                                                    tr("Delete technical user %1").arg(name)));
        break;
    }
    case Kind::Alias: {
        const QString name = w.aliases.at(row).name;
        // A routing endpoint through the alias has no stand-in: the workspace would not save without it.
        if (const QStringList routed = references.proxiesRoutedThrough(name); !routed.isEmpty()) {
            QMessageBox box(QMessageBox::Warning, tr("Alias %1 cannot be deleted").arg(name),
                            tr("The routing endpoint of %1 goes through alias %2 (${%2}); without it the workspace "
                               "would no longer save.")
                                .arg(CrossReferences::joinNames(routed, 12), name),
                            QMessageBox::Ok, this);
            box.setObjectName(u"deleteRefused"_s);
            box.setInformativeText(tr("Point those routing endpoints elsewhere first (Edit proxy), then delete it."));
            box.exec();
            break;
        }
        const QStringList breakage = references.breakageOfDeletingAlias(name);
        if (!confirmed(ItemTraits<Alias>::describe(w.aliases.at(row)), breakage,
                       tr("The gateway keeps its copy of alias %1 and a plan leaves it alone. Its password stays "
                          "in the keychain, so Undo needs nothing entered again.")
                           .arg(name)))
            break;
        if (breakage.isEmpty())
            stack->push(new RemoveItemCommand<Alias>(m_document, row));
        else
            stack->push(new ReplaceWorkspaceCommand(m_document, WorkspaceEdits::removeAlias(w, name),
                                                    tr("Delete alias %1").arg(name)));
        break;
    }
    }
}

bool InventoryPage::confirmDelete(const QString &title, const QStringList &sentences, const QString &gatewayNote)
{
    QMessageBox box(QMessageBox::Warning, title, sentences.join(u"\n\n"_s), QMessageBox::Cancel, this);
    box.setObjectName(u"deleteConfirmation"_s);
    box.setInformativeText(tr("%1\n\nEdit ▸ Undo brings it all back.").arg(gatewayNote));
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmDelete"_s);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == remove;
}

} // namespace gw
