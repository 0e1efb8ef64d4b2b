// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliastablemodel.h"
#include "commands/edititemcommand.h"
#include "examples.h"
#include "mainwindow.h"
#include "pages/inventorypage.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretkey.h"
#include "services.h"
#include "settings/settings.h"
#include "version.h"
#include "widgets/crossreferencepanel.h"
#include "widgets/inventorytable.h"
#include "workspacedocument.h"
#include "workspacefile.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace gw {

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aHugeDescriptionIsShownCapped();
    void opensTheDemoInFourTables();
    void filterBoxFiltersRows();
    void editProxyThroughItsDialogUndoRedoAndSave();
    void dialogKeepsOkDisabledUntilValid();
    void deletingAReferencedAliasSaysWhatBreaks();
    void deletingAnAliasRoutingGoesThroughIsRefused();
    void deletingAProxyAsksAndSaysTheGatewayKeepsIt();
    void deletingAProjectTakesItsProxiesInOneUndoStep();
    void aliasPickerMarksUsersWithoutARoleBeforeOk();
    void aliasDialogStoresThePasswordInTheKeychainOnly();
    void helpAboutNamesTheVersion();
    void selectingATechnicalUserShowsWhatDependsOnIt();
    void closingWithUnsavedChangesAsks();
    void recentFilesRemembered();
    void largeWorkspaceFigures();
    void savedGeometryIsClampedToTheScreen();

private:
    /// Runs `handler` on the next modal widget of type T once `trigger` opens it.
    template<typename T> void whenModal(const std::function<void(T *)> &handler, const std::function<void()> &trigger);
    InventoryTable *table(InventoryPage::Kind kind) const { return m_window->inventoryPage()->table(kind); }
    void clickRow(InventoryTable *t, const QString &firstColumnText);

    QTemporaryDir m_dir;
    QString m_demoCopy;
    std::unique_ptr<Settings> m_settings;
    Services m_services;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setApplicationDisplayName(u"Gatewright"_s);
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::init()
{
    // A writable copy of the demo, named like the shipped one.
    m_demoCopy = m_dir.filePath(u"demo.gatewright.json"_s);
    QFile::remove(m_demoCopy);
    QVERIFY(QFile::copy(Examples::demoWorkspacePath(), m_demoCopy));
    QFile::setPermissions(m_demoCopy, QFile::ReadOwner | QFile::WriteOwner);

    m_settings = std::make_unique<Settings>(m_dir.filePath(u"settings.ini"_s));
    m_services = Services{};
    m_services.settings = m_settings.get();
    m_document = std::make_unique<WorkspaceDocument>();
    m_window = std::make_unique<MainWindow>(m_services, *m_document);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->openWorkspace(m_demoCopy));
}

void TestMainWindow::cleanup()
{
    m_document->undoStack()->setClean(); // so that closing does not ask
    m_window.reset();
    m_document.reset();
    m_settings.reset();
}

template<typename T>
void TestMainWindow::whenModal(const std::function<void(T *)> &handler, const std::function<void()> &trigger)
{
    bool handled = false;
    QTimer::singleShot(0, this, [&] {
        handled = true;
        auto *widget = qobject_cast<T *>(QApplication::activeModalWidget());
        QVERIFY2(widget, "no modal widget of the expected type");
        handler(widget);
    });
    trigger();
    QVERIFY(handled);
}

// A 9 MB proxy description once froze the window for minutes in the cross-reference panel's rich-text layout.
void TestMainWindow::aHugeDescriptionIsShownCapped()
{
    Workspace workspace = m_document->workspace();
    workspace.proxies.first().description = QString(9 * 1024 * 1024, u'x');
    const QString name = workspace.proxies.first().name;
    m_document->reset(workspace);
    clickRow(table(InventoryPage::Kind::Proxy), name);
    auto *panel = m_window->inventoryPage()->findChild<CrossReferencePanel *>();
    QVERIFY(panel);
    const QString shown = panel->toPlainText();
    QVERIFY2(shown.contains(u"(2000 of 9437184 characters shown; edit the item to read it all.)"_s),
             qPrintable(shown.left(300)));
    QVERIFY(shown.size() < 10000);
}

