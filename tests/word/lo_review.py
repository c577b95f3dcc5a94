"""A reviewer working in LibreOffice, headless: open a .docx, comment and edit with Track
Changes on, save as .docx.

The edits run as a LibreOffice Basic macro (Basic ships with every LibreOffice; no Python-UNO
bridge needed), written into a throw-away user profile's Standard library and started with
``macro:///``. Each
step finds its text with LibreOffice's own search, so the steps name text, not positions.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from vankien.publish.pdf import soffice_path


@dataclass(frozen=True)
class Comment:
    """A comment by ``author`` on the first occurrence of ``on`` ("" after a step's text)."""

    on: str
    text: str
    author: str
    initials: str = ""


@dataclass(frozen=True)
class Replace:
    """With Track Changes on, ``author`` replaces the first ``old`` by ``new`` ("" deletes)."""

    old: str
    new: str
    author: str


@dataclass(frozen=True)
class Insert:
    """With Track Changes on, ``author`` types ``text`` right after the first ``after``."""

    after: str
    text: str
    author: str


Step = Comment | Replace | Insert


def _basic(text: str) -> str:
    """A Basic string literal (quotes doubled), XML-escaped for the .xba file."""
    return escape('"' + text.replace('"', '""') + '"')


def _step(step: Step) -> str:
    if isinstance(step, Comment):
        return (
            f"  Annotate(oDoc, {_basic(step.on)}, {_basic(step.text)}, {_basic(step.author)}, "
            f"{_basic(step.initials)})\n"
        )
    if isinstance(step, Replace):
        return (
            f"  SetAuthor({_basic(step.author)})\n"
            f"  ReplaceText(oDoc, {_basic(step.old)}, {_basic(step.new)})\n"
        )
    return (
        f"  SetAuthor({_basic(step.author)})\n"
        f"  InsertAfter(oDoc, {_basic(step.after)}, {_basic(step.text)})\n"
    )


MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Note(sLine As String)
  Open @LOG@ For Append As #2
  Print #2, sLine
  Close #2
End Sub

Function FindText(oDoc As Object, sWhat As String) As Object
  Dim oSearch As Object
  Dim oFound As Object
  oSearch = oDoc.createSearchDescriptor()
  oSearch.SearchString = sWhat
  oSearch.SearchCaseSensitive = True
  oFound = oDoc.findFirst(oSearch)
  If IsNull(oFound) Then
    Note("not found: " &amp; sWhat)
  End If
  FindText = oFound
End Function

Sub SetAuthor(sName As String)
  Dim aNode As New com.sun.star.beans.PropertyValue
  Dim oCfg As Object
  aNode.Name = "nodepath"
  aNode.Value = "/org.openoffice.UserProfile/Data"
  oCfg = GetProcessServiceManager().createInstance( _
    "com.sun.star.configuration.ConfigurationProvider").createInstanceWithArguments( _
    "com.sun.star.configuration.ConfigurationUpdateAccess", Array(aNode))
  oCfg.setPropertyValue("givenname", sName)
  oCfg.setPropertyValue("sn", "")
  oCfg.commitChanges()
End Sub

Sub Annotate(oDoc As Object, sOn As String, sBody As String, sAuthor As String, sIni As String)
  ' (In a table cell this crashes LibreOffice headless, through the API as through Insert →
  ' Comment: comments in cells are in the Word-shaped fixtures.)
  Dim oNote As Object
  Dim oRange As Object
  oNote = oDoc.createInstance("com.sun.star.text.textfield.Annotation")
  oNote.Author = sAuthor
  oNote.Initials = sIni
  oNote.Content = sBody
  oRange = FindText(oDoc, sOn)
  ' A comment is not a tracked change (and a second one inserted while recording crashes).
  oDoc.RecordChanges = False
  oRange.getText().insertTextContent(oRange, oNote, True)
  oDoc.RecordChanges = True
End Sub

Sub ReplaceText(oDoc As Object, sOld As String, sNew As String)
  Dim oRange As Object
  oRange = FindText(oDoc, sOld)
  oRange.setString(sNew)
End Sub

Sub InsertAfter(oDoc As Object, sAfter As String, sText As String)
  Dim oRange As Object
  oRange = FindText(oDoc, sAfter)
  oRange.collapseToEnd()
  oRange.getText().insertString(oRange, sText, False)
End Sub

Sub Main
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  Dim aStore(0) As New com.sun.star.beans.PropertyValue
  Dim oDoc As Object
  Dim nTry As Integer
  On Error GoTo Failed
  ' Not hidden: inserting a comment into a hidden document crashes LibreOffice (headless
  ' anyway, nothing is shown).
  aLoad(0).Name = "Hidden"
  aLoad(0).Value = False
  ' Started from the command line, the desktop may not take documents yet: try again.
  For nTry = 1 To 20
    oDoc = StarDesktop.loadComponentFromURL(@SOURCE@, "_blank", 0, aLoad())
    If Not IsNull(oDoc) Then Exit For
    Wait 500
  Next nTry
  oDoc.RecordChanges = True
@STEPS@  aStore(0).Name = "FilterName"
  aStore(0).Value = "MS Word 2007 XML"
  oDoc.storeToURL(@TARGET@, aStore())
  oDoc.close(True)
  StarDesktop.terminate()
  Exit Sub
Failed:
  Note("error " &amp; Err &amp; " line " &amp; Erl &amp; ": " &amp; Error$)
  StarDesktop.terminate()
End Sub
</script:module>
"""


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run soffice in its own process group; on timeout the whole group is stopped (the
    soffice script starts soffice.bin, which a plain kill would leave running)."""
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RuntimeError(f"LibreOffice did not finish in {timeout} s: {args[-1]}") from None
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def review_in_libreoffice(
    source: Path, target: Path, steps: Sequence[Step], timeout: float = 240
) -> None:
    """Open ``source`` in LibreOffice, apply ``steps`` in order, save ``target`` as .docx."""
    with tempfile.TemporaryDirectory(prefix="vankien-lo-review-") as tmp:
        profile = Path(tmp) / "profile"
        soffice = [soffice_path(), f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        # A new profile is filled with defaults at the first start (which would overwrite a
        # macro library written before): start once to create it, then put the macro in.
        _run([*soffice, "--terminate_after_init"], timeout)
        # A copy of its own: a lock file left next to the source by another LibreOffice
        # would make the load fail.
        copy = Path(tmp) / "in.docx"
        shutil.copy(source, copy)
        out = Path(tmp) / "out.docx"
        log = Path(tmp) / "macro.log"
        module = (
            MODULE.replace("@SOURCE@", _basic(copy.as_uri()))
            .replace("@TARGET@", _basic(out.as_uri()))
            .replace("@LOG@", _basic(str(log)))
            .replace("@STEPS@", "".join(_step(s) for s in steps))
        )
        (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(
            module, encoding="utf-8"
        )
        proc = _run([*soffice, "--norestore", "macro:///Standard.Module1.Main"], timeout)
        if not out.is_file():
            raise RuntimeError(
                f"LibreOffice did not save the reviewed copy (exit {proc.returncode}): "
                + (log.read_text(encoding="utf-8") if log.is_file() else "")
                + proc.stderr.decode("utf-8", "replace")
            )
        shutil.copy(out, target)
