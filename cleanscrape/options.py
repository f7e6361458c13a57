"""Every CleanerConfig option from text: ``name=value`` pairs (``--option``) and TOML files (``--config``).

Values are read by the option's declared type; the config itself then checks
them, so the command line gives the same errors as the library.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

from .config import CleanerConfig

_NONE_WORDS = ("none", "null")
_TRUE_WORDS = ("true", "yes", "on", "1")
_FALSE_WORDS = ("false", "no", "off", "0")


def option_types() -> dict[str, str]:
    """Each option's declared type, as written in CleanerConfig ("float | None", "tuple[str, ...] | None", ...)."""
    return {f.name: str(f.type) for f in dataclasses.fields(CleanerConfig)}


def parse_option(pair: str) -> tuple[str, Any]:
    """``"name=value"`` -> (name, value of the option's type); ValueError names what is wrong."""
    name, sep, text = pair.partition("=")
    name = name.strip().replace("-", "_")
    if not sep:
        raise ValueError(f"--option {pair!r}: give name=value")
    types = option_types()
    if name not in types:
        raise ValueError(f"unknown cleaning option {name!r}; options: {', '.join(types)}")
    return name, _from_text(name, types[name], text.strip())


def _from_text(name: str, declared: str, text: str) -> Any:
    optional = declared.endswith("| None")
    base = declared.removesuffix("| None").strip()
    if optional and text.lower() in _NONE_WORDS:
        return None
    try:
        if base == "bool":
            if text.lower() in _TRUE_WORDS:
                return True
            if text.lower() in _FALSE_WORDS:
                return False
            raise ValueError("not true or false")
        if base == "int":
            return int(text)
        if base == "float":
            return float(text)
        if base.startswith("tuple"):
            return tuple(part.strip() for part in text.split(",") if part.strip())
    except ValueError as error:
        raise ValueError(f"option {name} takes {declared}, got {text!r} ({error})") from None
    return text


def load_config_file(path: str | Path) -> dict[str, Any]:
    """Options from a TOML file of ``name = value`` lines; unknown names and wrong types raise ValueError."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML: {error}") from None
    types = option_types()
    unknown = sorted(set(data) - set(types))
    if unknown:
        raise ValueError(f"{path}: unknown cleaning option(s) {', '.join(unknown)}; options: {', '.join(types)}")
    return {name: _typed(name, types[name], value, path) for name, value in data.items()}


def _typed(name: str, declared: str, value: Any, path: str | Path) -> Any:
    """A TOML value checked against the option's type (TOML has no null: the string "none" stands for it)."""
    if isinstance(value, str) and declared.endswith("| None") and value.lower() in _NONE_WORDS:
        return None
    base = declared.removesuffix("| None").strip()
    fits = {
        "bool": isinstance(value, bool),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "str": isinstance(value, str),
    }.get(base)
    if base.startswith("tuple"):
        if isinstance(value, str):
            value = value.split(",")
        fits = isinstance(value, list) and all(isinstance(item, str) for item in value)
        value = tuple(value) if fits else value
    if not fits:
        raise ValueError(f"{path}: option {name} takes {declared}, got {value!r}")
    return float(value) if base == "float" else value
