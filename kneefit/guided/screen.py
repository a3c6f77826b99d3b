"""The guided session's screen: one state of the machine drawn as lines of rich Text.

The screen is exactly ``height`` lines of at most ``width`` columns (80x24 fits everything):
a header, the session's progress bar, what to do now, the exercise's steps and form cues
(or its picture, through the ``picture`` hook), a line for messages and the keys. Catalogue
text is always wrapped in ``Text``, never read as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from rich.console import Group
from rich.text import Text

from kneefit.guided.machine import EXERCISE_PHASES, Phase, State
from kneefit.guided.outcome import outcome
from kneefit.guided.session_plan import Side
from kneefit.guided.words import (
    PACE,
    category_label,
    red_flag_words,
    side_words,
    stop_words,
    summary_lines,
    wrap,
)
from kneefit.i18n import N_, _, ngettext, pgettext
from kneefit.models import DoseKind, Exercise
from kneefit.render.common import session_dose_text
from kneefit.stand_ins import stand_in

#: A picture of an exercise for the terminal: lines of at most ``width`` columns, no more
#: than ``height`` of them, or None to show the steps instead. Pictures made for files
#: (SVG) have no terminal form yet, so the default shows the steps.
Picture = Callable[[Exercise, int, int], Sequence[Text] | None]


#: The keys' help: each key's name and what it does, translated where shown (the keys
#: themselves are the same letters in every language; only a key's name is said, as
#: "espacio").
KEYS_HELP = (
    ("space", N_("pause, and go on again")),
    ("n", N_("this set is done (or: end a countdown now)")),
    ("Enter", N_("a set of reps is done; at a question, the answer")),
    ("s", N_("skip this exercise (it is logged as skipped)")),
    ("b", N_("back one exercise, to do it again")),
    ("0-9", N_("pain now, on 0 to 10; above the acceptable level it stops the exercise")),
    ("e", N_("after a pain stop, the easier variant in its place (where there is one)")),
    ("q", N_("stop the session (it asks whether to log what you did)")),
    ("r", N_("a red flag: a warning sign such as a locked knee; it ends the session")),
    ("?", N_("this help; any key closes it")),
    ("Ctrl-C", N_("leave at once: nothing is logged")),
)


_ASCII = str.maketrans({"\u00b7": "-", "\u2501": "#", "\u2500": "-"})


def clock(seconds: float) -> str:
    """Seconds as m:ss, rounded up (a countdown shows 0:01 until it is over)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def _split(left: Text | str, right: Text | str, width: int) -> Text:
    """``left`` and ``right`` on one line, ``right`` against the right edge."""
    line = left.copy() if isinstance(left, Text) else Text(left)
    tail = right if isinstance(right, Text) else Text(right)
    gap = width - line.cell_len - tail.cell_len
    if gap < 1:
        line.truncate(max(0, width - tail.cell_len - 1))
        gap = width - line.cell_len - tail.cell_len
    line.append(" " * max(1, gap))
    line.append_text(tail)
    return line


def bar(fraction: float, width: int) -> Text:
    """The session's progress: a bar of ``width`` columns ending in a percentage."""
    percent = f" {round(fraction * 100):3d}%"
    cells = max(1, width - len(percent))
    filled = round(cells * min(1.0, max(0.0, fraction)))
    line = Text("\u2501" * filled, style="green")
    line.append("\u2500" * (cells - filled), style="dim")
    line.append(percent)
    return line


def _where(block_set: int, sets: int, side: Side | None, knee: str | None) -> str:
    where = _("set {number} of {count}").format(number=block_set, count=sets)
    return f"{where} \u00b7 {side_words(side, knee)}" if side else where


def _body(exercise: Exercise, width: int, height: int, picture: Picture | None) -> list[Text]:
    """The steps and cues (or the picture) in at most ``height`` lines."""
    if height <= 0:
        return []
    if picture is not None:
        drawn = picture(exercise, width, height)
        if drawn:
            return [line.copy() for line in drawn][:height]
    lines: list[Text] = [Text(_("How to do it:"), style="bold")]
    for number, step in enumerate(exercise.steps, 1):
        lines += [Text(s) for s in wrap(step, width, f"  {number}. ", "     ")]
    if exercise.cues:
        lines.append(Text(_("Form:"), style="bold"))
        for cue in exercise.cues:
            lines += [Text(s) for s in wrap(cue, width, "  - ", "    ")]
    if len(lines) > height:
        more = _("... (all of it: kneefit show {id})").format(id=exercise.id)
        lines = [*lines[: height - 1], Text(f"  {more}")]
    return lines


