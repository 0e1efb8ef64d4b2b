// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace gw {
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
} // namespace gw
