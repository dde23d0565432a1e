"""Live explorers: computed and drawn in the browser, as anywidgets, with a Python reference.

A live explorer is an ``anywidget.AnyWidget`` whose front end is an ES module in ``web/``: it
imports the drawing primitives it uses from ``web/draw.js`` and exports ``render({ model, el })``.
The widget carries it joined with those imports into one module (``web/dist/``, by ``make js``).
The module computes what it shows from the control values (synced traits) and draws SVG, so a
slider step never waits for the kernel and stays crisp at any zoom.
Nothing is fetched at run time: the module and its CSS travel with the widget.

On the Python side each explorer has traits for its controls (settable from Python, synced both
ways) and ``reference()``: the readout lines computed through the math modules, which the tests
compare with what the browser shows. The static builds find an explorer by the
``application/vnd.ce.explorer+json`` entry of its display bundle (its registered name and values)
and embed the same module with a small host that implements the model interface.

An explorer speaks the language in use when it is created (``helpers.use_language``). Every string
it shows is an English template written once, in Python, marked with ``N_``: its ``title``, its
controls' labels, units and options (``specs``) and ``messages`` (the readout lines, axis labels,
figure titles, descriptions and tags its module draws). The synced trait ``_messages`` carries
``{template: translation}`` for that language (empty in English), and the display bundle's explorer
entry carries the same dict (``messages``, in a language other than English) for the static hosts.
The module fills a template with ``t(model, template, fields)`` of ``web/draw.js``, the Python
reference with ``tr``: the same template, the same fields, each a number already written by ``fmt``,
so both give the same text in every language.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from helpers import i18n
from helpers.i18n import N_, catalog, language, tr

__all__ = ["LiveExplorer", "LIVE", "EXPLORER_MIME", "esm_source", "STILLS", "STILL_NOTE", "Value", "translated"]

WEB = Path(__file__).with_name("web")
# Each explorer's module joined with what it imports, by tools/bundle_js.py (committed: learners have no Node).
DIST = WEB / "dist"
# Each explorer's still picture at its start, drawn by its own ES module (``tools/stills.py``).
STILLS = Path(__file__).with_name("stills")
# The note under a still's title (``tools/stills.py`` draws it in each language).
STILL_NOTE = N_("A still picture of the explorer at its start: run the notebook to move its controls.")
EXPLORER_MIME = "application/vnd.ce.explorer+json"
# The one registry: every explorer class by its registered name (what the builders and tests look up).
LIVE: dict[str, type[LiveExplorer]] = {}


def esm_source(name: str) -> str:
    """Explorer ``name``'s whole ES module: ``web/<name>.js`` joined with what it imports, ``web/dist/<name>.js``."""
    joined = DIST / f"{name}.js"
    if not joined.is_file():
        raise FileNotFoundError(f"name: {joined} is missing; `make js` joins web/{name}.js with its imports")
    return joined.read_text(encoding="utf-8")


def translated(template: str, **fields: Any) -> str:
    """``tr`` of a template held in a name (a class attribute, a table), marked with ``N_`` where it is
    written: ``tools/i18n.py`` reads the template of a ``tr`` call only when it is a literal."""
    return i18n.tr(template, **fields)


class Value(traitlets.Any):
    """A control's value of any type, None included, for the explorer's own check to judge and name
    (``traitlets.Any`` lets None through without calling the checks)."""

    def __init__(self, default_value: Any) -> None:
        super().__init__(default_value)
        self.allow_none = False


