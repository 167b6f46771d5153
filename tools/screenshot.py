"""Screenshot an HTML report in headless Chromium (the picture in docs/report.png).

    python tools/screenshot.py REPORT.html OUT.png [--width 1280] [--height 2000] [--y 0] [--hash term-3]

Waits until the page's script has drawn it; prints any script error or request it saw.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import Chromium, wait_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--y", type=int, default=0, help="start this many pixels down the page")
    parser.add_argument("--hash", default="", help="open the page at this #fragment (e.g. term-12)")
    parser.add_argument("--at", default="", help="start at the top of this element (a CSS selector)")
    args = parser.parse_args()
    with Chromium(args.width, args.height) as browser:
        page = browser.page()
        page.open(args.report.resolve().as_uri() + (f"#{args.hash}" if args.hash else ""))
        wait_for(page, "document.documentElement.dataset.rendered")
        y = args.y
        if args.at:
            y = int(page.evaluate(f"document.querySelector({args.at!r}).getBoundingClientRect().top + scrollY"))
        page.screenshot(args.png, args.width, args.height, y)
        for error in page.errors:
            print("script error:", error)
        for url in page.requests[1:]:
            print("request:", url)
        print(f"{args.png}: {args.png.stat().st_size // 1024} KB, rendered in "
              f"{page.evaluate('document.documentElement.dataset.rendered')} ms")


if __name__ == "__main__":
    main()
