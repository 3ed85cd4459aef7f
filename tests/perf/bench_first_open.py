"""A new archive's first open from the shell, against the first release's, on the same files.

The scale table's first open ("not slower") compares the reader with what it was: the first
release (commit RELEASE) read every file, analysed it and loaded the library whole into memory.
This builds N synthetic articles from the seeds' paragraphs (tests/perf/synthetic.py, 5 to a
file), takes the release's package out of this repository's history (`git archive`), and times
`unionreader list DIR` on an empty cache with each, one after the other (alternating when
--runs > 1), each in a fresh process with caches of its own: wall seconds until the list is
printed, peak memory, and CPU seconds (the workers' included). On a shared machine whose pace
moves from minute to minute, the CPU seconds of a pair agree from run to run far better than
its wall times (two pairs at 10^5: 1.126 and 1.128); both programs keep both cores busy, so the
CPU ratio is what the wall ratio is made of. (Running each pair at once instead was tried: it
favours the program with less memory, whose cache the other's contention spoils less.)
tests/perf/bench_scale.py holds the first open to the stricter baseline of bare analysis on as
many workers.

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


def release_package(into: Path) -> Path:
    """The release's tui/ folder, unpacked from git history into `into`."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "release.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", RELEASE, "tui"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "tui"


# Run in a process of its own around `unionreader list`: wall seconds, peak MB, CPU seconds
# (user and system, the workers' included) and lines printed
_TIMER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout\n"
    "t = time.perf_counter() - t\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(t, use.ru_maxrss / 1024, use.ru_utime + use.ru_stime, len(out.splitlines()))\n"
)

Found = tuple[float, float, float, int]  # wall s, peak MB, CPU s, lines


def compiled(package: Path) -> Path:
    """The package with its bytecode written, as an install leaves it (pip compiles every
    module; so have the libraries in site-packages been)."""
    import compileall

    compileall.compile_dir(package, quiet=1)
    return package


def cold_list(package: Path, archive: Path, home: Path) -> Found:
    """Wall seconds, peak MB, CPU seconds and printed lines of `unionreader list` on an empty
    cache (the program's caches and data empty; its bytecode, and its libraries', compiled, as
    after an install: a fresh bytecode cache would compile numba's hundreds of modules at every
    run, a second a process that no user pays)."""
    sys.path.insert(0, str(HERE))
    from first_screen import env_for

    env = env_for(home)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env["PYTHONPATH"] = str(package)
    cmd = [sys.executable, "-m", "unionreader", "list", str(archive)]
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, *cmd], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"{package}: {done.stderr[-2000:]}")
    seconds, peak, cpu, lines = done.stdout.split()
    return float(seconds), float(peak), float(cpu), int(lines)


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
        release = compiled(release_package(folder / "release"))
        compiled(ROOT / "tui")
        ours: list[Found] = []
        theirs: list[Found] = []
        archive = folder / "archive"
        for run in range(args.runs):
            order = [("ours", ROOT / "tui"), ("release", release)]
            for name, package in order if run % 2 == 0 else order[::-1]:
                home = folder / f"home-{name}-{run}"
                found = cold_list(package, archive, home)
                (ours if name == "ours" else theirs).append(found)
        o = statistics.median(r[0] for r in ours)
        t = statistics.median(r[0] for r in theirs)
        # a pair's CPU ratio, run by run (the pace of the machine moves less within a pair)
        cpu = statistics.median(a[2] / b[2] for a, b in zip(ours, theirs, strict=True))
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
                    "cpu_s": [
                        [round(a[2], 1), round(b[2], 1)] for a, b in zip(ours, theirs, strict=True)
                    ],
                    "cpu_ratio": round(cpu, 3),
                    "articles_listed": [ours[0][3], theirs[0][3]],
                    "release": RELEASE,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
