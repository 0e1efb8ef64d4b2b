// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwscrypto.h"

#include "jose/opensslhandles.h"

#include <QString>

#include <openssl/rsa.h>

namespace gw::JwsCrypto {

namespace {

const char *digestName(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::RS384:
    case JwsAlgorithm::ES384:
        return "SHA384";
    case JwsAlgorithm::RS512:
        return "SHA512";
    default:
        return "SHA256";
    }
}

// RFC 7518 §3.3 (PKCS#1 v1.5) and §3.5 (PSS with MGF1 on the same hash, salt as long as the hash).
bool configure(EVP_PKEY_CTX *ctx, JwsAlgorithm algorithm)
{
    if (JwsAlgorithms::isEcdsa(algorithm))
        return true;
    if (algorithm != JwsAlgorithm::PS256)
        return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx, "SHA256", nullptr) == 1;
}

// ECDSA in JOSE is the fixed-size big-endian R || S (RFC 7518 §3.4); OpenSSL speaks DER.
QByteArray rawToDer(QByteArrayView raw)
{
    const int half = int(raw.size() / 2);
    const auto *bytes = reinterpret_cast<const unsigned char *>(raw.data());
    ossl::BigNum r(BN_bin2bn(bytes, half, nullptr));
    ossl::BigNum s(BN_bin2bn(bytes + half, half, nullptr));
    ossl::EcdsaSig sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return {};
    r.release();
    s.release();
    const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (size <= 0)
        return {};
    QByteArray der(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

QByteArray derToRaw(const QByteArray &der, int size)
{
    const auto *in = reinterpret_cast<const unsigned char *>(der.constData());
    ossl::EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &in, long(der.size())));
    if (!sig)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, size / 2) != size / 2 || BN_bn2binpad(s, out + size / 2, size / 2) != size / 2)
        return {};
    return raw;
}

} // namespace

bool verify(evp_pkey_st *key, JwsAlgorithm algorithm, QByteArrayView input, QByteArrayView signature)
{
    QByteArray der;
    if (JwsAlgorithms::isEcdsa(algorithm)) {
        if (signature.size() != JwsAlgorithms::ecdsaSignatureSize(algorithm))
            return false;
        der = rawToDer(signature);
        if (der.isEmpty()) {
            ERR_clear_error();
            return false;
        }
        signature = der;
    }
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const bool ok =
        ctx && EVP_DigestVerifyInit_ex(ctx.get(), &pctx, digestName(algorithm), nullptr, nullptr, key, nullptr) == 1 &&
        configure(pctx, algorithm) &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()), size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(input.data()), size_t(input.size())) == 1;
    ERR_clear_error();
    return ok;
}

QByteArray sign(evp_pkey_st *key, JwsAlgorithm algorithm, QByteArrayView input, QString *error)
{
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    size_t size = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.data());
    if (!ctx || EVP_DigestSignInit_ex(ctx.get(), &pctx, digestName(algorithm), nullptr, nullptr, key, nullptr) != 1 ||
        !configure(pctx, algorithm) || EVP_DigestSign(ctx.get(), nullptr, &size, data, size_t(input.size())) != 1) {
        if (error)
            *error = ossl::takeErrors();
        return {};
    }
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, data,
                       size_t(input.size())) != 1) {
        if (error)
            *error = ossl::takeErrors();
        return {};
    }
    signature.truncate(qsizetype(size));
    if (JwsAlgorithms::isEcdsa(algorithm)) {
        signature = derToRaw(signature, JwsAlgorithms::ecdsaSignatureSize(algorithm));
        if (signature.isEmpty() && error)
            *error = QStringLiteral("cannot convert the ECDSA signature to R || S");
    }
    return signature;
}

} // namespace gw::JwsCrypto
