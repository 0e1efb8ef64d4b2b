// SPDX-License-Identifier: GPL-3.0-or-later
#include "displaytext.h"

namespace gw::DisplayText {

namespace {

/// Calls `visit(codePoint, from, length)` for each code point of `text`; an unpaired surrogate is
/// reported as itself, one unit long.
template<typename Visit> bool forEachCodePoint(QStringView text, Visit visit)
{
    for (qsizetype i = 0; i < text.size();) {
        const char16_t unit = text.at(i).unicode();
        char32_t codePoint = unit;
        qsizetype length = 1;
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            codePoint = QChar::surrogateToUcs4(unit, text.at(i + 1).unicode());
            length = 2;
        }
        if (!visit(codePoint, i, length))
            return false;
        i += length;
    }
    return true;
}

} // namespace

bool isUnsafe(char32_t c)
{
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202E) || c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
           (c >= 0xD800 && c <= 0xDFFF);
}

std::optional<char32_t> firstUnsafe(QStringView text)
{
    std::optional<char32_t> found;
    forEachCodePoint(text, [&](char32_t codePoint, qsizetype, qsizetype) {
        if (!isUnsafe(codePoint))
            return true;
        found = codePoint;
        return false;
    });
    return found;
}

namespace {
QString hex(char32_t codePoint)
{
    return QString::number(uint(codePoint), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}
} // namespace

QString codePointName(char32_t codePoint)
{
    return QStringLiteral("U+") + hex(codePoint);
}

QString unsafeKind(char32_t c)
{
    if (c <= 0x1F || (c >= 0x7F && c <= 0x9F))
        return QStringLiteral("a control character");
    if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return QStringLiteral("a bidirectional formatting character");
    if (c >= 0xD800 && c <= 0xDFFF)
        return QStringLiteral("an unpaired surrogate");
    return QStringLiteral("an invisible character");
}

QString escaped(QStringView text)
{
    if (!firstUnsafe(text))
        return text.toString();
    QString out;
    out.reserve(text.size() + 16);
    forEachCodePoint(text, [&](char32_t codePoint, qsizetype from, qsizetype length) {
        if (isUnsafe(codePoint))
            out += QStringLiteral("\\u{") + hex(codePoint) + QLatin1Char('}');
        else
            out += text.mid(from, length);
        return true;
    });
    return out;
}

} // namespace gw::DisplayText
