// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/secretpromptdialog.h"
#include "pages/secretspage.h"
#include "secrets/memorysecretstore.h"
#include "services.h"
#include "testpaths.h"
#include "workspacedocument.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace gw;
using Fault = MemorySecretStore::Fault;

namespace {

const QString Demo = QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json");

QString cell(QTableWidget *table, int row, int column)
{
    QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

int rowOf(QTableWidget *table, const QString &entry)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (cell(table, row, SecretsPage::EntryColumn) == entry)
            return row;
    }
    return -1;
}

} // namespace

class TestSecretsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void listsTheEnvironmentsSecrets();
    void followsTheEnvironment();
    void setStoresTypedValueInTheKeychain();
    void removeAsksThenRemoves();
    void noKeychainDisablesSetAndRemove();

private:
    MemorySecretStore *m_store = nullptr;
    Services m_services;
    WorkspaceDocument *m_document = nullptr;
    SecretsPage *m_page = nullptr;
    QTableWidget *m_table = nullptr;
};

void TestSecretsPage::init()
{
    m_store = new MemorySecretStore;
    m_store->insert(SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator")),
                    QStringLiteral("manage"));
    m_services = Services{};
    m_services.secrets = m_store;
    m_document = new WorkspaceDocument;
    QString error;
    QVERIFY2(m_document->load(Demo, &error), qPrintable(error));
    m_document->setCurrentEnvironment(QStringLiteral("sandbox"));
    m_page = new SecretsPage(m_services, *m_document);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
    m_table = m_page->findChild<QTableWidget *>(QStringLiteral("secretsTable"));
    QVERIFY(m_table);
}

void TestSecretsPage::cleanup()
{
    delete m_page;
    delete m_document;
    delete m_store;
}

void TestSecretsPage::listsTheEnvironmentsSecrets()
{
    QCOMPARE(m_page->findChild<QLabel *>(QStringLiteral("secretsHeading"))->text(),
             QStringLiteral("Secrets of environment \"sandbox\""));
    const QStringList expected{
        QStringLiteral("sandbox/gateway-admin/Administrator"), QStringLiteral("sandbox/oauth-client/demo-client"),
        QStringLiteral("sandbox/alias/io-shared-basic"),       QStringLiteral("sandbox/alias/io-orders-basic"),
        QStringLiteral("sandbox/alias/io-customers-basic"),    QStringLiteral("sandbox/alias/io-invoicing-basic"),
    };
    QCOMPARE(m_table->rowCount(), expected.size());
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(cell(m_table, row, SecretsPage::EntryColumn), expected.at(row));
    QCOMPARE(cell(m_table, 0, SecretsPage::SecretColumn),
             QStringLiteral("The password of gateway admin user \"Administrator\" (environment \"sandbox\")"));
    QTRY_COMPARE(cell(m_table, 0, SecretsPage::StatusColumn), QStringLiteral("Stored"));
    QTRY_COMPARE(cell(m_table, 3, SecretsPage::StatusColumn), QStringLiteral("Not stored yet"));
    // No value is ever on screen.
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column = 0; column < SecretsPage::ColumnCount; ++column)
            QVERIFY(!cell(m_table, row, column).contains(QStringLiteral("manage")));
    }
}

void TestSecretsPage::followsTheEnvironment()
{
    m_document->setCurrentEnvironment(QStringLiteral("prod"));
    QCOMPARE(m_page->findChild<QLabel *>(QStringLiteral("secretsHeading"))->text(),
             QStringLiteral("Secrets of environment \"prod\""));
    QCOMPARE(cell(m_table, 0, SecretsPage::EntryColumn), QStringLiteral("prod/gateway-admin/gatewright-deployer"));
    QCOMPARE(cell(m_table, 1, SecretsPage::EntryColumn), QStringLiteral("prod/oauth-client/gatewright-prod"));
    QVERIFY(rowOf(m_table, QStringLiteral("prod/alias/io-orders-basic")) >= 0);
    QTRY_COMPARE(cell(m_table, 0, SecretsPage::StatusColumn), QStringLiteral("Not stored yet"));
}

void TestSecretsPage::setStoresTypedValueInTheKeychain()
{
    const int row = rowOf(m_table, QStringLiteral("sandbox/alias/io-orders-basic"));
    QVERIFY(row >= 0);
    auto *set = m_page->findChild<QPushButton *>(QStringLiteral("setSecretButton"));
    QVERIFY(!set->isEnabled());
    m_table->selectRow(row);
    QTRY_VERIFY(set->isEnabled());
    QTest::mouseClick(set, Qt::LeftButton);
    SecretPromptDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<SecretPromptDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Store secret"));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("descriptionLabel"))->text(),
             QStringLiteral("Enter the password of alias \"io-orders-basic\" (environment \"sandbox\") to store it in "
                            "the keychain."));
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(edit, QStringLiteral("orders-demo-pass"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(m_store->value(SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-orders-basic"))),
                 QStringLiteral("orders-demo-pass"));
    QTRY_COMPARE(cell(m_table, row, SecretsPage::StatusColumn), QStringLiteral("Stored"));
    QCOMPARE(m_page->findChild<QLabel *>(QStringLiteral("secretsMessage"))->text(),
             QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\") is stored in the "
                            "keychain."));
}

void TestSecretsPage::removeAsksThenRemoves()
{
    const SecretKey admin = SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator"));
    m_table->selectRow(0);
    auto *remove = m_page->findChild<QPushButton *>(QStringLiteral("removeSecretButton"));
    QTRY_VERIFY(remove->isEnabled());

    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = m_page->findChild<QMessageBox *>(QStringLiteral("removeSecretConfirmation"))));
    QCOMPARE(confirm->text(), QStringLiteral("Remove the password of gateway admin user \"Administrator\" (environment "
                                             "\"sandbox\") from the keychain? Requests that need it will ask for it "
                                             "again."));
    QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
    QTest::qWait(20);
    QVERIFY(m_store->contains(admin));

    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY((confirm = m_page->findChild<QMessageBox *>(QStringLiteral("removeSecretConfirmation"))) &&
                confirm->isVisible());
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY(!m_store->contains(admin));
    QTRY_COMPARE(cell(m_table, 0, SecretsPage::StatusColumn), QStringLiteral("Not stored yet"));
}

void TestSecretsPage::noKeychainDisablesSetAndRemove()
{
    m_store->setFault(Fault::NoKeychain, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("checkSecretsButton")), Qt::LeftButton);
    QTRY_COMPARE(cell(m_table, 0, SecretsPage::StatusColumn), QStringLiteral("No keychain"));
    QCOMPARE(m_table->item(0, SecretsPage::StatusColumn)->toolTip(),
             QStringLiteral("No keychain: secrets can't be stored on this system (Secret Service not reachable: Cannot "
                            "autolaunch D-Bus without X11 $DISPLAY)."));
    m_table->selectRow(1);
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("setSecretButton"))->isEnabled());
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("removeSecretButton"))->isEnabled());
}

QTEST_MAIN(TestSecretsPage)
#include "tst_secretspage.moc"