def _exercise_lines(state: State, width: int, height: int, picture: Picture | None) -> list[Text]:
    item = state.item
    assert item is not None
    all_blocks = state.blocks
    index = min(state.block, len(all_blocks) - 1)
    block = all_blocks[index]
    if state.phase is Phase.READY:
        where = _("get ready")
    elif state.phase is Phase.REST:
        where = _("next: ") + _where(block.set, block.sets, block.side, state.plan.knee)
    else:
        where = _where(block.set, block.sets, block.side, state.plan.knee)
    lines = [
        _split(Text(item.exercise.name, style="bold"), where, width),
        # A dose may be longer than a line in another language: it wraps, never cut short.
        *(Text(s, style="dim") for s in wrap(session_dose_text(item.dose), width)),
        Text(""),
    ]
    paused = _(" \u00b7 PAUSED") if state.paused else ""
    if state.phase is Phase.READY:
        label = _("GET READY")
        lines.append(Text(f"{label}  {clock(state.remaining)}{paused}", style="bold yellow"))
        hint = _("Get into position. n: start now.")
    elif state.phase is Phase.REST:
        same_set = index > 0 and all_blocks[index - 1].set == block.set
        label = _("SWITCH SIDES") if same_set else _("REST")
        lines.append(Text(f"{label}  {clock(state.remaining)}{paused}", style="bold cyan"))
        hint = _("Breathe and reset. n: go on now.")
    elif state.phase is Phase.WORK:
        word = _("GO") if item.dose.kind is DoseKind.MINUTES else _("HOLD")
        lines.append(Text(f"{word}  {clock(state.remaining)}{paused}", style="bold green"))
        hint = (
            _("A steady pace you can talk at. n: done early.")
            if item.dose.kind is DoseKind.MINUTES
            else _("Hold it steady and keep breathing. n: done early.")
        )
    else:
        reps = item.dose.reps or 0
        side = f" {side_words(block.side, state.plan.knee)}" if block.side else ""
        label = _("{reps} REPS").format(reps=reps)
        lines.append(Text(f"{label}{side}  {clock(state.elapsed)}{paused}", style="bold green"))
        if item.dose.hold_seconds:
            pace = _("each rep, move slowly into it, hold {seconds} s, ease off").format(
                seconds=item.dose.hold_seconds
            )
        else:
            pace = _(PACE)
        hint = _("Pace: {pace}. n or Enter: set done.").format(pace=pace)
    if state.paused:
        hint = _("Paused. Space to go on.")
    lines += [Text(s) for s in wrap(hint, width)]
    lines.append(Text(""))
    lines += _body(item.exercise, width, height - len(lines), picture)
    return lines


def _next_line(state: State, width: int) -> list[Text]:
    following = state.index + 1
    if following >= len(state.queue):
        return [Text(_("Next: the end of the session."))]
    item = state.queue[following]
    said = _("Next: {exercise} ({dose})").format(
        exercise=item.exercise.name, dose=session_dose_text(item.dose)
    )
    return [Text(s) for s in wrap(said, width)]


def _pain_lines(state: State, width: int) -> list[Text]:
    item = state.item
    assert item is not None
    rule = state.plan.pain_rule
    if state.repeat_pain is not None:
        question = _("Pain now? Press 0-9, or Enter for the same as before ({pain}/10).").format(
            pain=state.repeat_pain
        )
    elif state.pain_now is not None:
        question = _("Pain now? Press 0-9.")
    else:
        question = _("Pain now? Press 0-9, or Enter to go on.")
    if rule.acceptable_max > rule.safe_max:
        scale = _(
            "0-{safe} safe \u00b7 {band} acceptable \u00b7 above {acceptable}: too much, stop"
        ).format(
            safe=rule.safe_max,
            band=_band(rule.safe_max + 1, rule.acceptable_max),
            acceptable=rule.acceptable_max,
        )
    else:
        scale = _("0-{safe} safe \u00b7 above {acceptable}: too much, stop").format(
            safe=rule.safe_max, acceptable=rule.acceptable_max
        )
    lines = [
        _split(Text(item.exercise.name, style="bold"), _("done"), width),
        Text(""),
        Text(question, style="bold"),
        Text(f"  {scale}"),
        Text(""),
    ]
    return lines + _next_line(state, width)


