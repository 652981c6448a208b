"""Coupling coordination degree of urbanization (U1) and rural revitalization (U2) from the panel, on one scale.

checks: config checks without data; system: the indicator system of the config; series: the indicators from
the panel, price-free; model: the pure formulas; fit: one fit on a pooled sample and scoring on its scale;
pooled: the provinces pooled and China scored on their scale; sensitivity: what moves D; areas: the study areas'
rows; build: the stage; figure: the rebuilt Figure 2; summary: the report's tables and sentences.
"""
