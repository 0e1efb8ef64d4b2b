// SPDX-License-Identifier: GPL-3.0-or-later
// The call tester page, offscreen, against the demo sandbox: get a token, send to a proxy without outbound auth,
// read the diagnosis and its fix, find the call in the history.
#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "pages/calltesterpage.h"
#include "pages/tokenlabpage.h"
#include "probe/calltester.h"
#include "sandboxpeer.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "tokenservicesrig.h"
#include "workspacedocument.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace gw;

/// The services the token lab and the call tester use, on the sandbox's demo workspace and OAuth client.
struct Rig : test::TokenServicesRig
{
    explicit Rig(const SandboxPeer &sandbox)
    {
        store.insert(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s), sandbox.clientSecret());
        document.reset(sandbox.demoWorkspace());
        document.setCurrentEnvironment(u"sandbox"_s);
    }
    WorkspaceDocument document;
};

class TestCallTesterPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void revokingInTheTokenLabSaysItStaysValidUntilExp()
    {
        SandboxPeer sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.error()));
        Rig rig(sandbox);
        Services &services = rig.services;
        WorkspaceDocument &document = rig.document;

        TokenLabPage lab(services, document);
        lab.resize(1024, 700);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QTest::mouseClick(lab.findChild<QPushButton *>(u"getToken"_s), Qt::LeftButton);
        auto *signature = lab.findChild<QLabel *>(u"signatureStatus"_s);
        QTRY_VERIFY_WITH_TIMEOUT(signature->text().contains(u"Signature verified"_s), 10000);
        QTest::mouseClick(lab.findChild<QPushButton *>(u"revoke"_s), Qt::LeftButton);
        auto *activity = lab.findChild<QPlainTextEdit *>(u"activity"_s);
        QTRY_VERIFY_WITH_TIMEOUT(activity->toPlainText().contains(u"still accepts it until exp"_s), 10000);
        QVERIFY2(signature->text().contains(u"Revoked at"_s), qPrintable(signature->text()));
        QVERIFY(!signature->text().contains(u"&#10004;"_s)); // no longer a plain green "verified"
        QVERIFY(signature->text().contains(u"until it expires"_s));
        if (const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR"); !directory.isEmpty())
            lab.grab().save(directory + u"/tokenlab-revoked-1024.png"_s);
        // With a token and its texts shown the page still fits a 1024 px window.
        QVERIFY2(lab.minimumSizeHint().width() <= 880, qPrintable(QString::number(lab.minimumSizeHint().width())));
    }

    void sendShowsTheDiagnosisAndKeepsAHistory()
    {
        SandboxPeer sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.error()));
        Rig rig(sandbox);
        Services &services = rig.services;
        WorkspaceDocument &document = rig.document;

        CallTesterPage page(services, document);
        page.resize(1300, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *token = page.findChild<QLabel *>(u"tokenStatus"_s);
        QVERIFY2(token->text().startsWith(u"No token yet: Send first gets one from the environment's client with the "
                                          u"scopes "_s),
                 qPrintable(token->text()));
        QTest::mouseClick(page.findChild<QPushButton *>(u"getToken"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(token->text().startsWith(u"Token of client demo-client (verified; scopes "_s), 10000);
        QVERIFY2(token->text().contains(u"; Expires in "_s), qPrintable(token->text()));
        QVERIFY2(token->text().contains(u"Next renewal at "_s), qPrintable(token->text()));

        auto *proxy = page.findChild<QComboBox *>(u"proxy"_s);
        const int invoices = proxy->findText(u"InvoicesIssue 1.0  (no outbound auth)"_s);
        QVERIFY(invoices >= 0);
        proxy->setCurrentIndex(invoices);
        // Another proxy, other scopes: the page says Send will get a fitting token first.
        QVERIFY2(token->text().contains(u"Send first gets a token with this proxy's scopes (invoices:write)"_s),
                 qPrintable(token->text()));
        QCOMPARE(page.findChild<QLabel *>(u"url"_s)->text(), sandbox.gatewayUrl() + u"/gateway/InvoicesIssue/1.0"_s);
        page.findChild<QComboBox *>(u"method"_s)->setCurrentText(u"POST"_s);
        page.findChild<QPlainTextEdit *>(u"body"_s)->setPlainText(u"{\"amount\": 12}"_s);
        QTest::mouseClick(page.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        auto *diagnosis = page.findChild<QTextBrowser *>(u"diagnosis"_s);
        QTRY_VERIFY_WITH_TIMEOUT(diagnosis->toPlainText().contains(u"Fix:"_s), 10000);
        QVERIFY(page.findChild<QLabel *>(u"status"_s)->text().contains(u"HTTP 401"_s));
        QVERIFY(diagnosis->toPlainText().contains(
            u"A token with the proxy's scopes (invoices:write) was fetched first."_s));
        QVERIFY(diagnosis->toPlainText().contains(
            u"Fix: Add Outbound Auth - Transport with alias io-invoicing-basic to InvoicesIssue 1.0"_s));
        QVERIFY(page.findChild<QPlainTextEdit *>(u"responseBody"_s)
                    ->toPlainText()
                    .contains(u"\"message\": \"Authentication required: send HTTP Basic credentials.\""_s));

        proxy->setCurrentIndex(proxy->findText(u"OrdersCreate 1.0"_s));
        QTest::mouseClick(page.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.findChild<QLabel *>(u"status"_s)->text().contains(u"HTTP 200"_s), 10000);
        auto *history = page.findChild<QTableWidget *>(u"history"_s);
        QCOMPARE(history->rowCount(), 2);
        QCOMPARE(history->item(0, 1)->text(), u"POST OrdersCreate"_s);
        QCOMPARE(history->item(1, 2)->text(), u"401"_s);
        // Selecting an older call shows it again.
        history->selectRow(1);
        QTRY_VERIFY(page.findChild<QLabel *>(u"status"_s)->text().contains(u"HTTP 401"_s));
        const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            page.grab().save(QDir(directory).filePath(u"calltester.png"_s));
    }

    // The forum question, in the GUI: revoke in the token lab, call in the call tester, read why it still works.
    void aRevokedTokenThatStillGets200IsExplained()
    {
        SandboxPeer sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.error()));
        Rig rig(sandbox);
        TokenLabPage lab(rig.services, rig.document);
        CallTesterPage page(rig.services, rig.document);
        page.resize(1024, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(lab.findChild<QPushButton *>(u"getToken"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rig.session.token().verification == TokenInfo::Verification::Verified, 10000);
        QTest::mouseClick(lab.findChild<QPushButton *>(u"revoke"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rig.session.token().revokedAt.isValid(), 10000);
        auto *token = page.findChild<QLabel *>(u"tokenStatus"_s);
        QTRY_VERIFY(token->text().contains(u"Revoked at "_s));
        auto *proxy = page.findChild<QComboBox *>(u"proxy"_s);
        proxy->setCurrentIndex(proxy->findText(u"OrdersCreate 1.0"_s));
        page.findChild<QComboBox *>(u"method"_s)->setCurrentText(u"POST"_s);
        QTest::mouseClick(page.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        auto *diagnosis = page.findChild<QTextBrowser *>(u"diagnosis"_s);
        QTRY_VERIFY_WITH_TIMEOUT(page.findChild<QLabel *>(u"status"_s)->text().contains(u"HTTP 200"_s), 10000);
        const QString text = diagnosis->toPlainText();
        QVERIFY2(text.contains(u"This token was revoked at "_s) && text.contains(u"yet the gateway accepted it"_s),
                 qPrintable(text));
        QVERIFY(text.contains(u"still accepts it until exp"_s));
        QVERIFY(text.contains(u"Only introspection-based validation or a shorter token lifetime stops it sooner"_s));
        if (const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR"); !directory.isEmpty())
            page.grab().save(directory + u"/calltester-revoked-1024.png"_s);
        QVERIFY2(page.minimumSizeHint().width() <= 880, qPrintable(QString::number(page.minimumSizeHint().width())));
    }

    // A pasted token is sent as it is and never renewed; a failed token request shows on the page.
    void aPastedBearerAndAFailedTokenRequest()
    {
        SandboxPeer sandbox;
        QVERIFY2(sandbox.start(), qPrintable(sandbox.error()));
        Rig rig(sandbox);
        CallTesterPage page(rig.services, rig.document);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *bearer = page.findChild<QComboBox *>(u"bearerSource"_s);
        auto *pasted = page.findChild<QLineEdit *>(u"pastedBearer"_s);
        auto *token = page.findChild<QLabel *>(u"tokenStatus"_s);
        QVERIFY(!pasted->isVisible());
        bearer->setCurrentIndex(bearer->findData(int(ProxyCallRequest::Bearer::Given)));
        QVERIFY(pasted->isVisible());
        QVERIFY(!page.findChild<QPushButton *>(u"getToken"_s)->isVisible());
        pasted->setText(u"Bearer not-a-real-token"_s);
        QVERIFY2(token->text().startsWith(u"Pasted token: opaque"_s), qPrintable(token->text()));
        QVERIFY(token->text().contains(u"Not renewed"_s));
        auto *proxy = page.findChild<QComboBox *>(u"proxy"_s);
        proxy->setCurrentIndex(proxy->findText(u"OrdersCreate 1.0"_s));
        QTest::mouseClick(page.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.findChild<QLabel *>(u"status"_s)->text().contains(u"HTTP 401"_s), 10000);
        QVERIFY(rig.session.token().isEmpty()); // nothing was fetched for a pasted token
        QVERIFY(!page.findChild<QLabel *>(u"status"_s)->text().contains(u"new token"_s));
        // The history never holds the pasted token.
        QVERIFY(rig.tester.history().first().request.givenToken.isEmpty());

        bearer->setCurrentIndex(bearer->findData(int(ProxyCallRequest::Bearer::Session)));
        rig.store.remove(SecretKey::oauthClient(u"sandbox"_s, u"demo-client"_s), &page, [](const SecretResult &) {});
        QTest::mouseClick(page.findChild<QPushButton *>(u"getToken"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(token->text().contains(u"The token request failed:"_s), 10000);
        QVERIFY2(token->text().contains(u"is not stored in the keychain yet"_s), qPrintable(token->text()));
        QTest::mouseClick(page.findChild<QPushButton *>(u"send"_s), Qt::LeftButton);
        auto *diagnosis = page.findChild<QTextBrowser *>(u"diagnosis"_s);
        QTRY_VERIFY_WITH_TIMEOUT(diagnosis->toPlainText().contains(u"No token: the call was not sent"_s), 10000);

        // A workspace without proxies says where one comes from, not that a proxy named "" is missing.
        rig.document.reset(Workspace{});
        QCOMPARE(page.findChild<QLabel *>(u"url"_s)->text(),
                 u"No proxy to call yet: add one on the Inventory page, or take the gateway's with File ▸ Adopt from "
                 u"Gateway."_s);
        QVERIFY(!page.findChild<QPushButton *>(u"send"_s)->isEnabled());
    }
};

QTEST_MAIN(TestCallTesterPage)
#include "tst_calltesterpage.moc"
