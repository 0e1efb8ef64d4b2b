// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayerrors.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace gw::GatewayErrors {

static QString clipped(QString text)
{
    text = text.simplified();
    if (text.size() > 300)
        text = text.left(297) + QStringLiteral("...");
    return text;
}

QString gatewayDetails(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        const QString text = QString::fromUtf8(body).trimmed();
        // A short plain-text body is still the best explanation; HTML pages are not.
        if (!text.isEmpty() && !text.startsWith(QLatin1Char('<')))
            return clipped(text);
        return {};
    }
    const QJsonObject object = document.object();
    QString details = object.value(QLatin1String("errorDetails")).toString().trimmed();
    const QJsonArray reasons = object.value(QLatin1String("reason")).toArray();
    for (const QJsonValue &reason : reasons) {
        for (const QJsonValue &onResource : reason.toObject().value(QLatin1String("errorOnResource")).toArray()) {
            const QString message = onResource.toObject().value(QLatin1String("errorMessage")).toString().trimmed();
            if (!message.isEmpty() && !details.contains(message))
                details += (details.isEmpty() ? QString() : QStringLiteral(" ")) + message;
        }
    }
    if (details.isEmpty())
        details = object.value(QLatin1String("Exception")).toString().trimmed();
    if (details.isEmpty())
        details = object.value(QLatin1String("message")).toString().trimmed();
    return clipped(details);
}

QString networkErrorText(QNetworkReply::NetworkError error, const QString &request, const QString &gatewayUrl,
                         int timeoutSeconds, bool timedOut)
{
    if (timedOut) {
        return QStringLiteral("The gateway at %1 did not answer %2 within %3 s. It may be overloaded or stuck; "
                              "try again later, or raise the request timeout.")
            .arg(gatewayUrl, request)
            .arg(timeoutSeconds);
    }
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("Cannot reach the gateway at %1: connection refused (%2). Check that the gateway is "
                              "running and that the environment's gateway URL and port are right.")
            .arg(gatewayUrl, request);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("Cannot reach the gateway at %1: host not found (%2). Check the environment's gateway "
                              "URL and your DNS or VPN.")
            .arg(gatewayUrl, request);
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("The gateway at %1 closed the connection during %2 before answering. The change may "
                              "or may not have been made; pull again to see the gateway's state.")
            .arg(gatewayUrl, request);
    case QNetworkReply::ContentReSendError: // the transport never sends a POST twice
        return QStringLiteral("The gateway at %1 closed the connection during %2 before answering; the request was "
                              "not sent again. The change may or may not have been made; pull again to see the "
                              "gateway's state.")
            .arg(gatewayUrl, request);
    case QNetworkReply::TimeoutError:
        return QStringLiteral("The connection to the gateway at %1 timed out (%2). Check the network path to the "
                              "gateway.")
            .arg(gatewayUrl, request);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("The network proxy refused or dropped %1 to %2. Check the proxy settings.")
            .arg(request, gatewayUrl);
    default:
        return QStringLiteral("%1 to the gateway at %2 failed: network error %3. Check the connection to the gateway.")
            .arg(request, gatewayUrl)
            .arg(int(error));
    }
}

QString httpErrorText(int status, const QString &reason, const QString &request, const QString &details,
                      const QString &adminUser)
{
    const QString statusText =
        QStringLiteral("HTTP %1%2").arg(status).arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason);
    QString text;
    switch (status) {
    case 401:
        text = QStringLiteral("The gateway refused the admin credentials of user \"%1\" for %2 (%3). Check the user "
                              "name and the password stored for this environment.")
                   .arg(adminUser, request, statusText);
        break;
    case 403:
        text = QStringLiteral("User \"%1\" may not do %2 (%3). The user needs the API Gateway Administrator or "
                              "provider role.")
                   .arg(adminUser, request, statusText);
        break;
    case 404:
        text = QStringLiteral("%1: not found on the gateway (%2). It may have been deleted meanwhile; pull again.")
                   .arg(request, statusText);
        break;
    case 409:
        text = QStringLiteral("%1 conflicts with the gateway's current state (%2). Someone may have changed it "
                              "meanwhile; pull and plan again.")
                   .arg(request, statusText);
        break;
    case 413:
        text = QStringLiteral("%1: the gateway refused the request as too large (%2).").arg(request, statusText);
        break;
    default:
        if (status >= 500)
            text = QStringLiteral("The gateway failed on %1 (%2). Its log may say more; try again later.")
                       .arg(request, statusText);
        else
            text = QStringLiteral("The gateway refused %1 (%2).").arg(request, statusText);
        break;
    }
    if (!details.isEmpty())
        text += QStringLiteral(" The gateway says: \"%1\"").arg(details);
    return text;
}

QString redirectText(int status, const QString &request, const QString &location)
{
    return QStringLiteral("The gateway answered %1 with a redirect (HTTP %2) to %3. Admin credentials are never sent "
                          "on to another location: put the final address (for example https:// instead of http://) "
                          "in the environment's gateway URL.")
        .arg(request)
        .arg(status)
        .arg(location.isEmpty() ? QStringLiteral("an unnamed location") : location);
}

QString sha256Fingerprint(const QSslCertificate &certificate)
{
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        pairs << QString::fromLatin1(hex.mid(i, 2));
    return pairs.join(QLatin1Char(':'));
}

bool sameFingerprint(const QString &a, const QString &b)
{
    auto normal = [](QString s) { return s.remove(QLatin1Char(':')).remove(QLatin1Char(' ')).toUpper(); };
    return !a.isEmpty() && normal(a) == normal(b);
}

QString certificateText(const QSslCertificate &certificate)
{
    return QStringLiteral("subject \"%1\", issuer \"%2\", SHA-256 %3, valid from %4 to %5")
        .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName(), sha256Fingerprint(certificate),
             certificate.effectiveDate().toUTC().toString(Qt::ISODate),
             certificate.expiryDate().toUTC().toString(Qt::ISODate));
}

QString tlsErrorText(const QList<QSslError> &errors, const QString &host, const QString &environment)
{
    QStringList reasons;
    QList<QSslCertificate> certificates;
    for (const QSslError &error : errors) {
        if (!reasons.contains(error.errorString()))
            reasons << error.errorString();
        if (!error.certificate().isNull() && !certificates.contains(error.certificate()))
            certificates << error.certificate();
    }
    QString text = QStringLiteral("The TLS certificate of the gateway %1 is not trusted: %2.")
                       .arg(host, reasons.join(QStringLiteral("; ")));
    for (const QSslCertificate &certificate : std::as_const(certificates))
        text += QStringLiteral(" Certificate: ") + certificateText(certificate) + QLatin1Char('.');
    text += QStringLiteral(" If you trust it, set the CA certificate file (tls.caCertificateFile) or pin its SHA-256 "
                           "fingerprint (tls.pinnedSha256) of environment \"%1\".")
                .arg(environment);
    return text;
}

} // namespace gw::GatewayErrors
