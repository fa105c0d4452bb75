/* SPDX-License-Identifier: MIT */
/* fy_fs.c - folders: making them with their parents, removing trees;
 * file outputs written beside their destination and renamed over it.
 * Trees are removed relative to a folder descriptor (openat/unlinkat),
 * never through a symlink. */
#include "fuyuan/core.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

fy_status fy_mkdir_p(const char *path, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    struct stat st;
    fy_status rc = FY_OK;

    if (!*path) /* `-o ""`: no folder to make (and no byte after the NUL) */
        return fy_fail(err, FY_E_OUTPUT, NULL, "%s",
                       _("the output folder (-o) is an empty name"));
    char *p = fy_xstrdup(path);
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char save = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot create folder: %s"),
                         strerror(errno));
            break;
        }
        *s = save;
        if (save == '\0')
            break;
    }
    free(p);
    if (rc == FY_OK && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = fy_fail(err, FY_E_OUTPUT, &at, "%s", _("not a folder"));
    return rc;
}

static int remove_at(int dirfd, const char *name, int depth);

/* One pass over the folder open on @p fd: every entry unlinked, folders
 * emptied first (remove_at() on a descriptor opened with O_NOFOLLOW, so a
 * symlink is removed itself, never followed). getdents64 and a buffer on
 * the stack, no malloc: fy_remove_tree_at() runs in a signal handler.
 * The number of entries seen, -1 when the folder cannot be read. */
static int remove_pass(int fd, int depth)
{
    char buf[4096] __attribute__((aligned(8)));
    int seen = 0;

    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
        if (n < 0)
            return -1;
        if (n == 0)
            return seen;
        for (long off = 0; off < n;) {
            struct fy_dirent {
                uint64_t ino;
                int64_t off;
                unsigned short reclen;
                unsigned char type;
                char name[];
            } *e = (struct fy_dirent *)(void *)(buf + off);
            off += e->reclen;
            if (e->name[0] == '.' && (e->name[1] == '\0'
                || (e->name[1] == '.' && e->name[2] == '\0')))
                continue;
            seen++;
            if (e->type != DT_DIR && unlinkat(fd, e->name, 0) == 0)
                continue;
            if (depth < 32 && (e->type == DT_DIR || errno == EISDIR
                               || errno == EPERM))
                remove_at(fd, e->name, depth + 1);
        }
    }
}

static int remove_at(int dirfd, const char *name, int depth)
{
    int fd = openat(dirfd, name,
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

    if (fd < 0)
        return -1; /* not a folder (a symlink to one is not followed) */
    /* entries removed while reading may hide others: read again until a
     * pass finds nothing */
    for (int pass = 0; pass < 64; pass++) {
        int seen = remove_pass(fd, depth);
        if (seen <= 0 || lseek(fd, 0, SEEK_SET) != 0)
            break;
    }
    close(fd);
    return unlinkat(dirfd, name, AT_REMOVEDIR);
}

int fy_remove_tree_at(int dirfd, const char *name)
{
    return remove_at(dirfd, name, 0);
}

void fy_remove_tree(const char *path)
{
    fy_remove_tree_at(AT_FDCWD, path);
}

/* A destination that may be replaced: absent, or a regular file (lstat:
 * a symlink is not followed). */
static fy_status replaceable(const char *path, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? FY_OK
                               : fy_fail(err, FY_E_OUTPUT, &at,
                                         _("cannot write: %s"),
                                         strerror(errno));
    if (!S_ISREG(st.st_mode))
        return fy_fail(err, FY_E_OUTPUT, &at, "%s",
                       _("not a regular file: it is not replaced"));
    return FY_OK;
}

fy_status fy_atomic_open(struct fy_atomic *a, const char *path,
                         struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};

    memset(a, 0, sizeof(*a));
    if (!*path)
        return fy_fail(err, FY_E_OUTPUT, NULL, "%s",
                       _("the output file (-o) is an empty name"));
    FY_TRY(replaceable(path, err));
    a->path = fy_xstrdup(path);
    a->tmp = fy_xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(a->tmp);
    a->slot = fd >= 0 ? fy_cleanup_add(AT_FDCWD, a->tmp, 0) : -1;
    if (fd >= 0) { /* mkstemp makes it 0600: give it the umask's mode */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (fd < 0 || !(a->f = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(a->tmp);
            fy_cleanup_drop(a->slot);
        }
        free(a->path);
        free(a->tmp);
        memset(a, 0, sizeof(*a));
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                       strerror(e));
    }
    return FY_OK;
}

