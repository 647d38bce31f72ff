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

    /** The scheduler switch's own post (a plain, non-AJAX form on every page, admins only). */
    private static Map<String, String> switchScheduler(String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("navForm", "navForm");
        form.put("navForm:toggleScheduler", "");
        form.put("navForm_SUBMIT", "1");
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        return form;
    }

    private static boolean schedulerOn() {
        return ApiClient.admin().get("/scheduler").json().getBoolean("enabled");
    }

    @Test
    void aFormPostWithoutTheIssuedViewStateChangesNothing() throws Exception {
        assertThat(schedulerOn()).isTrue();
        HttpClient admin = signedInAdmin();
        String page = admin.send(HttpRequest.newBuilder(URI.create(ItEnvironment.BASE_URL + "/jobs.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("navForm:toggleScheduler");
        try {
            HttpResponse<String> madeUp = post(admin, "/jobs.xhtml", switchScheduler("-123456789:987654321"));
            HttpResponse<String> wellFormed = post(admin, "/jobs.xhtml", switchScheduler("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="));
            HttpResponse<String> missing = post(admin, "/jobs.xhtml", switchScheduler(null));
            assertThat(schedulerOn()).as("a forged post switched the scheduler off").isTrue();
            for (HttpResponse<String> refused : java.util.List.of(madeUp, wellFormed, missing)) {
                assertThat(refused.statusCode()).as("refused quietly: a fresh page, no error").isEqualTo(200);
                assertThat(refused.body()).contains("<title>Jobs").doesNotContain("Caused by").doesNotContain("\tat ");
            }

            post(admin, "/jobs.xhtml", switchScheduler(viewState(page)));
            assertThat(schedulerOn()).as("the same post with the page's own view state works (the control)").isFalse();
        } finally {
            ApiClient.admin().put("/scheduler", "{\"enabled\":true}");
        }
    }
}
