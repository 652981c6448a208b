"""Coupling coordination degree of urbanization (U1) and rural revitalization (U2) from the panel.

checks: config checks without data; model: the pure formulas; sensitivity: D under other alpha/beta and
without each indicator; series: the inputs from the panel; areas: the study areas' rows; build: the stage;
figure: the rebuilt Figure 2; summary: the report's tables and sentences.
"""
