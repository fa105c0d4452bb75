#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# typical.sh - end-to-end tests of the white paper's 附录一 典型案例
# (white-paper.md, "Typical cases"; docs/typical-cases.md), on the sample
# data with `fuyuan annual --year 2023 --typical-cases FILE`:
#
# 1. fixtures/typical/typical-cases.csv (UTF-8, texts with line breaks in
#    quoted fields): exit 0, no warning; every case's 标题, 案号 and texts
#    are in the PDF (pdftotext) and the .txt, in the file's order, each
#    line of a text its own paragraph; 附录一 is in the 目录.
# 2. Without the option there is no 附录一, in the 目录 or anywhere.
# 3. The same file in GB18030 with CR LF line ends (iconv) gives the same
#    appendix text.
# 4. A generated file: a case whose 基本案情 is longer than a page (many
#    paragraphs and one paragraph of its own longer than a page) between
#    short ones of many lengths, and a 案号 the sample lacks: exit 0, a warning naming
#    file:line of that row; the long case spans pages; every text is
#    there in order; no page ends with a case's heading or its 案号 line
#    (pdftotext -layout per page: the last line above the page number).
# 5. A file without 典型意义: exit 3, the error names the file and 典型意义.
# 6. The profile's [report] typical_cases gives the appendix; the option
#    wins over it.
# 7. The option is annual's: quarterly refuses it (exit 2).
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3
SAMPLE=$FY_TOP/fixtures/sample
FIXTURE=$FY_TOP/fixtures/typical/typical-cases.csv

need_fuyuan "typical.sh"
for tool in pdftotext iconv; do
    if ! command -v $tool >/dev/null; then
        echo "ok typical.sh # skip $tool missing (make deps)"
        exit 0
    fi
done
new_scratch typical

# run NAME EXPECTED-STATUS ARGS...: fuyuan's stderr into $scratch/NAME.err
run() {
    local name=$1 want=$2 rc
    shift 2
    "$FUYUAN" "$@" > "$scratch/$name.out" 2> "$scratch/$name.err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "exit status $rc, expected $want; stderr:
$(head -20 "$scratch/$name.err")"
        return 1
    fi
    return 0
}

# check_appendix NAME CSV DIR [LONG]: the appendix of DIR/annual-2023.pdf
# and .txt against the cases of CSV (python does the work; prints the
# problems, nothing when all is well)
check_appendix() {
    "$PY" - "$@" 2>&1 <<'EOF'
import csv, io, re, subprocess, sys

name, path, out = sys.argv[1:4]
long_case = len(sys.argv) > 4
raw = open(path, 'rb').read()
try:
    text = raw.decode('utf-8-sig')
except UnicodeDecodeError:
    text = raw.decode('gb18030')
alias = {'案件编号': '案号', '案例标题': '标题', '案情': '基本案情',
         '处理结果': '裁判结果', '裁判要旨': '典型意义'}
table = list(csv.reader(io.StringIO(text, newline='')))
head = [alias.get(h.strip(), h.strip()) for h in table[0]]
rows = [dict(zip(head, r)) for r in table[1:]]
pdf = out + '/annual-2023.pdf'
problems = []

def squash(s):
    return re.sub(r'\s+', '', s)

def canonical(no):
    # the cases table's canonical form: full-width parentheses
    return squash(no).replace('(', '（').replace(')', '）')

pages = subprocess.run(['pdftotext', '-layout', pdf, '-'], check=True,
                       capture_output=True, text=True).stdout.split('\f')
start = next((i for i, p in enumerate(pages)
              if i > 1 and re.search(r'^\s*附录一\s*典型案例\s*$', p, re.M)),
             None)
if start is None:
    print('no page starts 附录一 典型案例')
    sys.exit(0)
if not re.search(r'附录一\s*典型案例', pages[1]):
    problems.append('the contents do not list 附录一 典型案例')
# the appendix's text without the page numbers between its pages
flat = squash(''.join(re.sub(r'^\s*—\s*\d+\s*—\s*$', '', p, flags=re.M)
                      for p in pages[start:]))
txt = squash(open(out + '/annual-2023.txt', encoding='utf-8').read())
txt = txt[txt.find('附录一典型案例'):]

def expected(r):
    """Every piece of the case in order: 标题, 案号, the texts' lines."""
    items = [squash(r['标题']), '案号：' + canonical(r['案号'])]
    for label, col in (('【基本案情】', '基本案情'), ('【裁判结果】', '裁判结果'),
                       ('【典型意义】', '典型意义')):
        items.append(label)
        items += [squash(l) for l in r[col].splitlines() if l.strip()]
    return items

for where, hay in (('PDF', flat), ('.txt', txt)):
    at = 0
    for r in rows:
        for item in expected(r):
            k = hay.find(item, at)
            if k < 0:
                problems.append('%s: %r not found (in order) after %r'
                                % (where, item[:40], hay[max(0, at-30):at]))
                break
            at = k + len(item)

# per page: the last line above the page number is not a heading
heads = {squash(r['标题']) for r in rows}
nos = {'案号：' + canonical(r['案号']) for r in rows}
spanned = {}
for n, p in enumerate(pages[start:], start):
    lines = [l for l in p.splitlines() if l.strip()]
    if lines and re.fullmatch(r'\s*—\s*\d+\s*—\s*', lines[-1]):
        lines.pop()
    if not lines:
        continue
    last = squash(lines[-1])
    last = re.sub(r'^（[一二三四五六七八九十\d]+）', '', last)
    if last in heads or last in nos:
        problems.append('page %d ends with the heading %r' % (n + 1, last))
    for r in rows:
        if squash(r['标题']) in squash(p):
            spanned.setdefault(r['标题'], n)

# 附录一 before 附录二 附表, and 附录二 after the last case
annex = next((i for i, p in enumerate(pages)
              if i > start and re.search(r'^\s*附录二\s*附表\s*$', p, re.M)),
             None)
if annex is None:
    problems.append('no page after 附录一 starts 附录二 附表')
if re.search(r'^\s*附录\s+附表\s*$', ''.join(pages), re.M):
    problems.append('the annex is still called 附录 附表 beside 附录一')
if long_case:
    # the longest case's heading page and the next case's: pages between
    sizes = sorted(rows, key=lambda r: -len(r['基本案情']))
    big = sizes[0]
    i = rows.index(big)
    first = spanned.get(big['标题'])
    nxt = spanned.get(rows[i + 1]['标题']) if i + 1 < len(rows) else None
    if first is None or nxt is None or nxt - first < 2:
        problems.append('the long case does not span pages (its heading on '
                        'page %s, the next case on %s)' % (first, nxt))
for p in problems[:10]:
    print(p)
EOF
}