def _band(low: int, high: int) -> str:
    return str(high) if low == high else f"{low}-{high}"


def _stopped_lines(state: State, width: int) -> list[Text]:
    item = state.item
    assert item is not None
    rule = state.plan.pain_rule
    pain = state.current_pain
    lines = [
        _split(
            Text(item.exercise.name, style="bold"),
            Text(_("done, too much") if state.finished_in_pain else _("stopped"), style="bold red"),
            width,
        ),
        Text(""),
        *(
            Text(s, style="bold red")
            for s in wrap(
                (
                    _("Pain {pain}/10 is above the acceptable {acceptable}/10.")
                    if state.finished_in_pain
                    else _(
                        "Pain {pain}/10 is above the acceptable {acceptable}/10, so this "
                        "exercise stops here."
                    )
                ).format(pain=pain, acceptable=rule.acceptable_max),
                width,
            )
        ),
        *(Text(s) for s in wrap(rule.stop, width)),
        Text(""),
    ]
    if state.suggest_stopping:
        lines += [
            Text(s, style="bold")
            for s in wrap(
                _(
                    "That is twice in a row above {acceptable}/10: stop the session here "
                    "for today. Press Enter to stop (two questions, then it is logged)."
                ).format(acceptable=rule.acceptable_max),
                width,
            )
        ]
        if state.offer is not None:
            offer = state.offer
            lines += [
                Text(s)
                for s in wrap(
                    _(
                        "Or press e for the easier variant, {exercise} ({dose}); n to go on "
                        "with the next exercise anyway."
                    ).format(exercise=offer.exercise.name, dose=session_dose_text(offer.dose)),
                    width,
                )
            ]
        else:
            lines.append(Text(_("Or press n to go on with the next exercise anyway.")))
    elif state.offer is not None:
        offer = state.offer
        dose = session_dose_text(offer.dose)
        lines += [
            Text(s)
            for s in wrap(
                _(
                    "Easier variant: {exercise} ({dose}). Press e to do it now, in its place; "
                    "Enter to go on without it."
                ).format(exercise=offer.exercise.name, dose=dose),
                width,
            )
        ]
    else:
        lines.append(Text(_("Press Enter to go on with the next exercise.")))
    lines.append(Text(""))
    return lines + _next_line(state, width)


def _quit_lines(state: State) -> list[Text]:
    before = state.previous
    something = before is not None and (
        before.has_work()
        or (before.phase in (*EXERCISE_PHASES, Phase.PAIN) and before.blocks_done > 0)
    )
    if before is not None and before.phase in (Phase.ASK_PAIN, Phase.ASK_EFFORT):
        choices = [
            ("y", _("answer the questions and log the session")),
            ("n", _("stop without logging anything")),
        ]
    elif something:
        choices = [
            ("y", _("stop, and log what you did (two questions first)")),
            ("n", _("stop without logging anything")),
        ]
    else:
        choices = [("y, n", _("stop (nothing is done yet, so nothing is logged)"))]
    lines = [Text(_("Stop the session here?"), style="bold"), Text("")]
    for key, meaning in [*choices, ("c", _("carry on where you were"))]:
        line = Text(f"  {key:5} ", style="bold")
        line.append(meaning)
        lines.append(line)
    return lines


def _red_flag_lines(state: State, width: int) -> list[Text]:
    lines = [Text(_("Which warning sign? It ends the session, and it is logged."), style="bold")]
    for number, flag in enumerate(state.plan.red_flags, 1):
        sign = flag.handout_sign or flag.sign
        lines += [Text(s) for s in wrap(sign, width, f"  {number}  ", "     ")]
    return [*lines, Text(_("  c  carry on: it is none of these"))]