void TestMainWindow::clickRow(InventoryTable *t, const QString &firstColumnText)
{
    QTableView *view = t->view();
    const QModelIndexList found =
        view->model()->match(view->model()->index(0, 0), Qt::DisplayRole, firstColumnText, 1, Qt::MatchExactly);
    QVERIFY2(!found.isEmpty(), qPrintable(firstColumnText));
    view->scrollTo(found.constFirst());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(found.constFirst()).center());
    QCOMPARE(t->currentSourceIndex().data().toString(), firstColumnText);
}

void TestMainWindow::opensTheDemoInFourTables()
{
    QCOMPARE(m_window->windowTitle(), u"demo.gatewright.json — Gatewright"_s);
    QCOMPARE(table(InventoryPage::Kind::Proxy)->view()->model()->rowCount(), 6);
    QCOMPARE(table(InventoryPage::Kind::Project)->view()->model()->rowCount(), 3);
    QCOMPARE(table(InventoryPage::Kind::TechnicalUser)->view()->model()->rowCount(),
             int(m_document->workspace().technicalUsers.size()));
    QVERIFY(m_document->workspace().technicalUsers.size() >= 2);
    QCOMPARE(table(InventoryPage::Kind::Alias)->view()->model()->rowCount(),
             int(m_document->workspace().aliases.size()));

    QAbstractItemModelTester tester(table(InventoryPage::Kind::Proxy)->view()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *environment = m_window->findChild<QComboBox *>(u"environmentSelector"_s);
    QVERIFY(environment);
    QCOMPARE(environment->currentText(), u"sandbox (emulator)"_s);
    QVERIFY(m_window->findChild<QLabel *>(u"environmentStatus"_s)->text().contains(u"EMULATOR"_s));
}

void TestMainWindow::filterBoxFiltersRows()
{
    InventoryTable *proxies = table(InventoryPage::Kind::Proxy);
    QLineEdit *filter = m_window->findChild<QLineEdit *>(u"proxiesFilter"_s);
    QVERIFY(filter);
    QTest::mouseClick(filter, Qt::LeftButton);
    QTest::keyClicks(filter, u"CUSTOMERS"_s);
    QCOMPARE(proxies->view()->model()->rowCount(), 2);
    QCOMPARE(m_window->findChild<QLabel *>(u"proxiesCount"_s)->text(), u"2 of 6 proxies match the filter"_s);
    filter->clear();
    QTest::keyClicks(filter, u"will answer 401"_s); // the outbound column
    QCOMPARE(proxies->view()->model()->rowCount(), 1);
    QCOMPARE(proxies->view()->model()->index(0, 0).data().toString(), u"InvoicesIssue"_s);
    filter->clear();
    QCOMPARE(proxies->view()->model()->rowCount(), 6);
}

void TestMainWindow::editProxyThroughItsDialogUndoRedoAndSave()
{
    InventoryTable *proxies = table(InventoryPage::Kind::Proxy);
    clickRow(proxies, u"OrdersCreate"_s);
    auto *edit = m_window->findChild<QPushButton *>(u"proxiesEdit"_s);
    QVERIFY(edit->isEnabled());

    whenModal<QDialog>(
        [](QDialog *dialog) {
            auto *name = dialog->findChild<QLineEdit *>(u"nameEdit"_s);
            auto *scopes = dialog->findChild<QLineEdit *>(u"scopesEdit"_s);
            QVERIFY(name && scopes);
            QCOMPARE(name->text(), u"OrdersCreate"_s);
            name->selectAll();
            QTest::keyClicks(name, u"OrdersSubmit"_s);
            scopes->selectAll();
            QTest::keyClicks(scopes, u"orders:write orders:read"_s);
            QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QVERIFY(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        },
        [&] { QTest::mouseClick(edit, Qt::LeftButton); });

    const QAbstractItemModel *model = proxies->view()->model();
    const auto cellOf = [&](const QString &name, int column) {
        const QModelIndexList found = model->match(model->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
        return found.isEmpty() ? QString() : found.constFirst().siblingAtColumn(column).data().toString();
    };
    QCOMPARE(cellOf(u"OrdersSubmit"_s, 4), u"OAuth2: orders:write orders:read"_s);
    QCOMPARE(cellOf(u"OrdersCreate"_s, 0), QString());
    QCOMPARE(proxies->currentSourceIndex().data().toString(), u"OrdersSubmit"_s);
    QCOMPARE(m_window->windowTitle(), u"demo.gatewright.json* — Gatewright"_s);

    // Undo and redo through their shortcuts.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    const QKeySequence undo = m_window->findChild<QAction *>(u"undoAction"_s)->shortcut();
    const QKeySequence redo = m_window->findChild<QAction *>(u"redoAction"_s)->shortcut();
    QCOMPARE(undo, QKeySequence(QKeySequence::Undo));
    QTest::keySequence(m_window.get(), undo);
    QCOMPARE(cellOf(u"OrdersCreate"_s, 4), u"OAuth2: orders:write"_s);
    QCOMPARE(cellOf(u"OrdersSubmit"_s, 0), QString());
    QCOMPARE(m_window->windowTitle(), u"demo.gatewright.json — Gatewright"_s);
    QTest::keySequence(m_window.get(), redo);
    QCOMPARE(cellOf(u"OrdersSubmit"_s, 0), u"OrdersSubmit"_s);
    QCOMPARE(m_window->windowTitle(), u"demo.gatewright.json* — Gatewright"_s);

    // Save elsewhere, then read the file back.
    const QString saved = m_dir.filePath(u"edited.gatewright.json"_s);
    QVERIFY(m_window->saveWorkspaceAs(saved));
    QCOMPARE(m_window->windowTitle(), u"edited.gatewright.json — Gatewright"_s);
    const WorkspaceReadResult reread = WorkspaceFile::read(saved);
    QVERIFY2(reread.ok(), qPrintable(reread.errorString()));
    const GatewayProxy *proxy = reread.workspace->proxy(u"OrdersSubmit"_s, u"1.0"_s);
    QVERIFY(proxy);
    QCOMPARE(proxy->inbound.scopes, (QStringList{u"orders:write"_s, u"orders:read"_s}));
    QCOMPARE(proxy->integration, u"createOrder"_s);
    QVERIFY(!reread.workspace->proxy(u"OrdersCreate"_s, u"1.0"_s));
    QCOMPARE(reread.workspace->proxies.size(), 6);
}

void TestMainWindow::dialogKeepsOkDisabledUntilValid()
{
    clickRow(table(InventoryPage::Kind::Proxy), u"OrdersList"_s);
    whenModal<QDialog>(
        [](QDialog *dialog) {
            auto *name = dialog->findChild<QLineEdit *>(u"nameEdit"_s);
            auto *message = dialog->findChild<QLabel *>(u"validationMessage"_s);
            QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            name->selectAll();
            QTest::keyClick(name, Qt::Key_Delete);
            QCOMPARE(message->text(), u"Enter the proxy's name."_s);
            QVERIFY(!ok->isEnabled());
            QTest::keyClicks(name, u"OrdersStatus"_s);
            QCOMPARE(message->text(), u"Proxy OrdersStatus 1.0 already exists."_s);
            QVERIFY(!ok->isEnabled());
            QTest::keyClicks(name, u"2"_s);
            QCOMPARE(message->text(), QString());
            QVERIFY(ok->isEnabled());
            auto *scopes = dialog->findChild<QLineEdit *>(u"scopesEdit"_s);
            QTest::keyClicks(scopes, u" bad\"scope"_s);
            QVERIFY2(message->text().startsWith(u"Scopes (item 2): \"bad\"scope\" is not a valid OAuth scope"_s),
                     qPrintable(message->text()));
            QVERIFY(!ok->isEnabled());
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                              Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"proxiesEdit"_s), Qt::LeftButton); });
    QVERIFY(!m_document->isModified());
}

void TestMainWindow::deletingAReferencedAliasSaysWhatBreaks()
{
    InventoryPage *page = m_window->inventoryPage();
    page->select(InventoryPage::Kind::Alias, u"io-orders-basic"_s);
    InventoryTable *aliases = table(InventoryPage::Kind::Alias);
    clickRow(aliases, u"io-orders-basic"_s);
    auto *remove = m_window->findChild<QPushButton *>(u"aliasesDelete"_s);
    const QString expected = u"Deleting alias io-orders-basic breaks the outbound auth of OrdersCreate and "
                             u"OrdersStatus: .io will answer 401 to their calls."_s;

    // Cancel: nothing happens.
    whenModal<QMessageBox>(
        [&](QMessageBox *box) {
            QCOMPARE(box->text(), expected);
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(remove, Qt::LeftButton); });
    QVERIFY(m_document->workspace().alias(u"io-orders-basic"_s));
    QVERIFY(!m_document->isModified());

    // Delete: the alias goes and its proxies lose outbound auth; undo brings both back.
    whenModal<QMessageBox>(
        [&](QMessageBox *box) {
            QCOMPARE(box->text(), expected);
            QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(remove, Qt::LeftButton); });
    QVERIFY(!m_document->workspace().alias(u"io-orders-basic"_s));
    const GatewayProxy *status = m_document->workspace().proxy(u"OrdersStatus"_s, u"1.0"_s);
    QCOMPARE(status->outbound.kind, OutboundAuth::Kind::None);
    QCOMPARE(m_document->undoStack()->undoText(), u"Delete alias io-orders-basic"_s);
    m_document->undoStack()->undo();
    QVERIFY(m_document->workspace().alias(u"io-orders-basic"_s));
    QCOMPARE(m_document->workspace().proxy(u"OrdersStatus"_s, u"1.0"_s)->outbound.alias, u"io-orders-basic"_s);
}

void TestMainWindow::deletingAnAliasRoutingGoesThroughIsRefused()
{
    // Every demo proxy routes through ${io-tenant-url}: the table counts them, the delete names them and refuses.
    InventoryTable *aliases = table(InventoryPage::Kind::Alias);
    QAbstractItemModel *model = aliases->view()->model();
    QString usedBy;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == u"io-tenant-url")
            usedBy = model->index(row, AliasTableModel::UsedBy).data().toString();
    }
    QCOMPARE(usedBy, u"6 proxies"_s);
    clickRow(aliases, u"io-tenant-url"_s);
    whenModal<QMessageBox>(
        [&](QMessageBox *box) {
            QCOMPARE(box->objectName(), u"deleteRefused"_s);
            QVERIFY2(box->text().contains(u"OrdersCreate, OrdersStatus, OrdersList, CustomersLookup, CustomersEvents "
                                          u"and InvoicesIssue"_s),
                     qPrintable(box->text()));
            QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"aliasesDelete"_s), Qt::LeftButton); });
    QVERIFY(m_document->workspace().alias(u"io-tenant-url"_s));
    QVERIFY(!m_document->isModified());
    m_window->inventoryPage()->select(InventoryPage::Kind::Alias, u"io-tenant-url"_s);
    QVERIFY(m_window->inventoryPage()->details()->toPlainText().contains(u"Proxies routed through it"_s));
}

