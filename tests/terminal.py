"""Run the command line as a person does: in a real pseudo-terminal, or with pipes."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass

COMMAND = [sys.executable, "-m", "cleanscrape"]


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_in_terminal(args: list[str], cwd=None, timeout: float = 120.0, stdout_to_terminal: bool = True) -> Run:
    """stderr (and stdout, unless piped) on a 100x30 pseudo-terminal, as in an interactive shell.

    On a terminal both streams are one screen, so `stdout` and `stderr` are the same text then.
    """
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0x0; a person's is not, and programs size what they draw by it.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = dict(os.environ, COLUMNS="100", LINES="30", TERM="xterm")
    with tempfile.TemporaryFile() as piped:
        process = subprocess.Popen(
            COMMAND + args, cwd=cwd, env=env, stdin=follower,
            stdout=follower if stdout_to_terminal else piped, stderr=follower, close_fds=True,
        )
        os.close(follower)
        screen = bytearray()
        deadline = time.monotonic() + timeout
        try:
            while True:
                if time.monotonic() > deadline:
                    process.kill()
                    raise TimeoutError(f"{args} did not end in {timeout} s; screen so far:\n{screen.decode(errors='replace')}")
                if select.select([leader], [], [], 0.1)[0]:
                    try:
                        chunk = os.read(leader, 65536)
                    except OSError:  # EIO: every writer to the terminal is gone
                        break
                    if not chunk:
                        break
                    screen += chunk
                elif process.poll() is not None:
                    break
            process.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            os.close(leader)
        piped.seek(0)
        text = screen.decode("utf-8", errors="replace").replace("\r\n", "\n")
        stdout = text if stdout_to_terminal else piped.read().decode("utf-8", errors="replace")
    return Run(process.returncode, stdout, text)


def run_with_pipes(args: list[str], cwd=None, stdin: bytes = b"", timeout: float = 120.0) -> Run:
    done = subprocess.run(COMMAND + args, cwd=cwd, input=stdin, capture_output=True, timeout=timeout)
    return Run(done.returncode, done.stdout.decode("utf-8", errors="replace"), done.stderr.decode("utf-8", errors="replace"))


def interrupt_in_terminal(args: list[str], when_seen: str, cwd=None, delay: float = 0.5, timeout: float = 120.0) -> Run:
    """Run in a pseudo-terminal, and press Ctrl-C (SIGINT to the foreground process group) once
    ``when_seen`` is on the screen and ``delay`` seconds more have passed; stdout goes to a file."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = dict(os.environ, COLUMNS="100", LINES="30", TERM="xterm")
    with tempfile.TemporaryFile() as piped:
        # Its own process group, as a shell's foreground job: the workers it starts are in it too.
        process = subprocess.Popen(COMMAND + args, cwd=cwd, env=env, stdin=follower, stdout=piped, stderr=follower,
                                   close_fds=True, start_new_session=True)
        os.close(follower)
        screen = bytearray()
        deadline = time.monotonic() + timeout
        pressed_at = None
        try:
            while process.poll() is None or select.select([leader], [], [], 0)[0]:
                if time.monotonic() > deadline:
                    os.killpg(process.pid, 9)
                    raise TimeoutError(f"{args} did not end in {timeout} s; screen so far:\n{screen.decode(errors='replace')}")
                if pressed_at is None and when_seen.encode() in screen:
                    pressed_at = time.monotonic() + delay
                if pressed_at is not None and time.monotonic() >= pressed_at and process.poll() is None:
                    os.killpg(process.pid, 2)
                    pressed_at = float("inf")
                if select.select([leader], [], [], 0.05)[0]:
                    try:
                        chunk = os.read(leader, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    screen += chunk
            process.wait(timeout=30)
        finally:
            os.close(leader)
        piped.seek(0)
        text = screen.decode("utf-8", errors="replace").replace("\r\n", "\n")
        return Run(process.returncode, piped.read().decode("utf-8", errors="replace"), text)
