"""German: "30 Sekunden halten", "3 x 10 Wiederholungen", "pro Seite", "im Sitzen"."""

from __future__ import annotations

import re

from . import Lexicon, compiled, spelled, word_value, words
from ._foreign import AFTER, instruction_test, timed

_SIDE = {"link": "left", "recht": "right"}

LEADING = re.compile(
    r"^(?:jetzt|nun|dann|danach|zuerst|anschließend|zum schluss|langsam|sanft|vorsichtig|und)[,\s]+",
    re.IGNORECASE,
)
_VERBS = (
    r"(?:setz|stell|leg|lieg|knie|geh|zieh|schieb|drück|dreh|neig|heb|senk|kreis|halt|bleib"
    r"|atm|lass|lös|streck|beug|roll|verschränk|öffn|schließ|schau|blick|führ|bring|nimm"
    r"|greif|kreuz|umarm|schwing|spann|entspann|wiederhol|mach|wechsl|wechsel|acht|vermeid"
    r"|versuch|spür|lehn|beweg|richt|press|fass|stütz|schüttel|tipp|sink|nick|kipp|ruh|komm"
    r"|stemm|locker|nicht|kein|beginn|steh)(?:e|t|en|e?n?)?"
)

_MINE = (
    (re.compile(r"\bmich\b"), "dich"),
    (re.compile(r"\bmir\b"), "dir"),
    (re.compile(r"\bmein(e|en|em|er|es)?\b"), r"dein\1"),
    (re.compile(r"\bMein(e|en|em|er|es)?\b"), r"Dein\1"),
)


def _to_listener(sentence: str) -> str:
    """A writer's "Ich beginne im Vierfüßlerstand", "Hier bleibe ich": the verb's "-e" form
    is also its imperative ("Beginne ...", "Hier bleibe ..."), so "ich" goes and "mich"
    becomes "dich". A sentence whose verb is no such form ("ich bin") is left alone."""
    told = re.sub(r"^Ich ([a-zäöüß]+e)\b", lambda m: m.group(1).capitalize(), sentence)
    told = re.sub(r"\b([a-zäöüß]+e) ich\b", r"\1", told)
    if told == sentence or re.search(r"\bich\b", told, re.IGNORECASE):
        return sentence
    for mine, yours in _MINE:
        told = mine.sub(yours, told)
    return told[:1].upper() + told[1:]


