/// The `--help` texts.
enum Help {
    static let general = """
        usage: slipway <verb> [options]

        Renders Swift DSL files that describe Azure environments into Bicep templates, ARM
        parameter files, a Flux kustomization tree and deploy.sh, one folder per environment.

        verbs:
          generate FILE…   compile and run each DSL file, validate, render and write Output/, the deploy
                           pipeline and the workload pipelines in .github/workflows/
          check FILE…      render in memory and compare with the committed output (exit 1 on drift)
          set-input FILE NAME=VALUE…  rewrite input defaults in FILE (a pipeline's tag bump)
          diff             what changes, with risky changes first (exit 1 when something does)
          drift ENV        the live Azure resources against Output/ENV/slipway-model.json (needs az)
          explain [CODE]   what a diagnostic code checks and why; without a code, every rule
          init [DIR]       scaffold a repository: starter DSL, slipway.json, README, .gitignore
          editor [DIR]     write DIR/compile_flags.txt so sourcekit-lsp completes the DSL (not committed)
          install --prefix DIR  install this build into DIR (relocatable; see README)
          sample           render random valid environments (property-based conformance runs)

        options for every verb: --help; slipway --version prints the version.
        Progress goes to stderr (--quiet silences it); colour only on a terminal, never with NO_COLOR.

        Run `slipway <verb> --help` for a verb's options.

        exit codes: 0 ok, 1 drift found, 2 usage error, 3 the DSL file does not compile,
        4 the DSL program failed or handed over no environment, 5 validation errors,
        6 I/O or internal error.
        """

    static let generate = """
        usage: slipway generate FILE… [--output DIR] [--repository-path PATH] [--format text|github] [--strict]
                        [--params json|bicepparam] [--base REV]

        Compiles each FILE (or directory, whose main.swift is the entry point) against the Slipway
        module, runs it, validates every environment it hands over, and writes
        DIR/<environment>/ atomically. Folders owned by FILE that it no longer declares are removed.
        Nothing is written when any error is found. Every folder, removal and workflow of a run is
        committed all or nothing; a run interrupted mid-write is rolled back by the next one.

          --output DIR             where environment folders go (default: Output)
          --repository-root DIR    the root every recorded path is relative to, where workflows go
                                   (default: the nearest ancestor of DIR holding .git, else DIR's parent)
          --repository-path PATH   the output's location relative to the repository root, which
                                   prefixes every Flux path (default: computed from the root)
          --wait / --no-wait       when another run is writing DIR (it holds DIR/.slipway.lock): wait
                                   for it (the default), or fail at once (exit 6)
          --take-ownership         move a folder another DSL file owns to FILE (otherwise an error)
          --timeout SECONDS        stop a DSL program that runs longer (default 300; compiling is
                                   not counted); exit 4
          --format text|github     diagnostics as text, or as GitHub Actions annotations
          --strict                 warnings fail the run
          --params json|bicepparam parameter files of environments that choose none (default json)
          --base REV               compare versions and units with the model committed at REV
                                   (default: Git's HEAD, else the output on disk)
          --quiet                  no progress lines
          --set NAME=VALUE         an input the DSL reads with Slipway.input (repeatable); check
                                   and the committed output always use the defaults

        Compiled programs, their results and the last rendering of each output are cached under
        ${XDG_CACHE_HOME:-~/.cache}/slipway; unchanged files are not rewritten. SLIPWAY_NO_CACHE=1
        bypasses every cache, SLIPWAY_NO_RESULT_CACHE=1 results and renderings,
        SLIPWAY_NO_RENDER_CACHE=1 renderings only.

        examples:
          slipway generate Examples/aks-baseline.swift
          slipway generate Examples/fleet.swift --set fleetSize=100 --output /tmp/fleet
          slipway generate environments/ --output Output --format github
        """

    static let check = """
        usage: slipway check FILE… [--output DIR] [--repository-path PATH] [--format text|github] [--strict]
                     [--params json|bicepparam] [--base REV]

        Renders each FILE in memory and compares the result with the folders it owns under DIR.
        Every differing, missing or extra file is listed with a unified diff. Exit 1 on drift.

          --output DIR             where environment folders are (default: Output)
          --repository-root DIR    as for generate
          --repository-path PATH   as for generate
          --no-wait                fail at once while a generate is writing DIR
          --timeout SECONDS        as for generate

        Also reported as drift: folders in DIR without an ownership record, and a write that was
        interrupted (DIR/.slipway-journal; the next generate rolls it back).
          --format text|github     diagnostics as text, or as GitHub Actions annotations
          --strict                 warnings fail the run
          --params json|bicepparam parameter files of environments that choose none (default json)
          --base REV               compare versions and units with the model committed at REV
                                   (default: Git's HEAD, else the output on disk)
          --quiet                  no progress lines

        examples:
          slipway check Examples/*.swift
        """
}
