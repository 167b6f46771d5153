"""Configuration: found upward from the working directory, validated once, then read-only.

Sources, first found wins: ``--config FILE``; else, walking up from the working
directory, ``.gloss-lint.toml``, ``.gloss-lint.yaml``, or a ``pyproject.toml``
with a ``[tool.gloss-lint]`` table. The result is a ``Settings`` value.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from gloss_lint.model import Severity
from gloss_lint.read.profiles import Profile, ProfileError, load_profile
from gloss_lint.read.entries import NATIVE_FIELDS
from gloss_lint.read.readers import DEFAULT_MAX_BYTES, skip_reason
from gloss_lint.registry import Registry, Rule
from gloss_lint.resources import own_schema

_SCHEMA_PATH = own_schema("config.json")
CONFIG_FILES = (".gloss-lint.toml", ".gloss-lint.yaml", "pyproject.toml")
CACHE_FOLDER = ".gloss-lint-cache"  # the default cache folder (gloss_lint.cache), beside the config


class ConfigError(Exception):
    """A configuration a run cannot start with (exit code 2)."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: Severity
    options: Mapping[str, Any]


@dataclass(frozen=True)
class Settings:
    paths: tuple[Path, ...]
    profile: Profile
    rules: Mapping[str, RuleSettings]
    fail_on: Severity = Severity.ERROR
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_symlinks: bool = False  # links that lead outside the linted folders
    schema: Path | None = None  # the entry schema that replaces the default
    schema_extends: tuple[Path, ...] = ()  # schemas every entry must also satisfy
    config_file: Path | None = None
    root: Path = field(default_factory=Path.cwd)  # paths in config are relative to this
    # The glossary the linted files belong to, when only some of it is linted (pre-commit
    # names changed files): read to resolve links and compare entries, never reported on.
    context: tuple[Path, ...] = ()
    # Report the whole-glossary rules' findings on the context too (what the named files
    # cause elsewhere: a link to a renamed entry); one-entry rules still see only the named.
    report_context: bool = False
    named: tuple[Path, ...] = ()  # glossary files named on the command line (a deleted one too)
    skipped: tuple[tuple[str, str], ...] = ()  # named files that are not glossary files, and why
    baseline: Path | None = None  # the configured baseline file
    external_terms: tuple[str, ...] = ()  # terms another glossary defines (Sphinx intersphinx)
    cache_dir: Path | None = None  # the persistent cache (gloss_lint.cache); None: none
    # Processes checking entries (None: by the glossary's size, gloss_lint.parallel). The output
    # does not depend on it, so neither does any cache key (they read the repr).
    jobs: int | None = field(default=None, repr=False, compare=False)
    # What rules publish for the reports besides findings (``Result.data``: facts, links,
    # readability): only the sections the reports asked for show (a text report none); None: all.
    publish: tuple[str, ...] | None = None

    def enabled(self) -> list[str]:
        return [rule_id for rule_id, s in self.rules.items() if s.enabled]

    def publishes(self, section: str) -> bool:
        """Whether a report of this run shows the ``section`` of ``Result.data``."""
        return self.publish is None or section in self.publish


@cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(_SCHEMA_PATH.read_text()))


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _pyproject_table(candidate) is not None):
                return candidate
    return None


