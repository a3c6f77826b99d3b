"""The parts of an exercise's drawing, each a module: the SVG shapes and inks
(:mod:`.shapes`), the body (:mod:`.body`), the working muscles' tints (:mod:`.tints`), the
props (:mod:`.props`), the press marks and the movement arrow (:mod:`.marks`), and the
picture in words (:mod:`.words`). :mod:`kneefit.render.svg` puts them together."""
