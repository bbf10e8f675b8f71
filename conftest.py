"""pytest set-up shared by unit tests, doctests and the nbval notebook run."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Figures and widgets label in Chinese unless a test asks otherwise.
os.environ.setdefault("LOGILAB_LANG", "zh")

# The sample database (ll.connect()) is built in a temporary cache folder for the whole run,
# notebooks included (their kernels inherit the variable), never in the user's own cache.
if "LOGILAB_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="logilab-test-cache-")
    os.environ["LOGILAB_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

# Outputs nbval never compares even in a checked cell: they carry random ids or
# renderer-specific markup. Checked cells print plain numbers instead.
UNCOMPARED_MIMETYPES = ("application/vnd.plotly.v1+json", "text/html", "application/javascript")


def pytest_collection_modifyitems(items):
    for item in items:
        notebook = getattr(item, "parent", None)
        if hasattr(notebook, "skip_compare") and UNCOMPARED_MIMETYPES[0] not in notebook.skip_compare:
            notebook.skip_compare = (*notebook.skip_compare, *UNCOMPARED_MIMETYPES)


collect_ignore = ["tools", "build"]
