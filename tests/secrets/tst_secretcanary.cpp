// SPDX-License-Identifier: GPL-3.0-or-later
// A secret typed into the console ends up in the keychain and nowhere else. The test runs the
// console's real objects (KeychainSecretStore, SecretProvider, MainWindow, Settings, the secret
// prompt) in a child process with a throwaway HOME and a private gnome-keyring, types a unique
// canary value into the prompt, then looks for that value in every file the child could have
// written and in everything it printed.
#include "dialogs/secretpromptdialog.h"
#include "mainwindow.h"
#include "pages/secretspage.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "settings/settings.h"
#include "testpaths.h"
#include "workspacedocument.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTableWidget>
#include <QTest>
#include <QTextStream>

#include <optional>

using namespace gw;

namespace {

const QString DriverFlag = QStringLiteral("--canary-driver");
const QString EnvironmentName = QStringLiteral("sandbox");
const QString AliasReference = QStringLiteral("alias/io-orders-basic");
const QString SharedAliasReference = QStringLiteral("alias/io-shared-basic");

QString workDir()
{
    return QDir::homePath() + QStringLiteral("/work");
}

/// The forms a leaked value could take in a file: as typed, UTF-16, base64 (the gateway's alias
/// password encoding) and inside a Basic authorization header.
QList<QByteArray> leakForms(const QString &canary)
{
    const QByteArray utf8 = canary.toUtf8();
    QByteArray utf16(reinterpret_cast<const char *>(canary.utf16()), canary.size() * 2);
    return {utf8, utf16, utf8.toBase64(), QByteArray("svc-orders:" + utf8).toBase64()};
}

/// Files under `root` holding any form of the canary.
QStringList filesHolding(const QString &root, const QString &canary, int *scanned)
{
    const QList<QByteArray> forms = leakForms(canary);
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue; // sockets and the like
        ++*scanned;
        qDebug("scanning %s", qPrintable(path));
        const QByteArray content = file.readAll();
        for (const QByteArray &form : forms) {
            if (content.contains(form)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

bool containsAnyForm(const QByteArray &text, const QString &canary)
{
    const QList<QByteArray> forms = leakForms(canary);
    return std::any_of(forms.cbegin(), forms.cend(), [&text](const QByteArray &f) { return text.contains(f); });
}

// ---- the child: the console as a person uses it ------------------------------------------

int fail(QTextStream &out, const QString &why)
{
    out << "canary driver: FAILED: " << why << Qt::endl;
    return 1;
}

int runDriver(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatewright"));
    QTextStream out(stdout);
    // The value to type comes on stdin, so it is not in the command line either.
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return fail(out, QStringLiteral("no stdin"));
    const QString typed = QString::fromUtf8(input.readLine()).trimmed();
    const QString typedOnPage = QString::fromUtf8(input.readLine()).trimmed();
    if (!typed.startsWith(QLatin1String("canary-")) || !typedOnPage.startsWith(QLatin1String("canary-")))
        return fail(out, QStringLiteral("no canaries on stdin"));

    QNetworkAccessManager network;
    Settings settings;
    KeychainSecretStore secrets;
    SecretProvider provider(&secrets, QProcessEnvironment());
    Services services;
    services.network = &network;
    services.settings = &settings;
    services.secrets = &secrets;
    services.secretProvider = &provider;
    WorkspaceDocument document;
    MainWindow window(services, document);
    provider.setPromptHandler([&window](const SecretPromptRequest &request, SecretProvider::PromptDone done) {
        SecretPromptDialog::ask(&window, request, std::move(done));
    });
    window.show();
    secrets.probe();

    QDir().mkpath(workDir());
    const QString workspace = workDir() + QStringLiteral("/demo.gatewright.json");
    QFile::copy(QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"), workspace);
    if (!window.openWorkspace(workspace))
        return fail(out, QStringLiteral("cannot open the demo workspace"));

    // A request needs the alias password; nothing is stored yet, so the person is asked.
    const SecretKey key = SecretKey::fromReference(EnvironmentName, AliasReference);
    std::optional<SecretResolution> resolved;
    provider.resolve(key, &window, [&resolved](const SecretResolution &r) { resolved = r; });
    SecretPromptDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = window.findChild<SecretPromptDialog *>()) && dialog->isVisible(); },
                         10000))
        return fail(out, QStringLiteral("the secret prompt did not open"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit")), typed);
    auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberCheckBox"));
    if (!remember->isEnabled())
        return fail(out, QStringLiteral("\"Remember in the keychain\" is disabled: ") + secrets.unavailableReason());
    remember->setFocus();
    QTest::keyClick(remember, Qt::Key_Space);
    if (!remember->isChecked())
        return fail(out, QStringLiteral("\"Remember in the keychain\" did not get ticked"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return resolved.has_value(); }, 10000))
        return fail(out, QStringLiteral("no answer after the prompt"));
    if (resolved->source != SecretResolution::Source::Prompt || resolved->secret != typed)
        return fail(out, QStringLiteral("the prompt's answer did not reach the request: ") + resolved->message);
    if (!resolved->message.isEmpty())
        return fail(out, resolved->message);

    // The next request finds it in the keychain without asking.
    std::optional<SecretResolution> again;
    provider.resolve(key, &window, [&again](const SecretResolution &r) { again = r; });
    if (!QTest::qWaitFor([&] { return again.has_value(); }, 10000))
        return fail(out, QStringLiteral("no answer from the keychain"));
    if (again->source != SecretResolution::Source::Keychain || again->secret != typed)
        return fail(out, QStringLiteral("the keychain did not give the remembered secret back: ") + again->message);

    // The Secrets page: the person sets another alias password on purpose.
    auto *page = new SecretsPage(services, document);
    window.addPage(page, QStringLiteral("Secrets"));
    window.showPage(QStringLiteral("Secrets"));
    auto *table = page->findChild<QTableWidget *>(QStringLiteral("secretsTable"));
    int row = -1;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, SecretsPage::EntryColumn)->text() ==
            SecretKey::fromReference(EnvironmentName, SharedAliasReference).keychainKey())
            row = r;
    }
    if (row < 0)
        return fail(out, QStringLiteral("the Secrets page does not list the shared alias"));
    table->selectRow(row);
    auto *set = page->findChild<QPushButton *>(QStringLiteral("setSecretButton"));
    if (!QTest::qWaitFor([set] { return set->isEnabled(); }, 10000))
        return fail(out, QStringLiteral("\"Set\" stays disabled on the Secrets page"));
    QTest::mouseClick(set, Qt::LeftButton);
    SecretPromptDialog *storeDialog = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (storeDialog = page->findChild<SecretPromptDialog *>()) && storeDialog->isVisible(); }, 10000))
        return fail(out, QStringLiteral("the Secrets page did not ask for the value"));
    QTest::keyClicks(storeDialog->findChild<QLineEdit *>(QStringLiteral("secretEdit")), typedOnPage);
    QTest::mouseClick(storeDialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return table->item(row, SecretsPage::StatusColumn)->text() == QLatin1String("Stored"); },
                         10000))
        return fail(out, QStringLiteral("the Secrets page does not show the alias password as stored"));

    // Everything the console writes: the workspace, the settings, the window state.
    if (!window.saveWorkspaceAs(workDir() + QStringLiteral("/saved.gatewright.json")))
        return fail(out, QStringLiteral("cannot save the workspace"));
    window.close();
    settings.sync();
    out << "canary driver: done, secret from "
        << (again->source == SecretResolution::Source::Keychain ? "keychain" : "?") << Qt::endl;
    return 0;
}

} // namespace

