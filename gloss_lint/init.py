"""``gloss-lint init``: recognise a glossary's layout, write its config, and show what was found.

A folder is tried against the shipped profiles first (a Sphinx glossary, then
each profile that reads most of the files' entries with a term and no field it
does not know); a Markdown glossary with front matter that none fits (Jekyll,
Hugo, MkDocs, Docusaurus …) gets a profile written into the config: which keys
are which fields (the rest ignored), which link syntaxes the files use (counted,
kept when most of their links resolve), and whether related terms name entries
or entry files (whichever resolves more). Scraped pages fall back to ``page``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from gloss_lint.read.profiles import load_profile
from gloss_lint.read.readers import SKIPPED_DIRS, discover, read_file
from gloss_lint.read.rst import glossary_blocks
from gloss_lint.registry import Registry

CONFIG_NAME = ".gloss-lint.toml"
WRITTEN = "glossary"  # the name of a profile init writes into the config
# Shipped profiles tried on files with field names, most specific first (ties go to the first).
_TRIED = ["kubernetes", "mdn", "sss", "glosario", "18f", "native"]
# Front-matter keys that mean a native field, the likeliest first.
FIELD_KEYS = {
    "term": ["term", "title", "name", "word", "label", "heading"],
    "definition": ["definition", "short_description", "description", "summary", "short_def", "def",
                   "excerpt", "meaning", "shortDefinition"],
    "aliases": ["aliases", "aka", "synonyms", "alias", "also_known_as", "abbreviation", "abbr", "acronym",
                "abbreviations", "acronyms", "other_names"],
    "related": ["related", "related_terms", "relatedTerms", "related-terms", "see_also", "seealso",
                "see-also", "related_entries", "related_concepts"],
    "tags": ["tags", "keywords", "categories"],
    "category": ["category"],
    "id": ["id", "slug"],
    "sources": ["sources", "references"],
    "status": ["status"],
}
_NOT_ENTRIES = ["index.md", "_index.md", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "LICENSE.md",
                "PROVENANCE.md", "CODE_OF_CONDUCT.md", "404.md"]
_MARKDOWN = (".md", ".markdown", ".mdx")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
# Syntaxes counted in a written profile's files, in the order they are listed.
_COUNTED = ["wiki", "anchor", "file", "relative", "root", "reference", "site-ref", "glossary_tooltip", "term-role"]


@dataclass
class Found:
    """What ``init`` recognised in a folder, and the config that lints it."""

    folder: Path
    layout: str  # how the folder was recognised, in words
    config: dict[str, Any]
    fields: dict[str, tuple[int, str]] = field(default_factory=dict)  # source key -> (entries, native or "")
    notes: list[str] = field(default_factory=list)

    @property
    def profile(self) -> str:
        return self.config["profile"]


# ---------------------------------------------------------------- looking at the folder

def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        found += [Path(root, f) for f in sorted(files) if not f.startswith(".")]
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _common_folder(folder: Path, files: list[Path]) -> str:
    """The deepest folder holding every file, relative to ``folder`` ('.' for itself)."""
    if not files:
        return "."
    common = Path(os.path.commonpath([str(p.resolve().parent) for p in files]))
    relative = common.relative_to(folder.resolve()).as_posix()
    return relative or "."


def _entries(folder: Path, profile_name: str, data: dict[str, Any] | None = None):
    profile = load_profile(profile_name, {WRITTEN: data} if data else None, folder)
    entries, problems = [], 0
    for path in discover([folder], profile):
        read = read_file(path, path.as_posix(), profile)
        entries += [(path, e) for e in read.entries]
        problems += len(read.problems)
    return profile, entries, problems


def _fits(profile, entries) -> int:
    """How many entries the profile reads well: 0 unless nearly every entry has a term, nearly
    none has a field the profile does not know (a few defects aside), and the files use the
    profile's own field names."""
    if not entries:
        return 0
    if profile.schema and not profile.schema_reads_native:  # the corpus's own schema knows its fields
        known = set(json.loads(profile.schema.read_text(encoding="utf-8")).get("properties", {}))
    else:
        known = {name.split(".")[0] for name in profile.fields} | profile.ignore | set(FIELD_KEYS) | {"body", "source"}
    with_term = sum(1 for _, e in entries if e.term)
    unknown = sum(1 for _, e in entries if set(e.raw or {}) - known)
    own = {name.split(".")[0] for name in profile.fields} - set(FIELD_KEYS)
    seen = {key for _, e in entries for key in (e.raw or {})}
    if own and len(own & seen) < len(own) / 2:
        return 0
    if with_term < 0.8 * len(entries) or unknown > 0.25 * len(entries):  # room for a few defects
        return 0
    return with_term


