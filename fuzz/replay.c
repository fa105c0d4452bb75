/* SPDX-License-Identifier: MIT */
/*
 * replay.c - a main() for a fuzz target without libFuzzer: each input
 * is given to LLVMFuzzerTestOneInput once, so any compiler (and
 * SANITIZE=1) can replay the corpora.
 *
 *   replay_NAME FILE|FOLDER...   the files given (a folder: its files)
 *   replay_NAME                  fuzz/corpus/NAME and fuzz/regress/NAME
 *                                under $FY_TOP (or .), for `make check`
 *
 * A crash or a failed check of the target stops it (the last line names
 * the input); else it prints the closing line of a cmocka run, which
 * tools/run-tests.sh counts as one passed test.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t size = 0, cap = 0, n;

    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 0;
    }
    do {
        if (size == cap) {
            cap = cap ? 2 * cap : 4096;
            data = realloc(data, cap);
            if (!data)
                abort();
        }
        n = fread(data + size, 1, cap - size, f);
        size += n;
    } while (n > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        free(data);
        return 0;
    }
    fprintf(stderr, "replay: %s\n", path);
    /* libFuzzer's inputs are their own allocation of exactly their size,
     * so that ASan sees a read past the end: as here */
    uint8_t *exact = malloc(size ? size : 1);
    if (!exact)
        abort();
    if (size)
        memcpy(exact, data, size);
    free(data);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    return 1;
}

/* A file, or every file of a folder in name order; the count replayed,
 * -1 when one cannot be read. @p missing_ok: a folder that is not there
 * has none. */
static long replay_path(const char *path, int missing_ok)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        if (missing_ok && errno == ENOENT)
            return 0;
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path) ? 1 : -1;
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            names = realloc(names, cap * sizeof(*names));
            if (!names)
                abort();
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            abort();
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_names);
    long count = 0;
    for (size_t i = 0; i < n; i++) {
        if (count >= 0 && replay_file(names[i]))
            count++;
        else
            count = -1;
        free(names[i]);
    }
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    long total = 0;

    LLVMFuzzerInitialize(&argc, &argv);
    if (argc > 1) {
        for (int i = 1; i < argc && total >= 0; i++) {
            long n = replay_path(argv[i], 0);
            total = n < 0 ? -1 : total + n;
        }
    } else {
        const char *top = getenv("FY_TOP");
        char path[4096];
        const char *const kinds[] = {"corpus", "regress"};
        for (size_t k = 0; k < 2 && total >= 0; k++) {
            snprintf(path, sizeof(path), "%s/fuzz/%s/%s",
                     top && *top ? top : ".", kinds[k], FUZZ_TARGET);
            long n = replay_path(path, k == 1);
            total = n < 0 ? -1 : total + n;
        }
        if (total == 0) {
            fprintf(stderr, "replay: no input for %s\n", FUZZ_TARGET);
            total = -1;
        }
    }
    if (total < 0) {
        printf("[  FAILED  ] 1 test(s), listed below:\n"
               "[  FAILED  ] fuzz_%s replay\n", FUZZ_TARGET);
        return 1;
    }
    printf("fuzz_%s: %ld inputs replayed\n", FUZZ_TARGET, total);
    printf("[  PASSED  ] 1 test(s).\n");
    return 0;
}
