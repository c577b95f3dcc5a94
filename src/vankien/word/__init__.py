"""Word in: read .docx drafts that vankien did not make, against the outline (issue 10).

- :mod:`vankien.word.model`: what a docx holds, as a person sees it;
- :mod:`vankien.word.reader`: ``read_docx(path) -> WordDocument`` (zipfile + lxml);
- :mod:`vankien.word.numbering`: the numbers Word displays, from numbering.xml;
- :mod:`vankien.word.structure`: headings recognised and mapped onto the outline (a ``Draft``);
- :mod:`vankien.word.markdown`: a ``Draft`` as one Markdown text per skeleton file.
"""