def survey(folder: Path, registry: Registry) -> Found:
    """Recognise the glossary under ``folder`` and make the config that lints it."""
    folder = folder.resolve()
    files = _walk(folder)
    rst = [p for p in files if p.suffix == ".rst" and glossary_blocks(_read(p))]
    if rst:
        uses = [p for p in files if p.suffix == ".rst"]
        return Found(folder, "Sphinx '.. glossary::' directives in reStructuredText",
                     {"paths": [_common_folder(folder, uses)], "profile": "sphinx"})
    best, best_score, best_files = None, 0, []
    for name in _TRIED:
        profile, entries, _ = _entries(folder, name)
        score = _fits(profile, entries)
        if score > best_score:
            best, best_score, best_files = name, score, [p for p, _ in entries]
    headings = [p for p in files if p.suffix in _MARKDOWN and not _FRONT_MATTER.match(_read(p))
                and p.name not in _NOT_ENTRIES]
    if headings:
        profile, entries, _ = _entries(folder, "markdown-headings")
        score = _fits(profile, entries)
        if score > best_score and score >= 3:
            best, best_score, best_files = "markdown-headings", score, [p for p, _ in entries]
    if best:
        profile = load_profile(best)
        needed = [*best_files, *(p for p in files if p.name in profile.redirect_files)]
        return Found(folder, f"the shipped profile '{best}': {profile.description}",
                     {"paths": [_common_folder(folder, needed)], "profile": best})
    pages = [p for p in files if p.suffix in _MARKDOWN and _FRONT_MATTER.match(_read(p))
             and p.name not in _NOT_ENTRIES]
    data = _data_files(folder, registry)
    if data and (not pages or len(_glossary_pages(pages)) < len(_entries(folder, WRITTEN, data.config["profiles"][WRITTEN])[1])):
        return data
    if pages:
        return _front_matter(folder, pages, registry)
    texts = [p for p in files if p.suffix in (".txt", *_MARKDOWN) and p.name not in _NOT_ENTRIES]
    if texts:
        return Found(folder, f"the shipped profile 'page': {load_profile('page').description}",
                     {"paths": [_common_folder(folder, texts)], "profile": "page"})
    return Found(folder, "nothing recognised: gloss-lint's own format (YAML, JSON, Markdown front matter)",
                 {"paths": ["."], "profile": "native"},
                 notes=["no glossary files found: add entries, or set 'paths' and 'profile' by hand"])


# ---------------------------------------------------------------- a profile written for the files

_GLOSSARY_FOLDER = re.compile(r"gloss|term|defin|vocab|dictionar|lexic|jargon|concept", re.I)


def _mapped(keys: Counter) -> dict[str, str]:
    """Source key -> native field: for each native field, the likeliest key the files use."""
    mapping: dict[str, str] = {}
    for native, candidates in FIELD_KEYS.items():
        present = [k for k in candidates if keys[k] and k not in mapping]
        if present:
            mapping[max(present, key=lambda k: (keys[k], -candidates.index(k)))] = native
    return mapping


def _written_profile(description: str, include: list[str], keys: Counter, mapping: dict[str, str]) -> dict:
    profile: dict[str, Any] = {
        "description": f"written by gloss-lint init: {description}",
        "files": {"include": include, "exclude": _NOT_ENTRIES},
        "layout": "auto",
    }
    fields: dict[str, Any] = {}
    for source, native in mapping.items():
        if native in ("aliases", "related", "tags"):
            fields[source] = {"to": native, "list": True}
        elif source != native:
            fields[source] = native
    if fields:
        profile["fields"] = fields
    ignored = sorted(k for k in keys if k not in mapping)
    if ignored:
        profile["ignore"] = ignored
    if "category" not in mapping.values():
        profile["schema"] = "uncategorised.schema.json"
        profile["schema-reads"] = "native"
    return profile


