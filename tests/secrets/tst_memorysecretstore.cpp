// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/memorysecretstore.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace gw;
using namespace std::chrono_literals;
using Outcome = SecretResult::Outcome;
using Fault = MemorySecretStore::Fault;

Q_DECLARE_METATYPE(gw::MemorySecretStore::Fault)
Q_DECLARE_METATYPE(gw::SecretResult::Outcome)

namespace {

/// Collects the one answer an operation gives.
struct Answer
{
    std::optional<SecretResult> result;
    int calls = 0;
    SecretStore::Callback callback()
    {
        return [this](const SecretResult &r) {
            result = r;
            ++calls;
        };
    }
};

const SecretKey OrdersAlias = SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-orders-basic"));

} // namespace

class TestMemorySecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyNamesTheKeychainEntry();
    void keyFromWorkspaceReference_data();
    void keyFromWorkspaceReference();
    void storeReadOverwriteRemove();
    void answersAreNeverSynchronous();
    void invalidKeyIsRefusedWithAReason();
    void faults_data();
    void faults();
    void noKeychainMakesTheStoreUnavailable();
    void neverFinishingThenLate();
    void noCallbackAfterContextIsGone();
};

void TestMemorySecretStore::keyNamesTheKeychainEntry()
{
    QCOMPARE(OrdersAlias.keychainKey(), QStringLiteral("sandbox/alias/io-orders-basic"));
    QCOMPARE(OrdersAlias.reference(), QStringLiteral("alias/io-orders-basic"));
    QCOMPARE(SecretKey::gatewayAdmin(QStringLiteral("prod"), QStringLiteral("Administrator")).keychainKey(),
             QStringLiteral("prod/gateway-admin/Administrator"));
    QCOMPARE(SecretKey::oauthClient(QStringLiteral("dev"), QStringLiteral("demo-client")).keychainKey(),
             QStringLiteral("dev/oauth-client/demo-client"));
    QCOMPARE(SecretKey::refreshToken(QStringLiteral("dev"), QStringLiteral("demo-native")).keychainKey(),
             QStringLiteral("dev/refresh-token/demo-native"));
    QCOMPARE(OrdersAlias.describe(),
             QStringLiteral("the password of alias \"io-orders-basic\" (environment \"sandbox\")"));
}

void TestMemorySecretStore::keyFromWorkspaceReference_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("keychainKey");
    QTest::newRow("alias reference") << QStringLiteral("alias/io-orders-basic") << true
                                     << QStringLiteral("sandbox/alias/io-orders-basic");
    QTest::newRow("client reference") << QStringLiteral("oauth-client/demo-client") << true
                                      << QStringLiteral("sandbox/oauth-client/demo-client");
    QTest::newRow("no kind") << QStringLiteral("io-orders-basic") << false << QString();
    QTest::newRow("empty name") << QStringLiteral("alias/") << false << QString();
    QTest::newRow("name with a slash") << QStringLiteral("alias/a/b") << false << QString();
    QTest::newRow("empty") << QString() << false << QString();
}

void TestMemorySecretStore::keyFromWorkspaceReference()
{
    QFETCH(QString, reference);
    QFETCH(bool, valid);
    QFETCH(QString, keychainKey);
    const SecretKey key = SecretKey::fromReference(QStringLiteral("sandbox"), reference);
    QCOMPARE(key.isValid(), valid);
    if (valid)
        QCOMPARE(key.keychainKey(), keychainKey);
}

void TestMemorySecretStore::storeReadOverwriteRemove()
{
    MemorySecretStore store;
    Answer write;
    store.write(OrdersAlias, QStringLiteral("first"), this, write.callback());
    QTRY_VERIFY(write.result);
    QCOMPARE(write.result->outcome, Outcome::Ok);
    QCOMPARE(write.result->message,
             QStringLiteral(
                 "The password of alias \"io-orders-basic\" (environment \"sandbox\") is stored in the keychain."));

    Answer overwrite;
    store.write(OrdersAlias, QStringLiteral("second"), this, overwrite.callback());
    QTRY_VERIFY(overwrite.result);
    Answer read;
    store.read(OrdersAlias, this, read.callback());
    QTRY_VERIFY(read.result);
    QCOMPARE(read.result->outcome, Outcome::Ok);
    QCOMPARE(read.result->secret, QStringLiteral("second"));

    Answer removed;
    store.remove(OrdersAlias, this, removed.callback());
    QTRY_VERIFY(removed.result);
    QCOMPARE(removed.result->outcome, Outcome::Ok);
    Answer gone;
    store.read(OrdersAlias, this, gone.callback());
    QTRY_VERIFY(gone.result);
    QCOMPARE(gone.result->outcome, Outcome::NotFound);
    QCOMPARE(gone.result->message,
             QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\") is not stored in the "
                            "keychain yet."));
    QVERIFY(gone.result->secret.isEmpty());
    QCOMPARE(store.availability(), SecretStore::Availability::Available);
}

void TestMemorySecretStore::answersAreNeverSynchronous()
{
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("x"));
    Answer read;
    store.read(OrdersAlias, this, read.callback());
    QCOMPARE(read.calls, 0);
    QTRY_COMPARE(read.calls, 1);
}

