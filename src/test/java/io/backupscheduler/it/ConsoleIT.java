package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's Chromium and chromedriver, headless): sign in, create a job, see it
 * listed, see validation messages next to the fields, and a viewer's read-only view.
 */
class ConsoleIT {
    private static WebDriver browser;
    private static WebDriverWait wait;
    /**
     * How often a wait looks again. Selenium's default, half a second, cost most waits a quarter of a second on
     * average: they end on an AJAX reply a few milliseconds away, and a suite makes some 200 of them.
     */
    private static final Duration POLL = Duration.ofMillis(50);
    private static Path profile;
    private String testName;

    @BeforeAll
    static void startBrowser() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String chromedriver = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
        String chromium = System.getProperty("it.chromium", "/usr/bin/chromium");
        if (!new File(chromedriver).canExecute() || !new File(chromium).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver ("
                    + chromium + ", " + chromedriver + "): apt-get install chromium chromium-driver");
        }
        profile = Files.createTempDirectory("console-it-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
        browser = new ChromeDriver(service, options);
        wait = waitUpTo(Duration.ofSeconds(20));
        // PrimeFaces replaces table rows on every AJAX update: an element found a moment ago may be gone
        wait.ignoring(StaleElementReferenceException.class);
    }

    private static WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(browser, timeout, POLL);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        browser.get(ItEnvironment.BASE_URL + "/login.xhtml");
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void screenshot() {
        screenshotAs(null);
    }

