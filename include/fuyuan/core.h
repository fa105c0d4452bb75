/* SPDX-License-Identifier: MIT */
/*
 * core.h - what every stage of fuyuan shares: the status codes and the
 * error record, allocation that never returns NULL, growable buffers, the
 * string pool, calendar dates as day numbers and UTF-8 text helpers.
 *
 * No third-party header is included here.
 */
#ifndef FY_CORE_H
#define FY_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <libintl.h>

/* Mark a user-facing string for translation. */
#define _(s) gettext(s)
/* Mark a string for translation where it is used later (tables). */
#define N_(s) (s)

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */

/** Result of every fallible function; FY_OK is 0. */
typedef enum fy_status {
    FY_OK = 0,
    FY_E_NOMEM,   /* 1 out of memory (library allocation failed) */
    FY_E_IO,      /* 2 a file cannot be opened, read or written */
    FY_E_CSV,     /* 3 a file cannot be read as CSV */
    FY_E_REGEX,   /* 4 a pattern does not compile, or hits its limits (PCRE2) */
    FY_E_DATA,    /* 5 the data break the data contract */
    FY_E_XLSX,    /* 6 the workbook cannot be written */
    FY_E_PDF,     /* 7 a chart or the PDF cannot be drawn */
    FY_E_USAGE,   /* 8 the command line is wrong */
    FY_E_OUTPUT,  /* 9 the output folder cannot be written */
    FY_E_CONFIG,  /* 10 a --courts or --rules file cannot be used */
    FY_E_DOCX,    /* 11 the .docx cannot be written (pandoc) */
    FY_E_LAST     /* never use! */
} fy_status;

/** Exit statuses of the program (docs/ERRORS.md). */
enum fy_exit {
    FY_EXIT_OK = 0,         /* done; rejected rows may have been summarised */
    FY_EXIT_DATA = 1,       /* rows were rejected (validate, --strict) */
    FY_EXIT_USAGE = 2,      /* bad command line */
    FY_EXIT_INPUT = 3,      /* an input file cannot be read or used */
    FY_EXIT_OUTPUT = 4,     /* an output file cannot be written */
    FY_EXIT_INTERNAL = 5    /* a bug or out of memory */
};

/** A position in the user's data; every number is 1-based, 0 = unknown. */
struct fy_loc {
    const char *file;
    unsigned long line;
    unsigned long column;
};

/**
 * An error, recorded once where it is detected: its class (code, which
 * decides the exit status) is set there and not rewritten later.
 */
struct fy_error {
    fy_status code;
    struct fy_loc where;   /* data position, for users */
    char file[512];        /* copy of where.file (the loc may not outlive) */
    int lib_code;          /* raw status of the third-party library */
    char msg[1024];        /* what is wrong and what to do */
    const char *src_file;  /* source position of the detection (__FILE__), */
    int src_line;          /* shown with --verbose or FY_DEBUG=1 */
};

/**
 * Record an error in @p err (may be NULL) and return @p code.
 * @p where may be NULL. The message is formatted like printf. The
 * source position of the call is recorded beside the data position.
 */
#define fy_fail(err, code, ...) \
    fy_fail_at(__FILE__, __LINE__, (err), (code), __VA_ARGS__)
