# The README's commands. Each target does the set-up it needs on a fresh clone.
#   make report   build the environment, run the whole workflow: reports/report.html + .pdf
#   make test     build the environment, run the test suite (unit + end-to-end on a small config)
#   make setup    only the environment (.venv from requirements.lock, Jupyter kernel, fonts)
#   make bench    timings: claim extraction, cold full run, no-op rerun, harmonize on 20 and 200 MiB tables
#   make lint     ruff, snakefmt, snakemake --lint, notebooks without outputs
#   make test-cluster  the end-to-end config through profiles/slurm on a one-node SLURM cluster
#                 started on this machine (root; installs slurm-wlm and munge where missing)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.ruralrev-installed
CORES ?= 2
SNAKEMAKE := $(BIN)/snakemake --cores $(CORES)

.PHONY: setup report test test-cluster bench lint clean lock fonts

# fonts first: matplotlib builds its font cache on first use and must see the CJK font.
setup: fonts $(STAMP)

# --no-deps: the lock is complete; it leaves out rfc3987-syntax, an optional IRI checker of jsonschema
# (pulled in by jupyter-events' extras) that costs seconds at every import of nbformat/papermill.
$(STAMP): requirements.lock pyproject.toml workflow/ruralrev/kernel.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ruralrev.kernel install
	touch $(STAMP)

# Debian packages: Pango for WeasyPrint's PDF, a CJK font so that Chinese place names render
# in maps and in the PDF, DejaVu Sans for the text of the charts' SVGs (the PDF prints them as vectors with
# their text as text). Installed only where missing (needs root and apt-get).
# chromium and poppler-utils: the report's browser and PDF-page tests (Chromium driven by Playwright, no download).
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-wqy-microhei fonts-dejavu-core chromium poppler-utils
fonts:
	@{ ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" \
	   && fc-list 2>/dev/null | grep -qi "DejaVu Sans" \
	   && command -v chromium > /dev/null && command -v pdftoppm > /dev/null; } || \
	  { command -v apt-get > /dev/null && echo "installing Debian packages: $(DEBIAN_PACKAGES)" && \
	    (apt-get update -qq && apt-get install -y -qq $(DEBIAN_PACKAGES)) > /dev/null 2>&1; } || \
	  echo "note: could not install $(DEBIAN_PACKAGES) with apt-get; install them for the PDF and Chinese names"

report: setup
	$(SNAKEMAKE) all

test: setup
	$(BIN)/python -m pytest

# tests/cluster/: start munged, slurmctld and slurmd (one node, this machine's cores and memory),
# run tests/cluster/run_e2e.py, and stop the daemons whether it passed or not.
test-cluster: setup
	trap 'tests/cluster/cluster.sh stop' EXIT; \
	  tests/cluster/cluster.sh start && eval "$$(tests/cluster/cluster.sh env)" && \
	  $(BIN)/python tests/cluster/run_e2e.py

bench: setup
	$(BIN)/python tools/bench.py

# Lint: ruff (lint and format), snakefmt, Snakemake's own linter, notebooks stored without outputs.
lint: setup
	$(BIN)/ruff check workflow tools tests
	$(BIN)/ruff format --check workflow tools tests
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/test_notebooks.py
	$(BIN)/snakemake --lint

lock:
	{ echo "# Full pinned lock of the .venv (pip freeze of a fresh install of pyproject.toml's dependencies)."; \
	  echo "# Regenerate with 'make lock' after changing a pin in pyproject.toml and environment.yml."; \
	  $(BIN)/python -m pip freeze --exclude-editable --exclude rfc3987-syntax; } > requirements.lock

clean:
	find data/processed -mindepth 1 ! -name README.md -delete
	rm -rf reports/report.* reports/figures reports/maps reports/notebooks reports/tables logs benchmarks .snakemake
