"""Figures from the panel: traceable plotted data, honest gaps, separate census and successor-fund marks, stable bytes."""

from pathlib import Path

import pandas as pd
import pytest

from ruralrev.figures import registry as figures
from ruralrev.figures import series
from ruralrev import plotstyle
from ruralrev.errors import UserError
from ruralrev.panel.build import build_from_dir

PLACES = ["100000", "520000", "520200"]  # config/config.yaml: urbanization_figure_places
TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """The real harmonized panel, with China's 2015 urbanization rate taken out to test that gaps stay gaps."""
    indicators = build_from_dir(TABLES, [TABLES.parent / "SOURCES.md"])["indicators"]
    china_2015 = ((indicators["indicator"] == "urbanization_rate") & (indicators["geo_code"] == "100000")
                  & (indicators["year"] == 2015))
    return indicators[~china_2015.fillna(False)].reset_index(drop=True)


def test_rural_population_plots_year_end_bars_and_census_point_apart(panel, tmp_path):
    result = figures.render("rural_population", panel, tmp_path)
    plotted = pd.read_csv(result["csv"], dtype={"geo_code": str})
    year_end = plotted[plotted["definition"] == "year_end"]
    assert year_end["year"].tolist() == [2017, 2018, 2019, 2020, 2021]
    # Revised current series: 55668 x 10k persons at end-2017, i.e. 556.68 million.
    assert year_end.set_index("year").loc[2017, "value"] == pytest.approx(556.68)
    census = plotted[plotted["definition"] == "census"]
    assert census["value"].tolist() == [pytest.approx(509.787562)]
    assert "1 November 2020" in result["caption"]
    assert set(plotted.columns) >= {"geo_code", "indicator", "year", "value", "unit", "vintage", "source", "raw_file", "raw_row"}


def test_every_plotted_point_traces_back_to_its_raw_row(panel, tmp_path):
    plotted = figures.render("poverty_fund", panel, tmp_path)["plotted"]
    assert plotted["year"].tolist() == [2021, 2016, 2017, 2018, 2019, 2020]  # sorted by indicator, linkage first
    for _, point in plotted.iterrows():
        raw = pd.read_csv(TABLES / point["raw_file"], dtype=str, keep_default_na=False).iloc[int(point["raw_row"]) - 1]
        assert int(raw["year"]) == point["year"]
        assert float(raw["value"]) / 10 == pytest.approx(point["value"])  # 100 million yuan -> billion yuan


def test_successor_fund_is_a_separate_series_not_a_continuation(panel, tmp_path):
    result = figures.render("poverty_fund", panel, tmp_path)
    by_indicator = result["plotted"].groupby("indicator")["year"].apply(list).to_dict()
    assert by_indicator == {"linkage_fund_central": [2021], "poverty_fund_central": [2016, 2017, 2018, 2019, 2020]}
    assert "different programme" in result["caption"]


def test_missing_years_are_gaps_and_named_in_the_caption(panel, tmp_path):
    result = figures.render("urbanization_rate", panel, tmp_path, places=PLACES)
    plotted = result["plotted"]
    china = plotted[plotted["geo_code"] == "100000"]["year"].tolist()
    assert 2015 not in china and 2014 in china and 2016 in china
    liupanshui = plotted[plotted["geo_code"] == "520200"]
    assert liupanshui["year"].tolist() == [2010, 2020]
    assert set(liupanshui["definition"]) == {"census"}
    assert "China: no year-end value for 2015" in result["caption"]
    assert "Liupanshui: no year-end value for 2010–2022" in result["caption"]
    assert plotted["value"].notna().all()
    # First-published Guizhou figures are named as another vintage, not silently dropped.
    assert "Guizhou 2018: 47.52" in result["caption"]


def test_year_runs_never_bridge_a_gap():
    assert series.year_runs([2014, 2010, 2011, 2016]) == [[2010, 2011], [2014], [2016]]
    assert series.year_ranges([2011, 2012, 2013, 2021]) == "2011–2013, 2021"


def test_figure_without_any_data_is_refused(panel, tmp_path):
    without_fund = panel[panel["indicator"] != "poverty_fund_central"]
    with pytest.raises(UserError, match="poverty_fund.*poverty_fund_central"):
        figures.render("poverty_fund", without_fund, tmp_path)
    assert not (tmp_path / "poverty_fund.png").exists()


def test_unknown_figure_is_refused(panel, tmp_path):
    with pytest.raises(UserError, match="unknown figure 'bogus'"):
        figures.render("bogus", panel, tmp_path)


def test_same_inputs_give_identical_bytes(panel, tmp_path):
    first = figures.render("urbanization_rate", panel, tmp_path / "a", places=PLACES)
    second = figures.render("urbanization_rate", panel, tmp_path / "b", places=PLACES)
    for kind in ("png", "svg", "csv"):
        assert Path(first[kind]).read_bytes() == Path(second[kind]).read_bytes(), kind
    assert first["caption"] == second["caption"]


def test_urbanization_places_come_from_config(panel, tmp_path):
    result = figures.render("urbanization_rate", panel, tmp_path, places=["520000", "100000"])
    assert sorted(result["plotted"]["geo_code"].unique()) == ["100000", "520000"]
    assert "Guizhou, China" in result["caption"]
    with pytest.raises(UserError, match="place '999999'"):
        figures.render("urbanization_rate", panel, tmp_path, places=["999999"])
    with pytest.raises(UserError, match="takes no option"):
        figures.render("poverty_fund", panel, tmp_path, places=["100000"])


def test_root_matplotlibrc_matches_the_house_style():
    rc_file = Path(__file__).resolve().parents[2] / "matplotlibrc"
    assert rc_file.read_text(encoding="utf-8") == plotstyle.matplotlibrc_text()