# 1. UTF-8 fixture
if run utf8 0 annual --year 2023 -o "$scratch/utf8" \
        --typical-cases "$FIXTURE" "$SAMPLE"; then
    msg=$(check_appendix utf8 "$FIXTURE" "$scratch/utf8")
    if grep -q "warning" "$scratch/utf8.err"; then
        msg="$msg
unexpected warning: $(grep warning "$scratch/utf8.err")"
    fi
    if [ -z "$msg" ]; then pass "typical: UTF-8 file, every case in order"
    else fail "typical: UTF-8 file, every case in order" "$msg"; fi
fi

# 2. no option, no appendix
if run none 0 annual --year 2023 -o "$scratch/none" "$SAMPLE"; then
    if pdftotext "$scratch/none/annual-2023.pdf" - | grep -q "典型案例\|附录一" \
        || grep -q "典型案例\|附录一" "$scratch/none/annual-2023.txt"; then
        fail "typical: no file, no appendix" "附录一 is named"
    elif ! grep -q "^附录　附表" "$scratch/none/annual-2023.txt"; then
        fail "typical: no file, no appendix" "the annex is not 附录 附表"
    else
        pass "typical: no file, no appendix"
    fi
fi

# 3. GB18030 with CR LF
sed 's/$/\r/' "$FIXTURE" | iconv -f UTF-8 -t GB18030 > "$scratch/gb.csv"
if run gb18030 0 annual --year 2023 -o "$scratch/gb" \
        --typical-cases "$scratch/gb.csv" "$SAMPLE"; then
    msg=$(check_appendix gb18030 "$scratch/gb.csv" "$scratch/gb")
    if [ -z "$msg" ]; then pass "typical: GB18030 file with CR LF"
    else fail "typical: GB18030 file with CR LF" "$msg"; fi
fi

# 4. a case longer than a page, and a 案号 not in the data
"$PY" - "$scratch/long.csv" > "$scratch/long.line" <<'EOF'
import csv, io, sys
rows = [['案件编号', '案例标题', '案情', '处理结果', '裁判要旨']]
rows.append(['（2023）内0603行初1号', '短案例甲：某公司诉自然资源局行政强制案',
             '该局未经催告即强制拆除。\n某公司起诉。', '判决驳回诉讼请求。',
             '强制执行应当依法催告。'])
paras = ['第%d段：行政机关在作出行政处罚决定前，应当告知当事人拟作出的行政处罚'
         '内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证'
         '等权利；本段用于检验长文本跨页排版。' % i for i in range(1, 31)]
