"""Spanish: "mantén 20 segundos", "dos series de 10 repeticiones", "por lado", "sentado"."""

from __future__ import annotations

import re

from . import Lexicon, compiled, spelled, words
from ._foreign import AFTER, instruction_test, timed

LEADING = re.compile(
    r"^(?:ahora|luego|después|primero|a continuación|por último|finalmente|despacio"
    r"|suavemente|lentamente|y)[,\s]+",
    re.IGNORECASE,
)
_VERBS = (
    r"(?:siéntate|siéntese|ponte|póngase|túmbate|túmbese|acuéstate|colócate|coloca|coloque"
    r"|lleva|lleve|gira|gire|inclina|incline|sube|suba|baja|baje|levanta|levante|estira|estire"
    r"|abre|abra|cierra|cruza|cruce|entrelaza|junta|junte|empuja|tira|mantén|mantenga"
    r"|mantenlos|mantenlas|mantenlo|mantenla|aguanta|respira|respire|relaja|relaje|suelta"
    r"|repite|repita|haz|haga|hazlo|mira|mire|apoya|apoye|dobla|flexiona|extiende|rota"
    r"|redondea|arquea|desliza|da|vuelve|vuelva|deja|no|evita|intenta|nota|alterna|cambia"
    r"|usa|pon|quédate|arrodíllate|agárrate|abrázate|sujeta|recoge|empieza|comienza|mueve"
    r"|aprieta|abre|a cuatro patas|de pie|sentad[oa]|tumbad[oa]"
    # A handout's "usted": "Deslice los brazos", "Meta la barbilla", "Sujete la banda".
    r"|deslice|meta|sujete|separe|empuje|intente|vuelva|apoye|realice|lleve"
    # More moves a page tells: "Dibuja círculos amplios", "Eleva los brazos".
    r"|dibuja|dibuje|traza|trace|eleva|eleve|encoge|encoja|presiona|presione|contrae"
    r"|acerca|acerque|separa|camina|camine|sostén|sostenga|flexione|extienda|rote|mueva)"
    # An imperative with its pronoun has an accent: "bájalo", "arquéala", "colócate".
    # (a verb's vowel before the pronoun: "círculos" is no such form).
    r"|[a-zñ]*[áéíó][a-zñ]*[aeiná](?:te|se|lo|la|los|las)"
)

# Words that open a sentence and end as an infinitive does, but are none.
_NOT_INFINITIVES = r"(?:sobre|entre|mejor|mayor|menor|primer|lugar|hogar|mujer|placer|par)"


