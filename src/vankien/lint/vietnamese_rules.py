"""The Vietnamese language checks (package ``vankien.lint.vietnamese``) as lint rule checks
(the rules themselves, with their codes and defaults, are listed in registry.py).

The checks themselves are pure functions over text, written and tested in their own package;
this module only feeds them the document's prose (headings, paragraphs with soft wraps joined,
list items; code, comments and URLs masked) and maps their spans back to files. A hit that
touches a protected span (code, a URL, a link destination, a comment, an attribute, a
variable) is dropped: the checks do not read those, so such a hit is about the masking, not
about the prose. A fix is offered only when the check marks it safe and it stays within one
source line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from vankien.lint.model import Context, Fix, Hit
from vankien.report.document import SourceFile, TextUnit, shown

if TYPE_CHECKING:
    from vankien.lint.vietnamese.checks import LangConfig, TextHit
    from vankien.lint.vietnamese.syllable import ToneStyle

TextCheck = Callable[[str, "LangConfig"], Iterator["TextHit"]]


def _lang(ctx: Context) -> LangConfig:
    cfg = ctx.cache.get("lang")
    if cfg is None:
        from vankien.lint.vietnamese.checks import load_lang_config

        cfg = load_lang_config(
            tone_style=ctx.config.tone_style,
            extra_terms=ctx.config.extra_terms,
            cache=ctx.report.cache_folder,
        )
        ctx.cache["lang"] = cfg
    return cfg


def _to_hit(source: SourceFile, unit: TextUnit, hit: TextHit) -> Hit | None:
    start = unit.file_offset(hit.start)
    end = unit.file_offset(hit.end)
    if source.touches_protected(start, max(end, start + 1)):
        return None
    line, col = source.loc(start)
    message = shown(hit.message)
    fix = None
    same_line = source.loc(max(start, end - 1))[0] == line
    if hit.fixable and hit.suggestion is not None and same_line and end >= start:
        fix = Fix(start, end, hit.suggestion)
    return Hit(source.rel, line, col, message, fix)


def _lang_stamp(ctx: Context) -> str:
    """Changes with the checks' code, their word lists and the lint settings they read."""
    stamp = ctx.cache.get("lang-stamp")
    if stamp is None:
        from pathlib import Path

        from vankien.report.cache import digest, stamp_of
        from vankien.resources import language_data

        package = Path(__file__).resolve().parent / "vietnamese"
        files = sorted(package.glob("*.py")) + language_data()
        stamp = digest(
            stamp_of(files), ctx.config.tone_style, "|".join(sorted(ctx.config.extra_terms))
        )
        ctx.cache["lang-stamp"] = stamp
    return str(stamp)


def _check(name: str) -> TextCheck:
    """A check of the language package, imported only when a text is not in the cache."""
    import vankien.lint.vietnamese.checks as package

    check: TextCheck = getattr(package, name)
    return check


