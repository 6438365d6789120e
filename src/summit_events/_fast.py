"""Accelerated decoding and encoding of a whole dataset with msgspec (the optional ``fast`` extra).

Only :mod:`summit_events.codec` imports this module, and only when msgspec is installed.
It is an accelerator, never a judge: it either returns exactly the :class:`Dataset` the
reference cattrs path would build, or gives up (:class:`Rejected`), and the codec then runs
the reference path, which accepts the input or reports its problems in its own words.

How it stays equal to the reference:

* msgspec ``Struct`` mirrors of the attrs models are generated from ``attrs.fields`` and the
  type hints. Each field validator is translated into a msgspec constraint (bounds,
  ``min_length``, enums, nested structs) or into a check run once over all the strings it
  covers (the patterns of :mod:`summit_events._checks`, matched in full by the validators'
  own compiled expressions, over the distinct strings; non-empty text without white space at
  either end); a validator that is not known here stops the generation, so a new rule cannot be
  skipped silently. Unknown fields are refused, reactions are a union tagged by
  ``kind``, dates are ``datetime.date``.
* What msgspec cannot express is checked here in Python: IANA zone names, repeats in
  tuples, datetimes (decoded as text that already matches the codec's pattern, then parsed
  by the same expression as the codec), ``__attrs_post_init__`` (the cross-field rules)
  and the dataset's link checks.
* The attrs objects are then built without re-running the field validators (whose rules
  the ``Struct`` schema has just proven): ``object.__new__`` and the slot descriptors, as
  attrs' own ``__init__`` does, then ``__attrs_post_init__``.
* msgspec keeps the last of repeated JSON keys where the reference refuses them: the
  document's key count is compared with the count of keys that were decoded, and the
  reference path decides whenever they may differ (see :func:`_no_repeated_keys`).

Encoding goes the other way through a second set of ``Struct``s (no constraints, fields
declared in sorted order, reactions with ``kind`` as a field among the others rather than a
tag msgspec would write first; text, tuples of text and enum members typed ``Any``, so they
are taken as they are): msgspec copies each record's attributes into them and leaves out
fields equal to their default, and writes them in the declared order, so no sorting is
needed. A generated loop goes over the copies once: a datetime of offset zero is replaced by
its ``isoformat()`` (msgspec would write ``Z``; any other offset msgspec writes as
``isoformat()`` does), and a number msgspec would write with another exponent form sends the
dataset to the reference path (:func:`encode_dataset`). Each section is copied, written and
indented by two spaces a few records at a time (:data:`_CHUNK`), which is the reference text
byte for byte.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args, get_origin

import attrs
import msgspec

from . import _checks as check
from . import models
from .collection import Dataset
from .errors import DataError

__all__ = ["Rejected", "decode_dataset", "encode_dataset", "encode_dataset_text"]


class Rejected(Exception):
    """The fast path does not vouch for this input: run the reference path.

    ``invalid`` says the input broke a rule (so the reference need only look for the problems).
    """

    def __init__(self, invalid: bool = False) -> None:
        super().__init__()
        self.invalid = invalid


_FLOAT_MAX = sys.float_info.max
_DATETIME = r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3}|\.\d{6})?)?(Z|[+-]\d{2}:\d{2})\Z"
"""The codec's datetime pattern with a mandatory offset (a naive datetime is the reference's to report)."""

_Builder = Callable[[Any, tuple[list[str], ...]], Any]


def _anchored(pattern: str) -> str:
    """``^X$`` as ``\\AX\\Z``: msgspec searches, and ``$`` would also match before a final newline."""
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise TypeError(f"unexpected pattern {pattern!r}")
    return rf"\A(?:{pattern[1:-1]})\Z"


class _Field:
    """One attrs field: its msgspec type, and how to turn the decoded value into ours and back."""

    def __init__(
        self, spec: Any, convert: str | None = None, needs: dict[str, Any] | None = None,
        collect: tuple[int, str] | None = None, out: Any = None, converted: object = None,
        fix: tuple[str, str, Any] | None = None,
    ) -> None:
        self.spec = spec  #: the msgspec type
        #: ``(category, "one" | "optional" | "many")``: the strings are gathered and checked at the end
        self.collect = collect
        self.convert = convert  #: an expression over ``{v}`` building our value (``None``: the value as is)
        self.needs = needs or {}  #: names the expressions use
        #: the attrs converter whose work ``convert`` already does (the field may declare it)
        self.converted = converted
        #: the type in the encoding ``Struct``: plain, the constraints were checked when the record was built
        self.out = (get_args(spec)[0] if get_origin(spec) is Annotated else spec) if out is None else out
        #: ``(what, "one" | "optional" | "many", record class)``: what the encoder does to the copied
        #: value before msgspec writes it (``"stamp"``: a datetime as its ``isoformat()``; ``"number"``:
        #: a float msgspec writes as ``json.dumps`` does, else the reference writes the dataset;
        #: ``"record"``: the same for the nested record's own fields)
        self.fix = fix


class _Mirror:
    """Generates the ``Struct`` for each attrs class and the builder that makes ours from it."""

    def __init__(self) -> None:
        self.structs: dict[type, type[msgspec.Struct]] = {}
        self.builders: dict[type, _Builder] = {}
        self.out_structs: dict[type, type[msgspec.Struct]] = {}
        #: per class, the fields the encoder fixes (see :attr:`_Field.fix`) in a copied record
        self.fixes: dict[type, list[tuple[str, tuple[str, str, Any]]]] = {}
        self._fixers: dict[type, Callable[[Any], None] | None] = {}
        #: string rules checked once over all the strings of a document: ``check(strings) -> ok``
        self.categories: list[Callable[[list[str]], bool]] = []
        self._category_of: dict[Any, int] = {}

    # ------------------------------------------------------------------ field types

    def field(self, hint: Any, validator: Any, name: str) -> _Field:
        facts = check.facts(validator)
        if "optional" in facts:
            args = [a for a in get_args(hint) if a is not type(None)]
            inner = self.field(args[0], facts["optional"], name)
            convert = None if inner.convert is None else f"(None if {{v}} is None else {inner.convert})"
            collect = None if inner.collect is None else (inner.collect[0], "optional")
            fix = None if inner.fix is None else (inner.fix[0], _wrap(inner.fix[1], "optional"), inner.fix[2])
            return _Field(
                inner.spec | None, convert, inner.needs, collect, out=inner.out | None, converted=inner.converted,
                fix=fix,
            )
        if "member" in facts:
            (member_hint, _ellipsis) = get_args(hint)
            member = self.field(member_hint, facts["member"], name)
            spec: Any = tuple[member.spec, ...]  # type: ignore[name-defined]
            if facts["nonempty"]:
                spec = Annotated[spec, msgspec.Meta(min_length=1)]
            convert = None
            if member.convert is not None:
                each = member.convert.replace("{v}", "x")
                convert = f"tuple([{each} for x in {{v}}])"
            if facts["unique"]:
                if convert is not None:
                    raise TypeError(f"{name}: unique items that need converting are not supported")
                convert = "({v} if len({v}) < 2 or len(set({v})) == len({v}) else _reject())"
            collect = None if member.collect is None else (member.collect[0], "many")
            fix = None if member.fix is None else (member.fix[0], _wrap(member.fix[1], "many"), member.fix[2])
            return _Field(spec, convert, member.needs, collect, out=tuple[member.out, ...],  # type: ignore[name-defined]
                          fix=fix)
        if validator is check.zone and hint is str:
            # msgspec has checked it is a string: the cached lookup behind zone_info directly
            return _Field(str, "({v} if _zone({v}) is not None else _reject())", {"_zone": check._zone_info})
        if validator is check.day and hint is dt.date:
            return _Field(dt.date, "({v} if _first <= {v} <= _last else _reject())",
                          {"_first": check.FIRST_DATE, "_last": check.LAST_DATE})
        if validator is check.aware and hint is dt.datetime:
            return _Field(
                Annotated[str, msgspec.Meta(pattern=_DATETIME)], "_datetime({v})", {"_datetime": _datetime},
                out=dt.datetime, converted=check.fixed_offset,  # fromisoformat gives a fixed offset
                fix=("stamp", "one", None),
            )
        if validator is check.number and hint is float:  # msgspec reads a JSON integer as a float here
            return _Field(Annotated[float, msgspec.Meta(ge=-_FLOAT_MAX, le=_FLOAT_MAX)], out=_Number,
                          converted=check.to_float, fix=_NUMBER)
        if validator is check.percent_change and hint is float:
            return _Field(Annotated[float, msgspec.Meta(ge=-100, le=_FLOAT_MAX)], out=_Number,
                          converted=check.to_float, fix=_NUMBER)
        if hint is str and (validator is check.text or _qualname(validator).startswith("matches.")):
            return _Field(str, collect=(self._category(validator), "one"))
        if hint is float and "minimum" in facts and "maximum" in facts:
            return _Field(Annotated[float, msgspec.Meta(ge=facts["minimum"], le=facts["maximum"])], out=_Number,
                          converted=check.to_float, fix=_NUMBER)
        if hint is int and set(facts) == {"minimum", "maximum"}:
            return _Field(Annotated[int, msgspec.Meta(ge=facts["minimum"], le=facts["maximum"])])
        if hint is bool and _is_instance_check(validator, bool):
            return _Field(bool)
        if isinstance(hint, type) and issubclass(hint, enum.Enum) and _is_instance_check(validator, hint):
            return _Field(hint)
        if isinstance(hint, type) and attrs.has(hint) and _is_instance_check(validator, hint):
            struct, build = self.struct(hint), self.builder(hint)
            key = f"_build_{hint.__name__}"
            self.struct(hint)
            fix = ("record", "one", hint) if self.fixes[hint] else None
            return _Field(struct, f"{key}({{v}}, c)", {key: build}, out=self.out_struct(hint), fix=fix)
        raise TypeError(f"{name}: no fast equivalent for {hint!r} checked by {validator!r}")

    # ------------------------------------------------------------------ classes

    def struct(self, cls: type) -> type[msgspec.Struct]:
        if cls not in self.structs:
            self._generate(cls)
        return self.structs[cls]

    def builder(self, cls: type) -> _Builder:
        """The function that builds a ``cls`` from its ``Struct``."""
        self.struct(cls)
        return self.builders[cls]

    def out_struct(self, cls: type) -> type[msgspec.Struct]:
        """The ``Struct`` a ``cls`` is converted to for encoding: the same fields, values as the codec writes them."""
        self.struct(cls)
        return self.out_structs[cls]

    def fixer(self, cls: type) -> Callable[[Any], None] | None:
        """What the encoder runs over a sequence of ``cls`` copied into encoding ``Struct``s (``None``: nothing).

        One generated loop with the nested records' fixes written inline: a Python call per
        record would cost more than the fixes themselves.
        """
        self.struct(cls)
        if cls not in self._fixers:
            if not self.fixes[cls]:
                self._fixers[cls] = None
            else:
                needs: dict[str, Any] = {
                    "_iso": dt.datetime.isoformat, "_reject": _reject, "_zero": _ZERO_OFFSET, "_timezone": dt.timezone,
                }
                body = self._fix_body(cls, "s", 0)
                lines = ["def fix(records):", "    for s in records:", *(f"        {line}" for line in body)]
                exec("\n".join(lines), needs)
                self._fixers[cls] = needs["fix"]
        return self._fixers[cls]

    def _fix_body(self, cls: type, record: str, depth: int) -> list[str]:
        """The statements that fix the ``Struct`` named ``record`` (a copied ``cls``), indented by four."""
        lines: list[str] = []
        value = f"v{depth}"
        for name, (what, mode, nested) in self.fixes[cls]:
            if what == "stamp":
                if mode == "many":
                    lines.append(f"{record}.{name} = tuple([_iso(x) for x in {record}.{name}])")
                    continue
                # msgspec writes a datetime as isoformat() does, except "Z" for a zero offset
                inner = [f"if {value}.tzinfo in _zero or type({value}.tzinfo) is not _timezone:",
                         f"    {record}.{name} = _iso({value})"]
            elif what == "number":
                inner = [f"if not ({_PLAIN_NUMBER.format(v=value)}): _reject()"]
            else:
                inner = self._fix_body(nested, value, depth + 1)
            if mode == "many":
                lines.append(f"for {value} in {record}.{name}:")
            else:
                lines.append(f"{value} = {record}.{name}")
                if mode == "optional":
                    lines.append(f"if {value} is not None:")
            if mode == "one":
                lines.extend(inner)
            else:
                lines.extend(f"    {line}" for line in inner)
        return lines

    def _generate(self, cls: type) -> None:
        hints = _type_hints(cls)
        fields: list[tuple[str, Any, Any]] = []
        out_fields: list[tuple[str, Any, Any]] = []
        lines = ["def build(s, c):", "    o = _new(_cls)"]
        needs: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_reject": _reject}
        fixes: list[tuple[str, tuple[str, str, Any]]] = []
        for index, attribute in enumerate(attrs.fields(cls)):
            made = self.field(hints[attribute.name], attribute.validator, f"{cls.__name__}.{attribute.name}")
            default = attribute.default
            converter = attribute.converter
            if isinstance(default, attrs.Factory) or (  # type: ignore[arg-type]
                converter is not None and converter is not made.converted
            ):
                raise TypeError(f"{cls.__name__}.{attribute.name}: factories and converters are not supported")
            fields.append((attribute.name, made.spec, msgspec.NODEFAULT if default is attrs.NOTHING else default))
            out_fields.append((attribute.name, Any if _as_is(made.out) else made.out, fields[-1][2]))
            if made.fix is not None:
                fixes.append((attribute.name, made.fix))
            setter = f"_set{index}"
            needs[setter] = getattr(cls, attribute.name).__set__
            needs.update(made.needs)
            if made.convert is None and made.collect is None:
                lines.append(f"    {setter}(o, s.{attribute.name})")
                continue
            lines.append(f"    v = s.{attribute.name}")
            lines.append(f"    {setter}(o, {(made.convert or '{v}').replace('{v}', 'v')})")
            if made.collect is not None:
                category, mode = made.collect
                if mode == "one":
                    lines.append(f"    c[{category}].append(v)")
                elif mode == "optional":
                    lines.append(f"    if v is not None: c[{category}].append(v)")
                else:
                    lines.append(f"    c[{category}].extend(v)")
        if self._runs_post_init(cls):
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        options: dict[str, Any] = {"kw_only": True, "forbid_unknown_fields": True, "omit_defaults": True, "gc": False}
        kind = getattr(cls, "kind", None)
        if kind is not None and cls in models.REACTION_TYPES.values():
            options.update(tag_field="kind", tag=kind)
        self.structs[cls] = msgspec.defstruct(f"_{cls.__name__}Struct", fields, **options)
        if "tag" in options:
            # msgspec writes a tag first; the codec sorts "kind" among the other keys, so it is a
            # field here, copied from the class attribute
            out_fields.append(("kind", str, msgspec.NODEFAULT))
        # fields in the order of their names: msgspec writes them in this order without sorting
        out_fields.sort(key=lambda field: field[0])
        self.out_structs[cls] = msgspec.defstruct(
            f"_{cls.__name__}Out", out_fields, kw_only=True, omit_defaults=True, gc=False
        )
        self.fixes[cls] = fixes
        namespace = dict(needs)
        exec("\n".join(lines), namespace)
        self.builders[cls] = namespace["build"]

    def _runs_post_init(self, cls: type) -> bool:
        """Whether the builder of ``cls`` runs its cross-field rules (a subclass may leave them out)."""
        return hasattr(cls, "__attrs_post_init__")

    def _category(self, validator: Any) -> int:
        """The index of the bulk check for the strings ``validator`` accepts."""
        if validator not in self._category_of:
            if validator is check.text:
                self.categories.append(_all_text)
            else:
                facts = check.facts(validator)
                self.categories.append(functools.partial(_all_match, _full_match(validator, facts["pattern"]),
                                                         facts.get("max_length")))
            self._category_of[validator] = len(self.categories) - 1
        return self._category_of[validator]


def _full_match(validator: Any, pattern: str) -> Callable[[str], object]:
    """What matches a whole string against ``pattern`` (``^X$``, as :func:`summit_events._checks.matches` states it).

    The validator's own compiled expression when ``pattern`` is exactly the one it states for
    it (its ``fullmatch``: compiling each rule again was a tenth of the time a fresh process
    spent generating the mirrors), else ``pattern`` compiled here, anchored as ``fullmatch`` is.
    """
    cells = getattr(validator, "__closure__", None) or ()
    for cell in cells:
        compiled = cell.cell_contents
        if (
            isinstance(compiled, re.Pattern) and isinstance(compiled.pattern, str)
            and compiled.flags == re.UNICODE and pattern == f"^(?:{compiled.pattern})$"
        ):
            return compiled.fullmatch
    return re.compile(_anchored(pattern)).search


_EVALUATED: dict[tuple[str, str], Any] = {}


def _type_hints(cls: type) -> dict[str, Any]:
    """``typing.get_type_hints(cls)`` for a class whose annotations are postponed (strings).

    Each distinct annotation text is evaluated once per module (``typing`` compiles every
    one of them again, which was most of the time a fresh process spent generating the
    mirrors); a test checks the two agree for every mirrored class.
    """
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        namespace = vars(sys.modules[klass.__module__])
        for name, annotation in inspect.get_annotations(klass).items():
            if isinstance(annotation, str):
                key = (klass.__module__, annotation)
                if key not in _EVALUATED:
                    _EVALUATED[key] = eval(annotation, namespace)  # the class's own source
                annotation = _EVALUATED[key]
            hints[name] = annotation
    return hints


def _as_is(hint: Any) -> bool:
    """Whether the encoder may take a value of type ``hint`` as it is (typed ``Any``) instead of converting it.

    Text, tuples of text and enum members are written by msgspec as the reference writes them,
    and taking them as they are saves a copy of every tuple. The records' validators admit
    exactly ``str`` (no subclass, which msgspec would not write) and members of the enum.
    """
    if get_origin(hint) is typing.Union or type(hint) is types.UnionType:
        return all(arg is type(None) or _as_is(arg) for arg in get_args(hint))
    return hint is str or hint == tuple[str, ...] or (isinstance(hint, type) and issubclass(hint, enum.Enum))


def _wrap(mode: str, outer: str) -> str:
    """The mode of a value that is ``mode`` inside an ``outer`` (optional or tuple) field."""
    if mode != "one":
        raise TypeError(f"an {outer} field of {mode} values is not supported")
    return outer


_FORBIDDEN = re.compile(f"[{check.FORBIDDEN}]")


def _all_text(strings: list[str]) -> bool:
    """:func:`summit_events._checks.text` for every item: non-empty, no white space at either end
    (the characters it refuses are checked by :func:`_may_hold_forbidden` and :data:`_FORBIDDEN`)."""
    return all(strings) and list(map(str.strip, strings)) == strings


_ESCAPE_BYTES = re.compile(rb"\\[ubfr]")  # one pass: faster than a substring search per escape
_ESCAPE_TEXT = re.compile(r"\\[ubfr]")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")  # a literal first byte: scanned as fast as a substring search


def _may_hold_forbidden(data: str | bytes) -> bool:
    """Whether a decoded string of ``data`` may hold a character :func:`summit_events._checks.text` refuses.

    JSON text cannot hold a raw control character below U+0020 in a string, so one can only come
    from an escape (``\\u…``, ``\\b``, ``\\f``, ``\\r``); DEL is the byte 7F, the C1 controls are
    C2 80 to C2 9F in UTF-8 (C2 is only ever a lead byte, so other characters it starts, such as
    « and », are told apart by the next byte), and a lone surrogate is a ``\\u`` escape (or, in
    ``str`` input, a character msgspec refuses to read). When none of these is in the text (a few
    scans of the whole text, each for a literal byte), no string needs scanning character by character.
    """
    if isinstance(data, str):
        if not data.isascii():
            return True  # a C1 control or a surrogate may be anywhere: scan the strings
        return "\x7f" in data or _ESCAPE_TEXT.search(data) is not None
    return b"\x7f" in data or _C1_BYTES.search(data) is not None or _ESCAPE_BYTES.search(data) is not None


def _all_match(match: Callable[[str], object], limit: int | None, strings: list[str]) -> bool:
    """Every distinct item matches in full within ``limit`` (``match``: a ``fullmatch``, or an anchored search)."""
    distinct = set(strings)
    return all(map(match, distinct)) and (limit is None or max(map(len, distinct), default=0) <= limit)


def _is_instance_check(validator: Any, kind: type) -> bool:
    """Whether ``validator`` is :func:`summit_events._checks.instance` of ``kind`` (by its closure)."""
    cells = getattr(validator, "__closure__", None) or ()
    return _qualname(validator).startswith("instance.") and any(
        cell.cell_contents is kind for cell in cells
    )


def _qualname(validator: Any) -> str:
    return str(getattr(validator, "__qualname__", ""))


def _reject() -> Any:
    raise Rejected


_Number: Any = typing.Union[int, float]  # noqa: UP007
"""A number in the encoding ``Struct``: copied as it is (an ``int`` stays one, as the reference writes it)."""
_NUMBER = ("number", "one", None)


_ZERO_OFFSET = frozenset({dt.timezone.utc})
"""Holds every ``datetime.timezone`` of offset zero (they compare and hash by offset), which msgspec writes as ``Z``."""

_PLAIN_NUMBER = "type({v}) is float and ({v} == 0 or 1e-4 <= abs({v}) < 1e15)"
"""Whether msgspec writes ``{v}`` as ``json.dumps`` does: a float that needs no exponent in either.