    private void signIn(String user, String password) {
        browser.get(ItEnvironment.BASE_URL + "/");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.findElement(By.id("loginForm:username")).sendKeys(user);
        browser.findElement(By.id("loginForm:password")).sendKeys(password);
        browser.findElement(By.id("loginForm:signIn")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("currentUser")));
    }

    private void openNewJobDialog() {
        browser.get(ItEnvironment.BASE_URL + "/jobs.xhtml");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("listForm:newJob"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobForm:name")));
    }

    /** Opens the Jobs page filtered down to the one job with this name. */
    private void showOnlyJob(String name) {
        browser.get(ItEnvironment.BASE_URL + "/jobs.xhtml");
        WebElement nameFilter = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#listForm\\:jobs input.ui-column-filter")));
        nameFilter.sendKeys(name);
        wait.until(d -> d.findElements(By.cssSelector("#listForm\\:jobs tbody tr")).size() == 1
                && d.findElement(By.id("listForm:jobs")).getText().contains(name));
    }

    /** Clicks what the selector finds, finding it again if an AJAX update replaced it meanwhile. */
    private void clickWhenStable(By selector) {
        waitUpTo(Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(ElementNotInteractableException.class)
                .ignoring(ElementClickInterceptedException.class)
                .until(d -> {
            d.findElement(selector).click();
            return true;
        });
    }

    /**
     * Waits until the page has stopped moving: jQuery's fades (PrimeFaces opens dialogs with one) and CSS transitions.
     * axe-core measured a button's contrast half-way through a dialog's fade-in once, against a mask not yet opaque.
     */
    private void waitForAnimationsToEnd() {
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return (!window.jQuery || jQuery(':animated').length === 0)"
                        + " && document.getAnimations().every(a => a.playState !== 'running');")));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String message(String field) {
        return browser.findElement(By.id("jobForm:" + field + "Message")).getText();
    }

    @Test
    void theNavigationIsGroupedInASidebarThatFoldsBehindAMenuButtonOnAPhoneAndLivePagesSayWhenTheyWereUpdated() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        WebElement sidebar = browser.findElement(By.id("sidebar"));
        assertThat(sidebar.isDisplayed()).as("the sidebar on a wide screen").isTrue();
        assertThat(sidebar.getText()).contains("OPERATE", "CONFIGURE", "DATA", "ADMIN");
        assertThat(browser.findElement(By.id("navToggle")).isDisplayed()).as("no menu button on a wide screen").isFalse();
        clickWhenStable(By.id("navForm:navQueue"));
        wait.until(ExpectedConditions.textMatches(By.id("queueForm:updated"), java.util.regex.Pattern.compile("Updated \\d\\d:\\d\\d:\\d\\d UTC")));
        String first = browser.findElement(By.id("queueForm:updated")).getText();
        wait.until(d -> !d.findElement(By.id("queueForm:updated")).getText().equals(first)); // the page took new figures by itself
        assertThat(browser.findElement(By.id("navForm:navQueue")).getAttribute("class")).contains("bs-current");

        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("navToggle")));
            assertThat(browser.findElement(By.id("sidebar")).isDisplayed()).as("at 1280 px the page keeps its width").isFalse();

            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.navigate().refresh();
            WebElement toggle = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("navToggle")));
            assertThat(browser.findElement(By.id("sidebar")).isDisplayed()).as("the sidebar folded away on a phone").isFalse();
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
            toggle.click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sidebar")));
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
            clickWhenStable(By.id("navForm:navJobs"));
            wait.until(ExpectedConditions.urlContains("/jobs.xhtml"));
            assertThat(browser.findElement(By.id("sidebar")).isDisplayed()).as("folded again on the next page").isFalse();
            Object scrollWidth = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.body.scrollWidth");
            screenshotAs("phone-jobs");
            assertThat(((Number) scrollWidth).intValue()).as("the page fits a phone's width").isLessThanOrEqualTo(420);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
        }
    }

    /** Runs axe-core on what the browser shows now and fails, naming each rule and element, on a serious or critical violation. */
    private void assertAccessible(String where) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof axe !== 'undefined'"))) {
            try {
                js.executeScript(Files.readString(Path.of(System.getProperty("it.axe", "target/axe/node_modules/axe-core/axe.min.js"))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("axe-core is installed by the build (npm, pre-integration-test)", e);
            }
        }
        Object found = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) found).as("serious or critical accessibility violations on " + where).isEmpty();
    }

    @Test
    void everyPageAndDialogPassesAxeCoreOnAWideScreenAndAPhone() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        List<String> pages = List.of("index", "jobs", "schedules", "calendars", "queue", "timeline", "dead-letters", "executions", "backups",
                "alerts", "limits", "tokens", "users", "secrets", "audit");
        for (String page : pages) {
            browser.get(ItEnvironment.BASE_URL + "/" + page + ".xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1.bs-title")));
            assertAccessible(page + " at 1600 px");
        }
        Map<String, String> dialogs = new java.util.LinkedHashMap<>();
        dialogs.put("jobs", "listForm:newJob");
        dialogs.put("schedules", "listForm:newSchedule");
        dialogs.put("calendars", "listForm:newCalendar");
        dialogs.put("alerts", "rulesForm:newRule");
        dialogs.put("limits", "limitsForm:newLimit");
        dialogs.put("tokens", "tokensForm:newToken");
        dialogs.put("users", "usersForm:newUser");
        dialogs.put("secrets", "secretsForm:newSecret");
        for (Map.Entry<String, String> dialog : dialogs.entrySet()) {
            browser.get(ItEnvironment.BASE_URL + "/" + dialog.getKey() + ".xhtml");
            clickWhenStable(By.id(dialog.getValue()));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-dialog[aria-hidden='false'], .ui-dialog.ui-overlay-visible")));
            waitForAnimationsToEnd();
            assertAccessible("the dialog of " + dialog.getValue());
        }
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : pages) {
                browser.get(ItEnvironment.BASE_URL + "/" + page + ".xhtml");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1.bs-title")));
                assertAccessible(page + " at 390 px");
            }
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
        }
    }

    /** Saves what the browser shows as target/screenshots/{test}[-{name}].png. */
    private void screenshotAs(String name) {
        try {
            Path dir = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(testName + (name == null ? "" : "-" + name) + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wrongPasswordShowsAMessageAndStaysOnTheSignInPage() {
        browser.get(ItEnvironment.BASE_URL + "/login.xhtml");
        browser.findElement(By.id("loginForm:username")).sendKeys("admin");
        browser.findElement(By.id("loginForm:password")).sendKeys("not-the-password");
        browser.findElement(By.id("loginForm:signIn")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("loginForm:messages"), "Wrong user name or password"));
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void anAdminCreatesAJobAndSeesItListed() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        assertThat(browser.findElement(By.id("currentUser")).getText()).contains("admin");
        String name = "console-" + System.nanoTime();

        openNewJobDialog();
        type("jobForm:name", name);
        type("jobForm:description", "made in the browser test");
        type("jobForm:sourcePath", "/srv/www");
        type("jobForm:targetPath", "/backups/www");
        type("jobForm:maxCpuPercent", "40");
        clickWhenStable(By.cssSelector("#jobForm\\:encrypt .ui-toggleswitch-slider"));
        browser.findElement(By.id("jobForm:save")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobForm:name")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:jobs"), name));

        var job = ApiClient.admin().get("/jobs?q=" + name).json().getJsonArray("items").getJsonObject(0);
        assertThat(job.getString("sourcePath")).isEqualTo("/srv/www");
        assertThat(job.getJsonObject("limits").getInt("maxCpuPercent")).isEqualTo(40);
        assertThat(job.getString("description")).isEqualTo("made in the browser test");
        assertThat(job.getBoolean("encrypt")).as("the Encrypt points switch").isTrue();
    }

    @Test
    void anAdminDefinesAResticJobWithASecretAndBadOptionsAreShownNextToTheirField() {
        String secret = "console-restic-" + (System.nanoTime() % 1_000_000);
        assertThat(ApiClient.admin().put("/secrets/" + secret, "{\"value\":\"console-restic-password\"}").status()).isEqualTo(201);
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        String name = "console-restic-" + System.nanoTime();

        openNewJobDialog();
        type("jobForm:name", name);
        clickWhenStable(By.cssSelector("#jobForm\\:encrypt .ui-toggleswitch-slider")); // then hidden by the kind below
        // selectValue changes the widget quietly: the change its ajax listens to is raised by hand
        ((JavascriptExecutor) browser).executeScript("var menu = PF('kindMenu'); menu.selectValue('RESTIC');"
                + " if (menu.triggerChange) { menu.triggerChange(); } else { menu.callBehavior('change'); }");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobForm:repository")));
        assertThat(browser.findElements(By.id("jobForm:targetPath"))).as("a RESTIC job writes to its repository").isEmpty();
        type("jobForm:sourcePath", "/srv/www");
        type("jobForm:repository", "sftp:backup@vault:/srv/restic");
        ((JavascriptExecutor) browser).executeScript("PF('passwordSecretMenu').selectValue(arguments[0])", secret);
        type("jobForm:options", "--tag=console\n--password-command=cat /etc/shadow");
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobForm:optionsMessage"), "not an option a job may set"));

        type("jobForm:options", "--tag=console\n--one-file-system");
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobForm:name")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:jobs"), "sftp:backup@vault:/srv/restic"));
        var job = ApiClient.admin().get("/jobs?q=" + name).json().getJsonArray("items").getJsonObject(0);
        assertThat(job.getString("kind")).isEqualTo("RESTIC");
        assertThat(job.getBoolean("encrypt")).as("a switch the kind hid does not count").isFalse();
        assertThat(job.getJsonObject("restic").getString("passwordSecret")).isEqualTo(secret);
        assertThat(job.getJsonObject("restic").getJsonArray("options").toString()).contains("--tag=console", "--one-file-system");
        assertThat(ApiClient.admin().delete("/secrets/" + secret).status()).as("the job uses it").isEqualTo(409);
    }

    @Test
    void anAdminGivesAJobACopyTargetAndAMissingAccessKeyIsShownNextToItsField() {
        String secret = "console-s3-" + (System.nanoTime() % 1_000_000);
        assertThat(ApiClient.admin().put("/secrets/" + secret, "{\"value\":\"console-s3-secret-key\"}").status()).isEqualTo(201);
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        String name = "console-copy-" + System.nanoTime();

        openNewJobDialog();
        type("jobForm:name", name);
        type("jobForm:sourcePath", "/srv/www");
        type("jobForm:targetPath", "/backups/www");
        type("jobForm:bucket", "offsite-console");
        type("jobForm:endpoint", "https://minio.example.com:9000");
        ((JavascriptExecutor) browser).executeScript("PF('secretKeySecretMenu').selectValue(arguments[0])", secret);
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobForm:accessKeyIdMessage"), "is required with a bucket"));
        assertThat(ApiClient.admin().get("/jobs?q=" + name).json().getInt("total")).as("nothing saved").isZero();

        type("jobForm:accessKeyId", "console-writer");
        // the box sits low in a long dialog: scrolled to the middle, as a user would, so the sticky buttons do not cover it
        // (ChromeDriver's own scrolling ignores the dialog's scroll-padding)
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.findElement(By.id("jobForm:pathStyle")));
        clickWhenStable(By.cssSelector("#jobForm\\:pathStyle .ui-chkbox-box"));
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobForm:name")));
        var copy = ApiClient.admin().get("/jobs?q=" + name).json().getJsonArray("items").getJsonObject(0).getJsonObject("copyTarget");
        assertThat(copy.getString("bucket")).isEqualTo("offsite-console");
        assertThat(copy.getString("endpoint")).isEqualTo("https://minio.example.com:9000");
        assertThat(copy.getString("accessKeyId")).isEqualTo("console-writer");
        assertThat(copy.getString("secretKeySecret")).isEqualTo(secret);
        assertThat(copy.getBoolean("pathStyle")).isTrue();
        assertThat(ApiClient.admin().delete("/secrets/" + secret).status()).as("the job uses it").isEqualTo(409);
    }

    @Test
    void aBadJobShowsMessagesNextToTheFieldsAndIsNotSaved() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        long before = ApiClient.admin().get("/jobs?size=1").json().getInt("total");

        openNewJobDialog();
        type("jobForm:name", "bad/name");
        type("jobForm:sourcePath", "relative/path");
        type("jobForm:maxRetries", "lots");
        browser.findElement(By.id("jobForm:save")).click();

        wait.until(d -> !message("name").isBlank());
        assertThat(message("name")).contains("letters, digits");
        assertThat(message("sourcePath")).contains("absolute path");
        assertThat(message("targetPath")).contains("required");
        assertThat(message("maxRetries")).contains("whole number");
        assertThat(browser.findElement(By.id("jobForm:name")).isDisplayed()).as("the dialog stays open").isTrue();
        assertThat(ApiClient.admin().get("/jobs?size=1").json().getInt("total")).isEqualTo(before);
    }

    @Test
    void aDuplicateNameIsReportedOnTheNameField() {
        String name = "dup-" + System.nanoTime();
        ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}");
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        openNewJobDialog();
        type("jobForm:name", name);
        type("jobForm:sourcePath", "/a");
        type("jobForm:targetPath", "/b");
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(d -> !message("name").isBlank());
        assertThat(message("name")).contains("already exists");
    }

    @Test
    void anAdminEditsAndDeletesAJob() {
        String name = "edit-" + System.nanoTime();
        var created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}").json();
        String path = "/jobs/" + created.getJsonNumber("id");
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        showOnlyJob(name);

        clickWhenStable(By.cssSelector("[id$=':edit']"));
        wait.until(ExpectedConditions.attributeToBe(By.id("jobForm:name"), "value", name));
        type("jobForm:description", "edited in the browser");
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobForm:name")));
        var edited = ApiClient.admin().get(path).json();
        assertThat(edited.getString("description")).isEqualTo("edited in the browser");
        assertThat(edited.getInt("version")).isEqualTo(1);

        clickWhenStable(By.cssSelector("[id$=':delete']"));
        clickWhenStable(By.cssSelector(".ui-confirmdialog-yes"));
        wait.until(d -> ApiClient.admin().get(path).status() == 404);
    }

    @Test
    void anOperatorRunsAJobAndSeesItInTheQueue() {
        String name = "run-" + System.nanoTime();
        ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}");
        TestUsers.operator();
        signIn(TestUsers.OPERATOR, TestUsers.PASSWORD);
        showOnlyJob(name);
        assertThat(browser.findElements(By.cssSelector("[id$=':edit']"))).as("operators do not edit definitions").isEmpty();
        clickWhenStable(By.cssSelector("[id$=':run']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "Queued a run of " + name));

        browser.get(ItEnvironment.BASE_URL + "/queue.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queueForm:entries"), name));
        assertThat(browser.findElement(By.id("queueForm:entries")).getText()).contains("READY");
    }

    /** Presses Tab until the element with this id has the focus: it is reachable with the keyboard (at most 80 presses). */
    private void tabTo(String id) {
        for (int i = 0; i < 80; i++) {
            if (id.equals(browser.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        }
        throw new AssertionError(id + " was not reached with 80 presses of Tab; the focus is on "
                + browser.switchTo().activeElement().getAttribute("outerHTML"));
    }

    private void press(CharSequence keys) {
        browser.switchTo().activeElement().sendKeys(keys);
    }

    @Test
    void anAdminSignsInAndCreatesASecretWithTheKeyboardAloneAndEscapeClosesADialog() {
        String name = "keyboard-" + (System.nanoTime() % 1_000_000);
        browser.get(ItEnvironment.BASE_URL + "/");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        tabTo("loginForm:username");
        press(ItEnvironment.ADMIN);
        press(org.openqa.selenium.Keys.TAB);
        press(ItEnvironment.ADMIN_PASSWORD);
        press(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("currentUser")));

        browser.get(ItEnvironment.BASE_URL + "/secrets.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretsForm:newSecret")));
        tabTo("secretsForm:newSecret");
        press(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretForm:name")));
        wait.until(d -> "secretForm:name".equals(d.switchTo().activeElement().getAttribute("id"))); // the dialog takes the focus
        press(name);
        press(org.openqa.selenium.Keys.TAB);
        tabTo("secretForm:value");
        press("typed-with-keys-only");
        tabTo("secretForm:saveSecret");
        press(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("secretsForm:secrets"), name));
        assertThat(ApiClient.admin().get("/secrets").body()).contains(name);

        tabTo("secretsForm:newSecret");
        press(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretForm:name")));
        press(org.openqa.selenium.Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("secretForm:name")));
    }

    @Test
    void theTimelineDrawsARunPerJobAsABarAndTonightsPlannedFiresAndNamesTheirPileUp() throws Exception {
        String name = "night-" + System.nanoTime();
        Path target = Files.createTempDirectory("console-it-target");
        long ran = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-a\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + target + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        long other = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-b\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + target + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        ApiClient.admin().delete("/queue?force=true"); // runs queued by other tests here have made-up paths
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        try {
            assertThat(DirectoryRuns.runAndWait(ran, "").getString("status")).isEqualTo("SUCCEEDED");
        } finally {
            TestUsers.operator().put("/executor", "{\"paused\":true}");
        }
        // both jobs planned for the same minute six hours from now: a pile-up the page must name
        java.time.ZonedDateTime at = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(6);
        for (long job : List.of(ran, other)) {
            ApiClient.Reply schedule = ApiClient.admin().post("/schedules", "{\"name\":\"" + name + "-" + job + "\",\"jobId\":" + job
                    + ",\"type\":\"CRON\",\"expression\":\"" + at.getMinute() + " " + at.getHour() + " * * *\",\"zone\":\"UTC\"}");
            assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        }
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        clickWhenStable(By.id("navForm:navTimeline"));
        // the suite's other jobs fill the timeline too: only this test's two, found by name as an operator would
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timelineForm:jobFilter"))).sendKeys(name);
        wait.until(d -> d.findElements(By.cssSelector("#timelineForm\\:timeline .vis-label")).size() == 2);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timelineForm\\:timeline .vis-item.bs-tl-succeeded")));
        assertThat(browser.findElement(By.id("timelineForm:timeline")).getText()).contains(name + "-a").contains(name + "-b")
                .contains("SUCCEEDED");
        assertThat(browser.findElements(By.cssSelector("#timelineForm\\:timeline .vis-item.bs-tl-planned"))).as("planned fires")
                .isNotEmpty();
        // the column of job names scrolls when more jobs than fit are shown: it is in the tab order, with a name
        WebElement jobColumn = browser.findElement(By.cssSelector("#timelineForm\\:timeline .vis-panel.vis-left"));
        assertThat(jobColumn.getAttribute("tabindex")).as("the job column's tabindex").isEqualTo("0");
        assertThat(jobColumn.getAttribute("aria-label")).isEqualTo("Jobs");
        String facts = browser.findElement(By.id("facts")).getText();
        assertThat(facts).contains("at most").containsPattern("Planned pile-up .*" + String.format("%02d:%02d", at.getHour(), at.getMinute())
                + ": [0-9]+ runs planned \\(.*" + name);
        assertAccessible("the timeline");
    }

    @Test
    void anOperatorWatchesARunningCommandAndCancelsItFromItsPage() throws Exception {
        String name = "watch-" + System.nanoTime();
        Path target = Files.createTempDirectory("console-it-target");
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sleep\",\"60\"],"
                + "\"targetPath\":\"" + target + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        ApiClient.admin().delete("/queue?force=true"); // runs queued by other tests here have made-up paths
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        try {
            TestUsers.operator().post("/jobs/" + job + "/run", "");
            signIn(TestUsers.OPERATOR, TestUsers.PASSWORD);
            browser.get(ItEnvironment.BASE_URL + "/executions.xhtml");
            wait.until(d -> d.findElement(By.id("executionsForm:executions")).getText().contains(name));
            wait.until(d -> d.findElement(By.id("executionsForm:executions")).getText().contains("run-command"));
            clickWhenStable(By.linkText(executionIdOf(job)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("executionForm:step"), "run-command"));
            assertThat(browser.findElement(By.id("executionForm:status")).getText()).isEqualTo("RUNNING");
            assertThat(browser.findElement(By.id("executionForm:usage")).getText()).contains("CPU", "RSS");
            clickWhenStable(By.id("executionForm:cancel"));
            clickWhenStable(By.cssSelector(".ui-confirmdialog-yes"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("executionForm:status"), "CANCELLED"));
            assertThat(browser.findElement(By.id("executionForm:error")).getText()).contains("cancelled by " + TestUsers.OPERATOR);
            assertThat(browser.findElements(By.id("executionForm:cancel"))).as("nothing left to cancel").isEmpty();
            // a COMMAND run's parts (check-resources, run-command, verify) are one batch step of command-job
            assertThat(browser.findElement(By.id("executionForm:steps")).getText()).contains("command", "STOPPED")
                    .doesNotContain("check-resources");
        } finally {
            ApiClient.admin().put("/executor", "{\"paused\":true}");
        }
    }

    @Test
    void anOperatorTicksFilesOfAPointRestoresThemAndWatchesTheProgressAndAViewerCannot() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "console-" + System.nanoTime()));
        String name = "restorable-" + System.nanoTime();
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sh\",\"-c\","
                + "\"printf 'dump body' > {target}/db.dump && mkdir -p {target}/logs && printf a > {target}/logs/a.log"
                + " && printf b > {target}/logs/b.log && printf other > {target}/other.txt\"],\"targetPath\":\"" + work.resolve("target")
                + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        ApiClient.admin().delete("/queue?force=true"); // runs queued by other tests here have made-up paths
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        try {
            ApiClient.Reply run = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":25}");
            assertThat(run.json().getJsonArray("runs").getJsonObject(0).getJsonObject("execution").getString("status"))
                    .as(run.toString()).isEqualTo("SUCCEEDED");

            signIn(TestUsers.OPERATOR, TestUsers.PASSWORD);
            showOnlyJob(name);
            clickWhenStable(By.cssSelector("[id$=':backups']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backupsForm:points"), name));
            assertThat(browser.findElement(By.id("backupsForm:points")).getText()).contains("COMMAND", "VERIFIED");
            assertThat(browser.findElements(By.cssSelector("#backupsForm\\:points tbody tr"))).hasSize(1);

            clickWhenStable(By.cssSelector("[id$=':restore']")); // opens the point's page
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), "other.txt"));
            assertThat(browser.findElement(By.id("browseForm:chosenSummary")).getText()).contains("Nothing ticked");
            tick("db.dump");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:chosenSummary"), "1 ticked: db.dump"));
            tick("logs/");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:chosenSummary"), "2 ticked: db.dump, logs"));

            clickWhenStable(By.id("browseForm:openRestore"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restoreForm:destination")));
            assertThat(browser.findElement(By.id("restoreWhat")).getText()).isEqualTo("Only: db.dump, logs");
            type("restoreForm:destination", "/var/tmp/console-restore-" + System.nanoTime());
            clickWhenStable(By.id("restoreForm:doRestore"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restoreForm:destinationMessage"), "not under an allowed root"));

            Path destination = work.resolve("restored");
            Files.createDirectories(destination);
            Files.writeString(destination.resolve("db.dump"), "kept");
            type("restoreForm:destination", destination.toString());
            clickWhenStable(By.id("restoreForm:doRestore"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restoreForm:existingFilesMessage"), "is not empty"));
            ((JavascriptExecutor) browser).executeScript("PF('existingFilesMenu').selectValue('KEEP_BOTH')");
            clickWhenStable(By.id("restoreForm:doRestore"));

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restoreForm:restoreProgress")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restoreState"), "Restored: 3 of 3 files"));
            assertThat(browser.findElement(By.id("restoreForm:restoreProgress")).getText()).contains("100%");
            assertThat(Files.readString(destination.resolve("db.dump"))).isEqualTo("kept");
            assertThat(Files.readString(destination.resolve("db.dump.restored"))).isEqualTo("dump body");
            assertThat(Files.readString(destination.resolve("logs/b.log"))).isEqualTo("b");
            assertThat(destination.resolve("other.txt")).doesNotExist();
            assertThat(browser.findElement(By.id("restoreForm:restoreExecution")).getText()).startsWith("Open run #");
        } finally {
            ApiClient.admin().put("/executor", "{\"paused\":true}");
        }

        browser.manage().deleteAllCookies();
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/backups.xhtml?jobId=" + job);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backupsForm:points"), "VERIFIED"));
        assertThat(browser.findElements(By.cssSelector("[id$=':restore']"))).as("viewers do not restore").isEmpty();
    }

    @Test
    void anOperatorRestoresAResticSnapshotFromItsPageAndUnlocksItsRepository() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "console-restic-" + System.nanoTime()));
        Path source = Files.createDirectories(work.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "alpha");
        Files.writeString(source.resolve("b.txt"), "beta");
        String name = "restic-console-" + System.nanoTime();
        assertThat(ApiClient.admin().put("/secrets/" + name, "{\"value\":\"console-restic-password\"}").status()).isEqualTo(201);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"RESTIC\",\"sourcePath\":\"" + source
                + "\",\"maxRetries\":0,\"restic\":{\"repository\":\"" + work.resolve("repository") + "\",\"passwordSecret\":\"" + name
                + "\",\"initialize\":true}}").json().getJsonNumber("id").longValue();
        ApiClient.admin().delete("/queue?force=true");
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        try {
            ApiClient.Reply run = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":40}");
            assertThat(run.json().getJsonArray("runs").getJsonObject(0).getJsonObject("execution").getString("status"))
                    .as(run.toString()).isEqualTo("SUCCEEDED");

            signIn(TestUsers.OPERATOR, TestUsers.PASSWORD);
            browser.get(ItEnvironment.BASE_URL + "/backups.xhtml?jobId=" + job);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backupsForm:points"), "snapshot"));
            clickWhenStable(By.cssSelector("[id$=':restore']"));
            String top = source.getName(0).toString(); // restic keeps absolute paths: the point's root is their first folder
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), top));
            tick(top + "/");
            clickWhenStable(By.id("browseForm:openRestore"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restoreForm:destination")));
            Path destination = work.resolve("restored");
            type("restoreForm:destination", destination.toString());
            clickWhenStable(By.id("restoreForm:doRestore"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restoreState"), "Restored: 2 of 2 files"));
            Path restored = destination.resolve(source.toString().substring(1));
            assertThat(Files.readString(restored.resolve("a.txt"))).isEqualTo("alpha");
            assertThat(Files.readString(restored.resolve("b.txt"))).isEqualTo("beta");

            showOnlyJob(name);
            clickWhenStable(By.cssSelector("[id$=':unlock']"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-confirmdialog-yes")));
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Run restic unlock on the repository of '" + name + "'");
            clickWhenStable(By.cssSelector(".ui-confirmdialog-yes"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "restic unlock of " + name + ": 0 of 0"));
        } finally {
            ApiClient.admin().put("/executor", "{\"paused\":true}");
        }
    }

    /** Ticks the restore box of the row naming this file or folder on a point's page. */
    private void tick(String name) {
        clickWhenStable(By.xpath("//tbody[@id='browseForm:files_data']/tr[.//*[text()[normalize-space(.)='" + name + "']]]"
                + "//div[contains(@class, 'ui-chkbox-box')]"));
    }

    @Test
    void aViewerBrowsesAPointFindsAFileWithItsVersionsAndComparesTwoPoints() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "browse-" + System.nanoTime()));
        String name = "browsable-" + System.nanoTime();
        // each run rewrites readme.txt unchanged and nginx.conf with new content: two versions of one, one of the other
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sh\",\"-c\","
                + "\"mkdir -p {target}/etc/nginx && date +%s%N > {target}/etc/nginx/nginx.conf && printf same > {target}/readme.txt\"],"
                + "\"targetPath\":\"" + work.resolve("target") + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        ApiClient.admin().delete("/queue?force=true");
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        try {
            for (int i = 0; i < 2; i++) {
                ApiClient.Reply run = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":25}");
                assertThat(run.json().getJsonArray("runs").getJsonObject(0).getJsonObject("execution").getString("status"))
                        .as(run.toString()).isEqualTo("SUCCEEDED");
                Thread.sleep(20); // a later modification time for the second run's files
            }
        } finally {
            ApiClient.admin().put("/executor", "{\"paused\":true}");
        }
        var made = ApiClient.admin().get("/backups?jobId=" + job).json().getJsonArray("items");
        long newest = made.getJsonObject(0).getJsonNumber("id").longValue();
        long older = made.getJsonObject(1).getJsonNumber("id").longValue();

        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/backups.xhtml?jobId=" + job);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backupsForm:points"), "VERIFIED"));
        clickWhenStable(By.linkText("#" + newest));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("heading"), "Backup point #" + newest));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), "readme.txt"));
        assertThat(browser.findElement(By.id("browseForm:files")).getText()).contains("etc/", "1 files");

        clickWhenStable(By.cssSelector("[id$=':openDirectory']")); // etc/
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), "nginx/"));
        clickWhenStable(By.cssSelector("[id$=':openDirectory']")); // nginx/
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), "nginx.conf"));
        assertThat(browser.findElement(By.id("breadcrumb")).getText()).contains("etc", "nginx");

        clickWhenStable(By.cssSelector("[id$=':versions']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("versionsForm:versions")));
        wait.until(d -> d.findElements(By.cssSelector("#versionsForm\\:versions tbody tr")).size() == 2);
        assertThat(browser.findElement(By.id("versionsForm:versions")).getText()).contains("#" + newest, "COMMAND");
        browser.findElement(By.cssSelector("#versionsDialog .ui-dialog-titlebar-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("versionsForm:versions")));

        clickWhenStable(By.cssSelector("#breadcrumb a")); // back to the root
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), "readme.txt"));
        type("browseForm:searchText", "CONF");
        clickWhenStable(By.id("browseForm:search"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browseForm:files"), "etc/nginx/nginx.conf"));
        assertThat(browser.findElement(By.id("browseForm:files")).getText()).doesNotContain("readme.txt");

        ((JavascriptExecutor) browser).executeScript("PF('againstMenu').selectValue(arguments[0])", String.valueOf(older));
        clickWhenStable(By.id("compareForm:compare"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compareForm:differenceSummary"), "0 added, 1 changed, 0 deleted"));
        assertThat(browser.findElement(By.id("compareForm:changed")).getText()).contains("etc/nginx/nginx.conf");
    }

    @Test
    void anAdminReadsTheAuditLogWithBeforeAndAfterAndAViewerHasNoWayIn() {
        String name = "audit-console-" + System.nanoTime();
        ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv/a\",\"targetPath\":\"/b\"}");
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        clickWhenStable(By.id("navForm:navAudit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auditForm:entries"), name));
        clickWhenStable(By.cssSelector("#auditForm\\:entries .ui-row-toggler"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auditForm:entries"), "\"sourcePath\":\"/srv/a\""));
        assertThat(browser.findElement(By.id("auditForm:entries")).getText()).contains("job.create", ItEnvironment.ADMIN, "(nothing)");

        browser.manage().deleteAllCookies();
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        assertThat(browser.findElements(By.id("navForm:navAudit"))).isEmpty();
        browser.get(ItEnvironment.BASE_URL + "/audit.xhtml");
        assertThat(browser.findElements(By.id("auditForm:entries"))).as("the page is refused to viewers").isEmpty();
    }

    @Test
    void anAdminCreatesAUserAndChangesTheirRolesOnTheUsersPage() {
        String name = "console-user-" + (System.nanoTime() % 1_000_000);
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        clickWhenStable(By.id("navForm:navUsers"));
        clickWhenStable(By.id("usersForm:newUser"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("userForm:username")));
        type("userForm:username", name);
        type("userForm:password", "short");
        clickWhenStable(By.id("userForm:save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("userForm:passwordMessage"), "between 12 and 256"));
        type("userForm:password", "a-console-password-1");
        clickWhenStable(By.id("userForm:save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("usersForm:users"), name));
        assertThat(ApiClient.as(name, "a-console-password-1").get("/me").json().getJsonArray("roles").toString()).contains("viewer");

        int row = 0;
        List<WebElement> rows = browser.findElements(By.cssSelector("#usersForm\\:users tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(name)) {
                row = i;
            }
        }
        clickWhenStable(By.id("usersForm:users:" + row + ":edit"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("userForm:roles")));
        waitUpTo(Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElements(By.cssSelector("#userForm\\:roles .ui-chkbox-box")).get(1).click(); // operator
            return true;
        });
        clickWhenStable(By.id("userForm:save"));
        wait.until(d -> ApiClient.as(name, "a-console-password-1").get("/me").json().getJsonArray("roles").toString().contains("operator"));
    }

    @Test
    void anAdminSetsASecretOnTheSecretsPageWithoutItsValueEverComingBackAndAViewerHasNoWayIn() {
        String name = "console-secret-" + (System.nanoTime() % 1_000_000);
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        clickWhenStable(By.id("navForm:navSecrets"));
        clickWhenStable(By.id("secretsForm:newSecret"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretForm:name")));
        type("secretForm:name", "bad name");
        type("secretForm:value", "hunter2-console");
        clickWhenStable(By.id("secretForm:saveSecret"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("secretForm:nameMessage"), "letters, digits"));
        assertThat(browser.findElement(By.id("secretForm:value")).getAttribute("value")).as("never sent back").isEmpty();
        type("secretForm:name", name);
        type("secretForm:value", "hunter2-console");
        clickWhenStable(By.id("secretForm:saveSecret"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("secretsForm:secrets"), name));
        assertThat(browser.getPageSource()).doesNotContain("hunter2-console");
        assertThat(ApiClient.admin().get("/secrets/" + name).json().getString("updatedBy")).isEqualTo(ItEnvironment.ADMIN);

        browser.manage().deleteAllCookies();
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        assertThat(browser.findElements(By.id("navForm:navSecrets"))).isEmpty();
        browser.get(ItEnvironment.BASE_URL + "/secrets.xhtml");
        assertThat(browser.findElements(By.id("secretsForm:secrets"))).as("the page is refused to viewers").isEmpty();
        ApiClient.admin().delete("/secrets/" + name);
    }

    @Test
    void anAdminSetsASharedLimitAJobKeepsItThroughAnEditAndTheQueueSaysARunWaitsForIt() {
        String limit = "console-limit-" + (System.nanoTime() % 1_000_000);
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        clickWhenStable(By.id("navForm:navLimits"));
        clickWhenStable(By.id("limitsForm:newLimit"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("limitForm:name")));
        type("limitForm:name", limit);
        type("limitForm:capacity", "-1");
        clickWhenStable(By.id("limitForm:saveLimit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("limitForm:capacityMessage"), "between 0 and 10000"));
        type("limitForm:capacity", "0");
        clickWhenStable(By.id("limitForm:saveLimit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("limitsForm:limits"), limit));
        assertThat(browser.findElement(By.id("limitsForm:limits")).getText()).contains("0 of 0", "no job");

        String name = "limited-" + System.nanoTime();
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\","
                + "\"targetPath\":\"/b\",\"sharedLimits\":[\"" + limit + "\"]}").json().getJsonNumber("id").longValue();
        showOnlyJob(name);
        clickWhenStable(By.cssSelector("[id$=':edit']"));
        wait.until(ExpectedConditions.attributeToBe(By.id("jobForm:name"), "value", name));
        assertThat(browser.findElement(By.id("jobForm:sharedLimits")).getText()).contains(limit);
        type("jobForm:description", "keeps its limit");
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobForm:name")));
        assertThat(ApiClient.admin().get("/jobs/" + job).json().getJsonArray("sharedLimits").getString(0)).isEqualTo(limit);

        long entry = ApiClient.admin().post("/queue", "{\"jobId\":" + job + "}").json().getJsonNumber("id").longValue();
        try {
            browser.get(ItEnvironment.BASE_URL + "/queue.xhtml");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queueForm:entries"), name));
            assertThat(browser.findElement(By.id("queueForm:entries")).getText())
                    .contains("waits for shared limit " + limit + ": 0 of 0 in use");

            clickWhenStable(By.id("navForm:navLimits"));
            clickWhenStable(By.xpath("//*[@id='limitsForm:limits']//tr[contains(., '" + limit + "')]//button[@title='Delete']"));
            clickWhenStable(By.cssSelector(".ui-confirmdialog-yes"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "is used by job(s) " + name));
        } finally {
            ApiClient.admin().delete("/queue/" + entry);
            ApiClient.admin().delete("/jobs/" + job);
            ApiClient.admin().delete("/shared-limits/" + limit);
        }
    }

    @Test
    void aViewerMakesAnApiTokenSeesItOnceAndRevokesIt() {
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        clickWhenStable(By.id("navForm:navTokens"));
        clickWhenStable(By.id("tokensForm:newToken"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tokenForm:name")));
        clickWhenStable(By.id("tokenForm:issue"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokenForm:nameMessage"), "is required"));
        String name = "console token " + System.nanoTime();
        type("tokenForm:name", name);
        clickWhenStable(By.id("tokenForm:issue"));
        String value = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issuedValue"))).getText().strip();
        assertThat(value).startsWith("bst_");
        assertThat(ApiClient.bearer(value).get("/me").json().getString("username")).isEqualTo(TestUsers.VIEWER);

        clickWhenStable(By.id("tokenForm:done"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokensForm:tokens"), name));
        assertThat(browser.getPageSource()).as("the value is shown once only").doesNotContain(value);
        List<WebElement> rows = browser.findElements(By.cssSelector("#tokensForm\\:tokens tbody tr"));
        int row = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(name)) {
                row = i;
            }
        }
        clickWhenStable(By.id("tokensForm:tokens:" + row + ":revoke"));
        wait.until(d -> ApiClient.bearer(value).get("/me").status() == 401);
    }

    private static String executionIdOf(long job) {
        return ApiClient.admin().get("/executions?jobId=" + job).json().getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").toString();
    }

    @Test
    void deadLettersShowEveryAttemptAndRunAgain() {
        String name = "dead-" + System.nanoTime();
        long jobId = ApiClient.admin().post("/jobs", "{\"name\":\"" + name
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}").json().getJsonNumber("id").longValue();
        long entry = ApiClient.admin().post("/jobs/" + jobId + "/run", "{}").json().getJsonNumber("id").longValue();
        ItDatabase.killQueueEntry(entry, "disk full on /b");

        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/dead-letters.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deadForm:dead"), name));
        assertThat(browser.findElement(By.id("deadForm:dead")).getText()).contains("disk full on /b");
        clickWhenStable(By.cssSelector("#deadForm\\:dead .ui-row-toggler"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deadForm:dead"), "first failure"));
        clickWhenStable(By.cssSelector("[id$=':retry']"));
        wait.until(d -> ApiClient.admin().get("/queue/" + entry).json().getString("status").equals("READY"));
        assertThat(ApiClient.admin().get("/queue/" + entry).json().getInt("attempts")).isZero();
    }

    @Test
    void aViewerSeesJobsButNoWayToChangeThem() {
        String name = "viewed-" + System.nanoTime();
        ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}");
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/jobs.xhtml");
        WebElement nameFilter = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#listForm\\:jobs input.ui-column-filter")));
        nameFilter.sendKeys(name);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:jobs"), name));
        List<WebElement> mutating = browser.findElements(By.cssSelector(
                "#listForm\\:newJob, [id$=':edit'], [id$=':delete'], #jobForm\\:save"));
        assertThat(mutating).isEmpty();
        assertThat(browser.findElement(By.id("currentUser")).getText()).contains("viewer");
    }

    @Test
    void theDashboardDrawsItsChartsAndFiguresAndRefreshesThem() {
        // a successful run (for the duration chart and table) and a schedule (for the next fires)
        String job = "dashboard-run-" + System.nanoTime();
        long jobId = ApiClient.admin().post("/jobs", "{\"name\":\"" + job + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + System.getProperty("java.io.tmpdir") + "/backup-scheduler-it/" + job + "\"}").json()
                .getJsonNumber("id").longValue();
        assertThat(ApiClient.admin().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        try {
            // CRITICAL: ahead of whatever earlier suites left queued while the executor was paused
            ApiClient.Reply ran = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + jobId + "],\"priority\":\"CRITICAL\","
                    + "\"wait\":25}");
            assertThat(ran.json().getJsonArray("runs").getJsonObject(0).getString("entryStatus")).as(ran.toString()).isEqualTo("SUCCEEDED");
        } finally {
            ApiClient.admin().put("/executor", "{\"paused\":true}");
        }
        // what the executor took meanwhile ends before the figures are compared
        waitUpTo(Duration.ofSeconds(30)).until(d -> ApiClient.admin().get("/executor/running").jsonArray().isEmpty());
        String schedule = "dashboard-" + System.nanoTime();
        assertThat(ApiClient.admin().post("/schedules", "{\"name\":\"" + schedule + "\",\"jobId\":" + jobId
                + ",\"type\":\"CRON\",\"expression\":\"0 0 1 1 *\",\"enabled\":true}").status()).isEqualTo(201);
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        long total = ApiClient.admin().get("/jobs?size=1").json().getInt("total");
        long dead = ApiClient.admin().get("/dead-letters?size=1").json().getInt("total");
        browser.get(ItEnvironment.BASE_URL + "/index.xhtml");
        assertThat(browser.findElement(By.id("jobsTotal")).getText()).isEqualTo(Long.toString(total));
        assertThat(browser.findElement(By.id("dashboard:deadLetters")).getText()).isEqualTo(Long.toString(dead));
        assertThat(browser.findElement(By.id("successRate")).getText()).matches("\\d+\\.\\d%|–");
        // Chart.js drew on each chart's canvas (under the page's script-src policy)
        for (String chart : List.of("runsChart", "queueChart", "durationChart")) {
            WebElement canvas = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dashboard\\:" + chart + " canvas")));
            wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "var c = arguments[0]; return c.width > 0 && window.Chart && Chart.getChart(c) != null;", canvas)));
        }
        // the ten jobs with the most runs in 7 days (this one's single run ranks there only when few suites ran before)
        assertThat(browser.findElement(By.id("dashboard:durations")).getText()).contains("Durations, last 7 days")
                .doesNotContain("No successful run in the last 7 days");
        assertThat(browser.findElements(By.cssSelector("#dashboard\\:durations tbody tr"))).hasSizeBetween(1, 10);
        assertThat(browser.findElement(By.id("dashboard:nextFires")).getText()).contains("Next 10 fires")
                .doesNotContain("No enabled timed schedule");
        assertThat(browser.findElement(By.id("dashboard:nodes")).getText()).contains("Cluster nodes", "(this one)", "ALIVE");
        assertThat(browser.findElement(By.id("recent")).getText()).as("the page rendered to its end").contains("Recently changed jobs");
        // a new job shows up at the next refresh without reloading the page
        ApiClient.admin().post("/jobs", "{\"name\":\"dashboard-" + System.nanoTime()
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}");
        waitUpTo(Duration.ofSeconds(25)).until(ExpectedConditions.textToBe(By.id("jobsTotal"), Long.toString(total + 1)));
    }

    @Test
    void anOperatorDrainsThisNodeFromTheDashboardSeesItsLabelsAndABadPlacementIsShownNextToItsField() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        openNewJobDialog();
        type("jobForm:name", "placed-" + System.nanoTime());
        type("jobForm:sourcePath", "/srv");
        type("jobForm:targetPath", "/srv/backups");
        type("jobForm:placement", "host=a, zone");
        browser.findElement(By.id("jobForm:save")).click();
        wait.until(d -> !message("placement").isBlank());
        assertThat(message("placement")).contains("must be key=value");

        browser.get(ItEnvironment.BASE_URL + "/index.xhtml");
        By thisNode = By.xpath("//*[@id='dashboard:nodes']//tr[contains(., '(this one)')]");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(thisNode)).getText()).contains("host=a", "takes work");
        String nodeId = ApiClient.admin().get("/nodes").jsonArray().getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(n -> n.getBoolean("self")).findFirst().orElseThrow().getString("id");
        try {
            clickWhenStable(By.xpath("//*[@id='dashboard:nodes']//tr[contains(., '(this one)')]//button[normalize-space(.)='Drain']"));
            clickWhenStable(By.cssSelector(".ui-confirmdialog-yes"));
            wait.until(d -> d.findElement(thisNode).getText().contains("drained"));
            assertThat(ApiClient.admin().get("/nodes").jsonArray().getValuesAs(jakarta.json.JsonObject.class))
                    .filteredOn(n -> n.getString("id").equals(nodeId)).extracting(n -> n.getBoolean("drained")).containsExactly(true);
            clickWhenStable(By.xpath("//*[@id='dashboard:nodes']//tr[contains(., '(this one)')]//button[normalize-space(.)='Undrain']"));
            clickWhenStable(By.cssSelector(".ui-confirmdialog-yes"));
            wait.until(d -> d.findElement(thisNode).getText().contains("takes work"));
        } finally {
            TestUsers.operator().post("/nodes/" + nodeId + "/undrain", ""); // the other suites need this node taking work
        }
    }

    @Test
    void anOperatorCreatesAnAlertRuleAndIsToldWhatIsWrongWhileAViewerOnlyReads() {
        String name = "console-alert-" + System.nanoTime();
        TestUsers.operator();
        signIn(TestUsers.OPERATOR, TestUsers.PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/alerts.xhtml");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("rulesForm:newRule"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ruleForm:name")));
        type("ruleForm:name", name);
        // as the job menu elsewhere: through the widget rather than the overlay, whose animation races a click
        ((JavascriptExecutor) browser).executeScript("PF('ruleType').selectValue('LOW_DISK')");
        type("ruleForm:threshold", "500");
        type("ruleForm:webhookUrl", "gopher://example.com/x");
        browser.findElement(By.id("ruleForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ruleForm:thresholdMessage"), "must be between"));
        assertThat(browser.findElement(By.id("ruleForm:webhookUrlMessage")).getText()).contains("http or https");
        type("ruleForm:threshold", "5");
        type("ruleForm:webhookUrl", "https://chat.example.com/hooks/backups");
        browser.findElement(By.id("ruleForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rulesForm:rules"), name));
        assertThat(browser.findElement(By.id("rulesForm:rules")).getText()).contains("5 percent free")
                .contains("webhook https://chat.example.com/hooks/backups");
        JsonObject stored = ApiClient.admin().get("/alerts/rules").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals(name)).findFirst().orElseThrow();
        assertThat(stored.getString("type")).isEqualTo("LOW_DISK");
        assertThat(stored.getJsonNumber("threshold").doubleValue()).isEqualTo(5.0);

        browser.manage().deleteAllCookies();
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/alerts.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rulesForm:rules"), name));
        assertThat(browser.findElements(By.cssSelector("#rulesForm\\:newRule, [id$=':edit'], [id$=':delete'], #ruleForm\\:save")))
                .isEmpty();
        assertThat(browser.findElement(By.id("historyForm:history"))).isNotNull();
        ApiClient.admin().delete("/alerts/rules/" + stored.getJsonNumber("id"));
    }

    @Test
    void anAdminCreatesAScheduleWatchingItsLivePreviewAndIsToldWhatIsWrong() {
        String job = "scheduled-" + System.nanoTime();
        long jobId = ApiClient.admin().post("/jobs", "{\"name\":\"" + job
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}").json().getJsonNumber("id").longValue();
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/schedules.xhtml");
        assertThat(browser.findElement(By.id("navForm:schedulerState")).getText()).isEqualTo("Scheduler on");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("listForm:newSchedule"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scheduleForm:expression")));

        type("scheduleForm:expression", "0 3 * * 1#1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scheduleForm:preview"), "Mon"));
        assertThat(browser.findElements(By.cssSelector("#previewFires li"))).hasSize(10);
        type("scheduleForm:expression", "0 25 * * *");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scheduleForm:previewProblem")));
        assertThat(browser.findElement(By.id("scheduleForm:previewProblem")).getText()).startsWith("expression:");

        String name = "first-monday-" + System.nanoTime();
        type("scheduleForm:name", name);
        type("scheduleForm:zone", "Mars/Base");
        browser.findElement(By.id("scheduleForm:save")).click();
        wait.until(d -> !d.findElement(By.id("scheduleForm:expressionMessage")).getText().isBlank());
        assertThat(browser.findElement(By.id("scheduleForm:zoneMessage")).getText()).contains("not a time zone");
        assertThat(browser.findElement(By.id("scheduleForm:jobIdMessage")).getText()).contains("required");

        type("scheduleForm:expression", "0 3 * * 1#1");
        type("scheduleForm:zone", "Europe/Berlin");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scheduleForm:preview"), "(Europe/Berlin)"));
        // the job menu lists every job of the test database: choose through the widget rather than by scrolling
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("PF('jobMenu').selectValue(arguments[0])",
                Long.toString(jobId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scheduleForm:jobId"), job));
        clickWhenStable(By.id("scheduleForm:save"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("scheduleForm:name")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:schedules"), name));

        var schedule = ApiClient.admin().get("/schedules?jobId=" + jobId).json().getJsonArray("items").getJsonObject(0);
        assertThat(schedule.getString("name")).isEqualTo(name);
        assertThat(schedule.getString("expression")).isEqualTo("0 3 * * 1#1");
        assertThat(schedule.getString("zone")).isEqualTo("Europe/Berlin");
        assertThat(schedule.getBoolean("enabled")).isTrue();
    }

    @Test
    void aViewerSeesTheSchedulerStateButCannotSwitchItOrChangeSchedules() {
        TestUsers.viewer();
        signIn(TestUsers.VIEWER, TestUsers.PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/schedules.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("navForm:schedulerState")));
        assertThat(browser.findElements(By.cssSelector("#navForm\\:toggleScheduler, #listForm\\:newSchedule, [id$=':edit'],"
                + " [id$=':delete'], [id$=':runNow'], [id$=':pause']"))).isEmpty();
        browser.get(ItEnvironment.BASE_URL + "/calendars.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("listForm:calendars")));
        assertThat(browser.findElements(By.cssSelector("#listForm\\:newCalendar, [id$=':import'], [id$=':delete']"))).isEmpty();
    }

    @Test
    void anAdminSwitchesTheSchedulerOffAndOnFromAnyPage() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/queue.xhtml");
        try {
            clickWhenStable(By.id("navForm:toggleScheduler"));
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.textToBe(By.id("navForm:schedulerState"), "Scheduler off"));
            assertThat(ApiClient.admin().get("/scheduler").json().getBoolean("enabled")).isFalse();
            clickWhenStable(By.id("navForm:toggleScheduler"));
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.textToBe(By.id("navForm:schedulerState"), "Scheduler on"));
        } finally {
            ApiClient.admin().put("/scheduler", "{\"enabled\":true}");
        }
        assertThat(ApiClient.admin().get("/scheduler").json().getBoolean("enabled")).isTrue();
    }

    @Test
    void anAdminKeepsACalendarsHolidaysAsLinesOfTextAndImportsAnIcsFile() throws Exception {
        String name = "holidays-" + System.nanoTime();
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        browser.get(ItEnvironment.BASE_URL + "/calendars.xhtml");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("listForm:newCalendar"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("calendarForm:name")));
        type("calendarForm:name", name);
        type("calendarForm:zone", "Europe/Berlin");
        type("calendarForm:holidays", "2026-12-25 yearly Christmas\nChristmas Eve");
        browser.findElement(By.id("calendarForm:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("calendarForm:holidaysMessage"), "line 2"));
        type("calendarForm:holidays", "2026-12-25 yearly Christmas\n2026-12-24 Christmas Eve");
        browser.findElement(By.id("calendarForm:save")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("calendarForm:name")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("listForm:calendars"), name));
        var calendar = ApiClient.admin().get("/calendars").jsonArray().stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow();
        assertThat(calendar.getString("zone")).isEqualTo("Europe/Berlin");
        assertThat(calendar.getJsonArray("holidays")).hasSize(2);
        assertThat(calendar.getJsonArray("weekend").getString(0)).isEqualTo("SATURDAY");

        // an .ics file adds its all-day events
        Path ics = Files.createTempFile("holidays", ".ics");
        Files.writeString(ics, String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//it//EN",
                "BEGIN:VEVENT", "UID:1@it", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261231",
                "SUMMARY:New Year's Eve", "END:VEVENT", "END:VCALENDAR", ""));
        clickWhenStable(By.xpath("//tr[td[contains(., '" + name + "')]]//*[contains(@id, ':import')]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("importDialog")));
        wait.until(d -> { // the dialog's form is rendered again when it opens: find the input afresh until it holds
            d.findElement(By.cssSelector("#importForm input[type=file]")).sendKeys(ics.toString());
            return true;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "Imported 1 new holiday"));
        assertThat(ApiClient.admin().get("/calendars/" + calendar.getJsonNumber("id")).json().getJsonArray("holidays")).hasSize(3);
    }

    @Test
    void signingOutEndsTheSession() {
        signIn(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
        browser.findElement(By.id("navForm:signOut")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.get(ItEnvironment.BASE_URL + "/jobs.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    }
}
