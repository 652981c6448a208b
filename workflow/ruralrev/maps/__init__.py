"""Drawing maps: `china` is the one map of all China (Albers, the South China Sea islands and the maritime boundary
in an inset) every national map uses; `national` draws the coupling's maps on it, `counties` the county maps."""
