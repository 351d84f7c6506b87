"""papertui.core is plain Python: importing any of it never loads Textual, so the CLI, the
fetcher and scripts stay fast and the core stays testable without a terminal."""

from __future__ import annotations

import json
import subprocess
import sys

# Run in a fresh interpreter: this one has Textual loaded by other tests. Every module under
# papertui.core is found by walking the package, so a new core module is covered too.
WALK = """
import importlib, json, pkgutil, sys
import papertui.core
names = sorted(info.name for info in
               pkgutil.walk_packages(papertui.core.__path__, "papertui.core."))
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names,
                  "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""


def test_importing_every_core_module_leaves_textual_unloaded() -> None:
    result = subprocess.run([sys.executable, "-c", WALK], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {"papertui.core.store", "papertui.core.client", "papertui.core.safety"} <= set(
        found["modules"])
    assert found["textual"] == []
