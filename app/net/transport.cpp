// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport.h"

#include "cappedfileread.h"

#include "gatewayerrors.h"
#include "netlogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <cstring>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

QString originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme + u"://"_s + url.host().toLower() + u':' + QString::number(url.port(scheme == u"https"_s ? 443 : 80));
}

QString hostPort(const QUrl &url)
{
    return url.host() + u':' + QString::number(url.port(url.scheme() == u"https"_s ? 443 : 80));
}

/// Errors about who signed the certificate: what a pin stands in for.
bool chainError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

/// Errors that tls.verifyPeer = false accepts, for the pinned certificate or one signed by the environment's CA.
bool relaxableError(QSslError::SslError error)
{
    return error == QSslError::HostNameMismatch || error == QSslError::CertificateExpired ||
           error == QSslError::CertificateNotYetValid;
}

QString reasonsOf(const QList<QSslError> &errors)
{
    QStringList reasons;
    for (const QSslError &error : errors) {
        if (!reasons.contains(error.errorString()))
            reasons << error.errorString();
    }
    return reasons.join(u"; "_s);
}

/// A request body that cannot be rewound: Qt's HTTP layer resends a request whose connection dropped before the
/// answer only after resetting its body, so a POST through this device is sent at most once (Qt reports
/// ContentReSendError instead).
class OneShotBody : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject *parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_position + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_position >= m_data.size() && QIODevice::bytesAvailable() == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_position >= m_data.size())
            return -1;
        const qint64 count = std::min<qint64>(maxSize, m_data.size() - m_position);
        std::memcpy(data, m_data.constData() + m_position, size_t(count));
        m_position += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

/// Watches one reply's TLS: decides on sslErrors (before a byte of the request is sent) and checks the pin again on
/// `encrypted`. Lives as a child of the reply.
class TlsGuard : public QObject
{
public:
    TlsGuard(QNetworkReply *reply, EnvironmentTls tls)
        : QObject(reply)
        , m_reply(reply)
        , m_tls(std::move(tls))
    {
        setObjectName(u"gatewright-tls-guard"_s);
        connect(reply, &QNetworkReply::sslErrors, this, &TlsGuard::onSslErrors);
        connect(reply, &QNetworkReply::encrypted, this, &TlsGuard::onEncrypted);
    }

    QString failure;
    QSslCertificate refused;

private:
    QSslCertificate leafOf(const QList<QSslError> &errors) const
    {
        QSslCertificate leaf = m_reply->sslConfiguration().peerCertificate();
        for (qsizetype i = 0; leaf.isNull() && i < errors.size(); ++i)
            leaf = errors.at(i).certificate();
        return leaf;
    }

    bool pinMatches(const QSslCertificate &leaf) const
    {
        return !leaf.isNull() &&
               GatewayErrors::sameFingerprint(GatewayErrors::sha256Fingerprint(leaf), m_tls.options.pinnedSha256);
    }

    bool signedByEnvironmentCa() const
    {
        const QList<QSslCertificate> chain = m_reply->sslConfiguration().peerCertificateChain();
        for (const QSslCertificate &certificate : chain) {
            for (const QSslCertificate &ca : m_tls.trustedCas) {
                // OpenSSL has verified the chain's signatures up to a trusted root; this asks that the root or
                // issuer be the environment's CA rather than any system CA.
                const bool issuedByCa = certificate.issuerInfo(QSslCertificate::CommonName) ==
                                            ca.subjectInfo(QSslCertificate::CommonName) &&
                                        certificate.issuerInfo(QSslCertificate::Organization) ==
                                            ca.subjectInfo(QSslCertificate::Organization);
                if (certificate == ca || issuedByCa)
                    return true;
            }
        }
        return false;
    }

    void refuse(const QString &text, const QSslCertificate &certificate)
    {
        if (failure.isEmpty())
            failure = text;
        if (refused.isNull())
            refused = certificate;
        qCWarning(lcNet).noquote() << "TLS refused:" << text;
    }

    QString pinMismatchText(const QSslCertificate &leaf) const
    {
        return u"The TLS certificate of %1 is not the one pinned for environment \"%2\" (tls.pinnedSha256 %3). "
               u"Certificate: %4. If the server's certificate was replaced on purpose, pin the new fingerprint; "
               u"otherwise something else answers at that address."_s.arg(
                   hostPort(m_reply->url()), m_tls.environment, m_tls.options.pinnedSha256,
                   leaf.isNull() ? u"none presented"_s : GatewayErrors::certificateText(leaf));
    }

