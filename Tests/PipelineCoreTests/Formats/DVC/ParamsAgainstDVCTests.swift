import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// Params files read by pipeshell and by DVC's own loaders (ruamel.yaml, json, tomlkit, ast),
/// compared value by value and type by type.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct ParamsAgainstDVCTests {
  /// Files to read: name (its extension picks the format) and text.
  static let files: [(String, String)] = [
    (
      "scalars.yaml",
      """
      a: yes
      b: no
      c: on
      d: true
      e: True
      f: TRUE
      g: 1e3
      h: 0x10
      i: 0o17
      j: 017
      k: .inf
      l: -.Inf
      m: .nan
      n: null
      o: ~
      p:
      q: 2001-12-14
      r: 2001-12-14t21:59:43.10-05:00
      s: 1_000
      t: +12
      u: 1.5e-3
      v: 1.
      w: .5
      x: 12:30:00
      y: 0b101
      z: -0
      aa: 1E3
      ab: 3.0
      ac: 1e+3
      ad: y
      ae: NULL
      ag: '1'
      ah: 0.1_0
      aj: -1_0
      ak: 1__0
      al: 0x_10
      am: +.5
      an: 1.0e5
      ap: 190:20:30
      aq: "2001-12-14"
      av: 1e3.5
      aw: [1, a, 2.5]
      ax: {}
      ay: []
      az: 2002-12-14 21:59:43
      ba: tRue
      bb: +.nan
      bc: 1_
      bd: 0o8
      be: 1e400
      bf: -0.0
      bg: 9223372036854775807
      bh: "multi\\nline"
      bi: |
        block
        text
      bj: >-
        folded
        text
      bk: 'it''s'
      bl: 123456789012345678
      bm: -123456789012345678
      bn: 1234567890123456789
      bo: -017
      br: 00
      bs: +0
      bt: -.5
      bu: 1.e3
      bv: 12345678901234567.5
      """
    ),
    (
      "nested.yaml",
      """
      train:
        lr: 0.01
        layers: [64, 32]
        opt: {name: adam, beta: [0.9, 0.99]}
      base: &b {x: 1, y: 2}
      derived:
        <<: *b
        y: 3
        z: 4
      many:
        <<: [{a: 1}, {a: 2, b: 2}]
      1: int key
      1.5: float key
      log-level: debug
      "a.b": dotted key
      """
    ),
    ("empty.yaml", ""),
    ("comment.yaml", "# nothing\n"),
    ("list.yml", "- 1\n- 2\n"),
    ("dup.yaml", "a: 1\na: 2\n"),
    ("dup-typed.yaml", "1: a\ntrue: b\n"),
    ("docs.yaml", "a: 1\n---\nb: 2\n"),
    ("bad.yaml", "a: [1, 2\n"),
    ("other.cfg", "a: 1\nb: [x]\n"),
    (
      "values.json",
      """
      {"a": 1, "b": 1.0, "c": 1e5, "d": -0, "e": NaN, "f": Infinity, "g": -Infinity,
       "h": "x\\u00e9\\ud83d\\ude00\\n", "i": [true, false, null], "j": {}, "k": {"l": {"m": []}},
       "a": 2, "n": 12345678901234, "o": 1E-7, "p": "\\/"}
      """
    ),
    ("zero.json", "0"),
    ("array.json", "[]"),
    ("trailing.json", "{\"a\": 1,}"),
    ("leading-zero.json", "{\"a\": 01}"),
    ("single.json", "{'a': 1}"),
    ("control.json", "{\"a\": \"x\ty\"}"),
    ("extra.json", "{} {}"),
    (
      "values.toml",
      """
      # comment
      title = "TOML"
      int = +99
      neg = -17
      big = 1_000
      hex = 0xDEAD_BEEF
      oct = 0o755
      bin = 0b1101
      flt = 6.626e-34
      flt2 = -0.01
      flt3 = 224_617.445_991
      pinf = inf
      ninf = -inf
      nan = nan
      bool = false
      date = 1979-05-27
      dt = 1979-05-27T07:32:00Z
      ldt = 1979-05-27 07:32:00.999
      time = 07:32:00
      str = "tab\\tnew\\nline \\u00e9 \\U0001F600"
      lit = 'C:\\Users\\x'
      ml = \"\"\"
      Roses are red
      Violets are \\
         blue\"\"\"
      mll = '''
      raw \\n text'''
      quotes = \"\"\"two "" quotes\"\"\"\"\"
      arr = [1, [2, 3], "x", {a = 1}]
      multi = [
        1, # one
        2,
      ]
      inline = { x = 1, y.z = 2 }
      "quoted key" = 1
      'lit key' = 2
      a.b.c = 3
      [server]
      host = "h"
      [server.alpha]
      ip = "10.0.0.1"
      [[products]]
      name = "Hammer"
      [[products]]
      [[products]]
      name = "Nail"
      [fruit]
      apple.color = "red"
      [fruit.apple.texture]
      smooth = true
      """
    ),
    ("dup.toml", "a = 1\na = 2\n"),
    ("table-twice.toml", "[a]\nx = 1\n[a]\ny = 2\n"),
    ("dotted-then-table.toml", "[fruit]\napple.color = 'red'\n[fruit.apple]\nx = 1\n"),
    ("bad-int.toml", "a = 01\n"),
    ("bad-float.toml", "a = 1.\n"),
    ("bad-string.toml", "a = \"x\n"),
    ("inline-newline.toml", "a = {x = 1,\n y = 2}\n"),
    ("implicit-then-table.toml", "[a.b]\nx = 1\n[a]\ny = 2\n"),
    ("empty.toml", ""),
    ("inline-lenient.toml", "a = {x = 1, y = 2,}\nb = {x = 1, # c\n y = 2}\nc = {\n}\n"),
    ("escapes.toml", "a = \"\\e\\x41\"\nb = 1979-05-27T07:32Z\nc = 07:32\nd = 00:00:00.1234567\n"),
    ("two-on-a-line.toml", "a = 1 b = 2\n"),
    ("value-then-table.toml", "a=1\n[a.b]\n"),
    ("array-then-table.toml", "[[a]]\n[a]\n"),
    ("empty-item.toml", "a = [1,,2]\n"),
    ("no-value.toml", "key = # no\n"),
    ("dotted-over-value.toml", "a.b = 1\na.b.c = 2\n"),
    ("bad-exponent.toml", "a = 1e\n"),
    ("double-underscore.toml", "a = 3__0\n"),
    ("signed-hex.toml", "a = +0x1\n"),
    (
      "params.py",
      """
      import math
      # comment
      lr = 0.001
      epochs: int = 10
      name = 'model' "-v2"
      layers = [64, 32,]
      shape = (1, 2)
      single = (3)
      opt = {'name': "adam", 'betas': (0.9, 0.99), 1: 'one'}
      neg = -5
      hexa = 0x1F
      flag = True
      nothing = None
      computed = math.sqrt(2)
      a = b = 3
      x, y = 1, 2
      bare = 1, 2
      raw = r'C:\\path'
      esc = 'tab\\tnl\\n\\x41\\101'
      big = 1_000_000
      flt = 1e-5
      lr = 0.002

      class Train:
          batch = 32
          def __init__(self):
              self.seed = 42
              self.rate = 0.5
              local = 1
          def other(self):
              self.no = 1

          class Inner:
              depth = 3

      def __init__(self):
          self.top = 'x'

      if __name__ == "__main__":
          ignored = 1
      """
    ),
    ("broken.py", "lr = (1,\n"),
    (
      "tags.yaml",
      """
      a: !!float 1
      b: !!float "1_0"
      c: !!float -.inf
      d: !!float " 2.5e3 "
      e: !!str 1.50
      f: !!str true
      g: !!int "3"
      h: !!int 0x-5
      i: !!bool "TRUE"
      j: !!bool off
      k: !!null 1
      l: ! "1"
      m: !!seq [!!str 1]
      n: !!map {!!int "1": x}
      o: !!omap [{x: 1}, {y: 2}]
      p: !!pairs [{x: 1}, {x: 2}]
      q: !!timestamp "2020-01-01"
      r: !<tag:yaml.org,2002:float> 3
      s: &anchor !!str 5
      t: *anchor
      !!str <<: {u: 1}
      """
    ),
    (
      "big.yaml",
      """
      a: 123456789012345678901234567890
      b: -99999999999999999999
      c: 0xFFFFFFFFFFFFFFFFFF
      d: 0o7777777777777777777777777
      e: 0b11111111111111111111111111111111111111111111111111111111111111111
      f: 9223372036854775807
      g: 9223372036854775808
      h: -9223372036854775808
      i: -9223372036854775809
      j: 1_000_000_000_000_000_000_000
      k: !!int 123456789012345678901234567890
      l: [18446744073709551616, 1]
      m: 000123456789012345678901234567890
      """
    ),
    ("big.json", "{\"a\": 123456789012345678901234567890, \"b\": -99999999999999999999, \"c\": [9223372036854775808]}"),
    ("big.toml", "a = 123456789012345678901234567890\nb = -99_999_999_999_999_999_999\nc = 0xFFFFFFFFFFFFFFFFFF\n"),
    ("big-signed.toml", "d = +9223372036854775808\ne = -9223372036854775808\n"),
    ("big.py", "A = 123456789012345678901234567890\nB = -99999999999999999999\nC = -9223372036854775808\n"),
    ("big-hex.py", "D = 0xFFFFFFFFFFFFFFFFFF\n"),
    (
      "signs.py",
      "a = --9223372036854775808\nb = 1\nc = -(-9223372036854775808)\nd = -5\ne = -9223372036854775808\nf = +-5\n"
        + "g = -(5)\nh = [1, --2]\ni = -(9223372036854775808)\n"
    ),
    ("too-big.yaml", "a: 1" + String(repeating: "0", count: 4300) + "\n"),
    ("tab-trailing.yaml", "a: 1\t\n"),
    ("tab-inside-plain.yaml", "a: echo\tb\n"),
    ("tab-after-colon.yaml", "a:\t1\n"),
    ("tab-before-comment.yaml", "a: 1\t# c\n"),
    ("tab-after-list-item.yaml", "a:\n- x\t\n"),
    ("tab-in-quotes.yaml", "a: \"x\ty\"\nb: 'p\tq'\nc: \"multi\n  \tline\"\n"),
    ("tab-in-block.yaml", "a: |\n  x\ty\n  \tz\nb: >-\n  p\tq\n"),
    ("tab-in-comment.yaml", "a: 1 # c\td\n#\tfull line\nb: 2\n"),
    ("tab-in-flow.yaml", "a: [1,\t2]\nb: {x: 1,\ty: 2}\n"),
    ("tab-hash-in-value.yaml", "a: x#\ty\n"),
    ("tab-bom-comment.yaml", "\u{FEFF}# header\tcomment\na: 1\n"),
    ("tab-bom-block.yaml", "\u{FEFF}a: |\n  x\t\n"),
    ("tab-cr-comment.yaml", "a: 1\r# c\td\rb: 2\r\n"),
    ("tab-nel-comment.yaml", "a: 1\u{85}# c\td\n"),
    ("tab-block-header.yaml", "a: |\t\n  x\n"),
    ("tab-block-header-comment.yaml", "a: |2- # c\td\n  x\n"),
    ("tab-flow-plain.yaml", "a: [x\ty]\n"),
    ("tab-bom-key.yaml", "\u{FEFF}a:\t\"x\"\n"),
    ("tab-cr-value.yaml", "a: 1\rb: 2\t\r\n"),
    ("tag-unknown.yaml", "a: !custom 1\n"),
    ("tag-bad-float.yaml", "a: !!float abc\n"),
    ("tag-bad-int.yaml", "a: !!int 1.5\n"),
    ("tag-bad-bool.yaml", "a: !!bool 1\n"),
    ("tag-on-list.yaml", "a: !!str [1]\n"),
    ("tag-omap-twice.yaml", "a: !!omap [{k: 1}, {k: 2}]\n"),
  ]

  @Test func readsEveryFileAsDVCDoes() throws {
    let folder = TemporaryFolder()
    var paths: [String] = []
    for (name, text) in Self.files {
      paths.append(try folder.write(Array(Self.dedented(text).utf8), to: name))
    }
    let expected = DVCTool.oracle("params", paths)
    #expect(expected.count == paths.count)
    for (index, path) in paths.enumerated() where index < expected.count {
      let text = Self.dedented(Self.files[index].1)
      let ours: String
      do {
        let file = try ParamsFileReader.parse(text, path: path)
        ours = Canonical.text(file.root)
      } catch {
        ours = "ERROR"
      }
      let theirs = expected[index].hasPrefix("ERROR") ? "ERROR" : expected[index]
      // DVC reads a list at the top of a YAML file; pipeshell needs a mapping there.
      if Self.files[index].0 == "list.yml" {
        #expect(ours == "ERROR" && theirs == "[int:1, int:2]")
        continue
      }
      #expect(ours == theirs, "\(Self.files[index].0)")
    }
  }

  /// The text without the indentation of its first line (Swift's multi-line literals keep it
  /// when the literal is built from parts).
  static func dedented(_ text: String) -> String {
    text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
  }
}
