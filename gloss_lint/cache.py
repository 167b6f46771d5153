"""The persistent cache (``.gloss-lint-cache/``): files as read, runs, what rules keep, reports.

Every value is a pickle in a file of its own, named by the digest of its key, written to a
temporary file and moved into place (two runs at once never see half a file). A file that
is truncated, corrupt or not ours reads as absent and is written again. The cache is an LRU
with a size cap: a value read or written has its time set; past ``MAX_BYTES``, at the end
of a command, the values it did not use go, least recently used first. Failing to write is
not an error: the run goes on uncached.

Keys hold what the value depends on: the code (gloss-lint's own files and the rule pack,
by content), the effective settings, and the content of every file read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from gloss_lint import __version__, collector
from gloss_lint.config import ConfigError, read_config
from gloss_lint.read.entries import ReadResult
from gloss_lint.read.profiles import Profile
from gloss_lint.read.readers import read_data, redirect_paths
from gloss_lint.resources import pack_dir

if TYPE_CHECKING:
    from gloss_lint.config import Settings
    from gloss_lint.registry import Registry

LAYOUT = "v1"  # the folder values live in; a new layout starts afresh beside it
MAX_BYTES = 256 * 2**20
_MAGIC = b"gloss-lint cache 1\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# gloss-lint's cache (https://bford.info/cachedir/)\n"
_DEPENDENCIES = ("spacy", "textstat", "pyphen", "jsonschema", "PyYAML", "pyspellchecker")


def digest(*parts: bytes | memoryview | str) -> str:
    """One digest of several parts (each length-prefixed, so that parts never run together)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@cache
def code_stamp() -> str:
    """gloss-lint's version, Python's, its dependencies', and the content of every file of the
    package and the rule pack: a value stored by other code (a checkout since) is not read."""
    from importlib import metadata

    parts = [__version__, sys.version]
    for name in _DEPENDENCIES:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} absent")
    for folder in (Path(__file__).parent, pack_dir()):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def file_digest(path: Path) -> str:
    """The digest of a file's content, or of why it cannot be read (absent, a folder …)."""
    try:
        return digest(path.read_bytes())
    except OSError as error:
        return f"unreadable {error.errno}"


