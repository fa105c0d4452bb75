/* SPDX-License-Identifier: MIT */
/* fy_text.c - UTF-8 validation, trimming, full-width folding, widths. */
#include "fuyuan/core.h"
#include "core/core_int.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

size_t fy_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    size_t len;

    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        c = s[0] & 0x1F;
        len = 2;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        c = s[0] & 0x0F;
        len = 3;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        c = s[0] & 0x07;
        len = 4;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF))
        || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int fy_utf8_valid_scalar(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    /*
     * The same rules as fy_utf8_decode (no overlongs, no surrogates, at
     * most U+10FFFF), written out per lead byte: this runs over every
     * byte of every file, and Chinese text is mostly 3-byte characters.
     */
    while (i < n) {
        unsigned c = s[i];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* the common Han character: E1..EC (not E0, ED), then two
         * continuation bytes, checked as one word */
        if (n - i >= 4) {
            uint32_t w;
            memcpy(&w, s + i, 4);
            if ((w & 0xC0C0F0u) == 0x8080E0u && c != 0xE0 && c != 0xED) {
                i += 3;
                continue;
            }
        }
#endif
        if (c < 0x80) {
            /* a run of ASCII, eight bytes at a time (little-endian: the
             * lowest set bit is the first byte that is not ASCII) */
            i++;
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                w &= 0x8080808080808080ull;
                if (w) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                    i += (size_t)__builtin_ctzll(w) >> 3;
#endif
                    break;
                }
                i += 8;
            }
        } else if (c >= 0xE1 && c <= 0xEC) {
            if (n - i < 3 || (s[i + 1] & 0xC0) != 0x80
                || (s[i + 2] & 0xC0) != 0x80)
                return 0;
            i += 3;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80)
                return 0;
            i += 2;
        } else if (c == 0xE0 || c == 0xED || c == 0xEE || c == 0xEF) {
            unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
            unsigned hi = c == 0xED ? 0x9F : 0xBF;
            if (n - i < 3 || s[i + 1] < lo || s[i + 1] > hi
                || (s[i + 2] & 0xC0) != 0x80)
                return 0;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned lo = c == 0xF0 ? 0x90 : 0x80;
            unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
            if (n - i < 4 || s[i + 1] < lo || s[i + 1] > hi
                || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
                return 0;
            i += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

#if defined(__x86_64__)
/*
 * The vector check: the "lookup" algorithm of Keiser and Lemire
 * ("Validating UTF-8 in less than one instruction per byte", 2021), as in
 * simdutf, over 32-byte blocks.  Every byte is classified together with
 * the byte before it by three 16-entry tables (the high nibble of the
 * byte before, its low nibble, the high nibble of the byte itself),
 * looked up with pshufb; a bit that is set in all three is an error.
 * A third or fourth byte that must be a continuation (two or three bytes
 * after a lead E_ or F_) is checked apart.  The rules are those of
 * fy_utf8_decode().
 *
 * Only whole blocks are read by vector loads; the rest (< 32 bytes), from
 * the start of the last character that the whole blocks leave
 * unfinished, goes to the scalar check, which so also finds a character
 * cut at the end.
 */

/* the bits of the three tables */
#define U8_TOO_SHORT   (1 << 0) /* 11______ 0_______ or 11______ 11______ */
#define U8_TOO_LONG    (1 << 1) /* 0_______ 10______ */
#define U8_OVERLONG_3  (1 << 2) /* 11100000 100_____ */
#define U8_TOO_LARGE   (1 << 3) /* 11110100 1001____ .. 11111___ 101_____ */
#define U8_SURROGATE   (1 << 4) /* 11101101 101_____ */
#define U8_OVERLONG_2  (1 << 5) /* 1100000_ 10______ */
#define U8_TOO_LARGE_1000 (1 << 6) /* 11110101 1000____ .. 11111___ 1000____ */
#define U8_OVERLONG_4  (1 << 6) /* 11110000 1000____ */
#define U8_TWO_CONTS   (1 << 7) /* 10______ 10______ */
#define U8_CARRY (U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS)

/* 16 bytes, the same in both lanes (pshufb looks up within a lane) */
#define U8_B(x) ((char)(unsigned char)(x))
#define U8_TABLE(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)           \
    _mm256_setr_epi8(U8_B(a), U8_B(b), U8_B(c), U8_B(d), U8_B(e), U8_B(f), \
                     U8_B(g), U8_B(h), U8_B(i), U8_B(j), U8_B(k), U8_B(l), \
                     U8_B(m), U8_B(n), U8_B(o), U8_B(p), U8_B(a), U8_B(b), \
                     U8_B(c), U8_B(d), U8_B(e), U8_B(f), U8_B(g), U8_B(h), \
                     U8_B(i), U8_B(j), U8_B(k), U8_B(l), U8_B(m), U8_B(n), \
                     U8_B(o), U8_B(p))

/* the 32 bytes that end @p n bytes before @p in: prev[i] = in[i - n] */
#define U8_PREV(in, prev, n)                                               \
    _mm256_alignr_epi8((in), _mm256_permute2x128_si256((prev), (in), 0x21), \
                       16 - (n))

__attribute__((target("avx2")))
static inline __m256i u8_high_nibbles(__m256i v)
{
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

/* the errors of block @p in, @p prev being the block before it */
__attribute__((target("avx2")))
static inline __m256i u8_block_errors(__m256i in, __m256i prev)
{
    const __m256i lo4 = _mm256_set1_epi8(0x0F);
    const __m256i t1_high = U8_TABLE(
        /* 0_______ ________: ASCII first */
        U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
        U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
        /* 10______ ________: a continuation first */
        U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS,
        /* 1100____, 1101____: a two-byte lead */
        U8_TOO_SHORT | U8_OVERLONG_2,
        U8_TOO_SHORT,
        /* 1110____: a three-byte lead */
        U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE,
        /* 1111____: a four-byte lead (or no lead) */
        U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4);
    const __m256i t1_low = U8_TABLE(
        /* ____0000 */
        U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4,
        /* ____0001 */
        U8_CARRY | U8_OVERLONG_2,
        /* ____001_ */
        U8_CARRY, U8_CARRY,
        /* ____0100 */
        U8_CARRY | U8_TOO_LARGE,
        /* ____0101, ____011_ */
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        /* ____1___ */
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        /* ____1101 */
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000);
    const __m256i t2_high = U8_TABLE(
        /* ________ 0_______: ASCII second */
        U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
        U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
        /* ________ 1000____ */
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3
            | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
        /* ________ 1001____ */
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3
            | U8_TOO_LARGE,
        /* ________ 101_____ */
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE
            | U8_TOO_LARGE,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE
            | U8_TOO_LARGE,
        /* ________ 11______: a lead second */
        U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT);

    __m256i prev1 = U8_PREV(in, prev, 1);
    __m256i sc = _mm256_and_si256(
        _mm256_and_si256(
            _mm256_shuffle_epi8(t1_high, u8_high_nibbles(prev1)),
            _mm256_shuffle_epi8(t1_low, _mm256_and_si256(prev1, lo4))),
        _mm256_shuffle_epi8(t2_high, u8_high_nibbles(in)));

    /* two after 111_____ or three after 1111____: must be a continuation;
     * the tables flagged these continuations TWO_CONTS, which this
     * cancels, and a missing one is flagged here */
    __m256i prev2 = U8_PREV(in, prev, 2);
    __m256i prev3 = U8_PREV(in, prev, 3);
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth),
                                      _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23, sc);
}

__attribute__((target("avx2")))
int fy_utf8_valid_avx2(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    /* a block ends in an unfinished character when one of its last three
     * bytes is above these: 11______ last, 111_____ or 1111____ before */
    const __m256i unfinished = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    __m256i prev = _mm256_setzero_si256();
    __m256i prev_unfinished = _mm256_setzero_si256();
    size_t i = 0;

    for (; i + 32 <= n; i += 32) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i err;
        if (_mm256_movemask_epi8(in) == 0) {
            /* all ASCII: fine unless the block before was unfinished */
            err = prev_unfinished;
            prev_unfinished = _mm256_setzero_si256();
        } else {
            err = u8_block_errors(in, prev);
            prev_unfinished = _mm256_subs_epu8(in, unfinished);
        }
        if (!_mm256_testz_si256(err, err))
            return 0;
        prev = in;
    }
    /* back up to the start of a character the blocks left unfinished:
     * its bytes so far were checked with the bytes before them, and the
     * scalar check reads it again whole */
    if (i > 0) {
        if (s[i - 1] >= 0xC0)
            i -= 1;
        else if (s[i - 2] >= 0xE0)
            i -= 2;
        else if (s[i - 3] >= 0xF0)
            i -= 3;
    }
    return fy_utf8_valid_scalar(str + i, n - i);
}