void TestMainWindow::helpAboutNamesTheVersion()
{
    whenModal<QMessageBox>(
        [&](QMessageBox *box) {
            QCOMPARE(box->objectName(), u"aboutBox"_s);
            QVERIFY2(box->text().contains(u"Gatewright " GATEWRIGHT_VERSION ""_s), qPrintable(box->text()));
            QVERIFY(box->informativeText().contains(u"docs/advisor.md"_s));
            box->accept();
        },
        [&] { m_window->findChild<QAction *>(u"aboutAction"_s)->trigger(); });
}

void TestMainWindow::selectingATechnicalUserShowsWhatDependsOnIt()
{
    m_window->inventoryPage()->select(InventoryPage::Kind::TechnicalUser, u"svc-orders"_s);
    clickRow(table(InventoryPage::Kind::TechnicalUser), u"svc-orders"_s);
    const QString details = m_window->inventoryPage()->details()->toPlainText();
    QVERIFY2(details.contains(u"io-orders-basic"_s), qPrintable(details));
    QVERIFY(details.contains(u"OrdersCreate (through io-orders-basic)"_s));
    QVERIFY(details.contains(u"OrdersStatus (through io-orders-basic)"_s));
    QVERIFY(details.contains(u"Projects its role grants execute on\nOrders"_s));
    QVERIFY(!details.contains(u"CustomersLookup"_s));
}

