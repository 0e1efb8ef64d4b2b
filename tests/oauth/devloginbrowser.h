// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

/// Plays the user's browser against oidc-provider's dev login and consent pages (DEV_LOGIN=1), the way the curl
/// steps of SECURITY-REFERENCE.md §2.2 do: follow the redirects by hand, post the login form, post the consent
/// form, then deliver the final redirect to the console's loopback listener. `tamper` may change that final URL
/// (to test the state and iss checks).
class DevLoginBrowser : public QObject
{
    Q_OBJECT
public:
    std::function<QUrl(const QUrl &)> tamper;
    QUrl finalRedirect; ///< where the authorization server sent the browser at the end (before tampering)
    QString failure;
    bool done = false;

    DevLoginBrowser() { m_network.setCookieJar(new QNetworkCookieJar(&m_network)); }

    /// For AuthorizationCodeFlow's UrlOpener: starts browsing on the next event-loop turn.
    bool open(const QUrl &url)
    {
        QMetaObject::invokeMethod(
            this, [this, url] { get(url); }, Qt::QueuedConnection);
        return true;
    }

private:
    void get(const QUrl &url) { handle(m_network.get(request(url)), url); }
    void post(const QUrl &url, const QByteArray &form)
    {
        QNetworkRequest r = request(url);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        handle(m_network.post(r, form), url);
    }
    static QNetworkRequest request(const QUrl &url)
    {
        QNetworkRequest r(url);
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        r.setTransferTimeout(10000);
        return r;
    }
    void handle(QNetworkReply *reply, const QUrl &url)
    {
        connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (url.path() == QLatin1String("/callback")) {
                done = true; // the console's listener answered
                return;
            }
            if (status < 300 || status >= 400) {
                failure = QStringLiteral("unexpected HTTP %1 at %2: %3")
                              .arg(status)
                              .arg(url.toString(), QString::fromUtf8(reply->readAll().left(300)));
                done = true;
                return;
            }
            const QUrl next = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
            if (next.path() == QLatin1String("/callback")) {
                finalRedirect = next;
                get(tamper ? tamper(next) : next);
            } else if (next.path().startsWith(QLatin1String("/interaction/"))) {
                // First the login prompt, then consent.
                post(next, m_interactions++ == 0 ? QByteArray("prompt=login&login=alice&password=x")
                                                 : QByteArray("prompt=consent"));
            } else {
                get(next);
            }
        });
    }

    QNetworkAccessManager m_network;
    int m_interactions = 0;
};
