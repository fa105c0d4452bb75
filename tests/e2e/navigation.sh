#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# navigation.sh - end-to-end tests of the navigation of the white paper
# and the quarterly notification (issue 9, deliverable 8), read back with
# readers independent of cairo: PyPDF2 (bookmarks, named destinations,
# link annotations) and poppler's pdftotext / pdftoppm (where the text
# and the ink really are), on the sample data.
#
# For each of `fuyuan annual --year 2023` and `fuyuan quarterly --quarter
# 2024Q2`:
# 1. KIND-bookmarks: the bookmarks are the headings of the .txt (its lines
#    that are not indented paragraphs, after the cover's two; the notice's
#    after its head, without the 附件说明 and 落款), in order;
#    each points at the page its heading is printed on, a little above
#    the heading's line (pdftotext -bbox-layout), in reading order.
# 2. KIND-outline-levels: the top-level bookmarks are the entries of the
#    目录, in order, shown open; the others are under them; the root's
#    /Count is the number of entries shown (cairo 1.16 writes it negative).
#    The notice (a 公文, tests/e2e/notice_form.sh) has no 目录: its 一、
#    headings and attachments are at the top, its （一） under them, and
#    instead of 3 and 4, quarterly-no-contents: no link on pages 1-2.
# 3. KIND-contents-links: the 目录 page has one link annotation per entry,
#    over that entry's line; each goes (by a named destination) to the
#    page the entry names (its number + 2: cover and 目录) and to the
#    entry's heading there.
# 4. KIND-contents-leaders: rendered at 150 dpi, every dot leader on the
#    目录 is a row of dots only: no hairline joins it to the page number.
# 5. KIND-reproducible: two runs give byte-identical PDFs.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them; "ok navigation # skip ..." when poppler
# or PyPDF2 (python3-pypdf2, `make deps`) is missing. Uses FUYUAN and
# FY_TOP (set by tools/run-tests.sh; defaults: this tree).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3
SAMPLE=$FY_TOP/fixtures/sample

need_fuyuan "navigation.sh"
for tool in pdftotext pdftoppm; do
    if ! command -v "$tool" >/dev/null; then
        echo "ok navigation # skip $tool is not installed (make deps)"
        exit 0
    fi
done
if ! "$PY" -c 'import PyPDF2' 2>/dev/null; then
    echo "ok navigation # skip PyPDF2 is not installed (python3-pypdf2, make deps)"
    exit 0
fi
new_scratch nav
cd "$scratch" || exit 1

cat > "$scratch/check_nav.py" <<'PYEOF'
"""Check the bookmarks and links of a report PDF (see navigation.sh)."""
import re
import sys

import PyPDF2

KIND, PDF, TXT, BBOX, CONTENTS, PGM = sys.argv[1:7]
NOTICE = KIND == "quarterly"  # a 公文: no cover, no 目录


def squash(s):
    return re.sub(r"\s+", "", s)  # U+3000 is whitespace too


def report(name, problems):
    if problems:
        print("not ok %s-%s" % (KIND, name))
        for p in problems[:20]:
            print("    " + p)
    else:
        print("ok %s-%s" % (KIND, name))


reader = PyPDF2.PdfReader(PDF)
page_h = float(reader.pages[0].mediabox.height)

# the headings of the .txt: what is not an indented paragraph, after the
# cover's title and subtitle; in a notice, after its head (发文机关标志,
# 文号, 标题, 主送), without its 附件说明 and 落款, an attachment's label
# and title as one ("附件1　title")
with open(TXT, encoding="utf-8") as f:
    blocks = [b.strip("\n") for b in f.read().split("\n\n") if b.strip()]
if NOTICE:  # blocks: "issuers\n文号", 标题, 主送, then the body
    issuers = blocks[0].split("\n")[0]
    kept = []
    for b in blocks[3:]:
        lines = b.split("\n")
        if b.lstrip("\u3000 ").startswith("附件："):
            continue  # the 附件说明
        if len(lines) == 2 and lines[0] == issuers and \
                re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", lines[1]):
            continue  # the 落款
        kept.append(b)
    blocks = kept
heads = [line.strip() for b in blocks for line in b.split("\n")
         if line.strip() and not line.startswith("\u3000")]
if NOTICE:
    merged = []
    for h in heads:
        if merged and re.fullmatch(r"附件\d+", merged[-1]):
            merged[-1] += "\u3000" + h
        else:
            merged.append(h)
    heads = merged
else:
    heads = heads[2:]

# pdftotext -bbox-layout: the lines of every page, as (yMin, yMax, text);
# the pieces of one line that pdftotext cuts at a wide space ("附表　收结
# 案情况及排名") joined again, left to right
with open(BBOX, encoding="utf-8") as f:
    bbox = f.read()
