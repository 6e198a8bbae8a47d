extension LeakVectors {
  /// The run store while a run is going (database and its WAL, copied by a step), after a
  /// kill that leaves the WAL behind, and the output cache.
  static let store: [LeakVector] = [
    LeakVector(
      name: "store: runs.db and its WAL copied while the run is going",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          params: "  auth: {type: string, default: \"Bearer ${tok}\"}\n",
          steps: """
              first:
                env: {TOKEN: "${tok}", AUTH: "${auth}"}
                run: echo "first $TOKEN $AUTH"
              second:
                needs: [first]
                env: {TOKEN: "${tok}"}
                run: |
                  %CAPTURE%
                  sleep 0.3; cp -r .pipeshell copy-of-store; ls copy-of-store > copied.txt

            """)
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --jobs 1\ncompare\n"), expect: ["first **** ****", "run 1 ok"]),
    LeakVector(
      name: "store: the shell killed mid-run (the WAL left behind)",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          steps: """
              first:
                env: {TOKEN: "${tok}"}
                run: echo "first $TOKEN"
              wait:
                needs: [first]
                env: {TOKEN: "${tok}"}
                run: |
                  %CAPTURE%
                  echo "waiting $TOKEN"; touch started; sleep 30

            """),
        "session.psh": "secret tok --from-env TOKEN\nrun --jobs 1\n",
      ],
      environment: LeakVector.tokenEnvironment,
      session: .shell(
        """
        "$P" -f session.psh pipeline.yaml &
        pid=$!
        i=0; while [ ! -f started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
        sleep 0.3
        ls .pipeshell
        kill -KILL $pid; wait $pid 2>/dev/null
        for f in proc/step.*; do kill -KILL -"${f#proc/step.}" 2>/dev/null; done
        ls .pipeshell
        """),
      expect: ["first ****", "waiting ****", "runs.db-wal"]),
    LeakVector(
      name: "store: declared outputs in the cache, reused by a rerun",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          steps: """
              build:
                env: {TOKEN: "${tok}"}
                outputs: [out/model.txt]
                run: |
                  %CAPTURE%
                  mkdir -p out; echo "model built with a token of $(printf %s "$TOKEN" | wc -c) bytes" > out/model.txt; echo "built $TOKEN"

            """)
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --jobs 1\nrerun --jobs 1\nrerun --force --jobs 1\n"),
      expect: ["built ****", "run 2 ok", "run 3 ok"]),
    keptOutput(
      "a declared output file holding the secret (and one its base64), reused by a rerun",
      outputs: "config.txt, encoded.txt",
      writes: #"echo "token=$TOKEN" > config.txt; printf 'user:%s' "$TOKEN" | base64 > encoded.txt"#,
      wipe: "rm config.txt encoded.txt", then: "runs\n",
      expect: ["config.txt of write holds a secret", "encoded.txt of write holds a secret", "run 3 ok", "reused"]),
    keptOutput(
      "a file of a declared output folder holding the secret", outputs: "out",
      writes: #"mkdir -p out/deep; echo plain > out/a.txt; echo "key $TOKEN" > out/deep/key.txt"#,
      wipe: "rm -r out", expect: ["out/deep/key.txt of write holds a secret", "run 3 ok"]),
    LeakVector(
      name: "store: a folder output put back from the cache (the restore journaled while it runs)",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          params: "  n: {type: int, default: 2}\n",
          steps: """
              make:
                env: {TOKEN: "${tok}"}
                outputs: [out]
                run: |
                  %CAPTURE%
                  rm -rf out; mkdir out; for i in $(seq ${n}); do echo "file $i" > out/f$i; done

            """)
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --jobs 1\nrun n=3 --jobs 1\nrun --jobs 1\n"),
      expect: ["restored out from the cache", "run 3 ok"]),
  ]

  /// A step `write` that writes the secret into its declared `outputs`, run, rerun, and run
  /// once more with `wipe=true`, when a step `wipe` removes them: the step's own files hold the
  /// secret by the user's choice, so what is left to search is what pipeshell kept.
  private static func keptOutput(
    _ name: String, outputs: String, writes: String, wipe: String, then: String = "", expect: [String]
  ) -> LeakVector {
    LeakVector(
      name: "store: " + name,
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          params: "  wipe: {type: bool, default: false}\n",
          steps: """
              write:
                env: {TOKEN: "${tok}"}
                outputs: [\(outputs)]
                run: |
                  %CAPTURE%
                  \(writes)
              wipe:
                needs: [write]
                when: wipe
                run: \(wipe)

            """)
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --jobs 1\nrerun --jobs 1\nrun wipe=true --jobs 1\n" + then),
      expect: expect)
  }
}
