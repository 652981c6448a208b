"""Coupling coordination degree of urbanization (U1) and rural revitalization (U2) from the panel.

model: the pure formulas; sensitivity: D under other alpha/beta and without each indicator.
"""
