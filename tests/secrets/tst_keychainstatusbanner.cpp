// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/memorysecretstore.h"
#include "widgets/keychainstatusbanner.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace gw;
using Fault = MemorySecretStore::Fault;

class TestKeychainStatusBanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsWhileNoKeychainAndHidesWhenItIsBack();
    void hiddenWhileTheKeychainWorks();
    void backendTextIsShownAsPlainText();
};

void TestKeychainStatusBanner::showsWhileNoKeychainAndHidesWhenItIsBack()
{
    MemorySecretStore store;
    store.setFault(Fault::NoKeychain, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
    QWidget window;
    auto *banner = new KeychainStatusBanner(&store, &window);
    (new QVBoxLayout(&window))->addWidget(banner);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!banner->isVisible());

    store.probe();
    QTRY_VERIFY(banner->isVisible());
    QCOMPARE(banner->text(),
             QStringLiteral("No keychain: secrets can't be stored on this system (Secret Service not reachable: Cannot "
                            "autolaunch D-Bus without X11 $DISPLAY). You will be asked for each secret when it is "
                            "needed; nothing is written in plain text."));

    // The Secret Service comes up; Retry finds it and the banner goes.
    store.setFault(Fault::None);
    const int readsBefore = store.readCount();
    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("keychainRetryButton")), Qt::LeftButton);
    QTRY_VERIFY(!banner->isVisible());
    QCOMPARE(store.readCount(), readsBefore + 1);
    QVERIFY(banner->text().isEmpty());

    // Any later operation that meets no keychain brings it back.
    store.setFault(Fault::NoKeychain, QStringLiteral("No keyring daemon"));
    store.read(SecretKey::alias(QStringLiteral("dev"), QStringLiteral("io-shared-basic")), this,
               [](const SecretResult &) {});
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("(Secret Service not reachable: No keyring daemon).")));
}

void TestKeychainStatusBanner::hiddenWhileTheKeychainWorks()
{
    MemorySecretStore store;
    QWidget window;
    auto *banner = new KeychainStatusBanner(&store, &window);
    (new QVBoxLayout(&window))->addWidget(banner);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    store.probe();
    QVERIFY(changed.wait());
    QCOMPARE(store.availability(), SecretStore::Availability::Available);
    QVERIFY(!banner->isVisible());
}

void TestKeychainStatusBanner::backendTextIsShownAsPlainText()
{
    MemorySecretStore store;
    store.setFault(Fault::NoKeychain, QStringLiteral("<b>bold</b>"));
    KeychainStatusBanner banner(&store);
    store.probe();
    QTRY_COMPARE(store.availability(), SecretStore::Availability::Unavailable);
    auto *label = banner.findChild<QLabel *>(QStringLiteral("keychainStatusText"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY(label->text().contains(QStringLiteral("<b>bold</b>")));
}

QTEST_MAIN(TestKeychainStatusBanner)
#include "tst_keychainstatusbanner.moc"
