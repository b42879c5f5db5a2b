/// The OpenAPI 3.1 description of the API, served at `/openapi.yaml`. The same text is
/// `schemas/openapi.yaml` in the repository (a test keeps the two equal).
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: adlaw
  version: 0.1.0
  description: >-
    The HTTP API of `adlaw serve`: check Taiwan marketing copy against the rule pack the server
    loaded. Every check runs the same library path as `adlaw check`. Errors are JSON
    `{"error": message, "status": code}`. When a token file is given, every /v1/ request needs
    `Authorization: Bearer <token>`.
servers:
  - url: http://127.0.0.1:8080
paths:
  /v1/check:
    post:
      summary: Check one text or one file
      description: >-
        A JSON body checks text; a `multipart/form-data` body uploads one file (a `file` part
        with its filename) or a `text` field, with the options as fields; any other body is
        the bytes of one file of a format adlaw reads, named by `filename` (its extension
        picks the format). The response is the document `adlaw check --format json` prints,
        with a `verdict`. A check not done within the server's time limit (`--request-timeout`,
        default 30 s) is answered with 504.
      parameters:
        - name: filename
          in: query
          description: For a file upload, the file's name (required then).
          schema: { type: string }
        - name: sectors
          in: query
          description: For a file upload, comma-separated sectors to check it as.
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/CheckRequest' }
          multipart/form-data:
            schema: { $ref: '#/components/schemas/CheckForm' }
          application/octet-stream:
            schema: { type: string, format: binary }
      responses:
        '200':
          description: The check's report.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/CheckReport' }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '413': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Error' }
        '405': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
        '504': { $ref: '#/components/responses/Error' }
  /v1/audit:
    post:
      summary: An audit report of uploaded files, ZIP archives or text
      description: >-
        The same inputs as /v1/check, and more than one file: a `multipart/form-data` body may
        hold several `file` parts, and a ZIP archive (a part, or the body with
        `filename=NAME.zip`) adds each file inside it that adlaw reads, named
        `NAME.zip/folder/file` (hidden files, folders, links and names outside the archive
        are left out and listed). Campaign-plan checklists run too. An archive is read, with
        zip-bomb limits, from a private temporary copy deleted after the request.
      parameters:
        - name: filename
          in: query
          schema: { type: string }
        - name: sectors
          in: query
          schema: { type: string }
        - name: format
          in: query
          schema: { type: string, enum: [html, markdown] }
        - name: title
          in: query
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/CheckRequest' }
          multipart/form-data:
            schema: { $ref: '#/components/schemas/AuditForm' }
          application/octet-stream:
            schema: { type: string, format: binary }
      responses:
        '200':
          description: The audit report.
          content:
            text/html: { schema: { type: string } }
            text/markdown: { schema: { type: string } }
        '400': { $ref: '#/components/responses/Error' }
        '401': { $ref: '#/components/responses/Error' }
        '413': { $ref: '#/components/responses/Error' }
        '422': { $ref: '#/components/responses/Error' }
        '503': { $ref: '#/components/responses/Busy' }
        '504': { $ref: '#/components/responses/Error' }
  /v1/rules:
    get:
      summary: The loaded rules
      responses:
        '200':
          description: One object per rule.
          content:
            application/json:
              schema:
                type: array
                items: { $ref: '#/components/schemas/Rule' }
        '401': { $ref: '#/components/responses/Error' }
  /v1/sectors:
    get:
      summary: The sectors (product types) rules may name, with their Chinese names
      responses:
        '200':
          description: One object per sector.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [id, name]
                  properties:
                    id: { type: string }
                    name: { type: string }
        '401': { $ref: '#/components/responses/Error' }
  /v1/rules/{id}:
    get:
      summary: One rule explained, as `adlaw explain` explains it
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: The rule with its explanation as text and Markdown.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/RuleExplained' }
        '401': { $ref: '#/components/responses/Error' }
        '404': { $ref: '#/components/responses/Error' }
  /healthz:
    get:
      summary: Liveness
      responses:
        '200':
          description: The server is up with its rules loaded.
          content:
            application/json:
              schema:
                type: object
                required: [status, version, rules]
                properties:
                  status: { type: string, const: ok }
                  version: { type: string }
                  rules: { type: integer }
  /metrics:
    get:
      summary: Prometheus metrics
      responses:
        '200':
          description: Prometheus text exposition format.
          content:
            text/plain: { schema: { type: string } }
  /openapi.yaml:
    get:
      summary: This document
      responses:
        '200':
          description: OpenAPI 3.1 YAML.
          content:
            application/yaml: { schema: { type: object } }
