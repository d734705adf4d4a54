"""The offline text embedding used for the goals / experience factor."""

from __future__ import annotations

import numpy as np
import pytest

from mentora.matching.engine.text import embed, evaluate


def test_it_embeds_offline_as_unit_vectors_and_zero_for_empty_text():
    v = embed(["Led a marketing team", "", "Marketing team lead"], backend="lexical")
    assert v.dtype == np.float32
    assert v.shape == (3, 256)
    assert np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-6)
    assert not v[1].any()
    assert float(v[0] @ v[2]) > 0.3


def test_it_is_deterministic_across_calls():
    a = embed(["Data scientist building models"], backend="lexical")
    b = embed(["Data scientist building models"], backend="lexical")
    assert np.array_equal(a, b)


def test_it_ranks_the_labelled_sample_well_enough():
    q = evaluate(lambda t: embed(t, backend="lexical"))
    assert q["auc"] > 0.85


def test_it_rejects_an_unknown_backend():
    with pytest.raises(ValueError, match="backend"):
        embed(["x"], backend="bert")
