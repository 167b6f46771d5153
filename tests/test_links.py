"""links.*: every rule on the links fixture, resolution policies, and the real glossaries'
broken references counted again here without gloss-lint's code."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, needs_shared, sarif_errors

LINKS = FIXTURES / "links"
ALL_LINK_RULES = "links,links.orphan,links.one-way"


def _found(report) -> list[tuple[str, str, int, int]]:
    return [(f["rule"], Path(f["path"]).name, f["line"], f["column"]) for f in report["findings"]]


def test_every_link_rule_fires_where_the_fixture_says(run_json):
    code, report = run_json(LINKS, "--select", ALL_LINK_RULES)
    assert _found(report) == [
        ("links.ambiguous", "embedding.md", 5, 11),           # RAG: two different terms
        ("links.one-way", "embedding.md", 5, 16),             # Transformer does not list Embedding
        ("links.duplicate", "glossary.yaml", 12, 31),         # 'large language model' after 'LLM'
        ("links.syntax", "glossary.yaml", 19, 7),             # [self-attention] (#self-attention)
        ("links.syntax", "glossary.yaml", 19, 46),            # [[Transformer]
        ("links.unresolved", "glossary.yaml", 20, 28),        # Self-atention
        ("links.inexact", "glossary.yaml", 27, 70),           # [[Javascript]]
        ("links.duplicate", "glossary.yaml", 28, 28),         # the alias of Transformer, listed
        ("links.self", "glossary.yaml", 28, 54),              # LLM, its own alias
        ("links.url", "glossary.yaml", 30, 14),               # https:/example.com
        ("links.orphan", "glossary.yaml", 32, 11),            # nothing links to Self-attention
        ("links.one-way", "glossary.yaml", 35, 15),           # Attention does not list Self-attention
        ("links.unresolved", "glossary.yaml", 48, 51),        # tokenisation.md
        ("links.one-way", "glossary.yaml", 49, 15),           # Embedding does not list RAG by its term
    ]
    messages = {(f["rule"], f["line"]): f["message"] for f in report["findings"]}
    assert messages["links.unresolved", 20] == ("related term 'Self-atention' leads to no entry (no term, "
                                                "alias or id answers to it); did you mean 'Self-attention'?")
    assert messages["links.unresolved", 48].endswith("did you mean 'tokenization.md'?")
    assert messages["links.inexact", 27] == ("link to 'Javascript' matches 'JavaScript' only when case is "
                                             "ignored; write 'JavaScript'")
    assert "'RAG' answers to 2 entries ('Retrieval-augmented generation', 'Red-amber-green status')" \
        in messages["links.ambiguous", 5]
    assert code == 1


def test_findings_name_their_entry_and_the_other_side(run_json):
    _, report = run_json(LINKS, "--select", "links.ambiguous,links.duplicate")
    ambiguous = next(f for f in report["findings"] if f["rule"] == "links.ambiguous")
    assert ambiguous["entry"] == "Embedding"
    assert [(Path(r["path"]).name, r["line"]) for r in ambiguous["related"]] == [
        ("glossary.yaml", 43), ("glossary.yaml", 51)]


def test_correct_links_stay_silent(run_json):
    """Aliases, a lower-case or title-case first letter, [[x|text]], #id anchors and file links resolve."""
    code, report = run_json(FIXTURES / "glossary", "--select", ALL_LINK_RULES.split(",")[0])
    assert report["findings"] == [] and code == 0
    _, report = run_json(LINKS, "--select", "links")
    flagged = {(f["line"], f["column"]) for f in report["findings"]}
    for line in (8, 9, 10):  # Transformer's links: [[attention]], [[LLM|…]], (#retrieval-augmented-generation)
        assert not any(at[0] == line for at in flagged)


def test_off_by_default_rules_need_their_own_id(run_json):
    _, report = run_json(LINKS, "--select", "links")
    assert {f["rule"] for f in report["findings"]}.isdisjoint({"links.orphan", "links.one-way"})
    _, report = run_json(LINKS, "--select", "links.orphan")
    assert {f["rule"] for f in report["findings"]} == {"links.orphan"}


