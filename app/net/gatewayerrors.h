// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace gw::GatewayErrors {

/// The gateway's own explanation in an error body: `errorDetails` (admin API), the first
/// `reason[].errorOnResource[].errorMessage`, or `Exception` (runtime); trimmed.
QString gatewayDetails(const QByteArray &body);

/// The one place that turns a failed admin request into text a person can act on.
QString networkErrorText(QNetworkReply::NetworkError error, const QString &request, const QString &gatewayUrl,
                         int timeoutSeconds, bool timedOut);
QString httpErrorText(int status, const QString &reason, const QString &request, const QString &details,
                      const QString &adminUser);
QString redirectText(int status, const QString &request, const QString &location);

/// "subject CN=..., issuer CN=..., SHA-256 AB:CD:..., valid 2026-01-01 to 2027-01-01"
QString certificateText(const QSslCertificate &certificate);
/// Hex SHA-256 of the DER certificate, upper case with colons (the form browsers show).
QString sha256Fingerprint(const QSslCertificate &certificate);
/// Compares fingerprints written with or without colons, in either case.
bool sameFingerprint(const QString &a, const QString &b);
QString tlsErrorText(const QList<QSslError> &errors, const QString &host, const QString &environment);

} // namespace gw::GatewayErrors
