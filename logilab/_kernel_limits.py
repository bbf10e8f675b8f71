"""Kernel launch wrapper for the grader: set resource limits, then become the kernel.

``python -m logilab._kernel_limits MEMORY_BYTES FILE_BYTES -- <kernel command ...>``
sets ``RLIMIT_AS`` (address space) and ``RLIMIT_FSIZE`` (largest file written)
for this process and replaces itself with the kernel command, which inherits
the limits. Used by :func:`logilab.grading.run_notebook`; not meant to be run by hand.
"""

from __future__ import annotations

import os
import sys

__all__ = ["main"]


def main(argv: list[str]) -> None:
    """Apply the limits in ``argv[0:2]`` and exec the command after ``--``."""
    import resource

    if len(argv) < 4 or argv[2] != "--":
        sys.exit("usage: python -m logilab._kernel_limits MEMORY_BYTES FILE_BYTES -- COMMAND ...")
    memory, file_size = int(argv[0]), int(argv[1])
    for limit, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_FSIZE, file_size)):
        if value > 0:
            resource.setrlimit(limit, (value, value))
    command = argv[3:]
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
