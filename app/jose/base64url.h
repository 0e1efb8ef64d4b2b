// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace gw::Base64Url {

/// RFC 7515 §2 base64url without padding.
QByteArray encode(QByteArrayView data);

/// Strict decoder: only [A-Za-z0-9_-], no padding, no whitespace, and the unused bits of the last
/// character must be zero (so each byte string has exactly one accepted encoding). nullopt on any violation.
std::optional<QByteArray> decode(QByteArrayView text);

} // namespace gw::Base64Url