lines = []
for pg in re.split(r"<page\b", bbox)[1:]:
    pieces = []
    for m in re.finditer(r'<line xMin="([-\d.]+)" yMin="([-\d.]+)" '
                         r'xMax="[-\d.]+" yMax="([-\d.]+)">(.*?)</line>',
                         pg, re.S):
        words = re.findall(r"<word[^>]*>(.*?)</word>", m.group(4))
        pieces.append((float(m.group(2)), float(m.group(1)),
                       float(m.group(3)), squash("".join(words))))
    pieces.sort()
    merged = []
    for y0, x0, y1, text in pieces:
        if merged and abs(merged[-1][0] - y0) < 1:
            merged[-1][2].append((x0, text))
            merged[-1][1] = max(merged[-1][1], y1)
        else:
            merged.append([y0, y1, [(x0, text)]])
    lines.append([(y0, y1, "".join(t for _, t in sorted(parts)))
                  for y0, y1, parts in merged])


def heading_below(page, top, title):
    """The yMin of @title's line on page @page (0-based) just below @top
    (PDF user space, origin at the foot), or an error string."""
    if not 0 <= page < len(lines):
        return "page %d does not exist" % (page + 1)
    want = squash(title)
    ys = [y0 for y0, y1, text in lines[page] if text == want]
    if not ys:
        return "%s is not printed on page %d" % (title, page + 1)
    y_dest = page_h - top
    near = [y for y in ys if -0.5 <= y - y_dest <= 24]
    if not near:
        return ("the destination of %s (y %.1f from the top of page %d) is "
                "not just above its line (y %s)"
                % (title, y_dest, page + 1, ", ".join("%.1f" % y for y in ys)))
    return near[0]


# 1. the bookmarks: the headings of the text, each where it is printed
problems = []
flat = []  # (title, level, page 0-based, top, item)


def walk(items, level):
    for it in items:
        if isinstance(it, list):
            walk(it, level + 1)
        else:
            flat.append((it.title, level,
                         reader.get_destination_page_number(it), it.top, it))


walk(reader.outline, 0)
titles = [t for t, *_ in flat]
if titles != heads:
    problems.append("bookmarks %s\n    headings of the text %s"
                    % (titles, heads))
last = (-1, -1.0)
for title, level, page, top, _ in flat:
    if top is None:
        problems.append("bookmark %s has no position" % title)
        continue
    printed = title  # an attachment's bookmark: its label's line
    if NOTICE and re.match(r"^附件\d+\u3000", title):
        printed = title.split("\u3000")[0]
    y = heading_below(page, float(top), printed)
    if isinstance(y, str):
        problems.append(y)
    elif (page, y) <= last:
        problems.append("bookmark %s is not after the one before" % title)
    else:
        last = (page, y)
report("bookmarks", problems)

# 2. levels: the 目录's entries at the top, open; the rest under them
problems = []
with open(CONTENTS, encoding="utf-8") as f:
    entries = []
    for line in f:
        m = re.match(r"^\s*(\S.*?)\s+(\d+)\s*$", line)
        if m:
            entries.append((squash(m.group(1)), int(m.group(2))))
top = [squash(t) for t, level, *_ in flat if level == 0]
if NOTICE:  # no 目录: 一、 and 附件N at the top, （一） under them
    for t, level, *_ in flat:
        want = 0 if re.match(r"^([一二三四五六七八九十]+、|附件\d)", t) \
            else 1 if t.startswith("（") else level
        if level != want:
            problems.append("bookmark %s is at level %d, not %d"
                            % (t, level, want))
elif top != [e[0] for e in entries]:
    problems.append("top-level bookmarks %s\n    目录 %s"
                    % (top, [e[0] for e in entries]))
if flat and flat[0][1] != 0:
    problems.append("the first bookmark is not at the top level")
if any(level > 1 for _, level, *_ in flat):
    problems.append("bookmarks deeper than a sub-heading")
root = reader.trailer["/Root"]
if "/Outlines" not in root or "/First" not in root["/Outlines"]:
    problems.append("the document has no outline")
    item = None
else:
    item = root["/Outlines"]["/First"].get_object()
    # the root's Count: every entry is shown (all sections are open)
    count = root["/Outlines"].get("/Count")
    if count is None or int(count) != len(flat):
        problems.append("the outline's root has Count %s for %d entries "
                        "shown" % (count, len(flat)))
while item is not None:
    if "/First" in item and int(item.get("/Count", 0)) <= 0:
        problems.append("bookmark %s is shown closed (Count %s)"
                        % (item["/Title"], item.get("/Count")))
    nxt = item.get("/Next")
    item = nxt.get_object() if nxt is not None else None
report("outline-levels", problems)

if NOTICE:  # 3 and 4: a 公文 has no 目录, so no links on its first pages
    problems = []
    for n in range(min(2, len(reader.pages))):
        annots = reader.pages[n].get("/Annots", []) or []
        if annots:
            problems.append("page %d has %d annotations" % (n + 1,
                                                            len(annots)))
        if any("目录" in text for _, _, text in lines[n]):
            problems.append("page %d has a 目录" % (n + 1))
    report("no-contents", problems)
    sys.exit(0)

