// SPDX-License-Identifier: GPL-3.0-or-later
// A gateway behind a self-signed TLS certificate: refused with the certificate's details and what to
// do, accepted once its CA is trusted or its SHA-256 fingerprint pinned for the environment.
#include "net/admincredentials.h"
#include "net/gatewayerrors.h"
#include "sandbox.h"
#include "synctesthelpers.h"
#include "tlsforwarder.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

using namespace gw;
using namespace gw::test;

class TestGatewayTls : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<TlsForwarder> m_forwarder;
    QTemporaryDir m_directory;
    QSslCertificate m_certificate;
    QNetworkAccessManager m_network;
    FixedCredentialSource m_credentials{QStringLiteral("manage")};

    Environment environment(const TlsOptions &tls) const
    {
        Environment environment;
        environment.name = QStringLiteral("staging");
        environment.gatewayUrl = QStringLiteral("https://127.0.0.1:%1").arg(m_forwarder->port());
        environment.tls = tls;
        return environment;
    }
    PullResult pullWith(const TlsOptions &tls)
    {
        // A new manager each time: an accepted certificate must not leak into the next case through
        // a kept-alive connection.
        QNetworkAccessManager network;
        GatewayClientOptions options;
        options.maxRetries = 0;
        GatewayClient client(&network, environment(tls), &m_credentials, options);
        return pull(client);
    }

private slots:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here.");
        const QString error = makeSelfSignedCertificate(m_directory.path(), QStringLiteral("Gatewright test gateway"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile certificateFile(m_directory.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(m_directory.filePath(QStringLiteral("key.pem")));
        QVERIFY(certificateFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        m_certificate = QSslCertificate(certificateFile.readAll(), QSsl::Pem);
        const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        QVERIFY(!m_certificate.isNull() && !key.isNull());

        SandboxOptions options;
        options.port = 0;
        options.tenantPort = 0;
        options.oauthPort = 0;
        options.seed = QStringLiteral("empty");
        m_sandbox = std::make_unique<Sandbox>(options);
        QString listenError;
        QVERIFY2(m_sandbox->listen(&listenError), qPrintable(listenError));
        QVERIFY2(m_sandbox->initializeState(&listenError), qPrintable(listenError));
        m_forwarder = std::make_unique<TlsForwarder>(m_certificate, key, m_sandbox->gatewayPort());
        QVERIFY(m_forwarder->listen());
    }

    void untrustedCertificateIsRefusedWithItsDetails()
    {
        const PullResult result = pullWith(TlsOptions{});
        QVERIFY(!result.ok());
        const QString fingerprint = GatewayErrors::sha256Fingerprint(m_certificate);
        QCOMPARE(result.error,
                 QStringLiteral("Pull from environment \"staging\" failed: The TLS certificate of "
                                "127.0.0.1:%1 is not trusted: The certificate is self-signed, and untrusted. "
                                "Certificate: subject \"Gatewright test gateway\", issuer \"Gatewright test gateway\", "
                                "SHA-256 %2, valid from %3 to %4. If you trust it, set the CA certificate file "
                                "(tls.caCertificateFile) or pin its SHA-256 fingerprint (tls.pinnedSha256) of "
                                "environment \"staging\".")
                     .arg(m_forwarder->port())
                     .arg(fingerprint, m_certificate.effectiveDate().toUTC().toString(Qt::ISODate),
                          m_certificate.expiryDate().toUTC().toString(Qt::ISODate)));
    }

    void trustedCaIsAccepted()
    {
        TlsOptions tls;
        tls.caCertificateFile = m_directory.filePath(QStringLiteral("cert.pem"));
        const PullResult result = pullWith(tls);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.state->proxies.size(), 0);
    }

    void pinnedFingerprintIsAccepted_data()
    {
        QTest::addColumn<bool>("lowerCaseWithoutColons");
        QTest::newRow("as shown, upper case with colons") << false;
        QTest::newRow("lower case without colons") << true;
    }
    void pinnedFingerprintIsAccepted()
    {
        QFETCH(bool, lowerCaseWithoutColons);
        TlsOptions tls;
        tls.pinnedSha256 = GatewayErrors::sha256Fingerprint(m_certificate);
        if (lowerCaseWithoutColons)
            tls.pinnedSha256 = tls.pinnedSha256.remove(QLatin1Char(':')).toLower();
        const PullResult result = pullWith(tls);
        QVERIFY2(result.ok(), qPrintable(result.error));
    }

    void wrongPinIsRefused()
    {
        TlsOptions tls;
        tls.pinnedSha256 = QString(64, QLatin1Char('a'));
        const PullResult result = pullWith(tls);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QLatin1String("is not the one pinned for environment \"staging\"")),
                 qPrintable(result.error));
    }

    void unreadableCaFileIsNamed()
    {
        TlsOptions tls;
        tls.caCertificateFile = m_directory.filePath(QStringLiteral("missing.pem"));
        const PullResult result = pullWith(tls);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("Cannot read the CA certificate file (tls.caCertificateFile) of "
                                                      "environment \"staging\" at \"%1\": it does not exist")
                                           .arg(tls.caCertificateFile)),
                 qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(TestGatewayTls)
#include "tst_gatewaytls.moc"
