import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic bank-marketing CSV (the schema of the classic bank marketing data set,
 * with its "default" column called "creditcard"). Same arguments, same bytes.
 *
 *   java GenerateBankData.java ROWS OUT.csv [SEED]
 */
public class GenerateBankData {

    static final String[] JOBS = {"admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired",
            "self-employed", "services", "student", "technician", "unemployed", "unknown"};
    static final String[] MARITAL = {"married", "single", "divorced", "unknown"};
    static final String[] EDUCATION = {"basic.4y", "basic.6y", "basic.9y", "high.school", "illiterate",
            "professional.course", "university.degree", "unknown"};
    static final String[] YES_NO = {"no", "yes", "unknown"};
    static final String[] CONTACT = {"cellular", "telephone"};
    static final String[] MONTHS = {"mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri"};
    static final String[] OUTCOME = {"nonexistent", "failure", "success"};
    static final double[] EMP_VAR = {1.4, 1.1, -0.1, -0.2, -1.1, -1.7, -1.8, -2.9, -3.0, -3.4};
    static final double[] PRICE = {93.994, 93.918, 93.444, 93.2, 92.893, 93.075, 92.963, 94.465, 94.215, 93.749};
    static final double[] CONF = {-36.4, -42.7, -36.1, -42.0, -46.2, -47.1, -40.8, -41.8, -40.3, -34.6};
    static final double[] NR = {5191.0, 5228.1, 5195.8, 5176.3, 5099.1, 5076.2, 5017.5, 5023.5, 5008.7, 4991.6};

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java GenerateBankData.java ROWS OUT.csv [SEED]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20260101L;
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("age,job,marital,education,creditcard,housing,loan,contact,month,day_of_week,duration,campaign,"
                    + "pdays,previous,poutcome,emp_var_rate,cons_price_idx,cons_conf_idx,euribor3m,nr_employed,y\n");
            StringBuilder sb = new StringBuilder(256);
            for (long i = 0; i < rows; i++) {
                sb.setLength(0);
                boolean quote = r.nextInt(10) == 0; // some rows quote their text fields, as exports often do
                int econ = r.nextInt(EMP_VAR.length);
                sb.append(18 + r.nextInt(70)).append(',');
                text(sb, JOBS[r.nextInt(JOBS.length)], quote);
                text(sb, MARITAL[r.nextInt(MARITAL.length)], quote);
                text(sb, EDUCATION[r.nextInt(EDUCATION.length)], quote);
                text(sb, YES_NO[r.nextInt(3)], quote);
                text(sb, YES_NO[r.nextInt(3)], quote);
                text(sb, YES_NO[r.nextInt(3)], quote);
                text(sb, CONTACT[r.nextInt(2)], quote);
                text(sb, MONTHS[r.nextInt(MONTHS.length)], quote);
                text(sb, DAYS[r.nextInt(DAYS.length)], quote);
                sb.append(r.nextInt(4000)).append(',');
                sb.append(1 + r.nextInt(40)).append(',');
                sb.append(r.nextInt(20) == 0 ? r.nextInt(27) : 999).append(',');
                sb.append(r.nextInt(7)).append(',');
                text(sb, OUTCOME[r.nextInt(3)], quote);
                sb.append(EMP_VAR[econ]).append(',');
                sb.append(PRICE[econ]).append(',');
                sb.append(CONF[econ]).append(',');
                sb.append(String.format(Locale.ROOT, "%.3f", 0.6 + r.nextDouble() * 4.5)).append(',');
                sb.append(NR[econ]).append(',');
                sb.append(r.nextInt(9) == 0 ? 1 : 0).append('\n');
                w.append(sb);
            }
        }
    }

    static void text(StringBuilder sb, String v, boolean quote) {
        if (quote) {
            sb.append('"').append(v).append('"');
        } else {
            sb.append(v);
        }
        sb.append(',');
    }
}
