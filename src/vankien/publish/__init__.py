"""The official document: profiles, reference.docx, pandoc with filters, post-processing.

Pipeline (each step one module): ``profile`` (formatting figures as data) → ``reference``
(reference.docx generated from a profile) → ``source`` (skeleton files joined, checked) →
``blocks`` (the header and closing blocks' metadata) → ``pandoc`` (template + Lua filters) →
``postprocess`` (layered lxml transforms over the docx parts) → ``pdf`` (LibreOffice preview).
``command`` ties them together for ``vankien build`` and ``vankien reference``.
"""
