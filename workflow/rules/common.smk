# Shared set-up of every rule file (config validated, raw inputs verified) and the names the rules use.

import json
import shlex
import sys
import time
from pathlib import Path

# The Snakefile made the package (workflow/ruralrev) importable.
from ruralrev import manifest, warm  # noqa: E402
from ruralrev.codeinputs import code_inputs  # noqa: E402
from ruralrev.config import check_raw_references, validate_config  # noqa: E402
from ruralrev.errors import UserError, error_lines  # noqa: E402
from ruralrev.figures.kinds import registry_entries  # noqa: E402
from ruralrev.files import read_text  # noqa: E402
from ruralrev.metadata import read_documents_yaml  # noqa: E402
from ruralrev.register import read_register  # noqa: E402

RUN_START = time.time()  # the error handler below repeats only errors logged by this run

RAW = Path("data/raw")
try:
    # Bad config, unknown region codes and changed raw files stop the run here, before
    # any job starts, with one line naming the key or file.
    CONFIG = validate_config(
        config,
        Path(workflow.basedir) / "workflow/schemas/config.schema.yaml",
        source="config (config/config.yaml and any --configfile)",
    )
    RAW_ENTRIES = manifest.verify(RAW)
    check_raw_references(CONFIG, RAW_ENTRIES, RAW, source="config (config/config.yaml and any --configfile)")
    # The text files every run reads besides tables and documents: decoded and shape-checked here, once.
    for entry in RAW_ENTRIES:
        if Path(entry["path"]).name.startswith("SOURCES"):
            read_text(RAW / entry["path"], "source list")
        elif entry["path"] == "documents/documents.yaml":
            read_documents_yaml(RAW / entry["path"])
    read_register(RAW / "source_register.csv")
except UserError as exc:
    sys.stderr.write(f"ruralrev: error: {exc}\n")
    sys.exit(1)


onerror:
    # Snakemake's failure report ends with a rule dump of every input; repeat the failing jobs' one error line
    # below it, where the user looks.
    sys.stderr.write("".join(f"{line}\n" for line in error_lines(Path("logs"), RUN_START)))


REGIONS = {region["id"]: region["admin_code"] for region in CONFIG["regions"]}
ATLAS = CONFIG["atlas"]  # province codes (config `atlas`, `all` expanded)
RAW_GROUPS = {
    group: sorted(str(RAW / e["path"]) for e in RAW_ENTRIES if e["path"].startswith(f"{group}/"))
    for group in ("documents", "tables")
}
# Documents are the .txt and .pdf files of data/raw/documents (the manifest refuses two of the same name);
# a PDF is read through its text layer, extracted by its own job into data/processed/documents/.
DOCUMENT_FILES = sorted(p for p in RAW_GROUPS["documents"] if p.endswith((".txt", ".pdf")))
DOCUMENTS = sorted(Path(p).stem for p in DOCUMENT_FILES)
TEXT_LAYERS = [f"data/processed/documents/{Path(p).stem}.txt" for p in DOCUMENT_FILES if p.endswith(".pdf")]
# The figure registry (config `figures`): charts and maps go to reports/figures/, tables to reports/tables/;
# `external` entries are drawn by another stage and only listed in the index.
# A `places` entry that names no places compares urbanization_figure_places (the report quotes the same places).
FIGURE_SPECS = registry_entries(CONFIG)
FIGURES = sorted(k for k, v in FIGURE_SPECS.items() if v["kind"] not in ("external", "raw_table", "policy_table"))
TABLES = sorted(k for k, v in FIGURE_SPECS.items() if v["kind"] in ("raw_table", "policy_table"))
NOTEBOOKS = [
    "00_methods",
    "01_documents",
    "02_panel",
    "03_crosscheck",
    "05_figures",
    "06_coupling",
    "07_discussion",
    "08_ledger",
]
CLI = f'"{sys.executable}" -m ruralrev'
# The jobs on the longest chain to the report (the raw files' check, the panel, the neighbours, the coupling
# model, the county scale, the values registry and its small inputs: the regions, the documents' claims and
# their check) start first whenever jobs wait for a core; the figures and maps fill the gaps. Without it the
# scheduler ran the neighbours and the small tables first and the panel ended 19 s into a 108 s cold run; the
# values registry waited 8 s for the regions table behind the figures.
CRITICAL_PATH = 10
PROCESSED = "data/processed"
# SOURCES*.md: source ids and reliability grades of the table rows.
# The source register: who published each source id's figures, where they were read, their grade.
SOURCE_REGISTER = str(RAW / "source_register.csv")
SOURCE_NOTES = sorted(str(RAW / e["path"]) for e in RAW_ENTRIES if Path(e["path"]).name.startswith("SOURCES"))


