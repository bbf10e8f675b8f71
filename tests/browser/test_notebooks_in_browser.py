"""Every notebook, opened and run in JupyterLab in headless Chromium, is fit to project.

For each ``notebooks/*.ipynb`` (a temporary copy, served by the private
JupyterLab of ``conftest.py``), at two viewport sizes -- a 1366 x 768 projector
and a 1920 x 1080 laptop -- the test runs all cells and asserts, reading the
page (the DOM), that

* every code cell ran (it has an execution count) and no cell shows an error
  (no error output, no traceback on stderr);
* every widget view renders (no "Error displaying widget" / "model not found");
* every plotly figure, whether a cell result or inside a widget, has drawn its traces (SVG
  trace groups; WebGL traces such as large ``scattergl`` plots need a drawn canvas);
* layout, for every plotly figure (and again for every explorer's figure after its
  controls moved): the boxes of the title, legend, axis titles, annotations, tick
  labels and data labels do not intersect each other by more than ``TOLERANCE_PX``
  both ways, none leaves the figure, no text is drawn below ``MIN_FONT_PX`` and every
  axis title contains Chinese;
* widget text in the default language: every description contains Chinese, no button
  or dropdown option reads as a code name (``on_time_rate``, ``minmax``), and no text
  is cut off with an ellipsis (``text-overflow: ellipsis`` with overflowing text, or a
  trailing "…");
* in every explorer (a widget holding a plotly figure), every enabled control --
  slider, dropdown, toggle buttons, checkbox, radio, number box -- changes the drawn
  figure or the summary line when moved through the page (controls disabled in the
  current mode are skipped; each explorer has a time budget).

All problems of a notebook are collected and reported together, each overlap with
the two texts involved. Artifacts in ``build/browser/``, named
``<notebook>-<width>...``: the whole notebook (``.png``), every explorer before and
after its controls moved (``-explorer<i>-before.png`` / ``-after.png``), the browser
console (``-console.log``), a JSON summary (``-summary.json``) and, for a failing
notebook, ``-failure.png``.

An English pass (``ll.set_language("en")`` in the kernel before the run) repeats the
layout, cut-off and snake_case checks for every notebook (``ENGLISH_NOTEBOOKS``) at the
projector's width, with screenshots named ``<notebook>-1366-en...``.

Run with ``make test-browser`` (the tests skip unless ``LOGILAB_BROWSER=1``); one
notebook at one width with ``-k "02_customer and projector"``.
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
NOTEBOOK_BUDGET_S = 480  # hard upper bound on one notebook's test at one width
EXPLORER_BUDGET_S = 150  # moving every control of one explorer

# The two screens an instructor meets: a 1366 x 768 projector and a 1920 x 1080 laptop.
VIEWPORTS = {"projector": (1366, 768), "laptop": (1920, 1080)}

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
          // style: a highlighted line is drawn wider / more opaque, with the same geometry
          for (const a of ['d', 'points', 'transform', 'x', 'y', 'width', 'height', 'href', 'style']) {
            const v = n.getAttribute(a);
            if (v) parts.push(a + '=' + v);
          }
          if (n.tagName === 'text') parts.push('t=' + n.textContent);
        }
      }
      for (const t of glTraces(plot)) parts.push('gl=' + t.type + ':' + head(t.x) + ':' + head(t.y));
    }
    // the explorer's summary line (HTML widgets outside the figure) counts as well
    for (const html of root.querySelectorAll('.widget-html-content')) {
      if (!html.closest('.js-plotly-plot')) parts.push('s=' + html.textContent);
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


# Layout of one plotly figure, read from the page: every title, legend, axis title, annotation,
# tick label and data label as a box; pairs that intersect by more than TOLERANCE px both ways,
# boxes that leave the figure, text drawn smaller than MIN_FONT_PX, and axis titles without Chinese.
LAYOUT_JS = r"""
([plot, tolerance, minFont, chinese]) => {
  const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  const visible = (el) => {
    if (!el || !el.isConnected) return false;
    for (let n = el; n && n !== plot; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const box = (el) => { const r = el.getBoundingClientRect(); return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; };
  const container = plot.querySelector('.svg-container');
  if (!visible(container)) return {skipped: true};
  const frame = box(container);
  const items = [];
  const add = (kind, el, text) => {
    if (!visible(el)) return;
    const t = (text === undefined ? el.textContent : text).replace(/\s+/g, ' ').trim();
    if (!t) return;
    items.push({kind, text: t.slice(0, 60), r: box(el), el});
  };
  for (const e of plot.querySelectorAll('.g-gtitle .gtitle')) add('title', e);
  for (const e of plot.querySelectorAll('g.legend')) {
    add('legend', e.querySelector('rect.bg') || e, [...e.querySelectorAll('.legendtext, .legendtitletext')].map(t => t.textContent).join(' / ') || 'legend');
  }
  const axisTitles = [];
  for (const e of plot.querySelectorAll('text')) {
    const cls = e.getAttribute('class') || '';
    if (/^[xy]\d*title$/.test(cls) || /(radial|angular)axis.*title/.test(cls)) { add('axis title', e); axisTitles.push(e.textContent.trim()); }
  }
  for (const e of plot.querySelectorAll('g.annotation')) add('annotation', e.querySelector('text.annotation-text') || e);
  for (const e of plot.querySelectorAll('.xtick text, .ytick text, .angularaxistick text, .radialaxistick text')) add('tick', e);
  for (const e of plot.querySelectorAll('.textpoint text, .bartext')) add('data label', e);
  const rotated = (el) => /rotate\((?!0[,)])/.test(el.getAttribute('transform') || '');
  const problems = [];
  const fmt = (it) => `${it.kind} "${it.text}"`;
  const inside = (a, b) => a.x0 >= b.x0 - tolerance && a.y0 >= b.y0 - tolerance && a.x1 <= b.x1 + tolerance && a.y1 <= b.y1 + tolerance;
  for (const it of items) {
    const out = [it.r.x0 < frame.x0 - tolerance && 'left', it.r.x1 > frame.x1 + tolerance && 'right',
                 it.r.y0 < frame.y0 - tolerance && 'top', it.r.y1 > frame.y1 + tolerance && 'bottom'].filter(Boolean);
    if (out.length) problems.push(`${fmt(it)} extends outside the figure (${out.join(', ')})`);
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      // a legend's own entries and a text inside its own annotation box are not collisions
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      // rotated tick labels of one axis: their upright boxes overlap though the slanted texts do not
      // (plotly rotates them exactly so that they clear each other)
      if (a.kind === 'tick' && b.kind === 'tick' && a.el.parentNode.parentNode === b.el.parentNode.parentNode
          && (rotated(a.el) || rotated(b.el))) continue;
      const w = Math.min(a.r.x1, b.r.x1) - Math.max(a.r.x0, b.r.x0);
      const h = Math.min(a.r.y1, b.r.y1) - Math.max(a.r.y0, b.r.y0);
      if (w > tolerance && h > tolerance) problems.push(`${fmt(a)} overlaps ${fmt(b)} (${Math.round(w)} x ${Math.round(h)} px)`);
    }
  }
  for (const it of items) {
    if (it.kind === 'legend') continue;
    const size = parseFloat(getComputedStyle(it.el).fontSize || it.el.style.fontSize || '0');
    if (size && size < minFont) problems.push(`${fmt(it)} is drawn at ${size.toFixed(1)} px (at least ${minFont} px to read on a projector)`);
    if (it.text.endsWith('…')) problems.push(`${fmt(it)} is cut off with an ellipsis`);
  }
  if (chinese) for (const t of axisTitles) if (t && !CJK.test(t)) problems.push(`axis title "${t}" has no Chinese`);
  const title = plot.querySelector('.g-gtitle .gtitle');
  return {title: title ? title.textContent.slice(0, 50) : '', items: items.length, problems};
}
"""

# Widget text: in Chinese (the default language) descriptions in Chinese and no identifier on a button
# or in a dropdown; in English no snake_case name; in both, nothing cut off with an ellipsis.
WIDGET_TEXT_JS = r"""
(root, chinese) => {
  const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  const IDENT = /^(?=.*[a-z]{3})[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$|_/;
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const problems = [];
  let labels = 0;
  for (const output of root.querySelectorAll('.jp-OutputArea-output')) {
    if (!output.querySelector('.jupyter-widgets')) continue;
    const where = (el) => (el.closest('.widget-inline-hbox, .widget-box') || el).className.split(' ').find(c => c.startsWith('widget-')) || el.tagName;
    for (const e of output.querySelectorAll('.widget-label, .widget-label-basic')) {
      const t = e.textContent.trim();
      if (!t || e.closest('.js-plotly-plot')) continue;
      labels += 1;
      if (chinese && !CJK.test(t) && (/[A-Za-z]{2,}/.test(t) || t.includes('_'))) problems.push(`${where(e)} description "${t}" has no Chinese`);
      if (!chinese && t.includes('_')) problems.push(`${where(e)} description "${t}" reads as a code name`);
    }
    for (const e of output.querySelectorAll('button, option')) {
      const t = e.textContent.trim();
      if (t && (chinese ? IDENT.test(t) : t.includes('_'))) problems.push(`${e.tagName.toLowerCase()} "${t}" (${where(e)}) reads as a code name, not Chinese`);
    }
    for (const e of output.querySelectorAll('*')) {
      if (e.closest('.js-plotly-plot') || !shown(e)) continue;
      const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
      if (!own) continue;
      const s = getComputedStyle(e);
      if (s.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1) problems.push(`"${own.slice(0, 60)}" (${where(e)}) is cut off: ${e.scrollWidth} px of text in ${e.clientWidth} px`);
      else if (own.endsWith('…')) problems.push(`"${own.slice(0, 60)}" (${where(e)}) ends with an ellipsis`);
    }
  }
  return {labels, problems};
}
"""

# Mark each control of one explorer (one per widget: a slider's first handle, one inactive button
# of a toggle-buttons row, ...) with data-logilab-control and describe it.
CONTROLS_JS = r"""
(root) => {
  const out = [];
  const label = (e) => ((e.closest('.widget-inline-hbox, .widget-box, .widget-toggle-buttons') || e).querySelector('.widget-label, .widget-label-basic') || {textContent: ''}).textContent.trim();
  const mark = (node, kind, enabled) => {
    if (!node) return;
    node.setAttribute('data-logilab-control', String(out.length));
    out.push({k: out.length, kind, enabled, label: label(node)});
  };
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  for (const e of root.querySelectorAll('.noUi-target, .widget-toggle-buttons, .widget-toggle-button, select, input[type=checkbox], .widget-radio-box, input[type=number]')) {
    if (!shown(e) || (e.matches('.widget-toggle-button') && e.closest('.widget-toggle-buttons'))) continue;
    if (e.matches('.noUi-target')) mark(e.querySelector('.noUi-handle'), 'slider', !e.hasAttribute('disabled') && !e.closest('[disabled]'));
    else if (e.matches('.widget-toggle-buttons')) {
      const buttons = [...e.querySelectorAll('button')];
      const target = buttons.find(b => !b.classList.contains('mod-active') && !b.disabled);
      if (target) mark(target, 'toggle buttons', true);
      else if (buttons.length) mark(buttons[0], 'toggle buttons', buttons.length > 1 && !buttons.every(b => b.disabled));
    }
    else if (e.matches('.widget-radio-box')) {
      const target = [...e.querySelectorAll('input[type=radio]')].find(r => !r.checked);
      if (target) mark(target, 'radio', !target.disabled);
    }
    else if (e.matches('select')) mark(e, 'dropdown', !e.disabled && e.options.length > 1);
    else mark(e, e.matches('.widget-toggle-button') ? 'toggle' : e.type, !e.disabled);
  }
  return out;
}
"""

TOLERANCE_PX = 2
MIN_FONT_PX = 9


def _change_control(control):
    """Change one ipywidgets control through the page; return (what was done, how to undo it), or (None, None)."""
    info = control.evaluate(
        """e => ({tag: e.tagName.toLowerCase(), type: e.type || '', cls: e.className || '',
                  n: e.options ? e.options.length : 0, i: e.selectedIndex, multiple: !!e.multiple, checked: !!e.checked,
                  now: e.getAttribute('aria-valuenow'), max: e.getAttribute('aria-valuemax'),
                  text: (e.innerText || e.value || '').trim().slice(0, 40),
                  active: e.parentElement ? [...e.parentElement.children].findIndex(b => b.classList.contains('mod-active')) : -1,
                  label: ((e.closest('.widget-inline-hbox, .widget-box') || e).querySelector('.widget-label') || {textContent: ''}).textContent.trim()})"""
    )
    what = f"{info['label'] or info['tag']}"
    if info["tag"] == "select":
        if info["n"] < 2:
            return None, None
        target = info["n"] - 1 if info["i"] != info["n"] - 1 else 0
        control.select_option(index=target)
        return f"dropdown {what}: option {info['i']} -> {target}", lambda: control.select_option(index=info["i"])
    if "noUi-handle" in info["cls"]:
        control.focus()
        key, back = ("ArrowLeft", "ArrowRight") if info["now"] is not None and info["now"] == info["max"] else ("ArrowRight", "ArrowLeft")
        for _ in range(3):
            control.press(key)

        def undo_slider():
            control.focus()
            for _ in range(3):
                control.press(back)

        return f"slider {what}: {key} x3 from {info['now']}", undo_slider
    if info["tag"] == "button":
        if "mod-active" in info["cls"] and "widget-toggle-button" not in info["cls"]:
            return None, None
        control.click()
        if info["active"] >= 0:  # a row of toggle buttons: click the one that was active before
            return (
                f"button {what}: clicked {info['text']!r}",
                lambda: control.locator("xpath=..").locator("button").nth(info["active"]).click(),
            )
        return f"button {what}: clicked {info['text']!r}", control.click
    if info["type"] == "checkbox":
        control.click()
        return f"checkbox {what}: {info['checked']} -> {not info['checked']}", control.click
    if info["type"] == "radio":
        if info["checked"]:
            return None, None
        control.click()
        return f"radio {what}: chose {info['text']!r}", None
    if info["type"] == "number":
        text = control.input_value() or "0"
        value = float(text)
        control.fill(str(int(value + 1) if value == int(value) else value * 1.1))
        control.press("Enter")

        def undo_number():
            control.fill(text)
            control.press("Enter")

        return f"number {what}: {value} -> +1", undo_number
    return None, None


def _exercise_explorer(page, explorer, *, budget_s: float, after_change=None) -> tuple[list[str], list[str]]:
    """Move every enabled control of the explorer once (and back); return (log, controls that changed nothing).

    ``after_change(action)`` is called once, after the first move that changed the explorer and
    before it is undone (for the "after" screenshot and layout check)."""
    started = time.monotonic()
    controls = explorer.evaluate(CONTROLS_JS)
    log, dead = [], []
    for control in controls:
        if not control["enabled"]:
            log.append(f"{control['kind']} {control['label']!r}: disabled, skipped")
            continue
        if time.monotonic() - started > budget_s:
            log.append(f"over the {budget_s} s budget: {len(controls) - controls.index(control)} control(s) left untried")
            dead.append(f"{control['kind']} {control['label']!r}: not tried (explorer over its {budget_s} s budget)")
            break
        handle = explorer.locator(f'[data-logilab-control="{control["k"]}"]')
        if not handle.count() or not handle.first.is_visible():
            continue
        # an earlier move (a mode switch) may have disabled this control since the controls were listed
        if handle.first.evaluate("e => !!(e.disabled || e.closest('[disabled]'))"):
            log.append(f"{control['kind']} {control['label']!r}: disabled after an earlier move, skipped")
            continue
        handle.first.scroll_into_view_if_needed()
        before = _wait_stable_signature(page, explorer, timeout_s=5.0)
        action, undo = _change_control(handle.first)
        if action is None:
            continue
        try:
            page.wait_for_function(
                "([el, before]) => { const s = window.__logilab.signature(el); return s && s !== before; }",
                arg=[explorer.element_handle(), before],
                timeout=CHANGE_TIMEOUT_MS,
            )
            log.append(f"{action} -> changed")
            if after_change is not None:
                _wait_stable_signature(page, explorer, timeout_s=5.0)
                after_change(action)
                after_change = None
        except Exception:  # playwright TimeoutError: this control changed neither the figure nor the summary
            log.append(f"{action} -> unchanged after {CHANGE_TIMEOUT_MS // 1000} s")
            dead.append(action)
        # back to the starting state, so the next control is judged from it (not from a mode or
        # column mapping an earlier move happened to leave behind)
        if undo is not None:
            try:
                undo()
                page.wait_for_function(
                    "([el, before]) => window.__logilab.signature(el) === before", arg=[explorer.element_handle(), before], timeout=3_000
                )
            except Exception:
                log.append(f"{action}: not back to the starting picture after the undo")
    return log, dead


def _element_screenshot(page, element, path: Path, viewport: tuple[int, int]) -> None:
    """A PNG of the whole element: the viewport grows to the element's height for the picture (width unchanged)."""
    element.scroll_into_view_if_needed()
    tall = int(element.evaluate("el => el.getBoundingClientRect().height")) + 160
    if tall > viewport[1]:
        page.set_viewport_size({"width": viewport[0], "height": min(tall, 8_000)})
        page.wait_for_timeout(400)
        element.scroll_into_view_if_needed()
    element.screenshot(path=str(path))
    if tall > viewport[1]:
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})


