"""compile's general stages (issue 25): layout, segments, doses in one grammar for four
languages, names, sides, and guesses a reader can see, each on a short text of our own."""

from __future__ import annotations

import pytest

from voiceguide.compiler import compile_article, routine_yaml
from voiceguide.compiler.layout import laid_out
from voiceguide.compiler.lexicon import use
from voiceguide.compiler.numbers import find_numbers


def _doses(text: str) -> list[tuple]:
    (draft,) = compile_article(text)
    return [(e.hold, e.reps, e.sets, e.sides) for e in draft.exercises]


def test_items_run_on_in_one_paragraph_are_one_exercise_each():
    text = (
        "Neck relief\n\n1 / 3. Neck tilt Tilt your head to the side and hold it for 10 seconds. "
        "2 / 3. Shoulder rolls Roll your shoulders backwards 12 times. 3 / 3. Chin tuck "
        "Glide your chin back and hold for 5 seconds.\n"
    )
    assert [(hold, reps) for hold, reps, _, _ in _doses(text)] == [
        ((10, 10), None),
        (None, (12, 12)),
        ((5, 5), None),
    ]


def test_the_next_item_of_a_list_of_dosed_exercises_is_one_even_with_no_dose():
    text = (
        "Quick neck break\n\nTry these at your desk.\n\n"
        "- Shrug your shoulders up to your ears (12 times)\n"
        "- Turn your head to the right and hold it for 10 seconds on each side.\n"
        "- Clasp your hands behind your back and open your chest.\n"
        "- Then switch sides.\n"
    )
    (draft,) = compile_article(text)
    first, second, third = draft.exercises  # "Then switch sides." is no exercise
    assert (first.reps, second.hold, second.sides) == ((12, 12), (10, 10), "both")
    assert "open your chest" in " ".join(third.say) and "hold" in third.guessed


def test_a_heading_that_gives_the_dose_after_its_name_names_the_exercise_and_doses_it():
    text = (
        "Shoulder routine\n\n1. Wall angels - 3 sets of 12 reps\n"
        "Stand with your back to a wall and slide your arms up and down.\n"
    )
    (draft,) = compile_article(text)
    (exercise,) = draft.exercises
    assert (exercise.name, exercise.reps, exercise.sets) == ("Wall angels", (12, 12), (3, 3))


def test_cues_on_how_to_do_the_exercises_above_are_no_exercises():
    text = (
        "Desk routine\n\n1. Chin tucks - 10 reps\nDraw your chin straight back.\n"
        "2. Shoulder rolls - 15 reps\nRoll your shoulders backwards.\n"
        "While you do these exercises, keep good form. Mind these points:\n"
        "- Hips back: Shift your hips slightly behind you.\n"
        "- Soft knees: Keep your knees a little bent.\n"
    )
    (draft,) = compile_article(text)
    assert [e.reps for e in draft.exercises] == [(10, 10), (15, 15)]


def test_an_item_numbered_before_its_word_is_one_even_after_a_photo_credit():
    text = (
        "# Rücken\n\nBild © Fotograf 1. Übung: Schulterrollen\n\n"
        "Zieh die Schultern nach hinten, 10 Sekunden halten.\n\n2. Übung: Brustpresse\n\n"
        "Die Hände vor der Brust gegeneinander drücken, 10 Sekunden halten.\n"
    )
    (draft,) = compile_article(text)
    assert [e.name for e in draft.exercises] == ["Schulterrollen", "Brustpresse"]


@pytest.mark.parametrize("gap", ["\t", "     "])
def test_a_plain_text_tables_columns_set_apart_by_tabs_or_spaces_are_read(gap):
    text = (
        f"Desk plan\n\nExercise{gap}Sets{gap}Reps\nChin tuck{gap}3{gap}10\n"
        f"Wall angel{gap}2{gap}12\n"
    )
    assert [(reps, sets) for _, reps, sets, _ in _doses(text)] == [
        ((10, 10), (3, 3)),
        ((12, 12), (2, 2)),
    ]


def test_a_photos_credit_under_a_heading_is_clutter_though_its_sign_is_not_said():
    text = (
        "# Shoulders\n\n1. Shoulder shrugs\n\nShoulder shrugs © Photo Agency\n\n"
        "Stand tall and lift your shoulders to your ears, 10 times.\n"
    )
    (draft,) = compile_article(text)
    assert [(e.name, e.reps) for e in draft.exercises] == [("Shoulder shrugs", (10, 10))]


