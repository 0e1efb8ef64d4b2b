// SPDX-License-Identifier: GPL-3.0-or-later
// The token lab page, offscreen, against the real oidc-provider: get a token by clicking, see it verified, its
// claims and countdown; copy only on request; introspection's answer in the activity log.
#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "oidcproviderpeer.h"
#include "pages/tokenlabpage.h"
#include "probe/calltester.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "workspacedocument.h"

#include "testpaths.h"
#include "tokenservicesrig.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace gw;

using LabRig = test::TokenServicesRig;

class TestTokenLabPage : public QObject
{
    Q_OBJECT

private:
    OidcProviderPeer m_peer;

    template<typename T> static T *child(QWidget *page, const char *name)
    {
        T *widget = page->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }

    static QString plain(QLabel *label) { return QTextDocumentFragment::fromHtml(label->text()).toPlainText(); }

    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            widget->grab().save(QDir(directory).filePath(name));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_peer.start(), qPrintable(m_peer.error())); }

    void getTokenShowsAVerifiedTokenWithCountdown()
    {
        LabRig rig;
        rig.store.insert(SecretKey::oauthClient(u"lab"_s, m_peer.clientId("basic")), m_peer.clientSecret("basic"));
        Services &services = rig.services;
        TokenSession &session = rig.session;

        Workspace workspace;
        workspace.name = u"lab"_s;
        Environment environment;
        environment.name = u"lab"_s;
        environment.gatewayUrl = u"http://127.0.0.1:9"_s;
        environment.oauth.issuer = m_peer.issuer();
        environment.oauth.clientId = m_peer.clientId("basic");
        environment.oauth.audience = m_peer.audience();
        workspace.environments << environment;
        GatewayProxy proxy;
        proxy.name = u"Orders"_s;
        proxy.inbound.scopes = {u"gateway:read"_s};
        workspace.proxies << proxy;
        WorkspaceDocument document;
        document.reset(workspace);

        TokenLabPage page(services, document);
        page.resize(1100, 760);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        QCOMPARE(child<QComboBox>(&page, "environment")->currentText(), u"lab"_s);
        QCOMPARE(child<QLineEdit>(&page, "clientId")->text(), m_peer.clientId("basic"));
        QCOMPARE(child<QLineEdit>(&page, "scopes")->text(), u"gateway:read"_s);
        QVERIFY(child<QCheckBox>(&page, "autoRefresh")->isChecked());
        QVERIFY(!child<QPushButton>(&page, "copy")->isEnabled());
        QGuiApplication::clipboard()->clear();

        QTest::mouseClick(child<QPushButton>(&page, "getToken"), Qt::LeftButton);
        QLabel *signature = child<QLabel>(&page, "signatureStatus");
        QTRY_VERIFY_WITH_TIMEOUT(signature->text().contains(u"Signature verified"_s), 10000);
        QVERIFY(!signature->text().contains(u"NOT verified"_s));
        QTRY_VERIFY(child<QLabel>(&page, "countdown")->text().startsWith(u"Expires in 4:"_s));
        QVERIFY(child<QLabel>(&page, "nextRenewal")->text().startsWith(u"Next renewal at "_s));
        QVERIFY(child<QLabel>(&page, "nextRenewal")->text().contains(u"client-credentials token"_s));
        QVERIFY(child<QLabel>(&page, "tokenPreview")->text().startsWith(u"Access token (memory only): eyJ"_s));

        QTreeWidget *claims = child<QTreeWidget>(&page, "claims");
        const auto issuer = claims->findItems(u"iss"_s, Qt::MatchExactly, 0);
        QCOMPARE(issuer.size(), 1);
        QCOMPARE(issuer.first()->text(1), m_peer.issuer());
        QVERIFY(child<QPlainTextEdit>(&page, "header")->toPlainText().contains(u"\"at+jwt\""_s));

        // Nothing reached the clipboard until the user asks.
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        QTest::mouseClick(child<QPushButton>(&page, "copy"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), session.token().accessToken);
        QGuiApplication::clipboard()->clear();

        // The activity log names the token received and its check, never the token.
        QPlainTextEdit *activity = child<QPlainTextEdit>(&page, "activity");
        QVERIFY2(activity->toPlainText().contains(u"Token received (client_credentials grant, expires "_s),
                 qPrintable(activity->toPlainText()));
        QTRY_VERIFY(activity->toPlainText().contains(u"Signature verified"_s));
        QVERIFY(!activity->toPlainText().contains(session.token().accessToken.left(40)));

        // oidc-provider refuses to introspect its own JWTs: the reason shows in the activity log.
        QTest::mouseClick(child<QPushButton>(&page, "introspect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(activity->toPlainText().contains(u"unsupported_token_type"_s), 10000);

        // Turning automatic renewal off is visible.
        child<QCheckBox>(&page, "autoRefresh")->setChecked(false);
        QVERIFY(!session.autoRefresh());
        QTRY_VERIFY(child<QLabel>(&page, "nextRenewal")->text().startsWith(u"Automatic renewal is off: at "_s));
        QVERIFY(child<QLabel>(&page, "nextRenewal")->text().contains(u"calls get 401"_s));
        child<QCheckBox>(&page, "autoRefresh")->setChecked(true);
        saveScreenshot(&page, u"tokenlab.png"_s);

        // File > New: nothing of the previous workspace's tokens, client or activity stays on the page.
        child<QLineEdit>(&page, "scopes")->setText(u"typed:by-hand"_s);
        document.reset(Workspace{});
        QVERIFY2(activity->toPlainText().isEmpty(), qPrintable(activity->toPlainText()));
        QVERIFY(child<QLineEdit>(&page, "clientId")->text().isEmpty());
        QVERIFY(child<QLineEdit>(&page, "scopes")->text().isEmpty());
        QCOMPARE(child<QComboBox>(&page, "environment")->count(), 0);
        QVERIFY(!child<QPushButton>(&page, "copy")->isEnabled());
    }

    // A token from another authorization server (npm jose), pasted with its JWKS, then its PEM key: decoded,
    // verified with the same checks and reasons; a wrong key, the environment's JWKS and decode-only each say what
    // they did; nothing pasted survives File > New.
    void aPastedTokenFromAnOutsideIssuerVerifiesAgainstPastedKeys_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("RS256") << u"RS256"_s;
        QTest::newRow("ES256") << u"ES256"_s;
    }
    void aPastedTokenFromAnOutsideIssuerVerifiesAgainstPastedKeys()
    {
        QFETCH(QString, algorithm);
        QProcess node;
        node.setWorkingDirectory(QStringLiteral(GATEWRIGHT_PEERS_DIR));
        node.start(QStandardPaths::findExecutable(u"node"_s), {u"make-outside-token.mjs"_s, algorithm});
        QVERIFY(node.waitForFinished(30000));
        QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
        const QJsonObject outside = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
        const QString token = outside.value(u"token"_s).toString();
        QVERIFY(token.startsWith(u"eyJ"_s));

        LabRig rig;
        Services &services = rig.services;
        TokenSession &session = rig.session;
        Workspace workspace;
        Environment environment;
        environment.name = u"lab"_s;
        environment.oauth.issuer = m_peer.issuer();
        environment.oauth.clientId = m_peer.clientId("basic");
        workspace.environments << environment;
        WorkspaceDocument document;
        document.reset(workspace);
        TokenLabPage page(services, document);
        page.resize(1024, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *tabs = child<QTabWidget>(&page, "labTabs");
        tabs->setCurrentWidget(child<QWidget>(&page, "pasteTab"));

        // Pasting decodes at once, marked not verified; times in local time and UTC.
        auto *pasteToken = child<QPlainTextEdit>(&page, "pasteToken");
        pasteToken->setPlainText(u"Bearer "_s + token);
        QLabel *status = child<QLabel>(&page, "pasteStatus");
        QVERIFY(plain(status).contains(u"Signature NOT verified"_s));
        QTreeWidget *claims = child<QTreeWidget>(&page, "pasteClaims");
        QCOMPARE(claims->findItems(u"iss"_s, Qt::MatchExactly).value(0)->text(1),
                 outside.value(u"issuer"_s).toString());
        const QString exp = claims->findItems(u"exp"_s, Qt::MatchExactly).value(0)->text(1);
        QVERIFY2(exp.contains(u" local, "_s) && exp.endsWith(u" UTC)"_s), qPrintable(exp));
        QVERIFY(child<QPlainTextEdit>(&page, "pasteHeader")->toPlainText().contains(algorithm));
        QVERIFY(child<QLabel>(&page, "pasteExpiry")->text().startsWith(u"Expires in "_s));

        // Against its pasted JWKS, with its issuer and audience.
        auto *source = child<QComboBox>(&page, "pasteKeySource");
        source->setCurrentIndex(source->findData(u"pasted"_s));
        child<QLineEdit>(&page, "pasteIssuer")->setText(outside.value(u"issuer"_s).toString());
        child<QLineEdit>(&page, "pasteAudience")->setText(outside.value(u"audience"_s).toString());
        auto *keys = child<QPlainTextEdit>(&page, "pasteKeys");
        keys->setPlainText(QString::fromUtf8(QJsonDocument(outside.value(u"jwks"_s).toObject()).toJson()));
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QVERIFY2(plain(status).contains(u"Signature verified with key \"%1\" (%2) from the pasted JWKS"_s.arg(
                     outside.value(u"kid"_s).toString(), algorithm)),
                 qPrintable(plain(status)));
        QVERIFY(plain(status).contains(u"issuer, audience and lifetime checked"_s));

        // Its PEM key works too (bound to the token's kid); another key is refused by name.
        keys->setPlainText(outside.value(u"pem"_s).toString());
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QVERIFY2(plain(status).contains(u"from the pasted PEM key"_s), qPrintable(plain(status)));
        keys->setPlainText(outside.value(u"otherPem"_s).toString());
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QVERIFY2(plain(status).contains(u"Signature NOT verified"_s) &&
                     plain(status).contains(u"signature does not verify"_s),
                 qPrintable(plain(status)));

        // The same checks as for the console's own tokens: a wrong audience is named; no audience is "not checked".
        keys->setPlainText(outside.value(u"pem"_s).toString());
        child<QLineEdit>(&page, "pasteAudience")->setText(u"api://someone-else"_s);
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QVERIFY2(plain(status).contains(u"Token not valid"_s) && plain(status).contains(u"api://someone-else"_s),
                 qPrintable(plain(status)));
        child<QLineEdit>(&page, "pasteAudience")->clear();
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QVERIFY2(plain(status).contains(u"Not checked: audience (none given)"_s), qPrintable(plain(status)));

        // A pasted private key is refused, not used.
        keys->setPlainText(u"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"_s);
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QVERIFY2(plain(status).contains(u"private key"_s), qPrintable(plain(status)));

        // The environment's JWKS (the real oidc-provider) does not hold the outside key: the kid is named.
        source->setCurrentIndex(source->findData(u"environment"_s));
        child<QLineEdit>(&page, "pasteIssuer")->clear();
        QTest::mouseClick(child<QPushButton>(&page, "pasteVerify"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(plain(status).contains(u"no key with kid"_s), 10000);
        QVERIFY(plain(status).contains(outside.value(u"kid"_s).toString()));
        saveScreenshot(&page, u"tokenlab-paste-%1.png"_s.arg(algorithm));

        // Nothing pasted is kept once the workspace changes.
        document.reset(workspace);
        QVERIFY(pasteToken->toPlainText().isEmpty());
        QVERIFY(keys->toPlainText().isEmpty());
        QCOMPARE(claims->topLevelItemCount(), 0);
        QVERIFY(session.token().isEmpty());
    }

    void aTokenThatFailsVerificationSaysSo()
    {
        LabRig rig;
        rig.store.insert(SecretKey::oauthClient(u"lab"_s, m_peer.clientId("basic")), m_peer.clientSecret("basic"));
        Services &services = rig.services;
        Workspace workspace;
        Environment environment;
        environment.name = u"lab"_s;
        environment.oauth.issuer = m_peer.issuer();
        environment.oauth.clientId = m_peer.clientId("basic");
        environment.oauth.audience = u"urn:another:gateway"_s;
        workspace.environments << environment;
        WorkspaceDocument document;
        document.reset(workspace);
        TokenLabPage page(services, document);
        page.show();
        QTest::mouseClick(child<QPushButton>(&page, "getToken"), Qt::LeftButton);
        QLabel *signature = child<QLabel>(&page, "signatureStatus");
        QTRY_VERIFY_WITH_TIMEOUT(signature->text().contains(u"Token not valid"_s), 10000);
        QVERIFY(signature->text().contains(u"urn:another:gateway"_s));
    }
};

QTEST_MAIN(TestTokenLabPage)
#include "tst_tokenlabpage.moc"
