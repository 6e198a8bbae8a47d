"""What DVC itself reads, for pipeshell's tests against DVC (run with DVC's own Python).

Subcommands (each prints one line per argument):
  params FILE...   each params file as DVC's loader types it, in a canonical text form
  stages ROOT...   each project's stages as DVC resolves them, as JSON
  dump             reads JSON lines of typed values on stdin; prints each as DVC dumps YAML
  ignored ROOT KIND:PATH...
                   whether DVC's .dvcignore filter of the repository at ROOT leaves out each
                   path (relative to ROOT; KIND d for a folder, f for a file): 1 or 0
"""
import datetime
import json
import os
import sys


def canon(v):
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "bool:" + repr(v)
    if isinstance(v, int):
        return "int:" + repr(v)
    if isinstance(v, float):
        return "float:" + repr(v)
    if isinstance(v, str):
        return "str:" + repr(v)
    if isinstance(v, (datetime.date, datetime.time)):
        return "date"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(canon(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(canon_key(k) + ": " + canon(x) for k, x in v.items()) + "}"
    return "unsupported:" + type(v).__name__


def canon_key(k):
    return repr(k) if isinstance(k, str) else "#" + str(k)


def params(paths):
    from dvc.utils.serialize import LOADERS

    for path in paths:
        try:
            suffix = os.path.splitext(path)[1].lower()
            print(canon(LOADERS[suffix](path)))
        except Exception as exc:  # noqa: BLE001
            print("ERROR " + type(exc).__name__)


def out_dict(out):
    return {
        "path": out.def_path,
        "cache": out.use_cache,
        "persist": out.persist,
        "metric": bool(out.metric),
        "plot": bool(out.plot),
        "push": out.can_push,
        "remote": out.remote,
        "desc": out.annot.desc,
    }


def stages(roots):
    """Paths are relative to the folder of the stage's dvc.yaml."""
    from dvc.repo import Repo

    for root in roots:
        root = os.path.abspath(root)
        try:
            repo = Repo(root)
            result = []
            listed = set()
            for stage in repo.index.stages:
                if not getattr(stage, "name", None):
                    continue  # a data file's stage (`data.xml.dvc`), not one of a dvc.yaml
                if (stage.path, stage.name) in listed:
                    continue  # `x@1` written by hand beside group `x`: one stage, listed twice
                listed.add((stage.path, stage.name))
                base = os.path.dirname(stage.path)
                rel = lambda p: os.path.relpath(p, base)  # noqa: E731
                params, deps = {}, []
                for dep in stage.deps:
                    if type(dep).__name__ == "ParamsDependency":
                        params[rel(dep.fs_path)] = list(dep.params)
                    else:
                        deps.append(rel(dep.fs_path))
                result.append(
                    {
                        "dvcfile": os.path.relpath(stage.path, root),
                        "name": stage.name,
                        "cmd": stage.cmd,
                        "wdir": rel(stage.wdir),
                        "deps": deps,
                        "params": params,
                        "outs": [dict(out_dict(o), path=rel(o.fs_path)) for o in stage.outs],
                        "frozen": stage.frozen,
                        "always_changed": stage.always_changed,
                        "desc": stage.desc,
                        "meta": stage.meta,
                    }
                )
            from dvc.repo.reproduce import get_active_graph, plan_repro

            # The order `dvc repro` runs the stages in: frozen stages cut off from their deps.
            order = [
                os.path.relpath(s.path, root) + ":" + s.name
                for s in plan_repro(get_active_graph(repo.index.graph))
                if getattr(s, "name", None)
            ]
            print(json.dumps({"stages": result, "order": order}, default=repr))
        except Exception as exc:  # noqa: BLE001
            print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))


def dump():
    from dvc.utils.serialize._yaml import dumps_yaml

    for line in sys.stdin:
        value = json.loads(line)
        print(json.dumps(dumps_yaml(value)))


def ignored(args):
    from dvc.repo import Repo

    root, paths = os.path.abspath(args[0]), args[1:]
    dvcignore = Repo(root).dvcignore
    for item in paths:
        kind, path = item.split(":", 1)
        print("1" if dvcignore._is_ignored(os.path.join(root, path), kind == "d") else "0")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"params": params, "stages": stages, "dump": lambda _: dump(), "ignored": ignored}[command](args)
