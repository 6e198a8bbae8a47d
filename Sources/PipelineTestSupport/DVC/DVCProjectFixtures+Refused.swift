/// The fixtures DVC refuses (named `error-...`), each with the error pipeshell must give too.
extension DVCProjectFixtures {
  static let refused: [Fixture] = [
    Fixture(
      name: "error-not-found", files: ["params.yaml": params, "dvc.yaml": "stages:\n  s:\n    cmd: run ${train.lrr}\n"]),
    Fixture(
      name: "error-list-in-cmd",
      files: ["params.yaml": params, "dvc.yaml": "stages:\n  s:\n    cmd: run ${train.layers}\n"]),
    Fixture(
      name: "error-dict-in-deps",
      files: ["params.yaml": params, "dvc.yaml": "stages:\n  s:\n    cmd: run\n    deps: [\"x-${train.opt}\"]\n"]),
    Fixture(
      name: "error-vars-interpolation",
      files: ["params.yaml": params, "dvc.yaml": "vars: [\"${n}.yaml\"]\nstages:\n  s:\n    cmd: run\n"]),
    Fixture(
      name: "error-merge",
      files: ["params.yaml": params, "dvc.yaml": "vars: [{n: 4}]\nstages:\n  s:\n    cmd: run ${n}\n"]),
    Fixture(
      name: "error-foreach-scalar",
      files: ["params.yaml": params, "dvc.yaml": "stages:\n  s:\n    foreach: ${n}\n    do:\n      cmd: run\n"]),
    Fixture(
      name: "error-live",
      files: ["dvc.yaml": "stages:\n  s:\n    cmd: run\n    live:\n      logs:\n        summary: true\n"]),
    Fixture(name: "error-typo", files: ["dvc.yaml": "stages:\n  s:\n    cmd: run\n    dpes: [a]\n"]),
    Fixture(name: "error-no-cmd", files: ["dvc.yaml": "stages:\n  s:\n    deps: [a]\n"]),
    Fixture(
      name: "error-templated-bool",
      files: ["params.yaml": params, "dvc.yaml": "stages:\n  s:\n    cmd: run\n    frozen: ${train.flag}\n"]),
    Fixture(
      name: "error-cycle",
      files: [
        "dvc.yaml":
          "stages:\n  a:\n    cmd: run\n    deps: [y]\n    outs: [x]\n  b:\n    cmd: run\n    deps: [x]\n    outs: [y]\n"
      ]),
    Fixture(
      name: "error-self-cycle", files: ["dvc.yaml": "stages:\n  a:\n    cmd: run\n    deps: [x]\n    outs: [x]\n"]),
    Fixture(
      name: "error-duplicate-output",
      files: ["dvc.yaml": "stages:\n  a:\n    cmd: run\n    outs: [x]\n  b:\n    cmd: run\n    outs: [x]\n"]),
    Fixture(
      name: "error-overlap",
      files: ["dvc.yaml": "stages:\n  a:\n    cmd: run\n    outs: [d]\n  b:\n    cmd: run\n    outs: [d/x]\n"]),
    Fixture(name: "error-missing-vars-file", files: ["dvc.yaml": "vars: [nope.yaml]\nstages:\n  s:\n    cmd: run\n"]),
    Fixture(
      name: "error-partial-then-whole",
      files: ["v.yaml": "a: 1\nb: 2\n", "dvc.yaml": "vars: [v.yaml:a, v.yaml]\nstages:\n  s:\n    cmd: run ${a}\n"]),
    Fixture(
      name: "error-reserved-item",
      files: ["dvc.yaml": "stages:\n  s:\n    foreach: [a]\n    do:\n      vars: [{item: 1}]\n      cmd: run\n"]),
    Fixture(
      name: "error-date-in-params",
      files: ["params.yaml": "when: 2001-12-14\n", "dvc.yaml": "stages:\n  s:\n    cmd: run\n"]),
    Fixture(
      name: "error-bad-expression",
      files: ["params.yaml": params, "dvc.yaml": "stages:\n  s:\n    cmd: run ${train..lr}\n"]),
    Fixture(
      name: "error-foreach-extra-key",
      files: ["dvc.yaml": "stages:\n  s:\n    foreach: [a]\n    cmd: run\n    do:\n      cmd: run\n"]),
    Fixture(name: "error-stage-with-at", files: ["dvc.yaml": "stages:\n  s@x:\n    cmd: run\n"]),
  ]
}
