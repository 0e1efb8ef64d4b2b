// SPDX-License-Identifier: GPL-3.0-or-later
// The Plan & apply page and the audit-log page, clicked through offscreen against the sandbox:
// pull and plan shows the diff per alias and proxy, Apply runs it with progress, planning again
// shows no change, and the audit log lists the apply.
#include "commands/edititemcommand.h"
#include "faultrule.h"
#include "insandbox.h"
#include "mainwindow.h"
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

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace gw;
using namespace gw::test;

/// The sync service on a memory keychain holding the demo's admin and alias passwords, with its audit log in a
/// temporary folder.
struct SyncRig
{
    SyncRig()
        : provider(&store, QProcessEnvironment(), nullptr)
        , sync(&network, &provider, directory.filePath(QStringLiteral("audit.jsonl")))
    {
        store.insert(SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator")),
                     QStringLiteral("manage"));
        const auto passwords = demoAliasPasswords();
        for (auto it = passwords.cbegin(); it != passwords.cend(); ++it)
            store.insert(SecretKey::alias(QStringLiteral("sandbox"), it.key()), it.value());
        services.network = &network;
        services.secrets = &store;
        services.secretProvider = &provider;
        services.sync = &sync;
    }
    QTemporaryDir directory;
    QNetworkAccessManager network;
    MemorySecretStore store;
    SecretProvider provider;
    SyncService sync;
    Services services;
};

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

        SyncRig rig;
        Services &services = rig.services;
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
        QCOMPARE(diff->topLevelItemCount(), 12); // 5 aliases, 6 proxies, "local (not in the workspace, left alone)"
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

        // An edit after planning makes the plan stale: Apply waits for a new plan.
        GatewayProxy edited = document.workspace().proxies.constFirst();
        edited.description = QStringLiteral("edited after the plan");
        document.undoStack()->push(new EditItemCommand<GatewayProxy>(document, 0, edited));
        QVERIFY(!applyButton->isEnabled());
        QCOMPARE(status->text(), QStringLiteral("The workspace changed since this plan: plan again before applying."));
        QTest::mouseClick(planButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(applyButton->isEnabled(), 20000);

        // Unsaved changes: Apply offers to save first, and saves before it sends anything.
        int saves = 0;
        page.setSaver([&] {
            ++saves;
            return true;
        });
        bool asked = false;
        QTimer::singleShot(0, &page, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), QStringLiteral("saveBeforeApply"));
            asked = true;
            QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("saveAndApply")), Qt::LeftButton);
        });
        QTest::mouseClick(applyButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Applied all 40 steps to environment \"sandbox\"."),
                                  30000);
        QVERIFY(asked);
        QCOMPARE(saves, 1);
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

        // File > New: nothing of the last plan stays on the page.
        QVERIFY2(details->toPlainText().startsWith(
                     QLatin1String("No steps: every proxy and alias of the workspace is on the gateway as described")),
                 qPrintable(details->toPlainText()));
        QVERIFY(diff->topLevelItemCount() > 0);
        QVERIFY(!status->text().isEmpty());
        document.reset(Workspace{});
        QCOMPARE(diff->topLevelItemCount(), 0);
        QVERIFY(details->toPlainText().isEmpty());
        QCOMPARE(status->text(), QStringLiteral("Pull the gateway to see what applying the workspace would change."));
        QVERIFY(!applyButton->isEnabled());
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("sandbox"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("applied"));
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("40/40"));
        if (!qEnvironmentVariableIsEmpty("GATEWRIGHT_SCREENSHOT_DIR"))
            page.grab().save(qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR") + QStringLiteral("/planpage.png"));
    }

    // Without a keychain, planning asks a person only for what it will send: the admin password once for the
    // session (not once per request or per plan) and the password of a new alias; the passwords of aliases the
    // gateway already holds unchanged are not asked for, and the plan says it did not compare them.
    void planningAsksOnlyForWhatItSends()
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
        Workspace workspace = demoWorkspace(sandbox.gatewayUrl().toString());
        {
            SyncRig stocked; // the gateway gets the demo first, from a keychain that has every password
            QSignalSpy ready(&stocked.sync, &SyncService::planReady);
            QSignalSpy applied(&stocked.sync, &SyncService::applyFinished);
            stocked.sync.pullAndPlan(workspace, QStringLiteral("sandbox"));
            QVERIFY(ready.wait(20000));
            stocked.sync.apply();
            QVERIFY(applied.wait(30000));
        }

        MemorySecretStore none;
        none.setFault(MemorySecretStore::Fault::NoKeychain, QStringLiteral("no Secret Service"));
        SecretProvider provider(&none, QProcessEnvironment(), nullptr);
        QStringList asked;
        provider.setPromptHandler([&](const SecretPromptRequest &request, SecretProvider::PromptDone done) {
            asked << request.key.keychainKey();
            const QString secret =
                request.key.kind == SecretKey::GatewayAdmin ? QStringLiteral("manage") : QStringLiteral("extra-pass");
            QTimer::singleShot(0, [done, secret] { done(SecretPromptAnswer{true, secret, false}); });
        });
        QTemporaryDir directory;
        QNetworkAccessManager network;
        SyncService sync(&network, &provider, directory.filePath(QStringLiteral("audit.jsonl")));
        Alias extra;
        extra.name = QStringLiteral("io-extra-basic");
        extra.technicalUser = QStringLiteral("svc-orders");
        extra.password = workspace.aliases.constFirst().password;
        workspace.aliases << extra;
        QSignalSpy ready(&sync, &SyncService::planReady);
        QSignalSpy failed(&sync, &SyncService::failed);
        for (int round = 0; round < 2; ++round) {
            sync.pullAndPlan(workspace, QStringLiteral("sandbox"));
            QVERIFY2(ready.wait(20000), qPrintable(failed.value(0).value(0).toString()));
        }
        const Plan plan = sync.plan();
        QCOMPARE(plan.aliasesWritten(), QStringList{QStringLiteral("io-extra-basic")});
        QCOMPARE(asked,
                 (QStringList{
                     SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator")).keychainKey(),
                     SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-extra-basic")).keychainKey()}));
        QStringList notCompared = plan.passwordsNotCompared;
        notCompared.sort();
        QCOMPARE(notCompared, (QStringList{QStringLiteral("io-customers-basic"), QStringLiteral("io-invoicing-basic"),
                                           QStringLiteral("io-orders-basic"), QStringLiteral("io-shared-basic")}));
        QCOMPARE(none.writeCount(), 0);
    }

    // The gateway stops answering in the middle of an apply: the rollback cannot finish, and the page says what
    // each object was left as, in a panel with Retry rollback (which, once the gateway is back, finishes the job)
    // and Re-plan. The audit log tells the two entries and their steps apart.
    // Closing the window while an apply runs asks first; "Keep Applying" lets it finish, "Stop, Roll Back and
    // Close" stops it at the next step boundary, undoes the completed steps, records the interruption and closes.
    void closingTheWindowDuringAnApplyAsksThenRollsBack()
    {
        std::unique_ptr<Sandbox> sandbox;
        std::unique_ptr<SandboxRuntime> runtime;
        QString error;
        QVERIFY2(startSandbox(sandbox, runtime, &error, QStringLiteral("empty")), qPrintable(error));
        SyncRig rig;
        SyncService &sync = rig.sync;
        WorkspaceDocument document;
        document.reset(demoWorkspace(sandbox->gatewayUrl().toString()));
        document.setCurrentEnvironment(QStringLiteral("sandbox"));
        MainWindow window(rig.services, document);
        auto *page = new PlanPage(rig.services, document);
        page->setConfirmApply(false);
        window.addPage(page, QStringLiteral("Plan & apply"));
        auto *audit = new AuditLogPage(rig.services, document);
        window.addPage(audit, QStringLiteral("Audit log"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QJsonObject before = sandbox->state().toJson();
        auto *status = page->findChild<QLabel *>(QStringLiteral("status"));
        auto *planButton = page->findChild<QPushButton *>(QStringLiteral("planButton"));
        auto *applyButton = page->findChild<QPushButton *>(QStringLiteral("applyButton"));

        // Closing from inside the progress of step `atStep` (before its request goes out), answering the box.
        auto closeAt = [&](int atStep, const QString &answer) {
            auto asked = std::make_shared<QString>();
            QMetaObject::Connection connection = connect(
                &sync, &SyncService::progress, this, [&, atStep, answer, asked](int done, int, const QString &) {
                    if (done != atStep - 1 || !sync.isApplying() || !asked->isEmpty())
                        return;
                    QTimer::singleShot(0, this, [answer, asked] {
                        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                        if (!box || box->objectName() != QLatin1String("applyRunningBox"))
                            return;
                        *asked = box->text() + QLatin1Char('\n') + box->informativeText();
                        for (QAbstractButton *button : box->buttons()) {
                            if (button->text() == answer)
                                button->click();
                        }
                    });
                    window.close();
                });
            return std::make_pair(connection, asked);
        };

        QTest::mouseClick(planButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("Review them, then Apply")), 20000);
        auto [keepConnection, keepAsked] = closeAt(3, QStringLiteral("Keep Applying"));
        QSignalSpy finished(&sync, &SyncService::applyFinished);
        QTest::mouseClick(applyButton, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        disconnect(keepConnection);
        QVERIFY2(keepAsked->contains(QLatin1String("An apply to environment \"sandbox\" is running")),
                 qPrintable(*keepAsked));
        QCOMPARE(finished.first().first().value<ApplyResult>().outcome, ApplyResult::Outcome::Applied);
        QVERIFY(window.isVisible());
        QVERIFY(sandbox->state().toJson() != before);

        // The gateway back as it began, then the same apply, stopped.
        QVERIFY2(sandbox->state().loadJson(before, &error), qPrintable(error));
        QTest::mouseClick(planButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("Review them, then Apply")), 20000);
        auto [stopConnection, stopAsked] = closeAt(5, QStringLiteral("Stop, Roll Back and Close"));
        finished.clear();
        QTest::mouseClick(applyButton, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        disconnect(stopConnection);
        QVERIFY(!stopAsked->isEmpty());
        const ApplyResult result = finished.first().first().value<ApplyResult>();
        QCOMPARE(result.outcome, ApplyResult::Outcome::RolledBack);
        QCOMPARE(result.interruption, QStringLiteral("the window was closed"));
        QVERIFY2(result.completed >= 4 && result.completed < result.total, qPrintable(result.report()));
        QTRY_VERIFY(!window.isVisible());
        QCOMPARE(sandbox->state().toJson(), before);
        const QList<AuditEntry> entries = sync.auditLog().read(&error);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.last().interrupted, QStringLiteral("the window was closed"));
        QCOMPARE(entries.last().outcome, QStringLiteral("rolled-back"));
        auto *table = audit->findChild<QTableWidget *>(QStringLiteral("auditTable"));
        QTRY_COMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("rolled-back (interrupted)"));
    }

    void aHalfAppliedChangeShowsWhatWasLeftAndRecovers()
    {
        std::unique_ptr<Sandbox> sandbox;
        std::unique_ptr<SandboxRuntime> runtime;
        QString error;
        QVERIFY2(startSandbox(sandbox, runtime, &error), qPrintable(error));
        SyncRig rig;
        SyncService &sync = rig.sync;
        sync.setClientOptions(3000, 6);
        Services &services = rig.services;
        Workspace workspace = demoWorkspace(sandbox->gatewayUrl().toString());
        for (GatewayProxy &proxy : workspace.proxies) {
            if (proxy.name == QLatin1String("InvoicesIssue")) {
                proxy.outbound.kind = OutboundAuth::Kind::Alias;
                proxy.outbound.alias = QStringLiteral("io-invoicing-basic");
            }
        }
        WorkspaceDocument document;
        document.reset(workspace);
        document.setCurrentEnvironment(QStringLiteral("sandbox"));
        PlanPage page(services, document);
        page.setConfirmApply(false);
        AuditLogPage audit(services, document);
        page.resize(1024, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *status = page.findChild<QLabel *>(QStringLiteral("status"));
        auto *panel = page.findChild<QWidget *>(QStringLiteral("recoveryPanel"));
        QVERIFY(!panel->isVisible());

        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("planButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("Review them, then Apply")), 20000);
        auto *details = page.findChild<QPlainTextEdit *>(QStringLiteral("details"));
        QVERIFY2(details->toPlainText().contains(QLatin1String(
                     "deactivate API InvoicesIssue/1.0 (callers get an error until a later step activates it again)")),
                 qPrintable(details->toPlainText()));
        // The gateway goes away as the last step (activate) starts: every request from then on is dropped.
        QMetaObject::Connection kill = connect(&sync, &SyncService::progress, this, [&](int, int, const QString &text) {
            if (text.contains(QLatin1String(": activate API InvoicesIssue/1.0"))) {
                QString ruleError;
                sandbox->gateway().faults().add(*FaultRule::parse(QStringLiteral("* *:1+:drop"), &ruleError));
            }
        });
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("applyButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 60000);
        disconnect(kill);
        auto *left = page.findChild<QListWidget *>(QStringLiteral("leftStates"));
        QStringList states;
        for (int row = 0; row < left->count(); ++row)
            states << left->item(row)->text();
        QVERIFY2(states.contains(QStringLiteral(
                     "InvoicesIssue/1.0 is deactivated: callers get an error until it is activated again")),
                 qPrintable(states.join(QLatin1Char('|'))));
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("recoveryText"))->text().contains(QLatin1String("failed")));
        auto *retry = page.findChild<QPushButton *>(QStringLiteral("retryRollbackButton"));
        QVERIFY(retry->isEnabled());
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("replanButton"))->isEnabled());
        if (!qEnvironmentVariableIsEmpty("GATEWRIGHT_SCREENSHOT_DIR"))
            page.grab().save(qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR") +
                             QStringLiteral("/planpage-recovery-1024.png"));

        // Still gone: the retry fails again and the panel stays.
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!sync.isBusy() && retry->isEnabled(), 60000);
        QVERIFY(panel->isVisible());
        // Back: the retry completes the rollback, and the gateway is as it was.
        sandbox->gateway().faults().clear();
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), 60000);
        QVERIFY2(status->text().startsWith(QLatin1String("Rollback completed")), qPrintable(status->text()));
        QVERIFY(!retry->isEnabled());
        bool invoicesActive = false;
        for (const QJsonObject &api : sandbox->state().apis()) {
            if (api.value(QLatin1String("apiName")).toString() == QLatin1String("InvoicesIssue"))
                invoicesActive = api.value(QLatin1String("isActive")).toBool();
        }
        QVERIFY(invoicesActive);

        // The audit log: the apply (rollback-incomplete, its undo-failed steps and what was left), two retries.
        auto *table = audit.findChild<QTableWidget *>(QStringLiteral("auditTable"));
        QTRY_COMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(2, 3)->text(), QStringLiteral("rollback-incomplete"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("rolled-back (rollback retried)"));
        QVERIFY(table->item(2, 3)->foreground().color() != table->item(0, 3)->foreground().color());
        table->setCurrentCell(2, 0);
        const QString entry = audit.findChild<QPlainTextEdit *>(QStringLiteral("auditDetails"))->toPlainText();
        QVERIFY2(entry.contains(QLatin1String(
                     "\n  InvoicesIssue/1.0 is deactivated: callers get an error until it is activated again\n")),
                 qPrintable(entry));
        QVERIFY(entry.contains(QLatin1String("Left changed:\n")));
        QVERIFY(entry.contains(QLatin1String("unknown whether \"activate API InvoicesIssue/1.0\" took effect")));
        QVERIFY(entry.contains(QStringLiteral("✘ FAILED: activate API InvoicesIssue/1.0")));
        QVERIFY(entry.contains(QStringLiteral("⚠ done, UNDO FAILED: deactivate API InvoicesIssue/1.0")));
    }
};

QTEST_MAIN(TestPlanPage)
#include "tst_planpage.moc"
