"""YAML loading with line numbers, so that every error can name the file, line and key."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vankien.errors import UserError
from vankien.textio import read_text


def _yaml() -> Any:
    """A round-trip loader that keeps dates as text, so that a bad date is our error to report
    (with its line) instead of a crash inside the YAML library."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class _Constructor(RoundTripConstructor):
        pass

    def _timestamp_as_text(constructor: Any, node: Any) -> Any:
        return constructor.construct_scalar(node)

    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


# ruamel's problem texts (English) and what they mean, in the words of someone editing the
# file; the first match wins. Groups are quoted into the message with «».
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^expected ',' or '\]'", "danh sách trong ngoặc vuông «[ … ]» chưa được đóng bằng «]»"),
        (r"^expected ',' or '\}'", "bảng trong ngoặc nhọn «{ … }» chưa được đóng bằng «}»"),
        (r"^found character '\\t'", "có ký tự Tab: YAML chỉ cho thụt đầu dòng bằng dấu cách"),
        (
            r"^found character '(.)' that cannot start",
            "ký tự «{0}» không được đứng đầu một giá trị (đặt cả giá trị trong ngoặc kép)",
        ),
        (
            r"^mapping values are not allowed",
            "dấu «:» đặt sai chỗ: thụt đầu dòng không khớp dòng trên, hoặc giá trị chứa «: » mà "
            "không đặt trong ngoặc kép",
        ),
        (r"^could not find expected ':'", "thiếu dấu «:» sau tên khóa"),
        (
            r"^expected <block end>, but found '-'",
            "dòng «- …» của danh sách thụt đầu dòng không khớp các dòng trên",
        ),
        (r"^expected <block end>", "thụt đầu dòng không khớp với các dòng trên"),
        (r"^sequence entries are not allowed", "dấu «-» của danh sách đặt sai chỗ"),
        (r'^found duplicate key "([^"]*)"', "khóa «{0}» được ghi hai lần"),
        (
            r"^found unexpected end of stream",
            "tệp kết thúc khi dấu ngoặc kép (hoặc ngoặc đơn) mở ở trên chưa được đóng",
        ),
        (r"^found undefined alias '([^']*)'", "«*{0}» tham chiếu một neo «&{0}» không có"),
        (
            r"^found unknown escape character '(.)'",
            "«\\{0}» không hợp lệ trong chuỗi ngoặc kép (dùng ngoặc đơn, hoặc viết «\\\\»)",
        ),
        (r"^expected the node content", "thiếu giá trị"),
        (r"^found unexpected ':'", "dấu «:» thừa"),
        (
            r"^expected a single document|another document",
            "tệp có nhiều phần ngăn bởi dòng «---»; chỉ được có một",
        ),
        (r"^unacceptable character", "tệp chứa ký tự điều khiển không được phép"),
    )
)


def yaml_problem(problem: str | None) -> str:
    """The Vietnamese for one of ruamel's problem texts (never the English itself)."""
    for pattern, text in _PROBLEMS:
        m = pattern.search(problem or "")
        if m is not None:
            return text.replace("{0}", m.group(1)) if m.groups() else text
    return "cú pháp không hợp lệ"


class LineCol:
    """Where a container and its parts start (0-based line and column), with the same
    questions as ruamel's ``lc`` (``line``, ``col``, ``key``, ``value``, ``item``)."""

    __slots__ = ("_keys", "_values", "col", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self._keys: dict[Any, tuple[int, int]] = {}
        self._values: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self._keys[key]

    def value(self, key: Any) -> tuple[int, int]:
        return self._values[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._values[index]


class LineDict(dict[Any, Any]):
    """A mapping from the C loader, knowing the lines of its keys and values."""

    __slots__ = ("lc",)
    lc: LineCol


class LineList(list[Any]):
    """A sequence from the C loader, knowing the line of each item."""

    __slots__ = ("lc",)
    lc: LineCol


class _RuamelNeeded(Exception):
    """The fast load stops here; ruamel parses the file again to say what is wrong."""


# YAML 1.2 core schema (what ruamel reads): only true/false are booleans, «on», «yes», «1:30»
# and «012»-as-octal are YAML 1.1 only. Underscores inside numbers are accepted, as ruamel
# does. Timestamps are not resolved: a date stays text, for our own checks to report.
_INT_RE = re.compile(r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9_]+)\Z")
_FLOAT_RE = re.compile(
    r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|\.(?:inf|Inf|INF))\Z"
    r"|\.(?:nan|NaN|NAN)\Z"
)
_BOOL_RE = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NULL_RE = re.compile(r"(?:~|null|Null|NULL|)\Z")


