# Log-like lines (timestamps, levels, key=value pairs, object paths), about `bytes` bytes of
# them; one line in 500 ends with `auth=` and one of the secrets in ENVIRON S1, S2, ...
# (`awk -v bytes=N -f logtext.awk`; seeded, so every run prints the same text).
BEGIN {
  srand(7)
  split("info warn debug error", level, " ")
  split("train evaluate prepare export", step, " ")
  for (n = 1; ("S" n) in ENVIRON; n++) secret[n] = ENVIRON["S" n]
  n--
  total = 0
  for (i = 1; total < bytes; i++) {
    line = sprintf("2026-11-24T%02d:%02d:%02d.%03d %-5s step=%s epoch=%d loss=%.6f lr=%.4f batch=%d msg=\"processed shard %d of s3://bucket/dataset/part-%05d.parquet in %d ms\"",
      int(rand() * 24), int(rand() * 60), int(rand() * 60), int(rand() * 1000), level[1 + int(rand() * 4)],
      step[1 + int(rand() * 4)], int(rand() * 100), rand(), rand() / 10, int(rand() * 512),
      int(rand() * 1000), int(rand() * 99999), int(rand() * 5000))
    if (n > 0 && i % 500 == 0) line = line " auth=" secret[1 + int(rand() * n)]
    print line
    total += length(line) + 1
  }
}
