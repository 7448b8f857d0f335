package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Must-flag samples for every rule (fake values, generated from a fixed seed) and must-pass hard negatives. */
class SecretsScannerCorpusTest {
    static final SecretsScanner SCANNER = new SecretsScanner();
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String B64 = ALNUM + "+/";
    static final String B64URL = ALNUM + "-_";
    static final String HEX = "0123456789abcdef";

    /** Fake random strings: deterministic, never real keys. */
    static String rnd(Random r, String alphabet, int n) {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }

    /** (type, text, secret): the finding must have the type and cover the secret. */
    static Stream<Arguments> mustFlag() {
        Random r = new Random(20261125);
        String aws = "AKIA" + rnd(r, UPPER + "234567", 16);
        String sts = "ASIA" + rnd(r, UPPER + "234567", 16);
        String awsSecret = rnd(r, B64, 40);
        String gcp = "AIza" + rnd(r, B64URL, 35);
        String pemBody = rnd(r, B64, 64) + "\\n" + rnd(r, B64, 64) + "\\n";
        String azureKey = rnd(r, B64, 86) + "==";
        String sbKey = rnd(r, B64, 43) + "=";
        String azureAd = rnd(r, ALNUM, 3) + "8Q~" + rnd(r, ALNUM + "_.-", 34);
        String clientSecret = rnd(r, ALNUM, 32);
        String ghp = "ghp_" + rnd(r, ALNUM, 36);
        String ghs = "ghs_" + rnd(r, ALNUM, 36);
        String gho = "gho_" + rnd(r, ALNUM, 36);
        String fgpat = "github_pat_" + rnd(r, ALNUM, 22) + "_" + rnd(r, ALNUM, 59);
        String glpat = "glpat-" + rnd(r, ALNUM + "_-", 20);
        String xoxb = "xoxb-" + rnd(r, DIGITS, 12) + "-" + rnd(r, DIGITS, 13) + "-" + rnd(r, ALNUM, 24);
        String xoxp = "xoxp-" + rnd(r, DIGITS, 11) + "-" + rnd(r, DIGITS, 12) + "-" + rnd(r, DIGITS, 13) + "-"
                + rnd(r, HEX, 32);
        String xapp = "xapp-1-A" + rnd(r, UPPER + DIGITS, 10) + "-" + rnd(r, DIGITS, 13) + "-" + rnd(r, HEX, 64);
        String hook = "https://hooks.slack.com/services/T" + rnd(r, UPPER + DIGITS, 8) + "/B"
                + rnd(r, UPPER + DIGITS, 10) + "/" + rnd(r, ALNUM, 24);
        String stripe = "sk_live_" + rnd(r, ALNUM, 99);
        String rkLive = "rk_live_" + rnd(r, ALNUM, 24);
        String stripeTest = "sk_test_" + rnd(r, ALNUM, 24);
        String openaiLegacy = "sk-" + rnd(r, ALNUM, 20) + "T3BlbkFJ" + rnd(r, ALNUM, 20);
        String openaiProj = "sk-proj-" + rnd(r, B64URL, 74) + "T3BlbkFJ" + rnd(r, B64URL, 74);
        String openai48 = "sk-" + rnd(r, ALNUM, 48);
        String anthropic = "sk-ant-api03-" + rnd(r, B64URL, 93) + "AA";
        String hf = "hf_" + rnd(r, UPPER + LOWER, 34);
        String jwt = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + b64url("{\"sub\":\"1234567890\",\"name\":\"Ann\",\"iat\":1516239022}") + "." + rnd(r, B64URL, 43);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + rnd(r, B64, 64) + "\n" + rnd(r, B64, 64) + "\n"
                + rnd(r, B64, 20) + "==\n-----END RSA PRIVATE KEY-----";
        String openssh =
                "-----BEGIN OPENSSH PRIVATE KEY-----\n" + rnd(r, B64, 70) + "\n-----END OPENSSH PRIVATE KEY-----";
        String truncatedPem = "-----BEGIN PRIVATE KEY-----\n" + rnd(r, B64, 64) + "\n" + rnd(r, B64, 40);
        String pgPw = rnd(r, ALNUM, 14);
        String myPw = rnd(r, ALNUM, 12) + "!";
        String mongoPw = rnd(r, ALNUM, 16);
        String redisPw = rnd(r, ALNUM, 20);
        String amqpPw = rnd(r, ALNUM, 10) + "9";
        String jdbcPw = rnd(r, ALNUM, 12) + "7";
        String urlPw = rnd(r, ALNUM, 12) + "3";
        String entropyVal = rnd(r, ALNUM, 32);
        String hexVal = rnd(r, HEX, 40);
        String bearer = rnd(r, B64URL, 40);
        String pw = "Tr0ub4dor&3x";
        String sendgrid = "SG." + rnd(r, B64URL, 22) + "." + rnd(r, B64URL, 43);
        String mailgun = "key-" + rnd(r, HEX, 32);
        String databricks = "dapi" + rnd(r, HEX, 32);
        String pypi = "pypi-AgEIcHlwaS5vcmc" + rnd(r, B64URL, 150);
        String shpat = "shpat_" + rnd(r, HEX, 32);
        String shpss = "shpss_" + rnd(r, HEX, 32);
        String whsec = "whsec_" + rnd(r, ALNUM, 32);
        String cliPw = rnd(r, ALNUM, 10) + "!" + rnd(r, DIGITS, 3);
        String longPw = rnd(r, UPPER + LOWER, 20);
        String dottedPw = "Slate4821.harbor";
        return Stream.of(
                Arguments.of("AWS_ACCESS_KEY_ID", "aws_access_key_id = " + aws, aws),
                Arguments.of("AWS_ACCESS_KEY_ID", "export AWS_ACCESS_KEY_ID=\"" + sts + "\"", sts),
                Arguments.of("AWS_SECRET_ACCESS_KEY", "aws_secret_access_key = " + awsSecret, awsSecret),
                Arguments.of("AWS_SECRET_ACCESS_KEY", "{\"SecretAccessKey\": \"" + awsSecret + "\"}", awsSecret),
                Arguments.of("GCP_API_KEY", "https://maps.googleapis.com/maps/api/js?key=" + gcp + "&v=3", gcp),
                Arguments.of(
                        "GCP_SERVICE_ACCOUNT_KEY",
                        "{\"type\": \"service_account\", \"private_key_id\": \"" + rnd(r, HEX, 40)
                                + "\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + pemBody
                                + "-----END PRIVATE KEY-----\\n\", \"client_email\": \"a@b.iam.gserviceaccount.com\"}",
                        pemBody),
                Arguments.of(
                        "AZURE_STORAGE_ACCOUNT_KEY",
                        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + azureKey
                                + ";EndpointSuffix=core.windows.net",
                        azureKey),
                Arguments.of(
                        "AZURE_SHARED_ACCESS_KEY",
                        "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + sbKey,
                        sbKey),
                Arguments.of("AZURE_AD_CLIENT_SECRET", "secret for the app registration: " + azureAd, azureAd),
                Arguments.of(
                        "AZURE_AD_CLIENT_SECRET",
                        "AZURE_TENANT_ID=" + rnd(r, HEX, 8) + "\nAZURE_CLIENT_SECRET=" + clientSecret,
                        clientSecret),
                Arguments.of("OAUTH_CLIENT_SECRET", "\"client_secret\": \"" + clientSecret + "\"", clientSecret),
                Arguments.of("GITHUB_TOKEN", "git clone https://x-access-token:" + ghs + "@github.com/o/r", ghs),
                Arguments.of("GITHUB_TOKEN", "GITHUB_TOKEN=" + ghp, ghp),
                Arguments.of("GITHUB_TOKEN", "use " + gho + " for the API", gho),
                Arguments.of("GITHUB_FINE_GRAINED_PAT", "token: " + fgpat, fgpat),
                Arguments.of(
                        "GITLAB_TOKEN",
                        "curl --header \"PRIVATE-TOKEN: " + glpat + "\" https://gitlab.com/api/v4",
                        glpat),
                Arguments.of("SLACK_TOKEN", "SLACK_BOT_TOKEN=" + xoxb, xoxb),
                Arguments.of("SLACK_TOKEN", "Authorization: Bearer " + xoxp, xoxp),
                Arguments.of("SLACK_APP_TOKEN", "app token " + xapp, xapp),
                Arguments.of("SLACK_WEBHOOK_URL", "curl -X POST " + hook + " -d '{\"text\":\"hi\"}'", hook),
                Arguments.of("STRIPE_SECRET_KEY", "Stripe.apiKey = \"" + stripe + "\";", stripe),
                Arguments.of("STRIPE_RESTRICTED_KEY", "key " + rkLive, rkLive),
                Arguments.of("STRIPE_TEST_KEY", "stripe.api_key = '" + stripeTest + "'", stripeTest),
                Arguments.of("OPENAI_API_KEY", "OPENAI_API_KEY=" + openaiLegacy, openaiLegacy),
                Arguments.of("OPENAI_API_KEY", "client = OpenAI(api_key=\"" + openaiProj + "\")", openaiProj),
                Arguments.of("OPENAI_API_KEY", "my key is " + openai48 + " please debug", openai48),
                Arguments.of("ANTHROPIC_API_KEY", "x-api-key: " + anthropic, anthropic),
                Arguments.of("HUGGINGFACE_TOKEN", "huggingface-cli login --token " + hf, hf),
                Arguments.of("JWT", "Authorization: Bearer " + jwt, jwt),
                Arguments.of("PRIVATE_KEY", "here is my key:\n" + pem + "\nthanks", pem),
                Arguments.of("PRIVATE_KEY", openssh, openssh),
                Arguments.of("PRIVATE_KEY", "key pasted: " + truncatedPem, truncatedPem),
                Arguments.of(
                        "CONNECTION_STRING_PASSWORD",
                        "DATABASE_URL=postgres://app:" + pgPw + "@db.internal:5432/app",
                        pgPw),
                Arguments.of("CONNECTION_STRING_PASSWORD", "mysql://root_admin:" + myPw + "@10.0.0.5/shop", myPw),
                Arguments.of(
                        "CONNECTION_STRING_PASSWORD",
                        "mongodb+srv://svc:" + mongoPw + "@cluster0.ab1cd.mongodb.net/?retryWrites=true",
                        mongoPw),
                Arguments.of("CONNECTION_STRING_PASSWORD", "redis://default:" + redisPw + "@cache:6379/0", redisPw),
                Arguments.of("CONNECTION_STRING_PASSWORD", "amqp://rabbit:" + amqpPw + "@mq.local:5672/", amqpPw),
                Arguments.of(
                        "CONNECTION_STRING_PASSWORD",
                        "jdbc:sqlserver://db.local:1433;databaseName=app;user=sa;password=" + jdbcPw + ";",
                        jdbcPw),
                Arguments.of(
                        "CONNECTION_STRING_PASSWORD",
                        "jdbc:postgresql://localhost/app?user=app&password=" + jdbcPw,
                        jdbcPw),
                Arguments.of("URL_CREDENTIALS", "https://deploy:" + urlPw + "@registry.example.org/v2/", urlPw),
                Arguments.of(
                        "CONNECTION_STRING_PASSWORD",
                        "redis.from_url(\"redis://:" + redisPw + "@cache:6379/0\")",
                        redisPw),
                Arguments.of("CLI_CREDENTIALS", "curl -u elastic:" + urlPw + " -X GET https://es.internal:9200", urlPw),
                Arguments.of(
                        "CLI_CREDENTIALS", "wget --user=deploy --password=" + urlPw + " https://files.local/a", urlPw),
                Arguments.of(
                        "AZURE_STORAGE_ACCOUNT_KEY",
                        "az storage blob list --account-name st1 --account-key " + azureKey + " -o table",
                        azureKey),
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "api_key = \"" + entropyVal + "\"", entropyVal),
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "SECRET_KEY: " + hexVal, hexVal),
                // a key under a parent that is not a cache is still a key
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "payments:\n  provider: acme\n  key: " + hexVal, hexVal),
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "Authorization: Bearer " + bearer, bearer),
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "const authToken = `" + entropyVal + "`;", entropyVal),
                Arguments.of("PASSWORD_ASSIGNMENT", "db.password=" + pw, pw),
                Arguments.of(
                        "NETRC_PASSWORD",
                        "machine api.heroku.com\n  login ann@example.org\n  password " + urlPw,
                        urlPw),
                Arguments.of(
                        "XML_SECRET",
                        "<server>\n  <id>releases</id>\n  <username>ci</username>\n  <password>" + urlPw
                                + "</password>\n</server>",
                        urlPw),
                Arguments.of(
                        "AWS_SECRET_ACCESS_KEY",
                        "ops: access key " + aws + "\nops: secret " + awsSecret + "\nops: region eu-central-1",
                        awsSecret),
                Arguments.of(
                        "CONNECTION_STRING_PASSWORD",
                        "sql.Open(\"mysql\", \"inventory:" + urlPw + "@tcp(db:3306)/inventory?parseTime=true\")",
                        urlPw),
                Arguments.of("PASSWORD_ASSIGNMENT", "<add key=\"x\"/> pwd: '" + pw + "'", pw),
                // documented token formats (fourth independent probe)
                Arguments.of("SENDGRID_API_KEY", "sendgrid:\n  api-key: " + sendgrid + "\n", sendgrid),
                Arguments.of("SENDGRID_API_KEY", "-H 'Authorization: Bearer " + sendgrid + "'", sendgrid),
                Arguments.of(
                        "MAILGUN_API_KEY",
                        "requests.post(url, auth=(\"api\", \"" + mailgun + "\"), data=payload)",
                        mailgun),
                Arguments.of("MAILGUN_API_KEY", "our mailgun key is " + mailgun, mailgun),
                Arguments.of("DATABRICKS_TOKEN", "is a token like " + databricks + " per workspace?", databricks),
                Arguments.of("DATABRICKS_TOKEN", "token " + databricks + "-2", databricks + "-2"),
                Arguments.of("PYPI_TOKEN", "twine upload -u __token__ -p " + pypi + " dist/*", pypi),
                Arguments.of(
                        "SHOPIFY_TOKEN",
                        "shopify.Session(\"shop.myshopify.com\", \"2024-07\", \"" + shpat + "\")",
                        shpat),
                Arguments.of("SHOPIFY_TOKEN", "SHOPIFY_API_SECRET=" + shpss, shpss),
                Arguments.of("STRIPE_WEBHOOK_SECRET", "construct_event(payload, sig, \"" + whsec + "\")", whsec),
                // passwords on command lines and in config
                Arguments.of("CLI_CREDENTIALS", "  17  sshpass -p '" + cliPw + "' ssh deploy@10.0.0.7", cliPw),
                Arguments.of("CLI_CREDENTIALS", "$ docker login -u ci -p " + longPw + " registry.local", longPw),
                Arguments.of(
                        "CLI_CREDENTIALS",
                        "twine upload --repository-url https://nexus.local/pypi -u deploy -p " + cliPw + " dist/*",
                        cliPw),
                Arguments.of("CLI_CREDENTIALS", "mysql -h db.local -u root -p" + cliPw + " shop < dump.sql", cliPw),
                Arguments.of(
                        "HIGH_ENTROPY_ASSIGNMENT", "PGPASSWORD='" + entropyVal + "' psql -h db -U app", entropyVal),
                Arguments.of("PASSWORD_ASSIGNMENT", "MYSQL_PWD=" + cliPw + " mysql -h db -u app", cliPw),
                Arguments.of("PGPASS_PASSWORD", "db.internal:5432:*:app:" + cliPw + "\n", cliPw),
                Arguments.of("PGPASS_PASSWORD", "replica-2.local:*:billing:report:" + dottedPw, dottedPw),
                Arguments.of(
                        "HIGH_ENTROPY_ASSIGNMENT",
                        "    environment:\n      GRAFANA_ADMIN_PASSWORD: " + dottedPw + "\n",
                        dottedPw),
                Arguments.of("PASSWORD_ASSIGNMENT", "define( 'DB_PASSWORD', '" + cliPw + "' );", cliPw),
                Arguments.of(
                        "PASSWORD_ASSIGNMENT",
                        "\"cmd\": \"connect(user=\\\"ci\\\", password=\\\"" + cliPw + "\\\")\"",
                        cliPw),
                Arguments.of("BASIC_AUTH_PASSWORD", "requests.get(url, auth=(\"svc\", \"" + cliPw + "\"))", cliPw),
                Arguments.of("BASIC_AUTH_PASSWORD", "session.auth = HTTPBasicAuth(\"svc\", \"" + cliPw + "\")", cliPw),
                Arguments.of(
                        "PRIVATE_KEY_PASSPHRASE",
                        "the key is protected with passphrase " + cliPw + "\n"
                                + "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + rnd(r, B64, 64)
                                + "\n-----END ENCRYPTED PRIVATE KEY-----",
                        cliPw),
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "app.config['SECRET_KEY'] = '" + entropyVal + "'", entropyVal),
                Arguments.of("HIGH_ENTROPY_ASSIGNMENT", "headers[\"X-Api-Key\"] = \"" + entropyVal + "\"", entropyVal),
                Arguments.of(
                        "HIGH_ENTROPY_ASSIGNMENT",
                        "client.AddDefaultHeader(\"api_key\", \"" + hexVal + "\");",
                        hexVal));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "const stripe = require('stripe')('sk_test_BQokikJOvBiI2HlWgH4olfQ2');",
                "Example: ghu_16C7e42F292c6912E7710c838347Ae178B4a and"
                        + " ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498",
                "\"ConnectionStrings\": {\"Storage\": \"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/"
                        + "KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\"}",
            })
    void documentedSamplesAreReportedBelowTheDefaultThreshold(String text) {
        // vendors print these for every reader (Stripe's and GitHub's docs, the Azurite emulator's fixed key)
        assertThat(SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT)))
                .as(text)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.score()).isLessThan(0.5));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("mustFlag")
    void flagsEveryRule(String type, String text, String secret) {
        List<Finding> findings = SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT));
        int start = text.indexOf(secret);
        assertThat(findings).as("findings in %s", text).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.category()).isEqualTo(Category.SECRET);
            assertThat(f.scanner()).isEqualTo("secrets");
            assertThat(f.start()).isLessThanOrEqualTo(start);
            assertThat(f.end()).isGreaterThanOrEqualTo(start + secret.length());
            assertThat(f.end() - f.start()).isLessThanOrEqualTo(secret.length() + 80);
        });
    }

    @Test
    void everyRuleHasAMustFlagSample() {
        var covered = mustFlag().map(a -> (String) a.get()[0]).toList();
        for (String id : SCANNER.ruleIds()) {
            if (id.equals("STRIPE_KEY")
                    || id.equals("JDBC_PASSWORD")
                    || id.equals("GO_DSN_PASSWORD")
                    || id.equals("AWS_SECRET_NEAR_KEY_ID")
                    || id.equals("CLI_PASSWORD_FLAG")
                    || id.equals("CALL_ARGUMENT_SECRET")) {
                // emit STRIPE_*, CONNECTION_STRING_PASSWORD, AWS_SECRET_ACCESS_KEY, CLI_CREDENTIALS and
                // HIGH_ENTROPY_ASSIGNMENT or PASSWORD_ASSIGNMENT, covered above
                continue;
            }
            assertThat(covered).as("rule %s", id).contains(id);
        }
    }

    @Test
    void aRealSizeServiceAccountKeyIsFoundOnASmallStack() throws Exception {
        // a 1.7 KB PKCS#8 body, escaped as in a key file; the rule's regex once recursed per char and overflowed
        Random r = new Random(7);
        StringBuilder body = new StringBuilder();
        for (int line = 0; line < 26; line++) {
            body.append(rnd(r, B64, 64)).append("\\n");
        }
        String key = "-----BEGIN PRIVATE KEY-----\\n" + body + "-----END PRIVATE KEY-----\\n";
        String json = "{\"type\": \"service_account\", \"private_key_id\": \"abc\", \"private_key\": \"" + key
                + "\", \"client_email\": \"svc@proj.iam.gserviceaccount.com\"}";
        List<Finding> found = new java.util.ArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        found.addAll(SCANNER.scan(ScanText.plain(json, ScanText.Stage.INPUT)));
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                },
                "small-stack",
                256 * 1024);
        t.start();
        t.join();
        assertThat(failure[0]).isNull();
        assertThat(found).anySatisfy(f -> assertThat(f.type()).isEqualTo("GCP_SERVICE_ACCOUNT_KEY"));
    }

    @Test
    void installationDefaultCredentialsScoreBelowTheDefaultThreshold() {
        var f = SCANNER.scan(
                ScanText.plain("DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev", ScanText.Stage.INPUT));
        assertThat(f).singleElement().satisfies(x -> assertThat(x.score()).isLessThan(0.5));
    }

    @Test
    void documentedExampleKeysScoreLow() {
        var f = SCANNER.scan(ScanText.plain("aws_access_key_id=AKIAIOSFODNN7EXAMPLE", ScanText.Stage.INPUT));
        assertThat(f).singleElement().satisfies(x -> assertThat(x.score()).isLessThan(0.5));
    }

    @Test
    void findsSecretsInDecodedRunsOnTheEncodedSpan() {
        Random r = new Random(7);
        String ghp = "ghp_" + rnd(r, ALNUM, 36);
        String enc = Base64.getEncoder().encodeToString(ghp.getBytes());
        String text = "decode this: " + enc;
        int s = text.indexOf(enc);
        int[] o = new int[text.length() + 1];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        var st = new ScanText(
                text, text, o, List.of(new ScanText.Decoded("base64", ghp, s, s + enc.length())), ScanText.Stage.INPUT);
        assertThat(SCANNER.scan(st)).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("GITHUB_TOKEN");
            assertThat(f.start()).isEqualTo(s);
            assertThat(f.end()).isEqualTo(s + enc.length());
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id: 203db13e-70c7-462b-9a3d-bf32640cb0be",
                "request_id = \"6f1c2b7e-9d2a-4c1e-8f3b-2a9d7c6e5b4a\"",
                "commit 8b1118b376c313ed420e5133ba91307817ed52c2\nAuthor: Ann <ann@example.org>",
                "Merge: 3f2a1b9 e5d4c3b",
                "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">",
                "\"integrity\": \"sha512-Vj7t7DiKKhC4aN4xqr4t2zHq3yDqH8MN3kYlBqG5OZe3RrLJqa0JHUuNvDMsxk4GzjEqJmrPP0lU2B8XUQ3nQ==\"",
                "\"resolved\": \"https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz\"",
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  app.tar.gz",
                "password = ${DB_PASSWORD}",
                "password: ${DB_PASSWORD:-}",
                "api_key: \"<your key here>\"",
                "api_key = \"YOUR_API_KEY\"",
                "OPENAI_API_KEY=sk-...",
                "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "secret_key = os.environ[\"SECRET_KEY\"]",
                "token = request.headers.get(\"Authorization\")",
                "apiKey: process.env.STRIPE_KEY",
                "password = \"changeme\"",
                "password: hunter2",
                "spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}",
                "Get an API key from the dashboard, then set OPENAI_API_KEY. Keys start with sk- and must be kept secret.",
                "We use sk-learn (scikit-learn) for the baseline; see sk-proj-setup in the wiki.",
                "Keys look like sk-ant-api03-... and are shown once.",
                "To rotate your token, open Settings > Developer settings > Personal access tokens.",
                "The private key is stored in the HSM; never paste -----BEGIN PRIVATE KEY----- ... blocks here.",
                "postgres://user:password@localhost:5432/db",
                "postgres://user:${DB_PASS}@localhost:5432/db",
                "http://localhost:8080/api/v1",
                "git@github.com:trustgate/trustgate.git",
                "private static final String TOKEN_HEADER = \"X-Auth-Token\";",
                "public_key = \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG3pGQxUZ8FxcbS0Jq7p6c6WmfFyzE4v8oYqL4s9K2hP ann@laptop\"",
                "keyboard layout: en-US-international-with-dead-keys",
                "monkey_patch = true",
                "cache_key = f\"user:{user_id}:profile\"",
                "key_id = \"a1b2c3d4e5f60718293a4b5c6d7e8f90\"",
                "const tokenizer = new Tokenizer(vocabPath);",
                "eyJhbGciOiJIUzI1NiJ9 is how a JWT header starts",
                "AKIA is the prefix of long-term AWS access key ids",
                "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
                "hf_hub_download(repo_id=\"sentence-transformers/all-MiniLM-L6-v2\", filename=\"model.onnx\")",
                "export GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "STRIPE_PUBLISHABLE_KEY=pk_live_51HqLyjWDarjtT1zdp7dcXaMpl",
                "sample token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
                        + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                "curl -u $USER:$TOKEN https://api.example.org",
                "curl -u admin:password http://localhost:9200",
                // identifiers and ciphertext (false positives of the second independent probe)
                "app.token-endpoint=https://auth.example.io/oauth2/token",
                "kms_key: arn:aws:kms:us-east-1:924955004020:key/b75fadde-f22e-4082-9670-56092c5ec739",
                "kind: SealedSecret\nspec:\n  encryptedData:\n    password: AgBbfoFFH3ZOHdcNgmZNPxYwWK1su1uOYsMGGOtPYLVC0PqV2pM"
                        + "6EDoRlUvY9O3RxSk2YX1a3nRNJvZQWohhTJXWWreuWX/2KX911A142Cr2DlgayevLOUtciGyGMbC4nR5cLGX6BklQkWM6GEf2",
                "\"packages/core\": {\"version\": \"1.2.3\", \"resolved\": \"git+ssh://git@github.com/o/r.git#5f1c2e9a7b3d\"}",
                // cache keys end in a lock file's hash
                "build:\n  script: make\n  cache:\n    key: gems-4be1c07e9a3d2f61\n    paths: [vendor/]",
                "cache_key = \"npm-7d3f9a01c2b84e56\"",
                // digests named as such, elided values, Shopify's public API key (fourth independent probe)
                "kid=4be1c07e9a3d2f61 token_sha256=5d41402abc4b2a76b9719d911017c592ae3c1c7d05e1a4b0f6e7d8c9b0a1f2e3",
                "api_key_hash: 0cc175b9c0f1b6a831c399e269772661c4ca4238a0b923820dcc509a6f75849b",
                "secret_digest = \"9e107d9d372bb6826bd81d3542a419d6e4d8da4a\"",
                "token_checksum=c3fcd3d76192e4007dfb496cca67e13b",
                "ssh_key_fingerprint: 43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8",
                "auth_md5 = e4d909c290d0fb1ca068ffaddf22cbd0",
                "Password = \"sk_live_...\"",
                "api_key: AKfycbx3...",
                "SHOPIFY_API_KEY=9a8b7c6d5e4f30211203f4e5d6c7b8a9",
                // code references with three digits in a row are still references; a call with more arguments is no
                // pair
                "PrivateKey signingKey = x509Possession.popPrivateKey;",
                "register(\"Signature\", \"SHA256withRSAandMGF1\", impl);",
                // command lines and config with references, prompts, placeholders and defaults
                "sshpass -p \"$SSH_PASS\" ssh deploy@host",
                "sshpass -p '****' ssh deploy@host",
                "docker login -u ci -p ${REGISTRY_PASSWORD} registry.local",
                "docker login -u ci -p $(cat ~/pw.txt) registry.local",
                "mysql -h db -u root -p shop < dump.sql",
                "mysql -uroot -p\"$MYSQL_ROOT_PASSWORD\" -e 'show databases'",
                "mysql --port 3306 -P 3306 -u app -p",
                "PGPASSWORD=$DB_PASS psql -h db -U app",
                "hostname:port:database:username:password",
                "localhost:5432:*:postgres:postgres",
                "*:*:*:replicator:${REPL_PASSWORD}",
                "  GF_SECURITY_ADMIN_PASSWORD: ${GF_ADMIN_PASSWORD}",
                "  GF_SECURITY_ADMIN_PASSWORD: admin",
                "  DB_PASSWORD: settings.DB_PASSWORD",
                "define( 'DB_PASSWORD', 'password_here' );",
                "define( 'AUTH_KEY', 'put your unique phrase here' );",
                "requests.get(url, auth=(\"user\", \"pass\"))",
                "requests.get(url, auth=(user, password))",
                "the key is protected with passphrase <your passphrase>\n-----BEGIN ENCRYPTED PRIVATE KEY-----",
                "app.config['SECRET_KEY'] = os.environ['SECRET_KEY']",
                "app.config['SECRET_KEY'] = 'dev'",
                "headers[\"X-Api-Key\"] = \"{{ api_key }}\"",
                "client.AddDefaultHeader(\"api_key\", \"YOUR_API_KEY\");",
                "\"password\": \\\"${DB_PASSWORD}\\\"",
                "the object key-0cc175b9c0f1b6a831c399e269772661 was evicted from the cache",
            })
    void passesHardNegatives(String text) {
        assertThat(SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT)))
                .as(text)
                .isEmpty();
    }
}
