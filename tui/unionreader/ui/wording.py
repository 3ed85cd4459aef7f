"""How the core's problems read in the reader, which speaks Chinese."""

from __future__ import annotations

from ..model import Problem

_TEXT: dict[str, str] = {
    "not-a-file": "{path}：不是普通文件或文件夹（失效的链接？），已跳过",
    "unreadable-folder": "{path}：无法读取文件夹（{detail}），已跳过",
    "unreadable": "{path}：无法读取（{detail}），已跳过",
    "permission": "{path}：没有读取权限，已跳过",
    "is-folder": "{path}：是文件夹，已跳过",
    "damaged-text": "{path}：{detail} 文本已损坏，已跳过",
    "binary": "{path}：二进制文件（含空字节），已跳过",
    "control-bytes": "{path}：二进制文件（控制字符过多），已跳过",
    "unknown-encoding": "{path}：不是 UTF-8、UTF-16、GB18030 或 Big5 文本，已跳过",
    "cache-damaged": "文库缓存已损坏：已移至 {path}，并从原文件重建。",
}


def problem_text(problem: Problem | str) -> str:
    """A problem as the reader says it (a plain string is shown as it is)."""
    if isinstance(problem, Problem):
        return _TEXT[problem.kind].format(path=problem.path, detail=problem.detail)
    return problem