def _remembered(ctx: Context, key: str, text: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` for ``text``, remembered across runs by the text itself (most text does
    not change between two commits, and the language checks are the slowest part of a run)."""
    cache = ctx.report.run_cache
    if cache is None:
        return compute()
    digests: dict[str, str] = ctx.cache.setdefault("text-digests", {})
    text_key = digests.get(text)
    if text_key is None:
        from vankien.report.cache import digest

        text_key = digests[text] = digest(_lang_stamp(ctx), text)
    full = f"vi:{key}:{text_key}"
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.put(full, found)
    return found


def _text_hits(ctx: Context, code: str, name: str, text: str) -> list[TextHit]:
    hits: list[TextHit] = _remembered(ctx, code, text, lambda: list(_check(name)(text, _lang(ctx))))
    return hits


def _style_counts(ctx: Context, text: str) -> tuple[int, int]:
    def compute() -> tuple[int, int]:
        from vankien.lint.vietnamese.checks import tone_style_counts

        return tone_style_counts(text)

    first, second = _remembered(ctx, "VI006-count", text, compute)
    return int(first), int(second)


def _units(ctx: Context, code: str, name: str) -> Iterator[Hit]:
    for source in ctx.report.files:
        for unit in source.units:
            for hit in _text_hits(ctx, code, name, unit.text):
                found = _to_hit(source, unit, hit)
                if found is not None:
                    yield found


def check_unicode_form(ctx: Context) -> Iterator[Hit]:
    """What it flags: chữ không ở dạng Unicode dựng sẵn (NFC), ví dụ gõ bằng dấu tổ hợp
    (chữ cái rồi mới đến dấu thanh); mỗi dòng báo một lần (mỗi đoạn chữ giữa hai chỗ mã hay địa
    chỉ web, nếu dòng có chúng: những chỗ đó giữ nguyên như đã viết).

    Why: bộ mã của văn bản là TCVN 6909:2001 (Unicode dựng sẵn); chữ ở dạng tổ hợp trông giống
    hệt nhưng làm sai tìm kiếm, sắp xếp, kiểm tra chính tả và có khi hiện sai phông chữ.

    Example: «Đảng» gõ thành «Đa» + dấu hỏi tổ hợp + «ng» (thường do dán từ trang web hoặc PDF).

    Use instead: chữ dựng sẵn; lệnh ``vankien lint --fix`` chuyển tự động, không đổi nội dung.
    """
    for source in ctx.report.files:
        for number in range(1, len(source.line_starts) + 1):
            if number in source.masked_lines:
                continue
            text = source.line_text(number)
            if text.isascii():
                continue
            line_start = source.line_starts[number - 1]
            # The line's prose only: code, URLs and the like are left as written.
            for base, end in source.unprotected(line_start, line_start + len(text)):
                piece = source.text[base:end]
                if piece.isascii():
                    continue
                for hit in _text_hits(ctx, "VI001", "check_unicode_form", piece):
                    fix = (
                        Fix(base + hit.start, base + hit.end, hit.suggestion)
                        if (hit.fixable and hit.suggestion is not None)
                        else None
                    )
                    col = base - line_start + hit.start + 1
                    yield Hit(source.rel, number, col, hit.message, fix)


def check_lookalike(ctx: Context) -> Iterator[Hit]:
    """What it flags: chữ cái trông giống nhưng khác mã: «Ð/ð» (eth) hay «Ɖ» thay cho «Đ/đ»;
    chữ Kirin hay Hy Lạp lẫn trong một từ tiếng Việt.

    Why: mắt không phân biệt được, nhưng máy coi là chữ khác: tìm «Đảng» sẽ không thấy «Ðảng».

    Example: «Ðảng bộ» (chữ Ð là eth U+00D0).

    Use instead: «Đảng bộ» (chữ Đ U+0110); ``--fix`` thay tự động.
    """
    return _units(ctx, "VI002", "check_lookalike_letters")


def check_invisible(ctx: Context) -> Iterator[Hit]:
    """What it flags: ký tự vô hình: khoảng trắng độ rộng 0, dấu định hướng, gạch nối mềm,
    ký tự điều khiển, khoảng trắng không ngắt.

    Why: chúng lọt vào khi sao chép từ web hay Word, làm một từ bị tách đôi khi tìm kiếm, làm
    ngắt dòng sai hoặc hiện thành ô vuông.

    Example: «quán\\u200btriệt» (có ký tự độ rộng 0 giữa hai chữ).

    Use instead: xóa ký tự vô hình hoặc thay bằng dấu cách thường (thông báo chỉ rõ).
    """
    return _units(ctx, "VI003", "check_invisible_characters")


def check_legacy(ctx: Context) -> Iterator[Hit]:
    """What it flags: chữ còn ở bảng mã cũ (TCVN3/ABC, VNI) hoặc chữ hỏng mã (UTF-8 bị đọc
    nhầm thành Windows-1252), nhận ra từng chữ một.

    Why: đoạn dán từ văn bản cũ gõ bằng phông .VnTime hay VNI-Times hiện thành ký hiệu lạ.

    Example: «§¶ng bé» (TCVN3) cho «Đảng bộ»; «baùo caùo» (VNI); «Viá»‡t» (hỏng mã).

    Use instead: chữ Unicode; ``--fix`` đổi từng chữ nhận ra được (không đổi cả dòng, để phần
    đã đúng không bị hỏng).
    """
    return _units(ctx, "VI004", "check_legacy_encoding")


def check_tone_placement(ctx: Context) -> Iterator[Hit]:
    """What it flags: dấu thanh đặt sai vị trí theo mọi kiểu bỏ dấu: «qúy», «gìa», «hòang»,
    «ngòai», «ngừơi».

    Why: đây là lỗi gõ, không phải một kiểu viết; chữ sai vị trí dấu còn làm hỏng tìm kiếm.

    Example: «Đảng ủy qúy trọng», «ngừơi đứng đầu».

    Use instead: «quý», «người»; ``--fix`` chuyển dấu về đúng chỗ.
    """
    return _units(ctx, "VI005", "check_tone_placement")


def check_tone_style(ctx: Context) -> Iterator[Hit]:
    """What it flags: chữ có vần oa, oe, uy (không có phụ âm cuối) bỏ dấu khác kiểu với cả văn
    bản: «hòa, khỏe, thủy» (dấu ở nguyên âm đầu) lẫn với «hoà, khoẻ, thuỷ» (dấu ở nguyên âm
    sau). Kiểu chuẩn là kiểu đặt trong report.yaml (``lint: tone_style``), nếu không thì kiểu
    chiếm đa số trong văn bản.

    Why: cả hai kiểu đều được dùng, nhưng một văn bản chỉ dùng một kiểu.

    Example: «Đảng ủy» và «Đảng uỷ» trong cùng một báo cáo.

    Use instead: một kiểu thống nhất; ``--fix`` chuyển theo kiểu chuẩn.
    """
    first = second = 0
    for unit in ctx.report.units():
        a, b = _style_counts(ctx, unit.text)
        first, second = first + a, second + b
    # The configured style, else the majority (as document_style decides; computed here so
    # that a run whose language hits all come from the cache does not load the word lists).
    configured = ctx.config.tone_style
    style: ToneStyle | None
    if configured in ("first", "second"):
        style = "first" if configured == "first" else "second"
    elif first != second:
        style = "first" if first > second else "second"
    else:
        style = None
    if style is None:
        return

    chosen: ToneStyle = style

    for source in ctx.report.files:
        for unit in source.units:
            found: list[TextHit] = _remembered(
                ctx, f"VI006-{chosen}", unit.text, partial(_restyle, unit.text, chosen)
            )
            for hit in found:
                mapped = _to_hit(source, unit, hit)
                if mapped is not None:
                    yield mapped


def _restyle(text: str, style: ToneStyle) -> list[TextHit]:
    from vankien.lint.vietnamese.checks import check_tone_style

    return list(check_tone_style(text, style))


def check_doubled(ctx: Context) -> Iterator[Hit]:
    """What it flags: một từ bị gõ hai lần liền nhau, kể cả khi lặp qua chỗ xuống dòng.
    Không báo các từ láy, những cặp mà mỗi chữ thuộc một từ đúng («hành vi vi phạm») và chữ
    thứ hai viết hoa mở đầu một tên riêng («Trưởng ban Ban Tuyên giáo»).

    Why: chữ lặp là dấu hiệu sửa dở hay dán chồng.

    Example: «Công tác tác bảo vệ chính trị nội bộ», «thực hiện hiện Kết luận».

    Use instead: «Công tác bảo vệ chính trị nội bộ», «thực hiện Kết luận».
    """
    return _units(ctx, "VI007", "check_doubled_words")


def check_misspelling(ctx: Context) -> Iterator[Hit]:
    """What it flags: cụm từ viết sai chính tả có trong danh sách lỗi thường gặp (dữ liệu:
    vankien/data/vietnamese/misspellings.yaml).

    Why: những lỗi này lặp đi lặp lại trong văn bản hành chính và dễ lọt qua khi đọc lại.

    Example: «sát nhập», «bổ xung», «sử lý», «chuẩn đoán».

    Use instead: «sáp nhập», «bổ sung», «xử lý», «chẩn đoán».
    """
    return _units(ctx, "VI008", "check_misspellings")


def check_near_miss(ctx: Context) -> Iterator[Hit]:
    """What it flags: cụm chữ chỉ cách một thuật ngữ của văn kiện Đảng một lỗi gõ nhỏ (sai dấu,
    sai một chữ cái, lẫn ch/tr, s/x, n/ng…), mà bản thân cụm đó không phải là từ (danh sách
    thuật ngữ là dữ liệu: vankien/data/vietnamese/watchlist.txt).

    Why: trình kiểm tra chính tả theo âm tiết bỏ qua những lỗi này vì mỗi âm tiết vẫn đúng.

    Example: «quán triển», «gián sát», «chất lương», «TRONG TÂM».

    Use instead: «quán triệt», «giám sát», «chất lượng», «TRỌNG TÂM». Tên riêng hay thuật ngữ
    đúng mà bị báo nhầm: thêm vào ``lint: extra_terms`` trong report.yaml.
    """
    return _units(ctx, "VI009", "check_term_near_misses")


def check_punctuation(ctx: Context) -> Iterator[Hit]:
    """What it flags: dấu cách sai quanh dấu câu: có dấu cách trước , . ; : ! ? và trước dấu
    đóng ngoặc; thiếu dấu cách sau dấu câu; dấu cách thừa.

    Why: quy tắc trình bày văn bản tiếng Việt: dấu câu dính vào chữ trước, cách chữ sau.

    Example: «cán bộ , đảng viên», «nhiệm vụ.Trong đó».

    Use instead: «cán bộ, đảng viên», «nhiệm vụ. Trong đó»; ``--fix`` sửa dấu cách.
    """
    return _units(ctx, "VI010", "check_punctuation_spacing")


def check_brackets(ctx: Context) -> Iterator[Hit]:
    """What it flags: dấu ngoặc ( ) [ ] và dấu nháy “ ” ‘ ’ « » không thành cặp trong một đoạn.

    Why: ngoặc mở mà không đóng làm người đọc không biết phần chú thích kết thúc ở đâu; thường
    do sửa dở.

    Example: «(Quy định số 126-QĐ/TW ngày 28/02/2018 của Bộ Chính trị (nay là Quy định số
    58-QĐ/TW) và các Hướng dẫn …» (thiếu một ngoặc đóng).

    Use instead: đóng đủ ngoặc, nháy ở đúng chỗ.
    """
    return _units(ctx, "VI011", "check_unbalanced_brackets")


def check_invalid_syllable(ctx: Context) -> Iterator[Hit]:
    """What it flags: chữ không thể là âm tiết tiếng Việt: sai luật ghép âm (k/gh/ngh chỉ
    đứng trước i, e, ê; c/g/ng không đứng trước chúng; vần có âm cuối -p, -t, -c, -ch chỉ mang
    dấu sắc hoặc nặng; thiếu hay thừa âm cuối) hoặc không có trong từ nào của từ điển. Chữ viết
    hoa giữa câu cũng được kiểm tra, trừ khi trông như tên riêng (sau «đồng chí», «ông», «bà»,
    «tỉnh», «xã»…, hay bắt đầu bằng một họ). Không kiểm tra chữ viết tắt, mã văn bản, đơn vị,
    số La Mã, tên nước ngoài.

    Why: đây là lỗi gõ phím (thiếu, thừa hay nhầm một chữ cái, sai dấu); kiểm tra theo luật
    chính tả bắt được cả những lỗi không có trong danh sách nào.

    Example: «ngiêm túc», «kương quyết», «quyêt định», «thàh lập», «Ủy ban Kiễm tra».

    Use instead: «nghiêm túc», «cương quyết», «quyết định», «thành lập», «Ủy ban Kiểm tra».
    ``--fix`` chỉ sửa lỗi viết k/c, g/gh, ng/ngh (cùng một âm); các lỗi khác cần người viết
    chọn chữ đúng. Từ đúng mà bị báo nhầm: thêm vào ``lint: extra_terms`` trong report.yaml.
    """
    return _units(ctx, "VI012", "check_invalid_syllables")


def check_dropped_syllable(ctx: Context) -> Iterator[Hit]:
    """What it flags: thuật ngữ cố định của văn kiện Đảng bị sót một âm tiết ở giữa
    (danh sách thuật ngữ: vankien/data/vietnamese/watchlist.txt và ``lint: extra_terms``).

    Why: khi sửa hay gõ nhanh, một chữ trong cụm dài dễ bị rơi mất; phần còn lại không còn là
    tên đúng của cơ quan, chức danh hay chủ trương.

    Example: «Ban Thường Đảng ủy», «phòng chống nhũng».

    Use instead: «Ban Thường vụ Đảng ủy», «phòng chống tham nhũng».
    """
    return _units(ctx, "VI013", "check_dropped_syllables")


def _module_check(module: str, name: str) -> TextCheck:
    """A check of a module of the language package that ``checks`` does not list."""
    import importlib

    check: TextCheck = getattr(importlib.import_module(f"vankien.lint.vietnamese.{module}"), name)
    return check


def _run_module(ctx: Context, module: str, name: str, text: str) -> list[TextHit]:
    return list(_module_check(module, name)(text, _lang(ctx)))


def _module_units(ctx: Context, code: str, module: str, name: str) -> Iterator[Hit]:
    for source in ctx.report.files:
        for unit in source.units:
            compute = partial(_run_module, ctx, module, name, unit.text)
            hits: list[TextHit] = _remembered(ctx, code, unit.text, compute)
            for hit in hits:
                found = _to_hit(source, unit, hit)
                if found is not None:
                    yield found


def check_confusion(ctx: Context) -> Iterator[Hit]:
    """What it flags: một chữ viết bằng chữ kia của một cặp dễ lẫn (s/x, ch/tr, d/gi/r, l/n,
    hỏi/ngã) mà cả hai cách viết đều là âm tiết có thật, khi ngữ cảnh cho thấy cách kia mới
    đúng: cách đã viết không ghép với chữ trước hay sau thành từ nào, còn cách kia thì có
    (cặp dễ lẫn và chữ ngữ cảnh là dữ liệu: vankien/data/vietnamese/confusions.txt).

    Why: trình kiểm tra chính tả theo âm tiết bỏ qua lỗi này vì «sử», «dải», «mỡ» đều là chữ
    có thật; chỉ ngữ cảnh mới cho biết đó là lỗi.

    Example: «tăng cường sử phạt», «tinh thần cởi mỡ», «làm dõ trách nhiệm».

    Use instead: «tăng cường xử phạt», «tinh thần cởi mở», «làm rõ trách nhiệm». Không tự sửa:
    người viết đọc lại và chọn. Thuật ngữ văn kiện Đảng gõ nhầm («dải pháp») do VI009 báo.
    """
    return _module_units(ctx, "VI014", "confusions", "check_confusions")


def check_dash(ctx: Context) -> Iterator[Hit]:
    """What it flags: gạch nối giữa hai chữ hay hai số mà chỉ có dấu cách ở một bên: «kinh tế-
    xã hội», «kinh tế -xã hội», «tháng 6 -8». (Khoảng năm như «2019 -2024» do CON003 báo.)

    Why: quy ước của văn bản: gạch nối nối hai vế thì mỗi bên một dấu cách («kinh tế - xã
    hội», «2020 - 2025», như bản in), còn gạch nối trong mã, số hiệu thì viết liền («21-NQ/TW»).
    Dấu cách một bên là gõ sót; khi in, dòng có thể bị ngắt ngay sau gạch nối.

    Example: «phát triển kinh tế- xã hội», «từ ngày 15 -20 hằng tháng».

    Use instead: «phát triển kinh tế - xã hội», «từ ngày 15 - 20 hằng tháng»; ``--fix`` thêm
    dấu cách còn thiếu khi hai bên đều là chữ hoặc đều là số (bên cạnh mã, tên viết tắt thì
    người viết chọn viết liền hay cách).
    """
    return _module_units(ctx, "VI015", "dashes", "check_dash_spacing")


def check_repeated_phrase(ctx: Context) -> Iterator[Hit]:
    """What it flags: một cụm hai hoặc ba từ bị gõ hai lần liền nhau, kể cả khi lặp qua chỗ
    xuống dòng (từ đơn bị lặp do VI007 báo).

    Why: cụm lặp là dấu hiệu sửa dở hay dán chồng, mắt người đọc lại dễ trượt qua.

    Example: «các nhiệm vụ đã được đã được triển khai».

    Use instead: «các nhiệm vụ đã được triển khai». Không tự sửa: có khi người viết định sửa
    một bản, không phải xóa.
    """
    return _module_units(ctx, "VI016", "phrases", "check_repeated_phrases")
