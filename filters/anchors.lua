--[[
anchors.lua — every paragraph, heading, list item and table cell gets an invisible anchor: an
empty span whose identifier names the skeleton file and line it came from («vk03L120»), which
pandoc's docx writer turns into a bookmark; the build's post-processing hides it (renames it
«_vk03L120»: pandoc would hash a name starting with «_»). A reviewed copy
sent back from Word is read through them (vankien.word.anchors has the naming scheme).

The build reads the Markdown with pandoc's «sourcepos» extension only when it wants anchors
(metadata vk-anchor-files, «NN:start:skipped» per skeleton file, ";"-separated: the file's
first line is line «start» of the joined text, after «skipped» leading blank lines were cut).
Sourcepos wraps every block and inline in a «wrapper» Div or Span carrying «data-pos»; this
filter reads the line, then takes the wrappers and the data-pos attributes away and joins the
text it split, so that every later filter sees the document it would see without sourcepos,
plus the anchor spans (class «vk-anchor», always the last inline of their block).
Runs first. Without vk-anchor-files and without wrappers it changes nothing.
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify
local CLASS = 'vk-anchor'

local files = {}
local used = {}

local function parse_files(text)
  local out = {}
  for prefix, start, skipped in text:gmatch('(%d%d):(%d+):(%d+)') do
    out[#out + 1] = { prefix = prefix, start = tonumber(start), skipped = tonumber(skipped) }
  end
  return out
end

-- The skeleton file prefix and its line for a line of the joined text.
local function locate(line)
  local found = nil
  for _, file in ipairs(files) do
    if file.start <= line then
      found = file
    end
  end
  if found == nil then
    return nil, nil
  end
  return found.prefix, line - found.start + 1 + found.skipped
end

local function is_wrapper(el)
  return el.attributes ~= nil and el.attributes['wrapper'] == '1'
end

-- The line the first positioned inline of a block starts on.
local function first_line(inlines)
  for _, inline in ipairs(inlines) do
    if inline.t == 'Span' and is_wrapper(inline) then
      -- "12:1-12:5", or "name@12:1-12:5" when pandoc read a named file
      local pos = (inline.attributes['data-pos'] or ''):gsub('^[^@]*@', '')
      local line = pos:match('^(%d+):')
      if line ~= nil then
        return tonumber(line)
      end
    end
  end
  return nil
end

local function anchor(block)
  local line = first_line(block.content)
  if line == nil then
    return nil
  end
  local prefix, file_line = locate(line)
  if prefix == nil then
    return nil
  end
  local base = 'vk' .. prefix .. 'L' .. tostring(file_line)
  local rank = (used[base] or 0) + 1
  used[base] = rank
  local name = rank == 1 and base or (base .. '_' .. tostring(rank))
  block.content:insert(pandoc.Span({}, { id = name, class = CLASS }))
  return block
end

local function unwrap_span(span)
  if is_wrapper(span) then
    return span.content
  end
  span.attributes['data-pos'] = nil
  return span
end

local function unwrap_div(div)
  if is_wrapper(div) then
    return div.content
  end
  div.attributes['data-pos'] = nil
  return div
end

local function drop_pos(el)
  el.attributes['data-pos'] = nil
  return el
end

-- Sourcepos splits the text at punctuation ("I" "." ); without it pandoc gives one Str.
local function join_strs(inlines)
  local out = pandoc.Inlines({})
  for _, inline in ipairs(inlines) do
    local last = out[#out]
    if inline.t == 'Str' and last ~= nil and last.t == 'Str' then
      last.text = last.text .. inline.text
    else
      out:insert(inline)
    end
  end
  return out
end

local function Pandoc(doc)
  local spec = doc.meta['vk-anchor-files']
  doc.meta['vk-anchor-files'] = nil
  if spec ~= nil then
    files = parse_files(stringify(spec))
    doc = doc:walk({ traverse = 'topdown', Para = anchor, Plain = anchor, Header = anchor })
  end
  doc = doc:walk({
    Span = unwrap_span,
    Div = unwrap_div,
    Header = drop_pos,
    Table = drop_pos,
    CodeBlock = drop_pos,
    Code = drop_pos,
    Link = drop_pos,
    Image = drop_pos,
    Figure = drop_pos,
  })
  return doc:walk({ Inlines = join_strs })
end

return {
  { Pandoc = Pandoc },
}
