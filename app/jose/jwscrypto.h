// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The signature maths of RFC 7518 §3 on OpenSSL 3 EVP. Internal to gatewright_jose.
#include "jose/jwsalgorithm.h"

#include <QByteArray>
#include <QByteArrayView>

struct evp_pkey_st;

namespace gw::JwsCrypto {

/// True if signature (JOSE form: RSA as is, ECDSA raw R || S) verifies over input. The caller checks lengths.
bool verify(evp_pkey_st *key, JwsAlgorithm algorithm, QByteArrayView input, QByteArrayView signature);
/// JOSE-form signature over input, or an empty array (and *error) on failure.
QByteArray sign(evp_pkey_st *key, JwsAlgorithm algorithm, QByteArrayView input, QString *error = nullptr);

} // namespace gw::JwsCrypto
