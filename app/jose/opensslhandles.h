// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Owning handles for the OpenSSL objects app/jose uses. Internal to gatewright_jose.
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <QString>

#include <memory>

namespace gw::ossl {

struct Free
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(OSSL_PARAM_BLD *p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); }
    void operator()(ECDSA_SIG *p) const { ECDSA_SIG_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
};

using PKey = std::unique_ptr<EVP_PKEY, Free>;
using PKeyCtx = std::unique_ptr<EVP_PKEY_CTX, Free>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Free>;
using BigNum = std::unique_ptr<BIGNUM, Free>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Free>;
using Params = std::unique_ptr<OSSL_PARAM, Free>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Free>;
using Bio = std::unique_ptr<BIO, Free>;

/// Drains OpenSSL's thread-local error queue into one line (and leaves it empty for the next operation).
inline QString takeErrors()
{
    QString text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.isEmpty())
            text += QStringLiteral("; ");
        text += QString::fromLatin1(buffer);
    }
    return text.isEmpty() ? QStringLiteral("unknown OpenSSL error") : text;
}

} // namespace gw::ossl
