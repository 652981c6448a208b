"""A warm start for the workflow's jobs on this machine: one process imports the libraries the jobs use (pandas,
matplotlib, shapely, papermill, WeasyPrint, ...) once, then forks a copy of itself for each job.

Every job still runs `python -m ruralrev <command>` from its rule, with its own arguments, files, log and exit
status; the command only asks this process for a copy that has the imports done instead of doing them again
(about 1 s of CPU per job, 36 jobs in a full run on 2 cores). Without a server to ask (a cluster job, a command
run by hand, the server not ready yet, RURALREV_WARM=off) the command runs as before in its own process: nothing
depends on the server, and the outputs are the same bytes either way.

The copy takes the command's working directory, umask, environment and standard streams (passed as file
descriptors), runs `ruralrev.cli.main` and reports its exit status. Signals sent to the command are passed on to
the copy, and a copy whose command has gone (killed) stops itself.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import signal
import socket
import sys
import tempfile
import threading

SOCKET_ENV = "RURALREV_WARM_SOCKET"  # set by the Snakefile for the jobs of a local run
SWITCH_ENV = "RURALREV_WARM"  # `off`: no server (the benchmark's memory run: each job's peak in its own process)
# What the jobs import at their start (python -X importtime), in the order the jobs of a run first need them:
# the panel's, the neighbours', the charts' and maps', the notebooks' and the report's.
PRELOAD = (
    "numpy",
    "pandas",
    "pyarrow.parquet",
    "ruralrev.cli",
    "ruralrev.panel.build",  # pandera, pint
    "ruralrev.extract.corpus",
    "shapely",
    "pyproj",
    "geopandas",
    "libpysal",  # the spatial weights of the coupling and county statistics
    "esda",
    "ruralrev.spatial.neighbours",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "ruralrev.plotstyle",
    "ruralrev.coupling.build",
    "ruralrev.coupling.charts",
    "mapclassify",  # the maps' classes; with scipy.stats and scikit-learn, 1 s
    "adjustText",
    "pypinyin",  # the English names of admin units
    "ruralrev.figures.registry",
    "ruralrev.geo.maps",
    "papermill",
    "ipykernel.kernelapp",  # the notebooks' kernels start as copies too (ruralrev.kernel)
    "weasyprint",
    "ruralrev.report.build",
)
MAX_REQUEST = 1 << 20  # bytes: a command line and environment longer than this run in their own process
HANDSHAKE_S = 10.0  # a server that does not answer within this runs the command in its own process


# Every job is single-threaded (Snakemake sets these to the job's `threads` for each job): the server's numerical
# libraries read them once, at import, so it starts with the jobs' values.
THREAD_ENV = {
    name: "1"
    for name in (
        "OMP_NUM_THREADS",
        "GOTO_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    )
}


def enabled() -> bool:
    return os.environ.get(SWITCH_ENV, "").lower() not in ("off", "0", "no", "false")


def serve(path: str) -> None:
    """Answer commands on the UNIX socket `path` until the process that started this one (the Snakemake run) has
    ended. The socket opens at once and PRELOAD is imported one module at a time: a command that arrives meanwhile
    gets a copy between two imports (it imports the rest itself, as a new interpreter would)."""
    owner = os.getppid()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped: remove the socket on the way out
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    umask = os.umask(0o077)  # the socket is this user's alone
    listener.bind(f"{path}.tmp")
    os.umask(umask)
    listener.listen(64)
    os.rename(f"{path}.tmp", path)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the copies are never waited for
    try:
        listener.setblocking(False)
        for name in PRELOAD:
            if os.getppid() != owner:  # a short run may end before the preload does
                return
            _answer(listener)
            importlib.import_module(name)
            # The imported objects leave the garbage collector's sight: a job's collections no longer walk them
            # (the report's PDF build was 20 % slower without this) and the copies keep sharing their pages.
            gc.freeze()
        listener.settimeout(1.0)
        while os.getppid() == owner:
            _answer(listener)
    finally:
        listener.close()
        for name in (path, f"{path}.tmp"):
            if os.path.exists(name):
                os.remove(name)


def _answer(listener: socket.socket) -> None:
    """A copy for each command waiting on the socket (waiting up to its timeout for the first one)."""
    while True:
        try:
            conn, _ = listener.accept()
        except (BlockingIOError, TimeoutError):
            return
        if os.fork() == 0:
            listener.close()
            _run_job(conn)  # never returns
        conn.close()


def _run_job(conn: socket.socket) -> None:
    """In the forked copy: take the command's streams, directory and environment, run it, report its status."""
    code = 1
    try:
        # A job's own subprocesses (the notebook kernel, git) are waited for; signals act as in a new process.
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        message, fds, _, _ = socket.recv_fds(conn, MAX_REQUEST, 3)
        request = json.loads(message)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.umask(request["umask"])  # the job's files get the permissions its command would give them
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None  # the job's TMPDIR, not the one the server saw
        sys.argv = ["ruralrev", *request["argv"]]
        conn.sendall(str(os.getpid()).encode())
        threading.Thread(target=_stop_without, args=(conn,), daemon=True).start()
        code = ENTRIES[request["entry"]](request["argv"])
    except SystemExit as exc:  # as the interpreter ends on it: None is 0, a message goes to stderr and is 1
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        try:
            conn.sendall(str(code).encode())
        except OSError:
            pass
        os._exit(code)


def _cli(argv: list[str]) -> int:
    from ruralrev.cli import main

    return main(argv)


def _kernel(argv: list[str]) -> int:
    """A notebook's IPython kernel (ruralrev.kernel), running until the notebook's run stops it."""
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=argv)
    return 0


ENTRIES = {"cli": _cli, "kernel": _kernel}


def _stop_without(conn: socket.socket) -> None:
    """The command has gone when its end of the connection closes before the copy answered: stop the copy."""
    try:
        if conn.recv(1) == b"":
            os.kill(os.getpid(), signal.SIGTERM)
    except OSError:
        pass


def run(argv: list[str], entry: str = "cli") -> int | None:
    """The exit status of the command (`cli`: `ruralrev <argv>`; `kernel`: a Jupyter kernel), run in a copy of
    the warm process; None where there is no server to ask (the caller then runs it itself)."""
    path = os.environ.get(SOCKET_ENV)
    if not path or not enabled():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    conn.settimeout(HANDSHAKE_S)
    try:
        conn.connect(path)
        umask = os.umask(0)
        os.umask(umask)
        request = {"entry": entry, "argv": argv, "cwd": os.getcwd(), "umask": umask, "env": dict(os.environ)}
        request = json.dumps(request).encode()
        if len(request) > MAX_REQUEST:
            raise ValueError("request too long")
        socket.send_fds(conn, [request], [0, 1, 2])
        pid = int(conn.recv(64))
    except (OSError, ValueError):
        conn.close()
        return None
    conn.settimeout(None)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda received, _frame: os.kill(pid, received))
    answer = conn.recv(64)
    return int(answer) if answer else 1


if __name__ == "__main__":
    serve(sys.argv[1])
