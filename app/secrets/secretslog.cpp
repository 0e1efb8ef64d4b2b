// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretslog.h"

namespace gw {
Q_LOGGING_CATEGORY(lcSecrets, "gatewright.secrets", QtInfoMsg)
}
