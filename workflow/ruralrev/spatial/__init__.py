"""Neighbours and spatial statistics shared by the coupling (provinces) and the county analysis of urbanization.

neighbours: contiguity from full-resolution polygons, islands joined to their nearest units, kept as an edge list;
autocorrelation: global Moran's I and local clusters (LISA) with PySAL, fixed permutation seed;
counties: the census urbanization rate of county-level units, its 2010->2020 change and the units whose territory
changed between the censuses.
"""
