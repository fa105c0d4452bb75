#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# notice_form.sh - the quarterly notice's page is a 公文's (GB/T
# 9704-2012; white-paper.md, "The 通报's page"), read back with poppler
# (pdfinfo, pdffonts, pdftotext -bbox-layout, pdftoppm) and PyPDF2, on
# two notices:
#   sample    `fuyuan quarterly --quarter 2024Q2` on fixtures/sample;
#   handmade  the notice tests/unit/test_notice.c makes (`test_notice
#             --write DIR`): （一） headings, a 附件说明 of two
#             attachments, two attachments with tables.
# For each (NAME-CHECK):
#  info         A4 (595.28 x 841.89 pt) on every page, a sensible page
#               count, Title = the 标题, Author = the issuers.
#  head         no cover, no 目录: page 1 reads issuer(s) → 文号 → 标题 →
#               主送 → 一、…, the head and title centred on the text block,
#               the 主送 at its left edge (28 mm = 79.37 pt).
#  grid         every 3号 line of the text sits on a line of the grid
#               (37 mm + k x 225/22 mm, k = 0…21) within the block (28 mm,
#               156 mm wide); some page has all 22 lines; no line has more
#               than 28 characters (half-width ones count a half); the text
#               starts at the left edge, paragraphs 2 characters in;
#               handmade: a line of 28 full-width characters fills it.
#  signature    the 成文日期 ends 4 characters from the block's right edge,
#               the issuer(s) centred over it, before the attachments.
#  fonts        embedded subsets of Noto Serif CJK SC (Regular: 仿宋, Bold:
#               小标宋) and Noto Sans CJK SC (黑体); handmade: AR PL UKai
#               (楷体, its （一） headings).
#  page-numbers every page shows "— N —" under the block, odd pages at the
#               right, even at the left, one character in.
#  red          page 1 at 50 dpi: red ink (#E60012) in the 发文机关标志 and
#               a red rule across the block between the 文号 and the 标题,
#               and nowhere else; none on page 2.
#  attachments  each 附件N of the .txt starts a page with "附件N" on its
#               first line at the left, its title centred on the third.
#  attach-note  (when there is one) "附件：" 2 characters in, each number
#               under the first, a long name continued under its first
#               character.
#  bookmarks    the 一、 headings and the attachments ("附件N　title") are
#               top-level bookmarks, in order, each to its page.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN, FY_TOP and FY_SANITIZE (set
# by tools/run-tests.sh; defaults: this tree's release build).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
export FY_TOP
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3
SAMPLE=$FY_TOP/fixtures/sample
build=build/release
[ "${FY_SANITIZE:-}" = 1 ] && build=build/sanitize
NOTICE_BIN=${FY_NOTICE_BIN:-$FY_TOP/$build/tests/test_notice}

need_fuyuan "notice_form.sh"
for tool in pdffonts pdfinfo pdftotext pdftoppm; do
    if ! command -v "$tool" >/dev/null; then
        echo "ok notice_form # skip $tool is not installed (make deps)"
        exit 0
    fi
done
new_scratch notice
cd "$scratch" || exit 1

cat > "$scratch/check_notice.py" <<'PYEOF'
"""Check a notice's PDF against GB/T 9704-2012 (see notice_form.sh)."""
import re
import subprocess
import sys

NAME, PDF, TXT, HANDMADE = sys.argv[1], sys.argv[2], sys.argv[3], \
    sys.argv[4] == "1"
MM = 72 / 25.4
LEFT, TOP, W, H = 28 * MM, 37 * MM, 156 * MM, 225 * MM
RIGHT, FOOT, MID = LEFT + W, TOP + H, LEFT + W / 2
PITCH = H / 22
CH = W / 28                  # one character of 3号 type on the grid
PAGE_W, PAGE_H = 595.276, 841.89
# pdftotext's line box of 16 pt Noto type: its bottom is the descent
# (0.288 em) under the baseline, the baseline 20.58 pt under the top of
# its grid line (the em box centred in the 28.99 pt line)
BOX_H = 16 * (1.16 + 0.288)
BOTTOM_IN_LINE = (PITCH - 16) / 2 + 0.88 * 16 + 0.288 * 16


def report(check, problems):
    if problems:
        print("not ok %s-%s" % (NAME, check))
        for p in problems[:20]:
            print("    " + p)
        if len(problems) > 20:
            print("    ... %d more" % (len(problems) - 20))
    else:
        print("ok %s-%s" % (NAME, check))


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout


def squash(s):
    return re.sub(r"[\s\u3000]+", "", s)


