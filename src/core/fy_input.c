/* SPDX-License-Identifier: MIT */
/*
 * fy_input.c - opening and reading an input file so that it cannot hurt:
 * a regular file only (a FIFO, device, socket or folder is an error that
 * names it), opened with O_NONBLOCK so that a FIFO cannot block the
 * open(), read with pread() into memory of the caller's (never a mapping
 * of the file, which a truncation while it is read turns into SIGBUS),
 * and an error when the file changes size or is written while it is read
 * (docs/reliability.md, "Inputs"). The bytes read are private: what is
 * parsed and what manifest.json's SHA-256 is taken of are the same.
 */
#include "fuyuan/core.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a file that is not regular is, in words (for the error). */
static const char *kind_of(mode_t m)
{
    if (S_ISFIFO(m))
        return _("a FIFO (named pipe)");
    if (S_ISSOCK(m))
        return _("a socket");
    if (S_ISCHR(m) || S_ISBLK(m))
        return _("a device");
    if (S_ISDIR(m))
        return _("a folder");
    return _("a special file");
}

int fy_input_open(const char *path, struct stat *st, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    struct stat pre;

    /* a device is not even opened (opening one can do something) */
    if (stat(path, &pre) == 0 && !S_ISREG(pre.st_mode)) {
        fy_fail(err, FY_E_IO, &at, _("is %s, not a regular file; give a "
                                     "file (an input is read whole)"),
                kind_of(pre.st_mode));
        return -1;
    }
    /* O_NONBLOCK: what became a FIFO since the stat cannot block */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        fy_fail(err, FY_E_IO, &at, _("cannot open: %s"), strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0) {
        fy_fail(err, FY_E_IO, &at, _("cannot read: %s"), strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        fy_fail(err, FY_E_IO, &at, _("is %s, not a regular file; give a "
                                     "file (an input is read whole)"),
                kind_of(st->st_mode));
        close(fd);
        return -1;
    }
    return fd;
}

/* One slice of the file read with pread() (on a thread of its own). */
struct slice {
    int fd;
    char *buf;
    off_t from;
    size_t n, got;
    int err;                  /* errno of a failed read, 0 = none */
    pthread_t thread;
};

static void *read_slice(void *arg)
{
    struct slice *s = arg;

    while (s->got < s->n) {
        size_t want = s->n - s->got;
        if (want > (1u << 30))
            want = 1u << 30;
        ssize_t k = pread(s->fd, s->buf + s->got, want,
                          s->from + (off_t)s->got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            s->err = errno;
            break;
        }
        if (k == 0)
            break; /* shorter than it was: said by the caller */
        s->got += (size_t)k;
    }
    return NULL;
}

/* Below this a file is read on one thread. */
#define PARALLEL_MIN (8u << 20)
#define MAX_SLICES 16

fy_status fy_input_read(int fd, const char *path, const struct stat *st,
                        char *buf, unsigned jobs, struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};
    size_t size = (size_t)st->st_size, got = 0;
    struct slice sl[MAX_SLICES];
    size_t n = jobs < 1 ? 1 : jobs > MAX_SLICES ? MAX_SLICES : jobs;
    struct stat after;
    char extra;
    int e = 0;

    /* the copy from the page cache on every core (a mapping of the file
     * would fault its pages in on the threads that use them) */
    if (size < PARALLEL_MIN)
        n = 1;
    for (size_t i = 0; i < n; i++) {
        sl[i].fd = fd;
        sl[i].from = (off_t)(size / n * i);
        sl[i].n = i + 1 < n ? size / n : size - size / n * i;
        sl[i].buf = buf + sl[i].from;
        sl[i].got = 0;
        sl[i].err = 0;
    }
    for (size_t i = 1; i < n; i++)
        if (pthread_create(&sl[i].thread, NULL, read_slice, &sl[i]) != 0)
            read_slice(&sl[i]), sl[i].thread = 0;
    read_slice(&sl[0]);
    for (size_t i = 1; i < n; i++)
        if (sl[i].thread)
            pthread_join(sl[i].thread, NULL);
    for (size_t i = 0; i < n; i++) {
        got += sl[i].got;
        if (sl[i].err && !e)
            e = sl[i].err;
    }
    if (e)
        return fy_fail(err, FY_E_IO, &at, _("cannot read: %s"), strerror(e));
    ssize_t more = got == size ? pread(fd, &extra, 1, (off_t)size) : 0;
    if (got < size || more > 0 || fstat(fd, &after) != 0
        || after.st_size != st->st_size
        || after.st_mtim.tv_sec != st->st_mtim.tv_sec
        || after.st_mtim.tv_nsec != st->st_mtim.tv_nsec)
        return fy_fail(err, FY_E_IO, &at,
                       _("the file changed while it was read (%llu bytes "
                         "when opened, %llu read); read it when nothing "
                         "writes to it"),
                       (unsigned long long)size,
                       (unsigned long long)(got + (more > 0)));
    return FY_OK;
}
