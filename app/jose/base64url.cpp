// SPDX-License-Identifier: GPL-3.0-or-later
#include "base64url.h"

namespace gw::Base64Url {

namespace {

constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

} // namespace

QByteArray encode(QByteArrayView data)
{
    QByteArray out;
    out.reserve((data.size() * 4 + 2) / 3);
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const quint32 v = (quint32(bytes[i]) << 16) | (quint32(bytes[i + 1]) << 8) | bytes[i + 2];
        out.append(Alphabet[(v >> 18) & 63]).append(Alphabet[(v >> 12) & 63]);
        out.append(Alphabet[(v >> 6) & 63]).append(Alphabet[v & 63]);
    }
    const qsizetype rest = data.size() - i;
    if (rest == 1) {
        const quint32 v = quint32(bytes[i]) << 16;
        out.append(Alphabet[(v >> 18) & 63]).append(Alphabet[(v >> 12) & 63]);
    } else if (rest == 2) {
        const quint32 v = (quint32(bytes[i]) << 16) | (quint32(bytes[i + 1]) << 8);
        out.append(Alphabet[(v >> 18) & 63]).append(Alphabet[(v >> 12) & 63]).append(Alphabet[(v >> 6) & 63]);
    }
    return out;
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    // A single leftover character cannot encode a whole byte.
    if (text.size() % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size() * 3 / 4);
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = sextet(c);
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 6) | quint32(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xFF));
        }
    }
    // Non-zero padding bits would let several strings decode to the same bytes (a malleable token).
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

} // namespace gw::Base64Url
