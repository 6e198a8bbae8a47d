/// The choices `export argo` leaves to the user: the container image every step runs in, the
/// Kubernetes Secret that holds the pipeline's secrets, and the volume holding the pipeline's
/// folder (which every step shares, as on a Slurm cluster).
package struct ArgoExportOptions: Sendable, Hashable {
  /// The image every step's container runs (it needs `/bin/sh` and the steps' tools).
  package var image: String
  /// The Kubernetes Secret holding the secrets; nil: `<pipeline>-secrets`.
  package var secretName: String?
  /// The key in the Secret for a secret parameter; a parameter not listed uses its own name.
  package var secretKeys: [String: String]
  /// The PersistentVolumeClaim holding the pipeline's folder; nil: `<pipeline>-workspace`.
  package var claimName: String?
  /// Where the pipeline's folder is mounted in every container.
  package var mountPath: String

  /// The defaults: a Debian image, a Secret and a claim named after the pipeline, `/workspace`.
  package init(
    image: String = "debian:bookworm-slim", secretName: String? = nil, secretKeys: [String: String] = [:],
    claimName: String? = nil, mountPath: String = "/workspace"
  ) {
    self.image = image
    self.secretName = secretName
    self.secretKeys = secretKeys
    self.claimName = claimName
    self.mountPath = mountPath
  }

  /// The problems with the options themselves (names Kubernetes would refuse).
  func problems() -> [ArgoExportProblem] {
    var problems: [ArgoExportProblem] = []
    if image.isEmpty || image.count > 1000 || image.contains(where: { $0.isWhitespace }) {
      problems.append(.option(name: "--image", value: image, expected: "an image reference without spaces"))
    }
    for (option, value) in [("--secret-name", secretName), ("--claim", claimName)] {
      if let value, !ArgoNames.isDNSSubdomain(value) {
        problems.append(
          .option(name: option, value: value, expected: "a Kubernetes name (lower-case letters, digits, '-', '.')"))
      }
    }
    for (parameter, key) in secretKeys.sorted(by: { $0.key < $1.key }) where !ArgoNames.isSecretKey(key) {
      problems.append(
        .option(
          name: "--secret-key \(parameter)", value: key, expected: "a Secret key (letters, digits, '-', '_', '.')"))
    }
    if !mountPath.hasPrefix("/") || mountPath == "/" || mountPath.contains(":") || mountPath.count > 1000 {
      problems.append(.option(name: "--mount", value: mountPath, expected: "an absolute path other than /"))
    }
    return problems
  }

  /// The Secret's name for `pipeline`.
  func secretName(for pipeline: String) -> String { secretName ?? ArgoNames.kubernetesName(pipeline) + "-secrets" }
  /// The claim's name for `pipeline`.
  func claimName(for pipeline: String) -> String { claimName ?? ArgoNames.kubernetesName(pipeline) + "-workspace" }
}