def test_inline_suppression_of_a_link_rule(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(
        "- term: A\n  definition: See [[B]].\n  related: [Nowhere]\n  # gloss-lint: disable=links.unresolved\n"
        "- term: B\n  definition: Links to [[Nowhere]].\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["entry"], f["line"]) for f in report["findings"]] == [("B", 6)]


def test_links_inside_code_are_not_links(tmp_path, run_json):
    (tmp_path / "g.md").write_text("---\nterm: Wiki link\n---\nWrite `[[Term]]` or:\n\n```\n[[Other]]\n```\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert report["findings"] == []
    (tmp_path / "h.yaml").write_text("term: H\ndefinition: Write `[[Nope]]` to link, as in [[Nope]].\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(2, 45)]  # the link, not the code (col 20)


def test_user_profile_with_case_sensitive_links_and_redirects(tmp_path, run_json):
    (tmp_path / ".gloss-lint.yaml").write_text(r"""
profile: wiki
profiles:
  wiki:
    extends: native
    links:
      - name: page
        pattern: '\{\{page:(?P<target>[^}]+)\}\}'
        case: sensitive
        separators: false
    redirects:
      files: [moved.txt]
      pattern: '^(?P<from>\S+) -> (?P<to>\S+)$'
""")
    (tmp_path / "moved.txt").write_text("OldName -> NewName\nLoop -> Loop2\nLoop2 -> Loop\n")
    (tmp_path / "g.yaml").write_text(
        "- term: NewName\n  definition: A {{page:NewName}} page.\n"
        "- term: Other\n  definition: See {{page:Newname}}, {{page:OldName}} and {{page:Loop}}.\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["message"]) for f in report["findings"]] == [
        ("links.self", "'NewName' links to itself ('NewName')"),
        ("links.unresolved", "link to 'Newname' leads to no entry (no term, alias or id answers to it); "
                             "did you mean 'NewName'?"),
        ("links.inexact", "link to 'OldName' is an old name that redirects to 'NewName'; link to 'NewName'"),
        ("links.unresolved", "link to 'Loop' leads to no entry (no term, alias or id answers to it)"),
    ]


def test_empty_targets_and_missing_fragments(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(
        "- term: Alpha\n  definition: Empty [[]], [a](other.yaml#gamma), [b](#), [c](other.yaml#beta), "
        "[d](other.yaml).\n- term: Beta two\n  definition: The second, after [[Alpha]].\n")
    (tmp_path / "other.yaml").write_text("- term: Beta\n  definition: The real second letter.\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["line"], f["column"], f["message"]) for f in report["findings"]] == [
        ("links.syntax", 2, 21, "malformed link '[[]]': the link has no target"),
        ("links.unresolved", 2, 27, "link to 'other.yaml' leads to no entry ('other.yaml' holds no entry '#gamma')"),
        ("links.syntax", 2, 50, "malformed link '[b](#)': the link has no target"),
    ]  # [c](other.yaml#beta) and [d](other.yaml) resolve


_STRIP_PROFILE = r"""
profile: wiki
profiles:
  wiki:
    extends: native
    links:
      - name: page
        pattern: '\{\{page:(?P<target>[^}]+)\}\}'
        STRIP
"""


@pytest.mark.parametrize("strip, unresolved", [("strip: '^(?:glossary|terms)/'", []),
                                               ("", ["glossary/Beta", "terms/alpha"])])
def test_the_strip_option_takes_a_prefix_off_the_target(tmp_path, run_json, strip, unresolved):
    (tmp_path / ".gloss-lint.yaml").write_text(_STRIP_PROFILE.replace("STRIP", strip))
    (tmp_path / "g.yaml").write_text("- term: Alpha\n  definition: Before {{page:glossary/Beta}}.\n"
                                     "- term: Beta\n  definition: After {{page:terms/alpha}}.\n")
    _, report = run_json(".", "--select", "links.unresolved", cwd=tmp_path)
    assert [re.search(r"'([^']*)'", f["message"]).group(1) for f in report["findings"]] == unresolved


def test_an_unreadable_redirects_file_is_said_on_the_links_it_could_resolve(tmp_path, run_json):
    (tmp_path / ".gloss-lint.yaml").write_text(
        "profile: moved\nprofiles:\n  moved:\n    extends: native\n    redirects:\n"
        "      files: [moved.txt]\n      pattern: '^(?P<from>\\S+) -> (?P<to>\\S+)$'\n")
    (tmp_path / "moved.txt").symlink_to(tmp_path / "gone.txt")  # listed, but cannot be opened
    (tmp_path / "g.yaml").write_text("- term: NewName\n  definition: x\n- term: Other\n  definition: See [[OldName]].\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["message"]) for f in report["findings"]] == [
        ("links.unresolved", "link to 'OldName' leads to no entry (no term, alias or id answers to it; "
                             "the redirects file moved.txt (No such file or directory) could not be read)")]
    (tmp_path / "gone.txt").write_text("OldName -> NewName\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [f["rule"] for f in report["findings"]] == ["links.inexact"]


def test_a_malformed_link_hides_only_what_it_overlaps(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text("- term: A\n  definition: Bad [[Transformer] and [[Nowhere]] here.\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["column"]) for f in report["findings"]] == [("links.syntax", 19), ("links.unresolved", 38)]
    (tmp_path / "g.yaml").write_text("- term: A\n  definition: Bad [[Nowhere]] then [[Transformer] here.\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["column"]) for f in report["findings"]] == [("links.unresolved", 19), ("links.syntax", 36)]


def test_a_space_hyphen_or_underscore_are_one_separator_by_default(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text("- {term: Self-attention, category: C, definition: Attention within a sequence.}\n"
                                     "- {term: B, category: C, definition: Uses attention., related: [self attention]}\n"
                                     "- {term: C, category: C, definition: Uses attention., related: [Self_attention]}\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert report["findings"] == []


def test_a_related_term_listed_twice_says_how_it_was_first_written(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text("- term: A\n  definition: The first.\n  related: [Beta, beta, B]\n"
                                     "- term: Beta\n  aliases: [B]\n  definition: The second.\n")
    _, report = run_json(".", "--select", "links.duplicate", cwd=tmp_path)
    assert [f["message"] for f in report["findings"]] == [
        "related term 'beta' is already listed; remove one",
        "related term 'B' is already listed (as 'Beta'); remove one"]


def test_redirects_are_followed_five_deep(tmp_path, run_json):
    (tmp_path / ".gloss-lint.yaml").write_text(
        "profile: moved\nprofiles:\n  moved:\n    extends: native\n    redirects:\n"
        "      files: [moved.txt]\n      pattern: '^(?P<from>\\S+) -> (?P<to>\\S+)$'\n")
    (tmp_path / "moved.txt").write_text("".join(f"Old{i} -> Old{i + 1}\n" for i in range(5)) + "Old5 -> NewName\n")
    (tmp_path / "g.yaml").write_text("- term: NewName\n  definition: x\n"
                                     "- term: Other\n  definition: See [[Old1]] and [[Old0]].\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["message"].split(" leads")[0].split(" is an")[0]) for f in report["findings"]] == [
        ("links.inexact", "link to 'Old1'"), ("links.unresolved", "link to 'Old0'")]  # 5 hops, then 6


def test_the_links_handed_to_the_report_name_the_entries_they_lead_to(tmp_path):
    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.registry import load_registry

    (tmp_path / "g.yaml").write_text(
        "- {term: Alpha, category: C, definition: The first letter., related: [Beta, Nowhere]}\n"
        "- {term: Beta, category: C, definition: The second letter., related: [Alpha]}\n")
    registry = load_registry()
    result = lint(load_settings(registry, paths=[str(tmp_path)], select=["links"], cwd=tmp_path), registry,
                  cwd=tmp_path)
    terms = [e.term for e in result.corpus.entries]
    assert sorted((terms[s], [terms[t] for t in targets], via) for s, targets, via in result.data["links"]) == [
        ("Alpha", [], ""), ("Alpha", ["Beta"], "name"), ("Beta", ["Alpha"], "name")]


def test_a_link_pattern_without_a_target_group_is_a_config_error(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "mine"\n[profiles.mine]\nextends = "native"\nlinks = [{pattern = "\\\\[\\\\[(.*?)\\\\]\\\\]"}]\n')
    code, out, err = run("check", tmp_path, cwd=tmp_path)
    assert code == 2 and "links[0].pattern" in err and "(?P<target>" in err


def test_kubernetes_tooltips_are_read_and_resolved_by_file_name(tmp_path, run_json):
    """The hugo fixture's two tooltips are links; one to a page that is not there is unresolved."""
    hugo = FIXTURES / "profiles" / "hugo"
    written = sum(p.read_text().count("{{< glossary_tooltip") for p in hugo.glob("*.md"))
    assert written == 2 and _extracted(hugo, "kubernetes") == {"glossary_tooltip": written}
    _, report = run_json(hugo, "--profile", "kubernetes", "--select", "links")
    assert report["findings"] == []
    for page in hugo.glob("*.md"):
        (tmp_path / page.name).write_text(page.read_text())
    (tmp_path / "pod.md").unlink()
    _, report = run_json(".", "--profile", "kubernetes", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [("links.unresolved", "service.md", 14)]
    assert "'pod'" in report["findings"][0]["message"]


@pytest.mark.parametrize("url, problem", [
    ("https://example.com/a b", "contains white space"),
    ("ftp://example.com/file", "is a ftp: address"),
    ("javascript:alert(1)", "is a javascript: address"),
    ("https:example.com", "lacks '//'"),
    ("https:///path", "has no host name"),
    ("https://example.com:80x/", "has a port that is not a number"),
    ("https://exa_mple/", "is not a domain"),
    ("https://example.com/path?q=1#top", ""),
    ("http://localhost:8000/", ""),
    ("https://例え.jp/", ""),
    ("www.example.com", ""),  # not a URI at all: schema.format's finding, not this one
])
def test_source_url_problems(url, problem):
    from gloss_lint.rules.links.rules import url_problem

    found = url_problem(url)
    assert (problem in found and found) if problem else found == ""


# ---------------------------------------------------------------- the real glossaries

def _extracted(root: Path, profile: str) -> Counter:
    """How many links of each syntax gloss-lint found (broken link syntax counted apart)."""
    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.registry import load_registry
    from gloss_lint.rules.links.graph import build_graph

    registry = load_registry()
    settings = load_settings(registry, paths=[str(root)], profile=profile, select=["links.syntax"], cwd=root)
    corpus = lint(settings, registry, cwd=root).corpus
    graph = build_graph(corpus.entries, corpus.pages, settings.profile.data, [root])
    return Counter([link.syntax for link, _ in graph.links] + ["malformed"] * len(graph.malformed))


def _front_matter(path: Path) -> dict:
    text = path.read_text()
    return (yaml.safe_load(text.split("---")[1]) or {}) if text.startswith("---") else {}

def _unresolved(report) -> list[tuple[str, str]]:
    return sorted((Path(f["path"]).parent.name if Path(f["path"]).name == "index.md" else Path(f["path"]).name,
                   re.search(r"'([^']*)'", f["message"]).group(1))
                  for f in report["findings"] if f["rule"] == "links.unresolved")


def test_kubernetes_tooltips_resolve_by_file_name(run_json):
    """Hugo finds a tooltip's term as <term_id>.md; counted here from the files alone."""
    root = needs_shared("corpora", "k8s-glossary")
    folder = next(root.rglob("glossary"))
    files = {p.stem.casefold() for p in folder.glob("*.md")}
    pages = [p for p in folder.glob("*.md") if p.name != "index.md"]  # the glossary's own page
    ids = [m for p in pages for m in re.findall(r'term_id="([^"]*)"', p.read_text())]
    broken = [i for i in ids if i.casefold() not in files]
    assert len(ids) > 150 and broken == []
    related = sum(len(_front_matter(p).get("related") or []) for p in folder.glob("*.md"))
    assert _extracted(root, "kubernetes") == {"glossary_tooltip": len(ids), "related": related}
    _, report = run_json(root, "--profile", "kubernetes", "--select", "links")
    assert report["findings"] == []


def test_mdn_macros_resolve_through_slugs_skipped_pages_and_redirects(run_json):
    root = needs_shared("corpora", "mdn-glossary")
    pages = list((root / "files/en-us/glossary").rglob("*/index.md"))  # not the landing page
    slugs = {re.search(r"^slug: *['\"]?Glossary/([^'\"\n]+)", p.read_text(), re.M).group(1).casefold()
             for p in pages}
    moved = {}
    for line in (root / "files/en-us/_redirects.glossary.txt").read_text().splitlines():
        old, _, new = line.partition("\t")
        if old.startswith("/en-US/docs/Glossary/") and new.startswith("/en-US/docs/Glossary/"):
            moved[old.removeprefix("/en-US/docs/Glossary/").casefold()] = new
    macro = re.compile(r"""\{\{\s*glossary\(\s*["']([^"'#]*)""", re.I)
    broken = sorted((p.parent.name, t) for p in pages for t in macro.findall(p.read_text())
                    if (key := t.strip().replace(" ", "_").casefold()) not in slugs and key not in moved)
    definitions = [p for p in pages if re.search(r"^page-type: glossary-definition$", p.read_text(), re.M)]
    # Every macro of a definition page is read: a link, or one broken link syntax (the leading '/').
    assert _extracted(root, "mdn") == {
        "Glossary macro": sum(len(macro.findall(p.read_text())) for p in definitions) - 1, "malformed": 1}
    assert broken == [("leading", "/Baseline/Typography"), ("mixin", "interface"), ("rtp", "IP"),
                      ("webassembly", "binary"), ("webidl", "interface")]
    _, report = run_json(root, "--profile", "mdn", "--select", "links")
    assert _unresolved(report) == [b for b in broken if not b[1].startswith("/")]
    rules = [f["rule"] for f in report["findings"]]
    assert rules.count("links.syntax") == 1  # the leading '/': a path where a slug belongs
    redirected = [f for f in report["findings"] if "redirects" in f["message"]]
    assert [(Path(f["path"]).parent.name, f["line"]) for f in redirected] == [("nonce", 22)]
    assert set(rules) == {"links.unresolved", "links.syntax", "links.inexact"}


def test_glosario_refs_and_anchors(run_json):
    root = needs_shared("corpora", "glosario")
    items = yaml.safe_load((root / "glossary.yml").read_text())
    slugs = {i["slug"] for i in items}
    refs = [(i["slug"], r) for i in items for r in i.get("ref") or []]
    anchors = [(i["slug"], a) for i in items
               for a in re.findall(r"\]\(#([^)\s]+)\)", (i.get("en") or {}).get("def", ""))]
    assert len(refs) > 400 and len(anchors) > 100
    assert _extracted(root, "glosario") == {"related": len(refs), "anchor": len(anchors), "malformed": 2}
    assert sorted(t for _, t in refs + anchors if t not in slugs) == ["bayesian_statistics", "data_analysis"]
    assert sorted(s for s, t in refs + anchors if s == t) == [
        "anti_join", "correlation_coefficient", "cross_join", "full_join", "inner_join", "left_join",
        "right_join", "self_join", "transfer_learning"]
    _, report = run_json(root, "--profile", "glosario", "--select", "links")
    assert [t for _, t in _unresolved(report)] == ["bayesian_statistics", "data_analysis"]
    rules = [f["rule"] for f in report["findings"]]
    assert (rules.count("links.self"), rules.count("links.syntax"), len(rules)) == (9, 2, 13)


def test_sss_relationships_name_terms(run_json):
    root = needs_shared("corpora", "sss-ai-glossary")
    docs = [yaml.safe_load(p.read_text()) for p in sorted((root / "data/terms").glob("*.yml"))]
    key = lambda name: " ".join(re.split(r"[\s_-]+", name.casefold()))  # noqa: E731  'tool-use' is 'tool use'
    names = {key(n) for d in docs for n in [d["term"], *(d.get("aliases") or [])]}
    targets = [t for d in docs for kind in ("broader", "narrower", "related")
               for t in (d.get("relationships") or {}).get(kind) or []]
    broken = sorted(t for t in targets if key(t) not in names)
    assert len(targets) > 300 and _extracted(root, "sss") == {"related": len(targets)}
    _, report = run_json(root, "--profile", "sss", "--select", "links")
    assert sorted(t for _, t in _unresolved(report)) == broken and len(broken) == 55


def test_18f_cross_references_and_acronyms_resolve(run_json):
    root = needs_shared("corpora", "18f-glossary")
    entries = yaml.safe_load((root / "glossary.yml").read_text())["entries"]
    named = [n for e in entries.values() for key in ("cross_references", "term")
             for n in ([e[key]] if isinstance(e.get(key), str) else e.get(key) or [])]
    assert len(named) > 300 and _extracted(root, "18f") == {"related": len(named)}
    _, report = run_json(root, "--profile", "18f", "--select", "links")
    assert report["findings"] == []


def test_hf_anchors_are_heading_slugs(run_json):
    root = needs_shared("corpora", "hf-transformers-glossary")
    text = next(root.rglob("glossary.md")).read_text()
    slugs = {re.sub(r"[^\w]+", "-", h.casefold()).strip("-") for h in re.findall(r"^### (.+)$", text, re.M)}
    anchors = re.findall(r"\]\(#([^)\s]+)\)", text)
    assert len(anchors) > 10 and [a for a in anchors if a.casefold() not in slugs] == []
    assert _extracted(root, "markdown-headings") == {"anchor": len(anchors)}
    _, report = run_json(root, "--profile", "markdown-headings", "--select", "links")
    assert report["findings"] == []


def _related_lines(text: str) -> list[str]:
    """The terms under a page's 'Related terms' heading: '- [Name](…)' items, or name and description lines."""
    found = re.search(r"^(?:#+ )?Related terms\n(.*?)(?=^#+ |^Related \w+$|\Z)", text, re.M | re.S | re.I)
    lines = [line for line in found.group(1).splitlines() if line.strip()] if found else []
    return [line for line in lines if line.startswith("- [")] or lines[::2]


def test_seed_pages_related_terms_are_their_own_sites_pages(run_json):
    root = needs_shared("seeds")
    related = [line for page in root.glob("*.txt") for line in _related_lines(page.read_text())]
    assert len(related) > 10 and _extracted(root, "page") == {"related": len(related)}
    _, report = run_json(root, "--profile", "page", "--select", "links")
    assert report["findings"] == []


def test_sarif_of_link_findings_is_valid_with_related_locations(run):
    import json

    _, out, _ = run("check", LINKS, "--format", "sarif", "--select", ALL_LINK_RULES)
    log = json.loads(out)
    assert sarif_errors(log) == []
    ambiguous = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "links.ambiguous")
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in ambiguous["relatedLocations"]] == [43, 51]


def test_a_few_files_are_checked_against_the_whole_glossary(tmp_path, run_json):
    """pre-commit names the changed files: links resolve against the configured paths, and only
    the named files are reported on."""
    (tmp_path / "pyproject.toml").write_text('[tool.gloss-lint]\npaths = ["glossary"]\n')
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary/a.yaml").write_text("term: Alpha\ndefinition: The first.\nrelated: [Beta, Gamma]\n")
    (tmp_path / "glossary/b.yaml").write_text("term: Beta\ndefinition: The second.\nrelated: [Nowhere]\n")
    code, report = run_json("glossary/a.yaml", "--select", "links", cwd=tmp_path)
    assert [(f["path"], f["message"]) for f in report["findings"]] == [
        ("glossary/a.yaml", "related term 'Gamma' leads to no entry (no term, alias or id answers to it)")]
    assert (report["summary"]["files"], report["summary"]["entries"]) == (1, 1)
    code, report = run_json("--select", "links", cwd=tmp_path)
    assert {f["path"] for f in report["findings"]} == {"glossary/a.yaml", "glossary/b.yaml"}
