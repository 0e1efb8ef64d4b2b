// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

class QPlainTextEdit;
class QTreeWidget;

namespace gw {

struct TokenInfo;
class TokenSession;

/// The sentences the token lab and the call tester show about a token, so both pages say the same.
namespace TokenTexts {

/// Rich text: verified (green), not verified or invalid (red, with the reason), revoked (amber: valid until exp
/// where validated locally), opaque.
QString signatureHtml(const TokenInfo &token);
/// Claims (times in local time and UTC) and the pretty header.
void fillTokenViews(const TokenInfo &token, QTreeWidget *claims, QPlainTextEdit *header);
/// What automatic renewal will do for the session's token, or what happens without it.
QString renewalText(const TokenSession &session);
/// "Expires in 4:12", "Expired 0:00:03 ago" (rich text), "Expiry unknown"; empty for no token.
QString expiryText(const TokenInfo &token, const QDateTime &now);

} // namespace TokenTexts

} // namespace gw
