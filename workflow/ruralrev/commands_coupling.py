"""What the coupling's `ruralrev` subcommands do (coupling, neighbours, coupling-spatial, county-urbanization): read
files, call the stage's pure functions, write files. An entry point like commands.py (see codeinputs): each
command imports its stage lazily, only the top-level imports below are followed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ruralrev.errors import UserError

log = logging.getLogger("ruralrev")


def cmd_coupling(args) -> None:
    import pandas as pd

    from ruralrev.coupling import build, charts, figure
    from ruralrev.figures.sources import register_table
    from ruralrev.files import write_csv, write_json

    config, regions = json.loads(args.config), json.loads(args.regions)
    register = register_table(Path(args.register))
    outputs = build.build(pd.read_parquet(args.indicators), config, regions, json.loads(args.contradicted))
    highlight = _highlight(regions)
    figures_dir = Path(args.figures_dir)
    figure.render(outputs["coupling"], build.classes_of(config), highlight, figures_dir, register)
    scores = outputs["coupling"]
    names = dict(zip(scores["geo_code"], scores["place"]))
    pooled = charts.panel_ids(scores)
    table, per_province = outputs["coupling_sensitivity"], outputs["coupling_sensitivity_provinces"]
    charts.render(
        charts.SENSITIVITY,
        lambda: charts.sensitivity_figure(table, per_province, names, highlight),
        figures_dir,
        **charts.SENSITIVITY_TEXT,
        caption=charts.sensitivity_caption(table),
        ids=pooled,
        register=register,
    )
    gini, density = outputs["coupling_inequality"], outputs["coupling_density"]
    charts.render(
        charts.DISTRIBUTION,
        lambda: charts.distribution_figure(density, gini),
        figures_dir,
        **charts.DISTRIBUTION_TEXT,
        caption=charts.distribution_caption(gini),
        ids=pooled,
        register=register,
    )
    out = Path(args.out_dir)
    for name, frame in outputs.items():
        write_csv(frame, out / f"{name}.csv")
    write_json(config, out / "coupling_config.json")
    log.info("coupling: %d rows", len(outputs["coupling"]))


def _highlight(regions: list[dict]) -> list[str]:
    """The study areas' provinces, in the order of the regions: outlined or marked in the coupling's figures."""
    return list(dict.fromkeys(str(region["admin_code"])[:2] + "0000" for region in regions))


def cmd_neighbours(args) -> None:
    from ruralrev.files import write_csv
    from ruralrev.geo import boundaries, layers
    from ruralrev.spatial import counties, neighbours

    try:
        chosen = "all" if args.provinces == "all" else json.loads(args.provinces)
    except json.JSONDecodeError:
        raise UserError(f'--provinces {args.provinces!r}: give a JSON list of province codes or "all"') from None
    if args.level == "provinces":
        units = [boundaries.resolve(str(code)) for code in chosen]
    else:
        units = counties.county_units(counties.province_codes(chosen))
    geometries, problems = layers.read(units)
    for code, reason in sorted(problems.items()):
        log.warning("neighbours: %s left out: %s", code, reason)
    edges = neighbours.edges(geometries, args.island_neighbours)
    write_csv(edges, Path(args.out))
    log.info("neighbours (%s): %d units, %d edges", args.level, len(geometries), len(edges))


def cmd_coupling_spatial(args) -> None:
    import pandas as pd

    from ruralrev.coupling import build, charts, clusters
    from ruralrev.figures.sources import register_table
    from ruralrev.files import write_csv
    from ruralrev.maps import national

    config, options = json.loads(args.config), json.loads(args.spatial)
    coupling = pd.read_csv(args.coupling, dtype={"geo_code": str})
    edges = pd.read_csv(args.neighbours, dtype={"code": str, "neighbour": str})
    moran = clusters.moran_by_year(coupling, edges, options)
    lisa = clusters.lisa(coupling, edges, options)
    write_csv(build.rounded(moran), Path(args.out_dir) / "coupling_moran.csv")
    write_csv(build.rounded(lisa), Path(args.out_dir) / "coupling_lisa.csv")
    highlight, figures_dir = _highlight(json.loads(args.regions)), Path(args.figures_dir)
    classes = build.classes_of(config)
    register, pooled = register_table(Path(args.register)), charts.panel_ids(coupling)
    charts.render(
        "coupling_maps",
        lambda: national.coupling_maps(coupling, classes, highlight),
        figures_dir,
        **national.MAPS_TEXT,
        caption=national.coupling_maps_caption(coupling, highlight),
        ids=pooled,
        register=register,
    )
    significance = float(options["significance"])
    charts.render(
        "coupling_lisa",
        lambda: national.lisa_maps(lisa, highlight, significance),
        figures_dir,
        **national.LISA_TEXT,
        caption=national.lisa_caption(lisa, moran, options),
        ids=pooled,
        register=register,
    )
    log.info("coupling spatial: Moran's I %s", moran[["year", "I", "p_sim"]].to_dict("records"))


def cmd_county_urbanization(args) -> None:
    import pandas as pd

    from ruralrev.coupling import build, charts
    from ruralrev.figures.sources import register_table
    from ruralrev.files import write_csv
    from ruralrev.geo import facts, layers
    from ruralrev.maps import counties as county_maps
    from ruralrev.spatial import counties, neighbours

    options = json.loads(args.spatial)
    provinces = counties.province_codes(options["county_provinces"])
    units = counties.county_units(provinces)
    # The full-resolution outlines are read once, here, for the neighbours, the areas and the map (the neighbours
    # had a job of their own that read the 2,848 files again: 3.5 s of a 9 s job).
    geometries, problems = layers.read(units)
    for code, reason in sorted(problems.items()):
        log.warning("county urbanization: %s left out of the neighbours: %s", code, reason)
    edges = neighbours.edges(geometries, int(options["island_neighbours"]))
    write_csv(edges, Path(args.neighbours_out))
    panel = pd.read_parquet(args.indicators)
    gazetteer = pd.read_csv(args.gazetteer, dtype=str, keep_default_na=False)
    crosswalk = pd.read_csv(args.crosswalk, dtype=str, keep_default_na=False)
    table = counties.county_table(units, geometries, panel, gazetteer, crosswalk, float(options["area_tolerance_pct"]))
    moran, table = counties.statistics(table, edges, options)
    out = Path(args.out_dir)
    write_csv(build.rounded(table), out / "county_urbanization.csv")
    write_csv(build.rounded(moran), out / "county_moran.csv")
    outlines = county_maps.county_outlines(geometries)
    all_china = options["county_provinces"] == "all"
    highlight, figures_dir = _highlight(json.loads(args.regions)), Path(args.figures_dir)
    significance = float(options["significance"])
    charts.render(
        "county_urbanization_lisa",
        lambda: county_maps.county_lisa_maps(table, outlines, highlight, all_china, significance),
        figures_dir,
        **county_maps.TEXT,
        caption=county_maps.county_caption(table, moran, options, len(provinces)),
        ids=facts.census_source_ids(table),
        register=register_table(Path(args.register)),
        svg=county_maps.OFFER_SVG,
    )
    log.info("county urbanization: %d units, Moran's I %s", len(table), moran[["variable", "I"]].to_dict("records"))