LEXICON = Lexicon(
    code="es",
    rewrites=compiled(
        [
            (r"\bmedio minuto\b", "30 seconds"),
            (r"\b(?:un )?minuto y medio\b", "90 seconds"),
            (r"\bun (?:buen )?minuto\b", "1 minute"),
            (r"\buna docena de veces\b", "12 times"),
            (r"\buna docena\b", "12"),
            (r"\bunos (?:pocos )?segundos\b", "a few seconds"),
            (r"\bdos veces\b", "twice"),
            # "mantén un segundo"; not "un segundo ejercicio", "un segundo lugar"
            (
                r"\bun (?:solo )?segundo\b(?! (?:ejercicio|lugar|paso|set|serie|vez|movimiento))",
                "1 second",
            ),
            # "de lado a lado", "hacia la derecha y hacia la izquierda": from side to side.
            (
                r"\bde (?:un )?lado (?:a|al) (?:otro|lado)\b"
                r"|\b(?:a|hacia) (?:la )?(?:derecha|izquierda),? y (?:luego )?(?:a|hacia) (?:la )?"
                r"(?:derecha|izquierda)\b",
                "side to side",
            ),
            spelled("es"),
            # A rest between sets is no hold; how long the whole session takes neither.
            (r"\bdescanso(?: entre series)?\s*:\s*", "rest of "),
            (r"\bduración (?:aproximada|total)\s*:\s*", "it takes "),
            # A handout's "Lado: derecho e izquierdo" is done on both sides.
            (r"\blados?\s*:\s*(?:derecho e izquierdo|izquierdo y derecho|ambos)", "each side"),
            (r"(\d) veces\b", r"\1 times"),
            (r"\b(?:segundos|segundo|segs?\.?)(?=\W|$)", "seconds"),
            (r"\b(?:minutos|minuto|min\.?)(?=\W|$)", "minutes"),
            # "Después de 30 segundos, relaja": held that long, then let go.
            (
                r"\b(?:después de|tras) (?=(?:unos )?\d+(?:\s*(?:-|a)\s*\d+)?\s*(?:seconds|minutes)\b)",
                "after ",
            ),
            (r"\brespiraciones\b", "breaths"),
            (r"\b(?:repeticiones|repetición|reps|rep\.)(?=\W|$)", "reps"),
            (r"\b(?:series|serie)\b", "sets"),
            (r"\b(?:rondas|vueltas|circuitos)\b", "rounds"),
            (r"(\d) sets de (\d)", r"\1 sets of \2"),
            (r"\bentre (\d+) y (\d+)", r"\1 to \2"),
            (r"\bde (\d+) a (\d+) (seconds|minutes)", r"for \1 to \2 \3"),
            (r"\bde (\d+) a (\d+)", r"\1 to \2"),
            (r"(\d) (?:a|-) (\d)", r"\1 to \2"),
            (r"(\d) o (\d)", r"\1 or \2"),
            (
                r"\b(?:mantén|manten|mantenga|mantener|mantenlo|mantenla|mantenlos|mantenlas"
                r"|manteniendo|sostén|sostener|aguanta|aguantar|aguantando|sujeta"
                r"|aguanto|mantengo|sostengo|aguantamos|mantenemos|sostenemos)\b",  # a writer's own
                "hold",
            ),
            (
                r"\b(?:quédate|quedate|quédese|quedar(?:te|se)?|permanece|permanecer|me quedo)\b",
                "stay",
            ),
            (r"\basí\b", "there"),
            (r"\brespira\b", "breathe"),
            (r"\bdurante\b", "for"),
            (r"\bhasta\b", "up to"),
            (r"\b(?:unos|unas|aproximadamente|alrededor de|cerca de)\b", "about"),
            (
                r"\b(?:repite|repetir|repita|repítelo|repitelo|repítela|repito|repetimos|repetiremos"
                r"|se repite)\b",
                "repeat",
            ),
            (r"\b(?:haz|hazlo|haga|realiza|realice|hago|lo hago)\b", "do"),
            (
                r"\b(?:por|en|de|a|con|para) cada (?:lado|brazo|pierna)\b|\bpor (?:lado|brazo|pierna)\b"
                r"|\bcada lado\b|\b(?:ambos|los dos) lados\b",
                "each side",
            ),
            # "primero con un lado y después con el otro": both sides, one after the other.
            (
                r"\b(?:primero )?(?:con|de|por) un lado y (?:después|luego) (?:con|de|por) el otro\b",
                "each side",
            ),
            (r"\b(?:el|al|del) otro (?:lado|brazo)\b", "the other side"),
            (
                # "luego haz el lado izquierdo"; not "contra el lado derecho de la cabeza".
                r"\b(?:do|haz|luego|después) el lado (izquierdo|derecho)\b",
                lambda m: (
                    f"do the {'left' if m.group(1).lower().startswith('i') else 'right'} side"
                ),
            ),
            (r"\bcambia(?:r|e)? de (?:lado|brazo|pierna)\b", "switch sides"),
            (r"\bcambia\b", "switch"),
            (r"\b(?:luego|después)\b", "then"),
            (r"\b(?:alternando|alterna|alternos|alternadamente|alternativamente)\b", "alternating"),
            (r"\b(?:al día|por día|diarias?|cada día)\b", "a day"),
            (r"\b(?:a la semana|por semana)\b", "a week"),
            *AFTER,
        ]
    ),
    # Also a story told as "we": "Nos ponemos de rodillas", "tenemos que llevar ...".
    is_instruction=instruction_test(
        LEADING,
        _VERBS,
        also=r"^(?:nos\s+|se\s+)?[a-záéíóúñ]{3,}(?:amos|emos|imos)\b|^hay que\b"
        # A handout's sentence that opens with its infinitive: "Girar la cabeza hacia un
        # hombro", "Repetir hacia el otro lado" (not "Mejor la...", "Sobre la...").
        rf"|^(?!{_NOT_INFINITIVES}\b)[a-záéíóúñ]{{2,}}(?:ar|er|ir)(?:se|te)?\s+"
        r"(?:el|la|los|las|lo|un|una|tu|tus|su|sus|suavemente|lentamente|despacio|hacia|y|con"
        r"|ambos|ambas)\b",
    ),
    leading=LEADING,
    release=re.compile(
        r"^(?:y\s+)?(?:luego\s+)?(?:relaja|relájate|suelta|afloja|descansa|vuelve|regresa)\b",
        re.IGNORECASE,
    ),
    switch=re.compile(
        r"^(?:y\s+)?(?:luego\s+|después\s+)?(?:cambia(?:r)?\s+de\s+(?:lado|brazo|pierna)|cambia"
        r"|(?:haz|repite)\s+(?:con\s+|en\s+)?el\s+(?:otro\s+lado|lado\s+(?:izquierdo|derecho))"
        r"|(?:al|el)\s+otro\s+lado)\s*[.!]?$",
        re.IGNORECASE,
    ),
    clauses=re.compile(
        r";\s*|,\s*(?=(?:y\s+)?(?:luego|después)\b)|,\s*(?=(?:mantén|aguanta|repite|quédate)\b)"
        r"|\s+y\s+(?=(?:mantén|manten|aguanta|repite|relaja|suelta|cambia|luego|vuelve)\b)",
        re.IGNORECASE,
    ),
    schedule=re.compile(
        r"\b(?:cada (?:día|mañana|noche|hora)|a diario|al día|por día|por semana|a la semana"
        r"|recordatorio)\b",
        re.I,
    ),
    side_word=re.compile(
        r"(?<!espalda )(?<!sentado )(?<!sentada )\b(?P<lone>izquierd[oa]s?|derech[oa]s?)\b",
        re.IGNORECASE,
    ),
    side_of=lambda word: "left" if word.lower().startswith("izq") else "right",
    other_form=lambda word, _before: (
        "derech" + word[8:] if word.lower().startswith("izq") else "izquierd" + word[6:]
    ),
    safety=re.compile(
        r"\b(?:dolor\w*|para|detente|deténgase|consult\w*|suspenda|médic\w*|fisioterapeuta|mare\w*"
        r"|hormigueo|entumecimiento|precaución)\b",
        re.IGNORECASE,
    ),
    safety_advice=re.compile(
        r"\b(?:para|detente|no|nunca|consulta|consulte|suspenda|pregunta|ve al|acude)\b", re.I
    ),
    safety_heading=re.compile(r"\b(?:precaución|precauciones|advertencia|seguridad|aviso)\b", re.I),
    safety_sentence=re.compile(
        r"\b(?:para|detente|no|nunca|consulta|consulte|suspenda|pregunta|ve al|acude)\b", re.I
    ),
    posture_group=re.compile(
        r"\b(sentad[oa]s?|de pie|tumbad[oa]s?|acostad[oa]s?|en el suelo|en la silla)\b", re.I
    ),
    group_filler=words(
        """
        ejercicios estiramientos rutina versión los estos
        """
    ),
    section_words=re.compile(
        # or a writer's lead-in to a list ("Yo hago esto:")
        r"\b(?:ejercicios|estiramientos|consejos|rutina|programa|por qué|qué|cómo|yo|hago)\b|\?$",
        re.IGNORECASE,
    ),
    labels=words(
        """
        repeticiones series duración nota consejo consejos precaución advertencia objetivo
        frecuencia importante material variante descanso mantener mantenga posición
        ejecución instrucciones instrucciones_generales descripción observaciones
        indicaciones truco movimiento beneficio beneficios
        """
    ),
    how=re.compile(r"^(?:cómo hacerlo|instrucciones|pasos|ejecución)\s*:\s*(.+)$", re.I),
    moves_on=re.compile(
        r"^(?:(?:y\s+)?luego|después|a continuación|por último|finalmente)\b", re.IGNORECASE
    ),
    body=(
        ("all-fours", r"cuatro patas|cuadrupedia"),
        ("kneeling", r"de rodillas|arrodíll"),
        ("lying", r"túmbate|\btumbad|acuéstate|\bacostad|boca arriba|boca abajo|\btendid"),
        ("standing", r"de pie|marco de (?:una|la) puerta|contra la pared|en la pared"),
        ("sitting", r"sentad|siéntate|silla|\bsentar"),
    ),
    group_position={
        "sentado": "sitting",
        "sentada": "sitting",
        "sentados": "sitting",
        "en la silla": "sitting",
        "en el suelo": "sitting",
        "de pie": "standing",
        "tumbado": "lying",
        "tumbada": "lying",
        "tumbados": "lying",
        "acostado": "lying",
        "acostada": "lying",
    },
    movement=re.compile(r"\b(?:círculos?|rotaci\w*|balance\w*)\b", re.IGNORECASE),
    repeat_after_hold=re.compile(r"\by repite\b|\bluego (?:relaja|suelta|vuelve)\b", re.I),
    equipment=(
        (re.compile(r"\brodillo\b", re.I), "un rodillo de espuma"),
        (re.compile(r"banda elástica|\bgoma elástica", re.I), "una banda elástica"),
        (re.compile(r"\b(?:esterilla|colchoneta)\b", re.I), "una esterilla"),
        (re.compile(r"\bsilla\b", re.I), "una silla"),
        (re.compile(r"\btoalla\b", re.I), "una toalla"),
        (re.compile(r"\b(?:cojín|almohada)\b", re.I), "un cojín"),
        (re.compile(r"\bpelota\b", re.I), "una pelota pequeña"),
        (re.compile(r"\b(?:palo|bastón)\b", re.I), "un palo"),
    ),
    get_into_position="Colócate en la posición inicial: {name}.",
    get_ready="Colócate en la posición inicial.",
    articles=words(
        """
        el la los las tu tus un una
        """
    ),
    timed=timed(
        before=r"durante|por|de",
        about=r"unos|unas|aproximadamente|hasta|entre",
        counts=r"veces|repeticiones",
        numbers="dos",
        joins=r"-|–|a|y|o",
        units=r"segundos|seg\.?|minutos?|respiraciones",
    ),
    holding=words(
        """
        mantén manten mantenlo mantenla aguanta quédate permanece repite repítelo haz hazlo
        respira
        """
    ),
    parts=re.compile(r"rutina|sesión|circuito|parte|día|nivel|bloque|fase", re.I),
    # "cada ejercicio", "repítelas todas", "todos ellos": a dose for every one that follows.
    each_one=re.compile(
        r"\bcada (?:ejercicio|estiramiento|movimiento|postura)\b|\b\w+(?:las|los) tod[ao]s\b"
        r"|\btod[ao]s (?:ellos|ellas)\b",
        re.IGNORECASE,
    ),
    same_move=re.compile(
        r"^(?:hacia (?:adelante|delante|atrás)|en (?:sentido|dirección) contrari[ao]|al revés"
        r"|(?:un )?(?:breve |pequeño )?descanso|(?:una )?(?:breve |pequeña )?pausa)\b",
        re.IGNORECASE,
    ),
    this_one=re.compile(r"^(?:este|cada) (?:ejercicio|estiramiento|movimiento)\b", re.IGNORECASE),
    the_exercises=re.compile(r"\b(?:los|estos|todos los|sus|tus) ejercicios\b", re.IGNORECASE),
)
