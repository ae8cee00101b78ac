"""French: "tenez 30 secondes", "3 séries de 10 répétitions", "de chaque côté", "assis"."""

from __future__ import annotations

import re

from . import Lexicon, compiled, spelled, words
from ._foreign import AFTER, instruction_test, timed

LEADING = re.compile(
    r"^(?:maintenant|puis|ensuite|d'abord|enfin|lentement|doucement|et)[,\s]+", re.IGNORECASE
)
_VERBS = (
    r"(?:faites|fais|ne|n'|place|tourne|penche|tiens|garde|lève|pousse|croise|reste|répète"
    r"|laisse|recule|inspire|expire|relâche|change|évite|monte|descends|allonge-toi"
    r"|assieds-toi|mets|prends|serre|rentre|ouvre|tire|plie|étire|amène|ramène|pose|roule)"
    # "Asseyez-vous", "Tournez", "Gardez-les": the imperative of "vous".
    r"|[a-zàâçéèêëîïôûùœ]+ez(?:-(?:vous|le|la|les|lui))?"
)

# Words that open a sentence and end as an infinitive does, but are none.
_NOT_INFINITIVES = r"(?:entre|contre|notre|votre|outre|autre|quatre|premier|dernier|hier|leur|sur)"

# Nouns a side word follows in the masculine ("le bras gauche" -> "le bras droit"); any
# other noun, and "vers la gauche", takes "droite".
_MASCULINE = words(
    """
    bras avant-bras pied genou coude côté poignet talon flanc œil oeil orteil mollet pouce
    index orteils pieds genoux coudes poignets talons mollets
    """
)


def _other_form(word: str, before: str) -> str:
    if word.lower() != "gauche":
        return "gauche"
    noun = (before.split() or [""])[-1].lower()
    return "droit" if noun in _MASCULINE else "droite"


# "une quinzaine de fois": about fifteen times.
_ABOUT = {
    "dizaine": "about 10", "quinzaine": "about 15", "vingtaine": "about 20",
    "trentaine": "about 30", "soixantaine": "about 60",
}  # fmt: skip


