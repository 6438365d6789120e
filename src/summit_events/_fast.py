"""Accelerated decoding and encoding of a whole dataset with msgspec (the optional ``fast`` extra).

Only :mod:`summit_events.codec` imports this module, and only when msgspec is installed.
It is an accelerator, never a judge: it either returns exactly the :class:`Dataset` the
reference cattrs path would build, or gives up (:class:`Rejected`), and the codec then runs
the reference path, which accepts the input or reports its problems in its own words.

How it stays equal to the reference:

* msgspec ``Struct`` mirrors of the attrs models are generated from ``attrs.fields`` and the
  type hints. Each field validator is translated into a msgspec constraint (bounds,
  ``min_length``, enums, nested structs) or into a check run once over all the strings it
  covers (the patterns of :mod:`summit_events._checks`, anchored with ``\\A…\\Z`` as
  ``fullmatch`` is, over the distinct strings; non-empty text without white space at either
  end); a validator that is not known here stops the generation, so a new rule cannot be
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

Encoding goes the other way through a second set of ``Struct``s (plain types, no
constraints): msgspec copies each record's attributes into them, leaves out fields equal to
their default, sorts the keys and indents by two spaces, which is the reference text
byte for byte. Datetimes are written with ``isoformat()`` as the reference does (msgspec
would write ``Z`` for UTC), and a number msgspec would write with another exponent form
sends the dataset to the reference path (:func:`encode_dataset`).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import sys
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args, get_origin

import attrs
import msgspec

from . import _checks as check
from . import models
from .collection import Dataset
from .errors import DataError

__all__ = ["Rejected", "decode_dataset", "encode_dataset"]


class Rejected(Exception):
    """The fast path does not vouch for this input: run the reference path."""


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


class _Mirror:
    """Generates the ``Struct`` for each attrs class and the builder that makes ours from it."""

    def __init__(self) -> None:
        self.structs: dict[type, type[msgspec.Struct]] = {}
        self.builders: dict[type, _Builder] = {}
        self.out_structs: dict[type, type[msgspec.Struct]] = {}
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
            return _Field(
                inner.spec | None, convert, inner.needs, collect, out=inner.out | None, converted=inner.converted
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
            return _Field(spec, convert, member.needs, collect, out=tuple[member.out, ...])  # type: ignore[name-defined]
        if validator is check.zone and hint is str:
            return _Field(str, "({v} if _zone({v}) is not None else _reject())", {"_zone": check.zone_info})
        if validator is check.day and hint is dt.date:
            return _Field(dt.date)
        if validator is check.aware and hint is dt.datetime:
            return _Field(
                Annotated[str, msgspec.Meta(pattern=_DATETIME)], "_datetime({v})", {"_datetime": _datetime},
                out=_Stamp, converted=check.fixed_offset,  # fromisoformat gives a fixed offset
            )
        if validator is check.number and hint is float:
            return _Field(Annotated[float, msgspec.Meta(ge=-_FLOAT_MAX, le=_FLOAT_MAX)], out=_Number)
        if hint is str and (validator is check.text or _qualname(validator).startswith("matches.")):
            return _Field(str, collect=(self._category(validator), "one"))
        if hint is float and "minimum" in facts and "maximum" in facts:
            return _Field(Annotated[float, msgspec.Meta(ge=facts["minimum"], le=facts["maximum"])], out=_Number)
        if hint is int and facts == {"minimum": 1}:
            return _Field(Annotated[int, msgspec.Meta(ge=1)])
        if hint is bool and _is_instance_check(validator, bool):
            return _Field(bool)
        if isinstance(hint, type) and issubclass(hint, enum.Enum) and _is_instance_check(validator, hint):
            return _Field(hint)
        if isinstance(hint, type) and attrs.has(hint) and _is_instance_check(validator, hint):
            struct, build = self.struct(hint), self.builder(hint)
            key = f"_build_{hint.__name__}"
            return _Field(struct, f"{key}({{v}}, c)", {key: build}, out=self.out_struct(hint))
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

    def _generate(self, cls: type) -> None:
        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        fields: list[tuple[str, Any, Any]] = []
        out_fields: list[tuple[str, Any, Any]] = []
        lines = ["def build(s, c):", "    o = _new(_cls)"]
        needs: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_reject": _reject}
        for index, attribute in enumerate(attrs.fields(cls)):
            made = self.field(hints[attribute.name], attribute.validator, f"{cls.__name__}.{attribute.name}")
            default = attribute.default
            converter = attribute.converter
            if isinstance(default, attrs.Factory) or (  # type: ignore[arg-type]
                converter is not None and converter is not made.converted
            ):
                raise TypeError(f"{cls.__name__}.{attribute.name}: factories and converters are not supported")
            fields.append((attribute.name, made.spec, msgspec.NODEFAULT if default is attrs.NOTHING else default))
            out_fields.append((attribute.name, made.out, fields[-1][2]))
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
        if hasattr(cls, "__attrs_post_init__"):
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        options: dict[str, Any] = {"kw_only": True, "forbid_unknown_fields": True, "omit_defaults": True, "gc": False}
        kind = getattr(cls, "kind", None)
        if kind is not None and cls in models.REACTION_TYPES.values():
            options.update(tag_field="kind", tag=kind)
        self.structs[cls] = msgspec.defstruct(f"_{cls.__name__}Struct", fields, **options)
        plain = ("kw_only", "omit_defaults", "gc", "tag_field", "tag")
        out_options = {key: options[key] for key in plain if key in options}
        self.out_structs[cls] = msgspec.defstruct(f"_{cls.__name__}Out", out_fields, **out_options)
        namespace = dict(needs)
        exec("\n".join(lines), namespace)
        self.builders[cls] = namespace["build"]


    def _category(self, validator: Any) -> int:
        """The index of the bulk check for the strings ``validator`` accepts."""
        if validator not in self._category_of:
            if validator is check.text:
                self.categories.append(_all_text)
            else:
                pattern = re.compile(_anchored(check.facts(validator)["pattern"]))
                self.categories.append(functools.partial(_all_match, pattern.search))
            self._category_of[validator] = len(self.categories) - 1
        return self._category_of[validator]


def _all_text(strings: list[str]) -> bool:
    """:func:`summit_events._checks.text` for every item: non-empty, no white space at either end."""
    return all(strings) and list(map(str.strip, strings)) == strings


def _all_match(search: Callable[[str], object], strings: list[str]) -> bool:
    """Every distinct item matches (``search`` is anchored at both ends, like ``fullmatch``)."""
    return all(map(search, set(strings)))


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


class _Stamp(str):
    """A datetime in the encoding ``Struct``: its ``isoformat()`` (msgspec itself would write UTC as ``Z``)."""

    __slots__ = ()


class _Number(float):
    """A number in the encoding ``Struct`` whose text msgspec writes as ``json.dumps`` does."""

    __slots__ = ()


def _out_value(kind: type, value: Any) -> Any:
    """``msgspec.convert`` hook: our datetimes and numbers as the codec writes them."""
    if kind is _Stamp:
        return _Stamp(dt.datetime.isoformat(value))  # the base method, as the reference (a subclass may differ)
    if kind is _Number:
        # json.dumps and msgspec write a float alike unless one of them uses an exponent;
        # an int (only ever set from Python: the codec reads numbers as floats) is left to the reference
        if type(value) is float and (value == 0 or 1e-4 <= abs(value) < 1e15):
            return _Number(value)
        raise Rejected
    raise NotImplementedError(kind)


def _out_hook(value: Any) -> Any:
    """``msgspec`` encoder hook: a :class:`_Stamp` or :class:`_Number` as the plain value it wraps."""
    if type(value) is _Stamp:
        return str(value)
    if type(value) is _Number:
        return float(value)
    raise NotImplementedError(type(value))


def _datetime(text: str) -> dt.datetime:
    # the codec's own expression: the pattern has been matched, so only the parse is left
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Rejected from None
    if parsed.utcoffset() is None:
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
_BUILD_REACTION = {_mirror.struct(cls): _mirror.builder(cls) for cls in models.REACTION_TYPES.values()}
_DATASET_SET = {attribute.name: getattr(Dataset, attribute.name).__set__ for attribute in attrs.fields(Dataset)}


def decode_dataset(data: str | bytes) -> Dataset:
    """The :class:`Dataset` in a JSON document, or :class:`Rejected`."""
    try:
        document: Any = _decoder.decode(data)
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
    except (DataError, Rejected):
        raise Rejected from None
    for strings, ok in zip(gathered, _mirror.categories, strict=True):
        if strings and not ok(strings):
            raise Rejected
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
    """
    if isinstance(data, str):
        colons, escaped = data.count(":"), "\\u003" in data and ("\\u003a" in data or "\\u003A" in data)
    else:
        colons, escaped = data.count(b":"), b"\\u003" in data and (b"\\u003a" in data or b"\\u003A" in data)
    if escaped or colons != _encoder.encode(document).count(b":"):
        raise Rejected