fy_status fy_fail_at(const char *src_file, int src_line,
                     struct fy_error *err, fy_status code,
                     const struct fy_loc *where, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/** The text of a status code (translated). */
const char *fy_strerror(fy_status code);

/** The exit status that belongs to a status code. */
int fy_exit_code(fy_status code);

/**
 * Print "file:line:col: error: msg" on @p out; in debug mode (see
 * fy_error_set_debug) a second line gives the source position where
 * fuyuan detected the error.
 */
void fy_error_print(const struct fy_error *err, FILE *out);
/** Debug mode of fy_error_print: on with --verbose; FY_DEBUG=1 in the
 *  environment turns it on too. */
void fy_error_set_debug(int on);

/** Forward a failure: evaluate @p expr and return its status if not OK. */
#define FY_TRY(expr)                                                    \
    do {                                                                \
        fy_status fy_try_rc_ = (expr);                                  \
        if (fy_try_rc_ != FY_OK)                                        \
            return fy_try_rc_;                                          \
    } while (0)

/** FY_TRY that first releases the fy_buf at @p buf (a function's own
 *  text, which an early return would leak). */
#define FY_TRY_BUF(expr, buf)                                           \
    do {                                                                \
        fy_status fy_try_rc_ = (expr);                                  \
        if (fy_try_rc_ != FY_OK) {                                      \
            fy_buf_release(buf);                                        \
            return fy_try_rc_;                                          \
        }                                                               \
    } while (0)

/** Report a bug in fuyuan itself and abort. */
#define FY_BUG(...) fy_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void fy_bug(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------------ */
/* Allocation: these exit with a message when memory is exhausted      */
/* ------------------------------------------------------------------ */

void *fy_xmalloc(size_t n);
void *fy_xcalloc(size_t count, size_t size);
void *fy_xrealloc(void *p, size_t n);
/** realloc to count*size, checking the multiplication. */
void *fy_xreallocarray(void *p, size_t count, size_t size);
char *fy_xstrdup(const char *s);
char *fy_xstrndup(const char *s, size_t n);
/** printf into a new string the caller frees. */
char *fy_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Grow @p arr (of @p *cap elements of @p size) to hold at least @p need. */
#define FY_GROW(arr, need, cap)                                          \
    do {                                                                 \
        if ((size_t)(need) > (cap)) {                                    \
            size_t fy_nc_ = (cap) ? (cap) * 2 : 16;                      \
            while (fy_nc_ < (size_t)(need))                              \
                fy_nc_ *= 2;                                             \
            (arr) = fy_xreallocarray((arr), fy_nc_, sizeof(*(arr)));     \
            (cap) = fy_nc_;                                              \
        }                                                                \
    } while (0)

/* ------------------------------------------------------------------ */
/* Growable byte buffer (always NUL-terminated once used)              */
/* ------------------------------------------------------------------ */

struct fy_buf {
    char *data;   /* owned; NULL until the first append */
    size_t len;   /* bytes used, not counting the terminating NUL */
    size_t cap;   /* bytes allocated */
};

#define FY_BUF_INIT { NULL, 0, 0 }

void fy_buf_append(struct fy_buf *b, const void *data, size_t n);
void fy_buf_puts(struct fy_buf *b, const char *s);
void fy_buf_putc(struct fy_buf *b, char c);
void fy_buf_printf(struct fy_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void fy_buf_vprintf(struct fy_buf *b, const char *fmt, va_list ap);
/** Empty the buffer but keep its memory. */
void fy_buf_reset(struct fy_buf *b);
/** The contents as a C string ("" when empty); borrowed. */
const char *fy_buf_str(const struct fy_buf *b);
/** Hand the storage over: the caller owns (and frees) it. */
char *fy_buf_detach(struct fy_buf *b);
void fy_buf_release(struct fy_buf *b);

/* ------------------------------------------------------------------ */
/* String pool: every distinct string stored once, named by an id      */
/* ------------------------------------------------------------------ */

/** Id 0 is the empty string / "no value". */
#define FY_STR_NONE 0u

struct fy_strpool;

struct fy_strpool *fy_strpool_new(void);
void fy_strpool_free(struct fy_strpool *pool);
/** The id of @p s (n bytes), adding it when new. */
uint32_t fy_strpool_intern(struct fy_strpool *pool, const char *s, size_t n);
/** The id of @p s when present, else FY_STR_NONE. */
uint32_t fy_strpool_find(const struct fy_strpool *pool, const char *s,
                         size_t n);
/** The string of an id (borrowed, NUL-terminated, valid until free). */
const char *fy_strpool_get(const struct fy_strpool *pool, uint32_t id);
size_t fy_strpool_len(const struct fy_strpool *pool, uint32_t id);
/** Number of ids in use (ids are 0 .. count-1). */
uint32_t fy_strpool_count(const struct fy_strpool *pool);

/* ------------------------------------------------------------------ */
/* Map from 64-bit keys to 32-bit values (open addressing)             */
/* ------------------------------------------------------------------ */

struct fy_u64map {
    uint64_t *keys;   /* key + 1; 0 marks an empty slot */
    uint32_t *vals;
    size_t count, cap;
};

#define FY_U64MAP_INIT { NULL, NULL, 0, 0 }

/**
 * The value slot of @p key; when the key is new it is added with value
 * 0 and *added is set to 1. The pointer is valid until the next call.
 */
uint32_t *fy_u64map_slot(struct fy_u64map *m, uint64_t key, int *added);
/** The value of @p key, or NULL. */
const uint32_t *fy_u64map_get(const struct fy_u64map *m, uint64_t key);
void fy_u64map_release(struct fy_u64map *m);

/* ------------------------------------------------------------------ */
/* Dates: days since 1970-01-01 (proleptic Gregorian)                  */
/* ------------------------------------------------------------------ */

#define FY_NO_DATE INT32_MIN

int32_t fy_days_from_ymd(int y, int m, int d);
void fy_ymd_from_days(int32_t days, int *y, int *m, int *d);
/** 1 when y-m-d is a real calendar date. */
int fy_ymd_valid(int y, int m, int d);
int fy_days_in_month(int y, int m);
/** Write "YYYY-MM-DD" (11 bytes with NUL) into @p out. */
void fy_date_format(int32_t days, char out[11]);
/** Months as a single number: y * 12 + (m - 1). */
static inline int32_t fy_month_index(int y, int m) { return y * 12 + (m - 1); }

/* ------------------------------------------------------------------ */
/* UTF-8 text                                                          */
/* ------------------------------------------------------------------ */

/** 1 when the @p n bytes are valid UTF-8 (no overlongs, no surrogates). */
int fy_utf8_valid(const char *s, size_t n);
/** Decode one code point at @p s; returns bytes used, 0 on bad input. */
size_t fy_utf8_decode(const char *s, size_t n, uint32_t *cp);
/** Append the UTF-8 encoding of @p cp. */
void fy_utf8_put(struct fy_buf *b, uint32_t cp);

/**
 * Normalise a cell as the data contract says: trim ASCII space, tab,
 * CR/LF, NBSP and U+3000 at both ends, and fold full-width forms
 * (U+FF01..U+FF5E, U+3000) to their half-width forms. The result replaces
 * the contents of @p out.
 */
void fy_text_normalize(const char *s, size_t n, struct fy_buf *out);

/** Display width in terminal columns (East Asian wide = 2). */
size_t fy_text_width(const char *s);
/**
 * 1 when a text cell of a CSV output would be taken for a formula by a
 * spreadsheet: it begins with =, +, -, @, a tab or a CR (OWASP's rule) and
 * is not a plain number ("-12", "+3.5"). Such a cell is written with a
 * leading "'".
 */
int fy_text_formula_like(const char *s);
/**
 * @p s with its control characters written out (ESC as \x1b, CR as \r,
 * the C1 controls as \u0080 …; line breaks and tabs kept), so that a
 * value quoted in a message cannot move the cursor, recolour or clear a
 * terminal. Owned.
 */
char *fy_text_escaped(const char *s);

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

/** The SHA-256 of a file as 64 hex digits in @p hex ("" on failure);
 *  0, -1 when it cannot be opened (errno says why), -2 when it cannot be
 *  read through. */
int fy_sha256_file(const char *path, char hex[65]);

/** A SHA-256 being taken of bytes as they come (an input as it is read). */
struct fy_sha256 {
    void *ctx;                /* OpenSSL's EVP_MD_CTX */
    int failed;
};
void fy_sha256_init(struct fy_sha256 *s);
void fy_sha256_update(struct fy_sha256 *s, const void *data, size_t n);
/** The digest as 64 hex digits ("" on failure: -2, else 0); frees @p s,
 *  which must be finished so even when the digest is not wanted. */
int fy_sha256_final(struct fy_sha256 *s, char hex[65]);

struct stat;
/**
 * Open an input file (data, --profile, --courts, --rules,
 * --typical-cases): a regular file only. A FIFO, device, socket or folder
 * is an FY_E_IO error naming it, and cannot block (a device is not
 * opened; the file is opened with O_NONBLOCK and checked with fstat).
 * Returns the descriptor (*st its fstat), or -1 with @p err set.
 */
int fy_input_open(const char *path, struct stat *st, struct fy_error *err);
/**
 * Read the whole of an opened input (st->st_size bytes) into @p buf with
 * pread(), a large file in slices on @p jobs threads. A file that changes
 * size (or is written) while it is read is an FY_E_IO error naming it.
 */
fy_status fy_input_read(int fd, const char *path, const struct stat *st,
                        char *buf, unsigned jobs, struct fy_error *err);

/** Create a folder and its parents; FY_E_OUTPUT on failure. */
fy_status fy_mkdir_p(const char *path, struct fy_error *err);
/** Remove a folder and everything below it (best effort). A symlink is
 *  never followed: @p path itself a symlink is left alone, one inside is
 *  removed, not what it points to. */
void fy_remove_tree(const char *path);
/** The same for @p name in the folder open on @p dirfd (AT_FDCWD: the
 *  current one); async-signal-safe. 0, -1 (errno) when @p name is not a
 *  folder or cannot be removed in the end. */
int fy_remove_tree_at(int dirfd, const char *name);

/*
 * What SIGINT, SIGTERM and SIGHUP remove before they end the run
 * (fy_cleanup.c): the handlers are installed by the first
 * fy_cleanup_add(); a signal ignored at start stays ignored.
 */
/** Remove @p name (in the folder open on @p dirfd, or AT_FDCWD) should a
 *  signal end the run: the whole tree when @p tree, else the file; the
 *  last added is removed first. The slot for fy_cleanup_drop(), -1 when
 *  the table is full. */
int fy_cleanup_add(int dirfd, const char *name, int tree);
/** Forget slot @p slot (the file was renamed into place or removed). */
void fy_cleanup_drop(int slot);

/** A child process (pandoc) that a signal ending the run kills (SIGKILL)
 *  and waits for before anything registered is removed, so that it
 *  cannot write into a removed folder. The slot for
 *  fy_cleanup_drop_child(), -1 when the table is full. Call with the
 *  signals blocked from before the child was made. */
int fy_cleanup_add_child(pid_t pid);
/** Forget child slot @p slot: call before the child is reaped (waitid
 *  with WNOWAIT first), so that its pid cannot be another process's. */
void fy_cleanup_drop_child(int slot);

/* Remove everything registered now: a run that exits without returning
 * (out of memory, fy_alloc.c) leaves nothing behind either. */
void fy_cleanup_now(void);
/** Hold the signals (a commit that must not stop halfway)... */
void fy_cleanup_hold(void);
/** ...and deliver one that came meanwhile (it ends the run). */
void fy_cleanup_release(void);
/** For the tests only (tests/e2e/commit.sh): stop (SIGSTOP) when the
 *  environment's FY_TEST_PAUSE_AT is @p phase. */
void fy_test_pause(const char *phase);

/** @p path made absolute against the current folder, with ".", ".." and
 *  repeated slashes resolved by name (links are not followed); owned. */
char *fy_path_absolute(const char *path);
/**
 * The names documents give the files @p paths: the last part of each path
 * below the deepest folder that holds them all, with as few folders as
 * tell every file apart (the same number for all): a single folder given,
 * the names in it; "2023/cases.csv" and "2024/cases.csv" for two; files
 * of different names from far apart, their names. No document shows where
 * the data are on the machine, and two files of one name are told apart.
 * An array of @p n owned strings, itself owned.
 */
char **fy_path_names(const char *const *paths, size_t n);

/**
 * A file output that is all or nothing: written to a private temporary
 * file beside @p path (mkstemp), and renamed over @p path only when
 * complete — and only if @p path is a regular file or absent (never a
 * FIFO, a device, a folder, nor through a symlink).
 */
struct fy_atomic {
    char *path;               /* the destination */
    char *tmp;                /* the temporary file beside it */
    FILE *f;                  /* open on tmp; NULL once closed */
    int slot;                 /* fy_cleanup_add()'s, for tmp */
};

/** Create the temporary file; FY_E_OUTPUT naming @p path on failure. */
fy_status fy_atomic_open(struct fy_atomic *a, const char *path,
                         struct fy_error *err);
/** Flush, sync and close the file (if still open), then rename it over
 *  the destination; on any failure nothing is left but what was there. */
fy_status fy_atomic_commit(struct fy_atomic *a, struct fy_error *err);
/** Remove the temporary file; the destination stays as it was. */
void fy_atomic_abort(struct fy_atomic *a);

/* ------------------------------------------------------------------ */
/* The documents' language                                             */
/* ------------------------------------------------------------------ */

/*
 * Documents (workbooks, PDFs, rejects.csv) are Chinese whatever LANG is;
 * terminal messages follow LANG. A text that goes to both is marked N_()
 * and looked up twice: _() for the terminal, Z_() for the documents.
 * Z_() reads the program's own zh_CN catalogue (fuyuan.mo), loaded once
 * by fy_zh_load() before any thread starts (docs/internals/language.md).
 */
#define Z_(s) fy_zh(s)

/** Load <localedir>/zh_CN/LC_MESSAGES/fuyuan.mo; 0, or -1 when it is
 *  missing or not a catalogue (then fy_zh() gives its argument back). */
int fy_zh_load(const char *localedir);
/** The Chinese of @p msgid in the loaded catalogue, else @p msgid. */
const char *fy_zh(const char *msgid) __attribute__((format_arg(1)));
/** The catalogue's path when fy_zh_load() failed (for a warning), else
 *  NULL. */
const char *fy_zh_missing(void);
/** Why fy_zh_load() failed: ENOENT (no catalogue there), EINVAL (not a
 *  catalogue), or the errno of a failed open or read; 0 when loaded. */
int fy_zh_errno(void);
/** Forget the catalogue (at exit; fy_zh() gives msgids back after). */
void fy_zh_unload(void);

#endif /* FY_CORE_H */
