/* SPDX-License-Identifier: MIT */
/*
 * fy_sha256.c - SHA-256 for manifest.json: of bytes as they are read
 * (an input), or of a file (an output). OpenSSL's libcrypto, which uses
 * the processor's SHA instructions where it has them (GLib's GChecksum,
 * plain C, was a third of a large annual report's time:
 * docs/performance.md).
 */
#include "fuyuan/core.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>

void fy_sha256_init(struct fy_sha256 *s)
{
    s->ctx = EVP_MD_CTX_new();
    s->failed = !s->ctx || EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) != 1;
}

void fy_sha256_update(struct fy_sha256 *s, const void *data, size_t n)
{
    if (!s->failed && n > 0 && EVP_DigestUpdate(s->ctx, data, n) != 1)
        s->failed = 1;
}

int fy_sha256_final(struct fy_sha256 *s, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    int rc = -2;

    hex[0] = '\0';
    if (!s->failed && EVP_DigestFinal_ex(s->ctx, md, &mdlen) == 1
        && mdlen == 32) {
        for (unsigned i = 0; i < 32; i++) {
            hex[2 * i] = digits[md[i] >> 4];
            hex[2 * i + 1] = digits[md[i] & 15];
        }
        hex[64] = '\0';
        rc = 0;
    }
    EVP_MD_CTX_free(s->ctx);
    s->ctx = NULL;
    return rc;
}

int fy_sha256_file(const char *path, char hex[65])
{
    unsigned char buf[1 << 16];
    struct fy_sha256 s;
    size_t n;

    hex[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fy_sha256_init(&s);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        fy_sha256_update(&s, buf, n);
    if (ferror(f))
        s.failed = 1;
    fclose(f);
    return fy_sha256_final(&s, hex);
}
