"""`make bench`: run every tests/benchmarks/bench_*.py and print its table. Timings, never assertions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parents[1]))
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"\n## {path.stem}\n", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