@functools.cache
def _c_loader() -> type[Any]:
    """PyYAML's libyaml parser with YAML 1.2 core resolution and line-aware containers."""
    import yaml

    class Loader(yaml.CSafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {}
    for tag, regexp, first in (
        ("bool", _BOOL_RE, "tTfF"),
        ("int", _INT_RE, "-+0123456789"),
        ("float", _FLOAT_RE, "-+0123456789."),
        ("null", _NULL_RE, ["~", "n", "N", ""]),
        ("merge", re.compile(r"<<\Z"), "<"),
    ):
        Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", regexp, list(first))

    def construct_int(loader: Any, node: Any) -> int:
        text = str(loader.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
            if digits.startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits)

    def construct_float(loader: Any, node: Any) -> float:
        text = str(loader.construct_scalar(node)).replace("_", "").lower()
        sign = -1.0 if text.startswith("-") else 1.0
        digits = text.lstrip("+-")
        if digits == ".inf":
            return sign * float("inf")
        if digits == ".nan":
            return float("nan")
        return sign * float(digits)

    def construct_text(loader: Any, node: Any) -> str:
        return str(loader.construct_scalar(node))

    def construct_map(loader: Any, node: Any) -> Any:
        out = LineDict()
        out.lc = LineCol(node.start_mark.line, node.start_mark.column)
        yield out
        # Keys written in this mapping may not repeat; keys merged in by «<<» come after
        # them, the first mapping merged winning, as ruamel orders them.
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merges.append(loader.construct_object(value_node, deep=True))
                continue
            key = loader.construct_object(key_node, deep=True)
            try:
                if key in out:
                    raise _RuamelNeeded  # ruamel names the duplicate key and its line
            except TypeError:
                raise _RuamelNeeded from None  # an unhashable key
            out[key] = loader.construct_object(value_node, deep=True)
            out.lc._keys[key] = (key_node.start_mark.line, key_node.start_mark.column)
            out.lc._values[key] = (value_node.start_mark.line, value_node.start_mark.column)
        for merge in merges:
            for source in merge if isinstance(merge, list) else [merge]:
                if not isinstance(source, LineDict):
                    raise _RuamelNeeded  # only mappings merge
                for key, value in source.items():
                    if key not in out:
                        out[key] = value
                        out.lc._keys[key] = source.lc._keys[key]
                        out.lc._values[key] = source.lc._values[key]

    def construct_seq(loader: Any, node: Any) -> Any:
        out = LineList()
        out.lc = LineCol(node.start_mark.line, node.start_mark.column)
        yield out
        for index, item in enumerate(node.value):
            out.append(loader.construct_object(item, deep=True))
            out.lc._values[index] = (item.start_mark.line, item.start_mark.column)

    for tag, constructor in (
        ("int", construct_int),
        ("float", construct_float),
        ("timestamp", construct_text),
        ("map", construct_map),
        ("seq", construct_seq),
    ):
        Loader.add_constructor(f"tag:yaml.org,2002:{tag}", constructor)
    return Loader


def _ruamel_load(path: Path, text: str) -> Any:
    """ruamel's parse, for the Vietnamese message with line and column of what is wrong."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = _yaml()
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f" (cột {mark.column + 1})" if mark is not None else ""
        raise UserError(
            f"YAML sai cú pháp{where}: {yaml_problem(exc.problem or exc.context)}",
            path=path,
            line=line,
            hint="kiểm tra thụt đầu dòng (dùng dấu cách, không dùng Tab) và dấu «:» sau mỗi khóa.",
        ) from None
    except YAMLError as exc:
        raise UserError(f"YAML sai cú pháp: {yaml_problem(str(exc))}", path=path) from None


# Each file parsed once per process: its resolved path -> (the text parsed, the data).
_loaded: dict[Path, tuple[str, Any]] = {}


def load_yaml(path: Path) -> Any:
    """Parse a YAML file into containers that know their lines (see :func:`line_of`).

    libyaml parses (the C loader); a file it refuses is parsed again by ruamel, whose
    problem is given as a UserError in Vietnamese with the line and column where it stopped.
    The same file with the same text is parsed once per process: the data returned is
    shared, and is not to be changed by the caller.
    """
    import yaml

    text = read_text(path)
    key = path.resolve()
    known = _loaded.get(key)
    if known is not None and known[0] == text:
        return known[1]
    try:
        data = yaml.load(text, Loader=_c_loader())
    except (yaml.YAMLError, _RuamelNeeded, RecursionError):
        data = _ruamel_load(path, text)
    _loaded[key] = (text, data)
    return data


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """The 1-based line of ``node`` (or of ``node[key]``) if ruamel recorded it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(key, int):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return int(lc.line) + 1


class Node:
    """A read cursor over one YAML mapping that reports errors with file, line and key path."""

    def __init__(self, data: Any, path: Path, keypath: str = "") -> None:
        self.path = path
        self.keypath = keypath
        if not isinstance(data, Mapping):
            raise UserError(
                "cần một bảng khóa: giá trị (mapping)",
                path=path,
                line=line_of(data),
                key=keypath or None,
            )
        self.data = data

    def _key(self, key: str) -> str:
        return f"{self.keypath}.{key}" if self.keypath else key

    def error(self, key: str | None, message: str, hint: str | None = None) -> UserError:
        return UserError(
            message,
            path=self.path,
            line=line_of(self.data, key) if key is not None else line_of(self.data),
            key=self._key(key) if key is not None else (self.keypath or None),
            hint=hint,
        )

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(
                    str(key),
                    f"khóa không được hỗ trợ: «{key}»",
                    hint="các khóa hợp lệ: " + ", ".join(sorted(allowed)) + ".",
                )

    def str_(self, key: str, default: str | None = None, *, required: bool = False) -> str:
        if key not in self.data or self.data[key] is None:
            if required or default is None:
                raise self.error(None, f"thiếu khóa bắt buộc «{self._key(key)}»")
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.error(key, "cần một chuỗi văn bản")
        text = str(value).strip()
        if not text and required:
            raise self.error(key, "không được để trống")
        return text

    def opt_str(self, key: str) -> str | None:
        if self.data.get(key) is None:
            return None
        return self.str_(key)

    def int_(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise self.error(None, f"thiếu khóa bắt buộc «{self._key(key)}»")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"cần một số nguyên, nhận được «{value}»")
        return value

    def bool_(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, "cần giá trị true hoặc false")
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, list):
            raise self.error(key, "cần một danh sách")
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str | int) or isinstance(item, bool):
                raise UserError(
                    "mỗi mục của danh sách phải là chuỗi văn bản",
                    path=self.path,
                    line=line_of(value, index),
                    key=f"{self._key(key)}[{index}]",
                )
            out.append(str(item).strip())
        return tuple(out)

    def child(self, key: str, *, required: bool = False) -> Node | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(None, f"thiếu mục bắt buộc «{self._key(key)}»")
            return None
        if not isinstance(value, Mapping):
            raise self.error(key, "cần một bảng khóa: giá trị")
        return Node(value, self.path, self._key(key))

    def children(self, key: str) -> list[Node]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, "cần một danh sách các mục")
        return [Node(item, self.path, f"{self._key(key)}[{i}]") for i, item in enumerate(value)]
