"""Every notebook, opened and run in JupyterLab in headless Chromium, shows what students should see.

For each ``notebooks/*.ipynb`` (a temporary copy, served by the private
JupyterLab of ``conftest.py``) the test runs all cells and asserts, reading the
page (the DOM), that

* every code cell ran (it has an execution count) and no cell shows an error
  (no error output, no traceback on stderr);
* every widget view renders (no "Error displaying widget" / "model not found");
* every plotly figure, whether a cell result or inside a widget, has drawn its traces (SVG
  trace groups; WebGL traces such as large ``scattergl`` plots need a drawn canvas);
* in every explorer (a widget holding a plotly figure), changing a control
  (dropdown, toggle buttons, slider, checkbox, ...) through the page changes the
  drawn figure.

A screenshot of the whole notebook (``build/browser/<notebook>.png``), one of the
first explorer after the change (``<notebook>-explorer.png``) and the browser
console errors (``<notebook>-console.log``) are saved for each notebook; a
failing notebook also gets ``<notebook>-failure.png``.

Run with ``make test-browser`` (the tests skip unless ``LOGILAB_BROWSER=1``).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

NOTEBOOK_PATHS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))

# Per-notebook exceptions, keyed by file stem. Keep this empty unless a notebook
# has a good reason: "explorers_must_respond": "one" accepts a notebook where only
# some explorers change their figure through their controls.
OVERRIDES: dict[str, dict[str, str]] = {}

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Failed to load model class", "Could not create a view")

OPEN_TIMEOUT_MS = 90_000
RUN_TIMEOUT_MS = 300_000
RENDER_TIMEOUT_MS = 45_000
CHANGE_TIMEOUT_MS = 20_000
ATTACH_TIMEOUT_MS = 90_000  # JupyterLab adds cells below the viewport in idle time, late on a busy machine
NOTEBOOK_BUDGET_S = 600  # hard upper bound on one notebook's test
MAX_CONTROLS_TRIED = 6

# Browser-side helpers, installed once per page.
HELPERS_JS = r"""
() => {
  const TRACES = '.main-svg .trace, .main-svg .hm, .main-svg .pielayer .slice, .main-svg .table, .main-svg .sankey';
  // WebGL traces (scattergl, e.g. large scatter plots) draw on canvases, not in the SVG.
  const GL_TYPES = /gl$|^splom$|^parcoords$|3d$|^surface$|^mesh3d$|^cone$|^streamtube$|^volume$|^isosurface$|map(box)?$/;
  const panel = () => window.jupyterapp.shell.currentWidget;
  const glTraces = (plot) => (plot._fullData || []).filter(t => t.visible === true && GL_TYPES.test(t.type));
  const glCanvasDrawn = (plot) => [...plot.querySelectorAll('canvas')].some(c => c.width > 0 && c.height > 0);
  const head = (values) => values ? [values.length, ...Array.from(values).slice(0, 3), ...Array.from(values).slice(-3)].join(',') : '';
  const signature = (root) => {
    // Geometry of the drawn data, shapes and axis / legend labels; not ids, hover layers or styles.
    const parts = [];
    for (const plot of root.querySelectorAll('.js-plotly-plot')) {
      const selector = TRACES + ', .main-svg .shapelayer path, .main-svg .xtick text, .main-svg .ytick text, .main-svg .legendtext, .main-svg .annotation-text';
      for (const node of plot.querySelectorAll(selector)) {
        const nodes = node.tagName === 'text' ? [node] : [node, ...node.querySelectorAll('*')];
        for (const n of nodes) {
          for (const a of ['d', 'points', 'transform', 'x', 'y', 'width', 'height', 'href']) {
            const v = n.getAttribute(a);
            if (v) parts.push(a + '=' + v);
          }
          if (n.tagName === 'text') parts.push('t=' + n.textContent);
        }
      }
      for (const t of glTraces(plot)) parts.push('gl=' + t.type + ':' + head(t.x) + ':' + head(t.y));
    }
    return parts.join('|');
  };
  const plotStatus = (root) => [...root.querySelectorAll('.js-plotly-plot')].map(plot => {
    const gl = glTraces(plot).length;
    return plot.querySelectorAll(TRACES).length + (gl && glCanvasDrawn(plot) ? gl : 0);
  });
  window.__logilab = {
    panel, signature, plotStatus, TRACES,
    kernelIdle: () => {
      const p = panel();
      const kernel = p && p.sessionContext.session && p.sessionContext.session.kernel;
      const indicator = p && p.node.querySelector('.jp-Notebook-ExecutionIndicator');
      return !!kernel && kernel.status === 'idle' && (!indicator || indicator.dataset.status === 'idle');
    },
    busyPrompts: () => [...panel().node.querySelectorAll('.jp-InputPrompt')].filter(e => e.textContent.includes('*')).length,
    // JupyterLab attaches cells below the viewport in idle time; on a busy machine the last ones can
    // still be missing from the page when the kernel is done. Scroll to each missing cell (which waits
    // up to 10 s for it to appear) until every cell is on the page.
    detachedCells: () => panel().content.widgets.map((c, i) => c.node.isConnected ? -1 : i).filter(i => i >= 0),
    attachCells: async () => {
      for (const index of window.__logilab.detachedCells()) {
        try { await panel().content.scrollToItem(index, 'auto'); } catch (error) { console.warn('scrollToItem', index, error); }
      }
      return window.__logilab.detachedCells().length === 0;
    },
  };
  return true;
}
"""

REPORT_JS = r"""
() => {
  const PLOTLY = 'application/vnd.plotly.v1+json', WIDGET = 'application/vnd.jupyter.widget-view+json';
  const p = window.__logilab.panel();
  return p.content.widgets.map((cell, index) => {
    const model = cell.model;
    const node = cell.node;
    const outputs = model.type === 'code' ? model.outputs.toJSON() : [];
    return {
      index,
      type: model.type,
      source: model.sharedModel.getSource().slice(0, 80),
      prompt: model.type === 'code' ? (node.querySelector('.jp-InputPrompt') || {textContent: ''}).textContent.trim() : '',
      executionCount: model.type === 'code' ? model.executionCount : null,
      outputs: outputs.map(o => ({
        type: o.output_type,
        mimes: Object.keys(o.data || {}),
        name: o.name || null,
        text: o.output_type === 'error' ? (o.ename + ': ' + o.evalue) : (o.name === 'stderr' ? [].concat(o.text).join('') : ''),
      })),
      dom: [...node.querySelectorAll('.jp-OutputArea-output')].map(o => ({
        // JupyterLab marks text renderers with data-mime-type; plotly's renderer is .jp-RenderedPlotly,
        // an ipywidgets view is a panel holding .jupyter-widgets nodes.
        mime: o.classList.contains('jp-RenderedPlotly') ? PLOTLY
          : (o.querySelector('.jupyter-widgets') || /Error displaying widget/.test(o.innerText)) ? WIDGET
          : (o.dataset.mimeType || ''),
        text: (o.innerText || '').slice(0, 2000),
        plots: (o.matches('.js-plotly-plot') ? 1 : 0) + o.querySelectorAll('.js-plotly-plot').length,
        widgets: o.querySelectorAll('.jupyter-widgets, .widget-box, .widget-inline-hbox, .widget-vbox').length,
      })),
    };
  });
}
"""


def _cell_label(cell: dict) -> str:
    return f"cell {cell['index']} ({cell['source'].splitlines()[0] if cell['source'] else ''!r})"


def _problems_in_report(report: list[dict]) -> list[str]:
    """Errors, unexecuted cells, and plotly / widget outputs that did not render."""
    problems = []
    for cell in report:
        if cell["type"] != "code" or not cell["source"].strip():
            continue
        if isinstance(cell["executionCount"], int) and not cell["prompt"]:
            problems.append(f"{_cell_label(cell)} ran (execution count {cell['executionCount']}) but is not shown on the page")
        elif not re.fullmatch(r"\[\d+\]:", cell["prompt"]):
            problems.append(f"{_cell_label(cell)} did not run: prompt {cell['prompt']!r}")
        for output in cell["outputs"]:
            if output["type"] == "error":
                problems.append(f"{_cell_label(cell)} raised {output['text']}")
            elif output["name"] == "stderr" and re.search(r"Traceback|Error\b", output["text"]):
                problems.append(f"{_cell_label(cell)} printed an error on stderr: {output['text'][:300]}")
        for output in cell["dom"]:
            if output["mime"] == "application/vnd.jupyter.stderr" and "Traceback" in output["text"]:
                problems.append(f"{_cell_label(cell)} shows a traceback: {output['text'][:300]}")
            if any(message in output["text"] for message in WIDGET_ERRORS):
                problems.append(f"{_cell_label(cell)} shows a widget error: {output['text'][:300]}")
        expected_plots = sum(PLOTLY_MIME in o["mimes"] for o in cell["outputs"])
        expected_widgets = sum(WIDGET_MIME in o["mimes"] for o in cell["outputs"])
        drawn_plots = sum(1 for o in cell["dom"] if o["mime"] == PLOTLY_MIME and o["plots"])
        drawn_widgets = sum(1 for o in cell["dom"] if o["mime"] == WIDGET_MIME and o["widgets"])
        if drawn_plots < expected_plots:
            shown = [o["mime"] for o in cell["dom"]]
            problems.append(
                f"{_cell_label(cell)}: {expected_plots} plotly figure(s) in the outputs, {drawn_plots} rendered (output mimetypes shown: {shown})"
            )
        if drawn_widgets < expected_widgets:
            problems.append(f"{_cell_label(cell)}: {expected_widgets} widget view(s) in the outputs, {drawn_widgets} rendered")
    return problems


def _wait_stable_signature(page, explorer, *, timeout_s: float = 10.0) -> str:
    """The explorer's figure signature once two reads 300 ms apart agree (plotly finished drawing)."""
    deadline = time.monotonic() + timeout_s
    previous = explorer.evaluate("el => window.__logilab.signature(el)")
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        current = explorer.evaluate("el => window.__logilab.signature(el)")
        if current == previous and current:
            return current
        previous = current
    return previous