LEXICON = Lexicon(
    code="fr",
    rewrites=compiled(
        [
            (r"\bcot[ée](s?)\b", r"côté\1"),  # written without its accent
            (r"\bune minute et demie\b", "90 seconds"),
            (r"\bune demi-minute\b", "30 seconds"),
            (r"\bune (?:bonne |petite )?minute\b", "1 minute"),
            (r"\bune (?:petite )?douzaine de fois\b", "12 times"),
            (r"\bune (?:petite )?douzaine\b", "12"),
            (
                # "une vingtaine de secondes": about 20 seconds.
                r"\bune (?:petite |bonne )?(dizaine|quinzaine|vingtaine|trentaine|soixantaine)"
                r"(?: de (fois|secondes))?\b",
                lambda m: (
                    _ABOUT[m[1].lower()] + (f" {m[2]}".replace("fois", "times") if m[2] else "")
                ),
            ),
            (r"\bdeux fois (de chaque côté|par côté)", r"2 times \1"),
            # A writer telling their own routine: "je tiens trois secondes", "je reste".
            (r"\bje (tiens|reste|fais|répète|garde|maintiens|bloque)\b", r"\1"),
            # "je bloque une seconde"; not "une seconde fois", "une seconde série"
            (
                r"\bune (?:petite |courte )?seconde\b(?! (?:fois|série|étape|position|jambe))",
                "1 second",
            ),
            (r"\bquelques secondes\b", "a few seconds"),
            (r"\bdeux fois\b", "twice"),
            # "de droite et de gauche", "à droite puis à gauche", "d'un côté puis de
            # l'autre": from side to side.
            (
                r"\bde (?:droite|gauche),? (?:et|à|puis) (?:de )?(?:droite|gauche)\b"
                r"|\bà (?:droite|gauche),? (?:et|puis) à (?:droite|gauche)\b"
                r"|\bd'un côté,? (?:et|puis|à) (?:de )?l'autre\b",
                "side to side",
            ),
            spelled("fr"),
            # A rest between sets is no hold; how long the whole session takes neither.
            (r"\brepos(?: entre les séries)?\s*:\s*", "rest of "),
            (r"(\d+\s*(?:secondes|s|minutes?))\s+de repos\b", r"a rest of \1"),
            (r"\bdurée (?:totale|approximative)\s*:\s*", "it takes "),
            # A handout's "Côté : droit et gauche" is done on both sides.
            (r"\bcôtés?\s*:\s*(?:droit et gauche|gauche et droite?|les deux)", "each side"),
            (r"(\d) fois\b", r"\1 times"),
            (r"\bà (\d+) reprises\b", r"\1 times"),  # "à trois reprises": three times
            (r"\b(?:secondes|seconde|sec\.?)(?=\W|$)", "seconds"),
            (r"\b(?:minutes|minute|min\.?)(?=\W|$)", "minutes"),
            # "Après 30 secondes, relâchez": held that long, then let go.
            (
                r"\baprès (?=(?:environ )?\d+(?:\s*(?:-|à)\s*\d+)?\s*(?:seconds|minutes)\b)",
                "after ",
            ),
            (r"\b(?:respirations|inspirations|cycles respiratoires)\b", "breaths"),
            (r"\b(?:répétitions|répétition|rép\.?|reps)(?=\W|$)", "reps"),
            (r"\b(?:séries|série)\b", "sets"),
            (r"\b(?:tours|cycles)\b", "rounds"),
            (r"(\d) sets de (\d)", r"\1 sets of \2"),
            (r"\bentre (\d+) et (\d+)", r"\1 to \2"),
            (r"\bde (\d+) à (\d+)", r"\1 to \2"),
            (r"(\d) (?:à|-) (\d)", r"\1 to \2"),
            (r"(\d) ou (\d)", r"\1 or \2"),
            (
                r"\b(?:tenez|tiens|tient|tenons|tenir|maintenez|maintiens|maintient|maintenir|gardez"
                r"|garde|garder|bloquez|bloque|bloquer|bloquons)\b",  # "bloquez 2 secondes"
                "hold",
            ),
            (r"\b(?:restez|reste|rester|demeurez)\b", "stay"),
            (r"\b(?:ainsi|là)\b", "there"),
            (r"\b(?:respirez|respire)\b", "breathe"),
            (r"\b(?:pendant|durant)\b", "for"),
            (r"\bjusqu'à\b", "up to"),
            (r"\b(?:environ|à peu près|près de)\b", "about"),
            (r"\b(?:répétez|répète|répéter|recommencez|recommence)\b", "repeat"),
            (r"\b(?:faites|fais|effectuez|réalisez|réalise|fait|faisons)\b", "do"),
            (
                r"\b(?:de|pour) chaque côté\b|\bpar (?:côté|bras|jambe)\b|\bchaque côté\b"
                r"|\b(?:pour|sur) chaque (?:jambe|bras)\b"
                r"|\bdes deux côtés\b|\bde part et d'autre\b|\bavec chaque (?:bras|jambe)\b",
                "each side",
            ),
            (r"\b(?:de )?l'autre côté\b", "the other side"),
            (
                r"\b(?:le|du) côté (gauche|droit)\b",
                lambda m: f"the {'left' if m.group(1).lower() == 'gauche' else 'right'} side",
            ),
            (r"\bchange[rz]? de (?:côté|bras|jambe)\b", "switch sides"),
            (r"\b(?:puis|ensuite)\b", "then"),
            (r"\b(?:en alternant|alternez|alterne|alternativement|en alternance)\b", "alternating"),
            (r"\b(?:par jour|chaque jour|quotidiennement)\b", "a day"),
            (r"\bpar semaine\b", "a week"),
            *AFTER,
        ]
    ),
    is_instruction=instruction_test(
        LEADING,
        _VERBS,
        # A handout's infinitive, then what it moves: "incliner la tête", "(se) pencher
        # légèrement la tête en avant".
        # Also a story told as "on" or "nous": "On s'allonge sur le dos".
        also=r"^(?:on|nous)\s+(?:se\s+|s'|ne\s+)?[a-zàâçéèêëîïôûùœ]{3,}|"
        r"^(?:[^,]{3,60},\s*)?(?:se\s+|s')?(?-i:[a-zàâçéèêëîïôûùœ]+(?:er|ir|re))\s+"
        r"(?:la|le|les|l'|vos|ses|sa|son|ses|doucement|lentement|légèrement|bien)\b|"
        # A handout's sentence that opens with its infinitive: "Incliner la tête", "Expirer
        # et l'incliner", "Lever progressivement un bras" (not "Entre les", "Contre le").
        rf"^(?:se\s+|s')?(?!{_NOT_INFINITIVES}\b)[a-zàâçéèêëîïôûùœ]{{2,}}(?:er|ir|re)\s+"
        r"(?:la|le|les|l'|un|une|des|du|au|aux|vos|ses|sa|son|doucement|lentement|légèrement"
        r"|progressivement|bien|et|avec|vers|ensuite)\b",
    ),
    leading=LEADING,
    release=re.compile(
        r"^(?:et\s+)?(?:puis\s+)?(?:relâchez|relâche|détendez|détends|revenez|reviens|reposez)\b",
        re.IGNORECASE,
    ),
    switch=re.compile(
        r"^(?:et\s+)?(?:puis\s+|ensuite\s+)?(?:change[rz]?\s+de\s+(?:côté|bras|jambe)"
        r"|(?:faites|refaites|répétez)\s+(?:de\s+)?l'autre\s+côté"
        r"|(?:faites\s+)?le\s+côté\s+(?:gauche|droit))\s*[.!]?$",
        re.IGNORECASE,
    ),
    clauses=re.compile(
        r";\s*|,\s*(?=(?:et\s+)?(?:puis|ensuite)\b)|,\s*(?=(?:tenez|maintenez|gardez|restez|répétez)\b)"
        r"|\s+(?:et|puis)\s+(?=(?:tenez|maintenez|gardez|restez|répétez|relâchez|revenez|changez)\b)",
        re.IGNORECASE,
    ),
    schedule=re.compile(
        r"\b(?:chaque (?:jour|matin|soir|heure)|par jour|par semaine|rappel)\b", re.I
    ),
    side_word=re.compile(
        r"(?<!bien )(?<!tout )(?<!dos )\b(?P<lone>gauche|droite?)\b(?!\s+ligne)", re.IGNORECASE
    ),
    side_of=lambda word: "left" if word.lower() == "gauche" else "right",
    other_form=lambda word, before: _other_form(word, before),
    safety=re.compile(
        r"\b(?:douleurs?|arrêtez|arrête|consultez|médecin|kiné\w*|vertiges?|fourmillements?"
        r"|engourdissements?|précautions?)\b",
        re.IGNORECASE,
    ),
    safety_advice=re.compile(
        r"\b(?:arrêtez|arrête|ne|n'|jamais|consultez|demandez|va voir|allez voir)\b", re.I
    ),
    safety_heading=re.compile(
        r"\b(?:attention|précautions?|avertissement|sécurité|mise en garde)\b", re.I
    ),
    safety_sentence=re.compile(
        r"\b(?:arrêtez|arrête|ne|n'|jamais|consultez|demandez|va voir|allez voir)\b", re.I
    ),
    posture_group=re.compile(r"\b(assis|debout|allongés?|au sol|sur une chaise)\b", re.I),
    group_filler=words(
        """
        exercices étirements routine version les ces
        """
    ),
    section_words=re.compile(
        # or a writer's lead-in to a list ("Voici ce que je fais :")
        r"\b(?:exercices|étirements|conseils|routine|programme|pourquoi|quoi|comment|je|voici)\b|\?$",
        re.IGNORECASE,
    ),
    labels=words(
        """
        répétitions séries durée note conseil conseils attention objectif fréquence
        important matériel variante repos maintien maintenir tenir côté côtés position
        exécution consignes astuce description remarques observations consignes_générales
        remarque mouvement bienfaits bénéfices
        """
    ),
    how=re.compile(r"^(?:comment faire|consignes|exécution|étapes|instructions)\s*:\s*(.+)$", re.I),
    moves_on=re.compile(r"^(?:et\s+)?(?:puis|ensuite|après|enfin|pour finir)\b", re.IGNORECASE),
    body=(
        ("all-fours", r"quatre pattes"),
        ("kneeling", r"à genoux|agenouill"),
        # Not "sur le côté" alone: "penchez la tête sur le côté" is a direction.
        ("lying", r"allong|couch|sur le dos|sur le ventre"),
        ("standing", r"debout|encadrement de (?:la )?porte|contre (?:le|un) mur"),
        ("sitting", r"assis|asseyez|assieds|chaise|bureau"),
    ),
    group_position={
        "assis": "sitting",
        "sur une chaise": "sitting",
        "au sol": "sitting",
        "debout": "standing",
        "allongé": "lying",
        "allongés": "lying",
    },
    movement=re.compile(r"\b(?:cercles?|rotations?|roule\w*|balance\w*)\b", re.IGNORECASE),
    repeat_after_hold=re.compile(r"\bpuis (?:relâchez|revenez)\b|\bet recommencez\b", re.I),
    equipment=(
        (re.compile(r"\brouleau\b", re.I), "un rouleau de massage"),
        (re.compile(r"\b(?:bande )?élastique\b", re.I), "une bande élastique"),
        (re.compile(r"\btapis\b", re.I), "un tapis"),
        (re.compile(r"\bchaise\b", re.I), "une chaise"),
        (re.compile(r"\bserviette\b", re.I), "une serviette"),
        (re.compile(r"\bcoussin\b", re.I), "un coussin"),
        (re.compile(r"\bballe\b", re.I), "une petite balle"),
        (re.compile(r"\bsangle\b", re.I), "une sangle"),
        (re.compile(r"\bbâton\b", re.I), "un bâton"),
    ),
    get_into_position="Mettez-vous en position de départ : {name}.",
    get_ready="Mettez-vous en position de départ.",
    articles=words(
        """
        le la les l votre vos ton ta tes un une
        """
    ),
    timed=timed(
        before=r"pendant|durant",
        about=r"environ|jusqu'à|entre",
        counts=r"fois|répétitions",
        numbers="deux",
        joins=r"-|–|à|et|ou",
        units=r"secondes|sec\.?|minutes?|respirations",
    ),
    holding=words(
        """
        tenez maintenez gardez restez répétez faites respirez tiens garde reste
        """
    ),
    parts=re.compile(r"routine|séance|circuit|partie|jour|niveau|bloc|phase", re.I),
    each_one=re.compile(
        r"\bchacun(?:e)?\b|\bchaque (?:exercice|étirement|mouvement|posture)\b"
        r"|\btou(?:te)?s (?:ces|les) (?:exercices|étirements|mouvements|postures)\b",
        re.IGNORECASE,
    ),
    same_move=re.compile(
        r"^(?:vers l'(?:avant|arrière)|en (?:avant|arrière)|dans l'autre sens|en sens inverse"
        r"|(?:une )?(?:courte |petite )?pause|(?:un )?(?:court |petit )?repos)",
        re.IGNORECASE,
    ),
    this_one=re.compile(r"^(?:cet|ce|chaque) (?:exercice|étirement|mouvement)\b", re.IGNORECASE),
    the_exercises=re.compile(r"\b(?:les|ces|tous les|vos|tes) exercices\b", re.IGNORECASE),
)
