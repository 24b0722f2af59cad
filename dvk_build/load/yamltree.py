"""YAML front matter → plain JSON-like data, with the position of every value.

PyYAML silently accepts duplicate keys and converts YAML 1.1 words (`no`,
`on`) and leading-zero numbers (`05` → 5); editors never mean that, so we
compose the node tree ourselves and report each trap instead of converting it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from .source import SourceError

# libyaml is ~10x faster; fall back to pure Python where it is missing
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBYAML = _Base is not yaml.SafeLoader

PathKey = tuple[Union[str, int], ...]
Pos = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_ScalarNode, _MappingNode, _SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, resolving tags with fewer Python calls per value; the same tags.

    libyaml calls back into Python three times for every value (descend, resolve, ascend): about a
    fifth of composing a dossier. Path resolvers are never registered, so descending is a no-op; a
    quoted value, or a plain one whose first character starts no implicit type (most text), is `str`.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is _ScalarNode:
            if implicit[0] and (not value or value[0] in self.yaml_implicit_resolvers):
                return _Base.resolve(self, kind, value, implicit)  # type: ignore[no-any-return]
            return _STR
        return _Base.DEFAULT_MAPPING_TAG if kind is _MappingNode else _Base.DEFAULT_SEQUENCE_TAG  # type: ignore[no-any-return]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


if None in _Base.yaml_implicit_resolvers or _Base.yaml_path_resolvers:  # pragma: no cover - someone registered more
    _Loader = _Base  # type: ignore[misc]
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_BOOL_WORDS_OK = {"true", "false"}
_INT_TRAP = re.compile(r"^[-+]?(0[0-9_]+|0[xXoObB].*|.*_.*|.*:.*)$")
_MAX_DIGITS = 30  # an integer longer than this is a typing slip (the schema's bounds are 16 digits)
_MAX_NODES = 200_000  # stops alias "billion laughs" expansion


@dataclass
class Trap:
    code: str
    message: str
    hint: str
    pos: Pos


@dataclass
class Tree:
    """The data, the traps found while building it, and positions of every value and key.

    Positions are only needed for problems, which most dossiers do not have: they are worked out on
    first use, by composing the front matter `source` again, rather than kept for every dossier.
    """

    data: Any
    positions: dict[PathKey, Pos] = field(default_factory=dict)  # value start, filled on demand
    key_positions: dict[PathKey, Pos] = field(default_factory=dict)  # key start, filled on demand
    traps: list[Trap] = field(default_factory=list)
    source: str = ""  # the front matter text
    first_line: int = 1  # file line of its first line

    def pos(self, path: PathKey) -> Pos:
        """Position of the value at path, else of its nearest existing parent."""
        positions = self._index()
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))

    def key_pos(self, path: PathKey) -> Pos:
        self._index()
        return self.key_positions.get(path) or self.pos(path)

    def mark(self, node: yaml.Node) -> Pos:
        """1-based file (line, column) where node starts."""
        return (node.start_mark.line + self.first_line, node.start_mark.column + 1)

    def trap(self, code: str, message: str, hint: str, node: yaml.Node) -> None:
        self.traps.append(Trap(code, message, hint, self.mark(node)))

    def _index(self) -> dict[PathKey, Pos]:
        if not self.positions:  # never worked out, or dropped to save memory (plugin.py): again
            root = yaml.compose(self.source, Loader=_Loader) if self.source.strip() else None
            if root is None:
                self.positions[()] = (self.first_line, 1)
            else:
                _index(root, (), self)
        return self.positions


SYNTAX_HINT = "Kiểm tra thụt lề (chỉ dùng dấu cách) và dấu ngoặc kép quanh giá trị có dấu `:` hoặc `#`."


class YamlSyntaxError(SourceError):
    """The front matter is not YAML (DVK007)."""

    def __init__(self, message: str, line: int, col: int, hint: str = SYNTAX_HINT) -> None:
        super().__init__("DVK007", message, line, col, hint)


def parse(text: str, first_line: int) -> Tree:
    """Compose `text` (which starts at file line `first_line`) into a Tree."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        col = (mark.column + 1) if mark else 1
        raise YamlSyntaxError(_explain(exc), line, col) from None
    except yaml.reader.ReaderError as exc:  # a control character
        # libyaml counts the position in bytes of UTF-8, PyYAML in characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _LIBYAML else text[: exc.position]
        line, col = first_line + before.count("\n"), len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlSyntaxError(
            f"Lỗi cú pháp YAML: có ký tự điều khiển vô hình U+{ord(char):04X}, YAML không cho phép.", line, col,
            "Xóa ký tự đó: gõ lại đoạn chữ quanh vị trí này (ký tự lạ thường đến từ việc sao chép từ phần mềm khác).",
        ) from None
    except yaml.YAMLError:  # pragma: no cover - other libyaml errors carry no position
        raise YamlSyntaxError("Lỗi cú pháp YAML.", first_line, 1) from None
    tree = Tree(data={}, source=text, first_line=first_line)
    if root is not None:
        tree.data = _build(root, tree, [_MAX_NODES])
    return tree


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    for eng, vi in _KNOWN_PROBLEMS:
        if problem.startswith(eng):
            return f"Lỗi cú pháp YAML: {vi}."
    return f"Lỗi cú pháp YAML (chi tiết kỹ thuật: {problem or exc.context})."