def _glossary_pages(pages: list[Path]) -> list[Path]:
    """The pages of the glossary: those under a folder named like one ('glossary', 'terms'),
    else those of the folder holding most of them, else all."""
    named = [p for p in pages if any(_GLOSSARY_FOLDER.search(part) for part in p.parent.parts[-3:])]
    pages = named or pages
    home, count = Counter(p.parent for p in pages).most_common(1)[0]
    return [p for p in pages if p.parent == home] if count >= 0.8 * len(pages) else pages


def _front_matter(folder: Path, pages: list[Path], registry: Registry) -> Found:
    glossary = _glossary_pages(pages)
    keys: Counter = Counter()
    bodies = []
    for page in glossary:
        text = _read(page)
        match = _FRONT_MATTER.match(text)
        try:
            data = yaml.safe_load(match.group(1)) if match else None
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            keys.update(str(k) for k in data)
            bodies.append(text[match.end():])
    mapping = _mapped(keys)
    profile = _written_profile("Markdown pages with front matter, one term each",
                               sorted({f"*{p.suffix}" for p in glossary}), keys, mapping)
    if "definition" not in mapping.values():
        more = sum(1 for b in bodies if re.search(r"<!--\s*more\s*-->", b))
        profile["definition"] = "before-more" if more >= len(bodies) / 2 else "first-paragraph"
    if "id" not in mapping.values():
        profile["id"] = {"from": "file"}  # a static site's page is its file's slug
    found = Found(folder, "Markdown pages with front matter (Jekyll, Hugo, MkDocs, Docusaurus …): "
                  f"profile '{WRITTEN}' written into the config",
                  {"paths": [_common_folder(folder, glossary)], "profile": WRITTEN})
    found.fields = {k: (n, mapping.get(k, "")) for k, n in keys.most_common()}
    found.config["profiles"] = {WRITTEN: profile}
    _choose_links(found, profile, registry)
    return found


def _data_files(folder: Path, registry: Registry) -> Found | None:
    """A YAML or JSON list of entries whose keys are not gloss-lint's (a Jekyll ``_data/glossary.yml``
    of ``name``/``description`` items), or None when no data file holds entries with a term."""
    _, entries, _ = _entries(folder, "native")
    by_file: dict[Path, list] = {}
    for path, entry in entries:
        by_file.setdefault(path, []).append(entry)
    keys: Counter = Counter()
    files = []
    for path, items in by_file.items():
        counted = Counter(str(k) for e in items for k in (e.raw or {}))
        term = next((k for k in FIELD_KEYS["term"] if counted[k] >= 0.8 * len(items)), None)
        if term and len(items) >= 3:
            keys += counted
            files.append(path)
    if not files:
        return None
    mapping = _mapped(keys)
    profile = _written_profile("YAML or JSON lists of entries", sorted({p.name for p in files}), keys, mapping)
    found = Found(folder, f"YAML or JSON lists of entries: profile '{WRITTEN}' written into the config",
                  {"paths": [_common_folder(folder, files)], "profile": WRITTEN})
    found.fields = {k: (n, mapping.get(k, "")) for k, n in keys.most_common()}
    found.config["profiles"] = {WRITTEN: profile}
    _choose_links(found, profile, registry)
    return found


def _links_of(found: Found, profile: dict[str, Any], registry: Registry):
    """The links a profile finds in the folder, each with its resolution."""
    from gloss_lint.engine import Context, lint
    from gloss_lint.rules.links import link_graph

    settings = _settings(found, registry, profile, select=["links.unresolved"])
    result = lint(settings, registry, cwd=found.folder)
    return link_graph(Context(result.corpus, settings)).links


