"""English words the extractor knows lines by: the verbs an instruction starts with, those
that get the body into position (a set-up line, not the move's name), and the labels that
start a line without naming an exercise."""

from __future__ import annotations

from .lexicon import words

# Verbs an instruction starts with ("Link your fingers", "Sweep the top arm over").
VERBS = words(
    """
    allow arch begin bend blow bounce brace breathe bring broaden circle clasp clench come
    contract cradle cross curl dig dip do draw drive drop engage exhale extend face flatten
    flex float fold gently get glide grab grasp grip guide hang hinge hold hook hug inhale
    interlace interlock keep kneel lace lead lean let lie lift link look loop lower make
    march move nod nudge open pinch pivot place plant point position press prop pull pulse
    pump punch push put raise reach relax release remain repeat rest return rise rock roll
    rotate round scoot set settle shift shrug sink sit slide slip soften spread squeeze
    stack stand start stay step straighten stretch swap sweep swing switch take tap tense
    thread tighten tilt tip touch tuck turn twist unwind use walk widen wrap
"""
)
SETUP_VERBS = words("begin come get kneel lie place put roll sit stand start")


# Labels that start a line without naming an exercise ("Hold: 5 seconds", "Tip: ...").
LABELS = words(
    """
    author avoid benefit benefits caution clinic date disclaimer doctor duration edit
    equipment frequency goal hold how important instructions key_points level modification
    movement muscles note notes patient phone physio physiotherapist position posted
    progress progression purpose quick references regression remember repetitions reps rest
    review safety sets setup source start starting steps target targets tempo therapist time
    tip tips try update variation warning what why
"""
)
