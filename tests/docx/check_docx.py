#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""check_docx.py - check an editable draft (.docx) of `fuyuan annual` or
`fuyuan quarterly` against the spec (white-paper.md, "Editable drafts"),
reading it independently of the program that wrote it: the zip with
Python's zipfile and ElementTree, the text with `pandoc -t plain`, the
PDF beside it with PyPDF2 and pdftotext, the workbook with openpyxl.

  check_docx.py NAME DOCX PDF TXT XLSX CHARTS-DIR

Groups of checks, each printed "ok NAME-GROUP" or "not ok NAME-GROUP"
with the reasons indented below (tools/run-tests.sh counts the lines):

  head      the white paper's cover (Title, Subtitle, Author, Date) or the
            notice's head (Notice Issuer, Notice Number, Notice Title,
            Notice To) and 落款 (Signature) are the .txt's
  headings  the Heading 1 / Heading 2 paragraphs (and a 附件's label and
            title) are the PDF's bookmarks, level for level, in order; the
            styles are Word's built-in "heading 1" / "heading 2", and an
            attachment's title is at the outline's top level too
  tables    as many Word tables (w:tbl) as the PDF has table titles (表N,
            its continuations not counted), in the same order, each with
            its title as a Table Caption just above it and its source line
            and notes (Table Source) just below it; the header row repeats
  workbook  every figure and name of every table is the workbook's cell
            of the sheet with the same title (openpyxl), as the paper
            prints it (an excerpt's rows each equal to a row of the sheet,
            in its order), and its source line the sheet's
  pictures  one picture per PNG in CHARTS-DIR, byte for byte, each in a
            Figure paragraph, described by its 图N title, no wider than
            the text
  page      A4, margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm;
            page numbers in the footers (odd and even)
  fonts     the reference's faces: body Noto Serif CJK SC 16 pt, Heading 1
            Noto Sans CJK SC, Heading 2 AR PL UKai CN, Table Caption Noto
            Sans CJK SC; the font table names 仿宋, 黑体, 楷体 for them
  text      `pandoc -t plain` of the .docx holds every line of the .txt,
            in order
  dates     docProps/core.xml: created = SOURCE_DATE_EPOCH
