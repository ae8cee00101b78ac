"""Compiling German, Spanish and French articles (issue 18): the same fields right as in
English articles, the draft in the article's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import REPORT
from test_compile import _score

from voiceguide.cli import cli
from voiceguide.compiler import compile_article, read_article, routine_yaml
from voiceguide.compiler.language import detect_language
from voiceguide.compiler.lexicon import use
from voiceguide.compiler.numbers import find_numbers
from voiceguide.routine.reader import parse_routine
from voiceguide.spoken import number_problem

ARTICLES = Path(__file__).parent / "articles"
EXPECTED = yaml.safe_load((ARTICLES / "expected-languages.yaml").read_text(encoding="utf-8"))
LANGUAGES = {"de": "German", "es": "Spanish", "fr": "French"}


def _language(name: str) -> str:
    return name.split("-")[1]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_articles_in_each_language_come_out_right_at_least_95_times_in_100(language):
    """The threshold of the English set (test_compile.py), for each language on its own."""
    right = total = 0
    misses: list[str] = []
    names = [name for name in EXPECTED if _language(name) == language]
    for name in names:
        one_right, one_total, one_misses = _score(name, EXPECTED[name])
        right, total, misses = right + one_right, total + one_total, misses + one_misses
    REPORT.append(
        f"compile accuracy on {len(names)} {LANGUAGES[language]} articles: {right}/{total} fields ({right / total:.1%})"
    )
    assert len(names) >= (2 if language == "fr" else 4)
    assert right / total >= 0.95, misses


# --- telling the language -------------------------------------------------------------

ALL = sorted(
    p
    for p in [
        *ARTICLES.iterdir(),
        *(ARTICLES / "seeds").iterdir(),
        *(ARTICLES / "pdf-twins").iterdir(),
    ]
    if p.is_file() and not p.name.startswith("expected")
)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_each_article_is_read_in_its_own_language(path):
    """Every English article stays English; the others are told by their small words."""
    language = _language(path.name) if path.name in EXPECTED else "en"
    assert detect_language(read_article(path)) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Neck stretch", "en"),
        ("", "en"),
        ("Hold 30 Sekunden.", "en"),  # one foreign word is no language
        ("Zieh die Schulterblätter zusammen. 3 x 10 Wiederholungen.", "de"),
        ("Junta las escápulas. Tres series de 12.", "es"),
        ("Serrez les omoplates. 3 séries de 10.", "fr"),
        # English names of the moves in a German article: still German.
        ("## Cat-Cow\n\nGeh in den Vierfüßlerstand und mach einen runden Rücken.", "de"),
        # A German name in an English article: still English.
        ("## Brustöffner\n\nLink your fingers behind your back and lift your hands.", "en"),
    ],
)
def test_short_texts_and_borrowed_names(text, language):
    assert detect_language(text) == language


# --- what people write, in each language ------------------------------------------------

# (language, what people write, hold, reps, sets, sides): None where the text gives none.
PHRASINGS = [
    ("de", "Neige den Kopf zur Schulter. 20 Sekunden halten, dann die Seite wechseln.", 20, None, None, "both"),
    ("de", "Zieh die Schulterblätter zusammen. 3 x 10 Wiederholungen.", None, 10, 3, "none"),
    ("de", "Zieh die Schulterblätter zusammen. Drei Sätze à 12 Wiederholungen.", None, 12, 3, "none"),
    ("de", "Drück den Kopf nach hinten und halte 5 Sekunden. Mach das zehnmal.", 5, 10, None, "none"),
    ("de", "Neige den Kopf zur Seite, etwa 15 bis 20 Sekunden lang.", (15, 20), None, None, "none"),
    ("de", "Roll die Schultern nach hinten. Wiederhole das dreimal.", None, 3, None, "none"),
    ("de", "Heb beide Arme über den Kopf und halte eine Minute.", 60, None, None, "none"),
    ("de", "Dreh den Oberkörper zur Seite. 10-15 Wiederholungen pro Seite.", None, (10, 15), None, "both"),
    ("de", "Kreise die Arme. Abwechselnd 8 Wiederholungen.", None, 8, None, "alternate"),
    ("de", "Bleib 30 Sekunden in der Dehnung. 2 Durchgänge.", 30, None, 2, "none"),
    ("de", "Halte die Dehnung eine halbe Minute.", 30, None, None, "none"),
    ("es", "Inclina la cabeza hacia el hombro. Mantén 20 segundos y cambia de lado.", 20, None, None, "both"),
    ("es", "Junta las escápulas. Haz 3 series de 10 repeticiones.", None, 10, 3, "none"),
    ("es", "Junta las escápulas. Tres series de 12.", None, 12, 3, "none"),
    ("es", "Lleva la cabeza hacia atrás y mantén 5 segundos. Repite diez veces.", 5, 10, None, "none"),
    ("es", "Inclina la cabeza de 15 a 20 segundos.", (15, 20), None, None, "none"),
    ("es", "Rueda los hombros hacia atrás. Repite tres veces.", None, 3, None, "none"),
    ("es", "Levanta los brazos y aguanta un minuto.", 60, None, None, "none"),
    ("es", "Gira el tronco. Entre 10 y 15 repeticiones por lado.", None, (10, 15), None, "both"),
    ("es", "Mantén la postura medio minuto.", 30, None, None, "none"),
    ("es", "Haz 3 x 10 con cada brazo.", None, 10, 3, "both"),
    ("fr", "Penchez la tête vers l'épaule. Tenez 20 secondes, puis changez de côté.", 20, None, None, "both"),
    ("fr", "Serrez les omoplates. Faites 3 séries de 10 répétitions.", None, 10, 3, "none"),
    ("fr", "Reculez le menton et tenez 5 secondes. Répétez dix fois.", 5, 10, None, "none"),
    ("fr", "Penchez la tête pendant 15 à 20 secondes.", (15, 20), None, None, "none"),
    ("fr", "Levez les bras et restez ainsi une minute.", 60, None, None, "none"),
    ("fr", "Tournez le buste. 10 répétitions de chaque côté.", None, 10, None, "both"),
    ("fr", "Faites des cercles avec les bras en alternant, 8 répétitions.", None, 8, None, "alternate"),
    ("fr", "Maintenez la position 30 secondes. Répétez deux fois.", 30, None, 2, "none"),
    # Found in articles written by someone who never saw the extractor (45-54).
    ("de", "Kreise die Schultern nach hinten, so 10 bis 15 mal.", None, (10, 15), None, "none"),
    ("de", "Hier bleibe ich etwa 45 Sekunden. Danach mache ich das Gleiche mit dem linken Arm.", 45, None, None, "both"),
    ("de", "Ich kreise abwechselnd den linken und den rechten Arm. Zusammen komme ich auf zwanzig Kreise.", None, 20, None, "alternate"),
    ("de", "Dehne die Brust. Haltezeit: 30 Sekunden. Pause: 60 Sekunden zwischen den Sätzen.", 30, None, None, "none"),
    ("es", "Sube los hombros, aguanto 3 segundos arriba. Unas 15 veces.", 3, 15, None, "none"),
    ("es", "Mete la barbilla. Mantener: 20-30 segundos. Repeticiones: 3.", (20, 30), None, 3, "none"),
    ("es", "Haz face pulls, dos series de 12-15. Yo lo hago tres o cuatro veces por semana.", None, (12, 15), 2, "none"),
    ("es", "Rota el brazo. Series: 3. Repeticiones: 12. Descanso entre series: 1 minuto.", None, 12, 3, "none"),
    ("fr", "Rentrez le menton, je tiens trois secondes à chaque fois, une douzaine de fois.", 3, 12, None, "none"),
    ("fr", "Tenez 20 secondes, deux fois de chaque côté.", 20, None, 2, "both"),
    ("fr", "Asseyez-vous sur les talons, je reste une bonne minute en respirant profondément.", 60, None, None, "none"),
    # The same forms, written otherwise (not in those articles).
    ("fr", "Haussez les épaules, une quinzaine de fois.", None, 15, None, "none"),
    ("fr", "Tirez l'élastique. Séries : 3. Répétitions : 12. Repos : 60 secondes entre les séries.", None, 12, 3, "none"),
    ("fr", "Penchez la tête. Maintien : 30 secondes. Côté : droit et gauche.", 30, None, None, "both"),
    ("es", "Inclina la cabeza. Mantener: 30 segundos. Lado: derecho e izquierdo.", 30, None, None, "both"),
    ("de", "Neige den Kopf. Haltezeit: 30 Sekunden. Seite: rechts und links.", 30, None, None, "both"),
    # The second blind set's forms (55-62), written otherwise.
    ("es", "Gira la cabeza despacio. Hazlo de 6 a 8 veces.", None, (6, 8), None, "none"),
    ("es", "Inclina la cabeza. Mantén 20 segundos, primero por un lado y luego por el otro.", 20, None, None, "both"),
    ("de", "Dreh den Kopf im Wechsel nach links und rechts, 8 mal pro Seite.", None, 8, None, "alternate"),
    ("de", "Zieh die Schulterblätter zusammen. Ich mach 3 Runden à 10 Wiederholungen.", None, 10, 3, "none"),
    ("de", "Leg dich auf die Rolle und dann zwei Minuten so liegen bleiben.", 120, None, None, "none"),
    ("de", "Schau nach oben und am Ende 4-5 Sekunden bleiben. 10 Wiederholungen.", (4, 5), 10, None, "none"),
    ("de", "Halte 15 Sekunden und wiederhole das drei- bis viermal.", 15, None, (3, 4), "none"),
    # A range whose first number leaves its unit to the second: "8- bis 15-mal".
    ("de", "Roll die Schultern nach hinten, 10- bis 12-mal.", None, (10, 12), None, "none"),
    # Held until a time is up, then let go: "Nach 30 Sekunden ... nachlassen".
    ("de", "Streck den Arm nach vorn. Nach 30 Sekunden nachlassen und mit dem anderen Arm wiederholen.", 30, None, None, "both"),
    ("fr", "Tendez le bras devant vous. Après 20 secondes, relâchez et changez de bras.", 20, None, None, "both"),
    ("es", "Estira el brazo hacia delante. Después de 20 segundos, relaja y cambia de brazo.", 20, None, None, "both"),
    # "Bloquer" holds, as a writer tells it of themselves too; "une seconde" is one.
    ("fr", "Montez les épaules, je bloque une seconde et je relâche. Je fais ça six fois.", 1, 6, None, "none"),
    ("fr", "Rentrez le ventre et bloquez 3 secondes.", 3, None, None, "none"),
    ("es", "Sube los hombros, mantén un segundo y baja. Repite diez veces.", 1, 10, None, "none"),
    ("fr", "Gardez la posture une trentaine de secondes.", 30, None, None, "none"),
    ("fr", "Haussez les épaules, puis relâchez. Répétez le mouvement à dix reprises.", None, 10, None, "none"),
    ("de", "Die Arme seitlich strecken und die Position etwa eine Minute beibehalten.", 60, None, None, "none"),
    # A count for each limb is done on both sides.
    ("de", "Streck das Bein nach hinten. Für jedes Bein 10 Mal.", None, 10, None, "both"),
    ("es", "Levanta el brazo. 10 repeticiones para cada brazo.", None, 10, None, "both"),
    ("fr", "Levez la jambe tendue, 10 fois pour chaque jambe.", None, 10, None, "both"),
    # A move from one side over to the other, counted as one: alternating, unless counted per side.
    ("de", "Dreh den Kopf langsam von links nach rechts, zehnmal.", None, 10, None, "alternate"),
    ("de", "Neige den Kopf nach rechts und links, 6 mal pro Seite.", None, 6, None, "both"),
    ("es", "Gira la cabeza de un lado a otro, doce veces.", None, 12, None, "alternate"),
    ("es", "Inclina la cabeza hacia la izquierda y hacia la derecha, 8 veces por lado.", None, 8, None, "both"),
    ("fr", "Tournez la tête de gauche à droite, dix fois.", None, 10, None, "alternate"),
    ("fr", "Inclinez la tête à gauche puis à droite, huit fois.", None, 8, None, "alternate"),
]  # fmt: skip


def _range(value):
    if value is None:
        return None
    return value if isinstance(value, tuple) else (value, value)


@pytest.mark.parametrize(("language", "text", "hold", "reps", "sets", "sides"), PHRASINGS)
def test_the_ways_people_write_holds_counts_sets_and_sides(language, text, hold, reps, sets, sides):
    (draft,) = compile_article(f"# Kurz\n\n## Eins\n\n{text}\n")
    assert draft.language == language
    (exercise,) = draft.exercises
    routine = parse_routine(routine_yaml(draft, "t.txt"), "t.yaml")
    assert routine.language == language
    (got,) = routine.exercises
    amounts = {
        "hold": None
        if "hold" in exercise.guessed or got.hold is None
        else (got.hold.low, got.hold.high),
        "reps": None
        if "reps" in exercise.guessed or got.reps is None
        else (got.reps.low, got.reps.high),
        "sets": (got.sets.low, got.sets.high) if got.sets.high > 1 else None,
    }
    assert amounts == {"hold": _range(hold), "reps": _range(reps), "sets": _range(sets)}
    assert got.sides == sides
    # The numbers went into fields: no spoken line states one, in any language's words.
    for line in got.say:
        assert not re.search(r"\d", line), line
        assert number_problem("say", line) is None, line


def test_an_english_shorthand_after_do_is_sets_of_reps():
    """Found on the way: 'Do 3x10' was read as 3 reps."""
    (draft,) = compile_article("# R\n\n## Rows\n\nPull the band to your chest. Do 3x10.\n")
    (exercise,) = draft.exercises
    assert (exercise.reps, exercise.sets) == ((10, 10), (3, 3))


# --- the spoken lines -------------------------------------------------------------------


# Numbers that are no duration or count stay, as in English (spoken.py): an angle ("90°", or
# "90º" with the ordinal sign a Spanish page writes), a share.
ANGLE_OR_SHARE = re.compile(r"\d+\s*(?:°|º|%|grad\b|grados\b|degrés\b)", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_spoken_lines_keep_the_articles_words_and_no_numbers(name):
    language = _language(name)
    for draft in compile_article(read_article(ARTICLES / name)):
        assert draft.language == language
        for exercise in draft.exercises:
            assert exercise.say
            for line in [*exercise.say, *(say for say, _ in exercise.steps)]:
                assert not re.search(r"\d", ANGLE_OR_SHARE.sub("", line)), line
                assert number_problem("say", line) is None, line
                with use(language):
                    found = find_numbers(line)
                assert not (found.hold or found.reps or found.repeats or found.sets), line


def test_imperatives_are_kept_as_written_and_sides_become_placeholders():
    (draft,) = compile_article(read_article(ARTICLES / "36-de-stuhl.txt"))
    by_name = {e.name: e for e in draft.exercises}
    # The article already speaks to the reader: no English "you" transform, no rewording.
    assert by_name["Schultern hochziehen"].say == [
        "Zieh beide Schultern langsam zu den Ohren.",
        "Lass sie fallen.",
    ]
    # Done on both sides: the side named is each side's own; the release and the number
    # clause ("Halte 10 Sekunden, dann die linke Seite.") are the planner's to say.
    # A side word keeps its form on each side: {left form/right form}.
    assert by_name["Ohr zur Schulter"].say == [
        "Neige das {linke/rechte} Ohr zur {linken/rechten} Schulter."
    ]
    (draft,) = compile_article(read_article(ARTICLES / "39-es-oficina.md"))
    assert draft.exercises[1].say == [
        "Inclina la cabeza hacia el hombro {izquierdo/derecho} y deja que el brazo "
        "{derecho/izquierdo} cuelgue."
    ]
    assert draft.intro == "Si sientes dolor u hormigueo, para inmediatamente."
    (draft,) = compile_article(read_article(ARTICLES / "43-fr-bureau.md"))
    # "bien droit" is sitting up straight, not the right side.
    assert draft.exercises[0].say == [
        "Asseyez-vous bien droit et reculez le menton à l'horizontale."
    ]


def test_a_side_word_is_said_in_its_own_form_on_each_side():
    """German, Spanish and French side words change form ("linken", "derecha"): the draft
    writes both forms and the voice says the left one on the left, the right one on the
    right."""
    from voiceguide.compiler import compile_text
    from voiceguide.planning.planner import plan
    from voiceguide.script import spoken_texts

    (compiled,) = compile_text(read_article(ARTICLES / "36-de-stuhl.txt"))
    said = spoken_texts(plan(parse_routine(compiled.yaml, "36-de-stuhl.yaml")))
    assert "Neige das linke Ohr zur linken Schulter." in said
    assert "Neige das rechte Ohr zur rechten Schulter." in said
    (compiled,) = compile_text(read_article(ARTICLES / "39-es-oficina.md"))
    said = spoken_texts(plan(parse_routine(compiled.yaml, "39-es-oficina.yaml")))
    assert any("hombro izquierdo y deja que el brazo derecho" in line for line in said)
    assert any("hombro derecho y deja que el brazo izquierdo" in line for line in said)
    assert not any("{" in line for line in said)


def test_a_side_pair_is_two_words_and_needs_sides():
    text = "title: T\nlanguage: de\nexercises:\n  - {name: A, position: sitting, say: '%s', hold: 5%s}\n"
    parse_routine(text % ("Zur {linken/rechten} Seite.", ", sides: both"), "ok.yaml")
    with pytest.raises(Exception, match="but it has no sides"):
        parse_routine(text % ("Zur {linken/rechten} Seite.", ""), "no-sides.yaml")
    with pytest.raises(Exception, match="a side word's two forms"):
        parse_routine(text % ("Zur {linken/rechten/x} Seite.", ", sides: both"), "three.yaml")


def test_equipment_and_the_line_said_when_none_is_left_are_in_the_language():
    (draft,) = compile_article(read_article(ARTICLES / "37-de-boden.md"))
    assert draft.equipment == ["eine Matte", "ein Handtuch"]
    (draft,) = compile_article("# Kurz\n\n## Dehnung\n\nHalte die Dehnung eine halbe Minute.\n")
    assert draft.exercises[0].say == ["Geh in die Ausgangsposition: Dehnung."]


# --- the draft file ---------------------------------------------------------------------


def test_the_draft_names_its_language_and_validates(tmp_path):
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["compile", str(ARTICLES / "40-es-silla.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\nlanguage: es  # the article's; its lines are spoken so\n" in text
    # The guesses are explained in English: they are for whoever edits the draft.
    assert "# guessed: the article does not say" in text
    checked = CliRunner().invoke(cli, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    assert parse_routine(text, str(out)).language == "es"
    english = tmp_path / "en.yaml"
    assert CliRunner().invoke(cli, ["compile", str(ARTICLES / "12-desk.md"), "-o", str(english)]).exit_code == 0  # fmt: skip
    assert "language:" not in english.read_text()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Halte 30 Sekunden.", "30 Sekunden"),
        ("Mach zehn Wiederholungen.", "zehn Wiederholungen"),
        ("Wiederhole das dreimal.", "dreimal"),
        ("Haz dos series de 10.", "dos series"),
        ("Mantén veinte segundos.", "veinte segundos"),
        ("Répétez deux fois.", "deux fois"),
        ("Tenez une minute.", "une minute"),
    ],
)
def test_the_validator_refuses_durations_and_counts_in_other_languages(line, said):
    problem = number_problem("say", line)
    assert problem is not None and f"says '{said}'" in problem


@pytest.mark.parametrize(
    "line",
    [
        "Zweimal am Tag reicht.",
        "Dos veces al día.",
        "Setz dich aufrecht hin.",
        "Gira la cabeza a la derecha.",
    ],
)
def test_how_often_and_plain_instructions_are_no_count(line):
    assert number_problem("say", line) is None


@pytest.mark.slow
def test_a_german_draft_builds_with_the_articles_holds(tmp_path):
    """Compiled, built with the real engine and decoded: the tones frame the holds the
    German article gives, on each side, and the track is as long as the plan."""
    import numpy as np
    from audio_probe import RATE, decode, tone_onsets

    from voiceguide.pipeline.build import OutputSettings, build

    article = tmp_path / "nacken.md"
    article.write_text(
        "# Kurz für den Nacken\n\n## Kinn zurück\n\nSetz dich aufrecht hin und schieb das Kinn "
        "nach hinten. Halte 4 Sekunden. 3 Wiederholungen.\n\n## Seitliche Dehnung\n\n"
        "Neige das rechte Ohr zur rechten Schulter. 6 Sekunden halten, dann die Seite wechseln.\n",
        encoding="utf-8",
    )
    out = tmp_path / "nacken.yaml"
    result = CliRunner().invoke(cli, ["compile", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    routine = parse_routine(out.read_text(encoding="utf-8"), str(out))
    assert routine.language == "de"
    built = build(routine, output=OutputSettings(tmp_path))
    audio = decode(built.path)
    assert abs(len(audio) / RATE - built.timeline.seconds) < 0.03
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    held = [e.length / RATE for e in built.timeline.events if e.kind in ("hold", "rep", "reps")]
    assert held == [4, 4, 4, 6, 6]
    measured = [end - start for start, end in zip(starts, ends, strict=True)]
    assert np.allclose(measured, held, atol=0.02), list(zip(measured, held, strict=True))


HANDOUTS = {
    "posture groups": (
        "# Rückenfit zu Hause\n\n## Im Sitzen\n\n### Kinnzug\nSetz dich aufrecht hin und zieh das "
        "Kinn zurück. Halte 5 Sekunden, 10 Wiederholungen.\n\n### Schulterkreisen\nKreise die "
        "Schultern nach hinten, 15-mal.\n\n## Im Liegen\n\n### Brücke\nLeg dich auf den Rücken "
        "und heb das Becken an. Halte 10 Sekunden. 2 Sätze mit je 8 Wiederholungen.\n",
        [
            ("Rückenfit zu Hause, Im Sitzen", "Kinnzug", "sitting", (5, 5), (10, 10), None, "none", ["Setz dich aufrecht hin und zieh das Kinn zurück."]),
            ("Rückenfit zu Hause, Im Sitzen", "Schulterkreisen", "sitting", None, (15, 15), None, "none", ["Kreise die Schultern nach hinten."]),
            ("Rückenfit zu Hause, Im Liegen", "Brücke", "lying", (10, 10), (8, 8), (2, 2), "none", ["Leg dich auf den Rücken und heb das Becken an."]),
        ],
    ),
    "numbered exercises and labels": (
        "Programa en casa\n\nEjercicio 1: Retracción cervical\nSiéntate recto. Lleva la barbilla "
        "hacia atrás. Mantener: 5 segundos. Repeticiones: 10.\n\nEjercicio 2: Estiramiento del "
        "trapecio\nInclina la cabeza hacia un lado. Mantén 30 seg. por lado. Series: 2.\n",
        [
            ("Programa en casa", "Retracción cervical", "sitting", (5, 5), (10, 10), None, "none", ["Siéntate recto.", "Lleva la barbilla hacia atrás."]),
            ("Programa en casa", "Estiramiento del trapecio", "standing", (30, 30), None, (2, 2), "both", ["Inclina la cabeza hacia un lado."]),
        ],
    ),
    "a table and its notes": (
        "Heimübungen\n\nÜbung | Sätze | Wdh. | Halten\n----- | ----- | ---- | ------\n"
        "Kinnzug | 3 | 10 | 5 Sek.\nNackendehnung | 2 | - | 30 Sek. pro Seite\n\nHinweise:\n"
        "Kinnzug - Setz dich aufrecht hin und zieh das Kinn zurück.\n"
        "Nackendehnung - Neige den Kopf zur Seite.\n",
        [
            ("Heimübungen", "Kinnzug", "sitting", (5, 5), (10, 10), (3, 3), "none", ["Setz dich aufrecht hin und zieh das Kinn zurück."]),
            ("Heimübungen", "Nackendehnung", "standing", (30, 30), None, (2, 2), "both", ["Neige den Kopf zur Seite."]),
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(HANDOUTS))
def test_handout_forms_in_other_languages(kind):
    """Posture groups ("## Im Sitzen"), "Ejercicio 1:" items, "Mantener:" labels, a table
    with "Sätze | Wdh. | Halten" columns: read as their English forms are."""
    article, want = HANDOUTS[kind]
    got = [
        (d.title, e.name, e.position, e.hold, e.reps, e.sets, e.sides, e.say)
        for d in compile_article(article)
        for e in d.exercises
    ]
    assert got == want


# --- the forms of the blind articles (45-54) ------------------------------------------------

BLIND_FORMS = {
    "a forum's list without names, advice after it": (
        "Re: Nacken\n\nAlso das mach ich:\n\n- Schulterkreisen nach hinten, im Stehen, so 10 "
        "bis 15 mal.\n- Kopf zur Seite neigen, also Ohr Richtung Schulter. Ca. 20 Sek halten, "
        "pro Seite zweimal.\n- Wandengel: mit dem Rücken an die Wand stellen und die Arme hoch "
        "und runter schieben. 3x10.\n- Dann noch auf dem Bauch liegend die Ellbogen Richtung Po "
        "ziehen. Oben 2 sek halten, zehn Wiederholungen.\n\nBin natürlich kein Arzt, lass das "
        "lieber abklären wenn es nicht besser wird!\n",
        [("Schulterkreisen nach hinten", None, (10, 15), None, "none"),
         ("Kopf zur Seite neigen", (20, 20), None, (2, 2), "both"),
         ("Wandengel", None, (10, 10), (3, 3), "none"),
         (None, (2, 2), (10, 10), None, "none")],
    ),
    "a page's menu and a table's reps-or-time column": (
        "<html><body><header><nav><ul><li><a href='/'>Inicio</a></li></ul></nav></header>"
        "<h1>Hombros sanos</h1><table><tr><th>Ejercicio</th><th>Series</th>"
        "<th>Repeticiones / tiempo</th><th>Descanso</th></tr>"
        "<tr><td>Ángeles en la pared</td><td>2</td><td>10</td><td>45 s</td></tr>"
        "<tr><td>Estiramiento del elevador</td><td>-</td><td>30 s por lado</td><td>-</td></tr>"
        "<tr><td>Extensión sobre rodillo</td><td>2</td><td>5 (mantener 3 s arriba)</td><td>30 s</td></tr>"
        "</table><h3>Ángeles en la pared</h3><p>Apoya la espalda en la pared y desliza los "
        "brazos hacia arriba.</p></body></html>",
        [("Ángeles en la pared", None, (10, 10), (2, 2), "none"),
         ("Estiramiento del elevador", (30, 30), None, None, "both"),
         ("Extensión sobre rodillo", (3, 3), (5, 5), (2, 2), "none")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(BLIND_FORMS))
def test_forums_pages_and_tables_as_people_write_them(kind):
    article, want = BLIND_FORMS[kind]
    (draft,) = compile_article(article)
    got = [
        (e.name, e.hold, None if "reps" in e.guessed else e.reps, e.sets, e.sides)
        for e in draft.exercises
    ]
    assert len(got) == len(want), got
    for one, wanted in zip(got, want, strict=True):
        assert one[1:] == wanted[1:], one
        assert wanted[0] is None or one[0] == wanted[0], one
    assert draft.title in ("Re: Nacken", "Hombros sanos")
    if kind.startswith("a forum"):
        assert draft.intro and draft.intro.startswith("Bin natürlich kein Arzt")


@pytest.mark.parametrize(
    "article",
    [
        "Re: cuello\n\nYo hago esto:\n\n- giros de cuello, despacio, 10 a cada lado\n"
        "- estiramiento de trapecio, aguanto medio minuto por lado\n"
        "- remo con banda, tres series de 12\n\nSi te duele, ve al médico.\n",
        "Re: nuque\n\nVoici ce que je fais :\n\n- des haussements d'épaules, une quinzaine de "
        "fois\n- l'étirement du trapèze, je tiens 30 secondes de chaque côté\n"
        "- rowing avec élastique, 3 séries de 12\n\nSi ça fait mal, va voir un médecin.\n",
    ],
    ids=["es", "fr"],
)
def test_a_writers_list_is_one_exercise_an_item_named_by_its_move(article):
    """ "Yo hago esto:" / "Voici ce que je fais :" lead into a list; each item starts with
    the move's name; the advice after the list is the intro."""
    (draft,) = compile_article(article)
    got = [(e.hold, e.reps, e.sets, e.sides) for e in draft.exercises]
    if draft.language == "es":
        names = ["Giros de cuello", "Estiramiento de trapecio", "Remo con banda"]
        want = [(None, (10, 10), None, "both"), ((30, 30), None, None, "both")]
    else:
        names = ["Haussements d'épaules", "Étirement du trapèze", "Rowing avec élastique"]
        want = [(None, (15, 15), None, "none"), ((30, 30), None, None, "both")]
    assert [e.name for e in draft.exercises] == names
    assert got == [*want, (None, (12, 12), (3, 3), "none")]
    assert draft.intro is not None and draft.intro.startswith("Si ")


