"""Furo's drawer toggles become buttons with a state; the drawers get ids and close buttons."""

from __future__ import annotations

from handbook.sphinxext.toggles import keyboard_toggles

FURO = """<label class="overlay sidebar-overlay" for="__navigation"></label>
<header class="mobile-header"><div class="header-left">
  <label class="nav-overlay-icon" for="__navigation">
    <span class="icon"><svg><use href="#svg-menu"></use></svg></span>
  </label></div>
  <label class="toc-overlay-icon toc-header-icon no-toc" for="__toc">
    <span class="icon"><svg><use href="#svg-toc"></use></svg></span>
  </label>
</header>
<aside class="sidebar-drawer"><div class="sidebar-container"></div></aside>
<aside class="toc-drawer no-toc"></aside>"""

NAMES = {"menu": "Меню", "contents": "На этой странице", "close_menu": "Закрыть меню",
         "close_contents": "Закрыть «оглавление»"}


def test_toggles_become_buttons_that_control_their_drawers():
    html = keyboard_toggles(FURO, **NAMES)
    assert ('<button type="button" class="nav-overlay-icon handbook-toggle" data-handbook-toggle="__navigation" '
            'aria-controls="handbook-navigation" aria-expanded="false" aria-label="Меню">') in html
    assert ('<button type="button" class="toc-overlay-icon toc-header-icon no-toc handbook-toggle" '
            'data-handbook-toggle="__toc" aria-controls="handbook-toc" aria-expanded="false" '
            'aria-label="На этой странице">') in html
    assert html.count("</button>") == 4 and html.count("</label>") == 1  # the overlay stays a label
    assert '<aside class="sidebar-drawer" id="handbook-navigation" aria-label="Меню">' in html
    assert '<aside class="toc-drawer no-toc" id="handbook-toc" aria-label="На этой странице">' in html
    assert 'data-handbook-close="__toc" aria-label="Закрыть «оглавление»"' in html
    assert '<svg><use href="#svg-menu"></use></svg></span>\n  </button>' in html
