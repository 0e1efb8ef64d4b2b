// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace gw {

/// Names that reach a terminal or a label must not be able to move the cursor, recolour the
/// screen, hide text or reorder it. These helpers find and escape the characters that can:
///  - C0 controls U+0000-U+001F (tab and newline included: a name is one line), DEL U+007F and the
///    C1 controls U+0080-U+009F;
///  - bidirectional embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069, and the marks
///    U+200E, U+200F, U+061C;
///  - invisible characters U+200B-U+200D, U+2060, U+FEFF, and the separators U+2028, U+2029;
///  - unpaired UTF-16 surrogates.
/// Everything else, accented letters and other scripts included, is left alone.
namespace DisplayText {

/// Whether `codePoint` is one of the characters listed above.
bool isUnsafe(char32_t codePoint);

/// The first such character of `text` (an unpaired surrogate as its own value), if any.
std::optional<char32_t> firstUnsafe(QStringView text);

/// "U+001B", "U+202E": how messages name a character.
QString codePointName(char32_t codePoint);

/// What kind of character an unsafe one is, for messages: "a control character", "a bidirectional
/// formatting character", "an invisible character" or "an unpaired surrogate".
QString unsafeKind(char32_t codePoint);

/// `text` with every such character written as \u{XXXX} (four or more upper-case hex digits,
/// "\u{001B}[31m"), so it prints as one inert line. A backslash already in the text is kept as it
/// is: the escape is for reading, not a format to parse back.
QString escaped(QStringView text);

} // namespace DisplayText

} // namespace gw