# ---------------------------------------------------------------- input
with open(TXT, encoding="utf-8") as f:
    txt = [line.rstrip("\n") for line in f]
head = [line for line in txt if line.strip()][:4]
ISSUERS, NUMBER, TITLE, TO = head
DATE = next((line for line in txt
             if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line)), None)
ATTACHMENTS = [line for line in txt if re.fullmatch(r"附件\d+", line)]
HEADINGS = [line for line in txt
            if re.match(r"^[一二三四五六七八九十]+、", line)]

bbox = run("pdftotext", "-bbox-layout", PDF, "-").decode("utf-8")
pages = []   # per page: lines (x0, y0, x1, y1, words), top to bottom
for pg in re.split(r"<page\b", bbox)[1:]:
    lines = []
    for m in re.finditer(r'<line xMin="([-\d.]+)" yMin="([-\d.]+)" '
                         r'xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</line>',
                         pg, re.S):
        words = re.findall(r"<word[^>]*>(.*?)</word>", m.group(5))
        lines.append((float(m.group(1)), float(m.group(2)),
                      float(m.group(3)), float(m.group(4)), words))
    # one line per baseline: pdftotext cuts a line at a wide space
    # ("〔2024〕　　号"), left to right
    lines.sort(key=lambda ln: ln[3])
    groups = []
    for ln in lines:
        if groups and abs(groups[-1][-1][3] - ln[3]) < 1 \
                and abs(groups[-1][-1][1] - ln[1]) < 1:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    merged = []
    for g in groups:
        g.sort(key=lambda ln: ln[0])
        merged.append((min(ln[0] for ln in g), min(ln[1] for ln in g),
                       max(ln[2] for ln in g), max(ln[3] for ln in g),
                       [w for ln in g for w in ln[4]]))
    pages.append(merged)


def text(line):
    return "".join(line[4])


def in_block(line):
    return line[3] <= FOOT + 2


def first_text(lines):
    return next((ln for ln in lines if in_block(ln)), None)


att_pages = [i for i, lines in enumerate(pages)
             if first_text(lines) is not None
             and re.fullmatch(r"附件\d+", text(first_text(lines)))]
body_end = att_pages[0] if att_pages else len(pages)

# ---------------------------------------------------------------- info
problems = []
info = run("pdfinfo", "-f", "1", "-l", str(max(1, len(pages))), PDF) \
    .decode("utf-8")
npages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
if len(sizes) != npages or npages != len(pages):
    problems.append("%d pages, %d sizes, %d pages of text"
                    % (npages, len(sizes), len(pages)))
for i, (w, h) in enumerate(sizes, 1):
    if abs(float(w) - 595.28) > 0.05 or abs(float(h) - 841.89) > 0.05:
        problems.append("page %d is %s x %s pt, not A4" % (i, w, h))
lo, hi = (6, 6) if HANDMADE else (3, 40)
if not lo <= npages <= hi:
    problems.append("%d pages, not %d-%d" % (npages, lo, hi))
title = re.search(r"^Title:\s+(.*)$", info, re.M)
author = re.search(r"^Author:\s+(.*)$", info, re.M)
if not title or title.group(1).strip() != TITLE:
    problems.append("Title %r, not the 标题 %r"
                    % (title and title.group(1), TITLE))
if not author or author.group(1).strip() != ISSUERS:
    problems.append("Author %r, not the issuers %r"
                    % (author and author.group(1), ISSUERS))
report("info", problems)

# ---------------------------------------------------------------- head
problems = []
p1 = [ln for ln in pages[0] if in_block(ln)]
want = [("发文机关标志", squash(ISSUERS.replace("、", ""))),
        ("文号", squash(NUMBER)), ("标题", squash(TITLE)), ("主送", squash(TO))]
at = 0
texts = [squash(text(ln)) for ln in p1]
where = {}
for what, s in want:   # whole lines, in order, joined where they wrap
    k, acc = at, ""
    while k < len(texts) and len(acc) < len(s) and s.startswith(acc + texts[k]):
        acc += texts[k]
        k += 1
    if acc != s:
        problems.append("page 1: %s %s is not the next line(s) after line "
                        "%d: %s" % (what, s, at + 1, texts[at:at + 3]))
        break
    where[what] = p1[at:k]
    at = k
if at < len(texts) and HEADINGS and texts[at] != squash(HEADINGS[0]):
    problems.append("page 1: after the 主送 %r, not %r"
                    % (texts[at], HEADINGS[0]))
for n, lines in enumerate(pages[:2], 1):
    if any("目录" in squash(text(ln)) for ln in lines):
        problems.append("page %d has a 目录" % n)