def test_the_layout_stage_splits_run_on_text_and_takes_decorations_off():
    assert laid_out(["DRAW YOUR CHIN BACK. HOLD 15 SECONDS.REPEAT 3 TIMES."]) == [
        "DRAW YOUR CHIN BACK. HOLD 15 SECONDS. REPEAT 3 TIMES."
    ]
    assert laid_out(["Intro. Exercise 2: Wall slide. Exercise 3: Chin tuck."]) == [
        "Intro.",
        "Exercise 2: Wall slide.",
        "Exercise 3: Chin tuck.",
    ]
    assert laid_out(
        ["✅ Flexión: empuja", "- 🔁 Repeticiones: 5", "1Cervical", "2.", "Lie down."]
    ) == [
        "Flexión: empuja",
        "- Repeticiones: 5",
        "1. Cervical",
        "2. Lie down.",
    ]
    # A bullet on a line of its own belongs to the text under it.
    assert laid_out(["-", "Roll your shoulders 10 times.", "*", "Tuck your chin."]) == [
        "- Roll your shoulders 10 times.",
        "* Tuck your chin.",
    ]
    # A bullet that lost its space: "•Pour terminer".
    assert laid_out(["-Pour terminer, masser la nuque."]) == ["- Pour terminer, masser la nuque."]
    # A heading a page repeats is said once, and a heading for that.
    assert laid_out(["Neck rotation", "Neck rotation,", "Sit in a chair."]) == [
        "## Neck rotation",
        "Sit in a chair.",
    ]


@pytest.mark.parametrize(
    ("card", "names"),
    [
        (
            "Home card\n\nChin tuck\nSetup:\n- Sit tall in a chair.\n- Draw your chin back.\n"
            "- Hold for 5 seconds.\nNotes:\n- Keep breathing.\n\nShoulder rolls\nSetup:\n"
            "- Sit tall.\n- Roll your shoulders back.\n- Repetitions: 10\n",
            ["Chin tuck", "Shoulder rolls"],
        ),
        (
            "Heimkarte\n\nKinnzug\nAusgangsstellung:\nSetz dich aufrecht hin.\nBewegung\nZieh "
            "das Kinn zurück. Halte 5 Sekunden.\n\nSchulterkreisen\nAusgangsstellung:\nSetz dich "
            "aufrecht hin.\nBewegung\nKreise die Schultern nach hinten. Wiederholungen: 10\n",
            ["Kinnzug", "Schulterkreisen"],
        ),
        (
            "Ficha\n\nRetracción de barbilla\nPosición inicial: Siéntate recto.\nMovimiento\n"
            "Lleva la barbilla hacia atrás. Mantén 5 segundos.\n\nCírculos de hombros\nPosición "
            "inicial: Siéntate recto.\nMovimiento\nRota los hombros hacia atrás. Repeticiones: 10\n",
            ["Retracción de barbilla", "Círculos de hombros"],
        ),
        (
            "Fiche\n\nRentré du menton\nPosition de départ : Assis, le dos droit.\nMouvement\n"
            "- Reculez le menton. Tenez 5 secondes.\n\nCercles d'épaules\nPosition de départ : "
            "Assis, le dos droit.\nMouvement\n- Roulez les épaules vers l'arrière. Répétitions : 10\n",
            ["Rentré du menton", "Cercles d'épaules"],
        ),
    ],
    ids=["en", "de", "es", "fr"],
)
def test_a_cards_field_labels_name_no_exercise(card, names):
    """ "Setup:", "Ausgangsstellung:", "Movimiento", "Mouvement" are the card's fields; the
    exercise is the heading above them."""
    (draft,) = compile_article(card)
    assert [(e.name, e.hold, e.reps) for e in draft.exercises] == [
        (names[0], (5, 5), None),
        (names[1], None, (10, 10)),
    ]


def test_a_dose_stated_once_is_every_listed_exercises():
    handout = (
        "Exercises for the upper back\n\n- Do each exercise 30 times at a relaxed pace.\n"
        "- Keep breathing calmly.\n\nRotation of the upper back\n\nRotation with a pole\n\n"
        "Complete each exercise in three sets of ten repetitions.\n\nLow row\n\nBoard tapping\n"
    )
    assert [(reps, sets) for _, reps, sets, _ in _doses(handout)] == [
        ((30, 30), None),
        ((30, 30), None),
        ((10, 10), (3, 3)),
        ((10, 10), (3, 3)),
    ]


def test_a_line_that_leads_into_a_list_gives_its_items_their_hold():
    page = (
        "Isometrics\n\n- Neck isometrics: do the following holding each press for 8 seconds:\n"
        "- Press your palm against your forehead and resist with your head.\n"
        "- Press your palm against the back of your head and resist.\n"
    )
    assert [hold for hold, _, _, _ in _doses(page)] == [(8, 8), (8, 8)]


@pytest.mark.parametrize(
    ("language", "text", "seconds"),
    [
        ("en", "Hold for twenty-two seconds.", 22),
        ("de", "Halte die Dehnung dreiundzwanzig Sekunden.", 23),
        ("es", "Mantén la postura veintidós segundos.", 22),
        ("fr", "Tenez la position vingt-deux secondes.", 22),
    ],
)
def test_number_words_are_read_in_every_language(language, text, seconds):
    with use(language):
        assert find_numbers(text).hold == (seconds, seconds)


