package dev.whereabouts.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: test, version: "1"}
            paths:
              /v1/things:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Thing'}
                        example: {name: "kettle", size: 2}
                        examples:
                          small: {value: {name: "cup", size: 1, colour: null}}
                  responses:
                    "202": {description: accepted}
              /v1/things/{thingId}:
                get:
                  parameters:
                    - {name: thingId, in: path, required: true, schema: {type: string, pattern: '^[a-z]+$'}, example: kettle}
                  responses:
                    "200":
                      description: the thing
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Thing'}
                        text/html:
                          schema: {type: string}
                    "404": {$ref: '#/components/responses/NotFound'}
            components:
              responses:
                NotFound:
                  description: no such thing
                  content:
                    application/problem+json:
                      schema:
                        type: object
                        required: [status]
                        properties:
                          status: {type: integer}
              schemas:
                Thing:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string, example: teapot}
                    size: {type: integer, minimum: 1, example: 3}
                    colour: {type: string, nullable: true}
                    example: {type: string, description: a property named like the keyword}
            """;

    private static final List<Endpoint> ROUTES = List.of(
            Endpoint.open("POST", "/v1/things", r -> Response.text(202, "text/plain", "")),
            Endpoint.open("GET", "/v1/things/{thingId}", r -> Response.text(200, "text/plain", "")));

    @Test
    void shouldFindNothingWhenTheRoutesAndTheDocumentAgreeAndEveryExampleMatches() {
        OpenApiContract contract = OpenApiContract.of(DOCUMENT);

        assertThat(contract.violations(ROUTES)).isEmpty();
        assertThat(contract.exampleCount()).isEqualTo(5);
    }

    @Test
    void shouldNameARouteTheDocumentDoesNotHave() {
        List<Endpoint> routes = List.of(
                ROUTES.get(0),
                ROUTES.get(1),
                Endpoint.open("GET", "/health", r -> Response.text(200, "text/plain", "")));

        assertThat(OpenApiContract.of(DOCUMENT).violations(routes))
                .containsExactly("route GET /health is not in the OpenAPI document");
    }

    @Test
    void shouldNameADocumentedOperationNoRouteServes() {
        List<Endpoint> routes = List.of(
                ROUTES.get(0), Endpoint.open("GET", "/v1/things/{id}", r -> Response.text(200, "text/plain", "")));

        assertThat(OpenApiContract.of(DOCUMENT).violations(routes))
                .containsExactly(
                        "route GET /v1/things/{id} is not in the OpenAPI document",
                        "the OpenAPI document names GET /v1/things/{thingId} but no route serves it");
    }

    @Test
    void shouldNameEveryExampleThatDoesNotMatchItsSchema() {
        String broken = DOCUMENT.replace("example: {name: \"kettle\", size: 2}", "example: {size: 0}")
                .replace("colour: null", "colour: 7")
                .replace("example: kettle}", "example: Kettle}")
                .replace("minimum: 1, example: 3", "minimum: 1, example: three");

        List<String> invalid = OpenApiContract.of(broken).invalidExamples();

        assertThat(invalid).hasSize(4);
        assertThat(invalid.get(0))
                .startsWith("the example at /paths/~1v1~1things/post/requestBody/content/application~1json/example")
                .contains("name")
                .contains("minimum");
        assertThat(invalid.get(1))
                .startsWith(
                        "the example at /paths/~1v1~1things/post/requestBody/content/application~1json/examples/small/value")
                .contains("colour");
        assertThat(invalid.get(2)).startsWith("the example at /paths/~1v1~1things~1{thingId}/get/parameters/0/example");
        assertThat(invalid.get(3)).startsWith("the example at /components/schemas/Thing/properties/size/example");
    }

    @Test
    void shouldAcceptAnAnswerAsDocumentedIncludingASharedResponseAndANonJsonMediaType() {
        OpenApiContract contract = OpenApiContract.of(DOCUMENT);

        assertThat(contract.responseViolations(
                        "GET", "/v1/things/kettle", 200, "application/json; charset=utf-8", "{\"name\":\"kettle\"}"))
                .isEmpty();
        assertThat(contract.responseViolations("GET", "/v1/things/kettle", 200, "text/html", "<p>kettle</p>"))
                .isEmpty();
        assertThat(contract.responseViolations(
                        "GET", "/v1/things/cup", 404, "application/problem+json", "{\"status\":404}"))
                .isEmpty();
        assertThat(contract.responseViolations("POST", "/v1/things", 202, "", ""))
                .isEmpty();
    }

    @Test
    void shouldNameAnAnswerTheDocumentDoesNotDescribe() {
        OpenApiContract contract = OpenApiContract.of(DOCUMENT);

        assertThat(contract.responseViolations("GET", "/v1/things/kettle", 200, "application/json", "{\"size\":0}"))
                .hasSize(2)
                .allSatisfy(violation -> assertThat(violation).startsWith("GET /v1/things/kettle answered 200: "));
        assertThat(contract.responseViolations(
                        "GET", "/v1/things/cup", 404, "application/problem+json", "{\"status\":\"404\"}"))
                .singleElement()
                .asString()
                .contains("status");
        assertThat(contract.responseViolations("GET", "/v1/things/kettle", 500, "application/json", "{}"))
                .containsExactly("GET /v1/things/kettle answered 500, which the OpenAPI document does not list for"
                        + " GET /v1/things/{thingId}");
        assertThat(contract.responseViolations("GET", "/v1/things/kettle", 200, "text/csv", "name\nkettle"))
                .containsExactly("GET /v1/things/kettle answered 200 with text/csv, which the OpenAPI document does"
                        + " not list for it");
        assertThat(contract.responseViolations("GET", "/v2/things", 404, "application/problem+json", "{}"))
                .as("the web layer's answer to a path no route serves")
                .isEmpty();
        assertThat(contract.responseViolations("DELETE", "/v1/things", 405, "application/problem+json", "{}"))
                .as("the web layer's answer to a method no route serves")
                .isEmpty();
    }

    @Test
    void shouldRefuseADocumentThatIsNotOpenApi3() {
        assertThatThrownBy(() -> OpenApiContract.of("swagger: '2.0'\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openapi: 3.0");
    }
}
