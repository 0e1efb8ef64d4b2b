// SPDX-License-Identifier: GPL-3.0-or-later
// Against a real Secret Service: gnome-keyring on a private session bus with a throwaway HOME
// (tests/support/with-test-keyring.sh), through QtKeychain and libsecret.
#include "secrets/keychainsecretstore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace gw;
using Outcome = SecretResult::Outcome;

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void probeFindsTheKeychain();
    void storeReadOverwriteRemove();
    void valuesRoundTrip_data();
    void valuesRoundTrip();
    void entriesAreSeparatedByEnvironmentAndKind();
    void removingWhatIsNotThere();
    // Locks the keyring for good: keep it last.
    void lockedKeyringRefusesWritesAndHidesEntries();

private:
    SecretResult run(const std::function<void(SecretStore::Callback)> &operation);

    KeychainSecretStore m_store;
};

SecretResult TestKeychainSecretStore::run(const std::function<void(SecretStore::Callback)> &operation)
{
    std::optional<SecretResult> answer;
    operation([&answer](const SecretResult &result) { answer = result; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        return SecretStore::makeResult(Outcome::Error, SecretStore::Operation::Read, SecretStore::probeKey(),
                                       QStringLiteral("no answer within 10 s"));
    return *answer;
}

void TestKeychainSecretStore::initTestCase()
{
    // A keyring that is not the throwaway one would be the developer's: refuse to touch it.
    QVERIFY2(qEnvironmentVariable("HOME").contains(QLatin1String("gatewright-keyring")),
             "run through tests/support/with-test-keyring.sh (gatewright_add_test ... KEYCHAIN)");
    QCOMPARE(m_store.service(), QStringLiteral("io.gatewright.Gatewright"));
}

void TestKeychainSecretStore::probeFindsTheKeychain()
{
    QSignalSpy changed(&m_store, &SecretStore::availabilityChanged);
    QCOMPARE(m_store.availability(), SecretStore::Availability::Unknown);
    m_store.probe();
    QVERIFY(changed.wait(10000));
    QCOMPARE(m_store.availability(), SecretStore::Availability::Available);
    QVERIFY(m_store.unavailableReason().isEmpty());
}

void TestKeychainSecretStore::storeReadOverwriteRemove()
{
    const SecretKey key = SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-orders-basic"));

    SecretResult r = run([&](auto done) { m_store.write(key, QStringLiteral("orders-demo-pass"), this, done); });
    QCOMPARE(r.outcome, Outcome::Ok);
    QCOMPARE(r.message, QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\") is stored "
                                       "in the keychain."));

    r = run([&](auto done) { m_store.read(key, this, done); });
    QCOMPARE(r.outcome, Outcome::Ok);
    QCOMPARE(r.secret, QStringLiteral("orders-demo-pass"));

    r = run([&](auto done) { m_store.write(key, QStringLiteral("rotated-pass"), this, done); });
    QCOMPARE(r.outcome, Outcome::Ok);
    r = run([&](auto done) { m_store.read(key, this, done); });
    QCOMPARE(r.outcome, Outcome::Ok);
    QCOMPARE(r.secret, QStringLiteral("rotated-pass"));

    r = run([&](auto done) { m_store.remove(key, this, done); });
    QCOMPARE(r.outcome, Outcome::Ok);
    // Some backends "deleted" by writing an empty entry: read back and expect nothing.
    r = run([&](auto done) { m_store.read(key, this, done); });
    QCOMPARE(r.outcome, Outcome::NotFound);
    QVERIFY(r.secret.isEmpty());
    QCOMPARE(r.message, QStringLiteral("The password of alias \"io-orders-basic\" (environment \"sandbox\") is not "
                                       "stored in the keychain yet."));
    QCOMPARE(m_store.availability(), SecretStore::Availability::Available);
}

void TestKeychainSecretStore::valuesRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("unicode") << QStringLiteral("pässwörd-密码-🔑-Ωmega");
    QTest::newRow("spaces and quotes") << QStringLiteral(" a \"quoted\" 'value' ");
    QTest::newRow("long") << QString(4096, QLatin1Char('x'));
    QTest::newRow("line breaks") << QStringLiteral("line one\nline two\r\n");
}

