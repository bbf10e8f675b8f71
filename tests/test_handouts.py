"""HTML handouts (``tools/make_handouts.py``): offline pages, an instructor and a student build.

A small notebook made here (maths, a solution cell, a plotly figure, an
explorer-like widget) is built for both audiences, which takes seconds; the
real notebooks are built the same way by ``make handouts``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from plotly.offline import get_plotlyjs
from tools_loader import load_tool

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_TEXT = "answer = 6 * 7  # worked solution 42"
FORMULA = r"$$\alpha = \frac{k}{k-1}\left(1 - \frac{\sum_i s_i^2}{s^2}\right)$$"
CDN = re.compile(r"cdn\.jsdelivr|cdnjs\.cloudflare|unpkg\.com|require\.min\.js|html-manager|embed-amd", re.I)


make_handouts = load_tool("make_handouts")


def _notebook(path: Path) -> Path:
    cells = [
        nbformat.v4.new_markdown_cell(f"# 小测验（Quiz）\n\n克朗巴哈系数：\n\n{FORMULA}"),
        nbformat.v4.new_code_cell("import plotly.graph_objects as go\n\ngo.Figure(go.Bar(x=['A', 'B'], y=[1, 2]))"),
        nbformat.v4.new_code_cell(
            "import ipywidgets as widgets\n\n"
            "figure = go.FigureWidget(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]), layout={'width': 500})\n"
            "widgets.VBox([widgets.HBox([widgets.Checkbox(value=False, description='按月'), "
            "widgets.FloatSlider(value=0.3, min=0, max=1, step=0.1, description='权重'), "
            "widgets.Dropdown(options=['全部', '上海'], description='仓库')]), widgets.HTML('<b>摘要</b>'), figure])"
        ),
        nbformat.v4.new_code_cell("answer = ...  # 你的答案"),
        nbformat.v4.new_code_cell(SOLUTION_TEXT, metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("print('answer is', answer)"),
    ]
    notebook = nbformat.v4.new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handouts")
    source = _notebook(folder / "quiz.ipynb")
    out = folder / "build"
    assert make_handouts.main(["--out", str(out), str(source)]) == 0
    return {audience: out / audience / "quiz.html" for audience in make_handouts.AUDIENCES}


def _without_plotlyjs(page: str) -> str:
    assert page.count(get_plotlyjs()[:2000]) == 1, "plotly.js must be embedded exactly once"
    return page.replace(get_plotlyjs(), "")


@pytest.mark.parametrize("audience", ["instructor", "student"])
def test_pages_load_nothing_from_the_network(pages, audience):
    page = _without_plotlyjs(pages[audience].read_text(encoding="utf-8"))
    remote = re.findall(r"""(?:src|href)\s*=\s*["']?(https?:)?//[^"'\s>]+""", page)
    assert remote == [] and CDN.findall(page) == []
    assert "application/vnd.jupyter.widget-state+json" not in page  # no widget manager to fetch


@pytest.mark.parametrize("audience", ["instructor", "student"])
def test_formulas_are_typeset_by_the_mathjax_beside_the_page(pages, audience):
    page = pages[audience].read_text(encoding="utf-8")
    [src] = re.findall(r'<script[^>]*src="([^"]*MathJax\.js[^"]*)"', page)
    assert src == "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
    folder = pages[audience].parent / "mathjax"
    assert (folder / "MathJax.js").is_file() and (folder / "config" / "TeX-AMS-MML_HTMLorMML-full.js").is_file()
    assert (folder / "jax" / "output" / "HTML-CSS" / "fonts" / "STIX-Web" / "fontdata.js").is_file()
    assert r"\frac{k}{k-1}" in page and "STIX-Web" in page


def test_the_student_page_has_no_solution(pages):
    instructor = pages["instructor"].read_text(encoding="utf-8")
    student = pages["student"].read_text(encoding="utf-8")
    assert "worked solution 42" in instructor and "answer is 42" in instructor
    assert "worked solution 42" not in student and "answer is 42" not in student
    assert "answer is Ellipsis" in student  # the exercise cell still runs, unanswered


def test_widgets_start_state_at_full_width(pages):
    page = pages["student"].read_text(encoding="utf-8")
    snapshot = page.split('class="logilab-widget-snapshot"', 1)[1].split("</script>", 1)[0]
    # nbconvert writes the snapshot's HTML back with sorted attributes
    assert '<input disabled="" type="checkbox"/> 按月</label>' in snapshot  # a check box, not the word False
    assert ">False<" not in snapshot
    assert '<input disabled="" max="1.0" min="0.0" step="0.1" style="flex:1" type="range" value="0.3"/><b>0.30</b>' in snapshot
    assert '<select disabled=""><option selected="">全部</option></select>' in snapshot
    assert "<b>摘要</b>" in snapshot
    assert 'style="width:100%"' in page.split('class="logilab-widget-snapshot"', 1)[1][:40]
    # the figure widget's fixed width is dropped: it takes the page's width
    figure = snapshot.split('class="plotly-graph-div"', 1)[1][:400]
    assert "width:100%" in figure and '"width":500' not in snapshot


def test_figures_are_drawn_from_the_page(pages):
    page = pages["instructor"].read_text(encoding="utf-8")
    assert page.count('class="plotly-graph-div"') == 2  # the figure a cell returns and the widget's figure
    assert "<title>quiz</title>" in page
    assert "Traceback" not in page


def test_a_bad_audience_is_named(tmp_path):
    with pytest.raises(ValueError, match="audience: expected one of"):
        make_handouts.make_handout(tmp_path / "x.ipynb", tmp_path, audience="teacher")
