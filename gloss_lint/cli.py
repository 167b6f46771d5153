"""The command line: ``gloss-lint check|baseline|report|rules|profiles|init``; ``main(argv) -> exit code``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone
from enum import IntEnum
from pathlib import Path

from gloss_lint import __version__, collector


class Exit(IntEnum):
    OK = 0  # nothing at or above the fail level
    FINDINGS = 1  # findings at or above the fail level
    USAGE = 2  # usage or configuration error
    INTERRUPTED = 130  # Ctrl-C, as a shell reports a command its SIGINT stopped (128 + 2)


def _ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


REPORT_FILE = "gloss-lint-report.html"


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    """What ``check`` and ``report`` read the same way: the files, the config, the rules."""
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--config", metavar="FILE", help="use this config file instead of searching")
    parser.add_argument("--profile", metavar="NAME", help="the layout of the glossary (see 'gloss-lint profiles')")
    parser.add_argument("--select", action="append", metavar="IDS", help="only these rules (ids or prefixes, comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="IDS", help="not these rules (ids or prefixes, comma-separated)")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="follow links that lead outside the linted folders (not followed by default)")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="keep the cache here (default: .gloss-lint-cache beside the config)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--jobs", type=_jobs, metavar="N",
                        help="check entries in N processes (default: the usable cores for a glossary "
                             "of over 3,000 entries, else 1)")


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more, not {value!r}")
    return int(value)


def _format(spec: str) -> tuple[str, str | None]:
    from gloss_lint.report import REPORTERS

    name, _, file = spec.partition(":")
    if name not in REPORTERS:
        raise argparse.ArgumentTypeError(f"invalid choice: {name!r} (choose from {', '.join(sorted(REPORTERS))})")
    return name, file or None


def _parser() -> argparse.ArgumentParser:
    from gloss_lint.report import REPORTERS

    parser = argparse.ArgumentParser(prog="gloss-lint", description="A linter for glossaries.")
    parser.add_argument("--version", action="version", version=f"gloss-lint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="lint glossary files (default: configured paths, else .)")
    _run_arguments(check)
    check.add_argument("--format", action="append", type=_format, metavar="FORMAT[:FILE]",
                       help=f"{', '.join(sorted(REPORTERS))} (default: text); repeat it for several "
                            "reports from one run, each to its own FILE")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails the run (default: error)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("--diff", "--changed-since", dest="diff", metavar="REF",
                       help="report only the findings the change since REF (a git commit or branch) introduced")
    check.add_argument("--baseline", metavar="FILE", help="do not report the findings recorded in this baseline file")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    check.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")
    check.add_argument("--verbose", "-v", action="store_true", help="say which named files are skipped and why")

    baseline = commands.add_parser("baseline", help="record today's findings; check then reports only new ones")
    _run_arguments(baseline)
    baseline.add_argument("--output", "-o", metavar="FILE",
                          help="the baseline file (default: the configured one, else .gloss-lint-baseline.json)")
    baseline.add_argument("--update", action="store_true",
                          help="drop the entries that no longer occur, add none")

    report = commands.add_parser("report", help="write the HTML page for the glossary's editors (exit 0 when written)")
    _run_arguments(report)
    report.add_argument("--output", "-o", metavar="FILE", default=REPORT_FILE, help=f"where to write it (default: {REPORT_FILE})")
    report.add_argument("--open", action="store_true", help="open it in the web browser once written")
    report.add_argument("--timestamp", action="store_true", help="show when it was written (the page then differs run to run)")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    commands.add_parser("profiles", help="list the shipped profiles")

    init = commands.add_parser("init", help="recognise a glossary's layout and write its config")
    init.add_argument("folder", nargs="?", default=".", metavar="DIR")
    init.add_argument("--yes", "-y", action="store_true", help="write without asking (pyproject.toml, overwriting)")
    init.add_argument("--dry-run", action="store_true", help="print the config instead of writing it")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        with collector.rare():
            return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: the user stopped it, no traceback to read
        print("gloss-lint: interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    finally:
        cache = sys.modules.get("gloss_lint.cache")
        if cache is not None:  # the command used a cache: keep it under its cap
            cache.close_all()


def _main(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return Exit.OK if exit_.code in (0, None) else Exit.USAGE
    if args.command == "rules":
        return _rules(args)
    if args.command == "profiles":
        return _profiles()
    if args.command == "report":
        return _report(args)
    if args.command == "baseline":
        return _baseline(args)
    if args.command == "init":
        from gloss_lint.init import run

        return run(Path(args.folder), _registry(None), yes=args.yes, dry_run=args.dry_run)
    return _check(args)


def _lint(args: argparse.Namespace, *, new_only: bool = False, progress=None, formats: list[str] = ()):
    """The run ``check``, ``baseline`` and ``report`` share: (registry, settings, result), or None
    on a usage error. ``new_only`` (check): leave out the baseline's findings and, with --diff or
    named files, those there before the change. ``formats``: the reports to render (what rules
    publish for them besides findings is built for those alone)."""
    from dataclasses import replace

    from gloss_lint.baseline import BaselineError
    from gloss_lint.config import ConfigError, load_settings
    from gloss_lint.engine import lint
    from gloss_lint.gitdiff import GitError
    from gloss_lint.report import shown

    try:
        registry = _registry(Path(args.config) if args.config else None)
        settings = load_settings(
            registry, config_path=Path(args.config) if args.config else None, paths=args.paths,
            profile=args.profile, select=_ids(args.select), ignore=_ids(args.ignore),
            fail_on=getattr(args, "fail_on", None), follow_symlinks=args.follow_symlinks,
            cache=not args.no_cache, cache_dir=args.cache_dir, jobs=args.jobs)
        settings = replace(settings, publish=shown(formats))  # what the reports show, no more
        if not new_only:
            return registry, settings, lint(settings, registry)
        from gloss_lint.introduced import new_findings

        if args.verbose:
            _explain_named(settings)
        baseline = Path(args.baseline) if args.baseline else settings.baseline
        return registry, settings, new_findings(settings, registry, since_ref=args.diff, baseline=baseline,
                                                progress=progress)
    except (ConfigError, BaselineError, GitError) as error:
        _error(str(error))
        return None


def _check(args: argparse.Namespace) -> int:
    from gloss_lint.cache import rendered
    from gloss_lint.engine import fails
    from gloss_lint.model import encodable
    from gloss_lint.report import renderer, statistics

    reports = [(name, file or args.output) for name, file in args.format or [("text", None)]]
    for _, file in reports:
        if file and not Path(file).parent.is_dir():
            return _error(f"cannot write the report to {file}: folder {Path(file).parent} does not exist")
    from gloss_lint.progress import for_run

    progress = for_run(reports)
    try:
        run = _lint(args, new_only=True, progress=progress,
                    formats=[] if args.statistics else [name for name, _ in reports])
    finally:
        if progress is not None:
            progress.close()
    if run is None:
        return Exit.USAGE
    registry, settings, result = run
    for name, file in reports:
        color = args.color == "always" or (
            args.color == "auto" and not file and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        extra = {"link_base": _link_base(Path(file)) if file else ""} if name == "html" else {}
        if args.statistics:
            report = statistics.render(result, registry, settings, as_json=name == "json")
        else:
            report = rendered(result, settings, (name, color, sorted(extra.items())),
                              lambda: renderer(name)(result, registry, settings, color=color, **extra))
        report = encodable(report)
        if file:
            try:
                _write(Path(file), report)
            except OSError as error:
                return _error(f"cannot write the report to {file}: {error.strerror}")
        else:
            _emit(report)
    failed = fails(result.findings, settings.fail_on) and not args.exit_zero
    return Exit.FINDINGS if failed else Exit.OK


def _explain_named(settings) -> None:
    for path, why in settings.skipped:
        print(f"gloss-lint: skipped {path}: {why}", file=sys.stderr)
    for path in settings.named:
        if not path.exists():
            print(f"gloss-lint: {path.as_posix()} does not exist (deleted): checking what its "
                  "absence breaks", file=sys.stderr)


def _baseline(args: argparse.Namespace) -> int:
    from gloss_lint import baseline

    run = _lint(args)
    if run is None:
        return Exit.USAGE
    _, settings, result = run
    path = Path(args.output) if args.output else settings.baseline or Path(baseline.DEFAULT)
    try:
        if args.update:
            _, kept, left = baseline.subtract(result.findings, baseline.load(path))
            _write(path, baseline.render(kept))
            print(f"gloss-lint: kept {len(kept)} findings in {path}; removed {sum(left.values())} "
                  "that no longer occur")
        else:
            _write(path, baseline.render(result.findings))
            print(f"gloss-lint: recorded {len(result.findings)} findings in {path}")
    except baseline.BaselineError as error:
        return _error(str(error))
    except OSError as error:
        return _error(f"cannot write the baseline to {path}: {error.strerror}")
    return Exit.OK


def _report(args: argparse.Namespace) -> int:
    from gloss_lint.model import encodable
    from gloss_lint.report import renderer

    output = Path(args.output)
    if not output.parent.is_dir():
        return _error(f"cannot write the report to {output}: folder {output.parent} does not exist")
    run = _lint(args, formats=["html"])
    if run is None:
        return Exit.USAGE
    registry, settings, result = run
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds") if args.timestamp else None
    page = renderer("html")(result, registry, settings, timestamp=stamp, link_base=_link_base(output))
    try:
        _write(output, encodable(page))
    except OSError as error:
        return _error(f"cannot write the report to {output}: {error.strerror}")
    print(f"gloss-lint: wrote {output} ({len(result.findings)} findings)", file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())
    return Exit.OK


def _link_base(output: Path) -> str:
    """From the report's folder to the working directory, which finding paths are relative to."""
    base = Path(os.path.relpath(Path.cwd(), output.resolve().parent)).as_posix()
    return "" if base == "." else base + "/"


