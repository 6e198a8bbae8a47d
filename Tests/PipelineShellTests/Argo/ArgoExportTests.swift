import PipelineCore
import Testing

@testable import PipelineShell

/// `export argo`: manifests that Argo's strict schema accepts, with what the schema cannot check
/// checked by pipeshell, and no secret ever written.
@Suite struct ArgoExportTests {
  static let demo = DemoFiles.files[0].text

  /// SPEC §1's example pipeline.
  static let specExample = """
    name: train-eval
    description: Train and evaluate a model
    params:
      data_path:   {type: path, default: data/train.csv, must_exist: true, description: Training data}
      model:       {type: choice, choices: [linear, tree, mlp], default: linear}
      epochs:      {type: int, default: 10, min: 1, max: 1000}
      lr:          {type: float, default: 0.01, min: 0.000001, max: 1}
      train_model: {type: bool, default: true}
      layers:      {type: list, items: int, default: [64, 32]}
      tags:        {type: dict, default: {team: ml}}
      run_name:    {type: string, default: "${model}-e${epochs}", pattern: "^[a-z0-9-]+$"}
      git_sha:     {type: string, default: "${cmd:git rev-parse --short HEAD}"}
      user:        {type: string, default: "${env:USER:-nobody}"}
      api_key:     {type: secret, required: true}
    profiles:
      dev:  {epochs: 2}
      prod: {epochs: 50, lr: 0.005}
    steps:
      prepare:
        run: ./prepare.sh ${data_path} out/prep.csv
        inputs: [prepare.sh, "${data_path}"]
        outputs: [out/prep.csv]
      train:
        needs: [prepare]
        when: train_model and epochs > 0
        run: ./train.sh --epochs ${epochs} --lr ${lr} --model ${model}
        env: {API_KEY: "${api_key}"}
        outputs: [out/model.txt]
        timeout: 10m
        retries: 1
      evaluate:
        needs: [train]
        run: ./evaluate.sh out/model.txt
        metrics: out/metrics.json

    """

  /// Secrets used whole and inside text, lists, dicts, groups, dollars, a working folder.
  static let secretsAndCollections = """
    name: Secrets & Collections
    params:
      token:   {type: secret}
      layers:  {type: list, items: int, default: [64, 32]}
      names:   {type: list, items: string, default: [a, "b c"]}
      tags:    {type: dict, default: {team: ml, "on": "yes"}}
      train.lr: {type: float, default: 0.5}
      label:   {type: string, default: "it's \\"quoted\\" $HOME {x}"}
    steps:
      fetch_data:
        cwd: data/raw
        run: echo ${layers} ${names} ${tags} ${train.lr} '$HOME' $$ "${label}"
        env:
          TOKEN: "${token}"
          AUTH: "Bearer ${token}"
          VERSION: "${cmd:git describe}"
          WHO: "${env:USER}"
      upload:
        needs: [fetch_data]
        allow_secret_in_args: true
        continue_on_error: true
        run: 'curl -H "token: ${token}" https://example.org'
      report:
        needs: [upload]
        run: echo done

    """

  @Test(arguments: [("demo", demo), ("spec", specExample), ("collections", secretsAndCollections)])
  func manifestsValidateAgainstTheStrictSchema(_ name: String, _ text: String) throws {
    let yaml = try ArgoFixtures.export(text)
    #expect(try ArgoFixtures.schemaProblems(yaml) == [], "\(name)")
  }

  @Test func theSchemaCheckCanFail() throws {
    let yaml = try ArgoFixtures.export(Self.demo)
    let broken = [
      yaml.replacing("depends: train", with: "dependss: train"),
      yaml.replacing("activeDeadlineSeconds: 300", with: "activeDeadlineSeconds: [300]"),
      yaml.replacing("kind: Workflow", with: "kind: Workflow\nextra: 1"),
      yaml.replacing("  - name: samples\n", with: "  - nam: samples\n"),
    ]
    for text in broken {
      #expect(text != yaml)
      let problems = try ArgoFixtures.schemaProblems(text)
      #expect(problems.count >= 1 && problems.allSatisfy { $0.hasPrefix("invalid MANIFEST: $") }, "\(problems)")
    }
  }

