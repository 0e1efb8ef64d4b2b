// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxlog.h"

namespace gw {
Q_LOGGING_CATEGORY(lcSandbox, "gatewright.sandbox")
} // namespace gw
