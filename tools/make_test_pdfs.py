"""Writes the PDF fixtures of tests/data/pdf/ (python tools/make_test_pdfs.py): documents written for the tests,
rendered by WeasyPrint with the layout noise of real reports and papers, so that the text-layer reader
(ruralrev.extract.pdftext) meets it in the tests:

- guizhou_two_columns.pdf: two pages in two columns, a running head, page numbers in the footer, words
  hyphenated at line ends, a section heading, a table caption and a figure caption; its numbers are those of
  the project's raw tables (so the claim check confirms them);
- scanned.pdf: one page holding only an image (no text layer), as a scanner makes;
- encrypted.pdf: a page locked with a user password (a hand-made standard security handler, revision 2);
- guizhou_zh.pdf: Chinese text on two pages, justified so that lines break inside numbers, a running head
  and "第 N 页" footers, a table caption (表1); its numbers are those of the project's raw tables.

The text is the project's own; no third-party document is copied. Rerun after changing the texts below.
"""

from __future__ import annotations

import base64
import io
import os
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "pdf"

RUNNING_HEAD = "Test document for ruralrev · written for the tests, not a publication"
CSS = (
    """
@page { size: A5; margin: 20mm 13mm 17mm 13mm;
  @top-center { content: "%s"; font-size: 7pt; }
  @bottom-center { content: "– " counter(page) " –"; font-size: 8pt; } }
body { font-family: "DejaVu Serif"; font-size: 9pt; hyphens: auto; text-align: justify; line-height: 1.25; }
.columns { columns: 2; column-gap: 6mm; }
h1 { font-size: 12pt; text-align: left; hyphens: manual; }
h2 { font-size: 10pt; text-align: left; hyphens: manual; }
p.caption { text-align: left; hyphens: manual; font-style: italic; }
"""
    % RUNNING_HEAD
)

TWO_COLUMNS = """
<h1>Urbanization and rural incomes in Guizhou: a test document</h1>
<div class="columns">
<h2>1 Introduction</h2>
<p>This document was written for the tests of the workflow. It states official figures of the project's raw
tables in the way that statistical reports and papers state them, so that every claim it makes can be checked
against the indicator panel.</p>
<p>In 2020, the urbanization rate of Guizhou reached 53.15 percent. At the end of that year the urbanization
rate of China was 63.89 percent. Guizhou's rural residents had a per capita disposable income of 11,642 yuan in 2020,
compared with 17,131 yuan for the rural residents of China as a whole.</p>
<p>Commercialization of agricultural production in mountainous counties requires comprehensive infrastructure:
roads, cold storage and internationally recognized certification of products. Transportation improvements
and electrification of remote villages were extraordinarily important for the relocation programmes.</p>
<h2>2 Population</h2>
<p>The seventh national census counted 38,562,148 residents in Guizhou in 2020, of whom 20,495,946 lived in
towns and cities. Counties in the west of the province remained predominantly rural, and their registered
populations exceeded their resident populations by a wide margin.</p>
<p>Outmigration of working-age residents to the coastal provinces continued throughout the decade. Families
that stayed combined farming with seasonal employment in nearby towns, and many of them depended on transfers
from relatives working elsewhere.</p>
<p class="caption">Table 1: Urban and rural residents of Guizhou at the seventh national census, 2020 (persons)</p>
<p>Characteristically, recommendations of provincial departments emphasized the responsibilities of
township governments for implementation, monitoring and evaluation of the programmes.</p>
<p class="caption">Figure 1. Urbanization rate of Guizhou and of China, 2010–2020 (%)</p>
<p>Interdepartmental coordination remained an unresolved administrative responsibility in most of the
counties visited, notwithstanding considerable institutional experimentation.</p>
<h2>3 Incomes and public services</h2>
<p>Wage income became the largest component of rural household income during the decade, followed by
income from household businesses and by transfers. Agricultural cooperatives organized the marketing of
tea, vegetables and edible fungi, and several counties introduced e-commerce service stations in
their townships.</p>
<p>Public services were extended at the same time: township health centres were rebuilt, boarding schools
were enlarged, and piped water reached most administrative villages. Maintenance of the new infrastructure
depends on county budgets that rely heavily on transfers from the provincial and central governments.</p>
<p>The counties differ considerably in the distances between villages and county towns, in the share of
cultivated land on steep slopes, and in the extent to which migrants return after working in other provinces.
These differences matter for the design of support measures after the end of the poverty alleviation
campaign, when the programmes were consolidated and connected with rural revitalization.</p>
<p>Comparisons between provinces rest on the official series of the national statistical system: the
resident population at the end of each year, the census counts, and the integrated household survey of
urban and rural incomes. Provincial yearbooks revise earlier years after each census.</p>
<h2>4 Conclusion</h2>
<p>Urbanization and rural revitalization in Guizhou advanced together during the decade, but the gap
between the province and the national average narrowed only slowly. Continued monitoring of incomes,
services and migration will show whether the gains are sustained.</p>
</div>
"""