one = ''.join('超长段落第%d句，这一段本身超过一页，须逐行分页而不丢字。' % i
              for i in range(1, 121))
rows.append(['（2023）内0603行初2号', '长案例乙：张某诉人社局工伤认定案',
             '\n'.join(paras[:15]) + '\n' + one + '\n' + '\n'.join(paras[15:]),
             '法院判决撤销被诉决定。\n责令重新作出处理。',
             '本案提示行政机关依法全面调查取证。'])
# short cases of many lengths: some heading falls near a page's foot
for k, no in enumerate([3, 4, 5, 6, 8, 11, 12, 13, 14, 15, 16, 17, 18]):
    rows.append(['（2023）内0603行初%d号' % no, '短案例%d：某某诉某局行政案' % no,
                 '\n'.join('案例%d案情第%d段，' % (no, j) + '事实经过。' * (3 + 5 * j)
                           for j in range(1 + k % 4)),
                 '判决驳回诉讼请求。' * (1 + k % 3), '依法行政。' * (2 + k)])
rows.append(['（2023）内0603行初99999号', '短案例丙：李某诉某局政府信息公开案',
             '李某申请公开信息。', '判决驳回诉讼请求。', '依法公开。'])
buf = io.StringIO()
csv.writer(buf, lineterminator='\n').writerows(rows)
open(sys.argv[1], 'w', encoding='utf-8').write(buf.getvalue())
# the physical line where the last row starts
print(buf.getvalue().rstrip('\n').count('\n') + 1)
EOF
line=$(cat "$scratch/long.line")
if run long 0 annual --year 2023 -o "$scratch/long" \
        --typical-cases "$scratch/long.csv" "$SAMPLE"; then
    msg=$(check_appendix long "$scratch/long.csv" "$scratch/long" 1)
    if ! grep -q "warning: $scratch/long.csv:$line: .*（2023）内0603行初99999号" \
            "$scratch/long.err"; then
        msg="$msg
no warning naming $scratch/long.csv:$line and the 案号; stderr:
$(cat "$scratch/long.err")"
    fi
    if [ "$(grep -c warning "$scratch/long.err")" -ne 1 ]; then
        msg="$msg
not exactly one warning: $(grep warning "$scratch/long.err")"
    fi
    if [ -z "$msg" ]; then
        pass "typical: a case longer than a page paginates; 案号 not in the data warns"
    else
        fail "typical: a case longer than a page paginates; 案号 not in the data warns" "$msg"
    fi
fi

# 5. no 典型意义 column
printf '%s\n' '案号,标题,基本案情,裁判结果' \
    '（2023）内0603行初1号,甲案,案情,结果' > "$scratch/bad.csv"
if run missing 3 annual --year 2023 -o "$scratch/bad" \
        --typical-cases "$scratch/bad.csv" "$SAMPLE"; then
    if grep -q "$scratch/bad.csv" "$scratch/missing.err" \
        && grep -q "典型意义" "$scratch/missing.err" \
        && [ ! -e "$scratch/bad" ]; then
        pass "typical: a file without 典型意义 is an error naming it"
    else
        fail "typical: a file without 典型意义 is an error naming it" \
            "$(cat "$scratch/missing.err")"
    fi
fi

# 6. the profile's key, and the option over it
cp "$FIXTURE" "$scratch/from-profile.csv"
printf '%s\n' '[report]' "typical_cases = from-profile.csv" \
    > "$scratch/p.ini"
if run profile 0 annual --year 2023 -o "$scratch/prof" \
        --profile "$scratch/p.ini" "$SAMPLE" \
    && run option-wins 0 annual --year 2023 -o "$scratch/wins" \
        --profile "$scratch/p.ini" --typical-cases "$scratch/long.csv" \
        "$SAMPLE"; then
    msg=$(check_appendix profile "$FIXTURE" "$scratch/prof")
    if ! pdftotext "$scratch/wins/annual-2023.pdf" - | grep -q "长案例乙" \
        || pdftotext "$scratch/wins/annual-2023.pdf" - \
            | grep -q "某公司诉鄂尔多斯市自然资源局行政强制案"; then
        msg="$msg
with --typical-cases and the profile, the option's cases are not the ones"
    fi
    if [ -z "$msg" ]; then pass "typical: the profile key; the option wins"
    else fail "typical: the profile key; the option wins" "$msg"; fi
fi

# 7. not for quarterly
if run quarterly 2 quarterly --quarter 2024Q2 -o "$scratch/q" \
        --typical-cases "$FIXTURE" "$SAMPLE"; then
    pass "typical: quarterly refuses --typical-cases"
fi
