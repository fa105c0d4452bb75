/* SPDX-License-Identifier: MIT */
/* fy_error.c - recording, naming and printing errors. */
#include "fuyuan/core.h"

#include <stdlib.h>
#include <string.h>

static int debug_mode;

void fy_error_set_debug(int on)
{
    debug_mode = on;
}

fy_status fy_fail_at(const char *src_file, int src_line,
                     struct fy_error *err, fy_status code,
                     const struct fy_loc *where, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    memset(err, 0, sizeof(*err));
    err->code = code;
    err->src_file = src_file;
    err->src_line = src_line;
    if (where) {
        err->where = *where;
        if (where->file) {
            snprintf(err->file, sizeof(err->file), "%s", where->file);
            err->where.file = err->file;
        }
    }
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    /* a value quoted from the data must not drive the terminal */
    char *safe = fy_text_escaped(err->msg);
    snprintf(err->msg, sizeof(err->msg), "%s", safe);
    free(safe);
    return code;
}

static int fy_debug_env(void)
{
    const char *v = getenv("FY_DEBUG");

    return v && strcmp(v, "1") == 0;
}

const char *fy_strerror(fy_status code)
{
    static const char *const text[FY_E_LAST] = {
        [FY_OK] = N_("no error"),
        [FY_E_NOMEM] = N_("out of memory"),
        [FY_E_IO] = N_("a file cannot be read or written"),
        [FY_E_CSV] = N_("a file cannot be read as CSV"),
        [FY_E_REGEX] = N_("a pattern does not compile or gives up on a value"),
        [FY_E_DATA] = N_("the data break the data contract"),
        [FY_E_XLSX] = N_("the workbook cannot be written"),
        [FY_E_PDF] = N_("a chart or the PDF cannot be drawn"),
        [FY_E_USAGE] = N_("the command line is wrong"),
        [FY_E_OUTPUT] = N_("the output cannot be written"),
        [FY_E_CONFIG] = N_("a --courts or --rules file cannot be used"),
        [FY_E_DOCX] = N_("the .docx cannot be written"),
    };

    if ((unsigned)code >= FY_E_LAST || !text[code])
        return _("unknown error");
    return _(text[code]);
}

int fy_exit_code(fy_status code)
{
    static const int exit_of[FY_E_LAST] = {
        [FY_OK] = FY_EXIT_OK,
        [FY_E_NOMEM] = FY_EXIT_INTERNAL,
        [FY_E_IO] = FY_EXIT_INPUT,
        [FY_E_CSV] = FY_EXIT_INPUT,
        [FY_E_REGEX] = FY_EXIT_INPUT,
        [FY_E_DATA] = FY_EXIT_DATA,
        [FY_E_XLSX] = FY_EXIT_OUTPUT,
        [FY_E_PDF] = FY_EXIT_OUTPUT,
        [FY_E_USAGE] = FY_EXIT_USAGE,
        [FY_E_OUTPUT] = FY_EXIT_OUTPUT,
        [FY_E_CONFIG] = FY_EXIT_INPUT,
        [FY_E_DOCX] = FY_EXIT_OUTPUT,
    };

    if ((unsigned)code >= FY_E_LAST)
        return FY_EXIT_INTERNAL;
    return exit_of[code];
}

void fy_error_print(const struct fy_error *err, FILE *out)
{
    const struct fy_loc *w = &err->where;

    if (w->file && w->line && w->column)
        fprintf(out, "%s:%lu:%lu: ", w->file, w->line, w->column);
    else if (w->file && w->line)
        fprintf(out, "%s:%lu: ", w->file, w->line);
    else if (w->file)
        fprintf(out, "%s: ", w->file);
    else
        fputs("fuyuan: ", out);
    fprintf(out, _("error: %s\n"), err->msg[0] ? err->msg
                                                : fy_strerror(err->code));
    if (err->src_file && (debug_mode || fy_debug_env()))
        fprintf(out, "  (detected at %s:%d, %s)\n", err->src_file,
                err->src_line, fy_strerror(err->code));
}

void fy_bug(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "fuyuan: BUG at %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}
