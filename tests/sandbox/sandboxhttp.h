// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test-side HTTP helper for the sandbox tests: one blocking-in-test request (QSignalSpy::wait) over
// real HTTP. Deliberately independent of the sandbox's code.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

struct HttpResult
{
    int status = 0; ///< 0: no HTTP answer (connection dropped, timeout)
    QByteArray body;
    QJsonDocument json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject object() const { return json.object(); }
    QString errorDetails() const { return json.object().value(QLatin1String("errorDetails")).toString(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
};

class SandboxHttp
{
public:
    explicit SandboxHttp(QUrl base)
        : m_base(std::move(base))
    {}
    void setCredentials(const QString &user, const QString &password)
    {
        m_authorization = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
    }
    void clearCredentials() { m_authorization.clear(); }

    HttpResult call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &contentType = "application/json", int timeoutMs = 10000)
    {
        QUrl url = m_base;
        const qsizetype query = path.indexOf(QLatin1Char('?'));
        url.setPath(m_base.path() + (query < 0 ? path : path.left(query)));
        if (query >= 0)
            url.setQuery(path.mid(query + 1));
        QNetworkRequest request(url);
        request.setTransferTimeout(timeoutMs);
        request.setRawHeader("Accept", "application/json");
        if (!m_authorization.isEmpty())
            request.setRawHeader("Authorization", m_authorization);
        if (!body.isEmpty() || method == "POST" || method == "PUT")
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 5000);
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body);
        result.error = reply->error();
        result.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return result;
    }

private:
    QUrl m_base;
    QByteArray m_authorization;
    QNetworkAccessManager m_network;
};