"""

import datetime
import hashlib
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PKG_R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_DETAILS = 12
EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4


def report(name, problems):
    if problems:
        print("not ok %s" % name)
        for p in problems[:MAX_DETAILS]:
            print("    " + p.replace("\n", "\n    "))
        if len(problems) > MAX_DETAILS:
            print("    … and %d more" % (len(problems) - MAX_DETAILS))
    else:
        print("ok %s" % name)


def squash(s):
    return "".join(s.split())


def para_text(p):
    out = []
    for el in p.iter():
        if el.tag == W + "t" and el.text:
            out.append(el.text)
        elif el.tag == W + "br":
            out.append("\n")
    return "".join(out)


def para_style(p):
    ps = p.find(W + "pPr/" + W + "pStyle")
    return ps.get(W + "val") if ps is not None else None


class Docx:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.doc = ET.fromstring(self.zip.read("word/document.xml"))
        self.styles = ET.fromstring(self.zip.read("word/styles.xml"))
        self.body = self.doc.find(W + "body")
        rels = ET.fromstring(self.zip.read("word/_rels/document.xml.rels"))
        self.rels = {r.get("Id"): r.get("Target")
                     for r in rels.iter(PKG_R + "Relationship")}
        # the body's blocks in order (a w:sdt, the contents, as one)
        self.blocks = [el for el in self.body
                       if el.tag in (W + "p", W + "tbl", W + "sdt")]

    def paras(self, style):
        return [p for p in self.blocks
                if p.tag == W + "p" and para_style(p) == style]

    def style(self, sid):
        for s in self.styles.iter(W + "style"):
            if s.get(W + "styleId") == sid:
                return s
        return None


def style_font(d, sid):
    """The east-Asian face of style @sid, following basedOn."""
    while sid:
        s = d.style(sid)
        if s is None:
            return None
        f = s.find(W + "rPr/" + W + "rFonts")
        if f is not None and f.get(W + "eastAsia"):
            return f.get(W + "eastAsia")
        b = s.find(W + "basedOn")
        sid = b.get(W + "val") if b is not None else None
    f = d.styles.find(W + "docDefaults/" + W + "rPrDefault/" + W + "rPr/"
                      + W + "rFonts")
    return f.get(W + "eastAsia") if f is not None else None


def txt_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip().strip("\u3000") for line in f if line.strip()]


# ------------------------------------------------------------------ #
# head                                                                 #
# ------------------------------------------------------------------ #

def check_head(d, lines, notice):
    problems = []

    def one(style, want):
        # several issuers are one a line in the .docx, "、" between them in
        # the .txt; a title is broken into lines by meaning
        sep = "、" if style == "NoticeIssuer" else ""
        got = [para_text(p).replace("\n", sep) for p in d.paras(style)]
        if got != [want]:
            problems.append("%s: %r, expected [%r]" % (style, got, want))

    if notice:
        for style, want in zip(("NoticeIssuer", "NoticeNumber", "NoticeTitle",
                                "NoticeTo"), lines[:4]):
            one(style, want)
        # the 落款: the issuers and the date, after the text, before the
        # first 附件 (where the .txt has them too)
        sig = d.paras("Signature")
        if len(sig) != 1:
            problems.append("%d Signature paragraphs (落款), expected 1"
                            % len(sig))
        else:
            sig_lines = para_text(sig[0]).split("\n")
            text = ["、".join(sig_lines[:-1]), sig_lines[-1]]
            if not any(lines[i:i + 2] == text
                       for i in range(4, len(lines) - 1)):
                problems.append("落款 %r is not two lines of the .txt" % text)
            where = d.blocks.index(sig[0])
            if any(para_style(p) == "AttachmentLabel"
                   for p in d.blocks[:where] if p.tag == W + "p"):
                problems.append("the 落款 comes after a 附件")
        first = [para_style(p) for p in d.blocks[:4]]
        if first != ["NoticeIssuer", "NoticeNumber", "NoticeTitle",
                     "NoticeTo"]:
            problems.append("the document starts %s, not with the head of a "
                            "公文" % first)
    else:
        one("Title", lines[0])
        one("Subtitle", lines[1])
        if len(d.paras("Author")) != 1 or len(d.paras("Date")) != 1:
            problems.append("no Author (issuers) or Date on the cover")
        if not any(b.tag == W + "sdt" and "TOC" in "".join(
                t.text or "" for t in b.iter(W + "instrText"))
                for b in d.blocks):
            problems.append("no contents field (TOC)")
    return problems


# ------------------------------------------------------------------ #
# headings                                                             #
# ------------------------------------------------------------------ #

def pdf_outline(pdf):
    import PyPDF2
    reader = PyPDF2.PdfReader(pdf)
    flat = []

    def walk(items, level):
        for it in items:
            if isinstance(it, list):
                walk(it, level + 1)
            else:
                flat.append((level + 1, it.title))
    walk(reader.outline, 0)
    return flat


def check_headings(d, pdf):
    problems = []
    got = []
    blocks = d.blocks
    for i, p in enumerate(blocks):
        if p.tag != W + "p":
            continue
        st = para_style(p)
        if st == "Heading1":
            got.append((1, para_text(p)))
        elif st == "Heading2":
            got.append((2, para_text(p)))
        elif st == "AttachmentLabel":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            title = para_text(nxt) if nxt is not None and \
                para_style(nxt) == "AttachmentTitle" else ""
            got.append((1, squash(para_text(p) + title)))
    # an attachment (附件N and its title) is a top-level heading in both
    # (in the PDF with a blank between them)
    want = [(level, squash(t) if t.startswith("附件") else t)
            for level, t in pdf_outline(pdf)]
    if got != want:
        for k in range(max(len(got), len(want))):
            g = got[k] if k < len(got) else None
            w = want[k] if k < len(want) else None
            if g != w:
                problems.append("heading %d: .docx %r, PDF bookmark %r"
                                % (k + 1, g, w))
    for sid, name, level in (("Heading1", "heading 1", "0"),
                             ("Heading2", "heading 2", "1"),
                             ("AttachmentTitle", "Attachment Title", "0")):
        s = d.style(sid)
        if s is None:
            problems.append("no style %s" % sid)
            continue
        if s.find(W + "name").get(W + "val") != name:
            problems.append("style %s is not Word's '%s'" % (sid, name))
        lvl = s.find(W + "pPr/" + W + "outlineLvl")
        if lvl is None or lvl.get(W + "val") != level:
            problems.append("style %s has no outline level %s" % (sid, level))
    return problems


# ------------------------------------------------------------------ #
# tables                                                               #
# ------------------------------------------------------------------ #

def pdf_table_titles(pdf):
    text = subprocess.run(["pdftotext", pdf, "-"], check=True,
                          stdout=subprocess.PIPE).stdout.decode("utf-8")
    seen = []
    for line in text.splitlines():
        m = re.match(r"\s*(表\d+) \S", line)
        if m and not line.rstrip().endswith("（续）") and m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


def cell_texts(tbl):
    rows = []
    for tr in tbl.findall(W + "tr"):
        rows.append([para_text(tc).strip() for tc in tr.findall(W + "tc")])
    return rows


def check_tables(d, pdf):
    problems = []
    tables = []  # (caption, rows)
    for i, b in enumerate(d.blocks):
        if b.tag != W + "tbl":
            continue
        cap = d.blocks[i - 1] if i else None
        src = d.blocks[i + 1] if i + 1 < len(d.blocks) else None
        caption = para_text(cap) if cap is not None and \
            para_style(cap) == "TableCaption" else None
        if caption is None:
            problems.append("table %d has no Table Caption above it"
                            % (len(tables) + 1))
        source = para_text(src) if src is not None and \
            para_style(src) == "TableSource" else ""
        if not source:
            problems.append("table %r has no source line (Table Source) "
                            "below it" % caption)
        head = b.find(W + "tr/" + W + "trPr/" + W + "tblHeader")
        if head is None:
            problems.append("table %r: the header row does not repeat"
                            % caption)
        tables.append((caption or "", cell_texts(b), source))
    numbers = [re.match(r"(表\d+)", c).group(1) if re.match(r"表\d+", c)
               else c for c, _, _ in tables]
    want = pdf_table_titles(pdf)
    if numbers != want:
        problems.append("%d tables %s in the .docx, %d in the PDF %s"
                        % (len(numbers), numbers, len(want), want))
    return problems, tables


# ------------------------------------------------------------------ #
# workbook                                                             #
# ------------------------------------------------------------------ #

def same(text, v):
    """1 when the paper's @text shows the workbook's value @v."""
    if v is None or v == "":
        return text in ("—", "", "未填写")
    if isinstance(v, str):
        return text == v
    if isinstance(v, datetime.datetime):
        return text == v.strftime("%Y-%m-%d")
    t = text.replace(",", "").replace("+", "")
    if t in ("—", ""):
        return False
    try:
        if t.endswith("%"):
            x = float(t[:-1]) / 100
            return abs(x - v) <= 0.00005 + 1e-12
        x = float(t)
    except ValueError:
        return False
    decimals = len(t.split(".")[1]) if "." in t else 0
    return abs(x - v) <= 0.5 * 10 ** -decimals + 1e-9


def check_workbook(tables, xlsx):
    problems = []
    wb = openpyxl.load_workbook(xlsx)
    by_title = {}
    for ws in wb.worksheets:
        title = ws.cell(1, 1).value
        if isinstance(title, str):
            by_title[title] = ws
    compared = 0
    for caption, rows, source in tables:
        ws = by_title.get(caption)
        if ws is None:
            problems.append("no sheet has the title %r" % caption)
            continue
        if ws.cell(2, 1).value != source:
            problems.append("%s: the source line %r, the workbook's %r"
                            % (ws.title, source, ws.cell(2, 1).value))
        # the header row: the first whose first cell is the table's
        head = next((r for r in range(1, 10)
                     if ws.cell(r, 1).value == rows[0][0]), None)
        if head is None:
            problems.append("%s: no header row %r" % (ws.title, rows[0][0]))
            continue
        last = head
        while ws.cell(last + 1, 1).value not in (None, ""):
            last += 1
        # the rows of the workbook the table shows: all of them, or an
        # excerpt (the annex's top 20, a notice's ranked rows): each row
        # the next one of the workbook that it equals cell for cell (so in
        # the workbook's order), and no 合计 row
        if len(rows) - 1 == last - head:
            at = list(range(head + 1, last + 1))
        else:
            at, r = [], head + 1
            for row in rows[1:]:
                while r <= last and not all(
                        same(text, ws.cell(r, c + 1).value)
                        for c, text in enumerate(row)):
                    r += 1
                if r > last:
                    problems.append("%s: row %r is not in the workbook, or "
                                    "not in its order" % (ws.title, row))
                    break
                at.append(r)
                r += 1
            if "合计" in [row[0] for row in rows[1:]]:
                problems.append("%s: an excerpt with a 合计 row" % ws.title)
        for row, r in zip(rows[1:], at):
            for c, text in enumerate(row):
                v = ws.cell(r, c + 1).value
                compared += 1
                if not same(text, v):
                    problems.append("%s %s%d: the .docx shows %r, the "
                                    "workbook holds %r"
                                    % (ws.title, chr(ord("A") + c), r,
                                       text, v))
    if not compared:
        problems.append("no figure compared")
    return problems


# ------------------------------------------------------------------ #
# pictures, page, fonts                                                #
# ------------------------------------------------------------------ #

def check_pictures(d, charts):
    problems = []
    pngs = sorted(f for f in os.listdir(charts) if f.endswith(".png")) \
        if os.path.isdir(charts) else []
    want = [hashlib.sha256(open(os.path.join(charts, f), "rb").read())
            .hexdigest() for f in pngs]
    got = []
    sect_w = int(d.body.find(W + "sectPr/" + W + "pgSz").get(W + "w"))
    mar = d.body.find(W + "sectPr/" + W + "pgMar")
    text_w_emu = (sect_w - int(mar.get(W + "left")) - int(mar.get(W + "right"))) \
        * 635
    for n, p in enumerate(d.blocks):
        for blip in p.iter(A + "blip"):
            target = d.rels.get(blip.get(R + "embed"))
            data = d.zip.read("word/" + target)
            got.append(hashlib.sha256(data).hexdigest())
            if para_style(p) != "Figure":
                problems.append("picture %d is in a %s paragraph, not Figure"
                                % (len(got), para_style(p)))
            doc_pr = p.find(".//" + WP + "docPr")
            descr = doc_pr.get("descr") if doc_pr is not None else ""
            if not re.match(r"图%d　" % len(got), descr or ""):
                problems.append("picture %d is described %r, not 图%d"
                                % (len(got), descr, len(got)))
            ext = p.find(".//" + WP + "extent")
            if ext is not None and int(ext.get("cx")) > text_w_emu + 36000:
                problems.append("picture %d is %.0f mm wide, wider than the "
                                "text" % (len(got),
                                          int(ext.get("cx")) / EMU_PER_MM))
    if got != want:
        problems.append("pictures %d, not the %d PNGs of charts/ in order"
                        % (len(got), len(want)))
    return problems


def check_page(d):
    problems = []
    sect = d.body.find(W + "sectPr")
    size = sect.find(W + "pgSz")
    mar = sect.find(W + "pgMar")
    if (size.get(W + "w"), size.get(W + "h")) != ("11906", "16838"):
        problems.append("page %sx%s twips, not A4" % (size.get(W + "w"),
                                                      size.get(W + "h")))
    for side, mm in (("top", 37), ("left", 28), ("right", 26),
                     ("bottom", 35)):
        got = int(mar.get(W + side))
        if abs(got - mm * TWIPS_PER_MM) > 3:
            problems.append("margin %s %.1f mm, not %d mm"
                            % (side, got / TWIPS_PER_MM, mm))
    kinds = {}
    for ref in sect.findall(W + "footerReference"):
        kinds[ref.get(W + "type")] = d.rels.get(ref.get(R + "id"))
    for kind in ("default", "even"):
        target = kinds.get(kind)
        xml = d.zip.read("word/" + target).decode("utf-8") if target else ""
        if "PAGE" not in xml:
            problems.append("no page number in the %s footer" % kind)
    return problems


def check_fonts(d):
    problems = []
    want = {None: "Noto Serif CJK SC", "Heading1": "Noto Sans CJK SC",
            "Heading2": "AR PL UKai CN", "TableCaption": "Noto Sans CJK SC",
            "BodyText": "Noto Serif CJK SC"}
    for sid, face in want.items():
        got = style_font(d, sid)
        if got != face:
            problems.append("%s: %s, not %s" % (sid or "the body", got, face))
    sz = d.styles.find(W + "docDefaults/" + W + "rPrDefault/" + W + "rPr/"
                       + W + "sz")
    if sz is None or sz.get(W + "val") != "32":
        problems.append("the body is not 3号 (16 pt)")
    fonts = ET.fromstring(d.zip.read("word/fontTable.xml"))
    alt = {f.get(W + "name"): (f.find(W + "altName").get(W + "val")
                               if f.find(W + "altName") is not None else None)
           for f in fonts.iter(W + "font")}
    for face, name in (("Noto Serif CJK SC", "仿宋"),
                       ("Noto Sans CJK SC", "黑体"), ("AR PL UKai CN", "楷体")):
        if alt.get(face) != name:
            problems.append("the font table does not name %s for %s"
                            % (name, face))
    return problems


# ------------------------------------------------------------------ #
# text and dates                                                       #
# ------------------------------------------------------------------ #

def check_text(docx, lines, notice):
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain",
                            "--wrap=none", docx], check=True,
                           stdout=subprocess.PIPE).stdout.decode("utf-8")
    body = squash(plain)
    problems = []
    at = 0
    # the white paper's title and subtitle are its cover (pandoc reads
    # them as metadata, not text): check_head() has them
    for line in lines if notice else lines[2:]:
        k = body.find(squash(line), at)
        if k < 0:
            problems.append("not in the .docx (or not in order): %s" % line)
        else:
            at = k + len(squash(line))
    return problems


def check_dates(d):
    core = d.zip.read("docProps/core.xml").decode("utf-8")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    want = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc) \
        .strftime("%Y-%m-%dT%H:%M:%SZ")
    got = re.findall(r"<dcterms:created[^>]*>([^<]*)<", core)
    return [] if got == [want] else ["created %s, not %s" % (got, want)]


def main():
    name, docx, pdf, txt, xlsx, charts = sys.argv[1:7]
    d = Docx(docx)
    lines = txt_lines(txt)
    notice = bool(d.paras("NoticeIssuer"))
    report(name + "-head", check_head(d, lines, notice))
    report(name + "-headings", check_headings(d, pdf))
    problems, tables = check_tables(d, pdf)
    report(name + "-tables", problems)
    report(name + "-workbook", check_workbook(tables, xlsx))
    report(name + "-pictures", check_pictures(d, charts))
    report(name + "-page", check_page(d))
    report(name + "-fonts", check_fonts(d))
    report(name + "-text", check_text(docx, lines, notice))
    report(name + "-dates", check_dates(d))


if __name__ == "__main__":
    main()
