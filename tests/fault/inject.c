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
 *    ends in SUFFIX fails with EIO (the inputs are read with open(), and
 *    their SHA-256 taken as they are read, so this hits only the SHA-256
 *    of an output in manifest.json, ".xlsx", and shows that an input,
 *    ".csv", is not read again).
 *  - FY_TRUNCATE_AFTER_FSTAT=SUFFIX: the first fstat() of a descriptor
 *    open on a file whose name ends in SUFFIX truncates the file to half
 *    its size (in whole 4 KiB pages) right after it has been measured, as
 *    when another program
 *    truncates an input while fuyuan reads it (tests/e2e/inputs.sh);
 *  - FY_REPLACE_AFTER_CLOSE=SUFFIX: the first close() of a descriptor
 *    open on a file whose name ends in SUFFIX replaces that file (a new
 *    file renamed over it) by its bytes and one more line break, as when
 *    an input is saved again during a run (tests/e2e/inputs.sh).
 * Every other call is the C library's.
 *
 * Build: cc -shared -fPIC -o inject.so tests/fault/inject.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The path of descriptor @p fd in @p buf when it ends in the value of the
 * environment variable @p env; else NULL. */
static const char *fd_path_if(int fd, const char *env, char *buf, size_t n)
{
    const char *suffix = getenv(env);
    char link[64];

    if (!suffix || !*suffix)
        return NULL;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t k = readlink(link, buf, n - 1);
    if (k <= 0)
        return NULL;
    buf[k] = '\0';
    return ends_with(buf, suffix) ? buf : NULL;
}

static int truncated, replaced; /* once a run */

int fstat(int fd, struct stat *st)
{
    int (*real)(int, struct stat *);
    char path[PATH_MAX];

    *(void **)&real = dlsym(RTLD_NEXT, "fstat");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    int rc = real(fd, st);
    if (rc == 0 && !truncated && S_ISREG(st->st_mode)
        && fd_path_if(fd, "FY_TRUNCATE_AFTER_FSTAT", path, sizeof(path))) {
        truncated = 1;
        /* to a whole number of pages: a mapping of the file would have
         * no page that is partly there (zeros), only ones that are gone */
        if (truncate(path, st->st_size / 2 / 4096 * 4096) != 0)
            perror("inject: truncate");
    }
    return rc;
}

/* Write @p path again as a new file: its bytes and a line break. */
static void replace_file(const char *path)
{
    char tmp[PATH_MAX + 8], buf[65536];
    ssize_t k;

    snprintf(tmp, sizeof(tmp), "%s.new", path);
    int in = open(path, O_RDONLY), out = open(tmp, O_WRONLY | O_CREAT
                                                 | O_TRUNC, 0644);
    if (in < 0 || out < 0) {
        perror("inject: replace");
        return;
    }
    while ((k = read(in, buf, sizeof(buf))) > 0)
        if (write(out, buf, (size_t)k) != k)
            perror("inject: write");
    if (write(out, "\n", 1) != 1)
        perror("inject: write");
    int (*real_close)(int);
    *(void **)&real_close = dlsym(RTLD_NEXT, "close");
    real_close(in);
    real_close(out);
    if (rename(tmp, path) != 0)
        perror("inject: rename");
}

int close(int fd)
{
    int (*real)(int);
    char path[PATH_MAX];
    const char *p = NULL;

    *(void **)&real = dlsym(RTLD_NEXT, "close");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    if (!replaced)
        p = fd_path_if(fd, "FY_REPLACE_AFTER_CLOSE", path, sizeof(path));
    int rc = real(fd);
    if (p) {
        replaced = 1;
        replace_file(p);
    }
    return rc;
}
