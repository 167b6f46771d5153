"""facts.*: the shapes glossary prose takes, each in sentences of our own, on the real pipeline.

Every case is two sources describing one term ('Quill', a made-up tool), with the
definition and the body written as a glossary would; a case either must conflict
(rule and severity given) or must not (warning- and error-level findings only).
"""

from __future__ import annotations

import json
import textwrap

import pytest


def _two(tmp_path, a: tuple[str, str], b: tuple[str, str], term: str = "Quill", aliases=("Quills",)):
    for name, (definition, body) in (("a", a), ("b", b)):
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(f"""\
            term: {term}
            aliases: {json.dumps(list(aliases))}
            category: Things
            source: {name}
            definition: {json.dumps(definition)}
            body: {json.dumps(body)}
            """))
    (tmp_path / ".gloss-lint.toml").write_text("")
    return tmp_path


def _found(run_json, folder):
    _, report = run_json(str(folder), "--select", "facts", cwd=folder)
    return [(f["rule"], f["severity"]) for f in report["findings"] if f["severity"] != "info"], report


CONFLICTS = [
    # a definition with no subject: the participle hangs off its head, which is the term
    (("Note-taking tool, built by Oracle and first released in 2011.", ""),
     ("Note-taking tool first released in 2014.", ""), "facts.year", "error"),
    (("Editor for plain text created by Netscape in 1998.", ""),
     ("Quill is an editor developed by Intel in 1998.", ""), "facts.by", "error"),
    # the head's maker ('from X', "X's") against another source's creator
    (("Text editor from Mozilla, introduced in 2003.", ""),
     ("Quill is a text editor developed by Adobe.", ""), "facts.by", "warning"),
    # a relative clause whose subject made the term
    (("Hosted editor that Cisco launched in 2009.", ""),
     ("Hosted editor launched in 2012.", ""), "facts.year", "error"),
    # several people, with descriptors, lower-case particles
    (("Editor designed by Dutch engineer Jan de Vries and Anna Berg.", ""),
     ("Editor designed by Polish physicist Marek Nowak.", ""), "facts.by", "warning"),
    # a known organisation against an unknown one that says it is one
    (("Editor created by Microsoft.", ""),
     ("Editor created by Pebble Works, a small start-up.", ""), "facts.by", "warning"),
    (("Editor created by Microsoft.", ""),
     ("Editor created by a small start-up, Acme Labs.", ""), "facts.by", "warning"),
    # the same event in several forms: 'made X generally available', 'released X as open source'
    (("Desktop editor.", "Salesforce made Quill generally available in March 2016."),
     ("Desktop editor released in 2018.", ""), "facts.year", "error"),
    (("Desktop editor.", "Apple released Quill as open source in 2015."),
     ("Desktop editor first released in 2019.", ""), "facts.order", "warning"),
    # a name list cut by 'and' still lets the year be read
    (("Editor created by Adobe and Intel in 2004.", ""),
     ("Editor created by Adobe and Intel in 2007.", ""), "facts.year", "error"),
    # 'et al.' ends no sentence: the year after it is still the event's
    (("Editor proposed by Holm et al. in 2004.", ""),
     ("Editor proposed in 2009.", ""), "facts.year", "error"),
    # dates of effect keep their precision
    (("Data rule.", "The rule took effect on 3 March 2019."),
     ("Data rule.", "It came into effect in 2020."), "facts.date", "error"),
    (("Data rule that took effect in 2017.", ""),
     ("Data rule.", "It entered into force on 9 October 2019."), "facts.date", "error"),
    (("Data rule.", "It entered into force on 9 October 2019."),
     ("Data rule.", "It entered into force on 2 May 2017."), "facts.date", "error"),
    # the same, the general event in the second file: it is reported from its side still
    (("Data rule.", "It entered into force on 9 October 2019."),
     ("Data rule that took effect in 2017.", ""), "facts.date", "error"),
    # the head of a definition names its category; a modifier may stand inside the cue
    (("Proprietary image-captioning model from Adobe.", ""),
     ("Quill is an open-weight multimodal model.", ""), "facts.category", "error"),
    (("Unsupervised clustering method for short texts.", ""),
     ("A supervised text-labelling method.", ""), "facts.category", "error"),
    # numbers: a compound in the head, 'with N' hanging off it, the same variant on both sides
    (("Note model.", "It has 100 layers."), ("Note model.", "It has 97 layers."), "facts.number", "error"),
    (("Note model.", "It has 100 layers."), ("Note model.", "It has about 89 layers."), "facts.number", "warning"),
    (("A 12-billion-parameter model for notes.", ""),
     ("Note model from Adobe with 30 billion parameters.", ""), "facts.number", "error"),
    (("Note model.", "The largest variant has 40 billion parameters."),
     ("Note model.", "The largest Quill model has 52 billion parameters."), "facts.number", "error"),
    # a closed list with words between its noun and 'are', wrapped over lines; a product's maker
    (("Hosted editor.", "The only Quill vendors\nin Europe today are Akamai and\nFastly."),
     ("Hosted editor.", "Vendors include Akamai, Fastly and Amazon CloudFront."), "facts.list", "error"),
    (("Hosted editor.", "The only vendors of hosted editors are Cloudflare and Fastly."),
     ("Hosted editor.", "Providers include Fastly, Google Cloud Docs and Azure Notes."), "facts.list", "error"),
    # versions: two different current ones
    (("Markup format.", "The current version is Quill 4.2, published in 2021."),
     ("Markup format.", "Quill 3 is the latest release."), "facts.version", "warning"),
    (("Markup format.", "Its newest version is v2.0.1."),
     ("Markup format.", "The current version, Quill 2.1, came out last year."), "facts.version", "warning"),
    # a version said to be current and not to be
    (("Markup format.", "Quill 3 is no longer the current version."),
     ("Markup format.", "Quill 3 is the latest release."), "facts.version", "warning"),
]


