"""Profiles: each shipped profile reads its real corpus completely, and a user's profile in
config reads a layout none of them does.

Entry counts are counted here a second, simpler way (files, headings, list items) and the
reader must agree; the schema findings are the corpora's real defects, listed one by one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, needs_shared

from gloss_lint.read.profiles import load_profile, shipped_profiles
from gloss_lint.resources import pack_dir

PROFILES = FIXTURES / "profiles"


# ---------------------------------------------------------------- independent counts

def _k8s(root: Path) -> int:
    pages = (root / "content/en/docs/reference/glossary").glob("*.md")
    return sum(1 for p in pages if p.name != "index.md" and p.read_text().startswith("---"))


def _mdn(root: Path) -> int:
    return sum(1 for p in root.rglob("index.md")
               if re.search(r"^page-type: glossary-definition$", p.read_text(), re.MULTILINE))


def _glosario(root: Path) -> int:
    return len(re.findall(r"^- slug:", (root / "glossary.yml").read_text(), re.MULTILINE))


def _sss(root: Path) -> int:
    return len(list((root / "data/terms").glob("*.yml")))


def _18f(root: Path) -> int:
    return len(yaml.safe_load((root / "glossary.yml").read_text())["entries"])


def _headings(root: Path) -> int:
    text = (root / "docs/source/en/glossary.md").read_text()
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return len(re.findall(r"^### ", text, re.MULTILINE))


def _null_descriptions(root: Path) -> int:
    return len(re.findall(r"^ +description: *(?:null)?$", (root / "glossary.yml").read_text(), re.MULTILINE))


# corpus, profile, independent count, the number the maintainers' provenance states,
# and the schema findings an editor would fix: (rule, file name, line) or a count by rule.
CORPORA = [
    ("k8s-glossary", "kubernetes", _k8s, 140, [
        ("schema.enum", "container-runtime-interface.md", 11),   # tag 'cri' is not a canonical tag
        ("schema.unknown-field", "pod-disruption-budget.md", 4),  # 'full-link' for 'full_link'
        ("schema.unknown-field", "pod-lifecycle.md", 5),
    ]),
    ("mdn-glossary", "mdn", _mdn, 614, []),  # 624 pages less 9 disambiguation and 1 landing page
    ("glosario", "glosario", _glosario, 633, [
        ("schema.unknown-field", "glossary.yml", 2420),  # 'def:' where the language 'uk' belongs
    ]),
    ("sss-ai-glossary", "sss", _sss, 109, []),
    ("18f-glossary", "18f", _18f, 712, {"schema.empty": _null_descriptions}),  # 'description: null'
    ("hf-transformers-glossary", "markdown-headings", _headings, 51, []),
]


@pytest.mark.parametrize("corpus, profile, count, stated, expected", CORPORA,
                         ids=[c[0] for c in CORPORA])
def test_shipped_profile_reads_its_corpus_completely(run_json, corpus, profile, count, stated, expected):
    root = needs_shared("corpora", corpus)
    assert count(root) == stated
    code, report = run_json(root, "--profile", profile, "--select", "input,schema")
    assert report["summary"]["entries"] == stated
    findings = report["findings"]
    assert [f for f in findings if f["rule"].startswith("input.")] == []
    if isinstance(expected, dict):
        for rule, counter in expected.items():
            assert sum(f["rule"] == rule for f in findings) == counter(root) > 0
        assert {f["rule"] for f in findings} == set(expected)
    else:
        assert sorted((f["rule"], Path(f["path"]).name, f["line"]) for f in findings) == sorted(expected)
    assert code == (1 if findings else 0)


def test_kubernetes_entry_fields_and_locations(run_json):
    root = needs_shared("corpora", "k8s-glossary")
    entries = _entries(root, "kubernetes")
    kubectl = entries["Kubectl"]
    assert kubectl.id == "kubectl" and kubectl.aliases == ["kubectl"]
    assert kubectl.text("definition").strip() == "A command line tool for communicating with a Kubernetes cluster."
    assert kubectl.file.position(kubectl.spans[("definition",)].start) == (7, 3)  # the text, below '>'
    assert "glossary_tooltip" in kubectl.text("body")
    assert entries["Pod Lifecycle"].fields["related"] == ["pod", "container"]
    assert "Glossary" not in entries  # index.md is the glossary's own page
    assert entries["Applications"].aliases == []  # 'aka:' left empty


def test_mdn_ids_definitions_and_skipped_pages():
    root = needs_shared("corpora", "mdn-glossary")
    entries = _entries(root, "mdn")
    closure = entries["Closure"]
    assert closure.id == "Closure"  # 'Glossary/' stripped from the slug
    assert closure.text("definition").startswith("In computer programming, a **closure** is")
    assert closure.source == "MDN Web Docs"
    assert entries["Block (CSS)"].id == "Block/CSS"
    assert "Block" not in entries and "Glossary of web terms" not in entries


def test_glosario_language_is_selectable(tmp_path, run_json):
    root = needs_shared("corpora", "glosario")
    english = _entries(root, "glosario")["68-95-99.7 rule"]
    assert english.id == "68_95_997_rule"
    assert english.text("definition").startswith("Expresses the fact that 68% of values")
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "glosario-es"\n[profiles.glosario-es]\nextends = "glosario"\nlanguage = "es"\n'
        'skip = [{field = "es", absent = true}]\n')
    code, report = run_json(root / "glossary.yml", "--select", "input", cwd=tmp_path)
    spanish = len(re.findall(r"^  es: *$", (root / "glossary.yml").read_text(), re.MULTILINE))
    assert report["summary"]["entries"] == spanish == 162


def test_18f_acronyms_and_keys():
    root = needs_shared("corpora", "18f-glossary")
    entries = _entries(root, "18f")
    adr = entries["ADR"]
    assert adr.fields["related"] == ["Alternative dispute resolution", "Architecture Decision Record"]
    assert adr.file.position(adr.spans[("term",)].start) == (43, 3)  # the key
    assert entries["8(a)"].aliases == ["Section 8(a)"]
    assert entries["Best and final offer"].fields["related"] == ["Final proposal revision"]


def test_sss_relationships_merge_into_related():
    root = needs_shared("corpora", "sss-ai-glossary")
    token = _entries(root, "sss")["token"]
    assert token.fields["related"] == ["tokenization", "context window", "embedding", "prompt engineering"]
    assert token.file.position(token.spans[("related", 1)].start)[0] == 32
    schema = json.loads((root / "schema/term.schema.json").read_text())
    shipped = json.loads((pack_dir() / "profiles/sss.schema.json").read_text())
    shipped.pop("$comment")
    assert shipped == schema  # the corpus's own schema, unchanged


def test_headings_terms_aliases_and_anchor_ids():
    root = needs_shared("corpora", "hf-transformers-glossary")
    entries = _entries(root, "markdown-headings")
    dl = entries["deep learning"]
    assert dl.aliases == ["DL"] and dl.id == "deep-learning-dl"
    assert dl.text("definition") == "Machine learning algorithms which use neural networks with several layers."
    mask = entries["attention mask"]
    assert mask.text("definition") == "The attention mask is an optional argument used when batching sequences together."
    assert "padded_sequences" in mask.text("body")
    assert "Glossary" not in entries and "A" not in entries


# ---------------------------------------------------------------- scraped pages

def test_page_profile_reads_the_five_seed_pages(run_json):
    seeds = needs_shared("seeds")
    assert len(list(seeds.glob("*.txt"))) == 5
    code, report = run_json(seeds, "--profile", "page", "--select", "input,schema")
    assert report["summary"]["entries"] == 5 and report["findings"] == []
    entries = {Path(e.file.path).name[:3]: e for e in _entries(seeds, "page", by="file")}
    assert {e.term for e in entries.values()} == {"Foundation Model"}
    assert entries["002"].text("definition").startswith("A foundation model is a large, general-purpose model")
    assert entries["004"].text("definition").startswith("Foundation Model refers to an AI model trained")
    assert entries["001"].text("definition").startswith("A large-scale AI model pre-trained on broad data")
    assert entries["000"].fields["related"] == ["Large Language Model", "Fine-tuning",
                                                "RAG (Retrieval-Augmented Generation)", "EU AI Act"]
    assert entries["001"].fields["related"] == ["Large Language Model (LLM)", "Transfer Learning",
                                                "Fine-Tuning", "Transformer", "Multimodal AI"]
    assert len(entries["003"].fields["related"]) == 6 and "related" not in entries["002"].fields
    assert [s["url"] for s in entries["000"].fields["sources"]] == [
        "https://impetora.com/glossary/foundation-model", "https://crfm.stanford.edu/report.html",
        "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"]
    assert entries["000"].fields["category"] == "Foundational"
    assert entries["000"].source == "Impetora AI consulting glossary"
    assert len({e.source for e in entries.values()}) == 5  # five publications
    bodies = "\n".join(e.text("body") + e.text("definition") for e in entries.values())
    for furniture in ("Skip to content", "Back to", "Get in Touch", "Welcome to wikiwalls", "unsubscribe",
                      "Related Services", "NVIDIA Blueprint", "Impetora is a custom AI consultancy",
                      "Is a foundation model the same", "Administrator"):
        assert furniture not in bodies
    assert "Stanford CRFM paper" in entries["004"].text("body")
    term = entries["002"]
    assert term.file.text[term.spans[("term",)].start:term.spans[("term",)].end] == "Foundation Model"


# ---------------------------------------------------------------- a user's own profile

def test_user_profile_in_config_reads_a_layout_no_shipped_profile_reads(run, run_json):
    acme = PROFILES / "acme"
    code, report = run_json("--select", "input,schema", cwd=acme)
    assert report["summary"]["entries"] == 3
    assert [(f["rule"], f["line"], f["message"]) for f in report["findings"]] == [
        ("schema.unknown-field", 19, "unknown field 'meening'; did you mean 'meaning'?"),
    ]
    for name in shipped_profiles():
        code, other = run_json("glossary", "--profile", name, "--select", "input,schema", cwd=acme)
        assert other["summary"]["entries"] == 0, name


def test_user_profile_fields_keep_their_locations():
    from gloss_lint.read.readers import read_file

    profile = load_profile("acme", _config_profiles(PROFILES / "acme"), PROFILES / "acme")
    path = PROFILES / "acme/glossary/terms.yaml"
    slo, budget, toil = read_file(path, "terms.yaml", profile).entries
    assert (slo.term, slo.id, slo.aliases, slo.fields["related"]) == (
        "Service level objective", "service-level-objective", ["SLO"], ["error-budget"])
    assert slo.file.position(slo.spans[("aliases", 0)].start) == (7, 21)
    assert slo.file.position(slo.spans[("related", 0)].start) == (11, 16)
    assert "owner" not in slo.fields


def test_profile_file_named_by_path_extends_a_shipped_one(tmp_path, run_json):
    (tmp_path / ".gloss-lint.yaml").write_text(f"profile: {PROFILES / 'handbook/glossary.yaml'}\n")
    code, report = run_json(PROFILES / "handbook/handbook.md", "--select", "input,schema", cwd=tmp_path)
    assert report["summary"]["entries"] == 3  # the '##' in the code block is not a term
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("schema.required", 15)]  # Runbook


# ---------------------------------------------------------------- bad input, clear findings

def test_hugo_defects_are_clear_findings(run_json):
    code, report = run_json(PROFILES / "hugo", "--profile", "kubernetes", "--select", "input,schema")
    assert report["summary"]["entries"] == 3  # _index.md is not an entry
    assert [(Path(f["path"]).name, f["line"], f["message"]) for f in report["findings"]] == [
        ("pod.md", 2, "missing required field 'short_description'"),
        ("pod.md", 5, "unknown field 'full-link'; did you mean 'full_link'?"),
    ]


def test_a_file_that_matches_no_entry_shape(tmp_path, run_json):
    (tmp_path / "glossary.yml").write_text("entries:\n  - Acquisition\n  - Award\n")
    (tmp_path / "other.yml").write_text("entries:\n  Award:\n    - not a mapping\n")
    (tmp_path / "ci.yml").write_text("jobs: {test: {runs-on: ubuntu}}\n")
    code, report = run_json(tmp_path, "--profile", "18f")
    assert [(f["rule"], Path(f["path"]).name, f["line"]) for f in report["findings"]] == [
        ("input.not-an-entry", "glossary.yml", 2), ("input.not-an-entry", "other.yml", 3)]
    assert code == 1


def test_definition_taken_from_a_named_section(tmp_path, run_json):
    """definition = {section = …}: the first paragraph under that heading; without it, the first one."""
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "notes"\n[profiles.notes]\nextends = "native"\ndefinition = {section = "Meaning"}\n')
    (tmp_path / "a.md").write_text("---\nterm: Alpha\ncategory: C\n---\nAn opening remark.\n\n## Meaning\n\n"
                                   "<!-- editors: keep it short -->\nThe first letter of the\nGreek alphabet.\n\n"
                                   "More about it.\n\n## History\n\nOld.\n")
    (tmp_path / "b.md").write_text("---\nterm: Beta\ncategory: C\n---\nThe second letter.\n\n## Meaning\n\n"
                                   "```\ncode only\n```\n")
    (tmp_path / "c.md").write_text("---\nterm: Gamma\ncategory: C\n---\n# Gamma\n\nThe third letter.\n")
    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.registry import load_registry

    registry = load_registry()
    entries = {e.term: e for e in lint(load_settings(registry, cwd=tmp_path), registry, cwd=tmp_path).corpus.entries}
    alpha = entries["Alpha"]
    assert alpha.text("definition") == "The first letter of the\nGreek alphabet."
    assert alpha.file.position(alpha.spans[("definition",)].start) == (10, 1)
    assert entries["Beta"].text("definition") == "The second letter."  # the section holds no prose
    assert entries["Gamma"].text("definition") == "The third letter."  # no such section
    _, report = run_json(".", "--select", "schema", cwd=tmp_path)
    assert report["findings"] == []


def test_bad_profile_regex_is_a_config_error(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "mine"\n[profiles.mine]\nlayout = "page"\npage = {boilerplate = ["(unclosed"]}\n')
    code, out, err = run("check", tmp_path, cwd=tmp_path)
    assert code == 2 and "page.boilerplate: bad regular expression '(unclosed'" in err


def test_profiles_command_lists_every_shipped_profile(run):
    code, out, err = run("profiles")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(shipped_profiles()) >= 8
    for name in ("kubernetes", "mdn", "glosario", "sss", "18f", "markdown-headings", "page", "native"):
        line = next(line for line in lines if line.split()[0] == name)
        assert len(line.split(None, 1)[1]) > 20


def test_uncategorised_schema_is_the_native_one_without_category():
    native = json.loads((pack_dir() / "entry.schema.json").read_text())
    relaxed = json.loads((pack_dir() / "profiles/uncategorised.schema.json").read_text())
    assert relaxed["required"] == [r for r in native["required"] if r != "category"]
    assert relaxed["properties"] == native["properties"]


# ---------------------------------------------------------------- helpers

def _config_profiles(folder: Path) -> dict:
    import tomllib

    return tomllib.loads((folder / "pyproject.toml").read_text())["tool"]["gloss-lint"]["profiles"]


def _entries(root: Path, profile_name: str, by: str = "term") -> dict | list:
    from gloss_lint.read.readers import discover, read_file

    profile = load_profile(profile_name)
    entries = [e for path in discover([root], profile) for e in read_file(path, str(path), profile).entries]
    return entries if by == "file" else {e.term: e for e in entries}


def test_skipped_pages_are_kept_aside_as_link_targets():
    from gloss_lint.read.readers import discover, read_file

    root = needs_shared("corpora", "mdn-glossary")
    profile = load_profile("mdn")
    skipped = [e for path in discover([root], profile) for e in read_file(path, str(path), profile).skipped]
    assert sorted(e.id for e in skipped) == ["Baseline", "Block", "Boolean", "DSL", "Glossary", "Media",
                                             "Node", "Property", "Safe", "Signature"]
