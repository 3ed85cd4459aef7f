"""Shared test helpers: the seed files and parsing them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")