void TestMainWindow::deletingAProxyAsksAndSaysTheGatewayKeepsIt()
{
    clickRow(table(InventoryPage::Kind::Proxy), u"InvoicesIssue"_s);
    auto *remove = m_window->findChild<QPushButton *>(u"proxiesDelete"_s);
    whenModal<QMessageBox>(
        [&](QMessageBox *box) {
            QCOMPARE(box->objectName(), u"deleteConfirmation"_s);
            QCOMPARE(box->windowTitle(), u"Delete proxy InvoicesIssue 1.0?"_s);
            QCOMPARE(box->text(), u"Nothing else in the workspace refers to proxy InvoicesIssue 1.0."_s);
            QVERIFY2(box->informativeText().contains(u"The gateway keeps its copy of InvoicesIssue 1.0"_s),
                     qPrintable(box->informativeText()));
            QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(remove, Qt::LeftButton); });
    QVERIFY(!m_document->isModified());
    QVERIFY(m_document->workspace().proxy(u"InvoicesIssue"_s, u"1.0"_s));

    // The Delete key on the table asks the same.
    QTableView *view = table(InventoryPage::Kind::Proxy)->view();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    view->setFocus();
    whenModal<QMessageBox>(
        [&](QMessageBox *box) { QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton); },
        [&] { QTest::keyClick(view, Qt::Key_Delete); });
    QVERIFY(!m_document->workspace().proxy(u"InvoicesIssue"_s, u"1.0"_s));
    QCOMPARE(m_document->undoStack()->undoText(), u"Delete proxy InvoicesIssue 1.0"_s);
    // The footer counts what is left, not a filter that hides nothing.
    QCOMPARE(m_window->findChild<QLabel *>(u"proxiesCount"_s)->text(), u"5 proxies"_s);
    m_document->undoStack()->undo();
    QCOMPARE(m_window->findChild<QLabel *>(u"proxiesCount"_s)->text(), u"6 proxies"_s);
}