void TestKeychainSecretStore::valuesRoundTrip()
{
    QFETCH(QString, value);
    const SecretKey key = SecretKey::oauthClient(QStringLiteral("dev"), QStringLiteral("demo-client"));
    QCOMPARE(run([&](auto done) { m_store.write(key, value, this, done); }).outcome, Outcome::Ok);
    const SecretResult r = run([&](auto done) { m_store.read(key, this, done); });
    QCOMPARE(r.outcome, Outcome::Ok);
    QVERIFY2(r.secret == value, "the value read back differs from the one written");
    QCOMPARE(run([&](auto done) { m_store.remove(key, this, done); }).outcome, Outcome::Ok);
}

void TestKeychainSecretStore::entriesAreSeparatedByEnvironmentAndKind()
{
    const SecretKey devAdmin = SecretKey::gatewayAdmin(QStringLiteral("dev"), QStringLiteral("Administrator"));
    const SecretKey prodAdmin = SecretKey::gatewayAdmin(QStringLiteral("prod"), QStringLiteral("Administrator"));
    const SecretKey devToken = SecretKey::refreshToken(QStringLiteral("dev"), QStringLiteral("Administrator"));
    QCOMPARE(run([&](auto done) { m_store.write(devAdmin, QStringLiteral("dev-pw"), this, done); }).outcome,
             Outcome::Ok);
    QCOMPARE(run([&](auto done) { m_store.write(prodAdmin, QStringLiteral("prod-pw"), this, done); }).outcome,
             Outcome::Ok);
    QCOMPARE(run([&](auto done) { m_store.read(devAdmin, this, done); }).secret, QStringLiteral("dev-pw"));
    QCOMPARE(run([&](auto done) { m_store.read(prodAdmin, this, done); }).secret, QStringLiteral("prod-pw"));
    QCOMPARE(run([&](auto done) { m_store.read(devToken, this, done); }).outcome, Outcome::NotFound);

    // Another service name (another application) sees none of them.
    KeychainSecretStore other(QStringLiteral("io.gatewright.Other"), nullptr);
    std::optional<SecretResult> answer;
    other.read(devAdmin, this, [&answer](const SecretResult &r) { answer = r; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
    QCOMPARE(answer->outcome, Outcome::NotFound);

    QCOMPARE(run([&](auto done) { m_store.remove(devAdmin, this, done); }).outcome, Outcome::Ok);
    QCOMPARE(run([&](auto done) { m_store.read(prodAdmin, this, done); }).secret, QStringLiteral("prod-pw"));
    QCOMPARE(run([&](auto done) { m_store.remove(prodAdmin, this, done); }).outcome, Outcome::Ok);
}

void TestKeychainSecretStore::removingWhatIsNotThere()
{
    const SecretKey key = SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("never-stored"));
    const SecretResult r = run([&](auto done) { m_store.remove(key, this, done); });
    // libsecret reports removing an absent entry as done.
    QCOMPARE(r.outcome, Outcome::Ok);
    QCOMPARE(run([&](auto done) { m_store.read(key, this, done); }).outcome, Outcome::NotFound);
}

void TestKeychainSecretStore::lockedKeyringRefusesWritesAndHidesEntries()
{
    const SecretKey key = SecretKey::alias(QStringLiteral("prod"), QStringLiteral("io-shared-basic"));
    QCOMPARE(run([&](auto done) { m_store.write(key, QStringLiteral("shared-pass"), this, done); }).outcome,
             Outcome::Ok);

    // Lock the 'login' collection the way a screen locker does, through the Secret Service API.
    QProcess lock;
    lock.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    QVERIFY(lock.waitForFinished(10000));
    QVERIFY2(lock.exitCode() == 0, lock.readAllStandardError().constData());

    // The pitfall: the stored entry now reads as "not found". Nothing here may take that as
    // permission to write a replacement, and a write is refused anyway.
    const SecretResult read = run([&](auto done) { m_store.read(key, this, done); });
    QCOMPARE(read.outcome, Outcome::NotFound);
    QVERIFY(read.secret.isEmpty());
    const SecretResult write = run([&](auto done) { m_store.write(key, QStringLiteral("replacement"), this, done); });
    QCOMPARE(write.outcome, Outcome::Locked);
    QCOMPARE(write.message, QStringLiteral("The password of alias \"io-shared-basic\" (environment \"prod\"): keyring "
                                           "locked or access refused (Cannot create an item in a locked collection). "
                                           "Unlock the keyring and retry."));
    // Reachable, only locked: no "no keychain" banner for this.
    QCOMPARE(m_store.availability(), SecretStore::Availability::Available);
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