def _choose_links(found: Found, profile: dict[str, Any], registry: Registry) -> None:
    """Keep the link syntaxes the files use, most of their links resolving; related terms by
    name or by file, whichever resolves more (the file, on a tie: the stricter reading)."""
    trial = dict(profile, links=[{"syntax": name} for name in _COUNTED])
    links = _links_of(found, trial, registry)
    root_targets = [link.target for link, _ in links if link.syntax in ("root", "reference")]
    kept = []
    for name in _COUNTED:
        these = [(link, r) for link, r in links if link.syntax == name]
        item = {"syntax": name}
        if these and name in ("root", "reference"):
            item, these = _with_prefix(found, profile, name, root_targets, registry) or (item, these)
        if these:
            resolved = sum(1 for _, r in these if r.entries)
            if resolved >= len(these) / 2:
                kept.append(item)
            else:
                found.notes.append(f"{len(these)} {_shown(name)} link(s), {resolved} to an entry: "
                                   "not glossary links, left out")
    if kept:
        profile["links"] = kept
    related = [link for link, _ in links if link.syntax == "related"]
    if related:
        by_name = sum(1 for link, r in links if link.syntax == "related" and r.entries)
        by_file, as_file = 0, None
        for path in ("{target}.md", "{target}"):  # a slug, or a file name with its extension
            policy = {"resolve": "file", "path": path}
            resolved = sum(1 for link, r in _links_of(found, dict(profile, related=policy), registry)
                           if link.syntax == "related" and r.entries)
            if resolved > by_file:
                by_file, as_file = resolved, policy
        if as_file and by_file >= by_name:
            profile["related"] = as_file
            found.notes.append(f"related terms name entry files: {by_file} of {len(related)} resolve as files, "
                               f"{by_name} as names")
        else:
            found.notes.append(f"related terms name entries: {by_name} of {len(related)} resolve as names, "
                               f"{by_file} as files")


def _with_prefix(found: Found, profile: dict[str, Any], name: str, targets: list[str], registry: Registry):
    """A root-relative syntax with the URL prefix under which most targets resolve ('/terms/'),
    and the links it finds; None when no prefix leads to an entry."""
    # targets as found with the default prefix '/': 'terms/rag' is under '/terms/'
    prefixes = Counter("/" + t.rsplit("/", 1)[0] + "/" if "/" in t else "/" for t in targets if t.strip("/"))
    best, best_resolved = None, 0
    for prefix, _ in prefixes.most_common(5):
        item = {"syntax": name, "prefix": prefix}
        links = [(link, r) for link, r in _links_of(found, dict(profile, links=[item]), registry)
                 if link.syntax == name]
        resolved = sum(1 for _, r in links if r.entries)
        if resolved > best_resolved:
            best, best_resolved = (item, links), resolved
    return best


def _shown(name: str) -> str:
    return {"wiki": "[[x]]", "anchor": "[t](#x)", "file": "[t](x.md)", "relative": "[t](../x/)", "root": "[t](/x/)",
            "site-ref": "{{< ref x >}}/{% link x %}",
            "reference": "[1]: /x/", "glossary_tooltip": "{{< glossary_tooltip >}}",
            "term-role": ":term:`x`", "related": "related"}.get(name, name)


# ---------------------------------------------------------------- the config, checked

def _settings(found: Found, registry: Registry, profile: dict[str, Any] | None = None, select: list[str] = ()):
    from gloss_lint.config import settings_from

    config = dict(found.config)
    if profile is not None:
        config["profiles"] = {WRITTEN: profile}
    return settings_from(registry, config, None, cwd=found.folder, root=found.folder, select=list(select))


def check(found: Found, registry: Registry):
    """The first ``check`` of the folder with the config ``init`` made: the result, and per link
    syntax (or ``related``) how many links there are, how many resolve, and how many name a page
    or term outside the glossary (a scraped page's own site, ``external-terms``)."""
    from gloss_lint.engine import Context, lint
    from gloss_lint.rules.links import link_graph

    settings = _settings(found, registry)
    result = lint(settings, registry, cwd=found.folder)
    counts: dict[str, list[int]] = {}
    for link, resolution in link_graph(Context(result.corpus, settings)).links:
        count = counts.setdefault(link.syntax, [0, 0, 0])
        count[0] += 1
        count[1] += bool(resolution.entries)
        count[2] += not resolution.entries and (link.external or resolution.via == "external")
    return result, settings, counts


# ---------------------------------------------------------------- TOML

def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def to_toml(config: dict[str, Any], table: str = "") -> str:
    """The config as TOML: plain keys first, each profile a table of its own."""
    head = f"[{table}]\n" if table else ""
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in config.items() if k != "profiles"]
    text = head + "\n".join(lines) + "\n"
    for name, profile in config.get("profiles", {}).items():
        prefix = f"{table}.profiles.{name}" if table else f"profiles.{name}"
        text += f"\n[{prefix}]\n"
        text += "".join(f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in profile.items() if k != "links")
        for link in profile.get("links", []):
            text += f"\n[[{prefix}.links]]\n" + "".join(f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in link.items())
    return text


