"""Where career data comes from: a local path or a URL, an O*NET release or the BLS workbook."""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mentora.careers.loading.errors import DataFileError
from mentora.lib.errors import DomainError

Progress = Callable[[str], None]

ONET_MARKER = "Occupation Data.txt"
DOWNLOAD_CHUNK = 1 << 20


def is_url(location: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", location))


def download(url: str, *, into: Path, progress: Progress) -> Path:
    """Fetch ``url`` into the folder ``into`` and return the file's path."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in {"http", "https"}:
        raise DomainError(
            f"Cannot download {url}: only http:// and https:// URLs are supported. "
            "Download the file yourself and give its path instead.",
            field="location",
        )
    request = urllib.request.Request(url, headers={"User-Agent": "Mentora careerdata loader"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (scheme checked)
            name = _download_name(url, response.headers.get("Content-Disposition", ""))
            total = int(response.headers.get("Content-Length") or 0)
            target = into / name
            received, reported = 0, -1
            with target.open("wb") as out:
                while chunk := response.read(DOWNLOAD_CHUNK):
                    out.write(chunk)
                    received += len(chunk)
                    if total and (step := received * 10 // total) > reported:
                        reported = step
                        progress(f"Downloading {name}: {received * 100 // total}%")
            progress(f"Downloaded {name} ({received:,} bytes)")
            return target
    except urllib.error.HTTPError as exc:
        hint = (
            " Some sites refuse scripted downloads: download the file in a browser and give "
            "its path instead."
            if exc.code in {401, 403}
            else ""
        )
        raise DomainError(
            f"Could not download {url}: the server answered HTTP {exc.code} {exc.reason}.{hint}",
            field="location",
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DomainError(f"Could not download {url}: {reason}.", field="location") from exc


def _download_name(url: str, disposition: str) -> str:
    match = re.search(r'filename="?([^";]+)"?', disposition)
    name = match.group(1) if match else Path(urllib.parse.urlsplit(url).path).name
    name = Path(urllib.parse.unquote(name)).name  # never a path from the server
    return name or "download"


@dataclass
class OnetRelease:
    """The O*NET text release, as a zip file or its unpacked folder."""

    path: Path
    label: str
    _zip: zipfile.ZipFile | None = None
    _prefix: str = ""
    _cache: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path, label: str) -> OnetRelease:
        if path.is_dir():
            candidates = [path, *sorted(p for p in path.iterdir() if p.is_dir())]
            for folder in candidates:
                if (folder / ONET_MARKER).is_file():
                    return cls(path=folder, label=label)
            raise DataFileError(
                f"not an O*NET text release: no '{ONET_MARKER}' in this folder or its sub-folders",
                file=label,
            )
        archive = zipfile.ZipFile(path)
        for name in archive.namelist():
            if name == ONET_MARKER or name.endswith("/" + ONET_MARKER):
                return cls(path=path, label=label, _zip=archive, _prefix=name[: -len(ONET_MARKER)])
        archive.close()
        raise DataFileError(
            f"not an O*NET text release: the zip holds no '{ONET_MARKER}'", file=label
        )

    @property
    def name(self) -> str:
        """The release's folder name, such as db_29_3_text."""
        if self._zip is not None:
            return self._prefix.rstrip("/").rsplit("/", 1)[-1] or self.path.stem
        return self.path.name

    def has(self, filename: str) -> bool:
        if self._zip is not None:
            try:
                self._zip.getinfo(self._prefix + filename)
            except KeyError:
                return False
            return True
        return (self.path / filename).is_file()

    def read_bytes(self, filename: str) -> bytes:
        if filename not in self._cache:
            if self._zip is not None:
                self._cache[filename] = self._zip.read(self._prefix + filename)
            else:
                self._cache[filename] = (self.path / filename).read_bytes()
        return self._cache[filename]

    def read_text(self, filename: str) -> str:
        """The decoded text of one file of the release."""
        try:
            return self.read_bytes(filename).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataFileError(
                f"is not UTF-8 text (undecodable byte at offset {exc.start})", file=filename
            ) from exc

    def checksum(self, filenames: Iterable[str]) -> str:
        """SHA-256 over the named files (those present), the same for the zip and its folder."""
        digest = hashlib.sha256()
        for filename in sorted(filenames):
            if self.has(filename):
                digest.update(filename.encode() + b"\0" + self.read_bytes(filename))
        return digest.hexdigest()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


@dataclass
class BlsWorkbook:
    """The BLS Employment Projections workbook (occupation.xlsx)."""

    path: Path
    label: str

    def checksum(self) -> str:
        digest = hashlib.sha256()
        with self.path.open("rb") as fh:
            while chunk := fh.read(DOWNLOAD_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


def identify(path: Path, label: str) -> OnetRelease | BlsWorkbook:
    """Tell an O*NET release (zip or folder) from the BLS workbook by looking inside."""
    if not path.exists():
        raise DomainError(f"No such file or folder: {path}", field="location")
    if path.is_dir():
        return OnetRelease.open(path, label)
    if not zipfile.is_zipfile(path):
        raise DataFileError(
            "is neither the O*NET text release (a .zip file or its unpacked folder) "
            "nor the BLS occupation.xlsx workbook",
            file=label,
        )
    with zipfile.ZipFile(path) as archive:
        is_workbook = "xl/workbook.xml" in archive.namelist()
    if is_workbook:
        return BlsWorkbook(path=path, label=label)
    return OnetRelease.open(path, label)