def test_a_bylines_reading_time_and_a_handouts_field_labels_are_not_exercises():
    text = (
        "# Nacken lockern\n\n*Von Jana | Lesezeit: 4 Minuten*\n\nKennst du das? Der Nacken zieht.\n\n"
        "## Kinn zurück\n\nSchieb das Kinn nach hinten. Halte 5 Sekunden, 10 Wiederholungen.\n"
    )
    (draft,) = compile_article(text)
    assert [(e.name, e.hold, e.reps) for e in draft.exercises] == [
        ("Kinn zurück", (5, 5), (10, 10))
    ]
    handout = (
        "PROGRAMA DE EJERCICIOS\n\n----------\nEJERCICIO 1: Deslizamiento en la pared\nPosición: De pie, de cara a la pared.\n"
        "Descripción: Deslice los brazos hacia arriba y vuelva a bajar despacio.\n"
        "Repeticiones: 12\nSeries: 2\n\n"
        "----------\nEJERCICIO 2: Isométrico cervical\nPosición: Sentado.\n"
        "Descripción: Empuje la frente contra la mano.\nMantener: 6 seg\nRepeticiones: 5\n"
    )
    (draft,) = compile_article(handout)
    assert [e.name for e in draft.exercises] == [
        "Deslizamiento en la pared",
        "Isométrico cervical",
    ]


