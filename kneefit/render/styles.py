"""The stylesheets of kneefit's two pages, the handout and the progress report: plain CSS
for screen and paper (A4 or Letter), no web fonts, nothing to fetch."""

#: The handout (and the PDF printed from it).
HANDOUT_STYLE = """
@page { margin: 5mm 7mm; }
* { box-sizing: border-box; }
html { font: 12pt/1.08 "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
       color: #111; background: #fff; }
body { margin: 0 auto; padding: 1em; max-width: 60em; overflow-wrap: anywhere; }
h1 { font-size: 16pt; margin: 0; }
h2 { font-size: 12.5pt; margin: .25em 0 .1em; border-bottom: 1px solid #555;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 0; break-after: avoid; page-break-after: avoid; }
p, ul, ol { margin: .05em 0; }
ul, ol { padding-left: 1.1em; }
.meta { margin: 0; }
.top { display: grid; grid-template-columns: auto 1fr; align-items: end; gap: .1em 1.2em; }
.fields { display: grid; grid-template-columns: repeat(3, 1fr); gap: .1em 1em; margin: 0 0 .1em; }
.fields p { margin: 0; border-bottom: 1px solid #111; padding-top: .3em; }
.disclaimer { font-weight: bold; border: 2px solid #111; padding: 0 .4em; margin: .2em 0; }
.warnings li { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .1em 0; }
th, td { border: 1px solid #555; padding: 0 .3em; text-align: left; vertical-align: top; }
caption { text-align: left; }
.rule th { width: 6.6em; }
.flags .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; }
.flags ul { margin: 0 0 .15em; }
.cards { columns: 2; column-gap: 1em; }
.exercise { display: block; break-inside: avoid; page-break-inside: avoid;
            padding: .05em 0 .1em; border-top: 1px solid #999; }
.exercise::after { content: ""; display: block; clear: both; }
.exercise svg { float: right; max-width: 42%; margin: .2em 0 .1em .4em; }
.exercise h3, .exercise .dose { display: inline; }
.exercise ol { margin: 0; padding-left: 1.1em; }
.grid { table-layout: fixed; break-inside: avoid; page-break-inside: avoid; }
.grid td.blank { height: 1.3em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.flare { margin-top: .15em; }
.flare h2, .flare p { display: inline; }
.flare h2 { font-size: 12pt; border: 0; }
.sources { font-size: 7.5pt; line-height: 1.15; margin-top: .2em; }
/* A handout in two languages: each on pages of its own, the second saying what it is. */
.language + .language { break-before: page; page-break-before: always; }
.also { font-style: italic; border-bottom: 1px solid #999; margin-bottom: .2em; }
a { color: inherit; }
/* A phone's screen: one column. */
@media (max-width: 40em) {
  .top { display: block; }
  .cards { columns: 1; }
  .flags .columns { display: block; }
}
@media print {
  body { padding: 0; max-width: none; }
  a { text-decoration: none; }
}
"""

#: Steps a handout's PDF takes, in turn, when it runs past the pages it is laid out for
#: (a long condition's notes, a long program, a language with longer words): the type a
#: little smaller, never below 11 pt, and the fine print of sources smaller first.
HANDOUT_FIT_STEPS = (
    "html { font-size: 11.5pt; } .sources { font-size: 7pt; }",
    "html { font-size: 11pt; } .sources { font-size: 7pt; }",
    "html { font-size: 11pt; line-height: 1.05; } .sources { font-size: 6.5pt; }",
    # Last, for a longer language (Spanish runs about a sixth longer than English): the
    # body still 11 pt, the headings, gaps and fine print smaller.
    "html { font-size: 11pt; line-height: 1.02; } .sources { font-size: 6pt; } "
    "h1 { font-size: 14pt; } h2 { font-size: 11.5pt; margin: .15em 0 0; } "
    ".exercise { padding: 0; } .exercise svg { margin: 0 0 0 .3em; } "
    "p, ul, ol { margin: 0; } .flags ul { margin: 0; }",
    # Then the sources (the fine print, already at its smallest) across the page's full
    # width beneath the cards, not down one column of them, and the headings at the body's
    # size, still bold: nothing dropped and no text smaller.
    "html { font-size: 11pt; line-height: 1.02; } .sources { font-size: 6pt; } "
    "h1 { font-size: 14pt; } h2 { font-size: 11.5pt; margin: .15em 0 0; } "
    ".exercise { padding: 0; } .exercise svg { margin: 0 0 0 .3em; } "
    "p, ul, ol { margin: 0; } .flags ul { margin: 0; } "
    ".sources { column-span: all; } h3, .flare h2 { font-size: 11pt; }",
)

#: The progress report.
REPORT_STYLE = """
@page { margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.4 "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #111; }
body { margin: 0 auto; padding: 1em; max-width: 50em; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h3 { font-size: 1em; margin: .6em 0 .2em; break-after: avoid; }
h2 { font-size: 1.15em; margin: 1em 0 .3em; border-bottom: 1px solid #777;
     break-after: avoid; page-break-after: avoid; }
p, ul { margin: .3em 0; }
.disclaimer { font-size: .9em; border: 1px solid #111; padding: .3em .5em; }
.summary { font-size: 1.1em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { border: 1px solid #999; padding: .2em .4em; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.d { white-space: nowrap; }
th { background: #eee; }
tr, figure, svg { break-inside: avoid; page-break-inside: avoid; }
figure { margin: .4em 0; }
figcaption { font-size: .9em; color: #333; }
svg { width: 100%; height: auto; max-height: 48mm; }
.flag { color: #a00; font-weight: bold; }
.pass { color: #060; font-weight: bold; }
.sources li { font-size: .85em; }
@media print { body { padding: 0; max-width: none; } th { background: none; }
  a { color: inherit; text-decoration: none; } }
"""
