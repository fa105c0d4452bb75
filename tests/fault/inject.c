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
 * (with the walk's FY_FAULT_CALL / FY_FAULT_N / FY_FAULT_COUNT: below).
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

/* The real function @p name (the next one after ours) into @p real; when
 * there is none, the call fails with ENOSYS, returning @p fail. */
#define NEXT_FN(real, name, fail)                                           \
    do {                                                                    \
        *(void **)&(real) = dlsym(RTLD_NEXT, (name));                       \
        if (!(real)) {                                                      \
            errno = ENOSYS;                                                 \
            return fail;                                                    \
        }                                                                   \
    } while (0)

typedef FILE *(*fopen_fn)(const char *, const char *);

/* the walk (below) */
enum { K_OPEN, K_READ, K_WRITE, K_FSYNC, K_RENAME, K_MKDIR, K_N };
static int hit(int kind, const void *ret);
static long counts[K_N];              /* calls so far, per kind */
static int tmp_output(const char *path);
static void make_full(int fd);

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

    NEXT_FN(real, name, NULL);
    return real(path, mode);
}

static FILE *fopen_common(const char *name, const char *path,
                          const char *mode, const void *ret)
{
    FILE *f;

    if (should_fail(path, mode)) {
        errno = EIO;
        return NULL;
    }
    if (hit(K_OPEN, ret)) {
        if (getenv("FY_FAULT_VERBOSE"))
            fprintf(stderr, "inject: open #%ld fails: %s\n", counts[K_OPEN],
                    path);
        errno = EIO;
        return NULL;
    }
    f = call_real(name, path, mode);
    /* a file made ("w", "a"), not one opened to be changed ("r+"): a
     * stream that reads would read /dev/full's endless zeros */
    if (f && mode && mode[0] != 'r' && tmp_output(path))
        make_full(fileno(f));
    return f;
}

FILE *fopen(const char *path, const char *mode)
{
    return fopen_common("fopen", path, mode, __builtin_return_address(0));
}

