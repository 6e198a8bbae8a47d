import PipelineTestSupport
import Testing

/// A dependency written as a URL (`https://…`, `remote://…`) is one DVC reads from another file
/// system: DVC plans the stage (`dvc repro --dry`), orders it by its other dependencies, and
/// compares the URL's ETag before it runs. pipeshell plans and runs the stage too, never takes
/// the URL for a missing file of the project, and runs it while the ETag cannot be asked (no
/// network here, or a file system other than http); `dvc.lock` records the URL where DVC does.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCURLDependencyTests {
  @Test func aStageWithAURLDependencyIsPlannedRunAndRecorded() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n[remote \"storage\"]\n    url = /nonexistent/storage\n",
      "p/local.csv": "a,b\n",
      "p/dvc.yaml": """
      stages:
        fetch:
          cmd: cp local.csv fetched.csv
          deps:
          - https://example.com/data.csv
          - local.csv
          outs: [fetched.csv]
        use:
          cmd: cat fetched.csv > used.txt
          deps: [fetched.csv, "remote://storage/x.csv"]
          outs: [used.txt]

      """,
    ]
    let script = """
      cd p
      "$DVC" repro --dry fetch > dry.txt 2>&1; echo "dvc dry status $?"; grep -c "Running stage" dry.txt
      "$DVC" stage list --name-only; echo "dvc list status $?"
      "$P" -c 'plan; run --jobs 1; run --jobs 1' dvc.yaml; echo "pipeshell status $?"
      cat dvc.lock
      """
    let output = try DVCTool.script(script, files: project)
    #expect(output.contains("dvc dry status 0\n1\nfetch\nuse\ndvc list status 0\n"), "\(output)")
    #expect(
      output.contains("  1  fetch  runs  cp local.csv fetched.csv\n  2  use    runs  cat fetched.csv > used.txt"),
      "\(output)")
    #expect(output.contains("pipeshell status 0\n"), "\(output)")
    #expect(output.components(separatedBy: "(2 ran, 0 reused)").count == 3, "they run every time: \(output)")
    #expect(
      output.contains(
        "depends on https://example.com/data.csv: run unless dvc.lock holds the ETag the server sends now"),
      "\(output)")
    #expect(
      output.contains("    deps:\n    - path: https://example.com/data.csv\n    - path: local.csv\n      hash: md5\n"),
      "\(output)")
    #expect(output.contains("    - path: remote://storage/x.csv\n"), "\(output)")
  }

  /// An http(s) URL is recorded as DVC records it, with the server's ETag (`checksum`) and size,
  /// which pipeshell asks `curl` for as DVC asks with a HEAD request; the stage is then reused
  /// while the server sends the same ETag, and runs again when it changes.
  @Test func anHTTPDependencyIsRecordedWithItsETagAndReusedWhileItHoldsAsInDVC() throws {
    let server = """
      import hashlib, http.server, os, sys
      class Handler(http.server.SimpleHTTPRequestHandler):
          def end_headers(self):
              path = self.translate_path(self.path)
              if os.path.isfile(path):
                  self.send_header("ETag", '"' + hashlib.md5(open(path, "rb").read()).hexdigest() + '"')
              super().end_headers()
          def log_message(self, *args): pass
      httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
      open(sys.argv[1], "w").write(str(httpd.server_address[1]))
      httpd.serve_forever()

      """
    let files = [
      "served/data.csv": "a,b\n", "server.py": server, "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/dvc.yaml.in":
        "stages:\n  fetch:\n    cmd: echo ran >> runs.txt\n    deps:\n    - http://127.0.0.1:PORT/data.csv\n"
        + "    outs:\n    - runs.txt:\n        cache: false\n",
    ]
    let script = """
      (cd served && exec "$(dirname "$DVC")/python" ../server.py ../port) & server=$!
      trap 'kill $server' EXIT
      for i in 1 2 3 4 5 6 7 8 9 10; do [ -s port ] && break; sleep 0.5; done
      sed "s/PORT/$(cat port)/" p/dvc.yaml.in > p/dvc.yaml && cp -a p A && cp -a p B
      (cd A && "$DVC" repro -q; echo "dvc status $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml > /dev/null; echo "pipeshell status $?")
      sed "s/$(cat port)/PORT/" A/dvc.lock > lockA; sed "s/$(cat port)/PORT/" B/dvc.lock > lockB
      cmp lockA lockB && echo "same lock"; cat lockB
      (cd B && "$DVC" status -q; echo "dvc status after pipeshell $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml | grep '^  fetch')
      echo "c,d" >> served/data.csv
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml | grep '^  fetch' | cut -c1-20; cat runs.txt | wc -l)
      (cd B && "$DVC" status -q; echo "dvc status after the change $?")
      """
    let output = try DVCTool.script(script, files: files)
    #expect(output.contains("dvc status 0\n"), "\(output)")
    #expect(output.contains("pipeshell status 0\nsame lock\n"), "\(output)")
    #expect(
      output.contains("    - path: http://127.0.0.1:PORT/data.csv\n      hash: md5\n      checksum: '\""), "\(output)")
    #expect(output.contains("dvc status after pipeshell 0\n"), "\(output)")
    #expect(output.contains("  fetch  reused  up to date in dvc.lock\n"), "\(output)")
    #expect(output.contains("  fetch  ok  0."), "runs again once the ETag changed: \(output)")
    #expect(output.contains("1\ndvc status after the change 0\n"), "\(output)")
  }
}
