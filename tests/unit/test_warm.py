"""The warm start (ruralrev.warm): a command run through the server behaves as one run in its own process (its
directory, streams, environment and exit status), a signal to the command stops its copy, the server ends with
the process that started it, and without a server the command runs by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ruralrev import warm

ROOT = Path(__file__).resolve().parents[2]
# A client that says whether the server ran the command (a status) or not (None), then exits with the status.
CLIENT = (
    "import sys; from ruralrev import warm; status = warm.run(sys.argv[1:]); "
    "print('served:', status is not None, file=sys.stderr); sys.exit(1 if status is None else status)"
)


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "workflow"), **extra}


def _wait(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server started by this test process (its owner), its socket and process."""
    path = tmp_path_factory.mktemp("warm") / "s.sock"
    process = subprocess.Popen([sys.executable, "-m", "ruralrev.warm", str(path)], cwd=ROOT, env=_env())
    _wait(path.exists)
    yield path, process
    process.terminate()
    process.wait(timeout=30)
    assert not path.exists(), "a stopped server removes its socket"


def _client(server_path: Path, *argv: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CLIENT, *argv],
        cwd=cwd,
        env=_env(**{warm.SOCKET_ENV: str(server_path)}),
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def test_a_command_runs_in_a_copy_with_its_directory_and_streams(server, tmp_path):
    path, _ = server
    result = _client(path, "regions", "--region", "batang=513335", "--out", "regions.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "served: True" in result.stderr
    table = (tmp_path / "regions.csv").read_text(encoding="utf-8")  # relative to the command's directory
    assert "513335" in table and "Batang" in table
    # the permissions the command's umask gives (the server keeps its socket private, not the jobs' files)
    assert (tmp_path / "regions.csv").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failing_command_keeps_its_one_line_error_and_status(server, tmp_path):
    path, _ = server
    result = _client(path, "regions", "--region", "nowhere=999999", "--out", "regions.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "served: True" in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ruralrev: error:")]
    assert len(errors) == 1 and "999999" in errors[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "regions.csv").exists()


def test_a_usage_error_keeps_its_status_and_message(server, tmp_path):
    path, _ = server
    result = _client(path, "no-such-command", cwd=tmp_path)
    assert result.returncode == 2 and "served: True" in result.stderr
    assert "invalid choice" in result.stderr


@pytest.mark.parametrize("how", ["terminate", "kill"])
def test_stopping_the_command_stops_its_copy(server, tmp_path, how):
    """A long command (the panel build on the project's tables), stopped as Snakemake stops a job (SIGTERM,
    passed on to the copy) or killed outright (the copy sees its command gone): no copy is left running."""
    path, process = server
    client = subprocess.Popen(
        [sys.executable, "-c", CLIENT, "harmonize", "--tables", str(ROOT / "data/raw/tables"), "--out-dir", "out"],
        cwd=tmp_path,
        env=_env(**{warm.SOCKET_ENV: str(path)}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server_process = psutil.Process(process.pid)
    _wait(lambda: server_process.children())
    copy = server_process.children()[0]
    time.sleep(0.3)
    assert copy.is_running() and not (tmp_path / "out" / "indicators.parquet").exists()  # mid-run
    getattr(client, how)()
    client.wait(timeout=30)
    assert client.returncode != 0
    _wait(lambda: not copy.is_running() or copy.status() == psutil.STATUS_ZOMBIE, seconds=30)


def test_the_server_ends_with_the_run_that_started_it(tmp_path):
    path = tmp_path / "s.sock"
    owner = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time; "
            f"subprocess.Popen([sys.executable, '-m', 'ruralrev.warm', {str(path)!r}]); time.sleep(600)",
        ],
        cwd=ROOT,
        env=_env(),
    )
    try:
        _wait(path.exists)
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=30)
    _wait(lambda: not path.exists(), seconds=30)


def test_without_a_server_the_command_runs_by_itself(tmp_path, monkeypatch):
    monkeypatch.setenv(warm.SOCKET_ENV, str(tmp_path / "none.sock"))
    assert warm.run(["regions"]) is None
    monkeypatch.delenv(warm.SOCKET_ENV)
    assert warm.run(["regions"]) is None
    result = subprocess.run(
        [sys.executable, "-m", "ruralrev", "regions", "--region", "batang=513335", "--out", "regions.csv"],
        cwd=tmp_path,
        env=_env(**{warm.SOCKET_ENV: str(tmp_path / "none.sock")}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "513335" in (tmp_path / "regions.csv").read_text(encoding="utf-8")


def test_switched_off_it_asks_no_server(server, monkeypatch):
    path, _ = server
    monkeypatch.setenv(warm.SOCKET_ENV, str(path))
    monkeypatch.setenv(warm.SWITCH_ENV, "off")
    assert warm.run(["regions"]) is None


def test_a_notebook_kernel_starts_as_a_copy_and_runs_the_cells(server, tmp_path):
    """papermill with the `ruralrev` kernel while the server runs: the kernel's parent is the server (a copy, not
    a new interpreter), the cells run, and the kernel copy is gone after the run."""
    import nbformat

    path, process = server
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import os\nprint(os.getppid(), 6 * 7)")]
    notebook.metadata["kernelspec"] = {"name": "ruralrev", "language": "python", "display_name": "ruralrev"}
    source = tmp_path / "in.ipynb"
    nbformat.write(notebook, source)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, papermill; papermill.execute_notebook(sys.argv[1], sys.argv[2], kernel_name='ruralrev', "
            "progress_bar=False, shutdown_kernel='immediate')",
            str(source),
            str(tmp_path / "out.ipynb"),
        ],
        env=_env(**{warm.SOCKET_ENV: str(path)}),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    output = nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[0].outputs[0]["text"]
    assert output.split() == [str(process.pid), "42"]
    _wait(lambda: not psutil.Process(process.pid).children(), seconds=30)


def test_the_kernel_spec_runs_the_ruralrev_kernel(tmp_path, monkeypatch):
    import json

    from ruralrev import kernel

    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    kernel.install()
    spec = json.loads((tmp_path / "share/jupyter/kernels/ruralrev/kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][1:] == ["-m", "ruralrev.kernel", "-f", "{connection_file}"]
    assert spec["language"] == "python"


def test_help_exits_zero_with_its_text(server, tmp_path):
    """argparse's --help ends with SystemExit(0): the copy reports 0, as the interpreter would."""
    path, _ = server
    result = subprocess.run(
        [sys.executable, "-c", CLIENT, "--help"],
        cwd=tmp_path,
        env=_env(**{warm.SOCKET_ENV: str(path)}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "served: True" in result.stderr
    assert "usage: ruralrev" in result.stdout
