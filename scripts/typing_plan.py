#!/usr/bin/env python3
"""The typing check's plan (see typing-check.sh): types it into a window with xdotool, and
checks a saved canvas against what it typed.

  typing_plan.py type SEED NOTES WINDOW EXPECTED.json
  typing_plan.py check CANVAS.json EXPECTED.json
"""

import json
import random
import subprocess
import sys

# Ctrl+1 … Ctrl+6 and the file format's key for each area.
AREAS = ["jobs", "pains", "gains", "products", "pain_relievers", "gain_creators"]
ENDERS = ["Escape", "Return", "Tab", "ctrl+s"]
WORDS = (
    "the chef orders fresh produce every morning from three farms but deliveries arrive late "
    "and cold so the kitchen scrambles before lunch prep while the owner checks invoices by "
    "hand at night a weekly summary would help them plan menus around what is in season "
    "vending-machine professional automatically accountant reconciliation sous-chef "
    "restaurant dashboard 24 hours 5 suppliers 12 dishes"
).split()
STRAY = "STRAYTEXT typed after clicking a label"


def note_text(rng: random.Random) -> str:
    length = rng.randint(40, 120)
    words = []
    while len(" ".join(words)) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)  # never starts with "-", which xdotool would read as an option
    return text[0].upper() + text[1:]


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True)


def status_line(window: str) -> tuple[int, int]:
    """A point on the status line at the window's foot (a label, no field), relative to the
    window: the window manager's own offsets make absolute positions unreliable."""
    out = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", window],
        check=True, capture_output=True, text=True,
    ).stdout
    geometry = dict(line.split("=", 1) for line in out.split())
    width, height = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
    return width // 3, height - 8


def type_plan(seed: int, notes: int, window: str, expected_path: str) -> None:
    rng = random.Random(seed)
    expected = {area: [] for area in AREAS}
    for n in range(notes):
        if n % 8 == 7:
            # A click on a label, then typing that no field takes: it must land nowhere.
            x, y = status_line(window)
            xdotool("mousemove", "--window", window, str(x), str(y), "click", "1",
                    "type", "--delay", "10", STRAY)
        area = rng.randrange(len(AREAS))
        text = note_text(rng)
        ender = rng.choice(ENDERS)
        # The ending key follows the last letter as soon as a new xdotool starts (a few ms:
        # `type` takes every word after it as text, so it cannot be chained).
        xdotool("key", "--delay", "10", f"ctrl+{area + 1}", "type", "--delay", "10", text)
        xdotool("key", "--delay", "10", ender)
        expected[AREAS[area]].append(text)
    with open(expected_path, "w", encoding="utf-8") as f:
        json.dump(expected, f)


def check(canvas_path: str, expected_path: str) -> int:
    with open(canvas_path, encoding="utf-8") as f:
        canvas = json.load(f)
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    failures = 0
    for area in AREAS:
        got = [note["text"] for note in canvas.get(area, [])]
        want = expected[area]
        if got != want:
            failures += 1
            print(f"{area}: saved {len(got)} notes, typed {len(want)}")
            for i in range(max(len(got), len(want))):
                g = got[i] if i < len(got) else "(missing)"
                w = want[i] if i < len(want) else "(none typed)"
                if g != w:
                    print(f"  typed: {w!r}\n  saved: {g!r}")
    stray = [v for v in (canvas.get("title"), canvas.get("customer"), canvas.get("notes"))
             if v and "STRAY" in v]
    votes = sum(n.get("votes", 0) for area in AREAS for n in canvas.get(area, []))
    if stray or votes:
        failures += 1
        print(f"stray text in {stray}, votes {votes}")
    return 1 if failures else 0


def main() -> int:
    if len(sys.argv) == 6 and sys.argv[1] == "type":
        type_plan(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