    void onSslErrors(const QList<QSslError> &errors)
    {
        const QSslCertificate leaf = leafOf(errors);
        if (!m_tls.problem.isEmpty()) {
            refuse(m_tls.problem, leaf);
            return;
        }
        if (m_tls.hasPin() && !pinMatches(leaf)) {
            refuse(pinMismatchText(leaf), leaf);
            return;
        }
        QList<QSslError> remaining;
        for (const QSslError &error : errors) {
            if (m_tls.hasPin() && chainError(error.error()))
                continue; // the pin stands in for the chain of trust
            if (!m_tls.options.verifyPeer && relaxableError(error.error()) &&
                (m_tls.hasPin() || signedByEnvironmentCa()))
                continue;
            remaining << error;
        }
        if (remaining.isEmpty()) {
            qCInfo(lcNet).noquote() << "TLS: accepted by the settings of environment" << m_tls.environment << "for"
                                    << hostPort(m_reply->url()) << "despite:" << reasonsOf(errors);
            m_reply->ignoreSslErrors(errors); // exactly these errors, for this certificate only
            return;
        }
        const QString where = hostPort(m_reply->url());
        const QString certificate =
            leaf.isNull() ? QString() : u" Certificate: "_s + GatewayErrors::certificateText(leaf) + u'.';
        const QString reasons = reasonsOf(remaining);
        QString text;
        if (m_tls.hasPin()) {
            text = u"The TLS certificate of %1 matches the fingerprint pinned for environment \"%2\", but: %3.%4 A pin "
                   u"does not excuse a wrong host name or validity period unless tls.verifyPeer is false."_s.arg(
                       where, m_tls.environment, reasons, certificate);
        } else if (m_tls.hasCa()) {
            text = u"The TLS certificate of %1 is not trusted: %2.%3 Environment \"%4\" trusts the CA certificate file "
                   u"\"%5\" (tls.caCertificateFile) besides the system CAs; check that the file holds the CA that "
                   u"issued this certificate%6."_s.arg(
                       where, reasons, certificate, m_tls.environment, m_tls.options.caCertificateFile,
                       m_tls.options.verifyPeer ? u", or that the certificate names this host and is "
                                                  u"within its validity period"_s
                                                : QString());
        } else if (!m_tls.environment.isEmpty()) {
            text = u"The TLS certificate of %1 is not trusted: %2.%3 If you trust it, set the CA certificate file "
                   u"(tls.caCertificateFile) or pin its SHA-256 fingerprint (tls.pinnedSha256) of environment "
                   u"\"%4\"."_s.arg(where, reasons, certificate, m_tls.environment);
        } else {
            text = u"The TLS certificate of %1 is not trusted: %2.%3 This host belongs to no environment of the "
                   u"workspace, so only the system CAs are trusted for it."_s.arg(where, reasons, certificate);
        }
        refuse(text, leaf);
    }

    void onEncrypted()
    {
        if (!m_tls.hasPin())
            return;
        const QSslCertificate leaf = m_reply->sslConfiguration().peerCertificate();
        if (pinMatches(leaf))
            return;
        refuse(pinMismatchText(leaf), leaf);
        m_reply->abort();
    }

    QNetworkReply *m_reply;
    EnvironmentTls m_tls;
};

const TlsGuard *guardOf(const QNetworkReply *reply)
{
    if (!reply)
        return nullptr;
    for (QObject *child : reply->children()) {
        if (child->objectName() == u"gatewright-tls-guard"_s)
            return static_cast<const TlsGuard *>(child);
    }
    return nullptr;
}

bool secretKey(const QString &key)
{
    const QString lower = key.toLower();
    for (const char *word : {"password", "secret", "token", "assertion", "apikey", "api_key", "credential"}) {
        if (lower.contains(QLatin1String(word)))
            return true;
    }
    return false;
}

