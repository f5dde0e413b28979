"""The engine must stay usable without a terminal: it never imports Textual."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_engine_and_api_import_without_textual() -> None:
    code = (
        "import sys, newsdiff, newsdiff.engine.story, newsdiff.engine.export; "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'newsdiff.app'))); "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_import_linter_contract_holds() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed")
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
