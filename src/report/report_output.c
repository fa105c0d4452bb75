/* SPDX-License-Identifier: MIT */
/*
 * report_output.c - a run's files, written all-or-nothing into a private
 * folder beside the destination (mkdtemp) and swapped in as a whole with
 * renameat2(RENAME_EXCHANGE) when all are complete, under a lock
 * (flock); SHA-256 of files (fy_sha256_file) and manifest.json. The
 * protocol and its recovery rule: docs/reliability.md, "Outputs".
 */
#include "fuyuan/book.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

time_t report_run_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;

    if (s && *s) {
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

/* The names fuyuan makes beside DEST: its private folder "BASE.tmp-" and
 * the old report set aside by the two-rename fallback, "BASE.old-", each
 * with mkdtemp's six characters; the lock ".BASE.lock". */
#define TMP_TAG ".tmp-"
#define OLD_TAG ".old-"

static int is_ours(const char *name, const char *base, const char *tag)
{
    size_t n = strlen(base);

    return strncmp(name, base, n) == 0 && strncmp(name + n, tag, 5) == 0
           && strlen(name + n + 5) == 6 && !strchr(name + n + 5, '/');
}

/* ---- the lock --------------------------------------------------------- */

/* flock() .BASE.lock beside DEST, waiting (with a note) while another run
 * holds it. The file is removed by the holder when it is done, so a lock
 * taken on a file no longer at that name is taken again. */
static fy_status lock_dest(struct report_output *o, const char *parent,
                           struct fy_error *err)
{
    char *name = fy_xasprintf(".%s.lock", o->base);
    char *shown = fy_xasprintf("%s/%s", parent, name);
    struct fy_loc at = {shown, 0, 0};
    fy_status rc = FY_OK;
    int said = 0;

    for (;;) {
        struct stat a, b;
        int fd = openat(o->pfd, name,
                        O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) {
            rc = fy_fail(err, FY_E_OUTPUT, &at,
                         _("cannot create the lock file: %s"),
                         strerror(errno));
            break;
        }
        int got = flock(fd, LOCK_EX | LOCK_NB) == 0;
        if (!got && errno == EWOULDBLOCK) {
            if (!said++)
                fprintf(stderr, _("fuyuan: %s: another run is writing this "
                                  "folder; waiting for it to finish\n"),
                        o->dest);
            while (!(got = flock(fd, LOCK_EX) == 0) && errno == EINTR)
                ;
        }
        if (!got) {
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot lock: %s"),
                         strerror(errno));
            close(fd);
            break;
        }
        if (fstat(fd, &a) == 0
            && fstatat(o->pfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0
            && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
            o->lockfd = fd;
            o->lockslot = fy_cleanup_add(o->pfd, name, 0);
            o->lockname = name;
            name = NULL;
            break;
        }
        close(fd); /* its holder removed it: lock the new one */
    }
    free(shown);
    free(name);
    return rc;
}

/* Under the lock, what a run killed (SIGKILL, a power cut) left beside
 * DEST is dead: an old report set aside by the fallback while DEST is
 * missing is put back, every other BASE.tmp-* and BASE.old-* folder is
 * removed (a symlink of such a name is left alone: never followed). A
 * parent folder that cannot be read is an error: whether DEST's only copy
 * waits there to be put back cannot be known. */
static fy_status recover(struct report_output *o, const char *parent,
                         struct fy_error *err)
{
    int fd = openat(o->pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *e;
    struct stat st;
    char **dead = NULL;
    size_t ndead = 0;

    if (!d) {
        struct fy_loc at = {parent, 0, 0};
        fy_status rc = fy_fail(err, FY_E_OUTPUT, &at,
                               _("cannot open folder: %s"), strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    while ((e = readdir(d))) {
        int old = is_ours(e->d_name, o->base, OLD_TAG);
        if (!old && !is_ours(e->d_name, o->base, TMP_TAG))
            continue;
        if (fstatat(o->pfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
            || !S_ISDIR(st.st_mode))
            continue;
        if (old && fstatat(o->pfd, o->base, &st, AT_SYMLINK_NOFOLLOW) != 0
            && errno == ENOENT) { /* the only copy: never removed here */
            if (renameat(o->pfd, e->d_name, o->pfd, o->base) == 0)
                fprintf(stderr, _("fuyuan: %s: put back from %s, where a "
                                  "run that was stopped had set it "
                                  "aside\n"), o->dest, e->d_name);
            else
                fprintf(stderr, _("fuyuan: cannot put %s back (it is in "
                                  "%s): %s\n"), o->dest, e->d_name,
                        strerror(errno));
            continue;
        }
        dead = fy_xreallocarray(dead, ndead + 1, sizeof(char *));
        dead[ndead++] = fy_xstrdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < ndead; i++) {
        if (fy_remove_tree_at(o->pfd, dead[i]) == 0)
            fprintf(stderr, _("fuyuan: removed %s beside %s, left by a run "
                              "that was stopped\n"), dead[i], o->dest);
        free(dead[i]);
    }
    free(dead);
    return FY_OK;
}

/* ---- what DEST may hold ----------------------------------------------- */

/* The JSON string at @p p (after its '"'), decoded as report_manifest_write
 * encodes; *end after the closing '"'. NULL when it does not end. */
static char *json_string(const char *p, const char **end)
{
    struct fy_buf b = FY_BUF_INIT;

    for (; *p && *p != '"'; p++) {
        if (*p != '\\') {
            fy_buf_putc(&b, *p);
            continue;
        }
        p++;
        if (*p == 'u' && strspn(p + 1, "0123456789abcdefABCDEF") >= 4) {
            char hex[5] = {p[1], p[2], p[3], p[4], 0};
            fy_buf_putc(&b, (char)strtol(hex, NULL, 16));
            p += 4;
        } else if (*p) {
            fy_buf_putc(&b, *p);
        } else {
            break;
        }
    }
    if (*p != '"') {
        fy_buf_release(&b);
        return NULL;
    }
    *end = p + 1;
    char *s = fy_xstrdup(fy_buf_str(&b));
    fy_buf_release(&b);
    return s;
}

/* The "file" names of manifest.json's "outputs" (@p json); *n of them. */
static char **manifest_files(const char *json, size_t *n)
{
    const char *p = strstr(json, "\"outputs\": [");
    char **list = NULL;

    *n = 0;
    if (!p)
        return NULL;
    for (p += 12; *p && *p != ']';) {
        if (*p != '"') {
            p++;
            continue;
        }
        char *key = json_string(p + 1, &p);
        if (!key)
            break;
        if (strcmp(key, "file") == 0) {
            p += strspn(p, " \t\r\n:");
            char *v = *p == '"' ? json_string(p + 1, &p) : NULL;
            if (v) {
                list = fy_xreallocarray(list, *n + 1, sizeof(char *));
                list[(*n)++] = v;
            }
        }
        free(key);
    }
    return list;
}

/* manifest.json of the folder open on @p dfd, read whole into *@p out;
 * NULL if there is none. 0, or the errno of a manifest that is there but
 * cannot be read (not taken for "no manifest": that would name a listed
 * file as foreign). */
static int read_manifest(int dfd, char **out)
{
    int fd = openat(dfd, "manifest.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct fy_buf b = FY_BUF_INIT;
    char chunk[8192];
    ssize_t got;

    *out = NULL;
    if (fd < 0)
        return errno == ENOENT ? 0 : errno;
    while ((got = read(fd, chunk, sizeof(chunk))) > 0)
        fy_buf_append(&b, chunk, (size_t)got);
    int e = got < 0 ? errno : 0;
    close(fd);
    if (!e)
        *out = fy_xstrdup(fy_buf_str(&b));
    fy_buf_release(&b);
    return e;
}

/* The first file under the folder open on @p dfd (@p prefix its path in
 * DEST) that is neither manifest.json nor in @p list: owned, or NULL. A
 * folder that cannot be read is returned too, with its errno in *@p e. */
static char *foreign_file(int dfd, const char *prefix, char **list,
                          size_t n, int depth, int *err)
{
    int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *e;
    char *found = NULL;

    if (!d) {
        *err = errno;
        if (fd >= 0)
            close(fd);
        return fy_xstrdup(prefix ? prefix : ".");
    }
    while (!found && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *rel = prefix ? fy_xasprintf("%s/%s", prefix, e->d_name)
                           : fy_xstrdup(e->d_name);
        struct stat st;
        int sub = -1, isdir = 0;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISDIR(st.st_mode) && depth < 8) {
            isdir = 1;
            sub = openat(dirfd(d), e->d_name,
                         O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (sub >= 0) {
            found = foreign_file(sub, rel, list, n, depth + 1, err);
            close(sub);
        } else if (isdir) {
            *err = errno;
            found = fy_xstrdup(rel);
        } else if (!(depth == 0 && strcmp(rel, "manifest.json") == 0)) {
            size_t i = 0;
            while (i < n && strcmp(list[i], rel) != 0)
                i++;
            if (i == n)
                found = fy_xstrdup(rel);
        }
        free(rel);
    }
    closedir(d);
    return found;
}

/* DEST may be replaced as a whole: absent, or a folder (not a symlink)
 * that holds only what its manifest.json lists: fuyuan never deletes a
 * file it did not make. *@p mode: DEST's mode (for the new folder), or
 * the umask's; *@p exists. */
static fy_status check_dest(struct report_output *o, mode_t *mode,
                            int *exists, struct fy_error *err)
{
    struct fy_loc at = {o->dest, 0, 0};
    struct stat st;
    mode_t mask = umask(0);

    umask(mask);
    *mode = 0777 & ~mask;
    *exists = 0;
    if (fstatat(o->pfd, o->base, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? FY_OK
                               : fy_fail(err, FY_E_OUTPUT, &at,
                                         _("cannot write: %s"),
                                         strerror(errno));
    if (S_ISLNK(st.st_mode))
        return fy_fail(err, FY_E_OUTPUT, &at, "%s",
                       _("a symbolic link: a report replaces its folder as "
                         "a whole; name the folder it points to"));
    if (!S_ISDIR(st.st_mode))
        return fy_fail(err, FY_E_OUTPUT, &at, "%s", _("not a folder"));
    *exists = 1;
    *mode = st.st_mode & 07777;
    int dfd = openat(o->pfd, o->base,
                     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot read: %s"),
                       strerror(errno));
    char *json;
    int e = read_manifest(dfd, &json);
    if (e) {
        close(dfd);
        return fy_fail(err, FY_E_OUTPUT, &at, _("cannot read: %s"),
                       strerror(e));
    }
    size_t n = 0;
    char **list = json ? manifest_files(json, &n) : NULL;
    char *bad = foreign_file(dfd, NULL, list, n, 0, &e);
    close(dfd);
    free(json);
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
    if (!bad)
        return FY_OK;
    if (e) { /* a folder in DEST that cannot be read */
        fy_status rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot read: %s"),
                               strerror(e));
        free(bad);
        return rc;
    }
    fy_status rc = fy_fail(err, FY_E_OUTPUT, &at,
                           _("holds %s, which is not in its manifest.json: "
                             "a report replaces the whole folder, and "
                             "fuyuan does not delete files it did not "
                             "write; move it, or choose another folder "
                             "with -o"), bad);
    free(bad);
    return rc;
}

/* ---- begin, commit, release ------------------------------------------- */

fy_status report_output_begin(struct report_output *o, const char *dest,
                              struct fy_error *err)
{
    size_t n = strlen(dest);
    mode_t mode;
    int exists;

    memset(o, 0, sizeof(*o));
    o->pfd = o->lockfd = o->slot = o->lockslot = -1;
    if (!n)
        return fy_fail(err, FY_E_OUTPUT, NULL, "%s",
                       _("the output folder (-o) is an empty name"));
    while (n > 1 && dest[n - 1] == '/')
        n--;
    o->dest = fy_xstrndup(dest, n);
    const char *slash = strrchr(o->dest, '/');
    char *parent = !slash ? fy_xstrdup(".")
                   : slash == o->dest ? fy_xstrdup("/")
                                      : fy_xstrndup(o->dest,
                                                    (size_t)(slash - o->dest));
    o->base = fy_xstrdup(slash ? slash + 1 : o->dest);
    struct fy_loc at = {o->dest, 0, 0};
    if (!*o->base || strcmp(o->base, ".") == 0
        || strcmp(o->base, "..") == 0) {
        free(parent);
        return fy_fail(err, FY_E_OUTPUT, &at, "%s",
                       _("a report needs a folder of its own, which it "
                         "replaces as a whole: name one (-o DIR/NAME)"));
    }
    /* remember the highest missing parent, to remove it on failure */
    char *dir = fy_xstrdup(o->dest);
    struct stat st;
    for (;;) {
        char *s = strrchr(dir, '/');
        if (!s || s == dir)
            break;
        *s = '\0';
        if (stat(dir, &st) == 0)
            break;
        free(o->made);
        o->made = fy_xstrdup(dir);
    }
    free(dir);
    fy_status rc = strcmp(parent, ".") ? fy_mkdir_p(parent, err) : FY_OK;
    if (rc == FY_OK
        && (o->pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        struct fy_loc pat = {parent, 0, 0};
        rc = fy_fail(err, FY_E_OUTPUT, &pat, _("cannot open folder: %s"),
                     strerror(errno));
    }
    if (rc == FY_OK)
        rc = lock_dest(o, parent, err);
    if (rc == FY_OK)
        rc = recover(o, parent, err);
    if (rc == FY_OK)
        rc = check_dest(o, &mode, &exists, err);
    if (rc == FY_OK) {
        /* made and registered with the signals held: none can come
         * between, and leave it behind */
        o->tmp = fy_xasprintf("%s/%s" TMP_TAG "XXXXXX", parent, o->base);
        fy_cleanup_hold();
        if (!mkdtemp(o->tmp)) {
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot create folder: %s"),
                         strerror(errno));
            free(o->tmp);
            o->tmp = NULL;
        } else {
            o->tmpname = fy_xstrdup(strrchr(o->tmp, '/') + 1);
            o->slot = fy_cleanup_add(o->pfd, o->tmpname, 1);
        }
        fy_cleanup_release();
    }
    free(parent);
    if (rc == FY_OK)
        fy_test_pause("begin");
    return rc;
}

char *report_output_file(struct report_output *o, const char *name,
                         struct fy_error *err)
{
    const char *slash = strrchr(name, '/');

    if (slash) {
        char *dir = fy_xasprintf("%s/%.*s", o->tmp, (int)(slash - name), name);
        fy_status rc = fy_mkdir_p(dir, err);
        free(dir);
        if (rc != FY_OK)
            return NULL;
    }
    o->names = fy_xreallocarray(o->names, o->nnames + 1, sizeof(char *));
    o->sha256 = fy_xreallocarray(o->sha256, o->nnames + 1, sizeof(char *));
    o->sha256[o->nnames] = NULL;
    o->names[o->nnames++] = fy_xstrdup(name);
    return fy_xasprintf("%s/%s", o->tmp, name);
}

void report_output_set_sha256(struct report_output *o, const char *name,
                              const char hex[65])
{
    for (size_t i = 0; i < o->nnames; i++) {
        if (strcmp(o->names[i], name) != 0)
            continue;
        free(o->sha256[i]);
        o->sha256[i] = fy_xstrdup(hex);
    }
}

/* Every file of the private folder on disk before it is swapped in: a
 * power cut after the swap must not leave empty files in DEST. */
static fy_status sync_files(struct report_output *o, struct fy_error *err)
{
    for (size_t i = 0; i < o->nnames; i++) {
        char *path = fy_xasprintf("%s/%s", o->tmp, o->names[i]);
        struct fy_loc at = {path, 0, 0};
        int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        int bad = fd < 0 || fsync(fd) != 0;
        int e = errno;
        if (fd >= 0)
            close(fd);
        if (bad) {
            fy_status rc = fy_fail(err, FY_E_OUTPUT, &at,
                                   _("cannot write: %s"), strerror(e));
            free(path);
            return rc;
        }
        free(path);
    }
    return FY_OK;
}

/* Exchange the private folder with DEST in one step, or, where the file
 * system cannot (renameat2 says EINVAL or ENOSYS; FY_TEST_NO_EXCHANGE
 * for the tests), with two renames: DEST aside to BASE.old-XXXXXX, the
 * new folder to DEST; the recovery rule of recover() covers a kill
 * between them. On success the old report is under @p gone. */
static fy_status swap_in(struct report_output *o, char **gone,
                         struct fy_error *err)
{
    struct fy_loc at = {o->dest, 0, 0};
    const char *no_exchange = getenv("FY_TEST_NO_EXCHANGE");
    /* allocated before the swap: once DEST is new, nothing may end the
     * run out of memory (exit 5 with the new report in place) */
    char *swapped = fy_xstrdup(o->tmpname);

    if (!(no_exchange && *no_exchange)
        && renameat2(o->pfd, o->tmpname, o->pfd, o->base,
                     RENAME_EXCHANGE) == 0) {
        *gone = swapped;
        return FY_OK;
    }
    int why = errno;
    free(swapped);
    if (!(no_exchange && *no_exchange) && why != EINVAL && why != ENOSYS)
        return fy_fail(err, FY_E_OUTPUT, &at,
                       _("cannot put the new report in place: %s"),
                       strerror(why));
    char *old = fy_xasprintf("%.*s" OLD_TAG "%s", (int)strlen(o->base),
                             o->base, o->tmpname + strlen(o->base) + 5);
    if (renameat(o->pfd, o->base, o->pfd, old) != 0) {
        fy_status rc = fy_fail(err, FY_E_OUTPUT, &at,
                               _("cannot move the previous report aside: "
                                 "%s"), strerror(errno));
        free(old);
        return rc;
    }
    fy_test_pause("aside");
    if (renameat(o->pfd, o->tmpname, o->pfd, o->base) != 0) {
        int e = errno;
        if (renameat(o->pfd, old, o->pfd, o->base) != 0)
            fprintf(stderr, _("fuyuan: cannot put %s back (it is in %s): "
                              "%s\n"), o->dest, old, strerror(errno));
        free(old);
        return fy_fail(err, FY_E_OUTPUT, &at,
                       _("cannot put the new report in place: %s"),
                       strerror(e));
    }
    *gone = old;
    return FY_OK;
}

fy_status report_output_commit(struct report_output *o, struct fy_error *err)
{
    struct fy_loc at = {o->dest, 0, 0};
    char *gone = NULL;
    mode_t mode;
    int exists;

    fy_status rc = sync_files(o, err);
    if (rc == FY_OK) /* once more: a file may have come since begin */
        rc = check_dest(o, &mode, &exists, err);
    if (rc == FY_OK)
        fy_test_pause("written");
    if (rc == FY_OK && fchmodat(o->pfd, o->tmpname, mode, 0) != 0)
        rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                     strerror(errno));
    if (rc != FY_OK)
        return rc;
    /* from here to the end the signals wait: DEST is old or new */
    fy_cleanup_hold();
    if (!exists) {
        if (renameat2(o->pfd, o->tmpname, o->pfd, o->base, RENAME_NOREPLACE)
                != 0
            && (errno != EINVAL
                || renameat(o->pfd, o->tmpname, o->pfd, o->base) != 0))
            rc = fy_fail(err, FY_E_OUTPUT, &at,
                         _("cannot put the new report in place: %s"),
                         strerror(errno));
    } else {
        rc = swap_in(o, &gone, err);
    }
    if (rc == FY_OK) {
        fy_cleanup_drop(o->slot);
        o->slot = -1;
        o->done = 1;
        fsync(o->pfd);
        if (gone) {
            fy_test_pause("exchanged");
            /* the new report is in place: a failure here is a note; the
             * next run into DEST removes the leftover (the recovery) */
            if (fy_remove_tree_at(o->pfd, gone) != 0 && errno != ENOENT)
                fprintf(stderr, _("fuyuan: %s: cannot remove the previous "
                                  "report, set aside as %s: %s; the next "
                                  "run into %s removes it\n"),
                        o->dest, gone, strerror(errno), o->dest);
        }
    }
    free(gone);
    fy_cleanup_release();
    return rc;
}

void report_output_release(struct report_output *o)
{
    if (!o->dest) { /* zeroed, never begun: no descriptor is ours */
        memset(o, 0, sizeof(*o));
        o->pfd = o->lockfd = o->slot = o->lockslot = -1;
        return;
    }
    if (o->tmpname && !o->done)
        fy_remove_tree_at(o->pfd, o->tmpname);
    fy_cleanup_drop(o->slot);
    if (o->lockfd >= 0) { /* removed while held: see lock_dest() */
        unlinkat(o->pfd, o->lockname, 0);
        fy_cleanup_drop(o->lockslot);
        close(o->lockfd);
    }
    free(o->lockname);
    if (o->pfd >= 0)
        close(o->pfd);
    /* the parents this run made, when they are left empty (a failure) */
    if (o->made && !o->done) {
        char *dir = fy_xstrdup(o->dest);
        size_t top = strlen(o->made);
        char *slash;
        while ((slash = strrchr(dir, '/')) && (size_t)(slash - dir) >= top) {
            *slash = '\0';
            if (rmdir(dir) != 0)
                break;
        }
        free(dir);
    }
    free(o->made);
    for (size_t i = 0; i < o->nnames; i++) {
        free(o->names[i]);
        free(o->sha256[i]);
    }
    free(o->names);
    free(o->sha256);
    free(o->dest);
    free(o->tmp);
    free(o->base);
    free(o->tmpname);
    memset(o, 0, sizeof(*o));
    o->pfd = o->lockfd = o->slot = o->lockslot = -1;
}

/* The SHA-256 of a file; a failure is of class @p code, set here: FY_E_IO
 * for an input, FY_E_OUTPUT for one of our own outputs. @p hex is "" on
 * failure. */
static fy_status sha256_file(const char *path, char hex[65], fy_status code,
                             struct fy_error *err)
{
    struct fy_loc at = {path, 0, 0};

    int rc = fy_sha256_file(path, hex);

    if (rc == 0)
        return FY_OK;
    if (rc == -1)
        return fy_fail(err, code, &at, _("cannot read: %s"),
                       strerror(errno));
    return fy_fail(err, code, &at, "%s", _("cannot read the file"));
}

static void json_str(struct fy_buf *b, const char *s)
{
    fy_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fy_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            fy_buf_printf(b, "\\u%04x", *p);
        else
            fy_buf_putc(b, (char)*p);
    }
    fy_buf_putc(b, '"');
}

/* "settings": every key of the run's profile sections with its effective
 * value and where it came from. */
static void json_settings(struct fy_buf *b, const struct report_settings *s)
{
    static const char *const sections[] = {"report", "notice", "findings"};

    fy_buf_puts(b, ",\n  \"settings\": {\"profile\": ");
    if (s->profile)
        json_str(b, s->profile);
    else
        fy_buf_puts(b, "null");
    for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
        int first = 1;
        fy_buf_printf(b, ",\n    \"%s\": {", sections[i]);
        for (size_t k = 0; k < s->nlist; k++) {
            const struct report_setting *e = &s->list[k];
            if (strcmp(e->section, sections[i]) != 0)
                continue;
            fy_buf_puts(b, first ? "\n      " : ",\n      ");
            first = 0;
            json_str(b, e->key);
            fy_buf_puts(b, ": {\"value\": ");
            if (!e->value)
                fy_buf_puts(b, "null");
            else if (e->number)
                fy_buf_puts(b, e->value);
            else
                json_str(b, e->value);
            fy_buf_puts(b, ", \"from\": ");
            json_str(b, report_from_name(e->from));
            fy_buf_putc(b, '}');
        }
        fy_buf_puts(b, first ? "}" : "\n    }");
    }
    fy_buf_puts(b, "\n  }");
}

/* "previous" (the earlier run compared with) and "revisions" (one object
 * per figure that differs from it). */
static void json_revisions(struct fy_buf *b, const struct report_revisions *r)
{
    fy_buf_puts(b, ",\n  \"previous\": {\"folder\": ");
    json_str(b, r->previous);
    fy_buf_printf(b, ", \"figures_sha256\": \"%s\", \"created\": ", r->sha256);
    json_str(b, r->created);
    fy_buf_puts(b, "},\n  \"revisions\": [");
    for (size_t i = 0; i < r->n; i++) {
        const struct report_revision *e = &r->items[i];
        fy_buf_puts(b, i ? ",\n    {\"table\": " : "\n    {\"table\": ");
        json_str(b, e->table);
        fy_buf_puts(b, ", \"sheet\": ");
        json_str(b, e->sheet);
        fy_buf_puts(b, ", \"row\": ");
        json_str(b, e->row);
        fy_buf_puts(b, ", \"column\": ");
        json_str(b, e->column);
        fy_buf_puts(b, ", \"old\": ");
        if (e->old_text)
            json_str(b, e->old_text);
        else
            fy_buf_puts(b, "null");
        fy_buf_puts(b, ", \"new\": ");
        if (e->new_text)
            json_str(b, e->new_text);
        else
            fy_buf_puts(b, "null");
        fy_buf_puts(b, ", \"change\": ");
        json_str(b, e->change);
        fy_buf_puts(b, ", \"explanation\": ");
        json_str(b, e->why);
        fy_buf_putc(b, '}');
    }
    fy_buf_puts(b, r->n ? "\n  ]" : "]");
}

fy_status report_manifest_write(struct report_output *o,
                                const struct fy_dataset *ds,
                                const struct report_manifest *m,
                                struct fy_error *err)
{
    static const char *const kinds[] = {"cases", "population", "civil_filings",
                                        "recommendations", "hearings"};
    struct fy_buf b = FY_BUF_INIT;
    char hex[65], a[11], z[11];
    char created[32];
    struct tm tm;
    fy_status rc = FY_OK;

    gmtime_r(&m->created, &tm);
    strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
    fy_date_format(m->period->start, a);
    fy_date_format(m->period->end, z);
    fy_buf_printf(&b, "{\n  \"program\": \"fuyuan\",\n  \"version\": \"%s\",\n",
                  FY_REPORT_VERSION);
    fy_buf_puts(&b, "  \"command\": ");
    json_str(&b, m->command);
    fy_buf_puts(&b, ",\n  \"arguments\": [");
    for (int i = 0; i < m->argc; i++) {
        if (i)
            fy_buf_puts(&b, ", ");
        json_str(&b, m->argv[i]);
    }
    fy_buf_puts(&b, "],\n  \"options\": {\"output\": ");
    json_str(&b, m->output ? m->output : "");
    fy_buf_puts(&b, ", \"courts\": ");
    if (m->ingest && m->ingest->courts_file)
        json_str(&b, m->ingest->courts_file);
    else
        fy_buf_puts(&b, "null");
    fy_buf_puts(&b, ", \"rules\": ");
    if (m->ingest && m->ingest->rules_file)
        json_str(&b, m->ingest->rules_file);
    else
        fy_buf_puts(&b, "null");
    fy_buf_puts(&b, ", \"encoding\": ");
    if (m->ingest && m->ingest->encoding)
        json_str(&b, m->ingest->encoding);
    else
        fy_buf_puts(&b, "\"detect\"");
    fy_buf_printf(&b, ", \"feedback_days\": %d, \"strict\": %s}",
                  m->ingest ? m->ingest->feedback_days : 60,
                  m->strict ? "true" : "false");
    if (m->settings)
        json_settings(&b, m->settings);
    fy_buf_printf(&b, ",\n  \"period\": {\"start\": \"%s\", \"end\": \"%s\"},"
                      "\n  \"as_of\": \"%s\",\n  \"created\": \"%s\",\n"
                      "  \"inputs\": [",
                  a, z, m->as_of, created);
    for (size_t i = 0; i < ds->quality.nfiles && rc == FY_OK; i++) {
        const struct fy_file_info *f = &ds->quality.files[i];
        /* the SHA-256 of the bytes read, taken as they were read: not
         * of what the file holds now (it may have changed since) */
        if (f->sha256[0])
            memcpy(hex, f->sha256, sizeof(hex));
        else if ((rc = sha256_file(f->path, hex, FY_E_IO, err)) != FY_OK)
            break; /* read without opts.sha256: read again, exit 3 */
        fy_buf_puts(&b, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        json_str(&b, f->path);
        fy_buf_printf(&b, ", \"sha256\": \"%s\", \"encoding\": ", hex);
        json_str(&b, f->encoding ? f->encoding : "");
        fy_buf_printf(&b, ", \"table\": \"%s\", \"rows_read\": %lu, "
                          "\"rows_used\": %lu, \"rows_rejected\": %lu, "
                          "\"rows_duplicate\": %lu}",
                      f->kind >= 0 ? kinds[f->kind] : "", f->rows_read,
                      f->rows_used, f->rows_rejected, f->rows_duplicate);
    }
    fy_buf_puts(&b, "\n  ]");
    if (m->revisions)
        json_revisions(&b, m->revisions);
    fy_buf_puts(&b, ",\n  \"outputs\": [");
    for (size_t i = 0; i < o->nnames && rc == FY_OK; i++) {
        char *path = fy_xasprintf("%s/%s", o->tmp, o->names[i]);
        /* one of our own outputs that cannot be read back: exit 4;
         * figures.json (hundreds of MB at national scale) was hashed as
         * it was written */
        if (o->sha256[i] && strlen(o->sha256[i]) == 64)
            memcpy(hex, o->sha256[i], 65);
        else
            rc = sha256_file(path, hex, FY_E_OUTPUT, err);
        free(path);
        if (rc != FY_OK)
            break;
        fy_buf_puts(&b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        json_str(&b, o->names[i]);
        fy_buf_printf(&b, ", \"sha256\": \"%s\"}", hex);
    }
    fy_buf_puts(&b, "\n  ]\n}\n");
    if (rc == FY_OK) {
        char *path = report_output_file(o, "manifest.json", err);
        FILE *f = path ? fopen(path, "w") : NULL;
        struct fy_loc at = {path, 0, 0};
        if (!path)
            rc = FY_E_OUTPUT;
        else if (!f || fwrite(b.data, 1, b.len, f) != b.len)
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                         strerror(errno));
        if (f && fclose(f) != 0 && rc == FY_OK)
            rc = fy_fail(err, FY_E_OUTPUT, &at, _("cannot write: %s"),
                         strerror(errno));
        free(path);
    }
    fy_buf_release(&b);
    return rc;
}