# --- the forms of the second blind set (55-62) ---------------------------------------------


@pytest.mark.parametrize(
    ("handout", "name"),
    [
        (
            "PROGRAMME À DOMICILE\n\nAvant de commencer :\n- Faites les exercices une fois par "
            "jour, après avoir marché pendant 5 minutes.\n\nExercice 1 : Rentré du menton\n"
            "Reculez le menton. Tenez 5 secondes. Répétitions : 10.\n",
            "Rentré du menton",
        ),
        (
            "HEIMPROGRAMM\n\nVorab:\n- Mach die Übungen einmal am Tag, am besten nach 10 Minuten "
            "Wärme.\n- Pause zwischen den Sätzen: 1 Minute.\n\nÜbung 1: Kinnzug\nZieh das Kinn "
            "zurück. Halte 5 Sekunden. Wiederholungen: 10.\n",
            "Kinnzug",
        ),
    ],
    ids=["fr", "de"],
)
def test_advice_on_the_exercises_with_how_often_is_no_exercise(handout, name):
    """ "Faites les exercices une fois par jour, après 5 minutes de marche": the programme's,
    and so is the rest between sets."""
    (draft,) = compile_article(handout)
    assert [(e.name, e.hold, e.reps) for e in draft.exercises] == [(name, (5, 5), (10, 10))]


