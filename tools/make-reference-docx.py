#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make-reference-docx.py - the reference documents pandoc takes the
styles, fonts and page of the editable drafts (.docx) from:

  data/reference.docx         the white paper: a cover without a page number
  data/reference-notice.docx  the quarterly 通报 (a 公文): every page numbered

Both start from pandoc's own reference.docx (`pandoc -o ref.docx
--print-default-data-file reference.docx`) and change only what a court's
draft needs (white-paper.md, "The 通报's page: GB/T 9704-2012", "Editable
drafts"):

- the page: A4, top margin 37 mm, left (binding) margin 28 mm, a text block
  of 156 x 225 mm (so right 26 mm, bottom 35 mm), a document grid of 22
  lines of 28 characters;
- page numbers "— 1 —" in 4号 (14 pt), odd pages right, even pages left,
  one character in from the margin;
- the faces: body 3号 (16 pt) Noto Serif CJK SC (for 仿宋), level-1
  headings Noto Sans CJK SC (for 黑体), level-2 AR PL UKai CN (for 楷体),
  the head and titles Noto Serif CJK SC Bold (for 小标宋); the font table
  names the commercial face each stands in for (w:altName), so that Word
  or WPS on an office machine without the free faces substitutes them;
- the styles the drafts use by name: pandoc's (Title, Heading 1, Body Text,
  First Paragraph, Compact for table cells, Table Caption, Image Caption,
  Captioned Figure, TOC Heading, the table style "Table") and fuyuan's own
  (Byline, Table Source, Figure Source, Page Break, Attachment Note,
  Signature, Notice Issuer, Notice Number, Notice Title, Notice To,
  Attachment Label, Attachment Title).

The zip is written with fixed timestamps and a fixed member order, so the
same pandoc gives the same bytes. Run it again after changing a style:

  tools/make-reference-docx.py [OUTDIR]      (default: data/)

and commit its output.
"""
import io
import os
import re
import subprocess
import sys
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Page, in twentieths of a point (1 mm = 56.6929 twips).
def mm(x):
    return int(round(x * 1440 / 25.4))

PAGE_W, PAGE_H = mm(210), mm(297)          # A4: 11906 x 16838
TOP, LEFT = mm(37), mm(28)                 # GB/T 9704-2012
TEXT_W, TEXT_H = mm(156), mm(225)
RIGHT = PAGE_W - LEFT - TEXT_W
BOTTOM = PAGE_H - TOP - TEXT_H
# 22 lines in the text block (a line grid); 28 characters of 16 pt on a
# line: the body's characters 0.25 pt closer (a character grid would do
# it too, but spreads digits and Latin letters over whole cells).
LINE_PITCH = TEXT_H // 22                           # 579
CONDENSE = -5                                       # twentieths of a point
# The page number: 7 mm under the text block (its top edge).
FOOTER = BOTTOM - mm(7) - mm(5)

BODY = "Noto Serif CJK SC"      # 仿宋 (and 小标宋 in bold)
HEI = "Noto Sans CJK SC"        # 黑体
KAI = "AR PL UKai CN"           # 楷体
RED = "E60012"                  # the red of the PDF's 公文


def fonts(face):
    return ('<w:rFonts w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:cs="%s" />'
            % (face, face, face, face))


def size(pt):
    hp = int(round(pt * 2))
    return '<w:sz w:val="%d" /><w:szCs w:val="%d" />' % (hp, hp)


def style(sid, name, ppr="", rpr="", based="Normal", nxt=None, custom=False,
          kind="paragraph", extra=""):
    return ('<w:style w:type="%s"%s w:styleId="%s"><w:name w:val="%s" />'
            '%s%s%s<w:qFormat />%s%s</w:style>'
            % (kind, ' w:customStyle="1"' if custom else "", sid, name,
               '<w:basedOn w:val="%s" />' % based if based else "",
               '<w:next w:val="%s" />' % nxt if nxt else "",
               extra,
               "<w:pPr>%s</w:pPr>" % ppr if ppr else "",
               "<w:rPr>%s</w:rPr>" % rpr if rpr else ""))


NO_GRID = '<w:snapToGrid w:val="0" />'
INDENT2 = '<w:ind w:firstLineChars="200" w:firstLine="640" />'
KEEP = "<w:keepNext /><w:keepLines />"
FLAT = '<w:spacing w:before="0" w:after="0" />'
SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto" />'


def spacing(before=0, after=0, line=None):
    s = '<w:spacing w:before="%d" w:after="%d"' % (before, after)
    if line:
        s += ' w:line="%d" w:lineRule="exact"' % line
    return s + " />"


# Every style the drafts use, by style id (pandoc's ids where pandoc names
# the style; the names are what Word and WPS show).
STYLES = [
    style("Normal", "Normal", based=None,
          ppr='<w:widowControl />' + FLAT + '<w:jc w:val="both" />',
          rpr='<w:spacing w:val="%d" />' % CONDENSE),
    style("BodyText", "Body Text", ppr=FLAT + INDENT2,
          extra='<w:link w:val="BodyTextChar" />'),
    style("FirstParagraph", "First Paragraph", based="BodyText",
          nxt="BodyText", custom=True),
    # table cells: 小五 (9 pt), off the line grid
    style("Compact", "Compact", based="Normal", custom=True,
          ppr=NO_GRID + SINGLE, rpr='<w:spacing w:val="0" />' + size(9)),
    style("Title", "Title", nxt="Subtitle",
          ppr=KEEP + NO_GRID + spacing(mm(70), 480) + '<w:jc w:val="center" />',
          rpr=fonts(BODY) + "<w:b /><w:bCs />" + size(26)),
    style("Subtitle", "Subtitle", based="Title", nxt="Author",
          ppr=KEEP + spacing(0, 0) + '<w:jc w:val="center" />',
          rpr=fonts(KAI) + '<w:b w:val="0" /><w:bCs w:val="0" />' + size(16)),
    style("Author", "Author", custom=True, nxt="Date",
          ppr=KEEP + NO_GRID + spacing(mm(90), 240) + '<w:jc w:val="center" />',
          rpr=size(16)),
    style("Date", "Date", nxt="BodyText",
          ppr=KEEP + NO_GRID + spacing(0, 0) + '<w:jc w:val="center" />',
          rpr=size(16)),
    style("Heading1", "heading 1", nxt="BodyText",
          ppr=KEEP + FLAT + INDENT2 + '<w:outlineLvl w:val="0" />',
          rpr=fonts(HEI) + size(16),
          extra='<w:uiPriority w:val="9" />'),
    style("Heading2", "heading 2", nxt="BodyText",
          ppr=KEEP + FLAT + INDENT2 + '<w:outlineLvl w:val="1" />',
          rpr=fonts(KAI) + size(16),
          extra='<w:uiPriority w:val="9" /><w:unhideWhenUsed />'),
    style("Heading3", "heading 3", nxt="BodyText",
          ppr=KEEP + FLAT + INDENT2 + '<w:outlineLvl w:val="2" />',
          rpr=size(16),
          extra='<w:uiPriority w:val="9" /><w:unhideWhenUsed />'),
    style("Heading4", "heading 4", nxt="BodyText",
          ppr=KEEP + FLAT + INDENT2 + '<w:outlineLvl w:val="3" />',
          rpr=size(16),
          extra='<w:uiPriority w:val="9" /><w:unhideWhenUsed />'),
    style("TableCaption", "Table Caption", based="Caption", custom=True,
          ppr=KEEP + NO_GRID + spacing(160, 80) + '<w:jc w:val="center" />',
          rpr=fonts(HEI) + size(12)),
    style("ImageCaption", "Image Caption", based="Caption", custom=True,
          ppr=KEEP + NO_GRID + spacing(60, 0) + '<w:jc w:val="center" />',
          rpr=fonts(HEI) + size(12)),
    style("Caption", "caption", based="Normal",
          ppr=NO_GRID + spacing(0, 0), rpr=size(12)),
    style("Figure", "Figure", custom=True,
          ppr=NO_GRID + spacing(160, 0) + '<w:jc w:val="center" />'),
    style("CaptionedFigure", "Captioned Figure", based="Figure",
          custom=True, ppr=KEEP),
    style("TOCHeading", "TOC Heading", based="Heading1", nxt="BodyText",
          ppr='<w:pageBreakBefore />' + NO_GRID + spacing(0, 480)
          + '<w:ind w:firstLineChars="0" w:firstLine="0" />'
          + '<w:jc w:val="center" /><w:outlineLvl w:val="9" />',
          rpr=size(18), extra='<w:uiPriority w:val="39" /><w:unhideWhenUsed />'),
    style("TOC1", "toc 1", nxt="BodyText",
          ppr='<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="%d" />'
          '</w:tabs>' % TEXT_W + FLAT,
          extra='<w:uiPriority w:val="39" /><w:unhideWhenUsed />'),
    # the type of table cells other than Compact's 9 pt, as character
    # styles: a table is set in the largest size at which it fits, from
    # 小四 (12 pt) down, as the PDF sets it
] + [
    style("TableText%s" % tag, "Table Text %spt" % name, kind="character",
          based=None, custom=True, rpr=size(pt))
    for tag, name, pt in (("12pt", "12", 12), ("10.5pt", "10.5", 10.5),
                          ("8pt", "8", 8), ("7pt", "7", 7),
                          ("6.5pt", "6.5", 6.5))
] + [
    # fuyuan's own paragraph styles
    style("Byline", "Byline", custom=True, nxt="BodyText",
          ppr=KEEP + FLAT + INDENT2),
    style("TableSource", "Table Source", custom=True, nxt="BodyText",
          ppr=NO_GRID + spacing(60, 240) + '<w:jc w:val="left" />',
          rpr=size(9)),
    style("FigureSource", "Figure Source", custom=True, nxt="BodyText",
          ppr=NO_GRID + spacing(0, 240) + '<w:jc w:val="center" />',
          rpr=size(9)),
    # an empty paragraph that starts a new page and takes no room on it
    style("PageBreak", "Page Break", custom=True, nxt="BodyText",
          ppr='<w:pageBreakBefore />' + NO_GRID + spacing(0, 0, 20),
          rpr=size(1)),
    # 附件：1. …, the next items under "1.": two characters in, hanging
    # by the three of 附件：, not justified (a line ends at each item)
    style("AttachmentNote", "Attachment Note", custom=True, nxt="BodyText",
          ppr=spacing(LINE_PITCH, 0)
          + '<w:ind w:leftChars="500" w:left="1600" w:hangingChars="300" '
          'w:hanging="960" /><w:jc w:val="left" />'),
    style("Signature", "Signature", nxt="BodyText",
          ppr='<w:keepLines />' + spacing(2 * LINE_PITCH, 0)
          + '<w:ind w:rightChars="400" w:right="1280" />'
          + '<w:jc w:val="right" />'),
    # the head of a 公文 (docs/notice.md): the 标志 35 mm under the top of
    # the text block, the 文号 two lines under it, the red rule 4 mm under
    # that, the 标题 two lines under the rule, the 主送 one line under it
    style("NoticeIssuer", "Notice Issuer", custom=True, nxt="NoticeNumber",
          ppr=KEEP + NO_GRID + spacing(mm(35), 2 * LINE_PITCH)
          + '<w:jc w:val="center" />',
          rpr=fonts(BODY) + "<w:b /><w:bCs />" + '<w:color w:val="%s" />' % RED
          + size(26)),
    style("NoticeNumber", "Notice Number", custom=True, nxt="NoticeTitle",
          ppr=KEEP + '<w:pBdr><w:bottom w:val="single" w:sz="12" '
          'w:space="11" w:color="%s" /></w:pBdr>' % RED + NO_GRID
          + spacing(0, 0, LINE_PITCH) + '<w:jc w:val="center" />'),
    style("NoticeTitle", "Notice Title", custom=True, nxt="NoticeTo",
          ppr=KEEP + NO_GRID + spacing(2 * LINE_PITCH, LINE_PITCH)
          + '<w:jc w:val="center" />',
          rpr=fonts(BODY) + "<w:b /><w:bCs />" + size(22)),
    style("NoticeTo", "Notice To", custom=True, nxt="BodyText",
          ppr=KEEP + FLAT + '<w:jc w:val="left" />'),
    style("AttachmentLabel", "Attachment Label", custom=True,
          nxt="AttachmentTitle",
          ppr=KEEP + '<w:pageBreakBefore />' + FLAT + '<w:jc w:val="left" />',
          rpr=fonts(HEI)),
    # on the third line of its page, one line free under it; in the
    # navigation pane like the PDF's bookmarks
    style("AttachmentTitle", "Attachment Title", based="NoticeTitle",
          custom=True, nxt="BodyText",
          ppr=KEEP + NO_GRID + spacing(LINE_PITCH, LINE_PITCH)
          + '<w:jc w:val="center" /><w:outlineLvl w:val="0" />'),
    style("Footer", "footer", nxt="Footer", ppr=NO_GRID + FLAT,
          rpr=size(14)),
    # the table style pandoc names every table with: a full grid of thin
    # rules, cells padded a little, the header row repeated
    '<w:style w:type="table" w:default="1" w:styleId="Table">'
    '<w:name w:val="Table" /><w:basedOn w:val="TableNormal" />'
    '<w:tblPr><w:tblStyleRowBandSize w:val="1" />'
    '<w:tblStyleColBandSize w:val="1" /><w:jc w:val="center" />'
    '<w:tblBorders>'
    + "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000" />'
              % b for b in ("top", "left", "bottom", "right", "insideH",
                            "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa" />'
    '<w:left w:w="85" w:type="dxa" /><w:bottom w:w="28" w:type="dxa" />'
    '<w:right w:w="85" w:type="dxa" /></w:tblCellMar></w:tblPr>'
    '<w:tcPr><w:vAlign w:val="center" /></w:tcPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b /><w:bCs /></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2" /></w:tcPr>'
    '</w:tblStylePr></w:style>',
]

DOC_DEFAULTS = (
    '<w:docDefaults><w:rPrDefault><w:rPr>' + fonts(BODY)
    + '<w:kern w:val="2" />' + size(16)
    + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />'
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
    '<w:spacing w:after="0" /></w:pPr></w:pPrDefault></w:docDefaults>')

# The free faces, each with the commercial face it stands in for.
FONT_TABLE = [
    (BODY, "仿宋", "02020400000000000000", "roman"),
    (HEI, "黑体", "020B0500000000000000", "swiss"),
    (KAI, "楷体", "02010600030101010101", "script"),
]


def style_id(xml):
    return re.search(r'w:styleId="([^"]*)"', xml).group(1)


def edit_styles(xml):
    xml = re.sub(r"<w:docDefaults>.*?</w:docDefaults>", DOC_DEFAULTS, xml,
                 count=1, flags=re.S)
    for new in STYLES:
        sid = style_id(new)
        pat = re.compile(r'<w:style\b[^>]*w:styleId="%s"[^>]*>.*?</w:style>'
                         % re.escape(sid), re.S)
        if pat.search(xml):
            xml = pat.sub(lambda m: new, xml, count=1)
        else:
            xml = xml.replace("</w:styles>", new + "</w:styles>")
    return xml


def footer(align):
    """A footer: the page number "— N —" at the @align side, one character
    in from the margin (GB/T 9704: 单页码居右空一字，双页码居左空一字);
    without @align, an empty one (the cover's)."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:ftr xmlns:w="%s" xmlns:r="%s">' % (W_NS, R_NS))
    if not align:
        return head + ('<w:p><w:pPr><w:pStyle w:val="Footer" /></w:pPr>'
                       '</w:p></w:ftr>')
    text = '<w:r><w:t xml:space="preserve">%s</w:t></w:r>'
    field = ('<w:r><w:fldChar w:fldCharType="begin" /></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate" /></w:r>'
             '<w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end" /></w:r>')
    return head + ('<w:p><w:pPr><w:pStyle w:val="Footer" />'
                   '<w:ind w:%sChars="100" w:%s="280" /><w:jc w:val="%s" />'
                   '</w:pPr>%s%s%s</w:p></w:ftr>'
                   % (align, align, align, text % "— ", field, text % " —"))


def sect_pr(cover):
    refs = ('<w:footerReference w:type="default" r:id="rIdFooterOdd" />'
            '<w:footerReference w:type="even" r:id="rIdFooterEven" />')
    if cover:
        refs += '<w:footerReference w:type="first" r:id="rIdFooterFirst" />'
    return ('<w:sectPr>%s<w:pgSz w:w="%d" w:h="%d" />'
            '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" '
            'w:header="851" w:footer="%d" w:gutter="0" />'
            '<w:cols w:space="425" />%s'
            '<w:docGrid w:type="lines" w:linePitch="%d" /></w:sectPr>'
            % (refs, PAGE_W, PAGE_H, TOP, RIGHT, BOTTOM, LEFT, FOOTER,
               "<w:titlePg />" if cover else "", LINE_PITCH))


def edit_document(xml, cover):
    # pandoc reads only the last sectPr of the reference's body
    head = xml[:xml.index("<w:body>")]
    return head + "<w:body>" + sect_pr(cover) + "</w:body></w:document>\n"


def edit_settings(xml, cover):
    # where the schema puts them: updateFields after savePreviewPicture
    # (Word fills in the contents when it opens the white paper), and
    # evenAndOddHeaders after defaultTabStop
    if cover:
        xml = xml.replace("<w:savePreviewPicture />",
                          "<w:savePreviewPicture />"
                          '<w:updateFields w:val="true" />', 1)
    xml = xml.replace("<w:drawingGridHorizontalSpacing",
                      "<w:evenAndOddHeaders /><w:drawingGridHorizontalSpacing", 1)
    xml = xml.replace('<w:themeFontLang w:val="en-US" />',
                      '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN" />')
    return xml


def edit_fonts(xml):
    add = "".join(
        '<w:font w:name="%s"><w:altName w:val="%s" />'
        '<w:panose1 w:val="%s" /><w:charset w:val="86" />'
        '<w:family w:val="%s" /><w:pitch w:val="variable" /></w:font>'
        % (name, alt, panose, family)
        for name, alt, panose, family in FONT_TABLE)
    return xml.replace("</w:fonts>", add + "</w:fonts>")


def edit_rels(xml, cover):
    add = ('<Relationship Id="rIdFooterOdd" Type="%s/footer" '
           'Target="footer1.xml" />'
           '<Relationship Id="rIdFooterEven" Type="%s/footer" '
           'Target="footer2.xml" />' % (R_NS, R_NS))
    if cover:
        add += ('<Relationship Id="rIdFooterFirst" Type="%s/footer" '
                'Target="footer3.xml" />' % R_NS)
    # the sample hyperlink of pandoc's reference goes
    xml = re.sub(r'<Relationship [^>]*TargetMode="External" />', "", xml)
    return xml.replace("</Relationships>", add + "</Relationships>")


def edit_types(xml, cover):
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
    parts = ["footer1.xml", "footer2.xml"] + (["footer3.xml"] if cover else [])
    add = "".join('<Override PartName="/word/%s" ContentType="%s" />'
                  % (p, ct) for p in parts)
    return xml.replace("</Types>", add + "</Types>")


def make(base, cover):
    """The members of the reference for the white paper (@cover) or the
    notice, as (name, bytes) in zip order."""
    members = dict(base)
    text = {k: v.decode("utf-8") for k, v in members.items()
            if k.endswith(".xml") or k.endswith(".rels")}
    text["word/styles.xml"] = edit_styles(text["word/styles.xml"])
    text["word/document.xml"] = edit_document(text["word/document.xml"],
                                              cover)
    text["word/settings.xml"] = edit_settings(text["word/settings.xml"],
                                              cover)
    text["word/fontTable.xml"] = edit_fonts(text["word/fontTable.xml"])
    text["word/_rels/document.xml.rels"] = edit_rels(
        text["word/_rels/document.xml.rels"], cover)
    text["[Content_Types].xml"] = edit_types(text["[Content_Types].xml"],
                                             cover)
    text["word/footer1.xml"] = footer("right")   # odd pages
    text["word/footer2.xml"] = footer("left")     # even pages
    if cover:
        text["word/footer3.xml"] = footer(None)     # the cover: none
    for k, v in text.items():
        members[k] = v.encode("utf-8")
    names = sorted(members, key=lambda n: (n != "[Content_Types].xml", n))
    return [(n, members[n]) for n in names]


def write_zip(path, members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(buf.getvalue())
    os.replace(tmp, path)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data")
    raw = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.docx"],
        check=True, stdout=subprocess.PIPE).stdout
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        base = [(n, z.read(n)) for n in z.namelist()]
    write_zip(os.path.join(out, "reference.docx"), make(base, True))
    write_zip(os.path.join(out, "reference-notice.docx"), make(base, False))


if __name__ == "__main__":
    main()
