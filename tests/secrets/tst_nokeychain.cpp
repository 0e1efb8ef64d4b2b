// SPDX-License-Identifier: GPL-3.0-or-later
// The real QtKeychain on a system without a reachable Secret Service: the session bus address
// points at a socket that does not exist. The user must see a specific, persistent message and
// nothing may be written anywhere instead.
#include "secrets/keychainsecretstore.h"
#include "widgets/keychainstatusbanner.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

#include <optional>

using namespace gw;
using Outcome = SecretResult::Outcome;

namespace {

const QString NoBusError = QStringLiteral("Could not connect: No such file or directory");

QStringList filesUnder(const QString &path)
{
    QStringList files;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

} // namespace

class TestNoKeychain : public QObject
{
    Q_OBJECT
public:
    explicit TestNoKeychain(const QString &home)
        : m_home(home)
    {}

private Q_SLOTS:
    void probeReportsNoKeychain();
    void operationsAnswerNoKeychain_data();
    void operationsAnswerNoKeychain();
    void nothingIsWrittenInPlainText();
    void bannerShowsTheSpecificMessage();

private:
    SecretResult run(const std::function<void(SecretStore::Callback)> &operation);

    QString m_home;
    KeychainSecretStore m_store;
};

SecretResult TestNoKeychain::run(const std::function<void(SecretStore::Callback)> &operation)
{
    std::optional<SecretResult> answer;
    operation([&answer](const SecretResult &result) { answer = result; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        return {};
    return *answer;
}

void TestNoKeychain::probeReportsNoKeychain()
{
    QSignalSpy changed(&m_store, &SecretStore::availabilityChanged);
    m_store.probe();
    QVERIFY(changed.wait(10000));
    QCOMPARE(m_store.availability(), SecretStore::Availability::Unavailable);
    QCOMPARE(m_store.unavailableReason(), NoBusError);
}

void TestNoKeychain::operationsAnswerNoKeychain_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("read") << int(SecretStore::Operation::Read);
    QTest::newRow("write") << int(SecretStore::Operation::Write);
    QTest::newRow("remove") << int(SecretStore::Operation::Remove);
}

void TestNoKeychain::operationsAnswerNoKeychain()
{
    QFETCH(int, operation);
    const SecretKey key = SecretKey::gatewayAdmin(QStringLiteral("sandbox"), QStringLiteral("Administrator"));
    const SecretResult result = run([&](SecretStore::Callback done) {
        switch (SecretStore::Operation(operation)) {
        case SecretStore::Operation::Read:
            m_store.read(key, this, done);
            break;
        case SecretStore::Operation::Write:
            m_store.write(key, QStringLiteral("manage"), this, done);
            break;
        case SecretStore::Operation::Remove:
            m_store.remove(key, this, done);
            break;
        }
    });
    QCOMPARE(result.outcome, Outcome::NoKeychain);
    QCOMPARE(result.backendError, NoBusError);
    QCOMPARE(result.message, QStringLiteral("No keychain: secrets can't be stored on this system (Secret Service not "
                                            "reachable: Could not connect: No such file or directory)."));
    QVERIFY(result.secret.isEmpty());
}

void TestNoKeychain::nothingIsWrittenInPlainText()
{
    // QtKeychain's insecure fallback would have put the value in a QSettings file under HOME.
    QVERIFY2(filesUnder(m_home).isEmpty(), qPrintable(filesUnder(m_home).join(u", ")));
}

void TestNoKeychain::bannerShowsTheSpecificMessage()
{
    KeychainSecretStore store;
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *banner = new KeychainStatusBanner(&store, &window);
    layout->addWidget(banner);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!banner->isVisible()); // not known yet: no alarm before the probe has answered

    store.probe();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    const QString expected = QStringLiteral(
        "No keychain: secrets can't be stored on this system (Secret Service not reachable: Could not connect: No "
        "such file or directory). You will be asked for each secret when it is needed; nothing is written in plain "
        "text.");
    QCOMPARE(banner->text(), expected);

    // Retry looks again; still no keychain, so the banner stays.
    auto *retry = banner->findChild<QPushButton *>(QStringLiteral("keychainRetryButton"));
    QVERIFY(retry);
    QCOMPARE(retry->text(), QStringLiteral("Retry"));
    QTest::mouseClick(retry, Qt::LeftButton);
    QTest::qWait(200);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->text(), expected);
}

int main(int argc, char *argv[])
{
    // A session bus that is not there, and no display to autolaunch one on. The throwaway HOME
    // is where a plain-text fallback would write.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gatewright-test-bus");
    qunsetenv("DISPLAY");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.path() + QStringLiteral("/config")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path() + QStringLiteral("/data")));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatewright"));
    TestNoKeychain test(home.path());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_nokeychain.moc"