int fy_utf8_have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#endif

int fy_utf8_valid(const char *s, size_t n)
{
#if defined(__x86_64__)
    if (n >= 32 && fy_utf8_have_avx2())
        return fy_utf8_valid_avx2(s, n);
#endif
    return fy_utf8_valid_scalar(s, n);
}

void fy_utf8_put(struct fy_buf *b, uint32_t cp)
{
    char out[4];
    size_t n;

    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fy_buf_append(b, out, n);
}

/* Is this code point trimmed at the ends of a value? */
static int is_trim_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n'
           || cp == 0xA0 || cp == 0x3000;
}

/*
 * Length of the character at @p s when it is copied unchanged: printable
 * ASCII and multi-byte characters that are neither spaces to trim (NBSP,
 * U+3000) nor full-width forms to fold (U+FF01..U+FF5E). 0 otherwise,
 * including for bytes that are not UTF-8 (the careful path handles them).
 */
static size_t plain_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];

    if (c < 0x80)
        return c > ' ' ? 1 : 0;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 && !(c == 0xC2 && s[1] == 0xA0)
                   ? 2 : 0;
    if (c >= 0xE1 && c <= 0xEC) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        return c == 0xE3 && s[1] == 0x80 && s[2] == 0x80 ? 0 : 3;
    }
    if (c == 0xEE || c == 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        /* U+FF01..U+FF5E are EF BC 81..EF BD 9E */
        if (c == 0xEF && ((s[1] == 0xBC && s[2] >= 0x81)
                          || (s[1] == 0xBD && s[2] <= 0x9E)))
            return 0;
        return 3;
    }
    return 0; /* E0, ED, F0..F4 and the rest: decoded carefully */
}

