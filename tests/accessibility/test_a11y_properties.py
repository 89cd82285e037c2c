"""Properties that hold for any input, checked with Hypothesis."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from accessibility.contrast import contrast_ratio
from accessibility.nodes import TREE_FORMAT, tree_from_dict, tree_to_dict
from accessibility.speech.prepare import prepare_for_listening

colours = st.integers(0, 0xFFFFFF).map(lambda value: f"#{value:06X}")


@given(colours, colours)
def test_contrast_is_symmetric_and_between_1_and_21(first: str, second: str) -> None:
    ratio = contrast_ratio(first, second)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert ratio == contrast_ratio(second, first)


@settings(max_examples=200)
@given(st.integers(0, 10**12 - 1), st.sampled_from(["uz_Latn", "uz_Cyrl"]))
def test_uzbek_speech_never_gets_digits(amount: int, locale: str) -> None:
    grouped = f"{amount:,}".replace(",", "\u00a0")
    for text in (f"{amount} soʻm", f"{grouped} сўм", f"Jami {amount} ta, kod 0{amount}"):
        spoken = prepare_for_listening(text, locale)
        assert not any(ch.isdigit() for ch in spoken), (text, spoken)


uzbek_text = st.text(alphabet=string.ascii_letters + " ʼʻъЪ'‘’маълумотўқғҳ.,", max_size=60)


@given(uzbek_text, st.sampled_from(["uz_Latn", "uz_Cyrl"]))
def test_marks_the_uzbek_voice_spells_never_reach_it(text: str, locale: str) -> None:
    spoken = prepare_for_listening(text, locale)
    assert not set(spoken) & set("ʼъЪ‘’")


@given(st.recursive(
    st.fixed_dictionaries(
        {"role": st.sampled_from(["button", "text", "text_field", "heading"])},
        optional={
            "name": st.text(max_size=10),
            "bounds": st.lists(st.integers(0, 500), min_size=4, max_size=4),
            "focus_index": st.integers(0, 20),
            "states": st.lists(st.sampled_from(["required", "checked"]), unique=True),
        },
    ),
    lambda children: st.fixed_dictionaries(
        {"role": st.just("group"), "children": st.lists(children, max_size=3)}
    ),
    max_leaves=8,
))
def test_any_valid_tree_survives_export_and_import(root: dict) -> None:
    tree = tree_from_dict({"format": TREE_FORMAT, "version": 1, "root": root})
    assert tree_from_dict(tree_to_dict(tree)) == tree
