--[[
raw-html.lua — text written inside HTML is kept, as plain text, never dropped.

Pandoc's reader keeps HTML it finds in the Markdown as raw HTML, and the docx writer drops raw
HTML: a line «<div>Nội dung…</div>» would vanish from the document without a word. Here every
raw HTML block or inline that holds text is read as HTML and replaced by its text (paragraphs,
emphasis, lists, tables kept; classes, styles and other attributes dropped), with a warning;
the linter reports the same HTML as an error (rule MD002) with its file and line. HTML that
holds no text (a tag alone, «<br>», a comment) is left to the writer, which drops it. Runs
after guidance.lua, which reads the guidance comments.
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify

local function is_html(raw)
  return raw.format == 'html' or raw.format == 'html5' or raw.format == 'html4'
end

-- The text a reader would see: comments and tags removed, entities left for the HTML reader.
local function visible_text(html)
  local text = html:gsub('<!%-%-.-%-%->', ' '):gsub('<[^>]*>', ' ')
  return text:match('^%s*(.-)%s*$')
end

local function short(text)
  local flat = text:gsub('%s+', ' '):match('^%s*(.-)%s*$')
  if utf8.len(flat) ~= nil and utf8.len(flat) > 40 then
    flat = flat:sub(1, utf8.offset(flat, 41) - 1) .. '…'
  end
  return flat
end

-- The HTML as pandoc elements, without the attributes, wrappers and raw pieces of HTML.
local plain = {
  Div = function(div)
    return div.content
  end,
  Span = function(span)
    return span.content
  end,
  RawBlock = function()
    return {}
  end,
  RawInline = function()
    return {}
  end,
  Header = function(header)
    -- A heading inside HTML is not one of the outline's headings: keep its words as a
    -- paragraph, so that numbering and the table of contents stay the outline's.
    return pandoc.Para(header.content)
  end,
}

local function as_text(raw)
  local blocks = pandoc.read(raw.text, 'html').blocks:walk(plain)
  warn(
    'vankien: HTML «' .. short(raw.text) .. '» không vào được văn bản Word: đã giữ lại phần chữ «'
      .. short(stringify(blocks)) .. '», bỏ thẻ HTML (chạy «vankien lint» để xem vị trí)'
  )
  return blocks
end

local function RawBlock(raw)
  if not is_html(raw) or visible_text(raw.text) == '' then
    return nil
  end
  return as_text(raw)
end

local function RawInline(raw)
  if not is_html(raw) or visible_text(raw.text) == '' then
    return nil
  end
  return pandoc.utils.blocks_to_inlines(as_text(raw))
end

return {
  { RawBlock = RawBlock, RawInline = RawInline },
}
