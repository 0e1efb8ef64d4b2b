// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokentexts.h"
#include "widgets/tones.h"

#include "oauth/tokeninfo.h"
#include "oauth/tokeninspection.h"
#include "oauth/tokensession.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QTime>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace gw::TokenTexts {

QString signatureHtml(const TokenInfo &token)
{
    const QString verification = token.verificationText.toHtmlEscaped();
    switch (token.verification) {
    case TokenInfo::Verification::Verified:
        if (token.revokedAt.isValid())
            // Still a good signature: what a gateway validating locally sees, until exp.
            return u"<b style=\""_s + toneStyle(Tone::Warning) + u"\">"_s +
                   QCoreApplication::translate("TokenTexts", "Revoked at %1")
                       .arg(token.revokedAt.toLocalTime().toString(u"HH:mm:ss"_s)) +
                   u"</b> — "_s +
                   QCoreApplication::translate(
                       "TokenTexts", "signature still verifies: a gateway that validates it locally accepts it until "
                                     "it expires; one that introspects it refuses it now.");
        if (const qsizetype cut = verification.indexOf(u" Not checked: "_s); cut >= 0)
            // A check left out is not a success: it reads as a warning, after the green part.
            return u"<b style=\""_s + toneStyle(Tone::Good) + u"\">&#10004; "_s + verification.left(cut) +
                   u"</b> <b style=\""_s + toneStyle(Tone::Warning) + u"\">"_s + verification.mid(cut + 1) + u"</b>"_s;
        return u"<b style=\""_s + toneStyle(Tone::Good) + u"\">&#10004; "_s + verification + u"</b>"_s;
    case TokenInfo::Verification::Invalid:
        return u"<b style=\""_s + toneStyle(Tone::Bad) + u"\">&#10008; "_s +
               (token.signatureVerified ? QCoreApplication::translate("TokenTexts", "Token not valid")
                                        : QCoreApplication::translate("TokenTexts", "Signature NOT verified")) +
               u"</b> — "_s + verification;
    case TokenInfo::Verification::Pending:
        return u"<b style=\""_s + toneStyle(Tone::Warning) + u"\">"_s +
               QCoreApplication::translate("TokenTexts", "Signature NOT verified") + u"</b> — "_s +
               (token.grant == u"pasted"_s
                    ? QCoreApplication::translate("TokenTexts", "decoded only; choose the keys and press Verify")
                    : QCoreApplication::translate("TokenTexts", "verification under way"));
    case TokenInfo::Verification::Opaque:
        return u"<b>"_s + QCoreApplication::translate("TokenTexts", "Opaque token") + u"</b> — "_s + verification;
    case TokenInfo::Verification::None:
        break;
    }
    return {};
}

void fillTokenViews(const TokenInfo &token, QTreeWidget *claims, QPlainTextEdit *header)
{
    claims->clear();
    header->clear();
    for (auto it = token.claims.begin(); it != token.claims.end(); ++it)
        new QTreeWidgetItem(claims, {it.key(), TokenInspection::claimDisplay(it.key(), it.value())});
    if (!token.header.isEmpty())
        header->setPlainText(QString::fromUtf8(QJsonDocument(token.header).toJson(QJsonDocument::Indented)));
}

QString renewalText(const TokenSession &session)
{
    const TokenInfo &token = session.token();
    if (token.isEmpty() || !token.expiresAt.isValid())
        return {};
    const QString at = token.expiresAt.toLocalTime().toString(u"HH:mm:ss"_s);
    const QDateTime next = session.nextAutoRefresh();
    if (!session.autoRefresh())
        return QCoreApplication::translate(
                   "TokenTexts", "Automatic renewal is off: at %1 the token expires and calls get 401 until you get "
                                 "a new one.")
            .arg(at);
    if (!next.isValid())
        return QCoreApplication::translate(
                   "TokenTexts", "Not renewed automatically (no refresh token and no client secret grant): it "
                                 "expires at %1.")
            .arg(at);
    return token.hasRefreshToken
               ? QCoreApplication::translate("TokenTexts",
                                             "Next renewal at %1, with the refresh token from the keychain")
                     .arg(next.toLocalTime().toString(u"HH:mm:ss"_s))
               : QCoreApplication::translate(
                     "TokenTexts", "Next renewal at %1: a new client-credentials token with the client secret")
                     .arg(next.toLocalTime().toString(u"HH:mm:ss"_s));
}

QString expiryText(const TokenInfo &token, const QDateTime &now)
{
    const auto left = token.secondsLeft(now);
    if (token.isEmpty())
        return {};
    if (!left)
        return QCoreApplication::translate("TokenTexts", "Expiry unknown");
    if (*left <= 0)
        return u"<b style=\""_s + toneStyle(Tone::Bad) + u"\">"_s +
               QCoreApplication::translate("TokenTexts", "Expired %1 ago")
                   .arg(QTime(0, 0).addSecs(int(qMin<qint64>(-*left, 86399))).toString(u"H:mm:ss"_s)) +
               u"</b>"_s;
    return QCoreApplication::translate("TokenTexts", "Expires in %1")
        .arg(QTime(0, 0).addSecs(int(qMin<qint64>(*left, 86399))).toString(*left >= 3600 ? u"H:mm:ss"_s : u"m:ss"_s));
}

} // namespace gw::TokenTexts
