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

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace gw;

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
        QNetworkAccessManager network;
        MemorySecretStore store;
        store.insert(SecretKey::oauthClient(u"lab"_s, m_peer.clientId("basic")), m_peer.clientSecret("basic"));
        SecretProvider secrets(&store, QProcessEnvironment(), nullptr);
        JwksCache jwks(&network);
        TokenSession session(&network, &secrets, &jwks);
        CallTester tester(&network, &session);
        Services services;
        services.network = &network;
        services.secrets = &store;
        services.secretProvider = &secrets;
        services.jwks = &jwks;
        services.tokenSession = &session;
        services.callTester = &tester;

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
        QVERIFY(child<QLabel>(&page, "nextRenewal")->text().startsWith(u"next renewal at "_s));
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

        // oidc-provider refuses to introspect its own JWTs: the reason shows in the activity log.
        QTest::mouseClick(child<QPushButton>(&page, "introspect"), Qt::LeftButton);
        QPlainTextEdit *activity = child<QPlainTextEdit>(&page, "activity");
        QTRY_VERIFY_WITH_TIMEOUT(activity->toPlainText().contains(u"unsupported_token_type"_s), 10000);

        // Turning automatic renewal off is visible.
        child<QCheckBox>(&page, "autoRefresh")->setChecked(false);
        QVERIFY(!session.autoRefresh());
        QTRY_VERIFY(child<QLabel>(&page, "nextRenewal")->text().isEmpty());
        child<QCheckBox>(&page, "autoRefresh")->setChecked(true);
        saveScreenshot(&page, u"tokenlab.png"_s);
    }

    void aTokenThatFailsVerificationSaysSo()
    {
        QNetworkAccessManager network;
        MemorySecretStore store;
        store.insert(SecretKey::oauthClient(u"lab"_s, m_peer.clientId("basic")), m_peer.clientSecret("basic"));
        SecretProvider secrets(&store, QProcessEnvironment(), nullptr);
        JwksCache jwks(&network);
        TokenSession session(&network, &secrets, &jwks);
        CallTester tester(&network, &session);
        Services services;
        services.network = &network;
        services.secretProvider = &secrets;
        services.jwks = &jwks;
        services.tokenSession = &session;
        services.callTester = &tester;
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
