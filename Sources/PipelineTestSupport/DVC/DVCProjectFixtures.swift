/// Small DVC projects that exercise each feature of `dvc.yaml`, compared with what DVC reads.
package enum DVCProjectFixtures {
  /// One project: its files by path, and its `dvc.yaml` files.
  package struct Fixture: Sendable {
    package var name: String
    package var files: [String: String]
    package var dvcFiles = ["dvc.yaml"]

    package init(name: String, files: [String: String], dvcFiles: [String] = ["dvc.yaml"]) {
      self.name = name
      self.files = files
      self.dvcFiles = dvcFiles
    }
  }

  /// The `params.yaml` most fixtures share.
  package static let params = #"""
    train:
      lr: 0.001
      epochs: 10
      layers: [64, 32]
      opt: {name: adam, beta: [0.9, 0.99]}
      flag: true
      off: false
      nothing: null
      tiny: 1.0e-05
      empty: {}
      "log-level": debug
    models:
      small: {size: 1, lr: 0.1}
      large: {size: 8, lr: 0.01}
    datasets: [us, eu, asia]
    flags: [true, false]
    records:
      - {name: a, n: 1}
      - {name: b, n: 2}
    path: data/raw.csv
    n: 3

    """#

  /// Every fixture, those DVC refuses included (named `error-...`, and a few others).
  package static let all: [Fixture] = readable + refused + more + fidelity + fidelityRefused

  /// The fixtures DVC reads.
  static let readable: [Fixture] = [
    Fixture(
      name: "basic",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          prepare:
            cmd: python prepare.py ${path} --lr ${train.lr} --n ${n}
            deps: [prepare.py, "${path}"]
            params: [train.lr, n, {other.json: [a.b]}, {extra.toml: }]
            outs: [data/prepared]
            metrics: [{m.json: {cache: false}}]
            plots:
              - p.csv: {x: step, y: loss, template: linear, cache: false}
              - q.csv: [{x: a}, {y: b}]
            desc: Prepare the data
            meta: {owner: me, n: 2}
          train:
            cmd: python train.py data/prepared/x.csv
            deps: [data/prepared/x.csv]
            params: [train]
            outs:
              - model.pkl:
                  persist: true
                  push: false
                  remote: store
                  desc: the model
                  labels: [a, b]
                  type: model
              - model.pkl: {cache: false}
            frozen: true
            always_changed: true
        """#, "other.json": #"{"a": {"b": 1}}"#, "extra.toml": "x = 1\n",
      ]),
    Fixture(
      name: "foreach-list",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          fetch:
            foreach: [us, eu, 1, 2.5, null, true, us]
            do:
              cmd: fetch ${item} --lr ${train.lr}
              outs: [raw/${item}.csv]
        """#,
      ]),
    Fixture(
      name: "foreach-dict",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          train:
            foreach:
              small: {size: 1}
              large: {size: 8}
              1: {size: 0}
              true: {size: 2}
            do:
              cmd: train --name ${key} --size ${item.size}
              outs: ["${key}.pkl"]
        """#,
      ]),
    Fixture(
      name: "foreach-list-of-dicts",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          s:
            foreach:
              - {name: a, n: 1}
              - {name: b, n: 2}
              - [x, y]
            do:
              cmd: echo ${item}
        """#.replacing("echo ${item}", with: "echo ok"),
      ]),
    Fixture(
      name: "foreach-references",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          by-model:
            foreach: ${models}
            do:
              cmd: train ${key} --size ${item.size} --lr ${item.lr}
          by-dataset:
            foreach: ${datasets}
            do:
              cmd: fetch ${item}
          by-flag:
            foreach: ${flags}
            do:
              cmd: run --flag ${item}
          inline-flags:
            foreach: [true, false]
            do:
              cmd: run --flag ${item}
          records:
            foreach: ${records}
            do:
              cmd: use ${item.name} ${item.n}
          mixed:
            foreach: [${n}, ${train.flag}, x]
            do:
              cmd: echo ${item}
        """#,
      ]),
    Fixture(
      name: "matrix",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          grid:
            matrix:
              lr: [0.1, 1e-05, 1e16, 1e15]
              flag: [true, null]
              opt: [{a: 1}, [1, 2], x]
            cmd: train --lr ${item.lr} --flag ${item.flag} --key ${key}
          refs:
            matrix:
              ds: ${datasets}
              flag: ${flags}
            cmd: run ${item.ds} ${item.flag}
          letters:
            matrix:
              x: abc
            cmd: echo ${item.x}
          whole:
            matrix:
              n: [1, 2]
              m: [{a: 1}, {a: 2}]
            cmd: run ${item} ${item.m.a}
        """#,
      ]),
    Fixture(
      name: "matrix-names-twice",
      files: [
        "dvc.yaml": #"""
        stages:
          twice:
            matrix:
              x: [a, b, a]
              y: [c, d]
            cmd: echo ${item.x} ${item.y} ${key}
          dashes:
            matrix:
              x: [a-b, a]
              y: [c, b-c]
            cmd: echo ${item.x} ${item.y}
          distinct:
            matrix:
              x: [a, b]
              y: [1, 1.0, true]
            cmd: echo ${item.x} ${item.y}
        """#
      ]),
    Fixture(
      name: "vars",
      files: [
        "params.yaml": params,
        "config/extra.yaml": "model:\n  depth: 3\n  width: 10\nseed: 7\nunused: {a: 1}\n",
        "config/more.json": #"{"batch": 32, "other": {"x": 1}}"#,
        "sub/local.yaml": "local_value: 5\n",
        "dvc.yaml": #"""
        vars:
          - config/extra.yaml:model,seed
          - config/more.json
          - inline: {a: 1, b: [1, 2]}
            name: exp
          - config/more.json
        stages:
          s:
            cmd: run ${model.depth} ${seed} ${batch} ${other.x} ${inline.a} ${inline.b[1]} ${name}
          t:
            wdir: sub
            vars:
              - local.yaml
              - {stage_value: 9}
            cmd: run ${local_value} ${stage_value} ${model.width}
            deps: [input-${stage_value}.txt]
        """#,
      ]),
    Fixture(
      name: "wdir",
      files: [
        "params.yaml": params, "sub/params.yaml": "p: 1\nq: {r: 2}\n",
        "dvc.yaml": #"""
        stages:
          in-sub:
            wdir: sub
            cmd: run ${train.lr}
            deps: [../data/raw.csv, ./local.txt, a/../b.txt]
            params: [p, q.r]
            outs: [out/result.txt]
          up:
            wdir: ./sub/..
            cmd: run
            deps: [sub/out/result.txt]
          templated:
            foreach: [sub]
            do:
              wdir: ${item}
              cmd: run
              params: [{params.yaml: [p]}]
        """#,
      ]),
    Fixture(
      name: "escapes",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          s:
            cmd: echo \${train.lr} \\${train.lr} ${train.lr} $HOME ${n}${n} "${path}"
          t:
            cmd: echo \${not.a.reference}
          u:
            cmd: "echo ${a\n} ${n}"
          v:
            cmd: echo ${ train.lr } ${train . epochs} ${train.layers[ 0 ]} ${train.layers[-1]} ${train.layers.1}
        """#,
      ]),
    Fixture(
      name: "dict-unpacking",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          unpack:
            cmd: python train.py ${train}
          unpack-list:
            cmd:
              - python a.py ${train.opt}
              - python b.py ${models.small} ${train.flag}
          multi:
            cmd: |
              echo one ${n}
              echo two
        """#,
      ]),
    Fixture(
      name: "yaml-features",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          one: &base
            cmd: echo base
            deps: [a.txt]
          two:
            <<: *base
            cmd: echo two
          three:
            cmd: >-
              python very_long_command.py --with many --arguments that --go on
              --and on
        """#,
      ]),
    Fixture(
      name: "params-forms",
      files: [
        "params.yaml": params, "p2.yaml": "a: 1\nb: 2\n",
        "dvc.yaml": #"""
        stages:
          whole-default:
            cmd: run
            params: [train.lr, {params.yaml: }, n]
          whole-other:
            cmd: run
            params: [{p2.yaml: [a]}, {p2.yaml: []}]
          keys:
            cmd: run
            params: [n, {p2.yaml: [b, a]}, train.layers, {params.yaml: [path]}]
          glob:
            cmd: run
            params: [train.l*]
        """#,
      ]),
    Fixture(
      name: "outputs-in-folders",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        stages:
          z-first:
            cmd: run
            deps: [report.txt, build]
          use-parent:
            cmd: use
            deps: [res]
            outs: [report.txt]
          make:
            cmd: make
            outs: [build]
          use-file:
            cmd: use
            deps: [build/lib/x.so, params.yaml]
            outs: [res/a.txt, res/b.txt]
          independent:
            cmd: run
          writes-params:
            cmd: run
            outs: [params.json]
          reads-params:
            cmd: run
            params: [{params.json: [a]}]
        """#,
      ]),
    // `é` written as one character and as `e` with a combining accent: two names, as for the
    // file system and for DVC (Python compares code points), though Swift finds them equal.
    Fixture(
      name: "unicode-names",
      files: [
        "dvc.yaml":
          "stages:\n  use:\n    cmd: use\n    deps: [\"e\u{301}.txt\"]\n  composed:\n    cmd: touch\n"
          + "    outs: [\"\u{E9}.txt\"]\n  decomposed:\n    cmd: touch\n    outs: [\"e\u{301}.txt\"]\n"
      ]),
    Fixture(
      name: "top-level",
      files: [
        "params.yaml": params,
        "dvc.yaml": #"""
        params: [results/params.yaml]
        metrics: [results/metrics.json, "${path}"]
        plots:
          - results/plots/metrics:
              x: step
          - results/images
          - combined:
              x: {a.csv: step}
              y: {a.csv: [loss, acc]}
        artifacts:
          model:
            path: models/model.pkl
            type: model
            labels: [cv]
        stages:
          s:
            cmd: run
        """#,
      ]),
  ]
}
