"""Unit conversion to base units, on the unit strings of the real raw tables."""

import csv
from pathlib import Path

import pint
import pytest

from ruralrev.errors import UserError
from ruralrev.panel.units import registry, to_base

TABLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "tables"


@pytest.mark.parametrize(
    "value, unit, expected, base",
    [
        (860.95, "100 million yuan (亿元)", 86_095_000_000, "yuan"),
        (860.95, "亿元", 86_095_000_000, "yuan"),
        (1201.08, "100m CNY", 120_108_000_000, "yuan"),
        (66.7, "billion yuan", 66_700_000_000, "yuan"),
        (5208.93, "10k mu", 3_472_620, "ha"),
        (5208.93, "万亩", 3_472_620, "ha"),
        (17.64, "100 million mu (亿亩)", 117_600_000, "ha"),
        (347.26, "10k ha", 3_472_600, "ha"),
        (11897, "10,000 hectares", 118_970_000, "ha"),
        # 13657 亿斤 = 1.3657e12 jin x 0.5 kg = 6.8285e8 t (China's 2021 grain harvest, 682.85 million t)
        (13657, "100 million jin (亿斤; 1 jin = 0.5 kg)", 682_850_000, "t"),
        (69541, "10,000 tonnes", 695_410_000, "t"),
        (77.12, "10k t", 771_200, "t"),
        (50992, "10,000 persons", 509_920_000, "person"),
        (509.79, "million persons", 509_790_000, "person"),
        (288.99, "10k persons", 2_889_900, "person"),
        (14.97, "10k km2", 149_700, "km2"),
        (63.89, "% of census population (2020-11-01)", 63.89, "percent"),
        (2.0, "percentage points", 2.0, "percentage_point"),
        (2.73, "ratio (rural=1)", 2.73, "ratio"),
        (12.8, "10,000 villages", 128_000, "village"),
        (31195, "yuan, current prices", 31195, "yuan"),
    ],
)
def test_to_base(value, unit, expected, base):
    converted, unit_out = to_base(value, unit)
    assert converted == pytest.approx(expected, rel=1e-12)
    assert unit_out == base


def test_every_unit_in_the_raw_tables_converts():
    units = set()
    for path in TABLES.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            units |= {row["unit"] for row in csv.DictReader(handle) if row.get("unit") and row.get("value")}
    assert len(units) > 20
    for unit in units:
        assert to_base(1, unit)[1]


def test_unknown_unit_is_a_user_error_naming_it():
    with pytest.raises(UserError, match="furlongs"):
        to_base(3, "furlongs")


def test_yuan_is_a_currency_not_convertible():
    ureg = registry()
    with pytest.raises(pint.DimensionalityError):
        (1 * ureg.yuan).to(ureg.kilogram)
    assert (1 * ureg.mu).to(ureg.hectare).magnitude == pytest.approx(1 / 15)
    assert (2 * ureg.jin).to(ureg.kilogram).magnitude == pytest.approx(1.0)


@pytest.mark.parametrize(
    "value, decimals, factor, expected",
    [
        (133.64 * 1e8, 2, 1e8, 13_364_000_000.0),  # Liuzhi GDP 2020, 133.64 亿元 (13363999999.999998 unrounded)
        (137.36 * 1e4, 2, 1e4, 1_373_600.0),  # Liupanshui urban population 2015, 万人
        (17.64 * (1e8 / 15), 2, 1e8 / 15, 117_600_000.0),  # grain sown area 17.64 亿亩 in ha
        (0.1 + 0.2, 1, 1.0, 0.3),
    ],
)
def test_round_published_removes_float_noise(value, decimals, factor, expected):
    from ruralrev.panel.units import round_published

    assert repr(round_published(value, decimals, factor)) == repr(expected)


@pytest.mark.parametrize(
    "text, value, base",
    [
        ("10k kW", 92780.5, "kW"),
        ("1000 ha", 10.0, "ha"),
        ("10k t", 6022.6, "t"),
        ("100m CNY, current prices", 2.5, "yuan"),
    ],
)
def test_units_of_the_provincial_panel_additions(text, value, base):
    converted, unit = to_base(value, text)
    assert unit == base
    assert converted == pytest.approx(value * {"10k kW": 1e4, "1000 ha": 1e3, "10k t": 1e4}.get(text, 1e8))
