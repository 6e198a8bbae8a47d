#!/usr/bin/env python3
"""Builds the seed corpora in Fuzz/Corpus from the repository: the tests' string literals, the
transcripts (their files and command lines), the demo, the SPEC example and the fuzz fixture.

    python3 Fuzz/make-seeds.py      # rewrites Fuzz/Corpus/*/seed-*

Seeds are named by a hash of their bytes, so rerunning it adds nothing twice. Inputs libFuzzer
found and `Scripts/fuzz --merge` kept live beside them under other names and are left alone.
"""
import hashlib
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "Fuzz" / "Corpus"

# The value target reads a type byte and a constraint byte first (see ValueTarget.swift).
VALUE_TYPES = ["string", "int", "float", "bool", "choice", "list int", "list float", "list string",
               "list bool", "list dict", "list path", "dict", "path", "secret"]


def unescape(body):
    def repl(m):
        e = m.group(1)
        if e.startswith("u{"):
            return chr(int(e[2:-1], 16))
        return {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}.get(e, e)
    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|.)", repl, body)


def literals(text):
    """Swift string literals: multi-line (raw or not, dedented by the closing delimiter), then
    single-line ones."""
    found = []
    multi = re.compile(r'(#?)"""\n(.*?)\n([ \t]*)"""\1', re.S)
    for m in multi.finditer(text):
        raw, body, indent = m.group(1), m.group(2), m.group(3)
        lines = [l[len(indent):] if l.startswith(indent) else l.lstrip() for l in body.split("\n")]
        body = "\n".join(lines)
        found.append(body if raw else unescape(body))
    text = multi.sub("", text)
    for m in re.finditer(r'#"(.*?)"#', text):
        found.append(m.group(1))
    text = re.sub(r'#"(.*?)"#', "", text)
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        found.append(unescape(m.group(1)))
    return [f.replace("‸", "") for f in found]


def transcript_parts(path):
    """A transcript's inline files (name -> text) and its command lines."""
    files, commands, current = {}, [], None
    for line in path.read_text().split("\n"):
        if line.startswith("# FILE: "):
            current = line[len("# FILE: "):].strip()
            files[current] = []
        elif line.startswith("# |") and current is not None:
            files[current].append(line[4:] if line.startswith("# | ") else line[3:])
        elif line.startswith("#") or not line.strip():
            current = None if not line.startswith("# |") else current
        else:
            current = None
            commands.append(line)
    return {k: "\n".join(v) + "\n" for k, v in files.items()}, commands


def yaml_scalars(text, key):
    """Values of `key:` in YAML-ish text, unquoted."""
    out = []
    for m in re.finditer(r"\b%s:\s*(.+)" % re.escape(key), text):
        v = m.group(1).strip()
        if len(v) > 1 and v[0] == v[-1] and v[0] in "'\"":
            v = v[1:-1]
        out.append(v)
    return out


seeds = {t: set() for t in ["pipeline", "params", "command", "condition", "template", "value"]}
swift_tests = sorted((root / "Tests").rglob("*.swift"))
test_literals = {p: literals(p.read_text()) for p in swift_tests}
all_literals = [l for ls in test_literals.values() for l in ls]
demo = literals((root / "Sources/PipelineShell/Demo/DemoFiles.swift").read_text())
fixture = literals((root / "Fuzz/Support/Fixture.swift").read_text())
spec = (pathlib.Path("/work/shared/SPEC.md"))
spec_yaml = []
if spec.exists():
    spec_yaml = re.findall(r"```yaml\n(.*?)```", spec.read_text(), re.S)

yaml_texts = [l for l in all_literals + demo + fixture + spec_yaml if "\n" in l and ":" in l]
transcripts = sorted((root / "Tests/EndToEndTests/Transcripts").glob("*.psh"))
for t in transcripts:
    files, commands = transcript_parts(t)
    for name, text in files.items():
        if name.endswith((".yaml", ".yml")):
            yaml_texts.append(text)
        elif name.endswith(".psh"):
            seeds["command"].add("s" + text)
    seeds["command"].add("s" + "\n".join(commands) + "\n")
    for c in commands:
        seeds["command"].add("l" + c)
        m = re.match(r"\s*(?:set|sweep|run|rerun)\s+(.*)", c)
        if m:
            for word in m.group(1).split():
                if "=" in word:
                    seeds["value"].add(word.split("=", 1)[1])
            parts = m.group(1).split(None, 1)
            if len(parts) == 2 and "=" not in parts[0]:
                seeds["value"].add(parts[1])
        m = re.match(r"\s*(?:break|b)\s+\S+\s+if\s+(.*)", c)
        if m:
            seeds["condition"].add(m.group(1))

