// SPDX-License-Identifier: GPL-3.0-or-later
// "Expose integration…" driven offscreen from the main window against gatewright-sandbox --seed demo:
// cancelInvoice (no proxy yet) exposed with the strategy's user and verified with a 200 in 7 user actions; the
// per-project strategy creating the user and alias with the password typed once; a user without a role ending
// in the diagnosis, then Back, another user, Apply again, 200, and still one undo step.
#include "examples.h"
#include "insandbox.h"
#include "mainwindow.h"
#include "pages/inventorypage.h"
#include "sandbox.h"
#include "sandbox/authorizationserver.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "sync/syncservice.h"
#include "wizards/exposewizard.h"
#include "workspacedocument.h"
#include "workspacefile.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

class TestExposeWizard : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxRuntime> m_runtime;
    QTemporaryDir m_directory;
    QNetworkAccessManager m_network;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretProvider> m_provider;
    std::unique_ptr<SyncService> m_sync;
    Services m_services;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<MainWindow> m_window;
    int m_actions = 0; ///< what a person clicks or types, from the first page to the verified call

    static void snapshot(QWidget *widget, const QString &name)
    {
        const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            widget->grab().save(directory + u'/' + name + u".png"_s);
    }

    void open(const std::function<void(Workspace &)> &edit = {})
    {
        Workspace w = *WorkspaceFile::read(Examples::demoWorkspacePath()).workspace;
        for (Environment &environment : w.environments) {
            if (environment.name != u"sandbox")
                continue;
            environment.gatewayUrl = m_sandbox->gatewayUrl().toString();
            environment.ioTenantUrl = m_runtime->tenant().baseUrl().toString();
            const QString issuer = m_runtime->oauth().baseUrl().toString();
            environment.oauth.issuer = issuer;
            environment.oauth.tokenEndpoint = m_runtime->oauth().tokenEndpoint().toString();
            environment.oauth.jwksUri = m_runtime->oauth().jwksUri().toString();
            environment.oauth.authorizationEndpoint = issuer + u"/oauth2/authorize"_s;
            environment.oauth.introspectionEndpoint = issuer + u"/oauth2/introspect"_s;
            environment.oauth.revocationEndpoint = issuer + u"/oauth2/revoke"_s;
            environment.oauth.audience = m_runtime->oauth().audience();
        }
        if (edit)
            edit(w);
        const QString path = m_directory.filePath(u"demo.gatewright.json"_s);
        QString error;
        QVERIFY2(WorkspaceFile::write(w, path, &error), qPrintable(error));
        QVERIFY2(m_document->load(path, &error), qPrintable(error));
        m_document->setCurrentEnvironment(u"sandbox"_s);
    }

    ExposeWizard *start()
    {
        m_actions = 0;
        auto *action = m_window->findChild<QAction *>(u"exposeAction"_s);
        if (!action)
            return nullptr;
        action->trigger();
        ++m_actions;
        auto *wizard = m_window->findChild<ExposeWizard *>(u"exposeWizard"_s);
        if (wizard)
            (void)QTest::qWaitForWindowExposed(wizard);
        return wizard;
    }

    void click(QWizard *wizard, QWizard::WizardButton which)
    {
        QAbstractButton *button = wizard->button(which);
        QVERIFY(button->isVisible() && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        ++m_actions;
    }

    void chooseProject(ExposeWizard *wizard, const QString &project)
    {
        auto *combo = wizard->findChild<QComboBox *>(u"projectCombo"_s);
        combo->setCurrentText(project); // one choice in the list
        ++m_actions;
        QCOMPARE(wizard->findChild<QComboBox *>(u"integrationCombo"_s)->currentData().toString(), u"cancelInvoice"_s);
    }

    void nextToReview(ExposeWizard *wizard)
    {
        QSignalSpy planned(wizard, &ExposeWizard::planned);
        click(wizard, QWizard::NextButton);
        QCOMPARE(wizard->currentId(), int(ExposeWizard::ReviewPageId));
        QVERIFY(planned.wait(15000));
    }

    bool applyAndWait(ExposeWizard *wizard)
    {
        QSignalSpy finished(wizard, &ExposeWizard::verificationFinished);
        click(wizard, QWizard::NextButton);
        // While the gateway changes there is no Back and no Cancel.
        if (finished.isEmpty() &&
            (wizard->button(QWizard::BackButton)->isEnabled() || wizard->button(QWizard::CancelButton)->isEnabled()))
            return false;
        if (!finished.wait(20000))
            return false;
        return finished.constFirst().constFirst().toBool();
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
        m_store = std::make_unique<MemorySecretStore>();
        m_store->insert(SecretKey::gatewayAdmin(u"sandbox"_s, u"Administrator"_s), u"manage"_s);
        m_store->insert(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s), u"demo-client-secret"_s);
        const QHash<QString, QString> demoPasswords = test::demoAliasPasswords();
        for (const auto &[alias, password] : demoPasswords.asKeyValueRange())
            m_store->insert(SecretKey::alias(u"sandbox"_s, alias), password);
        m_store->insert(SecretKey::alias(u"sandbox"_s, u"io-no-role-basic"_s), u"no-role-demo-pass"_s);
        m_provider = std::make_unique<SecretProvider>(m_store.get(), QProcessEnvironment());
        m_sync = std::make_unique<SyncService>(&m_network, m_provider.get(), m_directory.filePath(u"audit.jsonl"_s));
        m_services = Services{};
        m_services.network = &m_network;
        m_services.secrets = m_store.get();
        m_services.secretProvider = m_provider.get();
        m_services.sync = m_sync.get();
        m_document = std::make_unique<WorkspaceDocument>();
        m_window = std::make_unique<MainWindow>(m_services, *m_document);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_document.reset();
        m_sync.reset();
        m_runtime.reset();
        m_sandbox.reset();
    }

    void exposesCancelInvoiceAndVerifiesA200()
    {
        open();
        ExposeWizard *wizard = start();
        QVERIFY(wizard);
        chooseProject(wizard, u"Invoicing"_s);
        snapshot(wizard, u"expose-1-integration"_s);
        click(wizard, QWizard::NextButton);
        QCOMPARE(wizard->findChild<QLineEdit *>(u"scopesEdit"_s)->text(), u"invoices:write"_s);
        QCOMPARE(wizard->findChild<QLineEdit *>(u"nameEdit"_s)->text(), u"InvoicingCancelInvoice"_s);
        snapshot(wizard, u"expose-2-inbound"_s);
        click(wizard, QWizard::NextButton);
        QCOMPARE(wizard->findChild<QComboBox *>(u"userCombo"_s)->currentData().toString(), u"svc-invoicing"_s);
        QVERIFY(!wizard->findChild<QLineEdit *>(u"passwordEdit"_s)->isVisible());
        auto *role = wizard->findChild<QLabel *>(u"roleLabel"_s);
        QTRY_VERIFY2(role->text().contains(u"On the tenant: Signed in"_s), qPrintable(role->text()));
        snapshot(wizard, u"expose-3-outbound"_s);
        nextToReview(wizard);
        const QString plan = wizard->findChild<QPlainTextEdit *>(u"planView"_s)->toPlainText();
        QVERIFY2(plan.contains(u"create API InvoicingCancelInvoice/1.0"_s), qPrintable(plan));
        QVERIFY(wizard->findChild<QPlainTextEdit *>(u"changesView"_s)
                    ->toPlainText()
                    .contains(u"Proxy InvoicingCancelInvoice/1.0: new"_s));
        QCOMPARE(m_document->undoStack()->count(), 0); // nothing changed before Apply
        snapshot(wizard, u"expose-4-review"_s);
        QVERIFY(applyAndWait(wizard));
        QCOMPARE(wizard->lastCall()->response.status, 200);
        QVERIFY(wizard->findChild<QLabel *>(u"resultLabel"_s)->text().contains(u"Verified: HTTP 200"_s));
        snapshot(wizard, u"expose-5-verified"_s);
        click(wizard, QWizard::FinishButton);
        qInfo("user actions from the first page to the verified call and Finish: %d", m_actions);
        QVERIFY(m_actions <= 10);

        QCOMPARE(m_document->undoStack()->count(), 1);
        QVERIFY(m_document->workspace().proxy(u"InvoicingCancelInvoice"_s, u"1.0"_s));
        QCOMPARE(m_runtime->tenant().calls().constLast().user, u"svc-invoicing"_s);
        m_document->undoStack()->undo();
        QVERIFY(!m_document->workspace().proxy(u"InvoicingCancelInvoice"_s, u"1.0"_s));
    }

    void perProjectCreatesTheUserAndAlias()
    {
        open([](Workspace &w) {
            w.credentialStrategy = CredentialStrategy::PerProject;
            w.technicalUsers.removeIf([](const TechnicalUser &u) { return u.name == u"svc-invoicing"; });
            w.aliases.removeIf([](const Alias &a) { return a.name == u"io-invoicing-basic"; });
        });
        m_store = std::make_unique<MemorySecretStore>(); // nothing stored for the new alias
        m_store->insert(SecretKey::gatewayAdmin(u"sandbox"_s, u"Administrator"_s), u"manage"_s);
        m_store->insert(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s), u"demo-client-secret"_s);
        m_provider = std::make_unique<SecretProvider>(m_store.get(), QProcessEnvironment());
        m_sync = std::make_unique<SyncService>(&m_network, m_provider.get(), m_directory.filePath(u"audit.jsonl"_s));
        m_services.secrets = m_store.get();
        m_services.secretProvider = m_provider.get();
        m_services.sync = m_sync.get();

        ExposeWizard *wizard = start();
        chooseProject(wizard, u"Invoicing"_s);
        click(wizard, QWizard::NextButton);
        click(wizard, QWizard::NextButton);
        QVERIFY(wizard->findChild<QComboBox *>(u"userCombo"_s)->currentText().contains(u"svc-invoicing (new"_s));
        auto *password = wizard->findChild<QLineEdit *>(u"passwordEdit"_s);
        QVERIFY(password->isVisible());
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // the new alias needs its password
        QTest::keyClicks(password, u"invoicing-demo-pass"_s);
        ++m_actions;
        nextToReview(wizard);
        const QString changes = wizard->findChild<QPlainTextEdit *>(u"changesView"_s)->toPlainText();
        QVERIFY(changes.contains(u"Technical user svc-invoicing: new"_s));
        QVERIFY(changes.contains(u"Alias io-invoicing-basic: new"_s));
        QVERIFY(applyAndWait(wizard));
        qInfo("user actions with a new user and alias: %d", m_actions + 1);
        QCOMPARE(m_store->value(SecretKey::alias(u"sandbox"_s, u"io-invoicing-basic"_s)), u"invoicing-demo-pass"_s);
        QVERIFY(password->text().isEmpty()); // not kept in the widget after it went to the keychain
        QCOMPARE(m_document->workspace().alias(u"io-invoicing-basic"_s)->password.key, u"alias/io-invoicing-basic"_s);
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

    void anIntegrationOnlyTheTenantKnowsIsReadFromIt()
    {
        open([](Workspace &w) {
            for (IoProject &project : w.projects)
                project.integrations.removeIf([](const Integration &i) { return i.name == u"cancelInvoice"; });
            for (Environment &environment : w.environments)
                environment.ioTenantUser = u"Administrator"_s;
        });
        m_store->insert(SecretKey::tenantUser(u"sandbox"_s, u"Administrator"_s), u"manage"_s);
        ExposeWizard *wizard = start();
        wizard->findChild<QComboBox *>(u"projectCombo"_s)->setCurrentText(u"Invoicing"_s);
        QSignalSpy read(wizard, &ExposeWizard::tenantRead);
        QTest::mouseClick(wizard->findChild<QPushButton *>(u"readTenantButton"_s), Qt::LeftButton);
        QVERIFY(read.wait(10000));
        QVERIFY(wizard->findChild<QLabel *>(u"tenantStatus"_s)->text().contains(u"Invoicing/cancelInvoice"_s));
        QCOMPARE(wizard->findChild<QComboBox *>(u"integrationCombo"_s)->currentData().toString(), u"cancelInvoice"_s);
        click(wizard, QWizard::NextButton);
        click(wizard, QWizard::NextButton);
        nextToReview(wizard);
        QVERIFY(
            wizard->findChild<QPlainTextEdit *>(u"changesView"_s)->toPlainText().contains(u"read from the tenant"_s));
        QVERIFY(applyAndWait(wizard));
        QVERIFY(m_document->workspace().project(u"Invoicing"_s)->integration(u"cancelInvoice"_s));
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

    void inventoryContextMenuStartsOnTheProjectOrIntegration()
    {
        open();
        InventoryPage *inventory = m_window->inventoryPage();
        inventory->select(InventoryPage::Kind::Project, u"Orders"_s);
        auto *projectAction = inventory->findChild<QAction *>(u"exposeProjectAction"_s);
        QVERIFY(projectAction);
        projectAction->trigger();
        auto *wizard = m_window->findChild<ExposeWizard *>(u"exposeWizard"_s);
        QVERIFY(wizard);
        QCOMPARE(wizard->findChild<QComboBox *>(u"projectCombo"_s)->currentText(), u"Orders"_s);
        wizard->reject();
        QTRY_VERIFY(!m_window->findChild<ExposeWizard *>(u"exposeWizard"_s));

        inventory->select(InventoryPage::Kind::Proxy, u"CustomersLookup 1.0"_s);
        inventory->findChild<QAction *>(u"exposeProxyAction"_s)->trigger();
        wizard = m_window->findChild<ExposeWizard *>(u"exposeWizard"_s);
        QVERIFY(wizard);
        QCOMPARE(wizard->findChild<QComboBox *>(u"projectCombo"_s)->currentText(), u"Customers"_s);
        QCOMPARE(wizard->findChild<QComboBox *>(u"integrationCombo"_s)->currentData().toString(), u"lookupCustomer"_s);
        wizard->reject();
    }

    void aUserWithoutARoleEndsInTheDiagnosisThenBackFixesIt()
    {
        open([](Workspace &w) {
            w.technicalUsers << TechnicalUser{u"svc-no-role"_s, {}, {u"Invoicing"_s}};
            Alias alias;
            alias.name = u"io-no-role-basic"_s;
            alias.technicalUser = u"svc-no-role"_s;
            alias.password.key = u"alias/io-no-role-basic"_s;
            w.aliases << alias;
        });
        ExposeWizard *wizard = start();
        chooseProject(wizard, u"Invoicing"_s);
        click(wizard, QWizard::NextButton);
        click(wizard, QWizard::NextButton);
        auto *users = wizard->findChild<QComboBox *>(u"userCombo"_s);
        users->setCurrentIndex(users->findData(u"svc-no-role"_s));
        auto *role = wizard->findChild<QLabel *>(u"roleLabel"_s);
        QTRY_VERIFY2(role->text().contains(u"no access to Invoicing"_s), qPrintable(role->text()));
        nextToReview(wizard);
        QVERIFY(!applyAndWait(wizard));
        const QString result = wizard->findChild<QLabel *>(u"resultLabel"_s)->text();
        QVERIFY2(result.contains(u"Not verified"_s) && result.contains(u"Fix:"_s), qPrintable(result));
        QVERIFY(result.contains(u"svc-no-role"_s));
        QCOMPARE(wizard->lastCall()->response.status, 401);
        snapshot(wizard, u"expose-diagnosis"_s);
        QCOMPARE(m_document->undoStack()->count(), 1);

        // Back to the outbound page, the right user, apply again: still one undo step.
        click(wizard, QWizard::BackButton);
        click(wizard, QWizard::BackButton);
        QCOMPARE(wizard->currentId(), int(ExposeWizard::OutboundPageId));
        // Coming back to a user shows what the tenant said without signing in again.
        const int signInsBefore = m_runtime->tenant().signIns(u"svc-no-role"_s);
        users->setCurrentIndex(users->findData(u"svc-invoicing"_s));
        users->setCurrentIndex(users->findData(u"svc-no-role"_s));
        QVERIFY(role->text().contains(u"no access to Invoicing"_s));
        QTest::qWait(300); // a sign-in, had one been sent, reaches the tenant well within this
        QCOMPARE(m_runtime->tenant().signIns(u"svc-no-role"_s), signInsBefore);
        users->setCurrentIndex(users->findData(u"svc-invoicing"_s));
        nextToReview(wizard);
        QVERIFY(wizard->findChild<QPlainTextEdit *>(u"planView"_s)->toPlainText().contains(u"io-invoicing-basic"_s));
        QVERIFY(applyAndWait(wizard));
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->workspace().proxy(u"InvoicingCancelInvoice"_s, u"1.0"_s)->outbound.alias,
                 u"io-invoicing-basic"_s);
    }
};

QTEST_MAIN(TestExposeWizard)
#include "tst_exposewizard.moc"
