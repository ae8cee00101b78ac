"""compile on prose (issue 25, second round): paragraphs as exercises, steps of one
exercise, stories told in the first person, doses in any form, in four languages. Each
text is our own, written in the shape of the real pages that failed."""

from __future__ import annotations

import pytest

from voiceguide.compiler import compile_article
from voiceguide.compiler.lexicon import use
from voiceguide.compiler.numbers import find_numbers


def _doses(text: str) -> list[tuple]:
    (draft,) = compile_article(text)
    return [(e.hold, e.reps, e.sets, e.sides) for e in draft.exercises]


@pytest.mark.parametrize(
    ("language", "text", "hold", "reps", "sets"),
    [
        ("en", "Hold the stretch 20 sec to 1 min.", (20, 60), None, None),
        ("fr", "Tenez la posture de 20 secondes à 1 minute.", (20, 60), None, None),
        ("de", "Dauer der Dehnung: 20 40 Sekunden", (20, 40), None, None),
        ("de", "Dauer 15 Sekunden", (15, 15), None, None),
        ("en", "Hold for a second, then let go.", (1, 1), None, None),
        ("de", "Die Stellung halten wir eine Sekunde.", (1, 1), None, None),
        ("de", "Dann 2 Minuten ruhig in dieser Lage verbleiben.", (120, 120), None, None),
        ("de", "Die Spannung etwa 8 Sekunden in dieser Stellung halten.", (8, 8), None, None),
        # Two counts, neither called sets: the first in each set, the later how many sets.
        (
            "en",
            "Lift the arms, hold 2 seconds. Repeat 8 times. Do two rounds.",
            (2, 2),
            (8, 8),
            (2, 2),
        ),
        (
            "de",
            "Die Arme kreisen, fünfmal nach vorn und fünfmal zurück. Jeweils zweimal.",
            None,
            (5, 5),
            (2, 2),
        ),
        # ... unless the later one says the first again per side (a guard for the rule above).
        ("en", "Reach and return. Do 12 repetitions, 6 per side.", None, (12, 12), None),
        # Minutes a day are how long to train, not a hold.
        ("en", "Move your neck gently once a day for 5 minutes.", None, None, None),
        ("de", "Etwa 10 Minuten pro Tag reichen dafür.", None, None, None),
    ],
)
def test_doses_in_any_form(language, text, hold, reps, sets):
    with use(language):
        found = find_numbers(text)
    assert (found.hold, found.reps, found.sets) == (hold, reps, sets)


def test_more_times_counts_the_first_time_too():
    with use("en"):
        assert find_numbers("Repeat two more times.").repeats == (3, 3)
        assert find_numbers("Repeat twice more.").repeats == (3, 3)
        assert find_numbers("Hold for a breath or two.").hold_guess == "breaths"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Turn your head to the right and hold. Repeat on left side."),
        ("de", "Den Kopf zur Seite neigen, dann zur Gegenseite."),
        ("fr", "Levez le bras, 10 répétitions par coté."),
    ],
)
def test_the_other_side_however_it_is_written(language, text):
    with use(language):
        assert find_numbers(text).sides == "both"


def test_numbered_steps_of_one_exercise_until_its_dose_and_a_dose_line_after_them():
    text = (
        "Two for the neck\n\nEase a stiff neck with these.\n"
        "1. Lie on your back with your knees bent.\n"
        "2. Tuck your chin and press the back of your head into the floor.\n"
        "3. Hold for 8 seconds, then relax.\n"
        "Do this 10 times. It wakes up the deep neck muscles.\n"
        "1. Stand with your back to a wall.\n"
        "2. Slide your arms up the wall and down again, 12 times.\n"
    )
    assert _doses(text) == [((8, 8), (10, 10), None, "none"), (None, (12, 12), None, "none")]


def test_the_next_item_of_a_numbered_list_is_the_next_exercise_whatever_it_says():
    text = (
        "Schulterprogramm\n\n1. Armkreisen Im Stehen: die Arme kreisen, 10 mal.\n"
        "2. Wandstütze Im Stehen: gegen die Wand drücken, 20 Sekunden halten.\n"
        "3. Kopfdrücker (Stirn) Im Sitzen: Oberkörper aufgerichtet, Kopf geradeaus\n"
    )
    assert len(_doses(text)) == 3


def test_a_paragraph_that_puts_the_body_somewhere_new_is_the_next_exercise():
    text = (
        "Morning routine\n\nWe start on the floor with the hips.\n"
        "Kneel and sit back on your heels with your arms forward. Hold 5 seconds and do "
        "it 10 times.\n"
        "Lie on your back and hug your knees to your chest, rocking gently.\n"
    )
    assert _doses(text) == [((5, 5), (10, 10), None, "none"), ((20, 20), None, None, "none")]


