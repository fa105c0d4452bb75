/* SPDX-License-Identifier: MIT */
/*
 * inject.c - an LD_PRELOAD fault injector for the all-or-nothing tests of
 * tests/e2e/workbook.sh (after jq's src/inject_errors.c):
 *  - FY_FAIL_FOPEN set: fopen() of a path whose name ends in
 *    "manifest.json" fails with EIO, so that a run fails midway, after the
 *    workbook and rejects.csv are written, before anything is moved into
 *    place;
 *  - FY_FAIL_RENAME set: rename() of a file named manifest.json out of a
 *    folder whose own name holds ".tmp-" (DEST.tmp-XXXXXX/manifest.json),
 *    and renameat()/renameat2() of a folder whose name holds ".tmp-" (the
 *    swap of the finished report with DEST) fail with EIO, so that a run
 *    fails as it puts its finished files in place;
 *  - FY_FAIL_WRITE=SUFFIX: a stream fdopen()ed on a file whose name ends
 *    in SUFFIX followed by ".tmp-XXXXXX" (the temporary file of an
 *    all-or-nothing file output: rejects.csv, query -o FILE) writes to
 *    /dev/full, so that every write fails with ENOSPC, as on a full disk;
 *  - FY_FAIL_FOPEN_READ=SUFFIX: fopen() for reading of a path whose name
 *    ends in SUFFIX fails with EIO (the inputs are read with open(), so
 *    this hits only the SHA-256 of manifest.json: of an input, ".csv", or
 *    of an output, ".xlsx").
 * Every other call is the C library's.
 *
 * Build: cc -shared -fPIC -o inject.so tests/fault/inject.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef FILE *(*fopen_fn)(const char *, const char *);

static int is_manifest(const char *path)
{
    static const char suffix[] = "manifest.json";
    size_t n = path ? strlen(path) : 0, k = sizeof(suffix) - 1;

    return n >= k && strcmp(path + n - k, suffix) == 0;
}

static int ends_with(const char *path, const char *suffix)
{
    size_t n = path ? strlen(path) : 0, k = strlen(suffix);

    return n >= k && strcmp(path + n - k, suffix) == 0;
}

static int should_fail(const char *path, const char *mode)
{
    const char *read_suffix = getenv("FY_FAIL_FOPEN_READ");

    if (read_suffix && *read_suffix && mode && mode[0] == 'r'
        && ends_with(path, read_suffix))
        return 1;
    return getenv("FY_FAIL_FOPEN") && is_manifest(path);
}

static FILE *call_real(const char *name, const char *path, const char *mode)
{
    fopen_fn real;

    *(void **)&real = dlsym(RTLD_NEXT, name);
    if (!real) {
        errno = ENOSYS;
        return NULL;
    }
    return real(path, mode);
}

FILE *fopen(const char *path, const char *mode)
{
    if (should_fail(path, mode)) {
        errno = EIO;
        return NULL;
    }
    return call_real("fopen", path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    if (should_fail(path, mode)) {
        errno = EIO;
        return NULL;
    }
    return call_real("fopen64", path, mode);
}

int rename(const char *from, const char *to)
{
    int (*real)(const char *, const char *);
    const char *base = from ? strrchr(from, '/') : NULL;

    if (getenv("FY_FAIL_RENAME") && base
        && strcmp(base + 1, "manifest.json") == 0) {
        const char *dir = base; /* the parent folder's name: dir..base */
        while (dir > from && dir[-1] != '/')
            dir--;
        if (memmem(dir, (size_t)(base - dir), ".tmp-", 5)) {
            errno = EIO;
            return -1;
        }
    }
    *(void **)&real = dlsym(RTLD_NEXT, "rename");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    return real(from, to);
}

static int is_tmp_folder(const char *name)
{
    const char *base = name ? strrchr(name, '/') : NULL;

    base = base ? base + 1 : name;
    return base && strstr(base, ".tmp-") != NULL;
}

int renameat(int olddirfd, const char *from, int newdirfd, const char *to)
{
    int (*real)(int, const char *, int, const char *);

    if (getenv("FY_FAIL_RENAME") && is_tmp_folder(from)) {
        errno = EIO;
        return -1;
    }
    *(void **)&real = dlsym(RTLD_NEXT, "renameat");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    return real(olddirfd, from, newdirfd, to);
}

int renameat2(int olddirfd, const char *from, int newdirfd, const char *to,
              unsigned int flags)
{
    int (*real)(int, const char *, int, const char *, unsigned int);

    if (getenv("FY_FAIL_RENAME") && is_tmp_folder(from)) {
        errno = EIO;
        return -1;
    }
    *(void **)&real = dlsym(RTLD_NEXT, "renameat2");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    return real(olddirfd, from, newdirfd, to, flags);
}

/* The name of the file open on @p fd ends in SUFFIX.tmp-XXXXXX. */
static int write_should_fail(int fd)
{
    const char *suffix = getenv("FY_FAIL_WRITE");
    char link[64], path[4096];
    ssize_t n;

    if (!suffix || !*suffix)
        return 0;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    if ((n = readlink(link, path, sizeof(path) - 1)) < 0)
        return 0;
    path[n] = '\0';
    char *tag = strstr(path, ".tmp-");
    if (!tag || strlen(tag) != 11)
        return 0;
    *tag = '\0';
    return ends_with(path, suffix);
}

FILE *fdopen(int fd, const char *mode)
{
    FILE *(*real)(int, const char *);

    if (write_should_fail(fd)) {
        int full = open("/dev/full", O_WRONLY | O_CLOEXEC);
        if (full >= 0) {
            dup2(full, fd);
            close(full);
        }
    }
    *(void **)&real = dlsym(RTLD_NEXT, "fdopen");
    if (!real) {
        errno = ENOSYS;
        return NULL;
    }
    return real(fd, mode);
}
