// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>

/// A TLS-terminating loopback forwarder for tests: accepts TLS on 127.0.0.1 with the given
/// certificate and pipes the plain bytes to an upstream port (e.g. the sandbox's gateway).
class TlsForwarder : public QObject
{
    Q_OBJECT
public:
    TlsForwarder(const QSslCertificate &certificate, const QSslKey &key, quint16 upstreamPort,
                 QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    int handshakeFailures() const { return m_handshakeFailures; }

private:
    void accept();

    QSslServer m_server;
    quint16 m_upstreamPort;
    int m_handshakeFailures = 0;
};

/// Makes a self-signed certificate for 127.0.0.1 with openssl in `directory`: cert.pem and key.pem.
/// Returns an error text, empty on success.
QString makeSelfSignedCertificate(const QString &directory, const QString &commonName);
