// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "oauthclientconfig.h"
#include "oautherror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace gw {

class HttpTransfer;
struct HttpResponse;

/// Request building and reply reading shared by the token, introspection and revocation jobs.
namespace OAuthProtocol {

/// A POST request for a form body at `url`, with the client's authentication applied to request and form.
QNetworkRequest formRequest(const QUrl &url, const OAuthClientConfig &client, FormFields &form);

/// Starts the POST that introspection (RFC 7662) and revocation (RFC 7009) share: `token` and, when given,
/// `token_type_hint`, with the client's authentication. The transfer is a child of `owner`; its `finished`
/// signal carries the reply, read at most `maxResponseBytes`.
HttpTransfer *postTokenForm(QNetworkAccessManager *network, QObject *owner, const QUrl &endpoint,
                            const OAuthClientConfig &client, const QString &token, const QString &tokenTypeHint,
                            qint64 maxResponseBytes);

/// The error for a reply that is not the expected success: a transport failure, a redirect (never followed on a
/// request that carries credentials), an OAuth error object (RFC 6749 §5.2) with a hint for its code, or another
/// HTTP status. `what` names the endpoint for the message ("The token endpoint").
OAuthError errorFromResponse(const HttpResponse &response, const QString &what);

/// The reply body as a JSON object, or a Protocol error naming `what`.
std::optional<QJsonObject> jsonObject(const HttpResponse &response, const QString &what, OAuthError *error);

/// What to do about an OAuth error code, one sentence.
QString hintForErrorCode(const QString &code);

/// Space-separated scope string to a list, and back.
QStringList splitScopes(const QString &scope);

/// A JSON number that is a whole number of seconds in [min, max] (bounds within ±2^53), or nullopt: not a number,
/// not finite, with a fraction, or out of range. The range is checked on the double, before any cast, since
/// converting an out-of-range double to an integer is undefined behaviour.
std::optional<qint64> wholeSeconds(const QJsonValue &value, qint64 min, qint64 max);

/// A NumericDate (RFC 7519 §2: seconds since the epoch, possibly with a fraction, which is dropped) as a UTC time;
/// invalid when `value` is not a number or lies outside the years 1 to 9999.
QDateTime numericDate(const QJsonValue &value);

} // namespace OAuthProtocol
} // namespace gw
