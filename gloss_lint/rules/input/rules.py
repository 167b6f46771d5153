"""``input.*``: files that cannot be read as glossary entries.

The readers find these (``gloss_lint.read.readers``); the rules here give them ids,
severities and documentation. The run always goes on with the other files.
"""

from gloss_lint.model import Severity
from gloss_lint.registry import Rule


def _input(id: str, summary: str, doc: str, bad: str, good: str,
           severity: Severity = Severity.ERROR) -> Rule:
    return Rule(id=f"input.{id}", summary=summary, severity=severity, scope="file",
                doc=doc, bad=bad, good=good)


RULES = [
    _input("syntax", "A file's YAML, JSON or front matter does not parse.",
           "The file is skipped; the finding points at the line where the parser stopped.",
           "term: Transformer\ndefinition: [unclosed", "term: Transformer\ndefinition: A neural network architecture."),
    _input("encoding", "A file is not UTF-8.",
           "Glossary files must be UTF-8. The finding points at the first byte that is not, or says "
           "the file looks like UTF-16. A JSON escape of half a surrogate pair (`\\ud800`) is read as "
           "U+FFFD and reported here too.",
           "a file saved as Latin-1 with 'café'", "the same file saved as UTF-8"),
    _input("binary", "A file is binary, not text.",
           "A file with NUL bytes under a glossary path (an image renamed .yaml, a compiled file).",
           "glossary/logo.yaml holding PNG bytes", "binary files kept out of the glossary folder"),
    _input("empty", "A file is empty.",
           "An empty glossary file defines nothing; delete it or write its entry.",
           "glossary/rag.yaml with no content", "term: RAG\ndefinition: Retrieval-augmented generation …",
           Severity.WARNING),
    _input("too-large", "A file is larger than the size limit.",
           "Files over `max-file-size` bytes (default 2,000,000) are reported and not read, so one "
           "runaway file cannot stall a run. Raise the limit in the config if the file is real.",
           "a 50 MB generated dump under the glossary path", "the dump kept out of the glossary, or max-file-size raised"),
    _input("unreadable", "A file cannot be opened.",
           "The operating system refused to read the file (permissions, a broken link, a link loop), "
           "or it is not a regular file: a named pipe or a device is never opened.",
           "a symlink to a deleted file", "a readable file"),
    _input("symlink", "A symbolic link is not followed.",
           "A link to a file or folder outside the linted folders is not followed, so a glossary "
           "cannot make the linter read (and quote) files elsewhere on the machine; "
           "`--follow-symlinks` (or `follow-symlinks = true` in the config) follows it. A folder "
           "link back to a folder above it is never followed.",
           "glossary/passwd.yaml -> /etc/passwd", "the file copied into the glossary, or --follow-symlinks",
           Severity.INFO),
    _input("not-an-entry", "A file or list item is not an entry (a mapping of fields).",
           "Each entry is a mapping with `term`, `definition` and so on; a list of plain strings or "
           "a lone value is not.", "- Transformer\n- Attention", "- term: Transformer\n  definition: …"),
    _input("duplicate-key", "A key appears twice in one mapping; only the last value is kept.",
           "YAML and JSON parsers silently keep the last of two equal keys, so the first value is lost.",
           "term: RAG\ndefinition: One.\ndefinition: Two.", "term: RAG\ndefinition: One."),
    _input("unknown-rule", "A `gloss-lint: disable=…` comment names no rule.",
           "A suppression comment whose rule id or prefix is misspelt, or names a rule that no longer "
           "exists, silences nothing; the finding suggests the closest id. `all` is always known.",
           "# gloss-lint: disable=schema.enmu", "# gloss-lint: disable=schema.enum", Severity.WARNING),
]
