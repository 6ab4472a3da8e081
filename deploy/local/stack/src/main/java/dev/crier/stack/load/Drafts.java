package dev.crier.stack.load;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * The drafts the benchmark submits: full-length bilingual public-service posts that the default canada-federal
 * policy approves (checked against the running policy before each run, {@link LoadBenchmark}), each made unique by
 * its notice number, spread over the four local departments so that no one sandbox account's rate limit
 * (6,000 posts a minute) is what the benchmark measures.
 */
final class Drafts {

    /** One post in English and in French; {@code %d} is the notice number. */
    record Template(String english, String french) {
    }

    static final List<Template> TEMPLATES = List.of(
            new Template("Flu vaccination clinics open Monday in community centres across the region. Bring your health"
                    + " card and wear a short sleeve. No appointment is needed (notice %d).",
                    "Les cliniques de vaccination contre la grippe ouvrent lundi dans les centres communautaires de la"
                    + " région. Apportez votre carte santé et portez une manche courte. Aucun rendez-vous n'est"
                    + " nécessaire (avis %d)."),
            new Template("Service Canada offices will close early on Friday for staff training. Online services stay open"
                    + " all day, and offices reopen at the usual time on Monday (notice %d).",
                    "Les bureaux de Service Canada fermeront tôt vendredi pour la formation du personnel. Les services en"
                    + " ligne restent ouverts toute la journée et les bureaux rouvrent à l'heure habituelle lundi (avis %d)."),
            new Template("Heat warning for the weekend: drink water often, check on older neighbours and never leave"
                    + " children or pets in a parked car. Cooling centres open at noon (notice %d).",
                    "Avertissement de chaleur pour la fin de semaine : buvez de l'eau souvent, prenez des nouvelles de vos"
                    + " voisins âgés et ne laissez jamais d'enfants ou d'animaux dans une voiture stationnée. Les centres"
                    + " de rafraîchissement ouvrent à midi (avis %d)."),
            new Template("The tax filing deadline is April 30. Filing on time keeps your benefit and credit payments"
                    + " coming without a break. Free tax clinics can help you file (notice %d).",
                    "La date limite pour produire votre déclaration de revenus est le 30 avril. Produire à temps permet de"
                    + " recevoir vos prestations et crédits sans interruption. Des comptoirs d'impôts gratuits peuvent"
                    + " vous aider (avis %d)."),
            new Template("National parks open their campgrounds for the summer season this week. Reserve your site early,"
                    + " pack out what you bring in and keep wildlife wild (notice %d).",
                    "Les parcs nationaux ouvrent leurs terrains de camping pour la saison estivale cette semaine. Réservez"
                    + " votre emplacement tôt, rapportez vos déchets et gardez la faune sauvage (avis %d)."),
            new Template("Road repairs on the main bridge start next week. Expect one lane in each direction during the"
                    + " day and plan extra time for your trip to work (notice %d).",
                    "Les réparations du pont principal commencent la semaine prochaine. Prévoyez une seule voie dans chaque"
                    + " direction pendant la journée et plus de temps pour vous rendre au travail (avis %d)."));

    /** The local departments (Tokens.LOCAL_DEPARTMENTS), each with its own sandbox account. */
    static final List<String> DEPARTMENTS = List.of("HC", "ESDC", "PHAC", "CRA");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Drafts() {
    }

    /** The n-th draft's JSON body: template and department in turn, notice number {@code 100000 + n}. */
    static String body(long n) {
        Template t = TEMPLATES.get((int) (n % TEMPLATES.size()));
        long notice = 100_000 + n;
        return json(t.english().formatted(notice), t.french().formatted(notice),
                DEPARTMENTS.get((int) ((n / TEMPLATES.size()) % DEPARTMENTS.size())));
    }

    static String json(String english, String french, String department) {
        try {
            return JSON.writeValueAsString(Map.of("text", english, "translations", Map.of("fr", french),
                    "platforms", List.of("sandbox"), "author", Map.of("id", "u-load", "department", department)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