void collectJsonSecrets(const QJsonValue &value, bool underSecretKey, QList<QByteArray> &secrets)
{
    if (value.isString()) {
        if (underSecretKey && !value.toString().isEmpty())
            secrets << value.toString().toUtf8();
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectJsonSecrets(it.value(), underSecretKey || secretKey(it.key()), secrets);
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            collectJsonSecrets(element, underSecretKey, secrets);
    }
}

} // namespace

static constexpr qint64 MaxCaCertificateFileSize = 4 * 1024 * 1024;

EnvironmentTls EnvironmentTls::resolve(const QString &environment, const TlsOptions &options)
{
    EnvironmentTls tls;
    tls.environment = environment;
    tls.options = options;
    if (!options.caCertificateFile.isEmpty()) {
        // A CA bundle is a few hundred KiB (Debian's whole store is about 200 KiB); /dev/zero never ends.
        const CappedFileRead file = readCappedRegularFile(
            options.caCertificateFile, MaxCaCertificateFileSize,
            u"the CA certificate file (tls.caCertificateFile) of environment \"%1\""_s.arg(environment));
        if (!file.ok()) {
            tls.problem = file.error;
        } else {
            tls.trustedCas = QSslCertificate::fromData(file.data, QSsl::Pem);
            if (tls.trustedCas.isEmpty())
                tls.problem = u"The CA certificate file \"%1\" of environment \"%2\" holds no PEM certificate."_s.arg(
                    options.caCertificateFile, environment);
        }
    }
    if (!options.verifyPeer && options.caCertificateFile.isEmpty() && options.pinnedSha256.isEmpty())
        tls.problem = u"Environment \"%1\" sets tls.verifyPeer to false without a CA certificate file or a pinned "
                      u"fingerprint; set one of them (verifyPeer=false only relaxes the checks for that CA or pin), "
                      u"or set verifyPeer back to true."_s.arg(environment);
    return tls;
}

Transport::Transport(QNetworkAccessManager *network)
    : QObject(network)
    , m_network(network)
{
    setObjectName(u"gatewright-transport"_s);
}

Transport *Transport::of(QNetworkAccessManager *network)
{
    Q_ASSERT(network);
    if (auto *existing = network->findChild<Transport *>(u"gatewright-transport"_s, Qt::FindDirectChildrenOnly))
        return existing;
    return new Transport(network);
}

void Transport::useEnvironment(const Environment &environment)
{
    const OAuthServer &oauth = environment.oauth;
    QList<QUrl> urls;
    for (const QString &url : {environment.ioTenantUrl, oauth.issuer, oauth.tokenEndpoint, oauth.jwksUri,
                               oauth.introspectionEndpoint, oauth.revocationEndpoint, oauth.authorizationEndpoint}) {
        if (!url.isEmpty())
            urls << QUrl(url);
    }
    useEnvironmentTls(environment.name, environment.tls, environment.gatewayUrl, urls);
}

void Transport::useEnvironmentTls(const QString &environment, const TlsOptions &tls, const QString &gatewayUrl,
                                  const QList<QUrl> &otherUrls)
{
    const QUrl gateway(gatewayUrl);
    if (!gatewayUrl.isEmpty())
        useTls(environment, tls, {gateway});
    // The pin names the gateway's certificate; other hosts keep the CA file, and verifyPeer=false only with it.
    TlsOptions others = tls;
    others.pinnedSha256.clear();
    if (others.caCertificateFile.isEmpty())
        others.verifyPeer = true;
    QList<QUrl> urls;
    for (const QUrl &url : otherUrls) {
        if (gatewayUrl.isEmpty() || originOf(url) != originOf(gateway))
            urls << url;
    }
    useTls(environment, others, urls);
}

void Transport::useTls(const QString &environment, const TlsOptions &tls, const QList<QUrl> &urls)
{
    std::optional<EnvironmentTls> resolved;
    bool changed = false;
    for (const QUrl &url : urls) {
        if (!url.isValid() || url.host().isEmpty())
            continue;
        const QString origin = originOf(url);
        const auto it = m_byOrigin.constFind(origin);
        if (it != m_byOrigin.constEnd() && it->environment == environment && it->options == tls)
            continue;
        if (!resolved)
            resolved = EnvironmentTls::resolve(environment, tls);
        if (it != m_byOrigin.constEnd() && it->options != tls)
            changed = true;
        m_byOrigin.insert(origin, *resolved);
    }
    if (changed) {
        // A kept-alive connection was accepted under the old CA or pin; it must not carry the next request.
        qCInfo(lcNet).noquote() << "TLS settings of environment" << environment
                                << "changed; dropping the kept-alive connections";
        m_network->clearConnectionCache();
    }
}

