// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Everything app/jose offers, for callers that want one include.
#include "jose/base64url.h"
#include "jose/claimvalidator.h"
#include "jose/decodedjwt.h"
#include "jose/joseerror.h"
#include "jose/jwk.h"
#include "jose/jwkset.h"
#include "jose/jwsalgorithm.h"
#include "jose/jwsverifier.h"
#include "jose/jwtverifier.h"
#include "jose/signingkey.h"
#include "jose/verifiedjwt.h"
