#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# i18n.sh - the messages in Simplified Chinese (po/zh_CN.po).
#
# 1. LANG=zh_CN.UTF-8 (with LC_ALL and LANGUAGE empty, whether or not that
#    locale is generated on the machine): the data-quality summary, the
#    rejection reasons and --help are Chinese; LANG=C.UTF-8 gives English.
# 2. The catalogue is found in locale/ beside the executable (the build
#    tree), before the installed LOCALEDIR.
# 3. po/zh_CN.po merged with a template made from the current sources
#    (make pot POT=...) has no untranslated and no fuzzy message: a new
#    English message without its translation fails here.
#
# Prints "ok NAME" or "not ok NAME" and the explanation, as
# tools/run-tests.sh counts them. FUYUAN names the binary and FY_TOP the
# repository root (defaults: this tree's).
set -u

. "$(dirname "$0")/lib.sh"
unset LC_MESSAGES LC_CTYPE

if [ ! -x "$FUYUAN" ]; then
    echo "not ok i18n.sh: no fuyuan binary at $FUYUAN (run make)"
    exit 1
fi
new_scratch i18n

# expect_lines NAME FILE LINE... : every LINE is a whole line of FILE.
expect_lines() {
    local name=$1 file=$2 missing=""
    shift 2
    for line in "$@"; do
        grep -qxF -- "$line" "$file" || missing+="missing: [$line]"$'\n'
    done
    if [ -z "$missing" ]; then
        pass "$name"
    else
        fail "$name" "$missing--- output:
$(cat "$file")"
    fi
}

# run_in LANGVALUE OUTFILE ARGS... : run fuyuan in the scratch copy of the
# case with that LANG (LC_ALL and LANGUAGE empty); stdout and stderr
# together in OUTFILE, the exit status in OUTFILE.exit.
run_in() {
    local lang=$1 out=$2
    shift 2
    (cd "$scratch/case" && LANG=$lang LC_ALL= LANGUAGE= "$FUYUAN" "$@" \
        >"$out" 2>&1; echo $? >"$out.exit")
}

# A case with one rejected row (经办法院 empty).
cp -R "$FY_TOP/fixtures/e2e/03-reject-required-empty" "$scratch/case"

# --- 1. Chinese and English -------------------------------------------------

run_in zh_CN.UTF-8 "$scratch/zh.out" validate data/cases.csv
expect_lines zh-validate-summary "$scratch/zh.out" \
    "数据质量" \
    "  文件            编码         表                   读取     使用     拒绝       重复" \
    "  共1个文件，读取2行，使用1行，拒绝1行，重复0行" \
    "被拒绝的行（按原因）" \
    "  1        必填项为空" \
    "被拒绝的行" \
    "  data/cases.csv:3:2: 经办法院为空" \
    "1行数据被拒绝：请按所列行号更正后重新导出（退出状态 1）。"
if [ "$(cat "$scratch/zh.out.exit")" = 1 ]; then
    pass zh-validate-exit
else
    fail zh-validate-exit "exit status $(cat "$scratch/zh.out.exit"), not 1"
fi

run_in C.UTF-8 "$scratch/en.out" validate data/cases.csv
expect_lines en-validate-summary "$scratch/en.out" \
    "Data quality" \
    "  1 file, 2 rows read, 1 used, 1 rejected, 0 duplicate" \
    "  1        required value empty" \
    "  data/cases.csv:3:2: 经办法院 is empty" \
    "1 row rejected: fix it at the line shown and export again (exit status 1)."

run_in zh_CN.UTF-8 "$scratch/zh-help.out" --help
expect_lines zh-help "$scratch/zh-help.out" \
    "用法：fuyuan COMMAND [options] [DATA...]" \
    "命令：" \
    "  validate   读取数据，输出数据质量汇总"

run_in zh_CN.UTF-8 "$scratch/zh-vhelp.out" validate --help
expect_lines zh-validate-help "$scratch/zh-vhelp.out" \
    "读取数据，输出数据质量汇总。" \
    "其他选项：" \
    "      --strict           有数据行被拒绝即终止（退出状态 1）"

