// SPDX-License-Identifier: GPL-3.0-or-later
#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace gw::Pkce {

static QString randomBase64Url(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(data.data()),
                                         reinterpret_cast<quint32 *>(data.data() + bytes));
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString generateVerifier()
{
    return randomBase64Url(32);
}

QString challengeS256(const QString &verifier)
{
    const QByteArray digest = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString generateState()
{
    return randomBase64Url(16);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference = static_cast<unsigned char>(difference | (a.at(i) ^ b.at(i)));
    return difference == 0;
}

} // namespace gw::Pkce