def _error(message: str) -> Exit:
    from gloss_lint.model import encodable
    from gloss_lint.report import visible

    print(f"gloss-lint: error: {visible(encodable(message))}", file=sys.stderr)
    return Exit.USAGE


def _write(path: Path, text: str) -> None:
    """Write atomically, so a reader never sees half a report; a device, pipe or link
    (``-o /dev/null``) is written through, not replaced by a file."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        path.write_text(text, encoding="utf-8")
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _emit(text: str) -> None:
    """Write to stdout; a reader that stops early (``gloss-lint rules | head -1``) is no error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # As the Python docs advise for SIGPIPE: stdout to devnull, so the flush at exit is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _registry(config_path: Path | None):
    """The shipped rules and the user's own style rule files (``style-files`` in the config)."""
    from gloss_lint.registry import load_registry
    from gloss_lint.rules.style import configured_rules

    shipped = load_registry()
    extra = configured_rules(config_path, Path.cwd(), taken=set(shipped))
    return load_registry(extra=extra) if extra else shipped


def _rules(args: argparse.Namespace) -> int:
    from gloss_lint.config import ConfigError

    try:
        registry = _registry(None)
    except ConfigError as error:
        return _error(str(error))
    if args.format == "json":
        _emit(json.dumps([{"id": r.id, "severity": str(r.severity), "scope": r.scope,
                           "enabled": r.enabled, "summary": r.summary, "options": dict(r.options)}
                          for r in registry.values()], indent=2) + "\n")
    elif args.format == "markdown":
        _emit(rule_table(registry))
    else:
        width = max(len(r.id) for r in registry.values())
        _emit("".join(f"{r.id:<{width}}  {str(r.severity):<7}  {r.summary}"
                      f"{'' if r.enabled else ' (off by default)'}\n" for r in registry.values()))
    return Exit.OK


def rule_table(registry) -> str:
    """The rule table at the top of docs/rules.md (``gloss-lint rules --format markdown``)."""
    rows = ["| rule | severity | default | summary |", "| --- | --- | --- | --- |"]
    for r in registry.values():
        summary = r.summary.replace("|", r"\|")
        rows.append(f"| `{r.id}` | {r.severity} | {'on' if r.enabled else 'off'} | {summary} |")
    return "\n".join(rows) + "\n"


def _profiles() -> int:
    from gloss_lint.read.profiles import load_profile, shipped_profiles

    names = list(shipped_profiles())
    width = max(map(len, names))
    _emit("".join(f"{name:<{width}}  {load_profile(name).description}\n" for name in names))
    return Exit.OK