def package(*names):
    """Code inputs of a rule: the named sub-packages (or modules, notebooks) with everything they import,
    so editing any module reruns exactly the jobs that run it (Snakemake tracks `shell:` code only via inputs)."""
    return code_inputs(*names, root="workflow/ruralrev")


# Input and parameter functions of the figures stage (workflow/rules/figures.smk).
from ruralrev.figures.kinds import EXTERNAL, KIND_INPUTS  # noqa: E402

FIGURE_PROCESSED = {
    "indicators": f"{PROCESSED}/indicators.parquet",
    "claims": f"{PROCESSED}/claims.csv",
    "claim_checks": f"{PROCESSED}/claim_checks.csv",
    "policies": f"{PROCESSED}/policies.csv",
}


def figure_inputs(wildcards):
    """The processed files the entry's kind reads, its raw table if it names one, and SOURCES*.md."""
    spec = FIGURE_SPECS[wildcards.figure]
    inputs = {key: FIGURE_PROCESSED[key] for key in KIND_INPUTS[spec["kind"]]}
    if spec.get("file"):
        inputs["table"] = str(RAW / "tables" / spec["file"])
    if spec.get("statements"):
        inputs["statements"] = str(RAW / "tables" / spec["statements"]["file"])
    return inputs


def figure_spec(wildcards):
    """The entry's registry entry as JSON. A parameter function of the wildcards only: Snakemake tracks its
    value, so editing the entry (a title, a definition) in config reruns exactly this figure."""
    return json.dumps(FIGURE_SPECS[wildcards.figure], sort_keys=True, ensure_ascii=False)


def figure_given(wildcards):
    """The processed files the entry's kind reads, as `--input key=path` arguments (quoted)."""
    inputs = figure_inputs(wildcards)
    spec = FIGURE_SPECS[wildcards.figure]
    return " ".join(shlex.quote(f"--input={key}={inputs[key]}") for key in KIND_INPUTS[spec["kind"]])


def external_files(wildcards):
    """Files of `external` entries whose rule is in the workflow (e.g. the coupling figure), so the index waits."""
    return [
        path
        for spec in FIGURE_SPECS.values()
        if spec["kind"] == EXTERNAL and spec.get("rule") and rules.has(spec["rule"])
        for path in spec.get("files", [])
    ]


# The commit and commit time the report states (workflow/rules/report.smk).
def git_commit():
    """(commit the report is built from, its commit time), or ("not a git checkout", "") outside git."""
    import subprocess

    try:
        head = subprocess.run(
            ["git", "log", "-1", "--format=%H %ct"], capture_output=True, text=True, check=True, cwd=workflow.basedir
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout", ""
    return (head[0], head[1]) if len(head) == 2 else ("not a git checkout", "")


# The build date is SOURCE_DATE_EPOCH (the reproducible-builds convention): the caller's, else the commit time.
COMMIT, COMMIT_EPOCH = git_commit()


onstart:
    # Jobs run on this machine start as copies of one process that has done the imports once (ruralrev.warm);
    # a cluster's jobs, and a run with RURALREV_WARM=off, start their own interpreters as before.
    if workflow.local_exec and warm.enabled():
        import os
        import secrets
        import subprocess
        import tempfile

        # Beside Snakemake's own run state, where a run killed outright leaves it (a UNIX socket's path must stay
        # under 108 bytes with its final NUL: else in the temporary folder).
        token = secrets.token_hex(6)
        socket_path = Path(".snakemake").resolve() / f"warm-{token}.sock"
        if len(str(socket_path).encode()) > 107:
            socket_path = Path(tempfile.gettempdir()) / f"ruralrev-warm-{token}.sock"
        subprocess.Popen(
            [sys.executable, "-m", "ruralrev.warm", str(socket_path)],
            cwd=workflow.basedir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **warm.THREAD_ENV},
        )
        os.environ[warm.SOCKET_ENV] = str(socket_path)
