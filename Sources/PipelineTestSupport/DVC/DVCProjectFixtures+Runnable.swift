/// The runnable DVC project of the fixtures, apart from the ones that are only read.
extension DVCProjectFixtures {
  /// A project DVC and pipeshell can both run (sh and awk): folders, exec bits, unicode names,
  /// CRLF, cmd lists, wdir, foreach, whole-file params, an output not cached, always_changed,
  /// a `cmd` whose value holds a line break (two commands, each in a shell of its own), and
  /// metrics DVC takes but pipeshell cannot read as numbers (a CSV file, a folder), and an
  /// output folder holding no file.
  package static let runnable: [String: String] = [
    "params.yaml": """
    train:
      lr: 0.5
      epochs: 3
      name: "x y"
      layers: [64, 32]
      opt: {beta: 0.9, eps: 1.0e-08}
    data:
      n: 5
    other: 1
    long: this is a long value that goes past the eighty columns of ruamel's emitter for sure
    script: "X=1\\necho x=$X > lines.txt"

    """,
    "extra.json": #"{"k": {"z": 1, "a": [true, null]}, "unused": 2}"#,
    "sub/params.yaml": "p: 7\nq: {r: 1}\n",
    "sub/input.txt": "input\n",
    "dvc.yaml": #"""
    stages:
      gen:
        cmd: mkdir -p data && seq 1 ${data.n} > data/nums.txt && printf 'a\r\nb\n' > data/letters.txt
        params: [data.n]
        outs: [data]
      train:
        cmd: >-
          awk '{s+=$1} END {print s * ${train.lr}}' data/nums.txt > model.txt && chmod +x model.txt
          && echo '{"acc": 0.5}' > metrics.json
        deps: [data/nums.txt]
        params: [train, {extra.json: [k]}, long]
        outs: [model.txt]
        metrics: [{metrics.json: {cache: false}}]
      report:
        foreach: [a, b]
        do:
          cmd: echo ${item} > report-${item}.txt
          deps: [model.txt]
          outs: ["report-${item}.txt"]
      sub:
        wdir: sub
        cmd: cat ../model.txt input.txt > out.txt
        deps: [../model.txt, input.txt]
        params: [p, {../params.yaml: [other]}]
        outs: [out.txt]
      listed:
        cmd: [echo one > l1.txt, echo two > l2.txt]
        outs: [l2.txt, l1.txt]
      unicode:
        cmd: mkdir -p "dir é" && echo x > "dir é/ü.txt" && echo y > "dir é/a b.txt"
        outs: ["dir é"]
      whole:
        cmd: cat extra.json > whole.txt
        params: [{extra.json: }]
        outs: [{whole.txt: {cache: false}}]
      lines:
        cmd: ${script}
        outs: [lines.txt]
      empty:
        cmd: mkdir -p empty-out/inner
        outs: [empty-out]
      scores:
        cmd: printf 'acc,loss\n0.1,0.2\n' > scores.csv && mkdir -p per-class && echo 1 > per-class/a.json
        metrics: [scores.csv, per-class]
      always:
        cmd: date +%N > always.txt
        outs: [{always.txt: {cache: false}}]
        always_changed: true
    """#,
  ]
}