def test_spoken_lines_keep_the_articles_number_words():
    text = (
        "Rutina\n\n1. Giro\nGira el tronco y agárrate con las dos manos. Mantén veinte segundos.\n"
    )
    (draft,) = compile_article(text)
    assert draft.exercises[0].hold == (20, 20)
    assert "dos manos" in draft.exercises[0].say[0]


def test_a_range_whose_first_number_leaves_its_unit_to_the_second():
    assert find_numbers("Use a 10- to 15-second hold.").hold == (10, 15)
    assert find_numbers("Stay there for 1- or 2-minutes.").hold == (60, 120)


@pytest.mark.parametrize(
    ("text", "hold"),
    [
        ("Neck tilt, 30 seconds each side.", (30, 30)),
        ("Each side: 20 sec.", (20, 20)),
        ("Chest opener. A 45s hold.", (45, 45)),
        ("Tilt your head to the right. 20 seconds, then switch.", (20, 20)),
        ("Rest: 30 seconds.", None),
        ("Do 10 reps per side.", None),
    ],
)
def test_a_hold_said_with_no_verb_as_lists_and_cards_say_it(text, hold):
    assert find_numbers(text).hold == hold


def test_a_hold_until_a_time_is_up_is_that_long_a_rest_is_not():
    assert find_numbers("Press your palms together. After 15 seconds, let go.").hold == (15, 15)
    assert find_numbers("Walk on. After 2 minutes of rest, start again.").hold is None


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Lie on a roller along each side of the spine. Hold for 30 seconds.", "none"),
        ("Stand with your forearms on either side of a doorframe. Hold for 30 seconds.", "none"),
        ("Press one shoulder down with the opposite hand. Hold it for 10 seconds.", "both"),
        ("Hold the band with your other hand and pull it back. Repeat 10 times.", "none"),
        ("Tilt your head to the right. Hold 20 seconds, then switch to the other side.", "both"),
        ("Turn your head slowly left and right. Repeat 10 times.", "alternate"),
        ("Repeat this right/left turn 8 times.", "alternate"),
        ("Tilt your head left and right, 5 times on each side.", "both"),
        ("Lift your knee to your chest, 10 times on each leg.", "both"),
    ],
)
def test_sides_only_where_the_move_goes_to_the_other_side(text, sides):
    assert find_numbers(text).sides == sides


def test_numbering_that_restarts_is_the_steps_of_one_exercise():
    text = (
        "Two moves\n\n1. Chin tuck\n1.\nSit tall.\n2. Draw your chin back. Hold for 5 seconds.\n"
        "2. Shoulder squeeze\nSqueeze your shoulder blades together. Hold for 10 seconds.\n"
    )
    (draft,) = compile_article(text)
    assert [(e.name, e.hold) for e in draft.exercises] == [
        ("Chin tuck", (5, 5)),
        ("Shoulder squeeze", (10, 10)),
    ]


def test_a_first_line_that_is_an_item_is_an_exercise_not_the_title():
    text = "1Cervical Retraction\n- Sit tall.\n- Draw the chin back.\n\n2Chin Tuck\n- Lie down.\n- Hold for 5 seconds.\n"
    (draft,) = compile_article(text)
    assert [e.name for e in draft.exercises] == ["Cervical Retraction", "Chin Tuck"]


def test_every_guess_has_its_reason_and_the_guesses_come_first():
    text = "Desk\n\n1. Chin tuck\nDraw your chin back. Hold it for a few seconds.\n\n2. Shrug\nShrug your shoulders.\n"
    (draft,) = compile_article(text)
    tuck, shrug = draft.exercises
    assert tuck.hold == (3, 3) and "few" in tuck.guessed["hold"]
    assert "hold" in shrug.guessed or "reps" in shrug.guessed
    yaml_text = routine_yaml(draft, "desk.txt")
    head, body = yaml_text.split("title:", 1)
    assert "# Guessed, to check first:" in head
    assert "#   Chin tuck: hold: the article says only 'a few' seconds" in head
    assert "hold: 3  # guessed: the article says only 'a few' seconds" in body


def test_each_exercise_and_value_knows_the_line_it_was_read_from():
    text = "Desk\n\n## Chin tuck\nSit tall.\nDraw your chin back.\nHold for 5 seconds.\nRepeat 10 times.\n"
    (draft,) = compile_article(text)
    (tuck,) = draft.exercises
    assert tuck.sources["exercise"].number == 3
    assert tuck.sources["hold"].number == 6
    assert tuck.sources["hold"].text == "Hold for 5 seconds."
    assert tuck.sources["reps"].number == 7


@pytest.mark.parametrize(
    ("text", "repeats"),
    [
        ("Diese Position halten und dabei den Kopf beugen (3 x wiederholen).", (3, 3)),
        ("Der Orthopäde hat mir 6x Physio verschrieben.", None),
        ("Ich mach das morgens und abends, also 2x am Tag.", None),
    ],
)
def test_n_x_is_a_count_only_where_it_counts_the_exercise(text, repeats):
    with use("de"):
        assert find_numbers(text).repeats == repeats