msgspec writes 1e-05 as ``0.00001`` and 1e16 as ``1e16``; ``json.dumps`` as ``1e-05`` and
``1e+16``. An ``int`` (only ever set from Python: the codec reads numbers as floats) is left to
the reference too.
"""


def _datetime(text: str) -> dt.datetime:
    # the codec's own expression: the pattern has been matched, so only the parse is left
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Rejected from None
    if parsed.utcoffset() is None or not check.FIRST_DATE <= parsed.date() <= check.LAST_DATE:
        raise Rejected
    return parsed


# ---------------------------------------------------------------------- the dataset

_mirror = _Mirror()
_Reaction: Any = typing.Union[tuple(_mirror.struct(cls) for cls in models.REACTION_TYPES.values())]  # noqa: UP007
_DATASET_FIELDS = {
    "people": models.Person,
    "calls": models.Call,
    "meetings": models.Meeting,
    "occurrences": models.Occurrence,
    "sources": models.Source,
    "series": models.Series,
    "documents": models.Document,
}
_Document = msgspec.defstruct(
    "_DatasetDocument",
    [
        ("schema_version", Literal[1]),
        ("data_version", Annotated[str, msgspec.Meta(pattern=_anchored(check.facts(check.text)["pattern"]))]),
        *((name, tuple[_mirror.struct(cls), ...], ()) for name, cls in _DATASET_FIELDS.items()),  # type: ignore[misc]
        ("reactions", tuple[_Reaction, ...], ()),
        ("coverage", _mirror.struct(models.Coverage) | None, None),
    ],
    kw_only=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    gc=False,
)
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(_Document)
_BUILD = {name: _mirror.builder(cls) for name, cls in _DATASET_FIELDS.items()}
_BUILD_COVERAGE = _mirror.builder(models.Coverage)
_TEXT = _mirror._category(check.text)
_BUILD_REACTION = {_mirror.struct(cls): _mirror.builder(cls) for cls in models.REACTION_TYPES.values()}
_DATASET_SET = {attribute.name: getattr(Dataset, attribute.name).__set__ for attribute in attrs.fields(Dataset)}


def decode_dataset(data: str | bytes) -> Dataset:
    """The :class:`Dataset` in a JSON document, or :class:`Rejected`."""
    try:
        document: Any = _decoder.decode(data)
    except msgspec.ValidationError:
        raise Rejected(invalid=True) from None
    except (msgspec.MsgspecError, ValueError, RecursionError):  # e.g. bytes that are not UTF-8
        raise Rejected from None
    _no_repeated_keys(data, document)
    values: dict[str, Any] = {"data_version": document.data_version}
    gathered: tuple[list[str], ...] = tuple([] for _ in _mirror.categories)
    # Each section's structs are let go as soon as its records are built: the peak holds
    # the structs of what is left plus the records made so far, not both trees whole.
    try:
        for name, build in _BUILD.items():
            values[name] = tuple([build(item, gathered) for item in getattr(document, name)])
            setattr(document, name, ())
        reactions, document.reactions = document.reactions, ()
        values["reactions"] = tuple([_BUILD_REACTION[type(item)](item, gathered) for item in reactions])
        del reactions
        values["coverage"] = None if document.coverage is None else _BUILD_COVERAGE(document.coverage, gathered)
    except DataError:
        raise Rejected(invalid=True) from None
    except Rejected as rejected:
        raise Rejected(invalid=True) from rejected
    for strings, ok in zip(gathered, _mirror.categories, strict=True):
        if strings and not ok(strings):
            raise Rejected(invalid=True)
    if _may_hold_forbidden(data) and _FORBIDDEN.search("\n".join(gathered[_TEXT])) is not None:
        raise Rejected(invalid=True)
    dataset = object.__new__(Dataset)
    for name, value in values.items():
        _DATASET_SET[name](dataset, value)
    try:
        dataset.__attrs_post_init__()
    except DataError:
        raise Rejected from None
    return dataset


def _no_repeated_keys(data: str | bytes, document: Any) -> None:
    """:class:`Rejected` unless the document provably repeats no key in any object.

    msgspec keeps the last of repeated keys; the reference refuses them. Every key is
    followed by one ``:``, and every other ``:`` of the text is inside a string. The compact
    re-encoding of what was decoded (fields equal to their default left out) holds one ``:``
    per key kept with a non-default value, and every ``:`` of the strings kept (no default
    contains one). So the text has as many ``:`` as the re-encoding only if no key was
    repeated (a repeated key adds its ``:`` and its lost value's) and none was given with
    its default value (which the reference path then accepts as usual). A ``:`` written as
    ``\\u003a`` would break the count: such text is left to the reference path too.

    The sections are re-encoded a slice of records at a time (an array holds no ``:`` of its
    own; a non-empty section adds its key's): the text of the whole document is never held
    beside the decoded structs, which would be the peak of the decoder's memory.
    """
    if isinstance(data, str):
        colons, escaped = data.count(":"), "\\u003" in data and ("\\u003a" in data or "\\u003A" in data)
    else:
        colons, escaped = data.count(b":"), b"\\u003" in data and (b"\\u003a" in data or b"\\u003A" in data)
    if escaped:
        raise Rejected
    kept = 0
    for name in _SECTIONS:
        records = getattr(document, name)
        if records:
            kept += 1
            for start in range(0, len(records), _SLICE):
                kept += _encoder.encode(records[start:start + _SLICE]).count(b":")
    rest = msgspec.structs.replace(document, **dict.fromkeys(_SECTIONS, ()))
    if colons != kept + _encoder.encode(rest).count(b":"):
        raise Rejected


_SECTIONS = (*_DATASET_FIELDS, "reactions")
_SLICE = 4096


# ---------------------------------------------------------------------- encoding

_out_encoder = msgspec.json.Encoder()  # fields in the order the encoding ``Struct``s declare: sorted
_Copier = Callable[[Any], list[Any]]


def _copier(cls: type) -> _Copier:
    """Copies a sequence of ``cls`` into encoding ``Struct``s and fixes them (see :meth:`_Mirror.fixer`)."""
    kind: Any = list[_mirror.out_struct(cls)]  # type: ignore[misc]
    fix = _mirror.fixer(cls)

    def copy(records: Any) -> list[Any]:
        copied: list[Any] = msgspec.convert(records, kind, from_attributes=True)
        if fix is not None:
            fix(copied)
        return copied

    return copy


_COPY: dict[type, _Copier] = {
    cls: _copier(cls) for cls in (*_DATASET_FIELDS.values(), *models.REACTION_TYPES.values(), models.Coverage)
}
_REACTION_CLASSES = frozenset(models.REACTION_TYPES.values())
_KEYS = sorted(["schema_version", "data_version", "coverage", *_SECTIONS])
"""The document's keys in the order the codec writes them."""
_CHUNK = 64
"""Records copied and written at a time: the copies are written while they are still in the
processor's cache, and freed before the next ones are made (at 100k events, about half the
time of copying a whole section first)."""


def _copy_reactions(reactions: Any) -> list[Any]:
    """The reactions copied, each kind by its own copier (the encoding structs carry no tag), in their order."""
    kinds = list(map(type, reactions))
    if len(set(kinds)) == 1:
        return _COPY[kinds[0]](reactions)
    by_kind = {
        cls: iter(_COPY[cls]([reaction for reaction, k in zip(reactions, kinds, strict=True) if k is cls]))
        for cls in set(kinds)
    }
    return [next(by_kind[k]) for k in kinds]


_Finish = Callable[[Any], Any]
"""What a piece of the document becomes: the bytes as they are, or ``str`` (decoded while in cache)."""


def _as_bytes(piece: Any) -> Any:
    return piece


def _as_text(piece: Any) -> str:
    return str(piece, "utf-8")


def _written(key: str, value: Any) -> memoryview:
    """``{"key": value}`` written by msgspec and indented: ``value`` as deep as in the whole document."""
    buffer = bytearray(b'{"%s":' % key.encode())
    _out_encoder.encode_into(value, buffer, -1)
    buffer += b"}"
    return memoryview(msgspec.json.format(buffer, indent=2))


def _member(key: str, value: Any, finish: _Finish) -> Any:
    """``"key": value`` as written in the document: :func:`_written` without its first and last lines."""
    return finish(_written(key, value)[2:-2])


def _section(key: str, records: Any, copy: _Copier, finish: _Finish) -> list[Any]:
    """The lines of a section, ``"key": [``, the records, ``]``, :data:`_CHUNK` records at a time.

    Each chunk is copied, written, indented (and, for text, decoded) while it is still in the
    processor's cache, and the copies are freed before the next ones are made. A chunk is
    written as ``{"key": [records]}`` (:func:`_written`), without its first two lines and its
    last two.
    """
    head = len(b'{\n  "%s": [\n' % key.encode())
    comma = finish(b",\n")
    pieces: list[Any] = [finish(b'  "%s": [\n' % key.encode())]
    for start in range(0, len(records), _CHUNK):
        if start:
            pieces.append(comma)
        pieces.append(finish(_written(key, copy(records[start:start + _CHUNK]))[head:-6]))  # before "\n  ]\n}"
    pieces.append(finish(b"\n  ]"))
    return pieces


def encode_dataset(dataset: Dataset) -> bytes:
    """The codec's canonical JSON for ``dataset`` as UTF-8 bytes, or :class:`Rejected`.

    msgspec copies the records into their encoding ``Struct``s (reading the attributes, in
    C), which leave out fields equal to their default as the codec does and declare their
    fields in sorted order; generated fixers then write each datetime as its ``isoformat()``
    (msgspec would write UTC as ``Z``) and check each number (one msgspec would write with
    another exponent form sends the dataset to the reference path). The document's keys are
    written in sorted order, each section a few records at a time (:func:`_section`), indented
    by two spaces: the same text as the reference
    ``json.dumps(..., ensure_ascii=False, indent=2, sort_keys=True)``.
    """
    return b"".join(_pieces(dataset, _as_bytes))


def encode_dataset_text(dataset: Dataset) -> str:
    """:func:`encode_dataset` as ``str``: each piece is decoded while still in cache, not the whole text at the end."""
    return "".join(_pieces(dataset, _as_text))


def _pieces(dataset: Dataset, finish: _Finish) -> list[Any]:
    if not _REACTION_CLASSES.issuperset(map(type, dataset.reactions)):
        raise Rejected  # a subclass of a reaction type: the reference writes it as its base class
    pieces: list[Any] = [finish(b"{\n")]
    separator = finish(b",\n")
    try:
        for key in _KEYS:
            value = 1 if key == "schema_version" else getattr(dataset, key)
            if value is None or value == ():
                continue  # no coverage, an empty section: left out, as fields equal to their default
            if len(pieces) > 1:
                pieces.append(separator)
            if key in _SECTION_COPY:
                pieces += _section(key, value, _SECTION_COPY[key], finish)
            else:
                if key == "coverage":
                    (value,) = _COPY[models.Coverage]((value,))
                pieces.append(_member(key, value, finish))
    except msgspec.ValidationError:  # not what the records should hold (a fixer raises Rejected itself)
        raise Rejected from None
    except UnicodeEncodeError:  # a lone surrogate (JSON's "\ud800" reads as one): the reference writes it
        raise Rejected from None
    pieces.append(finish(b"\n}\n"))
    return pieces


_SECTION_COPY: dict[str, _Copier] = {
    **{name: _COPY[cls] for name, cls in _DATASET_FIELDS.items()}, "reactions": _copy_reactions,
}