for what in ("发文机关标志", "文号", "标题"):
    for ln in where.get(what, []):
        if abs((ln[0] + ln[2]) / 2 - MID) > 3:
            problems.append("%s line %s is not centred: x %.1f-%.1f"
                            % (what, text(ln), ln[0], ln[2]))
for ln in where.get("主送", [])[:1]:
    if abs(ln[0] - LEFT) > 3:
        problems.append("主送 starts at x %.2f, not %.2f (28 mm)"
                        % (ln[0], LEFT))
report("head", problems)

# ---------------------------------------------------------------- grid


def is_body(ln):
    """A line of 16 pt Noto type (body, 一、 headings, 主送) in the block."""
    return in_block(ln) and abs((ln[3] - ln[1]) - BOX_H) < 0.6


def grid_line(ln):
    return (ln[3] - TOP - BOTTOM_IN_LINE) / PITCH


def width_chars(s):
    return sum(1 if ord(c) >= 0x2E80 or c in "—“”" else 0.5 for c in s)


problems = []
full, full28, indented = [], 0, 0
for n, lines in enumerate(pages[:body_end], 1):
    ks = set()
    for ln in lines:
        if not in_block(ln):
            continue
        if ln[0] < LEFT - 0.5 or ln[2] > RIGHT + 0.5:
            problems.append("page %d: %s runs out of the block (x %.1f-%.1f)"
                            % (n, text(ln), ln[0], ln[2]))
        if not is_body(ln):
            continue
        k = grid_line(ln)
        if abs(k - round(k)) > 0.05 or not 0 <= round(k) <= 21:
            problems.append("page %d: %s is off the grid (line %.2f)"
                            % (n, text(ln), k))
            continue
        ks.add(round(k))
        s = text(ln)
        if width_chars(s) > 28:
            problems.append("page %d: %s has %.1f characters"
                            % (n, s, width_chars(s)))
        if re.fullmatch(r"[\u2e80-\uffef]+", s) and len(s) == 28:
            full28 += 1
        indented += abs(ln[0] - (LEFT + 2 * CH)) < 1
    if len(ks) == 22:
        full.append(n)
lefts = [ln[0] for lines in pages[:body_end] for ln in lines if is_body(ln)]
if not lefts or abs(min(lefts) - LEFT) > 0.5:
    problems.append("the text's left edge is at x %s, not %.2f (28 mm)"
                    % (min(lefts) if lefts else None, LEFT))
if not full:
    problems.append("no page has 22 lines of text")
if not indented:
    problems.append("no line starts 2 characters in (x %.2f)"
                    % (LEFT + 2 * CH))
if HANDMADE and not full28:
    problems.append("no line of 28 full-width characters")
report("grid", problems)

# ---------------------------------------------------------------- 落款
problems = []
if DATE is None:
    problems.append("the .txt has no 成文日期")
else:
    hits = [(n, ln) for n, lines in enumerate(pages, 1) for ln in lines
            if squash(text(ln)) == DATE]
    if len(hits) != 1:
        problems.append("the 成文日期 %s is printed %d times"
                        % (DATE, len(hits)))
    else:
        n, d = hits[0]
        right = RIGHT - 4 * CH
        if abs(d[2] - right) > 3:
            problems.append("the date ends at x %.1f, not %.1f (4 characters "
                            "from the right edge)" % (d[2], right))
        if att_pages and n > att_pages[0]:
            problems.append("the 落款 is on page %d, after the first "
                            "attachment (page %d)" % (n, att_pages[0] + 1))
        names = [s for s in ISSUERS.split("、") if s]
        above = sorted((ln for ln in pages[n - 1]
                        if ln[3] < d[3] - 1 and ln[3] > d[3] - 1
                        - PITCH * len(names) - 1), key=lambda ln: ln[3])
        if [squash(text(ln)) for ln in above] != names:
            problems.append("over the date: %s, not the issuers %s"
                            % ([text(ln) for ln in above], names))
        for ln in above:
            c = (ln[0] + ln[2]) / 2
            if abs(c - (d[0] + d[2]) / 2) > 3 and ln[2] < RIGHT - 0.5:
                problems.append("issuer %s is not centred over the date "
                                "(x %.1f-%.1f, date %.1f-%.1f)"
                                % (text(ln), ln[0], ln[2], d[0], d[2]))
report("signature", problems)

# ---------------------------------------------------------------- fonts
problems = []
fonts = run("pdffonts", PDF).decode("utf-8").splitlines()[2:]
names = [f.split()[0] for f in fonts]
for f in fonts:
    col = f.split()
    if col[-5] != "yes" or col[-4] != "yes":
        problems.append("not embedded as a subset: %s" % f)