for text in yaml_texts:
    if re.search(r"^steps:", text, re.M) or re.search(r"^params:", text, re.M):
        seeds["pipeline"].add(text)
        m = re.search(r"^profiles:\n((?:[ \t]+.*\n?)+)", text, re.M)
        if m:
            for line in m.group(1).split("\n"):
                body = line.strip()
                if ":" in body:
                    seeds["params"].add(body.split(":", 1)[1].strip() + "\n")
    elif not re.search(r"^(name|description):", text, re.M):
        seeds["params"].add(text)
    seeds["condition"].update(yaml_scalars(text, "when"))
    for v in re.findall(r"\$\{[^}\n]*\}[^\s,\]\}\"']*", text):
        seeds["template"].add(v)
    for v in re.findall(r'"([^"\n]*\$\{[^"\n]*)"', text):
        seeds["template"].add(v)
    for v in re.findall(r"default:\s*([^,}\n]+|\[[^\]]*\]|\{[^}]*\})", text):
        seeds["value"].add(v.strip().strip("\"'"))

for path, ls in test_literals.items():
    name = path.name
    for l in ls:
        if "${" in l and "\n" not in l:
            seeds["template"].add(l)
        if name.startswith("Expression") and "\n" not in l and len(l) < 200:
            seeds["condition"].add(l)
        if name.startswith("ValueParser") and "\n" not in l and len(l) < 200:
            seeds["value"].add(l)
        if name.startswith(("Completion", "ShellProcess", "PTY")) and "\n" not in l and 0 < len(l) < 200:
            seeds["command"].add("l" + l)

seeds["command"].update({
    "l-c 'set lr 0.1; get lr' --keep-going pipeline.yaml", "l--set lr=0.1 --profile quick pipeline.yaml",
    "l--demo folder", "lsweep lr=0.01,0.02 epochs=range(1,4) --jobs 2",
    "lsweep lr=range(0,1,0.25) layers=[1,2],[3]", "lrerun 3 lr=0.2 --from train --force",
    "lrun epochs=5 --no-cache -j 2", "lset run_name 'it'\\''s'; save s.psh; source s.psh",
    "lsecret token --from-file tok.txt; explain token", "lload --params other.yaml; params",
    "lbreak train if epochs > 5 and model == 'tree'; break; delete train",
    "sset epochs 3 \\\n  # continued\nget epochs\r\nexplain run_name\n",
})

values = set()
for v in seeds["value"]:
    if not v or len(v) > 200:
        continue
    # Two types per value: string, and one picked by the value's hash (libFuzzer tries the rest).
    picked = int(hashlib.sha1(v.encode()).hexdigest(), 16) % len(VALUE_TYPES)
    for t in sorted({0, picked}):
        values.add(bytes([t, (t * 5) % 7]) + v.encode())
seeds["value"] = values
# The template target reads a type byte and an allow-secret byte first (see TemplateTarget.swift).
seeds["template"].update({"$${literal}", "${cmd:awk '{print $1}' data.csv}", "${env:HOME:-/tmp}/x",
                          "${file:version.txt}", "a${token}b", "${layers}", "${tags}", "${cmd:fail}"})

for target, items in seeds.items():
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed-*"):
        old.unlink()
    for index, item in enumerate(sorted(items, key=lambda x: x if isinstance(x, bytes) else x.encode())):
        data = item if isinstance(item, bytes) else item.encode()
        if target == "template":
            data = bytes([index % 8, index % 2]) + data
        if not data.strip():
            continue
        (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)
    print(f"{target}: {len(list(folder.glob('seed-*')))} seeds")
