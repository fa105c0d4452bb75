/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry points, and
 * a scratch folder of the process where an input is written as a file
 * for the readers that take a path (the CSV reader maps its file).
 *
 * Each fuzz/fuzz_NAME.c is built two ways: with clang's libFuzzer
 * (`make fuzz`), and with fuzz/replay.c's main() by any compiler, which
 * `make check` runs on every file of fuzz/corpus/NAME and
 * fuzz/regress/NAME (docs/reliability.md, "Fuzzing").
 */
#ifndef FY_FUZZ_H
#define FY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuyuan/core.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process's scratch folder (made once; removed at exit). */
static char fuzz_dir_path[64];

static inline void fuzz_dir_remove(void)
{
    if (fuzz_dir_path[0])
        fy_remove_tree(fuzz_dir_path);
}

static inline const char *fuzz_dir(void)
{
    if (!fuzz_dir_path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(fuzz_dir_path, sizeof(fuzz_dir_path), "%s/fyfuzz.XXXXXX",
                 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir_path)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}

/* Write @p size bytes to the scratch file @p name; its path, static. */
static inline const char *fuzz_write(const char *name, const uint8_t *data,
                              size_t size)
{
    static char path[128];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
    f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* The input as a NUL-terminated string (owned by the caller). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A check of the target that fails: print it and stop (a crash to the
 * fuzzer, a failed test to the replay). */
#define FUZZ_CHECK(cond, ...)                                           \
    do {                                                                \
        if (!(cond)) {                                                  \
            fprintf(stderr, "fuzz check failed: %s: ", #cond);          \
            fprintf(stderr, __VA_ARGS__);                               \
            fputc('\n', stderr);                                        \
            abort();                                                    \
        }                                                               \
    } while (0)

#endif /* FY_FUZZ_H */