  @Test func theDemoBecomesADAGOfContainersOnTheSharedVolume() throws {
    let yaml = try ArgoFixtures.export(
      Self.demo, options: ArgoExportOptions(image: "python:3.12-slim", claimName: "shared-pvc"),
      session: ["epochs": "7"])
    for line in [
      "apiVersion: argoproj.io/v1alpha1", "kind: Workflow", "  generateName: demo-", "  entrypoint: pipeline",
      "    - name: epochs\n      value: '7'\n      description: 'Passes of gradient descent'",
      "    - name: model\n      value: quadratic\n      enum:\n      - mean\n      - linear\n      - quadratic",
      "    - name: publish\n      value: 'false'\n      enum:\n      - 'true'\n      - 'false'",
      "      claimName: shared-pvc", "      - name: make-data\n        template: make-data\n",
      "      - name: train\n        template: train\n        depends: make-data\n",
      "        when: '{{= (workflow.parameters[''publish''] == ''true'') }}'",
      "      image: 'python:3.12-slim'", "      - /bin/sh\n      - '-c'",
      "      - './train.sh {{workflow.parameters.model}} {{workflow.parameters.epochs}} {{workflow.parameters.lr}}'",
      "      workingDir: /workspace", "    activeDeadlineSeconds: 300",
      "      - name: PARAM_EPOCHS\n        value: '{{workflow.parameters.epochs}}'",
      "      - name: API_TOKEN\n        valueFrom:\n          secretKeyRef:\n            name: demo-secrets\n            key: api_token",
      "    pipeshell.dev/step-names: '{\"make-data\": \"make_data\"}'",
    ] {
      #expect(yaml.contains(line), "missing:\n\(line)")
    }
    #expect(!yaml.contains("api_token\n      value"))  // the secret is no parameter
  }

