// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauthlogging.h"

Q_LOGGING_CATEGORY(lcOAuth, "gatewright.oauth")