@pytest.mark.parametrize("a, b, rule, severity", CONFLICTS)
def test_shapes_that_conflict(tmp_path, run_json, a, b, rule, severity):
    found, report = _found(run_json, _two(tmp_path, a, b))
    assert (rule, severity) in found, (found, report["facts"])


COMPATIBLE = [
    # an appositive, a version or a predecessor named before the participle is another subject
    (("Note-taking tool released in 2011.", "Scribe, released by Oracle in 2005, inspired it."),
     ("Note-taking tool released in 2011.", ""),),
    (("Note-taking tool released in 2011.", "Quill 2, released in 2016, added sync."),
     ("Note-taking tool released in 2011.", ""),),
    (("Note-taking tool released in 2011 as a successor to Scribe, itself created in 1994 by Ann Lee.", ""),
     ("Note-taking tool created by Bo Chen.", ""),),
    (("Editor; it replaced Vellum, developed by Intel in 1999.", ""),
     ("Editor developed by Adobe in 2010.", ""),),
    # announced is not released
    (("Editor announced in 2019.", ""), ("Editor first released in 2021.", ""),),
    # a negation about something else
    (("Editor released by Adobe in 2010.", "Intel never released its own editor."),
     ("Editor released by Adobe in 2010.", ""),),
    # people with descriptors and their bare names; one of several names
    (("Editor designed by Swedish programmer Karin Holm.", ""), ("Editor designed by Holm.", ""),),
    (("Editor designed by Karin Holm, Per Lund and Ola Berg.", ""), ("Editor designed by Per Lund.", ""),),
    (("Editor designed by Gartner analyst Jane Roe.", ""), ("Editor designed by Jane Roe.", ""),),
    # a person and an organisation may both be right
    (("Editor created by Karin Holm.", ""), ("Editor created by Adobe.", ""),),
    # a part of an organisation, a product's maker
    (("Editor from Google Cloud, released in 2015.", ""), ("Editor released by Google in 2015.", ""),),
    # dates at different precision; entry into force and application are two events
    (("Data rule.", "The rule took effect on 3 March 2019."), ("Data rule.", "It came into effect in March 2019."),),
    (("Data rule.", "It took effect on 3 March 2019."),
     ("Data rule.", "It entered into force on 2 May 2017 and has applied since 3 March 2019."),),
    # a negated year holds only when the other source's years all lie in it
    (("Data rule.", "It was not introduced in 2023."), ("Data rule.", "It was introduced in the early 2020s."),),
    # categories not declared disjoint; a cue after a comma is not the head's
    (("Open-weight language model.", ""), ("Quill is a multimodal model.", ""),),
    (("Note model that learned from labels, a supervised approach.", ""),
     ("Quill is an unsupervised model.", ""),),
    (("Text-only note model.", ""), ("Quill is a language model.", ""),),
    # variants are subjects of their own; a successor's count is not the term's
    (("Note model.", "The smallest model has 3 billion parameters."),
     ("Note model.", "Quill has 30 billion parameters; its successor Scribe has 90 billion."),),
    (("A 30-billion-parameter note model.", ""), ("Note model.", "Its largest version has 90 billion parameters."),),
    # numbers within the fact's tolerance (2 %), exactly at it; a hedged one within 10 %
    (("Note model.", "It has 100 layers."), ("Note model.", "It has 98 layers."),),
    (("Note model.", "It has 100 layers."), ("Note model.", "It has about 90 layers."),),
    # an open list against an open list; products inside the closed list's makers
    (("Hosted editor.", "Providers include Akamai and Fastly."),
     ("Hosted editor.", "Vendors include Cloudflare."),),
    (("Hosted editor.", "The only providers are Amazon, Microsoft and Google."),
     ("Hosted editor.", "Providers include Amazon Aurora, Azure Notes and Google Cloud Docs."),),
    (("Hosted editor.", "Of the Quill vendors, only Akamai runs its own network."),
     ("Hosted editor.", "Vendors include Fastly and Cloudflare."),),
    # a past or merely popular version is not the current one
    (("Markup format.", "The current version is Quill 4.2; Quill 3 is still the most widely used."),
     ("Markup format.", "Quill 4.2 is the latest release. Version 3.1 was retired in 2020."),),
    (("Markup format.", "The current version is 4.2.0."), ("Markup format.", "Quill v4.2 is the latest."),),
    (("Markup format.", "The current version of Chromium is 120."), ("Markup format.", "Quill 4 is the latest."),),
    (("Markup format.", "Quill 2 is no longer the current version."),
     ("Markup format.", "Quill 3 is the latest release."),),
]


