"""A new archive's first open from the shell, against the first release's, on the same files.

The scale table's first open ("not slower") compares the reader with what it was: the first
release (commit RELEASE) read every file, analysed it and loaded the library whole into memory.
This builds N synthetic articles from the seeds' paragraphs (tests/perf/synthetic.py, 5 to a
file), takes the release's package out of this repository's history (`git archive`), and times
`unionreader list DIR` on an empty cache with each, one after the other (alternating when
--runs > 1), each in a fresh process with caches of its own: wall seconds until the list is
printed, and peak memory. tests/perf/bench_scale.py holds the first open to the stricter
baseline of bare analysis on as many workers.

    PYTHONPATH=tui flock /tmp/unionreader-cpu.lock python tests/perf/bench_first_open.py --n 20000
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RELEASE = "3f6c621"  # the first release: the scale table's "now" column was measured on it


def _release_package(into: Path) -> Path:
    """The release's tui/ folder, unpacked from git history into `into`."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "release.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", RELEASE, "tui"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "tui"


def _cold_list(package: Path, archive: Path, home: Path) -> tuple[float, float, int]:
    """Wall seconds, peak MB and printed lines of `unionreader list` on an empty cache."""
    sys.path.insert(0, str(HERE))
    from first_screen import env_for

    env = env_for(home)
    env["PYTHONPATH"] = str(package)
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout\n"
        "t = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(t, peak, len(out.splitlines()))\n"
    )
    cmd = [sys.executable, "-m", "unionreader", "list", str(archive)]
    done = subprocess.run(
        [sys.executable, "-c", code, *cmd], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"{package}: {done.stderr[-2000:]}")
    seconds, peak, lines = done.stdout.split()
    return float(seconds), float(peak), int(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic articles")
    parser.add_argument("--runs", type=int, default=1, help="cold opens of each, alternating")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT / "tui"))
    from synthetic import build_archive

    with tempfile.TemporaryDirectory(prefix="unionreader-first-open-") as tmp:
        folder = Path(tmp)
        files = build_archive(args.n, folder / "archive", 5)
        release = _release_package(folder / "release")
        ours: list[tuple[float, float, int]] = []
        theirs: list[tuple[float, float, int]] = []
        for run in range(args.runs):
            order = [("ours", ROOT / "tui"), ("release", release)]
            for name, package in order if run % 2 == 0 else order[::-1]:
                home = folder / f"home-{name}-{run}"
                found = _cold_list(package, folder / "archive", home)
                (ours if name == "ours" else theirs).append(found)
        o = statistics.median(r[0] for r in ours)
        t = statistics.median(r[0] for r in theirs)
        print(
            json.dumps(
                {
                    "articles": args.n,
                    "files": len(files),
                    "unionreader_s": round(o, 1),
                    "unionreader_peak_mb": round(max(r[1] for r in ours)),
                    "release_s": round(t, 1),
                    "release_peak_mb": round(max(r[1] for r in theirs)),
                    "ratio": round(o / t, 2),
                    "articles_listed": [ours[0][2], theirs[0][2]],
                    "release": RELEASE,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