def _layout_problems(page, root_locator, where: str, *, chinese: bool = True) -> tuple[int, list[str]]:
    """Layout problems of every plotly figure under ``root_locator`` (each scrolled into view first); ``chinese``: axis titles must hold Chinese."""
    problems, checked = [], 0
    plots = root_locator.locator(".js-plotly-plot")
    for index in range(plots.count()):
        plot = plots.nth(index)
        plot.scroll_into_view_if_needed()
        result = plot.evaluate(f"el => ({LAYOUT_JS})([el, {TOLERANCE_PX}, {MIN_FONT_PX}, {str(chinese).lower()}])")
        if result.get("skipped"):
            continue
        checked += 1
        for problem in result["problems"]:
            problems.append(f"{where} figure {index} ({result['title']!r}): {problem}")
    return checked, problems


def _full_screenshot(page, path: Path, width: int) -> None:
    """The whole notebook in one PNG: the viewport is made as tall as the notebook (capped)."""
    height = page.evaluate(
        "() => { const o = window.__logilab.panel().node.querySelector('.jp-WindowedPanel-outer'); return o ? o.scrollHeight : 2000; }"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 200, 16_000)})
    page.evaluate("() => { const o = window.__logilab.panel().node.querySelector('.jp-WindowedPanel-outer'); if (o) o.scrollTop = 0; }")
    page.wait_for_function("() => window.__logilab.plotStatus(window.__logilab.panel().node).every(n => n > 0)", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_timeout(500)  # let plotly finish its resize relayout before the picture (the assertions are done)
    page.screenshot(path=str(path))


# The English pass (``ll.set_language("en")`` before the notebook runs): every notebook at the projector's
# width (English labels are the longer ones), with the layout and cut-off checks but not the Chinese-text
# checks; the controls are not moved (the Chinese pass does that), which keeps it to about 1 min each.
ENGLISH_NOTEBOOKS = NOTEBOOK_PATHS
SET_ENGLISH_JS = """
async () => {
  const kernel = window.__logilab.panel().sessionContext.session.kernel;
  const reply = await kernel.requestExecute({code: "import logilab as ll\\nll.set_language('en')", silent: true, store_history: false}).done;
  return reply.content.status;
}
"""


@pytest.mark.parametrize("screen", list(VIEWPORTS), ids=list(VIEWPORTS))
@pytest.mark.parametrize("notebook", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_runs_and_renders_in_jupyterlab(notebook, screen, lab_server, browser, artifacts):
    _check_notebook(notebook, screen, lab_server, browser, artifacts, lang="zh")


@pytest.mark.parametrize("notebook", ENGLISH_NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_english_fits_the_projector(notebook, lab_server, browser, artifacts):
    _check_notebook(notebook, "projector", lab_server, browser, artifacts, lang="en")


def _check_notebook(notebook, screen, lab_server, browser, artifacts, *, lang: str) -> None:
    """Open, run and check one notebook at one screen size, in ``lang`` ("zh": every check; "en": layout and cut-off text)."""
    started = time.monotonic()
    chinese = lang == "zh"
    stem, name = notebook.stem, notebook.name
    width, height = VIEWPORTS[screen]
    tag = f"{stem}-{width}" + ("" if chinese else f"-{lang}")
    override = OVERRIDES.get(stem, {})
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    console: list[str] = []
    page.on("console", lambda message: console.append(f"[{message.type}] {message.text}") if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: console.append(f"[pageerror] {error}"))
    summary: dict[str, object] = {"notebook": name, "viewport": f"{width}x{height}", "language": lang}
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
        if not chinese:
            assert page.evaluate(SET_ENGLISH_JS) == "ok", f"{name}: could not switch the kernel to English"

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

        # 4. layout: no text on text, nothing outside its figure, Chinese labels, nothing cut off
        notebook_panel = page.locator(".jp-NotebookPanel:visible")
        checked, layout = _layout_problems(page, notebook_panel, "", chinese=chinese)
        text = notebook_panel.evaluate(WIDGET_TEXT_JS, chinese)
        summary["figures_checked"] = checked
        summary["widget_labels_checked"] = text["labels"]

        # 5. every enabled control of every explorer changes its figure or its summary
        explorers = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output").filter(
            has=page.locator(".jupyter-widgets .js-plotly-plot")
        )
        results, dead = [], []
        for index in range(explorers.count()):
            if time.monotonic() - started > NOTEBOOK_BUDGET_S:
                pytest.fail(f"{name}: over the {NOTEBOOK_BUDGET_S} s budget while testing explorers")
            explorer = explorers.nth(index)
            explorer.scroll_into_view_if_needed()
            _wait_stable_signature(page, explorer, timeout_s=5.0)
            _element_screenshot(page, explorer, artifacts / f"{tag}-explorer{index}-before.png", (width, height))
            if not chinese:  # the English pass looks at the starting state only
                continue

            def after_change(action, index=index, explorer=explorer):
                _element_screenshot(page, explorer, artifacts / f"{tag}-explorer{index}-after.png", (width, height))
                _, after = _layout_problems(page, explorer, f"explorer {index} after {action}:", chinese=chinese)
                layout.extend(after)

            log, unchanged = _exercise_explorer(page, explorer, budget_s=EXPLORER_BUDGET_S, after_change=after_change)
            results.append({"explorer": index, "actions": log})
            dead.extend(f"explorer {index}: {action}" for action in unchanged)
        summary["explorers"] = results
        summary["layout_problems"] = layout + text["problems"]
        # 6. nothing broke while the controls moved
        late = [p for p in _problems_in_report(page.evaluate(REPORT_JS)) if "did not run" not in p]
        assert not late, f"{name} after moving the controls:\n  " + "\n  ".join(late)

        _full_screenshot(page, artifacts / f"{tag}.png", width)
        summary["seconds"] = round(time.monotonic() - started, 1)
        failures = []
        if dead and override.get("explorers_must_respond") != "one":
            failures.append("enabled controls that changed neither figure nor summary:\n  " + "\n  ".join(dead))
        if layout:
            failures.append(f"{len(layout)} layout problem(s):\n  " + "\n  ".join(layout))
        if text["problems"]:
            failures.append(f"{len(text['problems'])} widget text problem(s):\n  " + "\n  ".join(text["problems"]))
        assert not failures, f"{name} at {width}x{height}:\n" + "\n".join(failures)
    except BaseException:
        try:
            page.screenshot(path=str(artifacts / f"{tag}-failure.png"))
        except Exception:
            pass
        summary["failed"] = True
        raise
    finally:
        (artifacts / f"{tag}-console.log").write_text("\n".join(console) + "\n", encoding="utf-8")
        (artifacts / f"{tag}-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
        print(json.dumps(summary, ensure_ascii=False))
        context.close()
        for session in lab_server.api("/api/sessions") or []:
            if session.get("path", "").endswith(name):
                lab_server.api(f"/api/sessions/{session['id']}", method="DELETE")
