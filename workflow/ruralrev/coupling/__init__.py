"""Coupling coordination degree of urbanization (U1) and rural revitalization (U2) from the panel, on one scale.

checks: config checks without data; system: the indicator system of the config; series: the indicators from
the panel, price-free; model: the pure formulas; fit: one fit on a pooled sample and scoring on its scale;
pooled: the provinces pooled and China scored on their scale; sensitivity: what moves D; lag: relative
development and lag types; obstacles: obstacle degree; inequality: Dagum Gini and kernel densities; clusters:
Moran's I and LISA of D (with ruralrev.spatial); areas: the study areas' rows; build: the stage; figure: the
workflow's own CCD figure (not the Liupanshui paper's Figure 2, which is not in the corpus); charts: the
sensitivity and distribution charts; summary and narrative: the report's tables, sentences and the numbers they
state.
"""