# 3. the 目录's links
problems = []
dests = reader.named_destinations
annots = [a.get_object() for a in reader.pages[1].get("/Annots", []) or []]
links = [a for a in annots if a.get("/Subtype") == "/Link"]
if len(links) != len(entries):
    problems.append("%d links on the 目录 for %d entries"
                    % (len(links), len(entries)))
seen = []
for a in links:
    x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
    # the words of the 目录 inside the link's rectangle
    inside = [text for ya, yb, text in lines[1]
              if y0 <= page_h - (ya + yb) / 2 <= y1]
    m = re.match(r"^(.*?)(\d+)$", "".join(inside))
    if not m:
        problems.append("link %s covers no entry (%s)" % (a["/Rect"], inside))
        continue
    title, number = m.group(1), int(m.group(2))
    seen.append(title)
    dest = a.get("/Dest")
    if dest is None and "/A" in a:
        dest = a["/A"].get("/D")
    if isinstance(dest, str):
        if dest not in dests:
            problems.append("the link of %s goes to %s, which is not a "
                            "named destination" % (title, dest))
            continue
        d = dests[dest]
    else:
        problems.append("the link of %s has no named destination" % title)
        continue
    page = reader.get_destination_page_number(d)
    if page != number + 1:
        problems.append("the link of %s (page %d) goes to page %d"
                        % (title, number, page - 1))
    y = heading_below(page, float(d.top), title)
    if isinstance(y, str):
        problems.append("the link of %s: %s" % (title, y))
if sorted(seen) != sorted(e[0] for e in entries):
    problems.append("links over %s\n    目录 %s"
                    % (seen, [e[0] for e in entries]))
report("contents-links", problems)

# 4. the dot leaders, as pdftoppm draws the 目录 (8-bit PGM): in the
# band right of the longest entry and left of the page numbers, ink only
# in rows of dots (a few pixels high), one row per entry
problems = []
with open(PGM, "rb") as f:
    data = f.read()
m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
w, h = int(m.group(1)), int(m.group(2))
px = data[m.end():]
scale = w / float(reader.pages[1].mediabox.width)
longest = max((len(e[0]) for e in entries), default=0)
# the entries are 12 pt type from x = 68 pt, the numbers end at 527 pt
xa = int((68 + 12 * longest + 12) * scale)
xb = int((527 - 3 * 12 - 8) * scale)
# the hairline is a sliver filled with the dot: faint, so any grey counts
# (below the title: the entries start 112 pt down)
inked = [r >= 100 * scale and any(px[r * w + c] < 250 for c in range(xa, xb))
         for r in range(h)]
bands, r = [], 0
while r < h:
    if inked[r]:
        s = r
        while r < h and inked[r]:
            r += 1
        bands.append((s, r - s))
    r += 1
if xb - xa < 20:
    problems.append("no room for leaders between x %d and %d" % (xa, xb))
if len(bands) != len(entries):
    problems.append("%d rows of ink between x %d and %d px for %d entries"
                    % (len(bands), xa, xb, len(entries)))
for s, n in bands:
    if n > 2.5 * scale:  # a dot is 1.2 pt across
        problems.append("ink %d px high from row %d: not a row of dots"
                        % (n, s))
report("contents-leaders", problems)
PYEOF

check() { # KIND DIR BASE
    local kind=$1 dir=$2 base=$3
    pdftotext -bbox-layout "$dir/$base.pdf" "$scratch/$kind.bbox" &&
    pdftotext -layout -f 2 -l 2 "$dir/$base.pdf" "$scratch/$kind.contents" &&
    pdftoppm -gray -r 150 -f 2 -l 2 "$dir/$base.pdf" > "$scratch/$kind.pgm" ||
    { fail "$kind-read" "poppler cannot read $dir/$base.pdf"; return; }
    "$PY" "$scratch/check_nav.py" "$kind" "$dir/$base.pdf" "$dir/$base.txt" \
        "$scratch/$kind.bbox" "$scratch/$kind.contents" "$scratch/$kind.pgm" \
        || fail "$kind-check" "check_nav.py exited $?"
}

run() { # KIND DIR ARGS...
    local kind=$1 dir=$2 rc
    shift 2
    "$FUYUAN" "$@" -o "$dir" --quiet "$SAMPLE" > "$scratch/$kind.out" \
        2> "$scratch/$kind.err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "$kind-run" "fuyuan $* exited $rc:
$(head -20 "$scratch/$kind.err")"
        return 1
    fi
}

for spec in "annual annual-2023 annual --year 2023" \
            "quarterly quarterly-2024Q2 quarterly --quarter 2024Q2"; do
    set -- $spec
    kind=$1 base=$2
    shift 2
    run "$kind" "$scratch/$kind-1" "$@" || continue
    check "$kind" "$scratch/$kind-1" "$base"
    run "$kind" "$scratch/$kind-2" "$@" || continue
    if cmp -s "$scratch/$kind-1/$base.pdf" "$scratch/$kind-2/$base.pdf"; then
        pass "$kind-reproducible"
    else
        fail "$kind-reproducible" "two runs gave different $base.pdf"
    fi
done
