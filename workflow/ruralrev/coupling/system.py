"""The indicator system of the coupling, read from the config section `coupling`: each indicator's subsystem,
dimension, direction and construction (numerator, optional denominator, optional scaling to China's value of
the same year), the dimensions each subsystem should cover, and the place-years allowed to lack an indicator.

Pure data: no panel here. `series` computes the values, `fit` scores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUBSYSTEMS = {"urbanization": "U1", "rural_revitalization": "U2"}
LABELS = {"U1": "urbanization", "U2": "rural revitalization"}
CHINA = "100000"


@dataclass(frozen=True)
class Indicator:
    """One indicator of the system as configured."""

    name: str
    subsystem: str  # U1 | U2
    dimension: str
    direction: str  # + | -
    numerator: str  # a panel indicator
    denominator: str | None  # a panel indicator of the same place and year, or None
    relative_to_china: bool  # divided by China's value of the same indicator and year
    definition: str

    @property
    def panel_indicators(self) -> tuple[str, ...]:
        return (self.numerator,) + ((self.denominator,) if self.denominator else ())


@dataclass(frozen=True)
class Exemption:
    """Place-years allowed to lack some indicators; their weight is redistributed within the subsystem."""

    geo_code: str
    indicators: tuple[str, ...]
    first: int
    last: int
    reason: str

    def covers(self, geo_code: str, year: int, indicator: str) -> bool:
        return geo_code == self.geo_code and self.first <= year <= self.last and indicator in self.indicators


@dataclass(frozen=True)
class System:
    """The whole system: indicators in config order, the dimensions each subsystem should cover, exceptions."""

    indicators: tuple[Indicator, ...]
    dimensions: dict[str, tuple[str, ...]]  # U1/U2 -> dimension names in config order
    exceptions: tuple[Exemption, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        return [item.name for item in self.indicators]

    def of(self, subsystem: str) -> list[Indicator]:
        """Indicators of one subsystem (U1 or U2), config order."""
        return [item for item in self.indicators if item.subsystem == subsystem]

    def get(self, name: str) -> Indicator:
        return next(item for item in self.indicators if item.name == name)

    def without(self, names: set[str]) -> System:
        """The same system without some indicators (a sensitivity variant)."""
        return System(tuple(i for i in self.indicators if i.name not in names), self.dimensions, self.exceptions)

    def missing_dimensions(self) -> dict[str, list[str]]:
        """Per subsystem, the configured dimensions no indicator measures (named in the outputs, never dropped)."""
        covered = {(item.subsystem, item.dimension) for item in self.indicators}
        return {sub: [dim for dim in dims if (sub, dim) not in covered] for sub, dims in self.dimensions.items()}

    def excepted(self, geo_code: str, year: int, indicator: str) -> Exemption | None:
        """The exception allowing this place-year to lack this indicator, if any."""
        return next((e for e in self.exceptions if e.covers(geo_code, year, indicator)), None)


def from_config(config: dict) -> System:
    """The System of the (validated and checked) `coupling` config section."""
    indicators = tuple(
        Indicator(
            name=item["name"],
            subsystem=SUBSYSTEMS[item["subsystem"]],
            dimension=item["dimension"],
            direction=item["direction"],
            numerator=item["numerator"],
            denominator=item.get("denominator"),
            relative_to_china=bool(item.get("relative_to_china", False)),
            definition=item["definition"],
        )
        for item in config["indicators"]
    )
    dimensions = {SUBSYSTEMS[key]: tuple(values) for key, values in config["dimensions"].items()}
    exceptions = tuple(
        Exemption(
            geo_code=str(item["geo_code"]),
            indicators=tuple(item["indicators"]),
            first=int(item["years"][0]),
            last=int(item["years"][1]),
            reason=item["reason"],
        )
        for item in config.get("exceptions") or []
    )
    return System(indicators, dimensions, exceptions)
