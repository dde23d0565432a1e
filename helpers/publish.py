"""Say a sentence that quotes numbers, and publish those numbers with it for the tests.

``publish.say(f"shooter A's entropy: {H_A:.4f} bits", H_A=H_A)`` shows the sentence exactly as
``print`` would, and stores the full-precision values beside it in the same output, under the MIME
type ``application/vnd.ce.values+json``, in the spirit of MyST-NB's ``glue``. A notebook viewer shows
the sentence (``text/plain``); nbval compares both parts of the output against a fresh run, so the
committed notebook holds values the tests can read without running it again (``tests/support/published.py``).

Values are numbers, or arrays and tensors of numbers, stored as JSON numbers and lists of them with
ten significant digits (``SIGNIFICANT``): far more than any sentence prints, and fewer than the last
bits in which two CPUs' BLAS or PyTorch kernels may differ (about 1e-15 relative here: notebook 07 run
with OpenBLAS's Haswell kernels instead of its AVX-512 ones), so nbval's comparison of the committed
values holds on any x86-64 machine. JSON has no NaN or infinity: those are stored as the
strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"``. Outside IPython the sentence is printed.
"""
from __future__ import annotations

import math
from typing import Any

__all__ = ["MIME_TYPE", "SIGNIFICANT", "NON_FINITE", "say", "as_json"]

MIME_TYPE = "application/vnd.ce.values+json"
SIGNIFICANT = 10  # digits a published float keeps
# What JSON cannot hold, by the string that stands for it (``tests/support/published.py`` reads them back).
NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _number(name: str, x: Any) -> float | int | str:
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise ValueError(f"{name}: publish numbers, arrays or tensors of numbers, got {type(x).__name__} {x!r}")
    if isinstance(x, float):
        if not math.isfinite(x):
            return "NaN" if math.isnan(x) else "Infinity" if x > 0 else "-Infinity"
        return float(f"{x:.{SIGNIFICANT}g}")
    return x


def as_json(name: str, value: Any) -> Any:
    """``value`` as JSON: a number, or nested lists of numbers for an array or tensor (floats to ``SIGNIFICANT`` digits)."""
    if hasattr(value, "detach"):  # a torch tensor
        value = value.detach().cpu().numpy()
    if hasattr(value, "tolist"):  # a NumPy array or scalar: Python numbers
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [as_json(name, x) for x in value]
    return _number(name, value)


def say(sentence: str, **values: Any) -> None:
    """Show ``sentence`` as ``print`` does, with ``values`` published in the same output.

    Parameters
    ----------
    sentence : the line the learner reads (it may span lines).
    **values : the numbers the sentence quotes, each under a name unique in the notebook (a cell
        that says one sentence per round of a loop publishes the name once per round; the tests
        read the values in order).
    """
    if not isinstance(sentence, str):
        raise ValueError(f"sentence: expected the text to show, got {type(sentence).__name__}")
    if not values:
        raise ValueError("values: name at least one value to publish (for a sentence alone, use print)")
    bundle = {"text/plain": sentence, MIME_TYPE: {name: as_json(name, v) for name, v in values.items()}}
    from IPython import get_ipython

    if get_ipython() is None:  # plain Python: the sentence alone
        print(sentence)
        return
    from IPython.display import display

    display(bundle, raw=True)