void TestMemorySecretStore::invalidKeyIsRefusedWithAReason()
{
    MemorySecretStore store;
    Answer write;
    store.write(SecretKey{QStringLiteral("sandbox"), QStringLiteral("alias"), QStringLiteral("a/b")},
                QStringLiteral("x"), this, write.callback());
    QCOMPARE(write.calls, 0);
    QTRY_VERIFY(write.result);
    QCOMPARE(write.result->outcome, Outcome::Error);
    QCOMPARE(write.result->message, QStringLiteral("Invalid keychain key \"sandbox/alias/a/b\": environment, kind and "
                                                   "name must be set and hold no '/'."));
    QCOMPARE(store.writeCount(), 0);
    QCOMPARE(store.size(), 0);
}

void TestMemorySecretStore::faults_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<Outcome>("readOutcome");
    QTest::addColumn<Outcome>("writeOutcome");
    QTest::addColumn<QString>("writeMessage");
    const QString locked = QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\"): "
                                          "keyring locked or access refused (backend says no). Unlock the keyring "
                                          "and retry.");
    QTest::newRow("not found") << Fault::NotFound << Outcome::NotFound << Outcome::Ok
                               << QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\") "
                                                 "is stored in the keychain.");
    QTest::newRow("locked") << Fault::Locked << Outcome::Locked << Outcome::Locked << locked;
    QTest::newRow("locked keyring reads as not found")
        << Fault::LockedReadsAsNotFound << Outcome::NotFound << Outcome::Locked << locked;
    QTest::newRow("no keychain") << Fault::NoKeychain << Outcome::NoKeychain << Outcome::NoKeychain
                                 << QStringLiteral("No keychain: secrets can't be stored on this system (Secret "
                                                   "Service not reachable: backend says no).");
    QTest::newRow("backend error") << Fault::Error << Outcome::Error << Outcome::Error
                                   << QStringLiteral("The password of alias \"io-orders-basic\" (environment "
                                                     "\"sandbox\") could not be stored in the keychain (backend says "
                                                     "no).");
}

void TestMemorySecretStore::faults()
{
    QFETCH(Fault, fault);
    QFETCH(Outcome, readOutcome);
    QFETCH(Outcome, writeOutcome);
    QFETCH(QString, writeMessage);

    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("kept"));
    store.setFault(fault, QStringLiteral("backend says no"));
    Answer read;
    store.read(OrdersAlias, this, read.callback());
    QTRY_VERIFY(read.result);
    QCOMPARE(read.result->outcome, readOutcome);
    QVERIFY(read.result->secret.isEmpty());

    Answer write;
    store.write(OrdersAlias, QStringLiteral("new"), this, write.callback());
    QTRY_VERIFY(write.result);
    QCOMPARE(write.result->outcome, writeOutcome);
    QCOMPARE(write.result->message, writeMessage);
    QCOMPARE(store.value(OrdersAlias), writeOutcome == Outcome::Ok ? QStringLiteral("new") : QStringLiteral("kept"));
}

void TestMemorySecretStore::noKeychainMakesTheStoreUnavailable()
{
    MemorySecretStore store;
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    QCOMPARE(store.availability(), SecretStore::Availability::Unknown);

    store.setFault(Fault::NoKeychain, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
    store.probe();
    QVERIFY(changed.wait());
    QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
    QCOMPARE(store.unavailableReason(), QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
    QCOMPARE(store.readCount(), 1);
    QCOMPARE(store.size(), 0);

    store.probe(); // same answer: no second signal
    QTRY_COMPARE(store.readCount(), 2);
    QTest::qWait(20);
    QCOMPARE(changed.size(), 1);

    store.setFault(Fault::None);
    store.probe();
    QVERIFY(changed.wait());
    QCOMPARE(store.availability(), SecretStore::Availability::Available);
    QVERIFY(store.unavailableReason().isEmpty());
}

void TestMemorySecretStore::neverFinishingThenLate()
{
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("late value"));
    store.setFault(Fault::NeverFinish);
    Answer read;
    store.read(OrdersAlias, this, read.callback());
    QTest::qWait(50);
    QCOMPARE(read.calls, 0);
    QCOMPARE(store.pendingCount(), 1);

    store.setLatency(30ms);
    store.finishPending();
    QCOMPARE(store.pendingCount(), 0);
    QTest::qWait(5);
    QCOMPARE(read.calls, 0);
    QTRY_COMPARE(read.calls, 1);
    QCOMPARE(read.result->secret, QStringLiteral("late value"));
}

void TestMemorySecretStore::noCallbackAfterContextIsGone()
{
    MemorySecretStore store;
    store.insert(OrdersAlias, QStringLiteral("x"));
    store.setLatency(20ms);
    Answer read;
    auto *context = new QObject;
    store.read(OrdersAlias, context, read.callback());
    delete context;
    QTRY_COMPARE(store.availability(), SecretStore::Availability::Available); // the answer did arrive
    QCOMPARE(read.calls, 0);
}

QTEST_GUILESS_MAIN(TestMemorySecretStore)
#include "tst_memorysecretstore.moc"
