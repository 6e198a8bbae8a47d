/// Fixtures for what a tester found pipeshell reading differently from DVC: explicit YAML tags,
/// keys a `vars` entry does not pick, tuples in `.py` files, and generated stage names with a
/// second `@`.
extension DVCProjectFixtures {
  static let fidelity: [Fixture] = [
    Fixture(
      name: "yaml-tags",
      files: [
        "params.yaml": #"""
        a: !!float 1
        d: !!str 1.50
        i: !!int "3"
        b: !!bool "true"
        s: !!str true
        h: !!int 0x1F
        z: ! "7"
        o: !!omap [{x: 1}, {y: 2}]
        """#,
        "dvc.yaml": #"""
        stages:
          s:
            cmd: echo ${a} ${d} ${i} ${b} ${s} ${h} ${z} ${o.y}
            desc: !!str 1.50
            outs: [!!str 12]
        """#,
      ]),
    Fixture(
      name: "vars-picked-keys",
      files: [
        "other.yaml": "a: 1\nwhen: 2020-01-01\nd: !!pairs [{k: 1}]\n",
        "other.toml": "t = 2\nwhen = 2020-01-01\n",
        "p.py": "X = 3\nT = (1, 2)\n",
        "dvc.yaml": "vars: [other.yaml:a, other.toml:t, p.py:X]\nstages:\n  s:\n    cmd: echo ${a} ${t} ${X}\n",
      ]),
    Fixture(
      name: "py-tuple-params-dependency",
      files: ["p.py": "X = 1\nT = (1, 2)\n", "dvc.yaml": "stages:\n  s:\n    cmd: run\n    params: [{p.py: [T]}]\n"]),
  ]

  static let fidelityRefused: [Fixture] = [
    Fixture(
      name: "error-unknown-tag",
      files: ["params.yaml": "a: !custom 1\n", "dvc.yaml": "stages:\n  s:\n    cmd: echo ${a}\n"]),
    Fixture(
      name: "error-unknown-tag-in-dvc-yaml",
      files: ["dvc.yaml": "stages:\n  s:\n    cmd: echo hi\n    desc: !custom hello\n"]),
    Fixture(
      name: "error-bad-float-tag",
      files: ["params.yaml": "a: !!float abc\n", "dvc.yaml": "stages:\n  s:\n    cmd: run\n"]),
    Fixture(
      name: "error-pairs-in-params",
      files: ["params.yaml": "d: !!pairs [{k: 1}]\n", "dvc.yaml": "stages:\n  s:\n    cmd: run\n"]),
    Fixture(
      name: "error-tuple-in-vars",
      files: ["p.py": "X = 1\nT = (1, 2)\n", "dvc.yaml": "vars: [p.py]\nstages:\n  s:\n    cmd: echo ${X}\n"]),
    Fixture(
      name: "error-picked-date",
      files: [
        "o.yaml": "a: 1\nwhen: 2020-01-01\n",
        "dvc.yaml": "vars: [\"o.yaml:a,when\"]\nstages:\n  s:\n    cmd: echo ${a}\n",
      ]),
    Fixture(
      name: "error-date-in-inline-vars", files: ["dvc.yaml": "vars: [{d: 2020-01-01}]\nstages:\n  s:\n    cmd: run\n"]),
    Fixture(
      name: "error-foreach-second-at",
      files: ["dvc.yaml": "stages:\n  s:\n    foreach: [user@host, plain]\n    do:\n      cmd: echo ${item}\n"]),
    Fixture(
      name: "error-foreach-key-second-at",
      files: ["dvc.yaml": "stages:\n  s:\n    foreach: {k@1: a}\n    do:\n      cmd: echo ${item}\n"]),
    Fixture(
      name: "error-matrix-second-at",
      files: ["dvc.yaml": "stages:\n  m:\n    matrix:\n      a: [\"x@y\", z]\n    cmd: echo ${item.a}\n"]),
  ]
}