void TestMainWindow::deletingAProjectTakesItsProxiesInOneUndoStep()
{
    m_window->inventoryPage()->select(InventoryPage::Kind::Project, u"Customers"_s);
    clickRow(table(InventoryPage::Kind::Project), u"Customers"_s);
    const int undoSteps = m_document->undoStack()->count();
    whenModal<QMessageBox>(
        [&](QMessageBox *box) {
            QVERIFY2(box->text().contains(u"also deletes the proxies that front it: CustomersLookup and "
                                          u"CustomersEvents."_s),
                     qPrintable(box->text()));
            QVERIFY2(box->text().contains(u"removes it from the access of svc-gateway-shared and svc-customers"_s),
                     qPrintable(box->text()));
            QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"projectsDelete"_s), Qt::LeftButton); });
    const Workspace &w = m_document->workspace();
    QVERIFY(!w.project(u"Customers"_s));
    QVERIFY(!w.proxy(u"CustomersLookup"_s, u"1.0"_s));
    QVERIFY(!w.proxy(u"CustomersEvents"_s, u"1.0"_s));
    QVERIFY(!w.technicalUser(u"svc-customers"_s)->projects.contains(u"Customers"_s));
    QCOMPARE(m_document->undoStack()->count(), undoSteps + 1);
    QCOMPARE(m_document->undoStack()->undoText(), u"Delete project Customers"_s);
    QVERIFY(m_window->saveWorkspace()); // what is left still saves

    m_document->undoStack()->undo();
    QVERIFY(m_document->workspace().project(u"Customers"_s));
    QVERIFY(m_document->workspace().proxy(u"CustomersLookup"_s, u"1.0"_s));
    QVERIFY(m_document->workspace().proxy(u"CustomersEvents"_s, u"1.0"_s));
    QVERIFY(m_document->workspace().technicalUser(u"svc-customers"_s)->projects.contains(u"Customers"_s));
}