fy_status fy_atomic_commit(struct fy_atomic *a, struct fy_error *err)
{
    struct fy_loc at = {a->path, 0, 0};
    fy_status rc = FY_OK;

    if (a->f) {
        errno = 0;
        int bad = fflush(a->f) != 0 || ferror(a->f)
                  || fsync(fileno(a->f)) != 0;
        int e = errno;
        bad |= fclose(a->f) != 0;
        a->f = NULL;
        if (bad)
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                         strerror(e ? e : errno ? errno : EIO));
    }
    if (rc == FY_OK)
        rc = replaceable(a->path, err);
    if (rc == FY_OK && rename(a->tmp, a->path) != 0)
        rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                     strerror(errno));
    if (rc != FY_OK)
        unlink(a->tmp);
    fy_cleanup_drop(a->slot);
    free(a->path);
    free(a->tmp);
    memset(a, 0, sizeof(*a));
    return rc;
}

void fy_atomic_abort(struct fy_atomic *a)
{
    if (a->f)
        fclose(a->f);
    if (a->tmp) {
        unlink(a->tmp);
        fy_cleanup_drop(a->slot);
    }
    free(a->path);
    free(a->tmp);
    memset(a, 0, sizeof(*a));
}

/* ------------------------------------------------------------------ */
/* Names of files in documents                                         */
/* ------------------------------------------------------------------ */

char *fy_path_absolute(const char *path)
{
    struct fy_buf in = FY_BUF_INIT, out = FY_BUF_INIT;

    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        fy_buf_puts(&in, cwd ? cwd : "");
        free(cwd);
        fy_buf_putc(&in, '/');
    }
    fy_buf_puts(&in, path);
    /* each component: "" and "." are nothing, ".." drops the last one */
    const char *s = fy_buf_str(&in);
    while (*s) {
        while (*s == '/')
            s++;
        size_t n = strcspn(s, "/");
        if (n == 0 || (n == 1 && s[0] == '.')) {
            /* nothing */
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (out.len && out.data[out.len - 1] != '/')
                out.len--;
            if (out.len)
                out.len--; /* the slash before it */
            if (out.data)
                out.data[out.len] = '\0';
        } else {
            fy_buf_putc(&out, '/');
            fy_buf_append(&out, s, n);
        }
        s += n;
    }
    fy_buf_release(&in);
    if (out.len == 0)
        fy_buf_putc(&out, '/');
    return fy_buf_detach(&out);
}

/* The last @p d components of @p rel (all of it when it has fewer). */
static const char *last_components(const char *rel, size_t d)
{
    const char *p = rel + strlen(rel);

    while (p > rel) {
        if (p[-1] == '/' && --d == 0)
            break;
        p--;
    }
    return p;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **fy_path_names(const char *const *paths, size_t n)
{
    char **abs = fy_xcalloc(n ? n : 1, sizeof(*abs));
    const char **tail = fy_xcalloc(n ? n : 1, sizeof(*tail));
    const char **sorted = fy_xcalloc(n ? n : 1, sizeof(*sorted));
    size_t common = 0; /* bytes of abs[0]'s folder shared by all, with '/' */
    size_t deepest = 1;

    for (size_t i = 0; i < n; i++) {
        abs[i] = fy_path_absolute(paths[i]);
        const char *slash = strrchr(abs[i], '/');
        size_t dir = (size_t)(slash - abs[i]) + 1;
        if (i == 0) {
            common = dir;
            continue;
        }
        size_t k = 0, last = 0;
        while (k < common && k < dir && abs[0][k] == abs[i][k]) {
            if (abs[0][k] == '/')
                last = k + 1;
            k++;
        }
        common = last;
    }
    for (size_t i = 0; i < n; i++) {
        size_t d = 1;
        for (const char *c = abs[i] + common; *c; c++)
            d += *c == '/';
        if (d > deepest)
            deepest = d;
    }
    /* as few of the last folders as tell every file apart, the same
     * number for all, never above the common folder: the names in one
     * folder; "2023/cases.csv" beside "2024/cases.csv"; and files from
     * far apart folders with different names by their names alone */
    for (size_t d = 1; d <= deepest; d++) {
        for (size_t i = 0; i < n; i++)
            sorted[i] = tail[i] = last_components(abs[i] + common, d);
        if (n > 1)
            qsort(sorted, n, sizeof(*sorted), cmp_strp);
        size_t same = 0;
        for (size_t i = 1; i < n; i++)
            same += strcmp(sorted[i - 1], sorted[i]) == 0;
        if (same == 0)
            break;
    }
    for (size_t i = 0; i < n; i++) {
        char *name = fy_xstrdup(tail[i]);
        free(abs[i]);
        abs[i] = name;
    }
    free(tail);
    free(sorted);
    return abs;
}