def _question_lines(state: State, width: int) -> list[Text]:
    early = state.index < len(state.queue)
    title = _("Stopping here.") if early else _("The session is over. Well done.")
    if state.red_flag is not None:
        title = _("Stopping here: a red flag.")
    lines = [Text(title, style="bold"), Text(_("Two questions for your log.")), Text("")]
    if state.phase is Phase.ASK_PAIN:
        asked = _("Pain during the session, 0 (none) to 10 (worst):")
        lines.append(Text(f"{asked} {state.entry}_"))
        default = state.default_pain
        if default is not None:
            said = _("  Enter alone: {pain}, the highest you noted.").format(pain=default)
            lines.append(Text(said, style="dim"))
    else:
        lines.append(Text(_("Pain during the session: {pain}/10").format(pain=state.pain)))
        asked = _("How hard did it feel, 0 (rest) to 10 (all-out):")
        lines.append(Text(f"{asked} {state.entry}_"))
    return lines


def _summary(state: State, width: int, will_log: bool) -> list[Text]:
    result = outcome(state)
    lines = [Text(_("Summary"), style="bold"), Text("")]
    lines += [Text(s) for s in summary_lines(result, width)]
    lines.append(Text(""))
    if state.red_flag is not None:
        for said in red_flag_words(state.red_flag):
            lines += [Text(s, style="bold red") for s in wrap(said, width)]
        lines.append(Text(""))
    if not state.log:
        lines.append(Text(_("Press Enter to finish.")))
    elif will_log:
        lines.append(Text(_("Press Enter to save this to your log and finish."), style="bold"))
    else:
        lines.append(Text(_("Press Enter to finish (not saved: --no-log).")))
    return lines


def _intro(state: State, width: int) -> list[Text]:
    count = len(state.queue)
    minutes = round(sum(i.minutes for i in state.queue))
    rule = state.plan.pain_rule
    today = _("Today's session: {exercises}, about {minutes}.").format(
        exercises=ngettext("{count} exercise", "{count} exercises", count).format(count=count),
        minutes=ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes),
    )
    lines = [Text(today, style="bold"), Text("")]
    if state.plan.notes:
        lines.append(Text(_("Before you start:"), style="bold"))
        for note in state.plan.notes:
            lines += [Text(s) for s in wrap(note, width, "  ! ")]
        lines.append(Text(""))
    lines += [
        Text(s)
        for s in wrap(
            (
                _(
                    "Pain as you go, 0 to 10: up to {safe} is safe, up to {acceptable} acceptable "
                    "if it settles; above {acceptable} stop. After each exercise kneefit asks; "
                    "press a number any time."
                )
                if rule.acceptable_max > rule.safe_max
                else _(
                    "Pain as you go, 0 to 10: up to {safe} is safe, above {acceptable} stop. "
                    "After each exercise kneefit asks; press a number any time."
                )
            ).format(safe=rule.safe_max, acceptable=rule.acceptable_max),
            width,
        )
    ]
    lines += [Text(s, style="bold") for s in wrap(stop_words(state.plan.red_flags), width)]
    lines += [Text(""), Text(_("Press Enter to begin, q to leave."), style="bold")]
    return lines


def _help(width: int) -> list[Text]:
    lines = [Text(_("Keys"), style="bold"), Text("")]
    names = [pgettext("key", "space") if key == "space" else key for key, _meaning in KEYS_HELP]
    column = max(7, *(len(name) for name in names))
    for name, (_key, meaning) in zip(names, KEYS_HELP, strict=True):
        for number, part in enumerate(wrap(_(meaning), width - column - 3)):
            line = Text(f"  {name if number == 0 else '':{column}} ", style="bold")
            line.append(part)
            lines.append(line)
    back = _("The clock waits while this shows. Press any key to go back.")
    return [*lines, Text(""), Text(back)]


