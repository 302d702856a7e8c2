"""Contract checks on the demo data (issue 8, section 4): records in XML files,
the generated volume up to date with its generator, no demo model."""

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "community_governance"
GENERATOR = ROOT / "tools" / "demo" / "generate_demo_volume.py"

pytestmark = pytest.mark.contract


def test_generated_volume_files_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_each_demo_record_is_defined_once():
    """One file defines a record (no second <record> completing it elsewhere)."""
    seen = {}
    for path in sorted((ADDON / "demo").glob("*.xml")):
        for record in etree.parse(str(path)).iter("record"):
            xmlid = record.get("id")
            assert xmlid, f"{path.name}:{record.sourceline}: a record without XML id"
            assert xmlid not in seen, f"{xmlid} in {seen.get(xmlid)} and {path.name}"
            seen[xmlid] = path.name


def test_no_demo_generator_in_the_registry():
    sources = "\n".join(p.read_text() for p in (ADDON / "models").glob("*.py"))
    assert '_name = "community.demo"' not in sources
    for path in (ADDON / "demo").glob("*.xml"):
        assert 'model="community.demo"' not in path.read_text(), path.name