def _change_control(control) -> str | None:
    """Change one ipywidgets control through the page; return what was done, or None if not applicable."""
    info = control.evaluate(
        """e => ({tag: e.tagName.toLowerCase(), type: e.type || '', cls: e.className || '',
                  n: e.options ? e.options.length : 0, i: e.selectedIndex, multiple: !!e.multiple, checked: !!e.checked,
                  now: e.getAttribute('aria-valuenow'), max: e.getAttribute('aria-valuemax'),
                  text: (e.innerText || e.value || '').trim().slice(0, 40),
                  label: ((e.closest('.widget-inline-hbox, .widget-box') || e).querySelector('.widget-label') || {textContent: ''}).textContent.trim()})"""
    )
    what = f"{info['label'] or info['tag']}"
    if info["tag"] == "select":
        if info["n"] < 2:
            return None
        target = info["n"] - 1 if info["i"] != info["n"] - 1 else 0
        control.select_option(index=target)
        return f"dropdown {what}: option {info['i']} -> {target}"
    if "noUi-handle" in info["cls"]:
        control.focus()
        key = "ArrowLeft" if info["now"] is not None and info["now"] == info["max"] else "ArrowRight"
        for _ in range(3):
            control.press(key)
        return f"slider {what}: {key} x3 from {info['now']}"
    if info["tag"] == "button":
        if "mod-active" in info["cls"]:
            return None
        control.click()
        return f"toggle {what}: clicked {info['text']!r}"
    if info["type"] == "checkbox":
        control.click()
        return f"checkbox {what}: {info['checked']} -> {not info['checked']}"
    if info["type"] == "radio":
        if info["checked"]:
            return None
        control.click()
        return f"radio {what}: chose {info['text']!r}"
    if info["type"] == "number":
        value = float(control.input_value() or 0)
        control.fill(str(int(value + 1) if value == int(value) else value * 1.1))
        control.press("Enter")
        return f"number {what}: {value} -> +1"
    return None


