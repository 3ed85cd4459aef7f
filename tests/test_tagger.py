"""The shipped tagger runs the trained CRF exactly: exported weights, compiled loops, lazy load."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionreader.analysis import segmenter
from unionreader.analysis.ner import compiled, kernel, tagger
from unionreader.analysis.ner.features import sequence

ROOT = Path(__file__).resolve().parents[1]
CRF = ROOT / "tools" / "ner.crfsuite"

# Sentences of our own, with the labels the trained CRF (tools/ner.crfsuite, through
# python-crfsuite's own tagger) gives them, two letters a character: ".." for O, else the
# BIOES letter and the type's initial (BO IO EO: an organisation). Retraining the model
# changes them: regenerate with the crfsuite tagger (see test_same_labels_as_crfsuite).
EXPECTED = [
    (
        "昨天上午，海淀区总工会副主席刘建平带队走访了中关村的三家科技企业。",
        "..........BOIOIOIOIOEO......BPIPEP..........BLILEL................",
    ),
    (
        "据新华社日内瓦电 世界卫生组织总干事在记者会上表示，疫苗分配仍不均衡。",
        "..BOIOEOBLILEL....BOIOIOIOIOEO........................................",
    ),
    (
        "来自黑龙江哈尔滨的选手孙晓梅获得女子组冠军，奖杯由市体育局颁发。",
        "....BLILILILILEL......BPIPEP........................BOIOEO......",
    ),
    (
        "ＡＢＣ物流公司2024年在天津港新建了两座仓库，员工约３００人。",
        "BOIOIOIOIOIOEO............BLILEL................................",
    ),
    ("“我们一定把服务做细，”王师傅笑着说。", "........................SP............"),
    ("记者 张 磊 通讯员 李可欣", "....BPIPIPEP........BPIPIPEP"),
    (
        "本报讯 （记者 赵雪）近日，丰台区右安门街道开展了消防演练。",
        "..............BPIPEP........BLILELBLILEL....................",
    ),
    (
        "约翰·史密斯教授访问了复旦大学和上海交通大学。",
        "BPIPIPIPIPEP..........BOIOIOEO..BOIOIOIOIOEO..",
    ),
]
_TYPE = {"O": "ORG", "P": "PER", "L": "LOC"}


def _labels(code: str) -> list[str]:
    pairs = [code[i : i + 2] for i in range(0, len(code), 2)]
    return ["O" if p == ".." else f"{p[0]}-{_TYPE[p[1]]}" for p in pairs]


def _tag(text: str) -> list[str]:
    model = tagger._model()
    scores = compiled.emissions(model, text, segmenter.cut(text))
    return [model.labels[i] for i in kernel.best(scores, model.transitions)]


@pytest.mark.parametrize(("text", "code"), EXPECTED)
def test_the_shipped_tagger_gives_the_trained_crfs_labels(text: str, code: str) -> None:
    assert _tag(text) == _labels(code)


def test_read_gives_the_names_of_those_labels_without_blanks_at_their_edges() -> None:
    text = EXPECTED[6][0]
    found, beliefs = tagger.read(text, segmenter.cut(text), [(14, 16, "PER"), (0, 3, "ORG")])
    assert [text[s:e] for s, e, _ in found] == ["赵雪", "丰台区", "右安门"]
    assert beliefs[0] > 0.9 > 0.1 > beliefs[1]  # 赵雪 is read as a name, 本报讯 is not


def test_same_labels_as_crfsuite() -> None:
    """Where python-crfsuite is installed (the train extra): the same labels on more text."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    if not CRF.is_file():
        pytest.skip("the trained CRF is kept in the repository, not in the source package")
    crf = pycrfsuite.Tagger()
    crf.open(str(CRF))
    texts = [text for text, _ in EXPECTED]
    texts += ["市工会联合会组织劳模宣讲团赴延庆区八达岭镇开展宣讲。", "一", "，。", "Ｘ"]
    for text in texts:
        words = segmenter.cut(text)
        assert _tag(text) == list(crf.tag(sequence(text, words)))
        inside = tagger.read(text, words, [(0, len(text), "ORG")])[1][0]
        crf.set(sequence(text, words))
        expected = sum(1 - crf.marginal("O", i) for i in range(len(text))) / len(text)
        assert inside == pytest.approx(expected, abs=1e-6)


