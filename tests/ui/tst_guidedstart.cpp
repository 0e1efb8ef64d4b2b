// SPDX-License-Identifier: GPL-3.0-or-later
// File > New's guided start, driven offscreen against gatewright-sandbox --seed demo: the environment
// validated with the file reader's messages, the three connection checks shown green, the gateway and
// tenant adopted, and the result applied as one undo step, with the typed secrets only in the store.
#include "insandbox.h"
#include "mainwindow.h"
#include "sandbox.h"
#include "sandbox/authorizationserver.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretkey.h"
#include "services.h"
#include "wizards/guidedstartwizard.h"
#include "workspacedocument.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

class TestGuidedStart : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxRuntime> m_runtime;
    QNetworkAccessManager m_network;
    MemorySecretStore m_store;
    Services m_services;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<MainWindow> m_window;

    GuidedStartWizard *openWizard()
    {
        auto *action = m_window->findChild<QAction *>(u"newAction"_s);
        if (!action)
            return nullptr;
        action->trigger();
        return m_window->findChild<GuidedStartWizard *>(u"guidedStartWizard"_s);
    }

    static void type(QWizard *wizard, const char *name, const QString &text)
    {
        auto *edit = wizard->findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }

    /// With GATEWRIGHT_SCREENSHOT_DIR set, keeps a picture of each page for a person to look at.
    static void snapshot(QWidget *widget, const QString &name)
    {
        const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            widget->grab().save(directory + u'/' + name + u".png"_s);
    }

    void fillEnvironment(QWizard *wizard)
    {
        type(wizard, "nameEdit", u"sandbox"_s);
        type(wizard, "gatewayUrlEdit", m_sandbox->gatewayUrl().toString());
        type(wizard, "adminPasswordEdit", u"manage"_s);
        type(wizard, "tenantUrlEdit", m_runtime->tenant().baseUrl().toString());
        type(wizard, "tenantUserEdit", u"Administrator"_s);
        type(wizard, "tenantPasswordEdit", u"manage"_s);
        type(wizard, "issuerEdit", m_runtime->oauth().baseUrl().toString());
        type(wizard, "clientIdEdit", u"demo-client"_s);
        type(wizard, "clientSecretEdit", u"demo-client-secret"_s);
        type(wizard, "audienceEdit", m_runtime->oauth().audience());
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
        m_services = Services{};
        m_services.network = &m_network;
        m_services.secrets = &m_store;
        m_document = std::make_unique<WorkspaceDocument>();
        m_window = std::make_unique<MainWindow>(m_services, *m_document);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_document.reset();
        m_runtime.reset();
        m_sandbox.reset();
    }

    void environmentIsValidatedAsTheFileReaderDoes()
    {
        GuidedStartWizard *wizard = openWizard();
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        QAbstractButton *next = wizard->button(QWizard::NextButton);
        QVERIFY(!next->isEnabled());
        fillEnvironment(wizard);
        QVERIFY(next->isEnabled());
        type(wizard, "gatewayUrlEdit", u"ftp://gateway.example.com"_s);
        QVERIFY(!next->isEnabled());
        const QString problem = wizard->findChild<QLabel *>(u"problemLabel"_s)->text();
        QVERIFY2(problem.contains(u"Gateway URL: \"ftp://gateway.example.com\" is not an absolute http or https URL"_s),
                 qPrintable(problem));
        type(wizard, "nameEdit", u"my env"_s);
        type(wizard, "gatewayUrlEdit", m_sandbox->gatewayUrl().toString());
        QVERIFY(wizard->findChild<QLabel *>(u"problemLabel"_s)->text().contains(u"not a valid environment name"_s));
        wizard->reject();
    }

    void adoptsTheDemoAsOneUndoStep()
    {
        GuidedStartWizard *wizard = openWizard();
        QVERIFY(wizard);
        fillEnvironment(wizard);
        snapshot(wizard, u"guided-start-1-environment"_s);
        QSignalSpy checked(wizard, &GuidedStartWizard::checkFinished);
        wizard->next();
        QVERIFY(checked.wait(20000));
        snapshot(wizard, u"guided-start-2-connections"_s);
        auto *lines = wizard->findChild<QListWidget *>(u"checkLines"_s);
        QCOMPARE(lines->count(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(lines->item(i)->data(Qt::UserRole).toString() == u"ok"_s, qPrintable(lines->item(i)->text()));

        QSignalSpy read(wizard, &GuidedStartWizard::candidatesRead);
        wizard->next();
        QVERIFY(read.wait(20000));
        auto *tree = wizard->findChild<QTreeWidget *>(u"candidateTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 12); // 6 APIs, 5 aliases, the gateway's own "local" alias (not adoptable)
        snapshot(wizard, u"guided-start-3-adopt"_s);
        QVERIFY(wizard->findChild<QLabel *>(u"adoptStatus"_s)->text().contains(u"3 projects on the tenant"_s));

        QSignalSpy stored(wizard, &GuidedStartWizard::secretsStored);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(stored.count() == 1 || stored.wait(5000));
        QVERIFY(stored.first().first().toStringList().isEmpty());

        const Workspace &workspace = m_document->workspace();
        QCOMPARE(workspace.proxies.size(), 6);
        QCOMPARE(workspace.aliases.size(), 5);
        QCOMPARE(workspace.technicalUsers.size(), 4);
        QCOMPARE(workspace.projects.size(), 3);
        QCOMPARE(workspace.environments.size(), 1);
        QCOMPARE(workspace.environments.first().adminPassword.key, u"gateway-admin/Administrator"_s);
        QCOMPARE(m_document->currentEnvironment(), u"sandbox"_s);
        QVERIFY(m_document->isModified());
        snapshot(m_window.get(), u"guided-start-4-inventory"_s);
        QCOMPARE(m_store.value(SecretKey::gatewayAdmin(u"sandbox"_s, u"Administrator"_s)), u"manage"_s);
        QCOMPARE(m_store.value(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s)), u"demo-client-secret"_s);
        QCOMPARE(m_store.value(SecretKey::tenantUser(u"sandbox"_s, u"Administrator"_s)), u"manage"_s);

        // One undo step takes it all back.
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QVERIFY(m_document->workspace().proxies.isEmpty());
        QVERIFY(m_document->workspace().environments.isEmpty());
    }

    void adoptsIntoTheOpenWorkspaceWithTheKeychainsSecrets()
    {
        Workspace workspace;
        workspace.name = u"mine"_s;
        Environment environment;
        environment.name = u"sandbox"_s;
        environment.gatewayUrl = m_sandbox->gatewayUrl().toString();
        environment.adminPassword = SecretRef{u"gateway-admin/Administrator"_s};
        environment.ioTenantUrl = m_runtime->tenant().baseUrl().toString();
        environment.ioTenantUser = u"Administrator"_s;
        environment.oauth.issuer = m_runtime->oauth().baseUrl().toString();
        environment.oauth.clientId = u"demo-client"_s;
        environment.oauth.clientSecret = SecretRef{u"oauth-client/demo-client"_s};
        environment.oauth.audience = m_runtime->oauth().audience();
        environment.oauth.jwksUri = u"http://127.0.0.1:1/kept-as-it-is"_s;
        workspace.environments << environment;
        m_document->reset(workspace);
        m_store.insert(SecretKey::gatewayAdmin(u"sandbox"_s, u"Administrator"_s), u"manage"_s);
        m_store.insert(SecretKey::tenantUser(u"sandbox"_s, u"Administrator"_s), u"manage"_s);
        m_store.insert(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s), u"demo-client-secret"_s);

        m_window->findChild<QAction *>(u"adoptAction"_s)->trigger();
        auto *wizard = m_window->findChild<GuidedStartWizard *>(u"guidedStartWizard"_s);
        QVERIFY(wizard);
        QCOMPARE(wizard->findChild<QLineEdit *>(u"gatewayUrlEdit"_s)->text(), m_sandbox->gatewayUrl().toString());
        QSignalSpy checked(wizard, &GuidedStartWizard::checkFinished);
        wizard->next();
        QVERIFY(checked.wait(20000));
        auto *lines = wizard->findChild<QListWidget *>(u"checkLines"_s);
        QVERIFY2(lines->item(0)->data(Qt::UserRole).toString() == u"ok"_s, qPrintable(lines->item(0)->text()));
        QSignalSpy read(wizard, &GuidedStartWizard::candidatesRead);
        wizard->next();
        QVERIFY(read.wait(20000));
        auto *select = wizard->findChild<QLineEdit *>(u"selectEdit"_s);
        select->setText(u"tag:invoicing"_s);
        QSignalSpy accepted(wizard, &QWizard::accepted);
        QTest::keyClick(select, Qt::Key_Return);
        QCOMPARE(accepted.count(), 0); // Enter selects; it does not finish the wizard
        QCOMPARE(wizard->findChild<QTreeWidget *>(u"candidateTree"_s)
                     ->findItems(u"InvoicesIssue/1.0"_s, Qt::MatchExactly)
                     .first()
                     ->checkState(0),
                 Qt::Checked);
        wizard->button(QWizard::FinishButton)->click();
        QCOMPARE(accepted.count(), 1);

        const Workspace &after = m_document->workspace();
        QCOMPARE(after.name, u"mine"_s);
        QCOMPARE(after.proxies.size(), 1);
        QCOMPARE(after.proxies.first().name, u"InvoicesIssue"_s);
        QCOMPARE(after.environments.first().oauth.jwksUri, u"http://127.0.0.1:1/kept-as-it-is"_s);
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QVERIFY(m_document->workspace().proxies.isEmpty());
    }

    void startEmptyKeepsTheEnvironmentOnly()
    {
        GuidedStartWizard *wizard = openWizard();
        QVERIFY(wizard);
        fillEnvironment(wizard);
        QSignalSpy checked(wizard, &GuidedStartWizard::checkFinished);
        wizard->next();
        QVERIFY(checked.wait(20000));
        QSignalSpy read(wizard, &GuidedStartWizard::candidatesRead);
        wizard->next();
        QVERIFY(read.wait(20000));
        wizard->findChild<QAbstractButton *>(u"emptyRadio"_s)->click();
        wizard->button(QWizard::FinishButton)->click();
        QCOMPARE(m_document->workspace().environments.size(), 1);
        QVERIFY(m_document->workspace().proxies.isEmpty());
    }
};

QTEST_MAIN(TestGuidedStart)
#include "tst_guidedstart.moc"