ZH_HEAD = "测试文档 · 为测试编写，非正式出版物"
ZH_CSS = (
    """
@page { size: A5; margin: 20mm 14mm 18mm 14mm;
  @top-center { content: "%s"; font-size: 7pt; font-family: "WenQuanYi Micro Hei"; }
  @bottom-center { content: "第 " counter(page) " 页"; font-size: 8pt; font-family: "WenQuanYi Micro Hei"; } }
body { font-family: "WenQuanYi Micro Hei"; font-size: 10pt; text-align: justify; line-height: 1.5; }
h1 { font-size: 13pt; } h2 { font-size: 11pt; }
"""
    % ZH_HEAD
)
# Chinese text set justified: lines break inside numbers ("53.|15%"), as in statistical communiqués
ZH_FILLER = (
    "各地统筹推进新型城镇化和乡村振兴，完善农村基础设施和公共服务，推动农业产业化经营，"
    "加强易地扶贫搬迁后续扶持，巩固拓展脱贫攻坚成果同乡村振兴有效衔接。"
)
ZH_BODY = (
    "<h1>贵州省城镇化与农村居民收入（测试文档）</h1>"
    "<h2>一、人口与城镇化</h2>"
    "<p>2020年末，贵州省常住人口城镇化率达到53.15%，比上年末提高1.67个百分点。第七次全国人口普查时，"
    "六盘水市常住人口303.16万人。" + ZH_FILLER * 3 + "</p>"
    "<p>表1 2020年贵州省城镇化主要指标</p>"
    "<h2>二、居民收入</h2>"
    "<p>" + ZH_FILLER * 4 + "2020年，贵州省农村居民人均可支配收入11642元，全国农村居民人均可支配收入17131元。</p>"
    "<p>" + ZH_FILLER * 6 + "</p>"
)

# a grey gradient: what a scanner leaves of a page of text, without any text layer
SCAN_PNG_SIZE = (120, 160)


def _png(width: int, height: int) -> bytes:
    """A small greyscale PNG written by hand (no imaging library needed)."""
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _render(body: str, path: Path, lang: str = "en", css: str = CSS) -> None:
    from weasyprint import HTML

    html = f"<html lang='{lang}'><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
    buffer = io.BytesIO()
    HTML(string=html).write_pdf(buffer)
    path.write_bytes(buffer.getvalue())


def encrypted_pdf() -> bytes:
    """A one-page PDF whose standard security handler (revision 2) needs a user password that is not empty:
    readers must refuse to open it without the password. The key material is fixed bytes, not a real secret."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length 8 >>\nstream\n\x8f\x13\xa2\x07\x55\xc1\x9e\x3d\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        b"ab" * 16,
        b"ab" * 16,
        xref,
    )
    return bytes(out)


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # font subsets stamped with a fixed time: same bytes
    OUT.mkdir(parents=True, exist_ok=True)
    _render(TWO_COLUMNS, OUT / "guizhou_two_columns.pdf")
    _render(ZH_BODY, OUT / "guizhou_zh.pdf", lang="zh", css=ZH_CSS)
    image = base64.b64encode(_png(*SCAN_PNG_SIZE)).decode()
    _render(f'<img src="data:image/png;base64,{image}" style="width: 100%">', OUT / "scanned.pdf", css="")
    (OUT / "encrypted.pdf").write_bytes(encrypted_pdf())
    for path in sorted(OUT.glob("*.pdf")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