class TestSecretCanary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scannerFindsAPlantedCanary();
    void typedSecretReachesOnlyTheKeychain();
};

void TestSecretCanary::initTestCase()
{
    QVERIFY2(QDir::homePath().contains(QLatin1String("gatewright-keyring")),
             "run through tests/support/with-test-keyring.sh (gatewright_add_test ... KEYCHAIN)");
}

void TestSecretCanary::scannerFindsAPlantedCanary()
{
    // The scan below must be able to find a leak in each form it looks for.
    const QString canary = QStringLiteral("canary-planted-") + QString::number(QRandomGenerator::global()->generate());
    const QString dir = QDir::homePath() + QStringLiteral("/planted");
    QDir().mkpath(dir);
    const QList<QByteArray> forms = leakForms(canary);
    for (int i = 0; i < forms.size(); ++i) {
        QFile file(dir + QStringLiteral("/leak%1.bin").arg(i));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("prefix " + forms.at(i) + " suffix");
    }
    int scanned = 0;
    QCOMPARE(filesHolding(dir, canary, &scanned).size(), forms.size());
    QVERIFY(containsAnyForm("log: " + canary.toUtf8().toBase64(), canary));
    QVERIFY(QDir(dir).removeRecursively());
}

void TestSecretCanary::typedSecretReachesOnlyTheKeychain()
{
    const auto makeCanary = [] {
        return QStringLiteral("canary-%1%2")
            .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'))
            .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    };
    const QString canary = makeCanary();     // typed into the prompt a request opens
    const QString pageCanary = makeCanary(); // typed on the Secrets page

    QProcess driver;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Everything the child logs, at every level, and its temporary files inside the scanned HOME.
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    environment.insert(QStringLiteral("TMPDIR"), QDir::homePath() + QStringLiteral("/tmp"));
    QDir().mkpath(QDir::homePath() + QStringLiteral("/tmp"));
    driver.setProcessEnvironment(environment);
    driver.setProcessChannelMode(QProcess::MergedChannels);
    driver.start(QCoreApplication::applicationFilePath(), {DriverFlag});
    QVERIFY(driver.waitForStarted());
    driver.write(canary.toUtf8() + '\n' + pageCanary.toUtf8() + '\n');
    driver.closeWriteChannel();
    QVERIFY(driver.waitForFinished(60000));
    const QByteArray output = driver.readAll();
    // The child logs everything (Qt's own categories too); show its own lines, and only when
    // they hold no form of the canary.
    const bool outputLeaks = containsAnyForm(output, canary) || containsAnyForm(output, pageCanary);
    if (!outputLeaks) {
        for (const QByteArray &line : output.split('\n')) {
            if (line.startsWith("gatewright.") || line.startsWith("canary driver"))
                qInfo().noquote() << "driver:" << QString::fromUtf8(line);
        }
    }
    QVERIFY2(!outputLeaks, "the console printed the secret (output withheld)");
    QCOMPARE(driver.exitStatus(), QProcess::NormalExit);
    QCOMPARE(driver.exitCode(), 0);
    QVERIFY(output.contains("canary driver: done, secret from keychain"));
    QVERIFY2(output.contains("gatewright.secrets"), "the child's secrets logging was not captured");

    // It is in the keychain...
    KeychainSecretStore store;
    std::optional<SecretResult> stored;
    store.read(SecretKey::fromReference(EnvironmentName, AliasReference), this,
               [&stored](const SecretResult &r) { stored = r; });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10000);
    QCOMPARE(stored->outcome, SecretResult::Outcome::Ok);
    QVERIFY2(stored->secret == canary, "the keychain holds another value than the one typed");
    stored.reset();
    store.read(SecretKey::fromReference(EnvironmentName, SharedAliasReference), this,
               [&stored](const SecretResult &r) { stored = r; });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10000);
    QCOMPARE(stored->outcome, SecretResult::Outcome::Ok);
    QVERIFY2(stored->secret == pageCanary, "the keychain holds another value than the one set on the Secrets page");

    // ...and in no file: HOME holds the XDG config/data/cache/state dirs, the settings file, the
    // workspaces, the child's temporary files, and the keyring file (encrypted).
    const QString home = QDir::homePath();
    QVERIFY(QFile::exists(workDir() + QStringLiteral("/saved.gatewright.json")));
    QVERIFY2(QFile::exists(Settings::defaultFilePath()), qPrintable(Settings::defaultFilePath()));
    QVERIFY(QFile::exists(home + QStringLiteral("/data/keyrings/login.keyring")));
    int scanned = 0;
    QStringList leaks = filesHolding(home, canary, &scanned);
    int scannedAgain = 0;
    leaks += filesHolding(home, pageCanary, &scannedAgain);
    QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("secret found in: ") + leaks.join(QStringLiteral(", "))));
    QVERIFY2(scanned >= 4, qPrintable(QStringLiteral("only %1 files scanned").arg(scanned)));
    qInfo("scanned %d files under the throwaway HOME", scanned);
}

int main(int argc, char *argv[])
{
    if (argc > 1 && QString::fromLocal8Bit(argv[1]) == DriverFlag)
        return runDriver(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatewright")); // the settings file the child writes
    TestSecretCanary test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretcanary.moc"
