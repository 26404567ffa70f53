"""What the outside-in check scripts share: counting checks, finding the recon binary, the closing line."""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    results["passed" if condition else "failed"] += 1
    if not condition:
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def recon_from_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--recon", required=True, help="the recon binary, relative to the project root")
    return (ROOT / parser.parse_args().recon).resolve()


def finish(script):
    """Prints 'N passed, N failed' and exits non-zero on any failure."""
    print(f"{script}: {results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)
