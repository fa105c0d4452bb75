/* SPDX-License-Identifier: MIT */
/* fy_fs.c - folders: making them with their parents, removing trees. */
#include "fuyuan/core.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fy_status fy_mkdir_p(const char *path, struct fy_error *err)
{
    char *p = fy_xstrdup(path);
    struct fy_loc at = {path, 0, 0};
    struct stat st;
    fy_status rc = FY_OK;

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

void fy_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;

    if (!d) {
        unlink(path);
        return;
    }
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *child = fy_xasprintf("%s/%s", path, e->d_name);
        struct stat st;
        if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
            fy_remove_tree(child);
        else
            unlink(child);
        free(child);
    }
    closedir(d);
    rmdir(path);
}
