"""Set-up contract: pyproject.toml, environment.yml and the pinned constraints agree."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return {canonicalize_name(Requirement(s).name): Requirement(s) for s in specs}


# packages that conda provides and pip cannot: a Java runtime for Spark (CI installs Debian's instead)
CONDA_ONLY = ("openjdk",)


def _environment_requirements() -> dict[str, Requirement]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip", *CONDA_ONLY))]
    return {canonicalize_name(Requirement(s).name): Requirement(s) for s in conda}


def test_environment_yml_lists_the_same_packages_and_bounds_as_pyproject():
    pyproject, environment = _pyproject_requirements(), _environment_requirements()
    assert sorted(environment) == sorted(pyproject), "environment.yml and pyproject.toml list different packages"
    for name, requirement in pyproject.items():
        assert str(environment[name].specifier) == str(requirement.specifier), f"{name}: bounds differ"


def test_environment_yml_installs_the_package_itself_and_the_right_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python>=3.11" in env["dependencies"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["--editable ."]


def test_constraints_pin_every_dependency_within_its_bounds():
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    for name, requirement in _pyproject_requirements().items():
        assert name in pins, f"{name} is not pinned in requirements/constraints.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} violates {requirement}"


def test_import_logilab_does_not_load_plotting_widget_learning_or_scipy_libraries():
    # scipy alone took about 1 s of the command line's start-up; the modules that need it import it on first use
    code = "import sys, logilab; print(sorted({m.split('.')[0] for m in sys.modules} & {'plotly', 'ipywidgets', 'sklearn', 'scipy'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_logilab_cli_loads_no_scipy():
    code = "import sys, logilab.cli; print(any(m.startswith('scipy') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_public_names_resolve_including_the_lazy_layers():
    import logilab as ll

    for name in ll.__all__:
        assert getattr(ll, name) is not None
    assert ll.order_volume_explorer.__module__ == "logilab.widgets.tour"
    assert ll.plot_counts_over_time.__module__ == "logilab.figures._common"
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        ll.nonexistent  # noqa: B018


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "--wheel-dir", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("logilab-*.whl"))


def test_wheel_contains_the_sample_data_and_catalogue(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    csvs = {p.name for p in (ROOT / "logilab" / "data").glob("*.csv")}
    assert {f"logilab/data/{n}" for n in csvs} <= names
    assert "logilab/data/catalog.json" in names
    assert "logilab/data/database.sql" in names  # the database build script


def test_installed_wheel_finds_its_sample_data(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)], check=True)
    code = "import logilab as ll; print(ll.__file__); print(len(ll.load_sample('order_lines')))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env={"PYTHONPATH": str(target)}
    )
    module_file, rows = result.stdout.split()
    assert module_file.startswith(str(target))
    assert rows == "57923"


def test_the_sample_data_have_one_home_at_the_top_of_the_repository():
    assert (ROOT / "data" / "catalog.json").is_file() and (ROOT / "data" / "order_lines.csv").is_file()
    assert not (ROOT / "logilab" / "data").exists(), "one copy: the wheel maps data/ into the package at build time"


def test_the_public_face_lists_what_students_and_analysts_call():
    import logilab as ll

    assert {"read_table", "read_orders", "segment_customers", "service_kpis", "check", "LogilabInputError", "language"} <= set(dir(ll))
    # plumbing stays in its module
    for plumbing in ("write_outputs", "csv_bytes", "escape_html", "PALETTE", "sync_figure", "read_upload", "Segmentation", "KPI_NAMES"):
        assert plumbing not in ll.__all__ and plumbing not in dir(ll), plumbing
    # every re-exported name is imported explicitly in __init__.py, under a comment naming its topic
    source = (ROOT / "logilab" / "__init__.py").read_text(encoding="utf-8")
    assert "import *" not in source
