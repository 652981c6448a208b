"""Reading raw documents and describing their structure (documents.py), on the project's documents."""

from pathlib import Path

import pytest

from ruralrev.errors import UserError
from ruralrev.extract.documents import describe_document, layout
from ruralrev.extract.reading import read_document

DOCUMENTS = Path(__file__).resolve().parents[2] / "data" / "raw" / "documents"


def describe(doc_id: str) -> tuple[str, dict]:
    text = read_document(DOCUMENTS / f"{doc_id}.txt")
    return text, describe_document(doc_id, text)


def test_bom_is_dropped_so_offsets_match_utf8_sig(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffRural population was 5 million.".encode("utf-8"))
    assert read_document(path) == "Rural population was 5 million."


@pytest.mark.parametrize(
    "payload, reason",
    [
        ("Rural population".encode("utf-16"), "not UTF-8"),
        (b"Rural \x00\x00 population", "NUL"),
        ("Bevölkerung".encode("latin-1"), "byte 0xf6"),
        # a Chinese text saved in GBK: the line says how to re-save it
        ("六盘水市常住人口289.12万人".encode("gbk"), "GBK or GB18030?); re-save the document as UTF-8 (e.g. `iconv"),
    ],
)
def test_non_utf8_documents_raise_a_one_line_user_error(tmp_path, payload, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    with pytest.raises(UserError) as error:
        read_document(path)
    message = str(error.value)
    assert (
        "bad.txt" in message
        and reason in message
        and "save it as UTF-8" in message.replace("re-save the document", "save it")
    )
    assert "\n" not in message


def test_empty_document_warns_and_has_no_structure(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="empty"):
        text = read_document(path)
    description = describe_document("empty", text)
    assert description["sections"] == [] and description["captions"] == [] and description["words"] == 0


def test_liupanshui_captions_declare_units_and_year_spans():
    text, description = describe("liupanshui_coupling_abstract")
    captions = {(c["kind"], c["number"]): c for c in description["captions"]}
    assert sorted(captions) == [("figure", "1"), ("figure", "2"), ("table", "1"), ("table", "2"), ("table", "3")]
    assert captions["table", "1"]["declared_unit"] == "10,000 mu"
    table2 = captions["table", "2"]
    assert (table2["year_start"], table2["year_end"]) == (2019, 2021)
    assert "Guizhou Province (2019~2021)" in table2["caption"]  # "Prov-\nince" joined
    assert text[table2["start"] : table2["end"]].startswith("Table 2.") and text[
        table2["start"] : table2["end"]
    ].endswith("(2019~2021)")
    assert (captions["figure", "1"]["year_start"], captions["figure", "1"]["year_end"]) == (2010, 2022)
    assert captions["figure", "2"]["year_start"] is None and captions["figure", "2"]["declared_unit"] is None


def test_batang_front_matter_sections_and_policies():
    text, description = describe("batang_common_prosperity")
    assert description["title"].startswith("Research on Promoting Rural Revitalization and Poverty Alleviation")
    assert description["authors"] == ["Chuhan Zhang", "Xin Xu", "Yanzhihui Cao", "Jiarui Yan"]
    assert description["affiliation"].startswith("School of Anhui University of Finance and Economics")
    numbered = {s["number"]: s for s in description["sections"] if s["number"]}
    assert list(numbered)[:5] == ["1", "2", "2.1", "2.2", "2.3"]
    assert numbered["2.3.1"]["level"] == 3 and numbered["4.1"]["level"] == 2
    assert numbered["2.1"]["heading"] == "Changes in China's Rural Population"
    assert "2.1. Changes" in text[numbered["2.1"]["start"] : numbered["2.1"]["end"]]
    captions = description["captions"]
    assert [(c["kind"], c["number"], c["year_start"], c["year_end"]) for c in captions] == [
        ("figure", "1", 2017, 2021),
        ("figure", "2", 2017, 2021),
    ]
    policies = {p["name"]: p for p in description["policies"]}
    opinions = policies["Opinions on the Implementation of the Rural Revitalization Strategy"]
    assert opinions["year"] == 2018 and text[opinions["start"] : opinions["end"]] == opinions["name"]
    plan = "Batang County's 2021 Poverty Alleviation and Rural Revitalization Effective Connection Research Work Plan"
    assert policies[plan]["year"] == 2021


def test_pdf_headings_broken_over_lines_are_joined():
    _, description = describe("poverty_alleviation_revitalization_connection")
    headings = {s["number"]: s["heading"] for s in description["sections"]}
    assert (
        headings["5"]
        == "Opportunities and Challenges in the Development of Rural Revitalization and Poverty Alleviation"
    )
    assert headings["5.1"] == "Transition from Addressing Absolute Poverty to Addressing Long-term Relative Poverty"
    assert headings["7"] == "Conclusion" and "" in headings  # the inline "Abstract:" label
    # wrapped body lines that start with a number ("2020, at the Fifth ...") are not headings
    assert all(not n.startswith("20") for n in headings)


def test_briefing_title_date_and_speaker():
    _, description = describe("zheng_2025_urban_rural_coordination")
    assert description["title"] == "How Does China Promote Urban-Rural Coordination and Rural Revitalization?"
    assert description["date"] == "2025-06-07"
    assert description["authors"] == ["Zheng Changzhong"]


def test_web_page_boilerplate_is_not_body_text():
    text = read_document(DOCUMENTS / "urbanization_revitalization_commentary.txt")
    body = [text[b.start : b.end] for b in layout(text) if b.kind == "body"]
    assert not any("5212013001" in part or "52011202003109" in part for part in body)
    _, description = describe("urbanization_revitalization_commentary")
    assert [s["heading"] for s in description["sections"]] == [
        "Deeply understand the meaning",
        "Overall promotion of two strategies",
        "Focus on key points and work together",
    ]