need = ["NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc"]
if HANDMADE:
    need.append("UKai")
for face in need:
    if not any(face in n for n in names):
        problems.append("no %s among %s" % (face, names))
report("fonts", problems)

# ---------------------------------------------------------------- folios
problems = []
for n, lines in enumerate(pages, 1):
    nums = [ln for ln in lines if ln[1] > FOOT]
    if [" ".join(ln[4]) for ln in nums] != ["— %d —" % n]:
        problems.append("page %d shows %s under the block"
                        % (n, [" ".join(ln[4]) for ln in nums]))
        continue
    ln = nums[0]
    if ln[3] > FOOT + 45:
        problems.append("page %d: its number is %.1f pt under the block"
                        % (n, ln[1] - FOOT))
    if n % 2 and abs(ln[2] - (RIGHT - 14)) > 3:
        problems.append("page %d (odd): its number ends at x %.1f, not %.1f"
                        % (n, ln[2], RIGHT - 14))
    if not n % 2 and abs(ln[0] - (LEFT + 14)) > 3:
        problems.append("page %d (even): its number starts at x %.1f, not "
                        "%.1f" % (n, ln[0], LEFT + 14))
report("page-numbers", problems)

# ---------------------------------------------------------------- red
problems = []
DPI = 50
S = DPI / 72


def ppm(page):
    data = run("pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page),
               PDF)
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    return int(m.group(1)), int(m.group(2)), data[m.end():]


def red_rows(page):
    w, h, px = ppm(page)
    rows = {}
    for y in range(h):
        for x in range(w):
            i = 3 * (y * w + x)
            r, g, b = px[i], px[i + 1], px[i + 2]
            if r - max(g, b) >= 60:
                rows.setdefault(y, []).append((x, r, g, b))
    return rows


rows = red_rows(1)
mark = where.get("发文机关标志", [])
number = where.get("文号", [])
title = where.get("标题", [])
if not (mark and number and title):
    problems.append("cannot find the head on page 1 (see %s-head)" % NAME)
else:
    top, bottom = min(ln[1] for ln in mark) - 3, title[0][1]
    rule = [y for y, xs in rows.items() if len(xs) >= 0.9 * W * S]
    if not rule or not all(number[-1][3] < y / S < title[0][1]
                           for y in rule):
        problems.append("no red rule across the block between the 文号 and "
                        "the 标题 (rows %s)" % [round(y / S) for y in rule])
    in_mark = sum(len(xs) for y, xs in rows.items()
                  if mark[0][1] <= y / S <= mark[-1][3])
    if in_mark < 50:
        problems.append("%d red pixels in the 发文机关标志" % in_mark)
    else:
        deep = [p for y, xs in rows.items() if mark[0][1] <= y / S
                <= mark[-1][3] for p in xs if p[1] - max(p[2], p[3]) > 150]
        if not deep:
            problems.append("the 发文机关标志 is not a full red")
        else:
            avg = [sum(p[i] for p in deep) / len(deep) for i in (1, 2, 3)]
            if abs(avg[0] - 230) > 25 or avg[1] > 40 or avg[2] > 50:
                problems.append("its red is %s, not #E60012"
                                % [round(c) for c in avg])
    stray = sorted(y for y in rows
                   if not top <= y / S <= (max(rule) / S + 3 if rule
                                            else bottom))
    if stray:
        problems.append("red ink outside the head, rows (pt) %s"
                        % [round(y / S) for y in stray[:10]])
if len(pages) > 1 and red_rows(2):
    problems.append("red ink on page 2")
report("red", problems)

# ---------------------------------------------------------------- 附件
problems = []
got = [text(first_text(pages[i])) for i in att_pages]
if got != ATTACHMENTS:
    problems.append("pages starting with 附件N: %s; the .txt's attachments: %s"
                    % (got, ATTACHMENTS))
for i in att_pages:
    lines = [ln for ln in pages[i] if in_block(ln)]
    first = lines[0]
    if abs(first[0] - LEFT) > 2 or abs(grid_line(first)) > 0.05:
        problems.append("page %d: %s is not on the first line at the left "
                        "(x %.1f, line %.2f)" % (i + 1, text(first), first[0],
                                                 grid_line(first)))
    label = text(first)
    k = txt.index(label)
    name = next(line for line in txt[k + 1:] if line.strip())
    acc, tl = "", []
    for ln in lines[1:]:
        if not squash(name).startswith(acc + squash(text(ln))):
            break
        acc += squash(text(ln))
        tl.append(ln)
    if acc != squash(name):
        problems.append("page %d: the title %s is not under %s (%s)"
                        % (i + 1, name, label, acc))
        continue
    for ln in tl:
        if abs((ln[0] + ln[2]) / 2 - MID) > 3:
            problems.append("page %d: title line %s is not centred"
                            % (i + 1, text(ln)))
    # the third line of the grid: 2 pitches under the first's top
    if abs(tl[0][1] - first[1] - 2 * PITCH) > 8:
        problems.append("page %d: the title is %.1f pt under %s, not on "
                        "the third line" % (i + 1, tl[0][1] - first[1], label))
