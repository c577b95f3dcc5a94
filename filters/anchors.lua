--[[
anchors.lua — every paragraph, heading, list item and table cell gets an invisible anchor: a
div around it (in a footnote, an empty span at its end) whose identifier names the skeleton file and line it came from («vk03L120»),
which pandoc's docx writer turns into a bookmark around the paragraph; the build's
post-processing moves it into the paragraph and hides it (renames it «_vk03L120»: pandoc would
hash a name starting with «_»). A div, not a span inside the block: the block itself is left
untouched, and a changed block is what costs (pandoc hands its every inline to Lua and back:
about a third of the whole pandoc run). A reviewed copy sent back from Word
is read through them (vankien.word.anchors has the naming scheme).

The build asks for anchors with metadata vk-anchor-files («NN:start:skipped» per skeleton
file, ";"-separated: the file's first line is line «start» of the joined text, after «skipped»
leading blank lines were cut; a file with lines the build inserted has one entry per stretch,
and «--:start:0» entries for the inserted lines, which get no anchor).

How a block finds its line, without reading the text a second time: the source pandoc read is
reduced to its letters and digits (the «key»: ASCII punctuation and spaces dropped, every
non-ASCII byte kept; HTML comments, link destinations, reference labels and {attributes} taken
out, since no block's text comes from them), with the key offset where each line starts. A
block's own text reduced the same way starts with the same bytes, so the blocks, in the order
they were written, are found one after the other in the key: each is searched from where the
one before it was found, and the line holding the found offset is the block's line. The first
PREFIX bytes are searched; when that fails (an entity, an inline tag or a footnote mark inside
them) the first SHORT bytes, then the first word alone. A character reference («&amp;»,
«&#45;», the punctuation of a filled-in value) counts as the punctuation it is. A block whose
text is not found within REACH bytes gets no anchor and moves nothing. Footnotes, whose text
pandoc places at their mark but which are written further down, are found afterwards with a
cursor of their own. One walk of the blocks, one pass over the text: cheap, and nothing as big
as a second reading is held.

Runs last, so no other filter ever sees an anchor; the blocks it finds are those the other
filters left (list items made paragraphs, placeholders removed: their text is still the
writer's). The lines the build made (a div of class «vk-built»: the guidance shown in a draft,
the «Phần thứ …» line above a part's heading) are nobody's and get no anchor. Without vk-anchor-files it only takes its
metadata away.
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify
local CLASS = 'vk-anchor'
local BUILT = 'vk-built' -- a div of lines the build made (guidance.lua, part-heading.lua)
local PREFIX = 48 -- key bytes of a block's text that are searched for
local SHORT = 16 -- when those are not found: this many (something odd came later)
local REACH = 200000 -- a block found further than this from the previous one is not trusted

local files = {}
local used = {}

local function parse_files(text)
  local out = {}
  for prefix, start, skipped in text:gmatch('([%d%-][%d%-]):(%d+):(%d+)') do
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
    else
      break
    end
  end
  if found == nil or found.prefix == '--' then
    -- before the first file, or lines the build inserted (a target table): no writer's line
    return nil, nil
  end
  return found.prefix, line - found.start + 1 + found.skipped
end

-- Letters and digits only: what a block's text and its source have in common.
local function keyed(text)
  return (text:gsub('[%c%p%s]', ''))
end

-- Only the newlines of ``text``: what is taken out keeps the lines where they were.
local function newlines(text)
  return (text:gsub('[^\n]', ''))
end

-- ``{…}`` that is an attribute (not a ``{{variable}}``, which is text the block holds).
local function attribute(text)
  if text:sub(2, 2) == '{' then
    return text
  end
  return newlines(text)
end

-- The key of the source text and the key offset where each of its lines starts.
local function source_key(text)
  text = text:gsub('<!%-%-.-%-%->', newlines)
  text = text:gsub('%]%b()', function(m)
    return ']' .. newlines(m)
  end)
  text = text:gsub('%]%[[^%]\n]*%]', ']')
  text = text:gsub('%b{}', attribute)
  -- a character reference stands for one character: «&#45;» is the «-» of a filled-in value
  text = text:gsub('&#[xX]?%x+;', '-'):gsub('&%a+;', '-')
  local parts, starts, length = {}, {}, 0
  for line in (text .. '\n'):gmatch('([^\n]*)\n') do
    local key = keyed(line)
    starts[#starts + 1] = length + 1
    parts[#parts + 1] = key
    length = length + #key
  end
  return table.concat(parts), starts
end

-- The line (1-based) holding key offset ``at``.
local function line_of(starts, at)
  local low, high = 1, #starts
  while low < high do
    local mid = (low + high + 1) // 2
    if starts[mid] <= at then
      low = mid
    else
      high = mid - 1
    end
  end
  return low
end

-- The key of the start of a block's text (PREFIX bytes), and the key of its first word. The
-- text comes from pandoc's own stringify, which works on the document where it is: no
-- inline of the block is handed over to Lua (footnotes are left out, as here).
local function block_key(block)
  local text = stringify(block)
  return keyed(text):sub(1, PREFIX), keyed(text:match('^%s*(%S*)'))
end

-- Finds blocks in the key, each after the one before.
local function finder(key, starts)
  local cursor = 1
  return function(block)
    local prefix, first = block_key(block)
    if prefix == '' then
      return nil
    end
    for _, wanted in ipairs({ prefix, prefix:sub(1, SHORT), first }) do
      local at = key:find(wanted, cursor, true)
      if at ~= nil and at - cursor <= REACH then
        cursor = at + #wanted
        return line_of(starts, at)
      end
    end
    return nil
  end
end

-- The anchor's identifier for a block that starts on joined line ``line``, or nil.
local function anchor(line)
  if not line then
    return nil
  end
  local prefix, file_line = locate(line)
  if prefix == nil then
    return nil
  end
  local base = 'vk' .. prefix .. 'L' .. tostring(file_line)
  local rank = (used[base] or 0) + 1
  used[base] = rank
  return rank == 1 and base or (base .. '_' .. tostring(rank))
end

-- The source text pandoc read (the build passes one file).
local function source_text()
  local parts = {}
  for _, path in ipairs(PANDOC_STATE.input_files) do
    local handle = assert(io.open(path, 'rb'))
    parts[#parts + 1] = handle:read('a')
    handle:close()
  end
  return table.concat(parts, '\n')
end

-- The block ``el`` with anchor ``name``: in a div around it, or, in a footnote (where pandoc
-- would put the note's number in a paragraph of its own above a div), as an empty span
-- at its end (footnotes are few).
local function with_anchor(el, name, in_note)
  if in_note then
    el.content:insert(pandoc.Span({}, pandoc.Attr(name, { CLASS })))
    return el
  end
  return pandoc.Div({ el }, pandoc.Attr(name, { CLASS }))
end

-- ``node`` (a document, or a footnote's blocks) with its blocks anchored; a block's inlines
-- are not entered, so a footnote inside them is left for its own pass.
local function anchored(node, find, in_note)
  local function add(el)
    local name = anchor(find(el))
    if name == nil then
      return nil, false
    end
    return with_anchor(el, name, in_note), false
  end
  local function built(div)
    if div.classes:includes(BUILT) then
      return nil, false
    end
    return nil
  end
  return node:walk({
    traverse = 'topdown',
    Div = built,
    Para = add,
    Plain = add,
    Header = add,
  })
end

local function Pandoc(doc)
  local spec = doc.meta['vk-anchor-files']
  doc.meta['vk-anchor-files'] = nil
  if spec == nil then
    return doc
  end
  files = parse_files(stringify(spec))
  used = {}
  local text = source_text()
  local key, starts = source_key(text)
  doc = anchored(doc, finder(key, starts), false)
  if text:find('[^', 1, true) then
    local find_note = finder(key, starts)
    doc = doc:walk({
      Note = function(note)
        return pandoc.Note(anchored(pandoc.Div(note.content), find_note, true).content)
      end,
    })
  end
  return doc
end

return {
  { Pandoc = Pandoc },
}