def test_a_side_switch_after_then_stays_with_its_exercise():
    article = (
        "# Cuello\n\nUna rutina corta.\n\n1. **Inclinación lateral.** Lleva la oreja al hombro. "
        "Mantén 15 segundos. Luego cambia de lado.\n\n2. **Giro de tronco.** Gira el tronco "
        "despacio. Repite 8 veces.\n"
    )
    (draft,) = compile_article(article)
    assert [(e.name, e.hold, e.sides) for e in draft.exercises] == [
        ("Inclinación lateral", (15, 15), "both"),
        ("Giro de tronco", None, "none"),
    ]


def test_a_pages_table_with_one_column_of_counts_or_times_and_a_title_after_a_banner():
    page = (
        "<html><body><div class='cookies'>Wir verwenden Cookies.</div><button>Ablehnen</button>"
        "<p><a href='/fit'>Fitness</a></p><h1>Schultern lockern</h1>"
        "<table><tr><th>Übung</th><th>So geht's</th><th>Zeit / Wiederholungen</th></tr>"
        "<tr><td>Armkreisen</td><td>Kreise die Arme nach hinten.</td><td>3 Sätze à 12</td></tr>"
        "<tr><td>Brustdehnung</td><td>Öffne die Brust.</td><td>20 Sekunden</td></tr>"
        "</table></body></html>"
    )
    (draft,) = compile_article(page)
    assert draft.title == "Schultern lockern"
    assert [(e.name, e.hold, e.reps, e.sets) for e in draft.exercises] == [
        ("Armkreisen", None, (12, 12), (3, 3)),
        ("Brustdehnung", (20, 20), None, None),
    ]


