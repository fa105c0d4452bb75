/* SPDX-License-Identifier: MIT */
/*
 * fy_sha256.c - the SHA-256 of a file, for manifest.json: OpenSSL's
 * libcrypto, which uses the processor's SHA instructions where it has
 * them (GLib's GChecksum, plain C, was a third of a large annual report's
 * time: docs/performance.md).
 */
#include "fuyuan/core.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>

int fy_sha256_file(const char *path, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char buf[1 << 16], md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    size_t n;
    int rc = -2;

    hex[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        goto out;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (EVP_DigestUpdate(ctx, buf, n) != 1)
            goto out;
    if (ferror(f) || EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32)
        goto out;
    for (unsigned i = 0; i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
    rc = 0;
out:
    EVP_MD_CTX_free(ctx);
    fclose(f);
    return rc;
}