def test_a_first_paragraph_that_tells_a_move_and_its_dose_is_read_not_taken_for_the_title():
    text = (
        "Tight shoulders often come from stress and long days at a desk, so a small break "
        "helps: roll your shoulders backwards 8 times, then forwards 8 times. Do that twice."
    )
    (draft,) = compile_article(text)
    assert [(e.reps, e.sets) for e in draft.exercises] == [((8, 8), (2, 2))]
    assert len(draft.title.split()) <= 8


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "You lie on your back and lift both arms."),
        ("es", "Nos tumbamos boca arriba y llevamos las rodillas al pecho."),
        ("de", "Für diese Übung legen wir uns auf den Rücken."),
        ("de", "Man stellt sich aufrecht hin und hebt die Arme."),
        ("fr", "On s'allonge sur le dos et on ramène les genoux."),
    ],
)
def test_a_move_told_as_what_you_we_or_one_does_is_an_instruction(language, text):
    from voiceguide.compiler.sentences import is_instruction

    with use(language):
        assert is_instruction(text)


@pytest.mark.parametrize(
    ("language", "text", "hold", "repeats"),
    [
        ("es", "Aguantamos cinco segundos y se repite unas 12 veces.", (5, 5), (12, 12)),
        ("de", "Diese Spannung hält man vier Sekunden.", (4, 4), None),
        ("fr", "On tient la position 20 secondes.", (20, 20), None),
    ],
)
def test_a_dose_told_as_what_we_or_one_does(language, text, hold, repeats):
    with use(language):
        found = find_numbers(text)
    assert (found.hold, found.repeats) == (hold, repeats)


def test_a_story_goes_on_to_the_next_exercise_where_it_puts_the_body_somewhere_else():
    text = (
        "Espalda suelta\n\nNos ponemos a cuatro patas y arqueamos la espalda hacia arriba, "
        "aguantamos cinco segundos y se repite 10 veces. Luego respiramos con calma. "
        "Tumbados boca arriba, llevamos las rodillas al pecho y mantenemos diez segundos.\n"
    )
    assert _doses(text) == [((5, 5), (10, 10), None, "none"), ((10, 10), None, None, "none")]


def test_a_stretch_held_without_a_time_and_repeated_is_sets_of_a_guessed_hold():
    (draft,) = compile_article(
        "Neck\n\nTilt your head to the right until you feel a stretch. Hold, then tilt to the "
        "left. Repeat twice more.\n"
    )
    (ex,) = draft.exercises
    assert (ex.hold, ex.sets, ex.reps) == ((20, 20), (3, 3), None)
    assert "hold" in ex.guessed


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("en", "These three are gentle. Hold them all for 15 seconds, 3 times."),
        ("es", "Son tres posturas suaves. Mantenlas 15 segundos y repítelas todas 3 veces."),
        ("fr", "Trois postures douces. Tenez toutes ces postures 15 secondes, 3 fois."),
        ("de", "Drei sanfte Dehnungen. Alle Dehnungen 15 Sekunden halten, 3 mal."),
    ],
)
def test_a_dose_said_once_for_all_that_follow(language, lead):
    names = {"en": "Stretch", "es": "Estiramiento", "fr": "Étirement", "de": "Dehnung"}[language]
    text = f"Title\n\n{lead}\n\n1. {names} A\n\nSit tall.\n\n2. {names} B\n\nSit tall.\n"
    assert [(hold, sets) for hold, _, sets, _ in _doses(text)] == [((15, 15), (3, 3))] * 2


def test_a_table_column_titled_with_a_name_word_and_more_names_the_exercise():
    text = (
        "Au bureau\n\n| Zone | Exercice recommandé | Durée | Répétitions |\n|---|---|---|---|\n"
        "| Nuque | Inclinaison latérale | 20 secondes | 3 fois |\n"
        "| Épaules | Haussement d'épaules | 5 secondes | 8 fois |\n"
    )
    (draft,) = compile_article(text)
    assert [e.name for e in draft.exercises] == ["Inclinaison latérale", "Haussement d'épaules"]


def test_a_heading_that_says_stretches_opens_a_section_of_paragraphs_each_an_exercise():
    text = (
        "Pausen\n\nDehnübungen für das Büro\n\nFür den Nacken den Kopf zur Seite neigen und "
        "20 Sekunden halten, dann zur Gegenseite.\n\nFür die Schultern die Schultern hochziehen, "
        "5 Sekunden halten und 10 mal wiederholen.\n"
    )
    assert _doses(text) == [((20, 20), None, None, "both"), ((5, 5), (10, 10), None, "none")]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "Shoulder plan\n\nRoutine A\n\n1. Wall slide: Slide your arms up the wall, 10 times.\n"
            "2. Chin tuck: Draw your chin back and hold for 5 seconds.\n\nRoutine B\n\n"
            "1. Doorway stretch: Lean into a doorway and hold for 30 seconds.\n",
            ["Shoulder plan, Routine A", "Shoulder plan, Routine B"],
        ),
        (
            "Nacken\n\nA. Beweglichkeit\n\n- Kopfdrehen: Den Kopf zur Seite drehen, 10 mal.\n\n"
            "B. Kräftigung\n\n- Stirndrücken: Die Hand gegen die Stirn drücken, 5 Sekunden halten.\n",
            ["Nacken, Beweglichkeit", "Nacken, Kräftigung"],
        ),
    ],
)
def test_a_pages_parts_a_and_b_are_routines_of_their_own(text, titles):
    assert [draft.title for draft in compile_article(text)] == titles