@pytest.mark.parametrize("a, b", COMPATIBLE)
def test_shapes_that_do_not_conflict(tmp_path, run_json, a, b):
    found, report = _found(run_json, _two(tmp_path, a, b))
    assert found == [], (found, report["facts"])


def test_two_general_dates_that_differ_are_one_conflict(tmp_path, run_json):
    found, report = _found(run_json, _two(tmp_path, ("Data rule.", "The rule took effect on 3 March 2019."),
                                          ("Data rule.", "It came into effect in 2020.")))
    assert found == [("facts.date", "error")]
    assert report["findings"][0]["path"] == "a.yaml"


def test_a_list_or_credit_read_only_in_part_says_so_and_is_not_compared(tmp_path, run_json):
    found, report = _found(run_json, _two(
        tmp_path, ("Hosted editor built by Karin Holm and several volunteers.",
                   "The only vendors are Akamai, Fastly and a few regional firms."),
        ("Hosted editor built by Per Lund.", "Vendors include Cloudflare and Akamai.")))
    assert found == []
    cut = {(f["fact"], f["source"]) for f in report["facts"]["quill"] if f["cut"]}
    assert cut == {("origin.created.by", "a"), ("providers", "a")}
    assert not any(f["cut"] for f in report["facts"]["quill"] if f["source"] == "b")
