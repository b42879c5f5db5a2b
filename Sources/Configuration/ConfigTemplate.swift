/// The commented starting config `adlaw init` writes. It is a valid config with every
/// default spelled out, and examples of each section commented out.
public enum ConfigTemplate {
    public static let text = """
    # adlaw configuration. adlaw reads the .adlaw.yml in the current folder or the nearest
    # folder above it. Paths and globs here are relative to this file.
    # Reference: docs/usage.md "Configuration"; JSON schema for editors: schemas/adlaw-config.schema.json
    version: 1

    # A finding at or above this severity makes `adlaw check` fail (exit 1): error, warning, info, never.
    fail-on: warning

    # Report only findings at or above this severity: info, warning or error.
    min-severity: info

    rules:
      # The built-in rule pack (food, cosmetics, drug, medical, alcohol, fair trade, consumer protection ...).
      builtin: true
      # Your own rule folders, laid out like the built-in pack (<area>/<rule>.yaml).
      folders: []
      # Run only these rules: ids, areas (food) or globs (food.*). Empty: every rule.
      only: []
      # Never run these rules.
      disable: []
      # A different severity for some rules in this repository.
      severity: {}
      #   fair-trade.superlative: error

    # The sector of the copy under some paths, for files that declare none in their front matter
    # (`sector: food`). Without either, adlaw infers sectors from the copy.
    sectors: []
    #  - paths: ["products/food/**"]
    #    sectors: [food]

    # Files and folders never checked (gitignore-style globs).
    exclude: []
    #  - "drafts/**"

    # Accept today's findings and fail only on new ones: create the file with
    # `adlaw check --write-baseline .adlaw-baseline.json .` and commit it. Until it exists,
    # every finding counts. A baseline is not a legal approval: `adlaw audit` lists its
    # findings as known, not approved, and they hold the verdict.
    baseline: .adlaw-baseline.json

    # Claims legal has approved with evidence. A finding on the claim is shown as substantiated,
    # with its evidence, and does not fail the run until the day after `expires`.
    claims: []
    #  - id: sales-no1-2025
    #    text: 銷售第一
    #    rules: [fair-trade.superlative]
    #    evidence: 2025 年全國通路銷售調查報告（報告編號 R-2025-031）
    #    approved-by: 法務部 王小明
    #    expires: 2026-06-30

    """
}
