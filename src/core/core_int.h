/* SPDX-License-Identifier: MIT */
/* core_int.h - private interfaces of the core, for the unit tests. */
#ifndef FY_CORE_INT_H
#define FY_CORE_INT_H

#include "fuyuan/core.h"

/*
 * fy_utf8_valid() is the scalar check below, or on x86-64 machines with
 * AVX2 the vector check; both are exposed so that the tests can prove
 * each of them equal to decoding character by character.
 */

/** The scalar UTF-8 check: the fallback, and the tail of the vector one. */
int fy_utf8_valid_scalar(const char *s, size_t n);

#if defined(__x86_64__)
/** 1 when this machine runs AVX2 (so that fy_utf8_valid() uses it). */
int fy_utf8_have_avx2(void);
/** The AVX2 UTF-8 check; call it only when fy_utf8_have_avx2(). */
int fy_utf8_valid_avx2(const char *s, size_t n);
#endif

#endif
