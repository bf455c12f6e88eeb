/**
 * The JSON bodies of the REST API as records: each REST operation in {@code routes/api-*.camel.yaml} names its request
 * ({@code type}) and response ({@code outType}, {@code responseModel}) here, so {@code /api/openapi.json} carries their
 * schemas. Handlers accept exactly the fields of their request record (any other field is a 422 naming it).
 */
package app.bella.api.model;