def test_a_list_items_name_may_hold_a_comma():
    article = (
        "# Dos\n\nVoici la séance :\n\n- Étirement du cou : penchez la tête. Une minute de "
        "chaque côté.\n- Dos rond, dos creux : à quatre pattes, arrondissez le dos. Quinze fois.\n"
    )
    (draft,) = compile_article(article)
    assert [(e.name, e.hold, e.reps, e.sets) for e in draft.exercises] == [
        ("Étirement du cou", (60, 60), None, None),
        ("Dos rond, dos creux", None, (15, 15), None),
    ]


def test_the_head_to_the_side_is_no_lying_on_the_side():
    """ "tirez la tête sur le côté" is a direction; "allongé sur le côté" is lying."""
    article = (
        "# Nuque\n\n## Étirement du trapèze\n\nUne main sur la tête, tirez doucement la tête sur "
        "le côté. Tenez 30 secondes de chaque côté.\n\n## Ouverture du livre\n\nAllongé sur le "
        "côté, ouvrez le bras du dessus. 10 répétitions de chaque côté.\n"
    )
    (draft,) = compile_article(article)
    assert [e.position for e in draft.exercises][1] == "lying"
    assert draft.exercises[0].position != "lying"


def test_advice_on_all_the_exercises_after_the_last_is_not_its_line():
    article = (
        "# Hombros\n\n## Remo sin peso\n\nLleva los codos hacia atrás. 12 repeticiones.\n\n"
        "Respira tranquilo durante todos los ejercicios y no fuerces. Puedes hacer los "
        "ejercicios 3 días por semana.\n"
    )
    (draft,) = compile_article(article)
    assert [e.say for e in draft.exercises] == [["Lleva los codos hacia atrás."]]