LEXICON = Lexicon(
    code="de",
    rewrites=compiled(
        [
            (r"\beine halbe minute\b", "30 seconds"),
            (r"\b(?:anderthalb|eineinhalb) minuten\b", "90 seconds"),
            (r"\b(?:eine|einer|einen) (?:gute |ganze )?minute\b", "1 minute"),
            (r"\beine sekunde\b", "1 second"),
            (r"\bein dutzend mal\b", "12 times"),
            (r"\b(?:ein paar|einige)\b", "a few"),
            # "zwei- bis dreimal": the first number's "-mal" is left for the second to say.
            (
                r"\b([a-zäöüß]+)-\s*(bis|oder)\s+([a-zäöüß]+?)\s*-?\s*mal\b",
                lambda m: (
                    f"{word_value(m[1], 'de') or 1} {'to' if m[2].lower() == 'bis' else 'or'}"
                    f" {word_value(m[3], 'de')} times"
                    if word_value(m[3], "de")
                    else m[0]
                ),
            ),
            (r"\beinmal\b", "once"),
            (r"\bzweimal\b", "twice"),
            (
                r"\b([a-zäöüß]+?)\s*-?\s*mal\b",
                lambda m: f"{n} times" if (n := word_value(m[1], "de")) else m[0],
            ),
            # A writer telling their own routine: "Hier bleibe ich 45 Sekunden" reads as
            # "bleibe 45 Sekunden".
            (r"\b(bleibe|halte|mache|wiederhole|atme|komme) ich\b", r"\1"),
            # "Das Gleiche mit dem linken Arm": the other side.
            (
                r"\b(?:das gleiche|das selbe|dasselbe)\s+(?:mit|auf)\s+(?:dem|der)\s+"
                r"(?:linken|rechten|anderen)\s+(arm|bein|hand|seite)\b",
                r"the same with the other \1",
            ),
            # "von links nach rechts", "nach links und nach rechts", "von einer Seite zur
            # anderen": from side to side.
            (
                r"\bvon (?:links|rechts) nach (?:links|rechts)\b"
                r"|\bnach (?:links|rechts) und (?:nach )?(?:links|rechts)\b"
                r"|\bvon einer seite zur anderen\b",
                "side to side",
            ),
            spelled("de"),
            (r"(\d+) (?:kreise|kreisen)\b", r"\1 reps"),  # "zwanzig Kreise": the moves counted
            # A rest between sets is no hold: "Pause: 60 Sekunden", "30 Sekunden Pause".
            (
                r"\bpause(?: zwischen (?:den )?(?:sätzen|serien|durchgängen|runden|übungen))?\s*:\s*",
                "rest of ",
            ),
            (r"\b(?:gesamtdauer|dauer insgesamt|zeitaufwand)\s*:\s*", "it takes "),
            # "Dauer 20 Sekunden", "Dauer des Pendelns: 30 Sekunden": a handout's hold.
            (r"\bdauer(?: de[rs] \w+)?\s*:?\s*(?=\d)", "duration: "),
            (r"(\d+\s*(?:sekunden|sek\.?|minuten|min\.?))\s+pause\b", r"a rest of \1"),
            # A handout's "Seite: rechts und links" is done on both sides.
            (
                r"\bseiten?\s*:\s*(?:rechts und links|links und rechts|beide\b|beidseitig)",
                "each side",
            ),
            (r"(\d)\s*-?\s*mal\b", r"\1 times"),
            (r"\b(?:sekunden|sekunde|sek\.?|sec\.?)(?=\W|$)", "seconds"),
            (r"\b(?:minuten|min\.?)(?=\W|$)", "minutes"),
            # "Nach 30 Sekunden ... nachlassen": held that long, then let go.
            (
                r"\bnach (?=(?:etwa |ca\. )?\d+(?:\s*(?:-|bis)\s*\d+)?\s*(?:seconds|minutes)\b)",
                "after ",
            ),
            # "die Übung mit dem anderen Arm wiederholen": the other side, verb last.
            (
                r"\bmit de[mr] anderen (arm|bein|hand|seite)\s+wiederhol\w*",
                r"repeat with the other \1",
            ),
            (r"\batemzüge[n]?\b", "breaths"),
            (r"\b(?:wiederholungen|wiederholung|wdh\.?|wh\.)(?=\W|$)", "reps"),
            (r"\b(?:sätze|sätzen|satz|serien|durchgänge|durchgängen|durchläufe)\b", "sets"),
            (r"\b(?:runden|durchgang)\b", "rounds"),
            (
                r"(\d) (sets|rounds) (?:à|a|zu je|mit je|mit jeweils|mit|zu|von|je)\s+(\d)",
                r"\1 \2 of \3",
            ),
            (
                r"\b(?:halte|halten|halt|haltet|hält|hältst|gehalten|haltezeit|beibehalten"
                r"|beibehält|behalte|behalten)\b",  # "die Position eine Minute beibehalten"
                "hold",
            ),
            (r"\b(?:bleib|bleibe|bleiben|verbleib\w*|verweil\w*|verharr\w*)\b", "stay"),
            (r"\batme\b", "breathe"),
            (r"\b(?:für|über)\b", "for"),
            (r"\bbis zu\b", "up to"),
            (r"\b(?:etwa|ungefähr|ca\.|circa|rund)(?=\W|$)", "about"),
            (r"(\d)- (bis|oder) (?=\d)", r"\1 \2 "),  # "8- bis 15-mal": a range's hyphen
            (r"(\d) (?:bis|-) (\d)", r"\1 to \2"),
            (r"(\d) oder (\d)", r"\1 or \2"),
            # "15 bis 20 Sekunden lang": for that long
            (r"((?:about )?\d+(?: to \d+)?\s*(?:seconds|minutes|minute)) lang\b", r"for \1"),
            # The verb comes last: "2-3 Sekunden bleiben", "10 Minuten in dieser Haltung
            # verbleiben", "die Spannung 10 Sekunden halten".
            (
                r"((?:about )?\d+(?:\s*(?:-|to)\s*\d+)?\s*(?:seconds|minutes|minute|second))"
                r"((?:\s+[^\s.,;:!?]+){0,4}?)\s+(stay|hold)\b",
                r"\3 for \1\2",
            ),
            (r"\b(?:wiederhole|wiederholen|wiederholt|wiederholst)\b", "repeat"),
            (r"\b(?:mach|mache|machen|macht)\b", "do"),
            (
                r"\b(?:pro|je) (?:seite|arm|bein)\b|\b(?:auf|an|für) jede[rn]? seite\b|\b(?:für|for) jede[sn]? (?:arm|bein)\b"
                r"|\bjede seite\b|\b(?:auf )?beiden seiten\b|\bbeidseitig\b",
                "each side",
            ),
            (r"\bmit jede[mnr] (?:arm|bein|hand)\b", "with each arm"),
            (
                r"\b(?:die|der|zur) andere[n]? seite\b|\b(?:die |der |zur )?gegenseite\b",
                "the other side",
            ),
            (
                r"\b(?:dann|danach) (?:die |zur |auf der )?(link|recht)e[n]? seite\b",
                lambda m: f"then do the {_SIDE[m.group(1).lower()]} side",
            ),
            (
                r"\b(?:seiten? wechseln|wechsle die seite|wechsel die seite"
                r"|wechseln sie die seite|seitenwechsel)\b",
                "switch sides",
            ),
            (r"\bim wechsel\b", "alternating"),  # not a switch of sides
            (r"\b(?:wechseln|wechsle|wechsel)\b", "switch"),
            (r"\bdann\b", "then"),
            (r"\b(?:abwechselnd|im wechsel|wechselseitig|alternierend)\b", "alternating"),
            (r"\b(?:am tag|pro tag|täglich|jeden tag)\b", "a day"),
            (r"\b(?:pro woche|in der woche|wöchentlich)\b", "a week"),
            *AFTER,
        ]
    ),
    is_instruction=instruction_test(
        LEADING,
        _VERBS,
        # "Setzen Sie sich", "Im Vierfüßlerstand streckst du ...", and a handout's
        # infinitive: "Mit der rechten Hand den Kopf zur Seite ziehen, ..."
        also=r"^\w+en sie\b|^(?:\S+\s+){0,5}(?:\w+st du|\w+en wir|\w+t man)\b|^(?:wir|man) \w+"
        # An infinitive first, then how ("..., als würdest du einen Stift einklemmen").
        r"|^(?![^,]*\b(?:ich|du|wir|man|es|er|sie|ihr|mir|mich)\b)(?:[^\s,]+\s+){3,}"
        r"(?-i:[a-zäöüß]+(?:en|eln|ern)),\s*(?:als|wie|bis|damit|ohne|sodass|so dass)\b"
        # Not a statement with "ist" ("Wichtig ist halt dranbleiben").
        r"|^(?!.*\b(?:ich|du|wir|man|es|er|sie|ihr|mir|mich|ist|sind|war|wer|muss|kann|sollte)\b)"
        r".*?(?:^|,\s*)(?:[^\s,]+\s+){3,}"
        # a verb, so in lower case (nouns have capitals), and no adverb ("bleibt unten")
        r"(?!(?:unten|oben|hinten|innen|außen|gegen|wegen|zwischen|neben)\b)"
        r"(?-i:[a-zäöüß]+(?:en|eln|ern))\s*(?:[,.!]|$)",
    ),
    leading=LEADING,
    release=re.compile(
        r"^(?:und\s+)?(?:dann\s+)?(?:langsam\s+)?(?:lass\b.{0,20}\b(?:locker|los)\b|lös|entspann"
        r"|komm\b.{0,20}\bzurück|(?:dann\s+)?zurück zur mitte)",
        re.IGNORECASE,
    ),
    switch=re.compile(
        r"^(?:und\s+)?(?:dann\s+|danach\s+)?(?:die\s+)?(?:seiten?\s+wechseln|wechsle\s+die\s+seite"
        r"|wechsel\s+die\s+seite|wechseln(?:\s+sie\s+die\s+seite)?|seitenwechsel"
        r"|(?:auf\s+|für\s+)?die\s+andere\s+seite|(?:die\s+)?(?:linke|rechte)\s+seite"
        # "Danach komme zurück und mache das Gleiche mit dem linken Arm."
        r"|(?:komm\w*\s+zurück\s+und\s+)?mach\w*\s+(?:das\s+gleiche|dasselbe)\s+(?:mit|auf)\s+"
        r"(?:dem|der)\s+(?:linken|rechten|anderen)\s+\w+)\s*[.!]?$",
        re.IGNORECASE,
    ),
    clauses=re.compile(
        r";\s*|,\s*(?=(?:und\s+)?(?:dann|danach)\b)|,\s*(?=(?:halte|halt|bleib|wiederhole)\b)"
        r"|\s+und\s+(?=(?:halte|wiederhole|bleib|lass|dann)\b)",
        re.IGNORECASE,
    ),
    schedule=re.compile(
        r"\b(?:jeden (?:tag|morgen|abend)|täglich|(?:pro|am) tag|pro woche|erinnerung)\b",
        re.IGNORECASE,
    ),
    side_word=re.compile(r"\b(?P<lone>(?:link|recht)(?:s|e|en|em|er|es))\b", re.IGNORECASE),
    side_of=lambda word: "left" if word.lower().startswith("link") else "right",
    other_form=lambda word, _before: (
        "recht" + word[4:] if word.lower().startswith("link") else "link" + word[5:]
    ),
    safety=re.compile(
        r"\b(?:schmerz\w*|aufhören|hör\w* auf|abbrechen|brich\w*|arzt|ärzt\w*|physiotherapeut\w*"
        r"|schwindel\w*|kribbel\w*|taub\w*|vorsicht|beschwerden)\b",
        re.IGNORECASE,
    ),
    safety_advice=re.compile(
        r"\b(?:hör\w* auf|aufhören|brich\w* ab|abbrechen|nicht|niemals|sprich|frag|arzt|ärzt\w*"
        r"|brechen sie|sprechen sie|wenden sie sich)\b",
        re.IGNORECASE,
    ),
    safety_heading=re.compile(r"\b(?:hinweis|achtung|vorsicht|sicherheit\w*|warnung)\b", re.I),
    safety_sentence=re.compile(
        r"\b(?:hör\w* auf|aufhören|brich\w* ab|abbrechen|nicht|niemals|sprich|frag"
        r"|brechen sie|sprechen sie|wenden sie sich)\b",
        re.IGNORECASE,
    ),
    posture_group=re.compile(
        r"\b(im sitzen|im stehen|im liegen|sitzend|stehend|liegend|auf dem boden|am schreibtisch)\b",
        re.IGNORECASE,
    ),
    group_filler=words(
        """
        übungen dehnübungen variante version teil die diese
        """
    ),
    # A section title, or a writer's lead-in to a list ("Also das mach ich:").
    section_words=re.compile(
        r"\b(?:übungen|dehnübungen|dehnungen|tipps|routine|programm|warum|was|wie|ich|mach ich|mache ich)\b|\?$",
        re.I,
    ),
    labels=words(
        """
        wiederholungen wdh sätze dauer haltezeit hinweis tipp tipps achtung vorsicht
        ausgangsposition ausgangsstellung ausgangslage durchführung seite seiten durchgänge
        runden ausführung ziel häufigkeit wichtig anleitung hilfsmittel variante pause
        beschreibung position hinweise bemerkungen allgemeine_hinweise merke bewegung nutzen
        wirkung
        """
    ),
    how=re.compile(r"^(?:ausführung|anleitung|so geht'?s|so geht es)\s*:\s*(.+)$", re.I),
    moves_on=re.compile(
        r"^(?:(?:und\s+)?dann|danach|als nächstes|anschließend|zum schluss|zuletzt)\b", re.I
    ),
    body=(
        ("all-fours", r"vierfüßler|auf allen vieren|bankstellung"),
        ("kneeling", r"\bknie(?:nd|stand)|\bknie dich|auf (?:die|den) knie"),
        (
            "lying",
            r"\blieg(?!t\b)|\bleg dich|rückenlage|bauchlage|seitenlage|auf den (?:rücken|bauch)"
            r"|auf dem (?:rücken|bauch)|faszienrolle",
        ),
        ("standing", r"\bsteh|\bstell dich|türrahmen|an die wand|an der wand"),
        ("sitting", r"\bsitz|\bsetz|stuhl|schreibtisch"),
    ),
    group_position={
        "im sitzen": "sitting",
        "sitzend": "sitting",
        "am schreibtisch": "sitting",
        "auf dem boden": "sitting",
        "im stehen": "standing",
        "stehend": "standing",
        "im liegen": "lying",
        "liegend": "lying",
    },
    movement=re.compile(r"\b(?:kreis\w*|roll\w*|schwing\w*|nick\w*)\b", re.IGNORECASE),
    repeat_after_hold=re.compile(
        r"\bdann (?:lösen|locker|zurück)\b|\bund wiederholen\b|\blocker lassen\b", re.I
    ),
    equipment=(
        (re.compile(r"faszienrolle|schaumstoffrolle", re.I), "eine Faszienrolle"),
        (re.compile(r"theraband|widerstandsband|fitnessband", re.I), "ein Theraband"),
        (re.compile(r"\b(?:yoga|gymnastik)?matte\b", re.I), "eine Matte"),
        (re.compile(r"stuhl", re.I), "einen Stuhl"),
        (re.compile(r"handtuch", re.I), "ein Handtuch"),
        (re.compile(r"kissen\b", re.I), "ein Kissen"),
        (re.compile(r"\b(?:tennis|massage)?ball\b", re.I), "einen kleinen Ball"),
        (re.compile(r"\bgurt\b", re.I), "einen Gurt"),
        (re.compile(r"\b(?:stab|besenstiel)\b", re.I), "einen Stab"),
    ),
    get_into_position="Geh in die Ausgangsposition: {name}.",
    get_ready="Geh in die Ausgangsposition.",
    articles=words(
        """
        den die das dein deine deinen der dem ein eine einen
        """
    ),
    timed=timed(
        before=r"für|über",
        about=r"etwa|ca\.|ungefähr|circa|bis zu",
        counts=r"mal|wiederholungen|wdh\.?",
        numbers="zwei",
        joins=r"-|–|bis|oder",
        units=r"sekunden|sek\.?|minuten|min\.?|atemzüge",
    ),
    to_listener=_to_listener,
    holding=words(
        """
        halte halt bleib bleibe wiederhole mach mache atme
        """
    ),
    parts=re.compile(r"routine|training|einheit|teil|tag|stufe|level|block|phase", re.I),
    each_one=re.compile(
        r"\b(?:jede|jeder|jedes) (?:übung|dehnung|bewegung)\b|\balle (?:übungen|dehnungen)\b",
        re.IGNORECASE,
    ),
    same_move=re.compile(
        r"^(?:nach (?:vorne?|hinten)|vorwärts|rückwärts|in die andere richtung|andersherum"
        r"|(?:eine )?(?:kurze )?pause)\b",
        re.IGNORECASE,
    ),
    this_one=re.compile(
        r"^(?:diese[snm]?|jede[snm]?) (?:übung|dehnung|bewegung)\b|^das ganze\b", re.IGNORECASE
    ),
    the_exercises=re.compile(r"\b(?:die|alle|diese|deine|ihre) übungen\b", re.IGNORECASE),
)