def _pyproject_table(path: Path) -> dict | None:
    """The ``[tool.gloss-lint]`` table; a pyproject.toml that does not parse is an error, not
    a file without one (the run would go on with the defaults, silently)."""
    table = _parse(path).get("tool", {})
    return table.get("gloss-lint") if isinstance(table, dict) else None


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _parse(path: Path) -> Any:
    """A config file's content; ``path:line:column: what is wrong`` when it does not parse."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".yaml", ".yml"):
            return yaml.safe_load(text) or {}
        return tomllib.loads(text)
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: config is not UTF-8 (byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        message, line, column = str(error), getattr(error, "lineno", None), getattr(error, "colno", None)
        place = _TOML_PLACE.search(message)
        if place:  # Python < 3.14 has the place only in the message
            message, line, column = message[:place.start()], place.group(1), place.group(2)
        where = f"{path}:{line}:{column}" if line else str(path)
        raise ConfigError(f"{where}: invalid config: {message}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: invalid config: {problem}") from None


def read_config(path: Path) -> dict[str, Any]:
    data = (_pyproject_table(path) or {}) if path.name == "pyproject.toml" else _parse(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a table/mapping")
    return data


def _check_shape(data: dict[str, Any], where: str) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    for error in errors:
        place = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in known]
            raise ConfigError(f"{where}: unknown key {'.'.join(filter(None, [place, extra[0]]))!r}"
                              f"{_did_you_mean(extra[0], known)}")
        raise ConfigError(f"{where}: {place or 'config'}: {error.message}")


def _did_you_mean(word: str, choices: list[str], cutoff: float = 0.6) -> str:
    """'; did you mean 'x'?' with the closest choice, or '' when none is close."""
    closest = difflib.get_close_matches(word, choices, cutoff=cutoff)
    return f"; did you mean {closest[0]!r}?" if closest else ""


def _rule_settings(registry: Registry, table: Mapping[str, Any], select: list[str],
                   ignore: list[str], where: str, fields: set[str]) -> dict[str, RuleSettings]:
    """Each rule's settings; keys are ids or prefixes, and the most specific key wins."""
    for key in [*table, *select, *ignore]:
        check_selector(registry, key, where)
    result: dict[str, RuleSettings] = {}
    for rule in registry.values():
        enabled, severity, options = rule.enabled, rule.severity, dict(rule.options)
        for key in sorted((k for k in table if rule.matches(k)), key=lambda k: k.count(".")):
            value = table[key]
            if isinstance(value, str):
                value = {"enabled": False} if value == "off" else {"severity": value}
            for name, setting in value.items():
                if name == "enabled":
                    enabled = setting
                elif name == "severity":  # turns the rule on, unless it is off by default and
                    severity = Severity.parse(setting)  # the key is only a prefix ("links")
                    enabled = enabled or key == rule.id or rule.enabled
                elif name in rule.options:
                    options[name] = _checked_option(rule, name, setting, where, fields)
        if select:  # a prefix selects the rules that are on; an id selects its rule, even one off by default
            enabled = any(rule.id == s or (enabled and rule.matches(s)) for s in select)
        if any(rule.matches(s) for s in ignore):
            enabled = False
        result[rule.id] = RuleSettings(enabled, severity, MappingProxyType(options))
    for key, value in table.items():  # an option no rule under the key declares
        if isinstance(value, dict):
            declared = {o for r in registry.values() if r.matches(key) for o in r.options}
            for name in value:
                if name not in ("enabled", "severity") and name not in declared:
                    raise ConfigError(f"{where}: rules.{key}: unknown option {name!r}"
                                      f"{_did_you_mean(name, sorted(declared))}")
    return result


def _checked_option(rule: Rule, name: str, value: Any, where: str, fields: set[str]) -> Any:
    default = rule.options[name]
    numbers = (int, float)
    ok = (isinstance(value, numbers) and not isinstance(value, bool)
          if isinstance(default, numbers) and not isinstance(default, bool)
          else default is None or isinstance(value, type(default)))
    if not ok:
        raise ConfigError(f"{where}: rules.{rule.id}.{name}: expected "
                          f"{type(default).__name__}, got {value!r}")
    if name == "fields":  # a field no entry has would turn the rule off without a word
        for item in value:
            if item not in fields:
                raise ConfigError(f"{where}: rules.{rule.id}.fields: no entry field is called "
                                  f"{item!r}{_did_you_mean(str(item), sorted(fields), cutoff=0.5)}")
    return value


def _field_names(profile: Profile, schemas: list[Path]) -> set[str]:
    """The fields an entry may have: the native ones, the profile's, and those a user's
    schema declares (an unreadable schema is the schema rules' to report)."""
    names = {*NATIVE_FIELDS, *profile.fields.values()}
    for path in schemas:
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
            names.update(schema["properties"])
    return names


def unknown_selector(registry: Registry, selector: str) -> str:
    """'' when ``selector`` is a rule id or prefix, else what is wrong, with a suggestion."""
    if any(rule.matches(selector) for rule in registry.values()):
        return ""
    candidates = sorted({*registry, *(r.family for r in registry.values())})
    return f"unknown rule or prefix {selector!r}{_did_you_mean(selector, candidates)}"


def check_selector(registry: Registry, selector: str, where: str) -> None:
    problem = unknown_selector(registry, selector)
    if problem:
        raise ConfigError(f"{where}: {problem}")