# ---------------------------------------------------------------- the command

def report(found: Found, result, counts: dict[str, list[int]], out: TextIO) -> None:
    from gloss_lint.report.text import summary

    print(f"  layout:  {found.layout}", file=out)
    print(f"  paths:   {', '.join(found.config['paths'])}", file=out)
    holding = len({e.file.path for e in result.corpus.linted})
    print(f"  files:   {len(result.files)} read, {holding} with entries", file=out)
    print(f"  entries: {len(result.corpus.linted)}", file=out)
    if result.corpus.documents:
        print(f"  pages that use the terms: {len(result.corpus.documents)}", file=out)
    if found.fields:
        shown = ", ".join(f"{k} {n}" + (f" -> {native}" if native else " (ignored)")
                          for k, (n, native) in found.fields.items())
        print(f"  fields:  {shown}", file=out)
    if counts:
        shown = ", ".join(f"{_shown(name)} {n} ({ok} resolve" + (f", {out} outside the glossary" if out else "")
                          + ")" for name, (n, ok, out) in sorted(counts.items()))
        print(f"  links:   {shown}", file=out)
    for note in found.notes:
        print(f"  note:    {note}", file=out)
    rules = Counter(f.rule for f in result.findings)
    most = "; most: " + ", ".join(f"{rule} {n}" for rule, n in rules.most_common(5)) if rules else ""
    print(f"  check:   {summary(result)}{most}", file=out)


def _ask(question: str, yes: bool, stdin: TextIO) -> bool:
    if yes:
        return True
    if not stdin.isatty():
        return False
    print(f"{question} [y/N] ", end="", flush=True)
    return stdin.readline().strip().lower() in ("y", "yes")


def _without_table(text: str) -> str:
    """pyproject.toml text without its [tool.gloss-lint] tables."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$", line)
        if header:
            inside = header.group(1).replace('"', "").startswith("tool.gloss-lint")
        if not inside:
            kept.append(line)
    return "".join(kept).rstrip("\n") + "\n"


def run(folder: Path, registry: Registry, *, yes: bool = False, dry_run: bool = False,
        stdin: TextIO | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Survey ``folder``, show what was found, write the config (unless it would overwrite one
    and nobody said yes). Exit code 0, or 2 when nothing was written that should have been."""
    from gloss_lint.config import ConfigError, _pyproject_table

    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr

    if not folder.is_dir():
        print(f"gloss-lint: error: not a folder: {folder}", file=err)
        return 2
    try:
        found = survey(folder, registry)
        result, _, counts = check(found, registry)
    except ConfigError as error:
        print(f"gloss-lint: error: {error}", file=err)
        return 2
    print(f"gloss-lint init: {folder.as_posix()}", file=out)
    report(found, result, counts, out)
    config_file, pyproject = folder / CONFIG_NAME, folder / "pyproject.toml"
    if dry_run:
        print(f"\n# {CONFIG_NAME} (not written: --dry-run)\n{to_toml(found.config)}", end="", file=out)
        return 0
    if pyproject.is_file() and not config_file.exists():
        has_table = _pyproject_table(pyproject) is not None
        question = ("Replace [tool.gloss-lint] in pyproject.toml?" if has_table
                    else "Add [tool.gloss-lint] to pyproject.toml?")
        if _ask(question, yes, stdin):
            text = pyproject.read_text(encoding="utf-8")
            text = (_without_table(text) if has_table else text.rstrip("\n") + "\n")
            _write(pyproject, text + "\n" + to_toml(found.config, "tool.gloss-lint"))
            print(f"wrote [tool.gloss-lint] into {pyproject}", file=out)
            return 0
        if has_table:
            print(f"gloss-lint: not written: {pyproject} has a [tool.gloss-lint] table (--yes replaces it; "
                  "--dry-run shows the config)", file=err)
            return 2
    if config_file.exists() and not _ask(f"Overwrite {config_file}?", yes, stdin):
        print(f"gloss-lint: not written: {config_file} exists (--yes overwrites it; --dry-run shows the config)",
              file=err)
        return 2
    _write(config_file, to_toml(found.config))
    print(f"wrote {config_file}", file=out)
    return 0


def _write(path: Path, text: str) -> None:
    """Atomically, so a config is never half written."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
