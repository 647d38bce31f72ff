package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A console form post changes something only with the view state the server issued for that page (the Faces
 * view state is the form's anti-forgery token): the same post with a made-up or missing view state, as a forged
 * form on another site would send it, changes nothing and shows no stack trace.
 */
class ConsoleCsrfIT {
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static String viewState(String page) {
        Matcher matcher = VIEW_STATE.matcher(page);
        assertThat(matcher.find()).as("a view state on the page").isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> post(HttpClient http, String page, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(ItEnvironment.BASE_URL + page))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient signedInAdmin() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String login = http.send(HttpRequest.newBuilder(URI.create(ItEnvironment.BASE_URL + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("loginForm", "loginForm");
        form.put("loginForm:username", ItEnvironment.ADMIN);
        form.put("loginForm:password", ItEnvironment.ADMIN_PASSWORD);
        form.put("loginForm:signIn", "");
        form.put("loginForm_SUBMIT", "1");
        form.put("jakarta.faces.ViewState", viewState(login));
        post(http, "/login.xhtml", form);
        return http;
    }

    private static Map<String, String> newJob(String name, String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jobForm", "jobForm");
        form.put("jobForm:name", name);
        form.put("jobForm:kind", "DIRECTORY");
        form.put("jobForm:sourcePath", "/srv/forged");
        form.put("jobForm:targetPath", "/b");
        form.put("jobForm:save", "");
        form.put("jobForm_SUBMIT", "1");
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        return form;
    }

    private static boolean jobExists(String name) {
        return ApiClient.admin().get("/jobs?q=" + name).json().getJsonNumber("total").longValue() > 0;
    }

    @Test
    void aFormPostWithoutTheIssuedViewStateChangesNothing() throws Exception {
        HttpClient admin = signedInAdmin();
        String page = admin.send(HttpRequest.newBuilder(URI.create(ItEnvironment.BASE_URL + "/jobs.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("jobForm");

        String forged = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> madeUp = post(admin, "/jobs.xhtml", newJob(forged, "-123456789:987654321"));
        HttpResponse<String> wellFormed = post(admin, "/jobs.xhtml", newJob(forged, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="));
        HttpResponse<String> missing = post(admin, "/jobs.xhtml", newJob(forged, null));
        assertThat(jobExists(forged)).as("a forged post created a job").isFalse();
        for (HttpResponse<String> refused : java.util.List.of(madeUp, wellFormed, missing)) {
            assertThat(refused.statusCode()).as("refused quietly: a fresh page, no error").isEqualTo(200);
            assertThat(refused.body()).contains("<title>Jobs").doesNotContain("Caused by").doesNotContain("\tat ");
        }

        String genuine = "genuine-" + UUID.randomUUID().toString().substring(0, 8);
        post(admin, "/jobs.xhtml", newJob(genuine, viewState(page)));
        assertThat(jobExists(genuine)).as("the same post with the page's own view state works (the control)").isTrue();
    }
}
