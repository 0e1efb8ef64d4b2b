// SPDX-License-Identifier: GPL-3.0-or-later
// The Environments page driven offscreen: add with the file reader's validation messages, Discover
// against the sandbox's OAuth server, rename, duplicate and delete, each undoable, and Test connection
// against gatewright-sandbox --seed demo.
#include "../support/tlsforwarder.h"
#include "dialogs/environmentdialog.h"
#include "insandbox.h"
#include "net/gatewayerrors.h"
#include "pages/environmentspage.h"
#include "sandbox.h"
#include "sandbox/authorizationserver.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "workspacedocument.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;

class TestEnvironmentsPage : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxRuntime> m_runtime;
    QNetworkAccessManager m_network;
    MemorySecretStore m_store;
    std::unique_ptr<SecretProvider> m_provider;
    Services m_services;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<EnvironmentsPage> m_page;

    /// Runs `drive` on the environment dialog once it is open.
    void whenDialogOpens(std::function<void(EnvironmentDialog *)> drive)
    {
        QTimer::singleShot(0, this, [drive] {
            auto *dialog = qobject_cast<EnvironmentDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            drive(dialog);
        });
    }

    static void type(QWidget *dialog, const char *name, const QString &text)
    {
        auto *edit = dialog->findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }

    static QPushButton *ok(QWidget *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Ok);
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
        m_provider = std::make_unique<SecretProvider>(&m_store, QProcessEnvironment());
        m_services = Services{};
        m_services.network = &m_network;
        m_services.secrets = &m_store;
        m_services.secretProvider = m_provider.get();
        m_document = std::make_unique<WorkspaceDocument>();
        Workspace workspace;
        workspace.name = u"environments"_s;
        m_document->reset(workspace);
        m_page = std::make_unique<EnvironmentsPage>(m_services, *m_document);
        m_page->show();
    }
    void cleanup()
    {
        m_page.reset();
        m_document.reset();
        m_runtime.reset();
        m_sandbox.reset();
    }

    void addValidatesDiscoversAndUndoes()
    {
        bool driven = false;
        whenDialogOpens([&](EnvironmentDialog *dialog) {
            type(dialog, "nameEdit", u"sandbox"_s);
            type(dialog, "gatewayUrlEdit", u"ftp://gateway.example.com"_s);
            type(dialog, "tenantUrlEdit", m_runtime->tenant().baseUrl().toString());
            QVERIFY(!ok(dialog)->isEnabled());
            QCOMPARE(dialog->findChild<QLabel *>(u"problemLabel"_s)->text(),
                     u"Gateway URL: \"ftp://gateway.example.com\" is not an absolute http or https URL"_s);
            type(dialog, "gatewayUrlEdit", m_sandbox->gatewayUrl().toString());
            type(dialog, "adminPasswordEdit", u"manage"_s);
            type(dialog, "tenantUserEdit", u"Administrator"_s);
            type(dialog, "tenantPasswordEdit", u"manage"_s);
            type(dialog, "issuerEdit", m_runtime->oauth().baseUrl().toString());
            type(dialog, "clientIdEdit", u"demo-client"_s);
            type(dialog, "clientSecretEdit", u"demo-client-secret"_s);
            type(dialog, "audienceEdit", m_runtime->oauth().audience());
            QSignalSpy discovered(dialog, &EnvironmentDialog::discoveryFinished);
            dialog->findChild<QPushButton *>(u"discoverButton"_s)->click();
            QVERIFY(discovered.wait(10000));
            QCOMPARE(discovered.first().first().toString(), QString());
            QCOMPARE(dialog->findChild<QLineEdit *>(u"tokenEndpointEdit"_s)->text(),
                     m_runtime->oauth().tokenEndpoint().toString());
            QCOMPARE(dialog->findChild<QLineEdit *>(u"jwksUriEdit"_s)->text(), m_runtime->oauth().jwksUri().toString());
            QVERIFY(ok(dialog)->isEnabled());
            driven = true;
            ok(dialog)->click();
        });
        m_page->addEnvironment();
        QVERIFY(driven);
        QCOMPARE(m_document->workspace().environments.size(), 1);
        const Environment &added = m_document->workspace().environments.first();
        QCOMPARE(added.oauth.tokenEndpoint, m_runtime->oauth().tokenEndpoint().toString());
        QCOMPARE(added.adminPassword.key, u"gateway-admin/Administrator"_s);
        QCOMPARE(added.oauth.clientSecret.key, u"oauth-client/demo-client"_s);
        QTRY_COMPARE(m_store.value(SecretKey::gatewayAdmin(u"sandbox"_s, u"Administrator"_s)), u"manage"_s);
        QTRY_COMPARE(m_store.value(SecretKey::tenantUser(u"sandbox"_s, u"Administrator"_s)), u"manage"_s);

        // Test connection: every line green.
        QSignalSpy checked(m_page.get(), &EnvironmentsPage::checkFinished);
        m_page->testConnection();
        QVERIFY(checked.wait(20000));
        auto *lines = m_page->findChild<QListWidget *>(u"environmentCheckLines"_s);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(lines->item(i)->data(Qt::UserRole).toString() == u"ok"_s, qPrintable(lines->item(i)->text()));

        m_document->undoStack()->undo();
        QVERIFY(m_document->workspace().environments.isEmpty());
        m_document->undoStack()->redo();
        QCOMPARE(m_document->workspace().environments.size(), 1);

        // File > New: the last test's results were of the previous workspace and go.
        QCOMPARE(lines->count(), 3);
        m_document->reset(Workspace{});
        QCOMPARE(lines->count(), 0);
        QVERIFY(m_page->findChild<QLabel *>(u"environmentsStatus"_s)->text().isEmpty());
    }

    void untrustedCertificateIsShownAndPinnedOnRequest()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here.");
        QTemporaryDir directory;
        const QString error = makeSelfSignedCertificate(directory.path(), u"Gatewright page gateway"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile certificateFile(directory.filePath(u"cert.pem"_s));
        QFile keyFile(directory.filePath(u"key.pem"_s));
        QVERIFY(certificateFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
        const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        TlsForwarder forwarder(certificate, key, m_sandbox->gatewayPort());
        QVERIFY(forwarder.listen());

        Workspace workspace;
        Environment environment;
        environment.name = u"tls"_s;
        environment.gatewayUrl = u"https://127.0.0.1:%1"_s.arg(forwarder.port());
        environment.ioTenantUrl = m_runtime->tenant().baseUrl().toString();
        workspace.environments << environment;
        m_document->reset(workspace);
        m_store.insert(SecretKey::gatewayAdmin(u"tls"_s, u"Administrator"_s), u"manage"_s);

        QSignalSpy checked(m_page.get(), &EnvironmentsPage::checkFinished);
        m_page->testConnection();
        QVERIFY(checked.wait(20000));
        QCOMPARE(m_page->findChild<QListWidget *>(u"environmentCheckLines"_s)->item(0)->data(Qt::UserRole).toString(),
                 u"failed"_s);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_page->findChild<QMessageBox *>(u"trustCertificateBox"_s)) != nullptr);
        QVERIFY(box->text().contains(u"Gatewright page gateway"_s));
        QVERIFY(m_document->workspace().environments.first().tls.pinnedSha256.isEmpty()); // nothing trusted yet
        checked.clear();
        box->findChild<QPushButton *>(u"trustPinButton"_s)->click();
        QString pin = GatewayErrors::sha256Fingerprint(certificate);
        pin.remove(u':');
        QCOMPARE(m_document->workspace().environments.first().tls.pinnedSha256, pin);
        QVERIFY(checked.wait(20000));
        QCOMPARE(m_page->findChild<QListWidget *>(u"environmentCheckLines"_s)->item(0)->data(Qt::UserRole).toString(),
                 u"ok"_s);
        m_document->undoStack()->undo();
        QVERIFY(m_document->workspace().environments.first().tls.pinnedSha256.isEmpty());
    }

    void renameDuplicateDeleteAreUndoable()
    {
        Workspace workspace;
        Environment environment;
        environment.name = u"dev"_s;
        environment.gatewayUrl = m_sandbox->gatewayUrl().toString();
        environment.ioTenantUrl = m_runtime->tenant().baseUrl().toString();
        workspace.environments << environment;
        m_document->reset(workspace);

        whenDialogOpens([&](EnvironmentDialog *dialog) {
            type(dialog, "nameEdit", u"bad name"_s);
            QVERIFY(dialog->findChild<QLabel *>(u"problemLabel"_s)
                        ->text()
                        .startsWith(u"Name: \"bad name\" is not a valid environment name"_s));
            type(dialog, "nameEdit", u"staging"_s);
            dialog->findChild<QAbstractButton *>(u"productionCheck"_s)->setChecked(true);
            ok(dialog)->click();
        });
        m_page->editEnvironment();
        QCOMPARE(m_document->workspace().environments.first().name, u"staging"_s);
        QVERIFY(m_document->workspace().environments.first().production);
        QCOMPARE(m_document->undoStack()->undoText(), u"Rename environment dev to staging"_s);

        m_page->duplicateEnvironment();
        QCOMPARE(m_document->workspace().environments.size(), 2);
        QCOMPARE(m_document->workspace().environments.at(1).name, u"staging-copy"_s);
        QVERIFY(!m_document->workspace().environments.at(1).production);

        m_page->deleteEnvironment();
        QCOMPARE(m_document->workspace().environments.size(), 1);
        m_document->undoStack()->undo(); // delete
        m_document->undoStack()->undo(); // duplicate
        m_document->undoStack()->undo(); // rename
        QCOMPARE(m_document->workspace().environments.size(), 1);
        QCOMPARE(m_document->workspace().environments.first().name, u"dev"_s);
    }
};

QTEST_MAIN(TestEnvironmentsPage)
#include "tst_environmentspage.moc"