  @Test func secretsAreReferencesAndNeverValues() throws {
    let (pipeline, _) = try ArgoFixtures.resolved(Self.secretsAndCollections)
    let secretValue = "sup3r-s3cret-value"
    let input = ResolutionInput(
      pipeline: pipeline, environment: ["USER": "ada"],
      sessionBindings: [
        Binding(
          name: "token", raw: .secret(Secret(secretValue)), layer: .session,
          source: .command("secret token", .commandLine))
      ])
    let snapshot = Resolver(sources: FixedSources(), input: input).resolve(input)
    let options = ArgoExportOptions(secretName: "team-vault", secretKeys: ["token": "api-token"])
    let exporter = ArgoWorkflowExporter(options: options, environment: ["USER": "ada"], sources: FixedSources())
    let yaml = try exporter.yaml(pipeline, snapshot: snapshot)
    #expect(!yaml.contains(secretValue))
    #expect(try ArgoFixtures.schemaProblems(yaml) == [])
    let carrier =
      "- name: PIPESHELL_SECRET_TOKEN\n        valueFrom:\n          secretKeyRef:\n            name: team-vault\n            key: api-token"
    let fetch = try #require(yaml.firstRange(of: "  - name: fetch-data\n    container:"))
    let fetchTemplate = yaml[fetch.lowerBound...]
    // The carrier comes before the value that uses it: Kubernetes expands only earlier names.
    let carrierAt = try #require(fetchTemplate.firstRange(of: carrier))
    let authAt = try #require(
      fetchTemplate.firstRange(of: "- name: AUTH\n        value: 'Bearer $(PIPESHELL_SECRET_TOKEN)'"))
    #expect(carrierAt.lowerBound < authAt.lowerBound)
    #expect(
      fetchTemplate.contains("- name: TOKEN\n        valueFrom:\n          secretKeyRef:\n            name: team-vault")
    )
    #expect(yaml.contains("- 'curl -H \"token: $(PIPESHELL_SECRET_TOKEN)\" https://example.org'"))
  }

  @Test func collectionsDollarsFoldersAndResolvedValues() throws {
    let yaml = try ArgoFixtures.export(Self.secretsAndCollections)
    for line in [
      "    - name: layers\n      value: '[64, 32]'", "    - name: tags\n      value: '{on: yes, team: ml}'",
      "    - name: train-lr\n      value: '0.5'",
      // Every `$` of pipeshell's own text doubled: Kubernetes reduces `$$` to `$` and expands `$(X)`.
      "{{workflow.parameters.train-lr}} ''$$HOME'' $$$$ \"{{workflow.parameters.label}}\"'",
      "      workingDir: /workspace/data/raw", "      - name: VERSION\n        value: abc1234",
      "      - name: WHO\n        value: ada", "        continueOn:\n          failed: true",
      "      - name: report\n        template: report\n        depends: upload",
      "  generateName: secrets-collections-", "pipeshell.dev/parameter-names: '{\"train-lr\": \"train.lr\"}'",
      #"pipeshell.dev/resolved-at-export: '{"step-fields": {"${cmd:git describe}": "abc1234", "${env:USER}": "ada"}}'"#,
    ] {
      #expect(yaml.contains(line), "missing:\n\(line)")
    }
  }

  @Test func derivedAndDynamicParametersAreResolvedAtExportAndRecorded() throws {
    let yaml = try ArgoFixtures.export(Self.specExample)
    #expect(yaml.contains("    - name: git_sha\n      value: abc1234"))
    #expect(yaml.contains("    - name: run_name\n      value: linear-e10"))
    #expect(yaml.contains("    - name: user\n      value: ada"))
    #expect(
      yaml.contains(
        #""run_name": {"written": "${model}-e${epochs}", "value": "linear-e10"}, "git_sha": {"written": "${cmd:git rev-parse --short HEAD}", "value": "abc1234"}"#
      ))
    #expect(yaml.contains("- name: api_key") == false)
  }

  @Test func refusesWhatCannotBeTranslatedSayingWhere() throws {
    let problems = try ArgoFixtures.exportProblems(
      """
      name: bad
      params:
        token: {type: secret}
        layers: {type: list, items: int, default: [1]}
      steps:
        a:
          run: echo {{not-a-tag}}
        b:
          when: token == 'x'
          run: "true"
        c:
          when: 1 in layers
          run: "true"
        d:
          cwd: /elsewhere
          run: "true"
        e:
          run: echo ${file:VERSION}

      """)
    #expect(
      problems == [
        "pipeline.yaml:6:3: error: step 'a' 'run': '{{' would be read by Argo as the start of a template tag",
        "pipeline.yaml:9:11: error: step 'b': its 'when:' cannot be translated to Argo: it reads secret 'token', which is not an Argo parameter",
        "pipeline.yaml:12:11: error: step 'c': its 'when:' cannot be translated to Argo: it reads list of int parameter 'layers'",
        "pipeline.yaml:14:3: error: step 'd': cwd '/elsewhere' is outside the pipeline's folder, which is all the shared volume holds",
        "pipeline.yaml:17:3: error: step 'e' 'run': ${file:VERSION} has no value resolved at export; bind it to a parameter (default: \"${file:VERSION}\") so that it is resolved once",
      ])
  }

  @Test func refusesNamesThatCollideAndBadOptions() throws {
    let collide = try ArgoFixtures.exportProblems(
      """
      name: n
      steps:
        prep_data: {run: "true"}
        prep.data: {run: "true"}

      """)
    #expect(collide.contains { $0.contains("steps 'prep_data' and 'prep.data' both become 'prep-data' in Argo") })
    let options = ArgoExportOptions(
      image: "has space", secretName: "Bad_Name", secretKeys: ["token": "a/b"], mountPath: "rel")
    let bad = try ArgoFixtures.exportProblems("name: n\nsteps:\n  a: {run: \"true\"}\n", options: options)
    #expect(bad.count == 4, "\(bad)")
  }

  @Test func theManifestCheckFindsWhatTheSchemaCannot() throws {
    let (pipeline, snapshot) = try ArgoFixtures.resolved(Self.demo)
    let manifest = try ArgoWorkflowExporter().export(pipeline, snapshot: snapshot)
    #expect(ArgoManifestCheck.problems(in: manifest) == [])
    let yaml = try YAMLEmitter.emit(manifest)
    // The same mistakes, written into the tree: each is found.
    func changed(_ edit: (inout [YAMLValue]) -> Void) -> YAMLValue {
      guard case .mapping(var top) = manifest, let specIndex = top.firstIndex(where: { $0.key == "spec" }),
        case .mapping(var spec) = top[specIndex].value,
        let templatesIndex = spec.firstIndex(where: { $0.key == "templates" }),
        case .sequence(var templates) = spec[templatesIndex].value
      else { return manifest }
      edit(&templates)
      spec[templatesIndex].value = .sequence(templates)
      top[specIndex].value = .mapping(spec)
      return .mapping(top)
    }
    let noTemplate = changed { templates in templates.removeLast() }
    #expect(
      ArgoManifestCheck.problems(in: noTemplate) == [
        "task 'publish' of 'pipeline' uses template 'publish', which is not defined"
      ])
    let cycle = changed { templates in
      guard case .mapping(var dag) = templates[0], case .mapping(var inner)? = dag.last?.value,
        case .sequence(var tasks) = inner[0].value, case .mapping(var first) = tasks[0]
      else { return }
      first.append(YAMLValue.Entry("depends", .string("publish")))
      tasks[0] = .mapping(first)
      inner[0].value = .sequence(tasks)
      dag[dag.count - 1].value = .mapping(inner)
      templates[0] = .mapping(dag)
    }
    #expect(
      ArgoManifestCheck.problems(in: cycle) == [
        "task 'make-data' of 'pipeline' depends on 'publish', which is not a task before it"
      ])
    #expect(!yaml.isEmpty)
  }
}