def test_more_spanish_moves_are_instructions_to_say():
    """ "Dibuja círculos amplios ..." was left out of the exercise's lines."""
    article = "# Hombros\n\n## Círculos de hombros\n\nDibuja círculos amplios con los hombros. 2 series de 10.\n"
    (draft,) = compile_article(article)
    assert draft.exercises[0].say == ["Dibuja círculos amplios con los hombros."]


@pytest.mark.parametrize(
    ("article", "said"),
    [
        (
            "# Cou\n\n## Rotation\n\nTournez la tête à droite puis à gauche, entre 8 et 12 fois.\n",
            "Tournez la tête à droite puis à gauche.",
        ),
        (
            "# Cuello\n\n## Giro\n\nGira la cabeza a un lado y al otro, entre 10 y 15 veces.\n",
            "Gira la cabeza a un lado y al otro.",
        ),
    ],
    ids=["fr", "es"],
)
def test_a_count_between_two_numbers_leaves_no_word_behind(article, said):
    """ "..., entre 8 et 12 fois." was said as "..., entre." """
    (draft,) = compile_article(article)
    assert draft.exercises[0].say == [said]


def test_a_german_infinitive_then_how_is_said_and_a_statement_is_not():
    """A forum's "Im Sitzen die Schulterblätter zusammendrücken, als würdest du ..." is what to
    do; the "Wichtig ist halt dranbleiben" after the last exercise is not."""
    article = (
        "Re: Nacken\n\n1) Schulterblätter\nIm Sitzen die Schulterblätter hinten "
        "zusammendrücken, als würdest du eine Nuss knacken. 5 Sekunden halten, zehnmal.\n\n"
        "Bei mir hat es geholfen. Wichtig ist halt dranbleiben.\n"
    )
    (draft,) = compile_article(article)
    assert draft.exercises[0].say == [
        "Im Sitzen die Schulterblätter hinten zusammendrücken, als würdest du eine Nuss knacken."
    ]


