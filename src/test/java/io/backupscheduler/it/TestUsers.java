package io.backupscheduler.it;

/** Users for the role tests, created through the API once per run (a 409 means an earlier test made them). */
final class TestUsers {
    static final String PASSWORD = "a-Long-test-password-7";
    static final String VIEWER = "it-viewer";
    static final String OPERATOR = "it-operator";

    private TestUsers() {
    }

    static ApiClient viewer() {
        ensure(VIEWER, "viewer");
        return ApiClient.as(VIEWER, PASSWORD);
    }

    static ApiClient operator() {
        ensure(OPERATOR, "operator");
        return ApiClient.as(OPERATOR, PASSWORD);
    }

    static synchronized void ensure(String username, String role) {
        ApiClient.Reply reply = ApiClient.admin().post("/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}");
        if (reply.status() != 201 && reply.status() != 409) {
            throw new IllegalStateException("cannot create test user " + username + ": " + reply);
        }
    }
}
