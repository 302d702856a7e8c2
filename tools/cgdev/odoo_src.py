"""The Odoo 18.0 source tree: CG_ODOO_DIR, ODOO_SRC or the official download.

Standard library only, Python 3.6 syntax: the bootstrap (tools/dev.py) needs
the tree before the virtualenv exists (Odoo's requirements.txt is in it).
"""

import contextlib
import glob
import os
import re
import shutil
import socket
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile

from .common import (
    DEFAULT_ODOO_DIR,
    ODOO_SERIES,
    ODOO_URLS,
    SetupError,
    info,
    read_text,
    warn,
)


def odoo_major(path):
    text = read_text(os.path.join(path, "odoo", "release.py"))
    if text is None:
        return None
    m = re.search(r"^version_info\s*=\s*\(\s*(\d+)", text, re.M)
    return int(m.group(1)) if m else None


def odoo_addons_paths(path):
    paths = []
    for sub in ("addons", os.path.join("odoo", "addons")):
        p = os.path.join(path, sub)
        if os.path.isdir(p):
            paths.append(p)
    return paths


def check_odoo_tree(path, origin):
    major = odoo_major(path)
    if major is None:
        raise SetupError(
            "%s (%s) is not an Odoo source tree (no odoo/release.py); point it to an "
            "extracted Odoo 18.0 source or remove it." % (path, origin)
        )
    if major != ODOO_SERIES:
        raise SetupError(
            "%s (%s) holds Odoo %s, not 18.0; point CG_ODOO_DIR/ODOO_SRC to an Odoo "
            "18.0 source." % (path, origin, major)
        )
    if not any(os.path.isdir(os.path.join(p, "web")) for p in odoo_addons_paths(path)):
        raise SetupError(
            "The Odoo tree %s (%s) has no standard addons (no 'web' module); use a "
            "complete Odoo 18.0 source." % (path, origin)
        )
    return path


def _find_tree_root(base):
    """Directory under base (depth <= 2) that holds odoo/release.py."""
    for depth in range(3):
        pattern = os.path.join(base, *(["*"] * depth), "odoo", "release.py")
        hits = (
            sorted(glob.glob(pattern))
            if depth
            else (
                [os.path.join(base, "odoo", "release.py")]
                if os.path.isfile(os.path.join(base, "odoo", "release.py"))
                else []
            )
        )
        if hits:
            return os.path.dirname(os.path.dirname(hits[0]))
    return None


def extract_archive(archive, dest):
    """Extract an Odoo tar/zip archive so that dest is the Odoo tree."""
    parent = os.path.dirname(os.path.abspath(dest))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".odoo-extract-", dir=parent)
    try:
        info("extracting %s (this takes a minute) ..." % archive)
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(tmp)
        else:
            try:
                tf = tarfile.open(archive)
            except (tarfile.TarError, OSError) as exc:
                raise SetupError(
                    "%s is not a readable tar or zip archive (%s); download a proper "
                    "Odoo 18.0 source tarball." % (archive, exc)
                ) from exc
            with tf:
                if hasattr(tarfile, "data_filter"):
                    tf.extractall(tmp, filter="data")
                else:
                    tf.extractall(tmp)  # noqa: S202 - trusted Odoo archive
        root = _find_tree_root(tmp)
        if root is None:
            raise SetupError(
                "The archive %s does not contain an Odoo source tree (no "
                "odoo/release.py); use an Odoo 18.0 source tarball." % archive
            )
        check_odoo_tree(root, "archive %s" % archive)
        if os.path.exists(dest):
            shutil.rmtree(dest)
        os.rename(root, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _save_stream(resp, path):
    total = int(resp.headers.get("Content-Length") or 0)
    done, next_report = 0, 50 * 2**20
    with open(path, "wb") as out:
        while True:
            chunk = resp.read(2**20)
            if not chunk:
                break
            out.write(chunk)
            done += len(chunk)
            if done >= next_report:
                pct = " (%d%%)" % (100 * done // total) if total else ""
                info("  %d MiB%s" % (done // 2**20, pct))
                next_report += 50 * 2**20


def download_odoo(dest):
    urls = os.environ.get("CG_ODOO_URLS", "").split() or ODOO_URLS
    parent = os.path.dirname(os.path.abspath(dest))
    os.makedirs(parent, exist_ok=True)
    errors = []
    for url in urls:
        info("downloading %s ..." % url)
        fd, tmp = tempfile.mkstemp(
            prefix=".odoo-download-", suffix=".tar.gz", dir=parent
        )
        os.close(fd)
        try:
            req = urllib.request.Request(url, headers={"User-Agent": "cg-dev/1.0"})
            with urllib.request.urlopen(req, timeout=60) as resp:
                _save_stream(resp, tmp)
            return extract_archive(tmp, dest)
        except (urllib.error.URLError, OSError, socket.timeout) as exc:
            errors.append("%s: %s" % (url, getattr(exc, "reason", exc)))
            warn("download failed: %s" % errors[-1])
        except SetupError as exc:
            errors.append("%s: %s" % (url, exc))
            warn("unusable download: %s" % exc)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    raise SetupError(
        "Odoo 18.0 could not be downloaded (%s); download an Odoo 18.0 source "
        "tarball yourself and run again with ODOO_SRC=/path/to/odoo_18.0.tar.gz "
        "(or extract it to %s)." % ("; ".join(errors), dest)
    )


def ensure_odoo():
    odoo_dir = os.path.abspath(
        os.path.expanduser(os.environ.get("CG_ODOO_DIR") or DEFAULT_ODOO_DIR)
    )
    src = os.environ.get("ODOO_SRC")
    if src:
        src = os.path.abspath(os.path.expanduser(src))
        if os.path.isdir(src):
            info("using the Odoo tree given by ODOO_SRC in place: %s" % src)
            return check_odoo_tree(src, "ODOO_SRC")
        if not os.path.isfile(src):
            raise SetupError(
                "ODOO_SRC=%s does not exist; point it to an Odoo 18.0 source tree or "
                "tarball, or unset it." % src
            )
        if odoo_major(odoo_dir) is not None:
            info(
                "%s already holds Odoo; ODOO_SRC archive not re-extracted (delete that "
                "folder to re-extract)" % odoo_dir
            )
            return check_odoo_tree(odoo_dir, "CG_ODOO_DIR")
        info("extracting ODOO_SRC archive into %s" % odoo_dir)
        return check_odoo_tree(extract_archive(src, odoo_dir), "ODOO_SRC")
    if os.path.isdir(odoo_dir) and os.listdir(odoo_dir):
        return check_odoo_tree(odoo_dir, "CG_ODOO_DIR")
    info("no Odoo tree at %s: downloading the official Odoo 18.0 source" % odoo_dir)
    return check_odoo_tree(download_odoo(odoo_dir), "download")


def odoo_launcher(odoo_dir):
    for name in ("odoo-bin", os.path.join("setup", "odoo")):
        path = os.path.join(odoo_dir, name)
        if os.path.isfile(path):
            return [path]
    return ["-m", "odoo"]