void TestMainWindow::aliasPickerMarksUsersWithoutARoleBeforeOk()
{
    clickRow(table(InventoryPage::Kind::Proxy), u"OrdersList"_s);
    whenModal<QDialog>(
        [](QDialog *dialog) {
            auto *project = dialog->findChild<QComboBox *>(u"projectCombo"_s);
            auto *outbound = dialog->findChild<QComboBox *>(u"outboundCombo"_s);
            auto *note = dialog->findChild<QLabel *>(u"outboundNote"_s);
            const auto labelOf = [&](const QString &alias) { return outbound->itemText(outbound->findData(alias)); };
            // Orders: svc-orders and the shared user may run it, svc-customers may not.
            QCOMPARE(labelOf(u"io-orders-basic"_s), u"alias io-orders-basic (Basic as svc-orders)"_s);
            QCOMPARE(labelOf(u"io-customers-basic"_s),
                     u"alias io-customers-basic (Basic as svc-customers) ⚠ no role on Orders"_s);
            QVERIFY(note->isHidden());
            outbound->setCurrentIndex(outbound->findData(u"io-customers-basic"_s));
            QVERIFY(!note->isHidden());
            QVERIFY2(note->text().startsWith(u"svc-customers has no role on project Orders: .io will answer 401"_s),
                     qPrintable(note->text()));
            // Another project relabels the list: now io-orders-basic is the misfit.
            project->setCurrentIndex(project->findText(u"Customers"_s));
            QVERIFY(note->isHidden());
            QCOMPARE(labelOf(u"io-orders-basic"_s),
                     u"alias io-orders-basic (Basic as svc-orders) ⚠ no role on Customers"_s);
            QCOMPARE(labelOf(u"io-shared-basic"_s), u"alias io-shared-basic (Basic as svc-gateway-shared)"_s);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                              Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"proxiesEdit"_s), Qt::LeftButton); });

    // A new proxy starts with an alias that fits its project (the first project, Orders).
    whenModal<QDialog>(
        [](QDialog *dialog) {
            auto *outbound = dialog->findChild<QComboBox *>(u"outboundCombo"_s);
            QCOMPARE(dialog->findChild<QComboBox *>(u"projectCombo"_s)->currentText(), u"Orders"_s);
            QVERIFY2(!outbound->currentText().contains(u"⚠"_s), qPrintable(outbound->currentText()));
            QVERIFY(outbound->currentIndex() > 0);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                              Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"proxiesAdd"_s), Qt::LeftButton); });
}

void TestMainWindow::aliasDialogStoresThePasswordInTheKeychainOnly()
{
    MemorySecretStore store;
    m_services.secrets = &store; // the pages hold the services by reference
    const QString environment = m_document->currentEnvironment();
    QVERIFY(!environment.isEmpty());
    const QString canary = u"alias-canary-7d1f0c"_s;
    m_window->inventoryPage()->select(InventoryPage::Kind::Alias, u"io-orders-basic"_s);
    whenModal<QDialog>(
        [&](QDialog *dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"nameEdit"_s), u"io-extra-basic"_s);
            auto *password = dialog->findChild<QLineEdit *>(u"passwordEdit"_s);
            QVERIFY(password->isEnabled());
            QCOMPARE(password->echoMode(), QLineEdit::Password);
            QVERIFY2(password->placeholderText().contains(environment), qPrintable(password->placeholderText()));
            QTest::keyClicks(password, canary);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"aliasesAdd"_s), Qt::LeftButton); });
    const SecretKey key = SecretKey::alias(environment, u"io-extra-basic"_s);
    QTRY_COMPARE(store.value(key), canary);
    QCOMPARE(m_document->workspace().alias(u"io-extra-basic"_s)->password.key, u"alias/io-extra-basic"_s);
    QVERIFY(m_window->saveWorkspace());
    QFile saved(m_demoCopy);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains(canary.toUtf8()));

    // Editing without typing leaves the stored password alone; Undo removes the alias, not the password.
    const int writes = store.writeCount();
    clickRow(table(InventoryPage::Kind::Alias), u"io-extra-basic"_s);
    whenModal<QDialog>(
        [&](QDialog *dialog) {
            auto *description = dialog->findChild<QLineEdit *>(u"descriptionEdit"_s);
            QTest::keyClicks(description, u"extra"_s);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"aliasesEdit"_s), Qt::LeftButton); });
    QCOMPARE(m_document->workspace().alias(u"io-extra-basic"_s)->description, u"extra"_s);
    QTest::qWait(20);
    QCOMPARE(store.writeCount(), writes);
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QVERIFY(!m_document->workspace().alias(u"io-extra-basic"_s));
    QCOMPARE(store.value(key), canary);
    m_services.secrets = nullptr;
}

