import subprocess
import sys


def test_the_store_never_imports_textual() -> None:
    """The CLI uses the store without a terminal UI, so it must not pull Textual in."""
    code = (
        "import sys\n"
        "import newsdiff.store.config, newsdiff.store.notes, newsdiff.store.paths\n"
        "import newsdiff.store.snapshots, newsdiff.store.story_key\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
