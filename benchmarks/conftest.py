"""`make bench-micro` runs pytest on this folder: collect the benchmark modules, which are named bench_<topic>.py (`make bench` runs run.py)."""

from __future__ import annotations

import pytest


def pytest_collect_file(file_path, parent):
    # a file named on the command line is collected by pytest itself; collect it only once
    if file_path.suffix == ".py" and file_path.name.startswith("bench_") and not parent.session.isinitpath(file_path):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