class Cache:
    """Pickled values in ``folder`` (see the module doc), each under a kind and a key."""

    def __init__(self, folder: Path, max_bytes: int | None = None):
        self.folder = folder
        self.values = folder / LAYOUT
        self.max_bytes = MAX_BYTES if max_bytes is None else max_bytes
        self.used: set[Path] = set()
        self.wrote = False

    def _path(self, kind: str, key: str) -> Path:
        return self.values / kind / digest(kind, key)

    def load(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or None when there is none (or none intact)."""
        path = self._path(kind, key)
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except OSError:
            return None
        header = _MAGIC + path.name.encode() + b"\n"
        end = len(header) + 41  # the payload's digest and a newline
        if not data.startswith(header) or len(data) < end:
            return None
        payload = memoryview(data)[end:]
        if data[len(header):end - 1] != digest(payload).encode():
            return None  # truncated or changed since written
        try:
            with collector.paused():
                value = pickle.loads(payload)
        except Exception:  # noqa: BLE001 -- a file we did not write may fail in any way: absent
            return None
        self.used.add(path)
        _touch(path)
        return value

    def store(self, kind: str, key: str, value: Any) -> None:
        """Keep ``value`` under ``key``; silently not, when the folder cannot be written."""
        path = self._path(kind, key)
        header = _MAGIC + path.name.encode() + b"\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._mark()
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "w+b") as stream:
                    # Pickled straight into the file, its digest filled in after: the pickler's
                    # memo (every object it met) is gone before the payload is read back to
                    # hash, instead of both being held at once (a large run's peak memory).
                    stream.write(header + bytes(41))
                    pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
                    stream.seek(len(header) + 41)
                    check = digest(stream.read())
                    stream.seek(len(header))
                    stream.write(check.encode() + b"\n")
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # not a value the cache can hold: the next run computes it again
        except OSError:
            return
        self.used.add(path)
        self.wrote = True

    def _mark(self) -> None:
        """A new cache folder says what it is: git ignores it, backup tools may skip it."""
        if (self.folder / ".gitignore").exists():
            return
        (self.folder / ".gitignore").write_text("# gloss-lint's cache: never committed\n*\n")
        (self.folder / "CACHEDIR.TAG").write_text(_TAG)

    def prune(self) -> None:
        """Past ``max_bytes``, delete the values this run did not use, least recently used
        first, and temporary files a killed run left (older than an hour)."""
        if not self.wrote:
            return
        files: list[tuple[float, int, Path]] = []
        total = 0
        try:
            for kind in os.scandir(self.values):
                for item in os.scandir(kind.path) if kind.is_dir() else ():
                    status = item.stat()
                    path = Path(item.path)
                    if item.name.startswith(".tmp-"):
                        if status.st_mtime < time.time() - 3600:
                            path.unlink(missing_ok=True)
                        continue
                    total += status.st_size
                    if path not in self.used:
                        files.append((status.st_mtime, status.st_size, path))
            for _, size, path in sorted(files):
                if total <= self.max_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size
        except OSError:
            return


_OPEN: dict[Path, Cache] = {}


def open_cache(folder: Path) -> Cache:
    """The cache in ``folder``: one per command, however many runs it makes (``close_all``)."""
    if folder not in _OPEN:
        _OPEN[folder] = Cache(folder)
    return _OPEN[folder]


def close_all() -> None:
    """At the end of a command: prune each cache it wrote to (see ``Cache.prune``), and forget them."""
    for store in _OPEN.values():
        store.prune()
    _OPEN.clear()


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


# ---------------------------------------------------------------- keys

def settings_key(settings: Settings, registry: Registry, cwd: Path) -> str:
    """What a run's findings depend on besides the glossary's files: the code, the effective
    settings and rules, the working directory (paths are shown relative to it), and the
    content of every other file a run reads: the config, the files it names (style rule
    files, schemas, fact kinds, a gazetteer), the profile's schema and redirect files."""
    rules = [(r.id, r.scope, r.severity, r.enabled, dict(r.options),
              getattr(r.check, "__module__", ""), getattr(r.check, "__qualname__", ""))
             for r in registry.values()]
    files = [settings.config_file, settings.schema, *settings.schema_extends]
    if settings.profile.data.get("schema"):
        files.append(Path(settings.profile.data["schema"]))
    if settings.config_file is not None:
        files += [settings.root / name for name in _strings(_config_data(settings.config_file))
                  if len(name) < 300 and "\n" not in name]
    files += redirect_paths([*settings.paths, *settings.context], settings.profile.redirect_files)
    contents = [f"{path}\0{file_digest(path)}" for path in dict.fromkeys(files)
                if path is not None and (path == settings.config_file or _is_file(path))]
    return digest(code_stamp(), repr(settings), repr(rules), str(cwd), *contents)


def _config_data(path: Path) -> Any:
    try:
        return read_config(path)
    except ConfigError:
        return {}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def read_cached(store: Cache | None, profile_key: str, data: bytes, display: str, path: Path,
                profile: Profile) -> ReadResult:
    """``read_data``, or what it gave for the same bytes, name and profile before."""
    if store is None:
        return read_data(data, display, path, profile)
    # By where the file is, not how it was named: the glossary as it was before a change lists
    # its files resolved, and reads them from here too. A link's own name is read (its suffix).
    key = digest(profile_key, display, path.name, os.path.realpath(path), data)
    read = store.load("files", key)
    if not isinstance(read, ReadResult):
        read = read_data(data, display, path, profile)
        store.store("files", key, read)
    return read


# ---------------------------------------------------------------- what rules keep across runs

class Table:
    """Values one rule computes from a piece of an entry (a field's text, its term …) and keeps
    across runs: ``get`` and ``put`` by a key that says everything the value depends on."""

    def __init__(self, stored: Any = None):
        stored = stored if isinstance(stored, dict) and isinstance(stored.get("values"), dict) else {}
        self.generation = stored.get("generation", 0) + 1
        self.values: dict[Any, tuple[int, Any]] = stored.get("values", {})
        self.used: dict[Any, Any] = {}
        self.added = False

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self.used:
            return self.used[key]
        kept = self.values.get(key)
        if kept is None:
            return default
        self.used[key] = kept[1]
        return kept[1]

    def put(self, key: Any, value: Any) -> None:
        self.used[key] = value
        self.added = True

    def computed(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The value kept under ``key``, or ``compute()`` kept under it now."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def kept(self) -> dict[str, Any]:
        """What to store: this run's values, and as many more of those used most recently (not
        this run: a run of a few files uses a few), so that the table stays about a glossary's size."""
        older = sorted(((k, v) for k, v in self.values.items() if k not in self.used),
                       key=lambda item: item[1][0], reverse=True)[:len(self.used) + 10_000]
        return {"generation": self.generation,
                "values": {**dict(older), **{k: (self.generation, v) for k, v in self.used.items()}}}


class Kept:
    """The tables of one run, each read from the cache when first asked for, and those that
    gained values written back at the end (``save``)."""

    def __init__(self, store: Cache):
        self.store = store
        self.tables: dict[str, Table] = {}

    def table(self, name: str, *depends: bytes | str) -> Table:
        key = digest(code_stamp(), name, *depends)
        if key not in self.tables:
            self.tables[key] = Table(self.store.load("kept", key))
        return self.tables[key]

    def save(self) -> None:
        for key, table in self.tables.items():
            if table.added:
                self.store.store("kept", key, table.kept())


# ---------------------------------------------------------------- reports

def rendered(result: Any, settings: Settings, how: tuple, render: Callable[[], str]) -> str:
    """A report as rendered before from the same run's ``engine.Result`` (its findings as
    reported, after a baseline or --diff) in the same way (``how``: format, colour …), or
    ``render()`` now, kept. What the reports read from the environment (a CI run's GITHUB_*
    variables) is part of the key."""
    if not result.cached or settings.cache_dir is None:
        return render()
    store = open_cache(settings.cache_dir)
    environment = sorted((k, v) for k, v in os.environ.items() if k.startswith("GITHUB_"))
    key = digest(result.cached, repr(how), repr(result.omitted), repr(result.findings), repr(environment))
    report = store.load("reports", key)
    if not isinstance(report, str):
        report = render()
        store.store("reports", key, report)
    return report
