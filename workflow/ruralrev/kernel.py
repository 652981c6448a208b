"""The notebooks' Jupyter kernel (`ruralrev`): an IPython kernel, started as a copy of the workflow's warm process
where a local run has one (ruralrev.warm: pandas and the report's modules already imported), else as usual.

`python -m ruralrev.kernel install` installs its kernel spec into this environment (`make setup` does).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

NAME = "ruralrev"


def install() -> None:
    """Install the `ruralrev` kernel spec into this Python environment (sys.prefix), replacing an earlier one."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = {
        "argv": [sys.executable, "-m", "ruralrev.kernel", "-f", "{connection_file}"],
        "display_name": f"ruralrev (Python {sys.version_info.major}.{sys.version_info.minor})",
        "language": "python",
        "metadata": {"debugger": False},
    }
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
        KernelSpecManager().install_kernel_spec(folder, NAME, prefix=sys.prefix)


def main(argv: list[str]) -> int:
    if argv[:1] == ["install"]:
        install()
        return 0
    from ruralrev import warm

    status = warm.run(argv, entry="kernel")
    if status is None:
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=argv)
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