def _keys(state: State) -> str:
    if state.help:
        return _("any key: back")
    back, quit_, help_ = _("b back"), _("q quit"), _("? help")
    if state.phase in EXERCISE_PHASES:
        pause = _("space go on") if state.paused else _("space pause")
        parts = [pause, _("n done"), _("s skip"), back, _("0-9 pain"), quit_]
        parts += [*_red_key(state), help_]
    else:
        go_on = _("Enter go on")
        delete = [_("Backspace")] if state.entry else []
        parts = {
            Phase.INTRO: [_("Enter begin"), _("q leave"), help_],
            Phase.PAIN: [
                _("0-9 pain"),
                *(
                    [_("Enter same")]
                    if state.repeat_pain is not None
                    else [go_on]
                    if state.pain_now is None
                    else []
                ),
                back,
                quit_,
                *_red_key(state),
                help_,
            ],
            Phase.STOPPED: [
                *([_("Enter stop here")] if state.suggest_stopping else []),
                *([_("e easier variant")] if state.offer is not None else []),
                _("n go on") if state.suggest_stopping else go_on,
                back,
                quit_,
                *_red_key(state),
                help_,
            ],
            Phase.RED_FLAG: [
                _("1-{count} the sign").format(count=len(state.plan.red_flags)),
                _("c carry on"),
            ],
            Phase.QUIT: ["y", "n", "c"],
            Phase.ASK_PAIN: [_("0-10 then Enter"), *delete, quit_],
            Phase.ASK_EFFORT: [_("0-10 then Enter"), *delete, quit_],
            Phase.SUMMARY: [_("Enter finish")],
            Phase.DONE: [],
        }[state.phase]
    # What goes between two keys: a language whose words are longer may take a narrower
    # one, so that the keys fit in 80 columns.
    return pgettext("between two keys on the keys line", " \u00b7 ").join(parts)


def _red_key(state: State) -> list[str]:
    return [_("r red flag")] if state.plan.red_flags else []


def _header(state: State, width: int) -> Text:
    asking = state.phase in (Phase.QUIT, Phase.RED_FLAG)
    shown = state.previous if asking and state.previous else state
    item = shown.item
    left = Text("kneefit start", style="bold")
    if item is not None and shown.phase not in (Phase.INTRO,):
        where = _("exercise {number} of {count}").format(
            number=shown.index + 1, count=len(shown.queue)
        )
        left.append(f" \u00b7 {where} \u00b7 {category_label(item.exercise.category)}")
    return _split(left, _("time {clock}").format(clock=clock(state.active_seconds)), width)


def lines(
    state: State,
    width: int = 80,
    height: int = 24,
    *,
    will_log: bool = True,
    picture: Picture | None = None,
    ascii_only: bool = False,
) -> list[Text]:
    """The screen for ``state``: ``height`` lines (fewer only if the terminal is tiny)."""
    width = max(20, width)
    top = [_header(state, width), bar(state.progress, width), Text("")]
    room = max(0, height - len(top) - 2)
    if state.help:
        middle = _help(width)
    elif state.phase in EXERCISE_PHASES:
        middle = _exercise_lines(state, width, room, picture)
    elif state.phase is Phase.PAIN:
        middle = _pain_lines(state, width)
    elif state.phase is Phase.STOPPED:
        middle = _stopped_lines(state, width)
    elif state.phase is Phase.QUIT:
        middle = _quit_lines(state)
    elif state.phase is Phase.RED_FLAG:
        middle = _red_flag_lines(state, width)
    elif state.phase in (Phase.ASK_PAIN, Phase.ASK_EFFORT):
        middle = _question_lines(state, width)
    elif state.phase is Phase.SUMMARY:
        middle = _summary(state, width, will_log)
    elif state.phase is Phase.INTRO:
        middle = _intro(state, width)
    else:
        middle = []
    middle = middle[:room] + [Text("")] * (room - len(middle))
    bottom = [Text(state.message, style="yellow"), Text(_keys(state), style="reverse")]
    screen = [*top, *middle, *bottom][: max(1, height)]
    if ascii_only:
        screen = [_ascii(line) for line in screen]
    for line in screen:
        line.truncate(width)
    return screen


def _ascii(line: Text) -> Text:
    """``line`` for a terminal that cannot show more than ASCII."""
    plain = line.plain.translate(_ASCII)
    if plain.isascii():
        line.plain = plain
        return line
    # A stand-in may be longer than what it stands for: the line loses its inner styles.
    return Text("".join(c if c.isascii() else stand_in(c) for c in plain), style=line.style)


def render(
    state: State,
    width: int = 80,
    height: int = 24,
    *,
    will_log: bool = True,
    picture: Picture | None = None,
    ascii_only: bool = False,
) -> Group:
    """The screen for ``state`` as one rich renderable."""
    return Group(
        *lines(state, width, height, will_log=will_log, picture=picture, ascii_only=ascii_only)
    )