def load_settings(registry: Registry, *, config_path: Path | None = None, cwd: Path | None = None,
                  paths: list[str] | None = None, profile: str | None = None,
                  select: list[str] = (), ignore: list[str] = (),
                  fail_on: str | None = None, follow_symlinks: bool = False, cache: bool = False,
                  cache_dir: str | None = None, jobs: int | None = None) -> Settings:
    """Settings from the config file found (or given) and the command line, validated.
    ``cache``: use the cache (unless the config turns it off), in ``cache_dir`` if given."""
    cwd = cwd or Path.cwd()
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"config file not found: {config_path}")
    config_path = config_path or find_config(cwd)
    data = read_config(config_path) if config_path else {}
    return settings_from(registry, data, config_path, cwd=cwd, paths=paths, profile=profile, select=select,
                         ignore=ignore, fail_on=fail_on, follow_symlinks=follow_symlinks, cache=cache,
                         cache_dir=cache_dir, jobs=jobs)


def settings_from(registry: Registry, data: dict[str, Any], config_path: Path | None, *, cwd: Path,
                  root: Path | None = None, paths: list[str] | None = None, profile: str | None = None,
                  select: list[str] = (), ignore: list[str] = (), fail_on: str | None = None,
                  follow_symlinks: bool = False, cache: bool = False, cache_dir: str | None = None,
                  jobs: int | None = None) -> Settings:
    """Settings from a config's data (read from ``config_path``, or made by ``gloss-lint init``)."""
    where = str(config_path) if config_path else "command line"
    _check_shape(data, where)
    root = root or (config_path.parent if config_path else cwd)
    try:
        chosen = load_profile(profile or data.get("profile", "native"), data.get("profiles"), root)
    except ProfileError as error:
        raise ConfigError(str(error)) from None
    configured = [root / p for p in data.get("paths", ())]
    exclude = tuple(data.get("exclude", ()))
    named: list[Path] = []
    skipped: list[tuple[str, str]] = []
    if paths:
        targets = []
        for target in map(Path, paths):
            if not target.is_dir():
                if not target.exists() and not target.suffix:
                    raise ConfigError(f"path not found: {target}")  # a folder: a typo, not a deletion
                why = _not_glossary(target, configured, chosen, exclude)
                if why:
                    skipped.append((target.as_posix(), why))
                    continue
                named.append(target)
            targets.append(target)
    elif configured:
        targets = configured
    else:
        targets = [cwd]
    for target in targets:
        if not target.exists() and target not in named:
            raise ConfigError(f"path not found: {target}")
    if paths:  # a few files of a larger glossary: the configured paths, else the files' folders
        context = [p for p in configured if p.exists()] or [t.parent for t in named]
    else:
        context = []
    schema = data.get("schema", {})
    schemas = [root / p for p in [*filter(None, [schema.get("path")]), *schema.get("extend", ())]]
    fields = _field_names(chosen, schemas)
    return Settings(
        paths=tuple(targets),
        profile=chosen,
        rules=MappingProxyType(_rule_settings(registry, data.get("rules", {}), list(select),
                                              list(ignore), where, fields)),
        fail_on=Severity.parse(fail_on or data.get("fail-on", "error")),
        exclude=exclude,
        max_bytes=data.get("max-file-size", DEFAULT_MAX_BYTES),
        follow_symlinks=follow_symlinks or data.get("follow-symlinks", False),
        schema=root / schema["path"] if "path" in schema else None,
        schema_extends=tuple(root / p for p in schema.get("extend", ())),
        config_file=config_path,
        root=root,
        context=tuple(dict.fromkeys(context)),
        named=tuple(named),
        skipped=tuple(skipped),
        baseline=root / data["baseline"] if "baseline" in data else None,
        external_terms=tuple(data.get("external-terms", ())),
        cache_dir=(Path(cache_dir) if cache_dir else root / data.get("cache-dir", CACHE_FOLDER))
        if cache and data.get("cache", True) else None,
        jobs=jobs or data.get("jobs"),
    )


def _not_glossary(path: Path, configured: list[Path], profile: Profile, exclude: tuple[str, ...]) -> str | None:
    """Why a named file is not one of the glossary's (outside ``paths``, excluded, not read by
    the profile), or None. Without configured paths, its own folder is its glossary."""
    reasons = [skip_reason(path, root, profile, list(exclude)) for root in configured or [path.parent]]
    return None if None in reasons else reasons[0]
