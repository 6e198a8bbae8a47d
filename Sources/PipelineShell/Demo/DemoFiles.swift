/// The built-in example project that `pipeshell --demo` writes: a pipeline and POSIX sh/awk
/// scripts that make a data set, fit a model by gradient descent and score it.
enum DemoFiles {
  /// File names and contents, in the order they are written.
  static let files: [(name: String, text: String, executable: Bool)] = [
    (
      "pipeline.yaml",
      #"""
      name: demo
      description: Fit a curve to noisy data by gradient descent (POSIX sh and awk only)

      params:
        samples:   {type: int, default: 200, min: 20, max: 100000, description: Rows of synthetic data}
        noise:     {type: float, default: 0.3, min: 0, max: 5, description: Noise added to each row}
        seed:      {type: int, default: 7, description: Random seed of the data set}
        model:     {type: choice, choices: [mean, linear, quadratic], default: quadratic, description: Model family}
        epochs:    {type: int, default: 100, min: 1, max: 10000, description: Passes of gradient descent}
        lr:        {type: float, default: 0.05, min: 0.000001, max: 1, description: Learning rate}
        run_name:  {type: string, default: "${model}-e${epochs}-lr${lr}", pattern: "^[a-z0-9.-]+$"}
        publish:   {type: bool, default: false, description: Upload the model (needs api_token)}
        api_token: {type: secret, description: Token for publishing; bind with 'secret api_token'}

      profiles:
        quick: {epochs: 20, samples: 100}
        full:  {epochs: 1000, samples: 2000}

      steps:
        make_data:
          run: ./make_data.sh ${samples} ${noise} ${seed}
          inputs: [make_data.sh]
          outputs: [data/train.csv, data/test.csv]
        train:
          needs: [make_data]
          run: ./train.sh ${model} ${epochs} ${lr}
          inputs: [train.sh, data/train.csv]
          outputs: [out/model.txt]
          timeout: 5m
        evaluate:
          needs: [train]
          run: ./evaluate.sh
          inputs: [evaluate.sh, out/model.txt, data/test.csv]
          metrics: out/metrics.json
        publish:
          needs: [evaluate]
          when: publish
          run: ./publish.sh
          env: {API_TOKEN: "${api_token}", RUN_NAME: "${run_name}"}
      """#, false
    ),
    (
      "make_data.sh",
      #"""
      #!/bin/sh
      # Makes a noisy data set y = 0.5x^2 - x + 2 (+ noise), split into train and test.
      # usage: make_data.sh SAMPLES NOISE SEED
      set -eu
      mkdir -p data
      awk -v n="$1" -v noise="$2" -v seed="$3" 'BEGIN {
        srand(seed)
        for (i = 0; i < n; i++) {
          x = -3 + 6 * rand()
          e = (rand() + rand() + rand() - 1.5) * noise
          y = 0.5 * x * x - x + 2 + e
          if (i % 5 == 0) print x "," y > "data/test.csv"; else print x "," y > "data/train.csv"
        }
      }'
      echo "made $(wc -l < data/train.csv) training and $(wc -l < data/test.csv) test rows"
      """#, true
    ),
    (
      "train.sh",
      #"""
      #!/bin/sh
      # Fits a model to data/train.csv by gradient descent and writes out/model.txt.
      # usage: train.sh MODEL EPOCHS LR
      set -eu
      mkdir -p out
      awk -F, -v model="$1" -v epochs="$2" -v lr="$3" '
      { x[NR] = $1; y[NR] = $2 }
      END {
        n = NR; a = 0; b = 0; c = 0
        for (e = 1; e <= epochs; e++) {
          ga = 0; gb = 0; gc = 0; loss = 0
          for (i = 1; i <= n; i++) {
            p = c
            if (model != "mean") p += b * x[i]
            if (model == "quadratic") p += a * x[i] * x[i]
            d = p - y[i]; loss += d * d
            gc += d; gb += d * x[i]; ga += d * x[i] * x[i]
          }
          c -= lr * 2 * gc / n
          if (model != "mean") b -= lr * 2 * gb / n
          if (model == "quadratic") a -= lr * 2 * ga / n
          loss /= n
          if (e == 1 || e % (epochs > 10 ? int(epochs / 5) : 1) == 0 || e == epochs)
            printf "epoch %d/%d  loss %.4f\n", e, epochs, loss
        }
        if (loss != loss || loss > 1e12) { print "loss diverged; try a smaller lr" > "/dev/stderr"; exit 1 }
        printf "::metric loss=%.6f\n", loss
        printf "%s %.6f %.6f %.6f\n", model, a, b, c > "out/model.txt"
      }' data/train.csv
      """#, true
    ),
    (
      "evaluate.sh",
      #"""
      #!/bin/sh
      # Scores out/model.txt on data/test.csv and writes out/metrics.json.
      set -eu
      awk -F, '
      NR == FNR { split($0, m, " "); a = m[2]; b = m[3]; c = m[4]; next }
      { p = a * $1 * $1 + b * $1 + c; d = p - $2; se += d * d; n++; sy += $2; syy += $2 * $2 }
      END {
        mse = se / n; var = syy / n - (sy / n) ^ 2
        r2 = 1 - mse / var
        printf "{\"mse\": %.6f, \"r2\": %.6f}\n", mse, r2 > "out/metrics.json"
        printf "test mse %.4f  r2 %.4f\n", mse, r2
      }' out/model.txt data/test.csv
      """#, true
    ),
    (
      "publish.sh",
      #"""
      #!/bin/sh
      # Pretends to upload the model; the token comes only through the environment.
      set -eu
      echo "uploading $(cat out/model.txt) as $RUN_NAME"
      echo "authorization: Bearer $API_TOKEN"
      echo "done"
      """#, true
    ),
  ]
}