class LiveExplorer(anywidget.AnyWidget):
    """Base class: subclasses set ``name``, ``title``, ``specs``, ``messages``, control traits and
    ``reference``.

    One name per explorer: ``name`` (snake_case) is its registered name, its factory in
    ``helpers.explorers`` (``explorers.<name>()``), its ES module ``web/<name>.js`` and its still
    ``stills/<name>.*``; the class is the name in CamelCase.
    """

    name: ClassVar[str] = ""
    # The English templates (each marked with N_): the title, and in ``specs`` each control's label
    # and unit and each option of a select (an option's value is a code; its label is the template
    # of that code: "bits" shows as 比特 in Chinese). The front end translates them.
    title: ClassVar[str] = ""
    # One dict a control, in order: name (the trait), label, kind ("range" with min, max, step,
    # digits and unit; or "select" with options). The front end builds its controls from these.
    specs: ClassVar[tuple[dict[str, Any], ...]] = ()
    # Every other template the module shows (readout lines, axis labels, figure titles and
    # descriptions, legend and tag labels, unit names), each marked with N_.
    messages: ClassVar[tuple[str, ...]] = ()

    _controls: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    _name = traitlets.Unicode().tag(sync=True)
    _title = traitlets.Unicode().tag(sync=True)
    # {English template: translation} in the language in use when the explorer was created; empty in English.
    _messages: traitlets.Dict[str, str] = traitlets.Dict().tag(sync=True)

    def __init__(self, **values: Any) -> None:
        super().__init__(_controls=[dict(spec) for spec in self.specs], _name=self.name, _title=self.title,
                         _messages=self.translations())
        self.set(**values)

    @classmethod
    def templates(cls) -> tuple[str, ...]:
        """Every English template the module may show: the title, the controls' labels, units and
        options, and ``messages``; in that order, each once."""
        found = [cls.title]
        for spec in cls.specs:
            found += [spec["label"], *([spec["unit"]] if spec.get("unit") else []), *spec.get("options", [])]
        return tuple(dict.fromkeys([*found, *cls.messages]))

    @classmethod
    def translations(cls, code: str | None = None) -> dict[str, str]:
        """``{template: translation}`` of every template of ``templates()`` that language ``code``
        (default: the one in use) translates; empty in English."""
        found = catalog(code or language())
        return {template: found[template] for template in cls.templates() if template in found}

    @property
    def controls(self) -> tuple[str, ...]:
        """The names of the control traits, in order."""
        return tuple(spec["name"] for spec in self.specs)

    def state(self) -> dict[str, Any]:
        """What the front end reads: the control specs, the translations (in a language other than
        English) and the current values."""
        words = {"_messages": dict(self._messages)} if self._messages else {}
        return {"_controls": [dict(spec) for spec in self.specs], "_name": self.name, "_title": self.title,
                **words, **self.values()}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__ and cls.name:  # not the subclass that add_traits makes of each explorer
            cls._esm = esm_source(cls.name)
            cls._css = (WEB / "explorer.css").read_text(encoding="utf-8")
            LIVE[cls.name] = cls

    def values(self) -> dict[str, Any]:
        """The current control values, by trait name."""
        return {key: getattr(self, key) for key in self.controls}

    def set(self, **values: Any) -> LiveExplorer:
        """Set controls by name, as a learner moving them would; returns the explorer."""
        for key, value in values.items():
            if key not in self.controls:
                raise ValueError(f"{key}: not a control of {self.name}; its controls are {self.controls}")
            setattr(self, key, value)
        return self

    def reference(self) -> list[str]:
        """The readout lines the browser must show for the current values, computed in Python."""
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if data is None:  # ipywidgets gives none for a widget without a view; an explorer always has one
            return bundle
        data["text/plain"] = tr("{title} ({name}): {readout}", title=translated(self.title), name=self.name,
                                readout=" · ".join(self.reference()))
        data[EXPLORER_MIME] = {"name": self.name, "values": self.values(),
                               **({"messages": dict(self._messages)} if self._messages else {})}
        picture = self.static_picture()
        if picture is not None:
            data["image/svg+xml"] = picture
        return bundle

    def static_picture(self) -> str | None:
        """A still picture for viewers that run neither Python nor JavaScript (GitHub's notebook view):
        the explorer's start as its own ES module draws it, SVG text, read from ``stills/<name>.svg``
        (drawn ahead by ``tools/stills.py``: learners have no Node). None when the explorer has moved
        from its start. Another language's still is read from ``stills/<language>/<name>.svg``."""
        here = STILLS if language() == "en" else STILLS / language()
        shipped = here / f"{self.name}.svg"
        if not shipped.exists() or self.values() != type(self)().values():
            return None
        return shipped.read_text(encoding="utf-8")
