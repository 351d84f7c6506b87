"""The installed `papertui` in a real pseudo-terminal of 120x40, for the tests that must see
what a terminal sees: every byte the app writes, and keys arriving as a terminal sends them."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time
from pathlib import Path

PAPERTUI = str(Path(sys.executable).with_name("papertui"))
COLUMNS, ROWS = 120, 40


class Terminal:
    """The app running in a pseudo-terminal; `output` holds every byte it wrote."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.output = bytearray()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal before the app looks at it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.execve(PAPERTUI, [PAPERTUI, *args], env)
            finally:  # a failed exec must not go on as a second copy of the test worker
                os._exit(127)
        self.status: int | None = None

    def read(self, seconds: float) -> bool:
        """Read for `seconds`; False once the app has closed the terminal."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    data = os.read(self.fd, 1 << 16)
                except OSError:  # EIO: the child is gone
                    return False
                if not data:
                    return False
                self.output.extend(data)
        return True

    def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        """Read until the app has written nothing for `quiet` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            size = len(self.output)
            if not self.read(quiet) or len(self.output) == size:
                return

    def wait_for(self, text: bytes, timeout: float = 5.0) -> None:
        end = time.monotonic() + timeout
        while text not in self.output and time.monotonic() < end:
            if not self.read(0.05):
                break

    def type(self, keys: bytes) -> None:
        """Send keys, and read until the app has answered them and gone quiet. Waiting for
        the answer matters on a busy machine: a lone Esc followed too soon by the next key
        reaches the app as one key (Esc then q is alt+q)."""
        before = len(self.output)
        os.write(self.fd, keys)
        end = time.monotonic() + 5.0
        while len(self.output) == before and time.monotonic() < end:
            if not self.read(0.05):
                return
        self.settle()

    def quit(self, timeout: float = 5.0) -> int:
        os.write(self.fd, b"q")
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.read(0.1)
                return os.waitstatus_to_exitcode(status)
            self.read(0.05)
        self.kill()
        raise AssertionError(f"papertui did not quit within {timeout} s of q")

    def kill(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def close(self) -> None:
        os.close(self.fd)
