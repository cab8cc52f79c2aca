"""Client libraries generated from the committed OpenAPI documents (docs/openapi/*.json).

    python -m scripts.generate_clients          # regenerate clients/python and clients/typescript
    python -m scripts.generate_clients --check  # exit 1 when the committed clients have drifted

Python: openapi-python-client, one package per service (`crm_<service>_client`). TypeScript:
openapi-typescript types per service (`clients/typescript/src/<service>.ts`), used through
openapi-fetch by `src/index.ts`. The TypeScript generator comes from `clients/typescript`'s
locked npm dependencies (`npm ci` there; `make clients` does it).
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "docs" / "openapi"
PYTHON_CLIENTS = ROOT / "clients" / "python"
TYPESCRIPT = ROOT / "clients" / "typescript"
OPENAPI_TYPESCRIPT = TYPESCRIPT / "node_modules" / ".bin" / "openapi-typescript"


def services() -> list[str]:
    return sorted(p.stem for p in DOCUMENTS.glob("*.json"))


def generate_python(service: str, target: Path) -> None:
    package = f"crm_{service}_client"
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "config.yml"
        config.write_text(f"project_name_override: crm-{service}-client\n"
                          f"package_name_override: {package}\npost_hooks: []\n"
                          # A raw mail (a bounce report) is sent as bytes, as a binary body is.
                          "content_type_overrides:\n  message/rfc822: application/octet-stream\n")
        subprocess.run(
            [str(Path(sys.executable).parent / "openapi-python-client"), "generate",
             "--path", str(DOCUMENTS / f"{service}.json"), "--config", str(config), "--meta", "none",
             "--output-path", str(target / package), "--overwrite"],
            check=True, capture_output=True, text=True,
        )


def generate_typescript(service: str, target: Path) -> None:
    if not OPENAPI_TYPESCRIPT.exists():
        raise SystemExit(f"{OPENAPI_TYPESCRIPT} is missing: run `npm ci` in {TYPESCRIPT} (make clients)")
    subprocess.run([str(OPENAPI_TYPESCRIPT), str(DOCUMENTS / f"{service}.json"),
                    "--output", str(target / f"{service}.ts")], check=True, capture_output=True, text=True)


def _same_tree(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    differing = comparison.left_only + comparison.right_only + comparison.diff_files
    drift = [str(left / name) for name in differing]
    for name in comparison.common_dirs:
        drift += _same_tree(left / name, right / name)
    return drift


def main(argv: list[str]) -> int:
    check = "--check" in argv
    with tempfile.TemporaryDirectory() as work:
        python_out, typescript_out = Path(work) / "python", Path(work) / "typescript"
        python_out.mkdir()
        typescript_out.mkdir()
        for service in services():
            generate_python(service, python_out)
            generate_typescript(service, typescript_out)
        generated_python = [python_out / f"crm_{s}_client" for s in services()]
        if check:
            drift: list[str] = []
            for package in generated_python:
                committed = PYTHON_CLIENTS / package.name
                drift += _same_tree(committed, package) if committed.exists() else [str(committed)]
            for source in typescript_out.glob("*.ts"):
                committed = TYPESCRIPT / "src" / source.name
                if not committed.exists() or committed.read_bytes() != source.read_bytes():
                    drift.append(str(committed))
            if drift:
                print("generated clients differ from docs/openapi (run `make clients`):\n  "
                      + "\n  ".join(sorted(drift)))
                return 1
            print("generated clients match docs/openapi")
            return 0
        for package in generated_python:
            shutil.rmtree(PYTHON_CLIENTS / package.name, ignore_errors=True)
            shutil.copytree(package, PYTHON_CLIENTS / package.name)
        for source in typescript_out.glob("*.ts"):
            shutil.copyfile(source, TYPESCRIPT / "src" / source.name)
        print(f"written: {len(generated_python)} Python packages under {PYTHON_CLIENTS.relative_to(ROOT)}, "
              f"TypeScript types under {(TYPESCRIPT / 'src').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