@pytest.mark.parametrize(
    ("article", "said"),
    [
        (
            "# Cou\n\n## Inclinaison\n\nIncliner la tête vers l'épaule. Tenir 20 secondes.\n",
            ["Incliner la tête vers l'épaule."],
        ),
        (
            "# Cou\n\n## Respiration\n\nExpirer et tourner la tête. Répéter 6 fois.\n",
            ["Expirer et tourner la tête."],
        ),
        (
            "# Cuello\n\n## Giro\n\nGirar la cabeza hacia un hombro. Repetir 8 veces.\n",
            ["Girar la cabeza hacia un hombro."],
        ),
    ],
    ids=["fr", "fr-and", "es"],
)
def test_a_handouts_sentence_that_opens_with_its_infinitive_is_said(article, said):
    """French and Spanish handouts tell what to do in the infinitive, capital first."""
    (draft,) = compile_article(article)
    assert draft.exercises[0].say == said


@pytest.mark.parametrize(
    "article",
    [
        "# Rücken\n\nIm Sitzen die Schultern langsam nach hinten ziehen und die Spannung 5 "
        "Sekunden halten.\n\nDiese Übung dreimal wiederholen.\n",
        "# Back\n\nSit tall and pull your shoulders back, hold the squeeze for 5 seconds.\n\n"
        "This exercise should be done 3 times.\n",
        "# Dos\n\nAssis, tirez les épaules vers l'arrière et tenez 5 secondes.\n\n"
        "Cet exercice se répète 3 fois.\n",
        "# Espalda\n\nSentado, lleva los hombros hacia atrás y mantén 5 segundos.\n\n"
        "Este ejercicio se repite 3 veces.\n",
    ],
    ids=["de", "en", "fr", "es"],
)
def test_a_paragraph_that_doses_this_exercise_is_the_one_befores(article):
    """ "Diese Übung dreimal wiederholen." after a story's move is its dose, no exercise."""
    (draft,) = compile_article(article)
    (exercise,) = draft.exercises
    assert (exercise.hold, exercise.reps) == ((5, 5), (3, 3))