void fy_text_normalize(const char *s, size_t n, struct fy_buf *out)
{
    size_t i = 0, k;
    uint32_t cp;
    size_t keep = 0; /* out->len after the last non-space */

    fy_buf_reset(out);
    fy_buf_append(out, "", 0);
    while (i < n) {
        size_t run = plain_len((const unsigned char *)s + i, n - i);
        if (run) {
            /* a run of characters copied as they are */
            size_t j = i + run, m;
            while (j < n && (m = plain_len((const unsigned char *)s + j,
                                           n - j)))
                j += m;
            fy_buf_append(out, s + i, j - i);
            keep = out->len;
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            k = 1;
            cp = c;
        } else {
            k = fy_utf8_decode(s + i, n - i, &cp);
            if (!k) { /* not UTF-8: keep the byte as it is */
                k = 1;
                cp = 0xFFFFFFFFu;
            }
        }
        if (cp != 0xFFFFFFFFu && is_trim_space(cp)) {
            if (out->len > 0) /* inner space: kept, folded to ASCII */
                fy_buf_append(out, cp == 0x3000 || cp == 0xA0 ? " " : s + i,
                              cp == 0x3000 || cp == 0xA0 ? 1 : k);
        } else {
            if (cp >= 0xFF01 && cp <= 0xFF5E)
                fy_buf_putc(out, (char)(cp - 0xFEE0));
            else
                fy_buf_append(out, s + i, k);
            keep = out->len;
        }
        i += k;
    }
    out->len = keep;
    out->data[keep] = '\0';
}

/* East Asian Wide and Fullwidth ranges (the ones that occur in our text). */
static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E)
           || (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF)
           || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
           || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
           || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
           || (cp >= 0xFFE0 && cp <= 0xFFE6)
           || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t fy_text_width(const char *s)
{
    size_t n = strlen(s), i = 0, w = 0;

    while (i < n) {
        uint32_t cp;
        size_t k = fy_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            i++;
            w++;
            continue;
        }
        /* em dash (U+2014) is drawn one column wide in most terminals */
        w += is_wide(cp) ? 2 : 1;
        i += k;
    }
    return w;
}

int fy_text_formula_like(const char *s)
{
    if (!strchr("=+-@\t\r", *s) || !*s)
        return 0;
    if (*s == '+' || *s == '-') { /* a plain number stays a number */
        const char *p = s + 1;
        size_t digits = 0;
        while (*p >= '0' && *p <= '9')
            p++, digits++;
        if (digits && *p == '.') {
            p++;
            size_t frac = 0;
            while (*p >= '0' && *p <= '9')
                p++, frac++;
            if (!frac)
                return 1;
        }
        return !(digits && !*p);
    }
    return 1;
}

char *fy_text_escaped(const char *s)
{
    struct fy_buf b = FY_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++) {
        if (*p == '\n' || *p == '\t')  /* the layout of a message */
            fy_buf_append(&b, (const char *)p, 1);
        else if (*p == '\r')
            fy_buf_puts(&b, "\\r");
        else if (*p < 0x20 || *p == 0x7f)
            fy_buf_printf(&b, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 */
            fy_buf_printf(&b, "\\u%04x", (unsigned)*++p);
        else
            fy_buf_append(&b, (const char *)p, 1);
    }
    return fy_buf_detach(&b);
}
