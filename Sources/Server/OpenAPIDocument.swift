import Foundation

/// The OpenAPI 3.1 description of the API, served at `/openapi.yaml`: `schemas/openapi.yaml`,
/// compiled in through a SwiftPM resource (`Sources/Server/openapi.yaml` links to it), so the
/// repository holds one copy. A test keeps the served text equal to the file.
enum OpenAPIDocument {
    static let yaml = String(decoding: PackageResources.openapi_yaml, as: UTF8.self).trimmingCharacters(in: .newlines)
}
