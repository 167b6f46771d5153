"""``--jobs``: the one-entry rules run in forked processes, each over a part of the entries,
and what they find is merged back in the order one process finds it."""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Sequence

# Below this many linted entries a second process costs about what it saves (bench/perf.py's
# wall-time row): by default, smaller glossaries are checked in one.
THRESHOLD = 3000
FIRST = 20  # entries checked before the processes fork


def usable_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forked children start with the parent's corpus and need nothing sent to them. Only on
    Linux: macOS's system libraries are not safe to fork, and Windows cannot."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def processes(requested: int | None, entries: int) -> int:
    """How many processes check ``entries`` entries: ``requested``, else the usable cores when
    there are more than THRESHOLD entries, else one; one where processes cannot be forked."""
    wanted = requested if requested is not None else usable_cores() if entries > THRESHOLD else 1
    return max(1, min(wanted, entries)) if wanted > 1 and can_fork() else 1


@dataclass
class Part:
    """What one process found in its part of the entries."""

    findings: dict[str, list]  # by rule id, in entry order
    published: dict[str, dict[str, list]]  # by rule id: what it appended to each list of the run's data
    added: dict[tuple, dict]  # by kept table (name, *depends): the values it computed
    used: dict[tuple, list]  # by kept table: the keys of the values it took from the cache


class Ahead:
    """The parts' findings, taken rule by rule in the run's order of rules."""

    def __init__(self, parts: list[Part]):
        self.parts = parts

    def take(self, rule_id: str, data: dict[str, Any]) -> list:
        """The rule's findings over all entries, in their order, and what it published, added to ``data``."""
        findings = []
        for part in self.parts:
            findings += part.findings[rule_id]
            for key, items in part.published[rule_id].items():
                data.setdefault(key, []).extend(items)
        return findings


def in_parts(context, entries: Sequence, steps: list[tuple], check: Callable, jobs: int | None,
             progress: Callable[[str], None]) -> Ahead | None:
    """Run ``steps`` ((id, rule, its settings) of the one-entry rules, and of the corpus rules
    that read ahead) over ``entries`` in parts, one per process, with ``check(id, rule, settings,
    entries, ctx)`` or the rule's ``ahead``; the kept tables' values go to ``context``'s. None when
    one process does it all (the run then checks entries itself)."""
    count = processes(jobs, len(entries))
    if count == 1 or not steps:
        return None
    bounds = [len(entries) * i // count for i in range(count + 1)]
    progress(f"checking each entry in {count} processes")
    # The first few entries are checked before the fork: what the rules build once per process
    # (spaCy, imported and its pipelines built: about a second) is built once, and inherited.
    bounds[0] = min(FIRST, bounds[1])
    parts = [_check_part(entries[:bounds[0]], context.fresh(), steps, check)]
    parts += _forked(lambda i: _check_part(entries[bounds[i]:bounds[i + 1]], context.fresh(), steps, check),
                     count)
    for part in parts:
        for key, keys in part.used.items():
            table = context.kept(*key)
            for k in keys:
                table.get(k)
        for key, values in part.added.items():
            table = context.kept(*key)
            for k, value in values.items():
                table.put(k, value)
    return Ahead(parts)


def _check_part(entries: Sequence, ctx, steps: list[tuple], check: Callable) -> Part:
    findings: dict[str, list] = {}
    published: dict[str, dict[str, list]] = {}
    for rule_id, rule, rule_settings in steps:
        before = {key: len(value) for key, value in ctx.data.items()}
        options = ctx.with_options(rule_settings.options)
        if rule.scope == "entry":
            findings[rule_id] = check(rule_id, rule, rule_settings, entries, options)
        else:
            rule.ahead(entries, options)
        for key, value in ctx.data.items():
            if not isinstance(value, list):  # a part's dict or value could not be put back in order
                raise TypeError(f"one-entry rule {rule_id} published {key!r} other than as a list")
        published[rule_id] = {key: value[before.get(key, 0):] for key, value in ctx.data.items()
                              if len(value) > before.get(key, 0)}
    added, used = {}, {}
    for key, table in ctx.tables().items():
        added[key] = {k: v for k, v in table.used.items() if k not in table.values}
        used[key] = [k for k in table.used if k in table.values]
    return Part(findings, published, added, used)


def _forked(work: Callable[[int], Any], count: int) -> list:
    """``work(0)`` here and ``work(1)`` … ``work(count - 1)`` in forked children, in that order.
    A child that fails or dies has its part done here: the run ends as with one process.
    Ctrl-C (sent to the terminal's whole process group) ends a child at once; the parent ends
    every child left before it stops, so none outlives the run."""
    import pickle
    import signal
    import tempfile

    for stream in (sys.stdout, sys.stderr):  # what is buffered is written once, not by each child too
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    # The children then leave the parent's objects alone when they collect garbage: the pages
    # stay shared instead of being copied.
    gc.freeze()
    children: dict[int, Any] = {}  # pid: the file its part is pickled to
    try:
        for i in range(1, count):
            out = tempfile.TemporaryFile()
            # Ctrl-C is held while a child is made: it then finds the child set to stop at once,
            # and the parent knowing the child's pid (to end it)
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                pid = os.fork()
                if pid == 0:  # the child: its part, then gone without the parent's clean-up (atexit, finally)
                    code = 1
                    try:
                        signal.signal(signal.SIGINT, signal.SIG_DFL)
                        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                        pickle.dump(work(i), out, pickle.HIGHEST_PROTOCOL)
                        out.flush()
                        code = 0
                    finally:
                        os._exit(code)
                children[pid] = out
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        results = [work(0)]
        for i, pid in enumerate(list(children), 1):
            _, status = os.waitpid(pid, 0)
            with children.pop(pid) as out:
                part = _read(out) if status == 0 else None
            results.append(work(i) if part is None else part)  # a bug raises again here, as with one process
        return results
    finally:
        for pid, out in children.items():  # interrupted: no child outlives the run
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            out.close()
        gc.unfreeze()


def _read(out) -> Any:
    """What a child pickled to ``out``, or None when it cannot be read back."""
    import pickle

    out.seek(0)
    try:
        return pickle.load(out)
    except Exception:  # noqa: BLE001 -- a cut or damaged part is done again
        return None
