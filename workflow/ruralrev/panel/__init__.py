"""Stage `harmonize`: raw tables -> one validated indicator panel (units, places, vintages, conflicts, crosswalk)."""
