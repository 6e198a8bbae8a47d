extension LeakVectors {
  /// What steps print: whole, split, from children, on both streams, in bulk.
  static let stepOutput: [LeakVector] = [
    printed("stdout, whole", #"echo "whole: $TOKEN""#, expect: ["whole: ****"]),
    printed("stderr, whole", #"echo "err: $TOKEN" >&2"#, expect: ["err: ****"]),
    printed(
      "split across two writes 0.2 s apart",
      #"printf 'split: '; printf %s "$TOKEN" | head -c 6; sleep 0.2; printf %s "$TOKEN" | tail -c +7; echo"#,
      expect: ["split: ****"]),
    printed(
      "one byte per write",
      #"for b in $(printf %s "$TOKEN" | od -An -v -to1); do printf "\\$b"; sleep 0.002; done; echo"#,
      expect: ["****"]),
    printed("a child process", #"sh -c 'echo "child: $TOKEN"'"#, expect: ["child: ****"]),
    printed("a grandchild process", #"sh -c 'sh -c "echo \"grandchild: \$TOKEN\""'"#, expect: ["grandchild: ****"]),
    printed(
      "a background child still printing after the step exits",
      #"(sleep 0.3; echo "late: $TOKEN") &"# + "\necho started", expect: ["started"]),
    printed(
      "stdout and stderr interleaved",
      #"echo "o1 $TOKEN"; echo "e1 $TOKEN" >&2; echo "o2 $TOKEN"; echo "e2 $TOKEN" >&2"#,
      expect: ["o1 ****", "e1 ****", "o2 ****", "e2 ****"]),
    printed("no newline at the end", #"printf 'tail: %s' "$TOKEN""#, expect: ["tail: ****"]),
    printed(
      "the same secret three times in a row", #"printf '<%s%s%s>\n' "$TOKEN" "$TOKEN" "$TOKEN""#, expect: ["<****>"]),
    printed(
      "after 200 KB of text (past a read's 128 KiB)", #"head -c 200000 /dev/zero | tr '\0' x; echo " $TOKEN end""#,
      expect: ["x **** end"]),
    printed("20,000 lines of it", #"yes "$TOKEN" | head -n 20000"#, expect: ["****\n****\n****"]),
    printed("inside a longer word", #"printf 'pre%spost\n' "$TOKEN""#, expect: ["pre****post"]),
    printed("the step's whole environment", "env | sort", expect: ["TOKEN=****"]),
    printed("set -x tracing a command that uses it", #"set -x; true "$TOKEN""#, expect: ["+ true ****"]),
    printed(
      "a failing step's last words", #"echo "fatal: bad token $TOKEN" >&2; exit 3"#,
      expect: ["fatal: bad token ****"]
    ).expecting(["run 1 failed"], instead: "run 1 ok"),
    printed(
      "a retried step", #"echo "try: $TOKEN"; [ -f tried ] || { touch tried; exit 1; }"#,
      params: "", then: "logs show\n", expect: ["try: ****"]
    ).withSteps(retries: 1),
    printed(
      "a metric named with it", #"echo "::metric $TOKEN=1"; echo "::metric loss=0.5""#, then: "runs\nshow run 1\n"),
    printed(
      "metacharacters", #"printf 'meta: %s\n' "$TOKEN""#, secret: LeakSecrets.metacharacters, expect: ["meta: ****"]),
    printed("Unicode", #"printf 'uni: %s\n' "$TOKEN""#, secret: LeakSecrets.unicode, expect: ["uni: ****"]),
    printed(
      "Unicode split inside a character",
      #"printf %s "$TOKEN" | head -c 2; sleep 0.2; printf %s "$TOKEN" | tail -c +3; echo"#,
      secret: LeakSecrets.unicode, expect: ["****"]),
    printed("spaces in it", #"echo "[$TOKEN]""#, secret: LeakSecrets.spaces, expect: ["[****]"]),
    printed("a long one", #"echo "long: $TOKEN""#, secret: LeakSecrets.long, expect: ["long: ****"]),
    printed("one that looks like base64", #"echo "b: $TOKEN""#, secret: LeakSecrets.base64Like, expect: ["b: ****"]),
    printed(
      "multi-line, whole", #"printf 'key:\n%s\n' "$TOKEN""#, secret: LeakSecrets.multiLine, expect: ["key:\n****"]),
    printed(
      "multi-line, each line apart", #"printf '%s\n' "$TOKEN" | sed 's/^/line: /'"#, secret: LeakSecrets.multiLine,
      expect: ["line: ****"]),
    printed(
      "multi-line, lines backwards", #"printf '%s\n' "$TOKEN" | tac"#, secret: LeakSecrets.multiLine, expect: ["****"]),
    printed(
      "a value derived from it", #"echo "auth: $AUTH"; echo "$AUTH" | cut -d' ' -f2"#,
      params: "  auth: {type: string, default: \"Bearer ${tok}\"}\n", env: "AUTH: \"${auth}\"", expect: ["auth: ****"]),
    printed(
      "a value derived twice", #"echo "header: $HEADER""#,
      params:
        "  auth: {type: string, default: \"Bearer ${tok}\"}\n  header: {type: string, default: \"X-Auth: ${auth}\"}\n",
      env: "HEADER: \"${header}\"", expect: ["header: ****"]),
    printed(
      "the shell escape", "echo ran", then: #"shell printf 'escape: %s\n' $TOKEN"# + "\n", expect: ["escape: ****"]),
  ]
}

extension LeakVector {
  /// The same vector expecting `texts` in the place of `old`.
  func expecting(_ texts: [String], instead old: String) -> LeakVector {
    var copy = self
    copy.expect = copy.expect.filter { $0 != old } + texts
    return copy
  }

  /// The same vector with `retries:` on its one step.
  func withSteps(retries: Int) -> LeakVector {
    var copy = self
    copy.files["pipeline.yaml"] = copy.files["pipeline.yaml"].map {
      $0.replacingOccurrences("  show:\n", with: "  show:\n    retries: \(retries)\n")
    }
    return copy
  }
}

extension String {
  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
