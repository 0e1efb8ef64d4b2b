// SPDX-License-Identifier: GPL-3.0-or-later
// Files that the CLI reads on the user's say-so (the CA certificate file of an environment) are
// read only when they are regular files under a size cap: /dev/zero, a FIFO or a huge file fails
// at once with a message that names the file, instead of filling memory or blocking forever.
#include "cli/cli.h"
#include "sandbox.h"
#include "sync/auditlog.h"
#include "testpaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <sys/stat.h>

using namespace gw;

namespace {

/// Aborts the test process when the guarded code has not returned in time: the CLI runs
/// synchronously, so a read that never ends would otherwise hang the test instead of failing it.
class Deadline
{
public:
    explicit Deadline(std::chrono::seconds limit, const char *what)
        : m_thread([this, limit, what] {
            std::unique_lock lock(m_mutex);
            if (!m_done.wait_for(lock, limit, [this] { return m_finished; }))
                qFatal("%s did not finish within %lld s", what, static_cast<long long>(limit.count()));
        })
    {}
    ~Deadline()
    {
        {
            std::lock_guard lock(m_mutex);
            m_finished = true;
        }
        m_done.notify_one();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::thread m_thread;
};

} // namespace

class TestLocalFilesCli : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    QTemporaryDir m_directory;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run pullWithCaFile(const QString &caFile)
    {
        return gatewright(
            {QStringLiteral("pull"), QStringLiteral("--set"), QStringLiteral("gateway.caCertificateFile=") + caFile});
    }

    Run gatewright(const QStringList &extra)
    {
        QStringList arguments{QStringLiteral("gatewright"),
                              extra.first(),
                              QStringLiteral("--workspace"),
                              QStringLiteral(GATEWRIGHT_SOURCE_DIR "/resources/examples/demo.gatewright.json"),
                              QStringLiteral("--env"),
                              QStringLiteral("sandbox"),
                              QStringLiteral("--set"),
                              QStringLiteral("gateway.url=") + m_sandbox->gatewayUrl().toString()};
        arguments << extra.mid(1);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("GATEWRIGHT_GATEWAY_PASSWORD"), QStringLiteral("manage"));
        environment.insert(QStringLiteral("GATEWRIGHT_AUDIT_LOG"), m_directory.filePath(QStringLiteral("audit.jsonl")));
        Run run;
        QTextStream out(&run.out), err(&run.err);
        cli::CliIo io{out, err, environment};
        const Deadline deadline(std::chrono::seconds(20), "gatewright pull");
        run.exitCode = cli::run(arguments, io);
        out.flush();
        err.flush();
        return run;
    }

private slots:
    void initTestCase()
    {
        SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = QStringLiteral("empty");
        m_sandbox = std::make_unique<Sandbox>(options);
        QString error;
        QVERIFY2(m_sandbox->listen(&error), qPrintable(error));
        QVERIFY2(m_sandbox->initializeState(&error), qPrintable(error));
    }

    void unusableCaFileFailsAtOnce_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("problem");
        const QString fifo = m_directory.filePath(QStringLiteral("ca.fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QString huge = m_directory.filePath(QStringLiteral("huge.pem"));
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(4 * 1024 * 1024 + 1)); // sparse: costs no disk
        // Before the size and type checks, /dev/zero grew memory without end and the FIFO blocked open().
        QTest::newRow("endless device") << QStringLiteral("/dev/zero")
                                        << QStringLiteral("it is a device, FIFO or socket, not a regular file; name "
                                                          "a regular file instead.");
        QTest::newRow("FIFO") << fifo
                              << QStringLiteral("it is a device, FIFO or socket, not a regular file; name a regular "
                                                "file instead.");
        QTest::newRow("directory") << m_directory.path()
                                   << QStringLiteral("it is a directory, not a regular file; name a regular file "
                                                     "instead.");
        QTest::newRow("over 4 MiB") << huge
                                    << QStringLiteral("it is 4194305 bytes, larger than the 4 MiB limit for this "
                                                      "file; check that the path names the right file.");
    }
    void unusableCaFileFailsAtOnce()
    {
        QFETCH(QString, path);
        QFETCH(QString, problem);
        const Run run = pullWithCaFile(path);
        QCOMPARE(run.exitCode, 1);
        const QString expected = QStringLiteral("Cannot read the CA certificate file (tls.caCertificateFile) of "
                                                "environment \"sandbox\" at \"%1\": %2")
                                     .arg(path, problem);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void endlessCallBodyFileFailsAtOnce()
    {
        // Before the cap, `--body @/dev/zero` read until memory ran out.
        const Run run =
            gatewright({QStringLiteral("call"), QStringLiteral("--proxy"), QStringLiteral("OrdersCreate"),
                        QStringLiteral("--no-token"), QStringLiteral("--body"), QStringLiteral("@/dev/zero")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("gatewright call: Cannot read the body file (--body @file) at "
                                                 "\"/dev/zero\": it is a device, FIFO or socket, not a regular file; "
                                                 "name a regular file instead.")),
                 qPrintable(run.err));
    }

    void unusableAuditLogIsRefusedWhenRead_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("problem");
        const QString huge = m_directory.filePath(QStringLiteral("huge-audit.jsonl"));
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(64 * 1024 * 1024 + 1));
        // Before the checks, reading /dev/zero line by line never returned.
        QTest::newRow("endless device") << QStringLiteral("/dev/zero")
                                        << QStringLiteral("it is a device, FIFO or socket, not a regular file; name "
                                                          "a regular file instead.");
        QTest::newRow("over 64 MiB") << huge
                                     << QStringLiteral("it is 67108865 bytes, larger than the 64 MiB limit for this "
                                                       "file; check that the path names the right file.");
    }
    void unusableAuditLogIsRefusedWhenRead()
    {
        QFETCH(QString, path);
        QFETCH(QString, problem);
        QString error;
        int skipped = -1;
        const Deadline deadline(std::chrono::seconds(20), "AuditLog::read");
        QVERIFY(AuditLog(path).read(&error, &skipped).isEmpty());
        QCOMPARE(error, QStringLiteral("Cannot read the audit log at \"%1\": %2 Move it aside; the next apply starts "
                                       "a new log.")
                            .arg(path, problem));
    }
};

QTEST_GUILESS_MAIN(TestLocalFilesCli)
#include "tst_localfilescli.moc"
