// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrl>

#include <utility>

/// A blocking HTTP helper for the sandbox tests: sends one request over real HTTP and waits for the answer.
class HttpTestClient
{
public:
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QList<QNetworkReply::RawHeaderPair> headers;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;

        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[key, value] : headers) {
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            }
            return {};
        }
    };

    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    QNetworkReply *start(const QByteArray &verb, const QUrl &url, const Headers &headers = {},
                         const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        request.setTransferTimeout(15000);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return m_network.sendCustomRequest(request, verb, body);
    }

    static Answer finish(QNetworkReply *reply)
    {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(15000);
        }
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.json = QJsonDocument::fromJson(answer.body).object();
        answer.headers = reply->rawHeaderPairs();
        answer.error = reply->error();
        reply->deleteLater();
        return answer;
    }

    Answer send(const QByteArray &verb, const QUrl &url, const Headers &headers = {}, const QByteArray &body = {})
    {
        return finish(start(verb, url, headers, body));
    }

    static std::pair<QByteArray, QByteArray> basic(const QString &user, const QString &password)
    {
        return {"Authorization", "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64()};
    }
    static std::pair<QByteArray, QByteArray> bearer(const QByteArray &token)
    {
        return {"Authorization", "Bearer " + token};
    }
    static std::pair<QByteArray, QByteArray> form() { return {"Content-Type", "application/x-www-form-urlencoded"}; }

    QNetworkAccessManager &network() { return m_network; }

private:
    QNetworkAccessManager m_network;
};