FILE *fopen64(const char *path, const char *mode)
{
    return fopen_common("fopen64", path, mode, __builtin_return_address(0));
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
    if (hit(K_RENAME, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    NEXT_FN(real, "rename", -1);
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
    if (hit(K_RENAME, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    NEXT_FN(real, "renameat", -1);
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
    if (hit(K_RENAME, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    NEXT_FN(real, "renameat2", -1);
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
    NEXT_FN(real, "fdopen", NULL);
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

    NEXT_FN(real, "fstat", -1);
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

    NEXT_FN(real, "close", -1);
    if (!replaced)
        p = fd_path_if(fd, "FY_REPLACE_AFTER_CLOSE", path, sizeof(path));
    int rc = real(fd);
    if (p) {
        replaced = 1;
        replace_file(p);
    }
    return rc;
}

/*
 * The walk (tests/fault/walk.sh): FY_FAULT_CALL=KIND and FY_FAULT_N=N make
 * the Nth call of that kind fail once, FY_FAULT_COUNT=FILE appends to FILE
 * how many calls of each kind the run made ("KIND COUNT" lines, at exit).
 * Only fuyuan's own calls are counted (the caller's return address is in
 * the program's own text, found at load time), so the count does not
 * depend on what the libraries do when they load or draw (fontconfig's
 * thread, cairo, pango), and a library is never made to fail inside:
 *   open   open(), open64(), openat(), fopen(), fopen64(), mkstemp() -> EIO
 *   read   read()                                              -> EIO
 *   fsync  fsync(), fdatasync()                                -> EIO
 *   rename rename(), renameat(), renameat2()                   -> EIO
 *   mkdir  mkdir(), mkdirat(), mkdtemp()                       -> EIO
 *   write  the Nth file made (fopen "w"/"a", open O_WRONLY/O_CREAT,
 *          mkstemp) under a temporary name (a path
 *          with ".tmp-" in it: the files of a report's private folder and
 *          FILE.tmp-XXXXXX), by fuyuan or by a library (libxlsxwriter,
 *          cairo, minizip): its descriptor is replaced by /dev/full, so
 *          every write to it fails with ENOSPC ("No space left on
 *          device"), as on a full disk, however it is written (stdio's
 *          own write() is not interposable; the file is).
 */
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>

static const char *const kind_name[K_N] = {
    "open", "read", "write", "fsync", "rename", "mkdir"};
static int fault_kind = -1;          /* the kind to fail, or -1 */
static long fault_n;                  /* the call of that kind to fail */
static int counting;                  /* armed (after the constructor) */
static uintptr_t text_lo, text_hi;    /* the program's own code */
static __thread int inside;           /* a call of ours from inside ours */

static int find_text(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    /* the first object is the program itself */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (!text_lo || lo < text_lo)
            text_lo = lo;
        if (lo + ph->p_memsz > text_hi)
            text_hi = lo + ph->p_memsz;
    }
    return 1;
}

__attribute__((constructor)) static void fault_init(void)
{
    const char *call = getenv("FY_FAULT_CALL"), *n = getenv("FY_FAULT_N");

    if (call)
        for (int k = 0; k < K_N; k++)
            if (strcmp(call, kind_name[k]) == 0)
                fault_kind = k;
    fault_n = n ? atol(n) : 0;
    if (fault_kind < 0 && !getenv("FY_FAULT_COUNT"))
        return;
    inside = 1;
    dl_iterate_phdr(find_text, NULL);
    inside = 0;
    counting = 1;
}

__attribute__((destructor)) static void fault_report(void)
{
    const char *file = getenv("FY_FAULT_COUNT");
    int (*real_open)(const char *, int, ...);
    ssize_t (*real_write)(int, const void *, size_t);
    char line[64];
    int fd;

    if (!file || !*file)
        return;
    counting = 0;
    *(void **)&real_open = dlsym(RTLD_NEXT, "open");
    *(void **)&real_write = dlsym(RTLD_NEXT, "write");
    if (!real_open || !real_write
        || (fd = real_open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                           0644)) < 0)
        return;
    for (int k = 0; k < K_N; k++) {
        int len = snprintf(line, sizeof(line), "%s %ld\n", kind_name[k],
                           counts[k]);
        if (real_write(fd, line, (size_t)len) != len)
            break;
    }
    close(fd);
}

static int ours(const void *ret)
{
    return (uintptr_t)ret >= text_lo && (uintptr_t)ret < text_hi;
}

/* Count a call of KIND by fuyuan; 1: this one fails. */
static int hit(int kind, const void *ret)
{
    if (!counting || inside || !ours(ret))
        return 0;
    counts[kind]++;
    return kind == fault_kind && counts[kind] == fault_n;
}

/* A file opened for writing under a temporary name: the next output file
 * (kind "write", whoever opens it). 1: this one gets /dev/full. */
static int tmp_output(const char *path)
{
    if (!counting || inside || !path || !strstr(path, ".tmp-"))
        return 0;
    counts[K_WRITE]++;
    return fault_kind == K_WRITE && counts[K_WRITE] == fault_n;
}

static void make_full(int fd)
{
    int (*real_open)(const char *, int, ...);
    int full;

    *(void **)&real_open = dlsym(RTLD_NEXT, "open");
    if (fd < 0 || !real_open)
        return;
    full = real_open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (full >= 0) {
        dup2(full, fd);
        close(full);
    }
}

#define REAL(name) \
    __typeof__(&name) real_##name; \
    NEXT_FN(real_##name, #name, FAILED);

/* made or written only (see fopen_common) */
#define WRITES(flags) \
    (((flags) & O_ACCMODE) == O_WRONLY || ((flags) & (O_CREAT | O_TRUNC)))

#define FAILED -1
static int open_common(const char *fn, int dirfd, const char *path, int flags,
                       mode_t mode, const void *ret)
{
    int fd;

    if (hit(K_OPEN, ret)) {
        if (getenv("FY_FAULT_VERBOSE"))
            fprintf(stderr, "inject: open #%ld fails: %s\n", counts[K_OPEN],
                    path);
        errno = EIO;
        return -1;
    }
    if (dirfd == -1) {
        REAL(open)
        (void)fn;
        int (*real)(const char *, int, ...) = real_open;
        if (strcmp(fn, "open64") == 0)
            *(void **)&real = dlsym(RTLD_NEXT, "open64");
        fd = real(path, flags, mode);
    } else {
        int (*real)(int, const char *, int, ...);
        *(void **)&real = dlsym(RTLD_NEXT, fn);
        if (!real) {
            errno = ENOSYS;
            return -1;
        }
        fd = real(dirfd, path, flags, mode);
    }
    if (fd >= 0 && WRITES(flags) && tmp_output(path))
        make_full(fd);
    return fd;
}

static mode_t va_mode(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;

    va_start(ap, flags);
    mode = va_mode(flags, ap);
    va_end(ap);
    return open_common("open", -1, path, flags, mode,
                       __builtin_return_address(0));
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;

    va_start(ap, flags);
    mode = va_mode(flags, ap);
    va_end(ap);
    return open_common("open64", -1, path, flags, mode,
                       __builtin_return_address(0));
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode;

    va_start(ap, flags);
    mode = va_mode(flags, ap);
    va_end(ap);
    if (dirfd == -1) /* not AT_FDCWD (-100): keep it apart from open() */
        dirfd = -2;
    return open_common("openat", dirfd, path, flags, mode,
                       __builtin_return_address(0));
}

int mkstemp(char *tmpl)
{
    REAL(mkstemp)
    if (hit(K_OPEN, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    int fd = real_mkstemp(tmpl);
    if (fd >= 0 && tmp_output(tmpl))
        make_full(fd);
    return fd;
}

ssize_t read(int fd, void *buf, size_t n)
{
    REAL(read)
    if (hit(K_READ, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    return real_read(fd, buf, n);
}

int fsync(int fd)
{
    REAL(fsync)
    if (hit(K_FSYNC, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    return real_fsync(fd);
}

int fdatasync(int fd)
{
    REAL(fdatasync)
    if (hit(K_FSYNC, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    return real_fdatasync(fd);
}

int mkdir(const char *path, mode_t mode)
{
    REAL(mkdir)
    if (hit(K_MKDIR, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    return real_mkdir(path, mode);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    REAL(mkdirat)
    if (hit(K_MKDIR, __builtin_return_address(0))) {
        errno = EIO;
        return -1;
    }
    return real_mkdirat(dirfd, path, mode);
}
#undef FAILED

#define FAILED NULL
char *mkdtemp(char *tmpl)
{
    REAL(mkdtemp)
    if (hit(K_MKDIR, __builtin_return_address(0))) {
        errno = EIO;
        return NULL;
    }
    return real_mkdtemp(tmpl);
}
#undef FAILED