run_in zh_CN.UTF-8 "$scratch/zh-usage.out" validate --bogus
expect_lines zh-usage-error "$scratch/zh-usage.out" \
    "fuyuan: 未知选项“--bogus”" \
    "请运行“fuyuan validate --help”查看帮助。"

run_in zh_CN.UTF-8 "$scratch/zh-err.out" validate data/nope.csv
if grep -q '^data/nope.csv: 错误：无法打开：' "$scratch/zh-err.out"; then
    pass zh-error
else
    fail zh-error "$(cat "$scratch/zh-err.out")"
fi

# --- 2. The catalogue beside the executable ---------------------------------

mo=$FY_TOP/locale/zh_CN/LC_MESSAGES/fuyuan.mo
if [ -f "$mo" ]; then
    pass build-tree-mo
else
    fail build-tree-mo "no $mo (make builds it from po/zh_CN.po)"
fi

# A copy of the binary with a catalogue of its own beside it must use that
# one: "Data quality" becomes a marker.
mkdir -p "$scratch/bin/locale/zh_CN/LC_MESSAGES"
cp "$FUYUAN" "$scratch/bin/fuyuan"
printf '%s\n' 'msgid ""' 'msgstr ""' \
    '"Content-Type: text/plain; charset=UTF-8\n"' '' \
    'msgid "Data quality"' 'msgstr "MARKER-BESIDE-EXE"' \
    >"$scratch/marker.po"
if ! LC_ALL=C msgfmt -o "$scratch/bin/locale/zh_CN/LC_MESSAGES/fuyuan.mo" \
        "$scratch/marker.po" 2>"$scratch/msgfmt.err"; then
    fail mo-beside-exe "msgfmt: $(cat "$scratch/msgfmt.err")"
else
    (cd "$scratch/case" && LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= \
        "$scratch/bin/fuyuan" validate data/cases.csv >"$scratch/marker.out" 2>&1)
    expect_lines mo-beside-exe "$scratch/marker.out" "MARKER-BESIDE-EXE"
fi

# --- 3. Every message translated --------------------------------------------

if ! command -v xgettext >/dev/null || ! command -v msgmerge >/dev/null; then
    fail po-complete "xgettext/msgmerge not found (Debian package gettext)"
    exit 1
fi
export LC_ALL=C # the gettext tools' own messages, in English
po=$FY_TOP/po/zh_CN.po
stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
if printf '%s\n' "$stats" | grep -qE '^[0-9]+ translated messages?\.$'; then
    pass po-no-untranslated-or-fuzzy
else
    fail po-no-untranslated-or-fuzzy "po/zh_CN.po: $stats"
fi

# The sources' messages now, merged into the translation.
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
        -C "$FY_TOP" pot POT="$scratch/fuyuan.pot" >"$scratch/pot.log" 2>&1; then
    fail po-covers-sources "make pot failed:
$(cat "$scratch/pot.log")"
elif ! msgmerge --quiet -o "$scratch/zh_CN.po" "$po" "$scratch/fuyuan.pot" \
        2>"$scratch/merge.log"; then
    fail po-covers-sources "msgmerge failed: $(cat "$scratch/merge.log")"
else
    stats=$(msgfmt --check --statistics -o /dev/null "$scratch/zh_CN.po" 2>&1)
    if printf '%s\n' "$stats" | grep -qE '^[0-9]+ translated messages?\.$'; then
        pass po-covers-sources
    else
        # Name the messages that lack a translation.
        todo=$({ msgattrib --only-fuzzy "$scratch/zh_CN.po"
                 msgattrib --untranslated "$scratch/zh_CN.po"; } 2>/dev/null |
               grep -E '^(#:|msgid "..)' | head -20)
        fail po-covers-sources "po/zh_CN.po against the sources: $stats
Update: make pot && msgmerge --update po/zh_CN.po po/fuyuan.pot, then
translate every new or fuzzy entry (docs/TESTING.md, Translations).
$todo"
    fi
fi
