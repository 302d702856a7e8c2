"""System packages the set-up checks: wkhtmltopdf (Odoo's PDF reports).

Odoo serves and tests fine without it, but every PDF report then fails with
"Unable to find Wkhtmltopdf on this system". Installed with apt-get when it
is missing and we may (root or password-less sudo, apt reachable; not with
CG_NO_APT=1); otherwise one sentence says what to install, and we go on.
"""

import os
import shutil
import subprocess

from .common import LOG_DIR, ROOT, flag, info, is_root, warn

WKHTMLTOPDF_PACKAGE = "wkhtmltopdf"
_WITHOUT = "PDF reports fail until then, the rest of the app works without it"


def _apt_prefix():
    """[] as root, ["sudo", "-n"] when password-less sudo works, else None."""
    if is_root():
        return []
    if shutil.which("sudo"):
        try:
            proc = subprocess.run(
                ["sudo", "-n", "true"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=20,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if proc.returncode == 0:
            return ["sudo", "-n"]
    return None


def _apt(prefix, args, log):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log.write("$ %s\n" % " ".join(prefix + ["apt-get"] + args))
    log.flush()
    try:
        proc = subprocess.run(
            prefix + ["apt-get"] + args,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.write("failed: %s\n" % exc)
        return False
    return proc.returncode == 0


def ensure_wkhtmltopdf():
    """True when wkhtmltopdf is (now) on the PATH."""
    exe = shutil.which("wkhtmltopdf")
    if exe:
        info("wkhtmltopdf: %s" % exe)
        return True
    command = "apt-get install %s" % WKHTMLTOPDF_PACKAGE
    if flag("CG_NO_APT") or not shutil.which("apt-get"):
        warn(
            "wkhtmltopdf is missing: install it (`%s`, or your system's package); %s."
            % (command, _WITHOUT)
        )
        return False
    prefix = _apt_prefix()
    if prefix is None:
        warn(
            "wkhtmltopdf is missing and installing it needs root: run `sudo %s`; %s."
            % (command, _WITHOUT)
        )
        return False
    os.makedirs(LOG_DIR, exist_ok=True)
    path = os.path.join(LOG_DIR, "apt-wkhtmltopdf.log")
    info("wkhtmltopdf is missing: installing the Debian package (a minute) ...")
    install = ["install", "-y", "-qq", "--no-install-recommends", WKHTMLTOPDF_PACKAGE]
    with open(path, "w") as log:
        # the package lists may be missing or stale on a fresh machine
        ok = _apt(prefix, install, log) or (
            _apt(prefix, ["update", "-qq"], log) and _apt(prefix, install, log)
        )
    if ok and shutil.which("wkhtmltopdf"):
        info("wkhtmltopdf installed (log: %s)" % os.path.relpath(path, ROOT))
        return True
    warn(
        "wkhtmltopdf could not be installed with apt-get (log: %s): install it "
        "yourself (`%s`); %s." % (os.path.relpath(path, ROOT), command, _WITHOUT)
    )
    return False