if HANDMADE and len(att_pages) != 2:
    problems.append("%d attachment pages, not 2" % len(att_pages))
report("attachments", problems)

# ---------------------------------------------------------------- 附件说明
problems = []
note = [(n, k) for n, lines in enumerate(pages[:body_end])
        for k, ln in enumerate(lines) if text(ln).startswith("附件：")]
if HANDMADE and not note:
    problems.append("no 附件说明")
if note:
    n, k = note[0]
    lines = pages[n]
    first = lines[k]
    if abs(first[0] - (LEFT + 2 * CH)) > 1.5:
        problems.append("附件： starts at x %.1f, not 2 characters in (%.1f)"
                        % (first[0], LEFT + 2 * CH))
    num_x = LEFT + 5 * CH
    for ln in lines[k + 1:]:
        s = text(ln)
        if ln[3] - lines[k][3] > PITCH * 6 or not s or s == ISSUERS \
                or re.fullmatch(r"\d{4}年.*日", s):
            break
        if re.match(r"\d+[.．]", s):
            if abs(ln[0] - num_x) > 1.5:
                problems.append("%s starts at x %.1f, not under 1. (%.1f)"
                                % (s, ln[0], num_x))
        elif ln[0] < num_x + 4:
            problems.append("continued name %s starts at x %.1f, not under "
                            "its first character" % (s, ln[0]))
report("attach-note", problems)

# ---------------------------------------------------------------- outline
problems = []
try:
    import PyPDF2
except ImportError:
    PyPDF2 = None
if PyPDF2 is None:
    print("ok %s-bookmarks # skip PyPDF2 is not installed (make deps)" % NAME)
else:
    reader = PyPDF2.PdfReader(PDF)
    top = [(it.title, reader.get_destination_page_number(it))
           for it in reader.outline if not isinstance(it, list)]
    heads = [(t, p) for t, p in top if re.match(r"^[一二三四五六七八九十]+、", t)]
    if [t for t, _ in heads] != HEADINGS:
        problems.append("top-level 一、 bookmarks %s, headings of the text %s"
                        % ([t for t, _ in heads], HEADINGS))
    for t, p in heads:
        if not any(squash(text(ln)) == squash(t) for ln in pages[p]):
            problems.append("bookmark %s goes to page %d, where it is not"
                            % (t, p + 1))
    atts = [(t, p) for t, p in top if re.match(r"^附件\d+", t)]
    want = []
    for label in ATTACHMENTS:
        k = txt.index(label)
        want.append(label + "\u3000"
                    + next(line for line in txt[k + 1:] if line.strip()))
    if [t for t, _ in atts] != want:
        problems.append("attachment bookmarks %s, not %s"
                        % ([t for t, _ in atts], want))
    if [p for _, p in atts] != att_pages[:len(atts)]:
        problems.append("attachment bookmarks go to pages %s, not %s"
                        % ([p + 1 for _, p in atts],
                           [p + 1 for p in att_pages]))
    report("bookmarks", problems)
PYEOF

check() { # NAME PDF TXT HANDMADE
    "$PY" "$scratch/check_notice.py" "$@" || fail "$1-check" \
        "check_notice.py exited $?"
}

# the sample's notice
if "$FUYUAN" quarterly --quarter 2024Q2 -o "$scratch/q" --quiet "$SAMPLE" \
    > "$scratch/q.out" 2> "$scratch/q.err"; then
    check sample "$scratch/q/quarterly-2024Q2.pdf" \
        "$scratch/q/quarterly-2024Q2.txt" 0
else
    fail "sample-run" "fuyuan quarterly exited $?: $(head -5 "$scratch/q.err")"
fi

# the notice made by hand
if [ ! -x "$NOTICE_BIN" ]; then
    echo "ok handmade # skip $NOTICE_BIN is not built (make check builds it)"
elif "$NOTICE_BIN" --write "$scratch" > "$scratch/h.out" 2>&1; then
    check handmade "$scratch/notice.pdf" "$scratch/notice.txt" 1
else
    fail "handmade-write" "$NOTICE_BIN --write exited $?: $(head -5 "$scratch/h.out")"
fi