CONTROLS = "select, .noUi-handle, .widget-toggle-buttons button, input[type=checkbox], input[type=radio], input[type=number]"


def _exercise_explorer(page, explorer) -> tuple[bool, list[str]]:
    """Try the explorer's controls in order until one changes the drawn figure."""
    explorer.scroll_into_view_if_needed()
    tried = []
    controls = explorer.locator(CONTROLS)
    for index in range(min(controls.count(), MAX_CONTROLS_TRIED * 3)):
        if len(tried) >= MAX_CONTROLS_TRIED:
            break
        control = controls.nth(index)
        if not control.is_visible() or not control.is_enabled():
            continue
        before = _wait_stable_signature(page, explorer)
        action = _change_control(control)
        if action is None:
            continue
        try:
            page.wait_for_function(
                "([el, before]) => { const s = window.__logilab.signature(el); return s && s !== before; }",
                arg=[explorer.element_handle(), before],
                timeout=CHANGE_TIMEOUT_MS,
            )
            return True, [*tried, f"{action} -> figure changed"]
        except Exception:  # playwright TimeoutError: this control did not change the figure
            tried.append(f"{action} -> figure unchanged after {CHANGE_TIMEOUT_MS // 1000} s")
    return False, tried


def _full_screenshot(page, path: Path) -> None:
    """The whole notebook in one PNG: the viewport is made as tall as the notebook (capped)."""
    height = page.evaluate(
        "() => { const o = window.__logilab.panel().node.querySelector('.jp-WindowedPanel-outer'); return o ? o.scrollHeight : 2000; }"
    )
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 200, 16_000)})
    page.evaluate("() => { const o = window.__logilab.panel().node.querySelector('.jp-WindowedPanel-outer'); if (o) o.scrollTop = 0; }")
    page.wait_for_function("() => window.__logilab.plotStatus(window.__logilab.panel().node).every(n => n > 0)", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_timeout(500)  # let plotly finish its resize relayout before the picture (the assertions are done)
    page.screenshot(path=str(path))


@pytest.mark.parametrize("notebook", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_runs_and_renders_in_jupyterlab(notebook, lab_server, browser, artifacts):
    started = time.monotonic()
    stem, name = notebook.stem, notebook.name
    override = OVERRIDES.get(stem, {})
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    console: list[str] = []
    page.on("console", lambda message: console.append(f"[{message.type}] {message.text}") if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: console.append(f"[pageerror] {error}"))
    summary: dict[str, object] = {"notebook": name}
    try:
        # 1. open the notebook and wait for its kernel
        page.goto(f"{lab_server.url}/lab/tree/{name}?token={lab_server.token}", wait_until="domcontentloaded", timeout=OPEN_TIMEOUT_MS)
        page.wait_for_function(
            "name => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return !!(w && w.context && w.context.path === name && w.context.isReady && w.content.widgets.length); }",
            arg=name,
            timeout=OPEN_TIMEOUT_MS,
        )
        page.evaluate(HELPERS_JS)
        page.wait_for_function("() => window.__logilab.kernelIdle()", timeout=OPEN_TIMEOUT_MS)

        # 2. run all cells; wait for the command, the kernel and the prompts
        page.evaluate(
            "() => { window.__logilabRun = 'running';"
            " window.jupyterapp.commands.execute('notebook:run-all-cells').then("
            "   ok => { window.__logilabRun = 'finished:' + ok; }, error => { window.__logilabRun = 'error:' + error; }); }"
        )
        page.wait_for_function("() => window.__logilabRun !== 'running'", timeout=RUN_TIMEOUT_MS)
        page.wait_for_function("() => window.__logilab.kernelIdle() && window.__logilab.busyPrompts() === 0", timeout=RUN_TIMEOUT_MS)
        summary["run"] = page.evaluate("() => window.__logilabRun")
        summary["run_seconds"] = round(time.monotonic() - started, 1)

        # every cell on the page, so the report below sees its prompt and outputs
        summary["cells_not_on_page_after_run"] = page.evaluate("() => window.__logilab.detachedCells()")
        deadline = time.monotonic() + ATTACH_TIMEOUT_MS / 1000
        while not page.evaluate("() => window.__logilab.attachCells()") and time.monotonic() < deadline:
            page.wait_for_timeout(1000)  # the report below names any cell still not shown
        # 3. every figure and widget drawn: bring each into view, then wait until all have traces / content
        for plot in page.locator(".jp-NotebookPanel:visible .js-plotly-plot").all():
            plot.scroll_into_view_if_needed()
        try:
            page.wait_for_function(
                f"""() => {{
                  const root = window.__logilab.panel().node;
                  const status = window.__logilab.plotStatus(root);
                  const expected = {{plots: 0, widgets: 0}};
                  for (const cell of window.__logilab.panel().content.widgets) {{
                    if (cell.model.type !== 'code') continue;
                    for (const o of cell.model.outputs.toJSON()) {{
                      if (o.data && o.data['{PLOTLY_MIME}']) expected.plots += 1;
                      if (o.data && o.data['{WIDGET_MIME}']) expected.widgets += 1;
                    }}
                  }}
                  const plots = root.querySelectorAll('.jp-RenderedPlotly').length;
                  const widgets = [...root.querySelectorAll('.jp-OutputArea-output')]
                    .filter(o => o.querySelector('.jupyter-widgets') || /Error displaying widget/.test(o.innerText)).length;
                  return plots >= expected.plots && widgets >= expected.widgets && status.every(n => n > 0);
                }}""",
                timeout=RENDER_TIMEOUT_MS,
            )
        except Exception:
            pass  # the report below names what did not render
        report = page.evaluate(REPORT_JS)
        problems = _problems_in_report(report)
        traces = page.evaluate("() => window.__logilab.plotStatus(window.__logilab.panel().node)")
        summary["plotly_figures"] = len(traces)
        summary["traces_per_figure"] = traces
        if any(n == 0 for n in traces):
            problems.append(f"plotly figures without drawn SVG traces: {[i for i, n in enumerate(traces) if n == 0]} of {len(traces)}")
        summary["cells"] = len(report)
        summary["widget_views"] = sum(WIDGET_MIME in o["mimes"] for c in report for o in c["outputs"])
        if problems:
            summary["report"] = report
        assert not problems, f"{name}:\n  " + "\n  ".join(problems)

        # 4. every explorer reacts to its controls on screen
        explorers = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output").filter(
            has=page.locator(".jupyter-widgets .js-plotly-plot")
        )
        results = []
        for index in range(explorers.count()):
            if time.monotonic() - started > NOTEBOOK_BUDGET_S:
                pytest.fail(f"{name}: over the {NOTEBOOK_BUDGET_S} s budget while testing explorers")
            explorer = explorers.nth(index)
            changed, log = _exercise_explorer(page, explorer)
            results.append({"explorer": index, "changed": changed, "actions": log})
            if index == 0:
                _wait_stable_signature(page, explorer)
                explorer.screenshot(path=str(artifacts / f"{stem}-explorer.png"))
        summary["explorers"] = results
        if results:
            responding = [r for r in results if r["changed"]]
            if override.get("explorers_must_respond") == "one":
                assert responding, f"{name}: no explorer changed its figure: {results}"
            else:
                assert len(responding) == len(results), (
                    f"{name}: explorers whose figure did not change: {[r for r in results if not r['changed']]}"
                )

        # 5. nothing broke while the controls moved
        late = [p for p in _problems_in_report(page.evaluate(REPORT_JS)) if "did not run" not in p]
        assert not late, f"{name} after moving the controls:\n  " + "\n  ".join(late)

        _full_screenshot(page, artifacts / f"{stem}.png")
        summary["seconds"] = round(time.monotonic() - started, 1)
    except BaseException:
        try:
            page.screenshot(path=str(artifacts / f"{stem}-failure.png"))
        except Exception:
            pass
        summary["failed"] = True
        raise
    finally:
        (artifacts / f"{stem}-console.log").write_text("\n".join(console) + "\n", encoding="utf-8")
        (artifacts / f"{stem}-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
        print(json.dumps(summary, ensure_ascii=False))
        context.close()
        for session in lab_server.api("/api/sessions") or []:
            if session.get("path", "").endswith(name):
                lab_server.api(f"/api/sessions/{session['id']}", method="DELETE")
