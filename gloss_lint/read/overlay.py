"""The glossary as it was: the files on disk, some replaced by other contents or absent."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class Overlay:
    """What a file held in another version of the glossary (at a git commit, say).

    ``contents`` maps a resolved path to its bytes then, or to None where the file did
    not exist. ``listing``, when given, is every file there was (resolved paths); a file
    in it and not in ``contents`` was as it is on disk. Without a listing, the disk's
    files are the listing.
    """

    contents: Mapping[Path, bytes | None]
    listing: frozenset[Path] | None = None

    def exists(self, path: Path) -> bool:
        resolved = Path(os.path.realpath(path))  # no error on a link loop, unlike resolve()
        if resolved in self.contents:
            return self.contents[resolved] is not None
        return resolved in self.listing if self.listing is not None else path.is_file()

    def read_bytes(self, path: Path) -> bytes | None:
        """The file's bytes then, or None when it is read from disk."""
        return self.contents.get(Path(os.path.realpath(path)))

    def files_under(self, root: Path) -> set[Path]:
        """Files under ``root`` that the disk does not show as they were (all of them, with a listing)."""
        root = root.resolve()
        there = {p for p, data in self.contents.items() if data is not None}
        return {p for p in there | (self.listing or set()) if p.is_relative_to(root)}

    def absent(self) -> set[Path]:
        return {p for p, data in self.contents.items() if data is None}