components:
  responses:
    Error:
      description: What was wrong with the request.
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Error' }
    Busy:
      description: The server is checking as many requests as it allows; retry after Retry-After seconds.
      headers:
        Retry-After:
          schema: { type: integer }
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Error' }
  schemas:
    Error:
      type: object
      required: [error, status]
      properties:
        error: { type: string }
        status: { type: integer }
    Severity:
      type: string
      enum: [info, warning, error]
    CheckRequest:
      type: object
      required: [text]
      properties:
        text: { type: string, description: The copy to check. }
        filename: { type: [string, 'null'], description: 'The name it is reported under; its extension picks the format (default text.txt). Null is the same as absent, for every optional field.' }
        sectors: { type: [array, 'null'], items: { type: string }, description: Sectors to check it as (as --sector). }
        only: { type: [array, 'null'], items: { type: string }, description: Rule ids, areas or globs to run (as --only). }
        disable: { type: [array, 'null'], items: { type: string }, description: Rules not to run (as --disable). }
        minSeverity: { oneOf: [{ $ref: '#/components/schemas/Severity' }, { type: 'null' }] }
        checklists: { type: [boolean, 'null'], description: Also run the campaign-plan checklists. }
    CheckForm:
      type: object
      description: >-
        A multipart upload to /v1/check: one `file` part or a `text` field. List fields
        (`sectors`, `only`, `disable`) may repeat or hold comma-separated values. Any other
        field is refused with 400.
      additionalProperties: false
      properties:
        file: { type: string, format: binary, description: 'The file; its filename (or filename*) picks the format.' }
        text: { type: string, description: Copy to check instead of a file. }
        filename: { type: string, description: The name the `text` field is reported under (default text.txt). }
        sectors: { type: string, description: Sectors to check it as (as --sector). }
        only: { type: string, description: Rule ids, areas or globs to run (as --only). }
        disable: { type: string, description: Rules not to run (as --disable). }
        minSeverity: { $ref: '#/components/schemas/Severity' }
        checklists: { type: string, enum: ['true', 'false'], description: Also run the campaign-plan checklists. }
    AuditForm:
      type: object
      description: >-
        A multipart upload to /v1/audit: `file` parts (any number up to the server's
        `--max-upload-files`, counting the files inside ZIP archives) and the fields of
        CheckForm, with the report's `format` and `title`.
      additionalProperties: false
      properties:
        file: { type: array, items: { type: string, format: binary }, description: Files and ZIP archives. }
        text: { type: string }
        filename: { type: string }
        sectors: { type: string }
        only: { type: string }
        disable: { type: string }
        minSeverity: { $ref: '#/components/schemas/Severity' }
        checklists: { type: string, enum: ['true', 'false'] }
        format: { type: string, enum: [html, markdown] }
        title: { type: string }
    Reference:
      type: object
      description: A citation as in force on the day checked; everything but law and article comes from the law fact table (docs/laws.md).
      required: [law, article, pcode]
      properties:
        law: { type: string }
        article: { type: string, description: The provisions as numbered on the day checked. }
        pcode: { type: string }
        authority: { type: string }
        penalty: { type: string, description: Each penalty with its article and, where it matters, whom it falls on. }
        url: { type: string }
        duty: { type: string }
        version: { type: string, description: "The version cited, e.g. 2023-02-15公布，2023-03-22施行." }
        note: { type: string, description: An amendment passed but not in force, or a day before the first version the table describes. }
        provisions: { type: array, items: { type: string }, description: The table entries cited, by current number. }
    Finding:
      type: object
      required: [ruleId, ruleName, severity, message, references, path, line, column, endLine, endColumn, byteOffset, byteLength, matchedText, zone, fingerprint]
      properties:
        ruleId: { type: string }
        ruleName: { type: string }
        severity: { $ref: '#/components/schemas/Severity' }
        message: { type: string }
        references: { type: array, items: { $ref: '#/components/schemas/Reference' } }
        path: { type: string }
        line: { type: integer }
        column: { type: integer }
        endLine: { type: integer }
        endColumn: { type: integer }
        byteOffset: { type: integer }
        byteLength: { type: integer }
        matchedText: { type: string }
        suggestion: { type: [string, 'null'] }
        zone: { type: string }
        fingerprint: { type: string }
        location: { type: object }
    CheckReport:
      type: object
      required: [version, tool, findings, files, diagnostics, summary, verdict]
      properties:
        version: { type: integer }
        tool: { type: object }
        findings: { type: array, items: { $ref: '#/components/schemas/Finding' } }
        files:
          type: array
          items:
            type: object
            required: [path, format, sectors, sectorSource, findings]
            properties:
              path: { type: string }
              format: { type: string }
              sectors: { type: array, items: { type: string } }
              sectorSource: { type: string, enum: [option, front-matter, config, inferred, none] }
              inferredFrom: { type: object, additionalProperties: { type: array, items: { type: string } } }
              findings: { type: integer }
        diagnostics: { type: array, items: { type: object } }
        summary: { type: object }
        verdict:
          type: object
          required: [level, label, reason]
          properties:
            level: { type: string, enum: [publish, needs-review, block] }
            label: { type: string }
            reason: { type: string }
            ruleId: { type: [string, 'null'] }
    Rule:
      type: object
      required: [id, name, severity, sectors, zones, kind, references, tags]
      properties:
        id: { type: string }
        name: { type: string }
        severity: { $ref: '#/components/schemas/Severity' }
        sectors: { type: array, items: { type: string } }
        zones: { type: array, items: { type: string } }
        kind: { type: string, enum: [terms, regex, near, requires, checklist, structure] }
        references: { type: array, items: { $ref: '#/components/schemas/Reference' } }
        suggestion: { type: [string, 'null'] }
        tags: { type: array, items: { type: string } }
    RuleExplained:
      type: object
      required: [id, name, severity, text, markdown]
      properties:
        id: { type: string }
        name: { type: string }
        severity: { $ref: '#/components/schemas/Severity' }
        rationale: { type: string }
        text: { type: string }
        markdown: { type: string }
"""#
}