EnvironmentTls Transport::tlsFor(const QUrl &url) const
{
    return m_byOrigin.value(originOf(url));
}

QNetworkReply *Transport::send(QNetworkRequest request, const QByteArray &verb, const QByteArray &body, int timeoutMs)
{
    // Credentials never follow a redirect to another place; a 3xx is handed back as it is.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    const EnvironmentTls tls = tlsFor(request.url());
    const bool https = request.url().scheme() == u"https"_s;
    if (https) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        if (tls.hasPin() || !tls.problem.isEmpty())
            configuration.setCaCertificates({}); // every handshake comes to the guard, which checks the pin
        else if (!tls.trustedCas.isEmpty())
            configuration.addCaCertificates(tls.trustedCas);
        request.setSslConfiguration(configuration);
    }
    QNetworkReply *reply = nullptr;
    const QByteArray method = verb.toUpper();
    if (method == "POST" || method == "PATCH") {
        // Qt resends a request whose connection closes before the answer (a dropped kept-alive connection) after
        // rewinding its body; a create the server committed would be made twice. This body cannot be rewound.
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *device = new OneShotBody(body, nullptr);
        reply = m_network->sendCustomRequest(request, method, device);
        device->setParent(reply);
    } else if (body.isEmpty()) {
        reply = m_network->sendCustomRequest(request, method);
    } else {
        reply = m_network->sendCustomRequest(request, method, body);
    }
    if (https)
        new TlsGuard(reply, tls);
    return reply;
}

QString Transport::tlsFailure(const QNetworkReply *reply)
{
    const TlsGuard *guard = guardOf(reply);
    return guard ? guard->failure : QString();
}

QByteArray Transport::refusedCertificatePem(const QNetworkReply *reply)
{
    const TlsGuard *guard = guardOf(reply);
    return guard && !guard->refused.isNull() ? guard->refused.toPem() : QByteArray();
}

QList<QByteArray> Transport::secretsOf(const QNetworkRequest &request, const QByteArray &body)
{
    QList<QByteArray> secrets;
    const QByteArray authorization = request.rawHeader("Authorization").trimmed();
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon >= 0 && colon + 1 < decoded.size())
            secrets << decoded.mid(colon + 1);
        secrets << authorization.mid(6).trimmed();
    } else if (authorization.startsWith("Bearer ")) {
        secrets << authorization.mid(7).trimmed();
    }
    const QByteArray type = request.header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
    if (type.startsWith("application/x-www-form-urlencoded")) {
        const QUrlQuery form(QString::fromUtf8(body));
        for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded)) {
            if (secretKey(key) && !value.isEmpty())
                secrets << value.toUtf8();
        }
    } else if (!body.isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        collectJsonSecrets(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()), false,
                           secrets);
    }
    secrets.removeAll(QByteArray());
    return secrets;
}

QByteArray Transport::scrub(QByteArray text, const QList<QByteArray> &secrets)
{
    static const QByteArray Removed = "[secret removed]";
    QList<QByteArray> forms;
    for (const QByteArray &secret : secrets) {
        if (secret.size() < 4)
            continue; // too short to find without blanking ordinary words
        forms << secret << secret.toBase64() << secret.toBase64(QByteArray::OmitTrailingEquals)
              << secret.toBase64(QByteArray::Base64UrlEncoding)
              << secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
              << secret.toPercentEncoding() << secret.toPercentEncoding().toLower()
              << secret.toPercentEncoding(" ").replace("%20", "+")
              << QJsonDocument(QJsonArray{QString::fromUtf8(secret)}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
    }
    // Longest first, so a form that contains another is removed whole.
    std::sort(forms.begin(), forms.end(), [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    for (const QByteArray &form : std::as_const(forms)) {
        if (!form.isEmpty())
            text.replace(form, Removed);
    }
    return text;
}

QString Transport::scrub(QString text, const QList<QByteArray> &secrets)
{
    if (secrets.isEmpty())
        return text;
    return QString::fromUtf8(scrub(text.toUtf8(), secrets));
}

} // namespace gw