# ---------------------------------------------------------------------- encoding

_sorted_encoder = msgspec.json.Encoder(order="sorted", enc_hook=_out_hook)
_OUT: dict[str, Any] = {name: tuple[_mirror.out_struct(cls), ...] for name, cls in _DATASET_FIELDS.items()}  # type: ignore[misc]
_OUT_REACTION: Any = typing.Union[tuple(_mirror.out_struct(cls) for cls in models.REACTION_TYPES.values())]  # noqa: UP007
_OUT_REACTIONS: Any = tuple[_OUT_REACTION, ...]
_OUT_COVERAGE: Any = _mirror.out_struct(models.Coverage) | None
_REACTION_CLASSES = frozenset(models.REACTION_TYPES.values())


def encode_dataset(dataset: Dataset) -> bytes:
    """The codec's canonical JSON for ``dataset`` as UTF-8 bytes, or :class:`Rejected`.

    msgspec copies the records into their encoding ``Struct``s (reading the attributes, in
    C), which leave out fields equal to their default as the codec does; they are encoded
    with sorted keys and indented by two spaces: the same text as the reference
    ``json.dumps(..., ensure_ascii=False, indent=2, sort_keys=True)``. A number msgspec
    would write differently (with an exponent) sends the dataset to the reference path.
    """
    if not _REACTION_CLASSES.issuperset(map(type, dataset.reactions)):
        raise Rejected  # a subclass of a reaction type: the reference writes it as its base class
    try:
        sections = {
            name: msgspec.convert(getattr(dataset, name), kind, from_attributes=True, dec_hook=_out_value)
            for name, kind in _OUT.items()
        }
        reactions = msgspec.convert(dataset.reactions, _OUT_REACTIONS, from_attributes=True, dec_hook=_out_value)
        coverage = msgspec.convert(dataset.coverage, _OUT_COVERAGE, from_attributes=True, dec_hook=_out_value)
    except msgspec.ValidationError:  # not what the records should hold (the hook raises Rejected itself)
        raise Rejected from None
    document = _Document(
        schema_version=1, data_version=dataset.data_version, reactions=reactions, coverage=coverage, **sections
    )
    try:
        encoded = _sorted_encoder.encode(document)
    except UnicodeEncodeError:  # a lone surrogate (JSON's "\ud800" reads as one): the reference writes it
        raise Rejected from None
    return msgspec.json.format(encoded, indent=2) + b"\n"
