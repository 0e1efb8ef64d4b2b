// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

class QNetworkAccessManager;

namespace gw {

/// The TLS settings of one environment, resolved: the CA file read, what is wrong with them.
struct EnvironmentTls
{
    QString environment; ///< empty: the URL belongs to no environment (system trust only)
    TlsOptions options;
    QList<QSslCertificate> trustedCas;
    QString problem; ///< non-empty when the settings cannot be used; every request then fails with it

    static EnvironmentTls resolve(const QString &environment, const TlsOptions &options);
    bool hasPin() const { return !options.pinnedSha256.isEmpty(); }
    bool hasCa() const { return !options.caCertificateFile.isEmpty(); }
};

/// The one HTTP transport of the console: every request to an environment's hosts (admin API, OAuth endpoints,
/// call tester, tenant reads) is sent through send(), which applies
/// - the TLS settings of the environment the URL's origin (scheme, host, port) belongs to: its CA file added to the
///   system CAs; a pinned leaf certificate checked before anything is sent (and again on `encrypted`), whatever CA
///   signed it; verifyPeer=false accepting a wrong host name or validity period only for that CA or pin;
/// - no automatic redirects, a transfer (inactivity) timeout;
/// - no silent re-send of a POST or PATCH by Qt when the connection drops before the answer.
/// One instance per QNetworkAccessManager (a child of it, see of()). Changing an origin's CA, pin or verifyPeer
/// clears the manager's connection cache, so no connection accepted under the old settings is reused.
class Transport : public QObject
{
    Q_OBJECT
public:
    static Transport *of(QNetworkAccessManager *network);

    /// Requests to the environment's gateway, tenant and OAuth URLs use its TLS settings from now on.
    void useEnvironment(const Environment &environment);
    /// The same for `otherUrls` (discovered OAuth endpoints, say): the CA file (and verifyPeer with it) applies to
    /// every host; the pin, a fingerprint of the gateway's certificate, only to the gateway URL's origin.
    void useEnvironmentTls(const QString &environment, const TlsOptions &tls, const QString &gatewayUrl,
                           const QList<QUrl> &otherUrls);
    EnvironmentTls tlsFor(const QUrl &url) const;

    /// Sends `verb` with `body`; `timeoutMs` is the transfer (inactivity) timeout. The reply is never null; when the
    /// URL's TLS settings cannot be used it fails at once with tlsFailure() set.
    QNetworkReply *send(QNetworkRequest request, const QByteArray &verb, const QByteArray &body, int timeoutMs);

    /// Why TLS refused `reply` (sent by send()), for a person: what, where, what to do; empty when TLS was fine.
    static QString tlsFailure(const QNetworkReply *reply);
    /// The certificate the server presented when TLS refused it (PEM), else empty.
    static QByteArray refusedCertificatePem(const QNetworkReply *reply);

    /// The secrets a request carries: the Basic password and bearer token of its Authorization header, and the
    /// values of secret-looking fields (password, secret, client_secret, refresh_token, ...) of a form or JSON body.
    static QList<QByteArray> secretsOf(const QNetworkRequest &request, const QByteArray &body);
    /// `text` with every secret, its base64 (standard and URL-safe, with or without padding) and its
    /// percent-encoded and form-encoded forms replaced by "[secret removed]".
    static QString scrub(QString text, const QList<QByteArray> &secrets);
    static QByteArray scrub(QByteArray text, const QList<QByteArray> &secrets);

private:
    explicit Transport(QNetworkAccessManager *network);
    void useTls(const QString &environment, const TlsOptions &tls, const QList<QUrl> &urls);

    QNetworkAccessManager *m_network;
    QHash<QString, EnvironmentTls> m_byOrigin;
};

} // namespace gw
