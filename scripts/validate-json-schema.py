#!/usr/bin/env python3
"""Validates JSON documents against a JSON schema (draft 7), printing every error with its
path. Used by the tests for the SARIF output and the .adlaw.yml schema.

    validate-json-schema.py SCHEMA.json DOCUMENT.json [DOCUMENT.json ...]

Exit 0 when every document is valid, 1 when one is not, 2 when jsonschema is missing
(install it with scripts/setup.sh: Debian package python3-jsonschema)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3 module jsonschema is missing; run scripts/setup.sh (Debian package python3-jsonschema)", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {location}: {error.message}", file=sys.stderr)
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