# libyaml's (and PyYAML's) problem texts, by prefix, in the words of an editor.
_COLON = "dấu `:` ở vị trí không hợp lệ (giá trị có dấu `:` cần đặt trong ngoặc kép)"
_KNOWN_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("found character '\\t' that cannot start any token", "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề"),
    ("found a tab character", "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề"),
    ("mapping values are not allowed", _COLON),
    ("found unexpected ':'", _COLON),
    ("could not find expected ':'", "thiếu dấu `:` sau tên trường"),
    ("found undefined alias", "dùng bí danh (*alias) chưa khai báo; giá trị bắt đầu bằng `*` cần đặt trong ngoặc kép"),
    ("did not find expected key", "thụt lề không đúng hoặc thiếu dấu `-`/`:`"),
    ("expected <block end>, but found '-'", "thụt lề của danh sách không đúng"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không đúng (các dòng `- ` phải thẳng cột)"),
    ("block sequence entries are not allowed", "dấu `- ` ở vị trí không hợp lệ (thụt lề sai, hoặc mục danh sách nằm sau một giá trị)"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép hoặc ngoặc đóng"),
    ("did not find expected node content", "thiếu giá trị hoặc thiếu ngoặc đóng `]`/`}`"),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông thiếu dấu `,` hoặc `]`"),
    ("did not find expected ',' or '}'", "nhóm trường trong ngoặc nhọn thiếu dấu `,` hoặc `}`"),
    ("found character that cannot start any token", "có ký tự không được đứng đầu giá trị (như `@`, `` ` ``); đặt giá trị trong ngoặc kép"),
    ("found unknown escape character", "chuỗi trong ngoặc kép có dấu `\\` không hợp lệ"),
    ("did not find expected comment or line break", "sau dấu `|` hoặc `>` (đoạn chữ nhiều dòng) không được viết chữ trên cùng dòng"),
    ("did not find expected alphabetic or numeric character", "dấu `&` hoặc `*` đứng đầu giá trị có nghĩa riêng trong YAML; đặt giá trị trong ngoặc kép"),
    ("did not find expected whitespace or line break", "dấu `!` đứng đầu giá trị có nghĩa riêng trong YAML; đặt giá trị trong ngoặc kép"),
    ("mapping keys are not allowed", "dấu `?` ở vị trí không hợp lệ; đặt giá trị trong ngoặc kép"),
    ("did not find expected <document start>", "có dòng thừa (như `...` hoặc dòng bắt đầu bằng `%`) trong phần thông tin đầu tệp"),
    ("but found another document", "phần thông tin đầu tệp chỉ được có một khối YAML"),
    ("could not find expected directive name", "dòng bắt đầu bằng `%` có nghĩa riêng trong YAML; đặt giá trị trong ngoặc kép"),
    ("found unexpected non-alphabetical character", "dòng bắt đầu bằng `%` có nghĩa riêng trong YAML; đặt giá trị trong ngoặc kép"),
    ("did not find expected", "thiếu dấu ngoặc, dấu `,` hoặc thụt lề không đúng"),
    ("found unexpected", "có ký tự đặc biệt ở vị trí không hợp lệ; đặt giá trị trong ngoặc kép"),
)


def _build(node: yaml.Node, tree: Tree, budget: list[int]) -> Any:
    """Plain data from the node tree; traps recorded with their positions, nothing else kept."""
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlSyntaxError("Tệp YAML quá lớn hoặc dùng bí danh (alias) lồng nhau quá sâu.", *tree.mark(node))
    kind = type(node)
    if kind is _ScalarNode:
        return node.value if node.tag == _STR else _scalar(node, tree)
    if kind is _MappingNode:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key_text(key_node)
            if type(key_node) is not _ScalarNode:
                tree.trap("DVK005", "Tên trường phải là chữ, không phải danh sách hay bảng.", "", key_node)
            if key in out:
                first = next(k for k, _ in node.value if _key_text(k) == key)
                tree.trap("DVK004", f"Trường `{key}` bị khai báo hai lần (lần đầu ở dòng {tree.mark(first)[0]}); "
                          "YAML sẽ âm thầm bỏ giá trị đầu.", "Xóa một trong hai dòng hoặc gộp nội dung lại.", key_node)
                continue
            if type(value_node) is _ScalarNode and value_node.tag == _STR:  # most values: no call
                budget[0] -= 1
                out[key] = value_node.value
            else:
                out[key] = _build(value_node, tree, budget)
        return out
    return [_build(item, tree, budget) for item in node.value]


def _index(node: yaml.Node, path: PathKey, tree: Tree) -> None:
    """Positions of every value and key below node, paths as _build made the data (first of duplicates)."""
    tree.positions[path] = tree.mark(node)
    kind = type(node)
    if kind is _MappingNode:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = _key_text(key_node)
            if key in seen:
                continue
            seen.add(key)
            tree.key_positions[path + (key,)] = tree.mark(key_node)
            _index(value_node, path + (key,), tree)
    elif kind is _SequenceNode:
        for i, item in enumerate(node.value):
            _index(item, path + (i,), tree)


def _key_text(node: yaml.Node) -> str:
    return str(node.value) if type(node) is _ScalarNode else f"<{type(node).__name__}>"


def _too_big(value: str, node: yaml.Node, tree: Tree) -> None:
    tree.trap("DVK006", f"Số `{value[:40]}{'…' if len(value) > 40 else ''}` quá lớn hoặc không phải một số hữu hạn "
              "(vô cực, NaN).", "Ghi số thật, viết liền, ví dụ 15000000; kiểm tra lại số chữ số.", node)


def _scalar(node: yaml.ScalarNode, tree: Tree) -> Any:
    tag = node.tag
    value: str = node.value
    plain = not node.style  # libyaml gives "" where PyYAML gives None
    if not tag.startswith(_TAG):
        tree.trap("DVK005", f"Không hỗ trợ thẻ YAML `{tag}`.", "Xóa thẻ bắt đầu bằng `!`.", node)
        return value
    kind = tag[len(_TAG) :]  # not "str": _build takes those
    if kind == "null":
        return None
    if kind == "bool":
        if value.lower() in _BOOL_WORDS_OK:
            return value.lower() == "true"
        tree.trap("DVK005", f"Giá trị `{value}` sẽ bị YAML đọc thành đúng/sai (true/false), không phải chữ `{value}`.",
                  f'Nếu muốn ghi chữ, đặt trong ngoặc kép: "{value}"; nếu muốn đúng/sai, ghi `true` hoặc `false`.', node)
        return value
    if kind == "int":
        if plain and _INT_TRAP.match(value):
            tree.trap("DVK006", f"Số `{value}` sẽ bị YAML đọc sai (số 0 ở đầu, dấu `_` hoặc `:` làm đổi giá trị).",
                      f'Nếu là số hiệu hay mã, đặt trong ngoặc kép: "{value}"; nếu là số, bỏ số 0 ở đầu.', node)
            return value
        if len(value) > _MAX_DIGITS:  # also keeps int() under Python's 4,300-digit limit
            _too_big(value, node, tree)
            return value
        return int(value)
    if kind == "float":
        try:  # YAML's own spellings too: `1_000.5`, `.inf`, `-.Inf`, `.NaN`, sexagesimal `1:30.5`
            number = float(_CONSTRUCTOR.construct_yaml_float(node))
        except (ValueError, TypeError):
            return value
        if not math.isfinite(number):  # `.inf`, `.nan`, `1.0e+400`: no JSON, CSV or page can show them
            _too_big(value, node, tree)
            return value
        return number
    if kind == "timestamp":
        if _PLAIN_DATE.fullmatch(value):
            return value  # its own ISO form when it exists; kept as typed when not (DVK106 reports it)
        try:
            parsed = _CONSTRUCTOR.construct_yaml_timestamp(node)
        except (ValueError, TypeError):
            return value
        if isinstance(parsed, dt.datetime) and parsed.time() == dt.time():
            return parsed.date().isoformat()
        return parsed.isoformat()
    tree.trap("DVK005", f"Không hỗ trợ kiểu YAML `{kind}`.", "Ghi giá trị dạng chữ hoặc số.", node)
    return value