# -- the exported arrays hold the weights of the feature strings --------------------------------
_ALPHABET = st.sampled_from(
    list("王李张中国北京市区总工会公司的了在和，。、：“”（）·　 ") + list("Ａｂ1９x,.!") + ["𠀀"]
)


def _toy_model(texts: list[str], seed: int) -> tuple[compiled.Model, dict[str, np.ndarray]]:
    """A model with random weights on every feature string of texts (and a few it never
    meets), built and loaded the way the shipped one is."""
    rng = random.Random(seed)
    labels = ["O", "B-PER", "E-PER", "S-LOC"]
    weights: dict[tuple[str, str], float] = {}
    by_attr: dict[str, np.ndarray] = {}
    attrs = {a for t in texts for item in sequence(t, segmenter.cut(t)) for a in item}
    attrs |= {"c没", "b没见", "wBzz", "t" + "hhh", "kOaT", "s1"}
    for attr in sorted(attrs):
        row = np.zeros(len(labels))
        for y, label in enumerate(labels):
            if rng.random() < 0.7:
                w = round(rng.uniform(-2, 2), 3)
                weights[(attr, label)] = w
                row[y] = w
        by_attr[attr] = row
    transitions = {(a, b): rng.uniform(-1, 1) for a in labels for b in labels}
    arrays = compiled.build(labels, transitions, weights)
    return compiled.load(arrays), by_attr


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(_ALPHABET, min_size=1, max_size=30), min_size=1, max_size=3))
def test_emissions_are_the_sums_of_the_feature_strings_weights(texts: list[str]) -> None:
    model, by_attr = _toy_model(texts, seed=len(texts))
    zero = np.zeros(len(model.labels))
    for text in texts:
        words = segmenter.cut(text)
        want = np.array(
            [sum((by_attr.get(a, zero) for a in item), zero) for item in sequence(text, words)]
        )
        got = compiled.emissions(model, text, words)
        np.testing.assert_allclose(got, want, atol=1e-9)
        # a cut that loses characters is read character by character, as in training
        np.testing.assert_allclose(
            compiled.emissions(model, text, [text[1:]]),
            compiled.emissions(model, text, list(text)),
        )


# -- the compiled loops against brute force --------------------------------------------------------
@pytest.mark.parametrize("seed", range(20))
def test_best_path_and_marginals_are_those_of_every_path_counted(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, labels = int(rng.integers(1, 6)), 3
    scores = rng.normal(0, 2, (n, labels))
    trans = rng.normal(0, 2, (labels, labels))
    paths = list(itertools.product(range(labels), repeat=n))
    totals = np.array(
        [
            sum(scores[t, y] for t, y in enumerate(p))
            + sum(trans[a, b] for a, b in itertools.pairwise(p))
            for p in paths
        ]
    )
    assert tuple(kernel.best(scores, trans)) == paths[int(totals.argmax())]
    prob = np.exp(totals - totals.max())
    prob /= prob.sum()
    for label in range(labels):
        want = [sum(q for p, q in zip(paths, prob, strict=True) if p[t] == label) for t in range(n)]
        np.testing.assert_allclose(kernel.marginal(scores, np.exp(trans), label), want)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=40))
def test_compiled_spans_read_a_path_as_decode_reads_its_labels(path: list[int]) -> None:
    model = tagger._model()
    labels = [model.labels[i] for i in path]
    got = kernel.spans(np.array(path, dtype=np.int64), model.heads, model.kinds).tolist()
    assert [(s, e, model.types[k]) for s, e, k in got] == tagger.decode(labels)


# -- loading --------------------------------------------------------------------------------------
def test_the_model_loads_lazily() -> None:
    # importing the extractor loads neither the arrays nor their libraries; the first use does
    # (its time is measured by tests/perf/bench_tagger.py, not asserted here)
    code = (
        "import sys\n"
        "import unionreader.analysis.entities as e\n"
        "from unionreader.analysis.ner import tagger\n"
        "assert not {'numpy', 'numba', 'pycrfsuite'} & set(sys.modules), sys.modules.keys()\n"
        "tagger._model()\n"
        "assert 'numpy' in sys.modules\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k.startswith("XDG_") or k == "HOME"},
        "PYTHONPATH": str(ROOT / "tui"),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


def test_the_model_ships_inside_the_package_and_is_small() -> None:
    path = Path(tagger.__file__).with_name(tagger.MODEL_NAME)
    assert path.is_file()
    assert path.stat().st_size <= 20_000_000