void TestMainWindow::closingWithUnsavedChangesAsks()
{
    clickRow(table(InventoryPage::Kind::Proxy), u"InvoicesIssue"_s);
    whenModal<QMessageBox>(
        [&](QMessageBox *box) { QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton); },
        [&] { QTest::mouseClick(m_window->findChild<QPushButton *>(u"proxiesDelete"_s), Qt::LeftButton); });
    QVERIFY(m_document->isModified());
    bool closed = true;
    whenModal<QMessageBox>(
        [](QMessageBox *box) {
            QCOMPARE(box->text(), u"demo.gatewright.json has unsaved changes. Save them before closing it?"_s);
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        },
        [&] { closed = m_window->close(); });
    QVERIFY(!closed);
    QVERIFY(m_window->isVisible());
}

void TestMainWindow::recentFilesRemembered()
{
    QCOMPARE(m_settings->recentFiles().value(0), QFileInfo(m_demoCopy).absoluteFilePath());
    Settings reread(m_dir.filePath(u"settings.ini"_s));
    m_settings->sync();
    QCOMPARE(Settings(m_dir.filePath(u"settings.ini"_s)).lastWorkspace(), QFileInfo(m_demoCopy).absoluteFilePath());
}

void TestMainWindow::largeWorkspaceFigures()
{
    // Figures, not asserts: opening, editing and scrolling a workspace of 10,000 proxies.
    Workspace large = m_document->workspace();
    const GatewayProxy model = large.proxies.constFirst();
    large.proxies.clear();
    for (int i = 0; i < 10000; ++i) {
        GatewayProxy p = model;
        p.name = u"Proxy%1"_s.arg(i, 5, 10, QChar(u'0'));
        large.proxies.append(p);
    }
    const QString path = m_dir.filePath(u"large.gatewright.json"_s);
    QString error;
    QVERIFY2(WorkspaceFile::write(large, path, &error), qPrintable(error));

    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_window->openWorkspace(path));
    QCoreApplication::processEvents();
    const qint64 openMs = timer.elapsed();
    InventoryTable *proxies = table(InventoryPage::Kind::Proxy);
    QCOMPARE(proxies->view()->model()->rowCount(), 10000);

    timer.restart();
    proxies->view()->scrollToBottom();
    QCoreApplication::processEvents();
    proxies->view()->scrollToTop();
    QCoreApplication::processEvents();
    const qint64 scrollMs = timer.elapsed();

    GatewayProxy edited = m_document->workspace().proxies.at(5000);
    edited.active = false;
    timer.restart();
    m_document->undoStack()->push(new EditItemCommand<GatewayProxy>(*m_document, 5000, edited));
    QCoreApplication::processEvents();
    const qint64 editMs = timer.elapsed();
    QCOMPARE(proxies->view()->model()->index(5000, 6).data().toString(), u"inactive"_s);

    QLineEdit *filter = proxies->filterEdit();
    timer.restart();
    filter->setText(u"Proxy0999"_s);
    QCoreApplication::processEvents();
    const qint64 filterMs = timer.elapsed();
    QCOMPARE(proxies->view()->model()->rowCount(), 10);
    qInfo("10,000 proxies: open %lld ms, scroll to the end and back %lld ms, one edit %lld ms, filter %lld ms", openMs,
          scrollMs, editMs, filterMs);
}

void TestMainWindow::savedGeometryIsClampedToTheScreen()
{
    // A geometry saved on a big monitor, opened on a small screen.
    m_window->resize(4000, 3000);
    m_window->move(3000, 2000);
    m_settings->setMainWindowGeometry(m_window->saveGeometry());
    m_window.reset();
    MainWindow window(m_services, *m_document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(window.width() <= available.width() && window.height() <= available.height(),
             qPrintable(u"%1x%2 on %3x%4"_s.arg(window.width())
                            .arg(window.height())
                            .arg(available.width())
                            .arg(available.height())));
    QVERIFY(available.intersects(window.geometry()));
}

} // namespace gw

QTEST_MAIN(gw::TestMainWindow)
#include "tst_mainwindow.moc"
