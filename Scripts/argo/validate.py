"""Validates Argo Workflow manifests (YAML) against a JSON schema.

usage: python validate.py SCHEMA MANIFEST...

Prints "ok PATH" for each valid manifest and "invalid PATH: AT: MESSAGE" for each problem
(AT is the JSON path of the offending value); exits 1 when any manifest is invalid, 2 when
a file cannot be read. The schema's own $schema (Draft 2020-12 for the strict Argo schema)
chooses the validator; formats are not checked (the schema uses none that matter here).
"""
import json
import sys

import jsonschema
import yaml


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as handle:
                # BaseLoader would keep every scalar a string; SafeLoader reads YAML 1.1 as
                # Kubernetes does, so a value written unquoted as `yes` or `10` is caught.
                document = yaml.safe_load(handle)
        except (OSError, yaml.YAMLError) as error:
            print(f"unreadable {path}: {error}")
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if not errors:
            print(f"ok {path}")
            continue
        failed = True
        for error in errors:
            at = "$" + "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            print(f"invalid {path}: {at}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
