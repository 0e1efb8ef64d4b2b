// SPDX-License-Identifier: GPL-3.0-or-later
// The Plan & apply page and the audit-log page, clicked through offscreen against the sandbox:
// pull and plan shows the diff per alias and proxy, Apply runs it with progress, planning again
// shows no change, and the audit log lists the apply.
#include "pages/auditlogpage.h"
#include "pages/planpage.h"
#include "sandbox.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretkey.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "sync/syncservice.h"
#include "synctesthelpers.h"
#include "workspacedocument.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <memory>

using namespace gw;
using namespace gw::test;

class TestPlanPage : public QObject
{
    Q_OBJECT
private slots:
    void pullPlanApplyAndAudit()
    {
        SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = QStringLiteral("empty");
        Sandbox sandbox(options);
        QString error;
        QVERIFY2(sandbox.listen(&error), qPrintable(error));
        QVERIFY2(sandbox.initializeState(&error), qPrintable(error));

        QTemporaryDir directory;
        QNetworkAccessManager network;
        MemorySecretStore store;
        store.insert(SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator")),
                     QStringLiteral("manage"));
        const auto passwords = demoAliasPasswords();
        for (auto it = passwords.cbegin(); it != passwords.cend(); ++it)
            store.insert(SecretKey::alias(QStringLiteral("sandbox"), it.key()), it.value());
        SecretProvider provider(&store, QProcessEnvironment(), nullptr);
        SyncService sync(&network, &provider, directory.filePath(QStringLiteral("audit.jsonl")));
        Services services;
        services.network = &network;
        services.secrets = &store;
        services.secretProvider = &provider;
        services.sync = &sync;
        WorkspaceDocument document;
        document.reset(demoWorkspace(sandbox.gatewayUrl().toString()));
        document.setCurrentEnvironment(QStringLiteral("sandbox"));

        PlanPage page(services, document);
        page.setConfirmApply(false);
        AuditLogPage audit(services, document);
        page.resize(900, 700);
        page.show();
        auto *planButton = page.findChild<QPushButton *>(QStringLiteral("planButton"));
        auto *applyButton = page.findChild<QPushButton *>(QStringLiteral("applyButton"));
        auto *status = page.findChild<QLabel *>(QStringLiteral("status"));
        auto *diff = page.findChild<QTreeWidget *>(QStringLiteral("diff"));
        auto *details = page.findChild<QPlainTextEdit *>(QStringLiteral("details"));
        QVERIFY(planButton && applyButton && status && diff && details);
        QVERIFY(!applyButton->isEnabled());

        QTest::mouseClick(planButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            status->text(), QStringLiteral("40 step(s) would change environment sandbox. Review them, then Apply."),
            20000);
        QCOMPARE(diff->topLevelItemCount(), 11); // 5 aliases, 6 proxies
        QCOMPARE(diff->topLevelItem(0)->text(0), QStringLiteral("+ alias io-customers-basic"));
        QTreeWidgetItem *invoices =
            diff->findItems(QStringLiteral("+ proxy InvoicesIssue/1.0"), Qt::MatchExactly).value(0);
        QVERIFY(invoices);
        QCOMPARE(invoices->child(2)->text(0), QStringLiteral("outbound"));
        QCOMPARE(invoices->child(2)->text(2), QStringLiteral("none"));
        const QTreeWidgetItem *password = diff->topLevelItem(0)->child(3);
        QCOMPARE(password->text(0), QStringLiteral("password"));
        QCOMPARE(password->text(2), QStringLiteral("********"));
        QVERIFY(details->toPlainText().startsWith(QLatin1String("1. create alias io-customers-basic")));
        QVERIFY(applyButton->isEnabled());

        QTest::mouseClick(applyButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Applied all 40 steps to environment \"sandbox\"."),
                                  30000);
        auto *progress = page.findChild<QProgressBar *>(QStringLiteral("progress"));
        QCOMPARE(progress->value(), progress->maximum());
        QVERIFY(details->toPlainText().contains(QLatin1String(" 40. [done] activate API OrdersStatus/1.0")));
        QVERIFY(!applyButton->isEnabled());

        QTest::mouseClick(planButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            status->text(), QStringLiteral("No changes: the gateway of environment sandbox matches the workspace."),
            20000);

        auto *table = audit.findChild<QTableWidget *>(QStringLiteral("auditTable"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("sandbox"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("applied"));
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("40/40"));
        if (!qEnvironmentVariableIsEmpty("GATEWRIGHT_SCREENSHOT_DIR"))
            page.grab().save(qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR") + QStringLiteral("/planpage.png"));
    }
};

QTEST_MAIN(TestPlanPage)
#include "tst_planpage.moc"