@pytest.mark.parametrize(
    "article",
    [
        "Re: stiff neck\n\nWhat helped me: chin tucks 10x, then shoulder rolls 15x, and finally "
        "a doorway stretch for 30s each side.\n",
        "Re: Nacken\n\nMir hilft: Kinn zurückziehen 10x, dann Schultern kreisen 15x, und zum "
        "Schluss die Brust im Türrahmen dehnen, 30 Sekunden pro Seite.\n",
        "Re: cuello\n\nA mí me ayuda: retraer la barbilla 10 veces, luego girar los hombros 15 "
        "veces, y por último estirar el pecho en la puerta 30 segundos por lado.\n",
        "Re: nuque\n\nCe qui m'aide : rentrer le menton 10 fois, puis rouler les épaules 15 "
        "fois, et enfin étirer la poitrine dans une porte 30 secondes de chaque côté.\n",
    ],
    ids=["en", "de", "es", "fr"],
)
def test_moves_listed_in_one_sentence_each_with_its_dose_are_one_exercise_each(article):
    """A forum's "chin tucks 10x, then shoulder rolls 15x, and finally ..." tells three."""
    (draft,) = compile_article(article)
    assert [(e.reps, e.hold, e.sides) for e in draft.exercises] == [
        ((10, 10), None, "none"),
        ((15, 15), None, "none"),
        (None, (30, 30), "both"),
    ]
